//! Settings: what `thresh.toml` holds, found by walking up from the input (closest wins),
//! replaced by `--config FILE`, and overridden field by field by CLI flags.
//!
//! Keys are kebab-case; an unknown key is an error that names the file and line.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::ConfigError;

/// The name of the configuration file looked for next to the inputs.
pub const CONFIG_FILE_NAME: &str = "thresh.toml";

/// Everything that shapes a pipeline run.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct Settings {
    /// Rule codes or prefixes to enable (empty: all).
    pub select: Vec<String>,
    /// Rule codes or prefixes to disable.
    pub ignore: Vec<String>,
    /// Stages (by registry name) that do not run.
    pub skip_stages: Vec<String>,
    /// Overrides for paths matching globs (relative to the configuration file's folder),
    /// applied in order on top of the settings above.
    pub per_path: Vec<PathOverride>,
    pub input: InputSettings,
    pub decode: crate::stages::decode::DecodeSettings,
    pub debris: crate::stages::debris::DebrisSettings,
    pub repeats: crate::stages::repeats::RepeatsSettings,
    /// `[dups]`: the near-duplicate search.
    pub dups: crate::dups::DupSettings,
    /// `[check]`: what `thresh check` compares the checked files with.
    pub check: CheckSettings,
    /// Whether edits keep the texts they changed. Set by the caller for the run, not
    /// read from a file.
    #[serde(skip)]
    pub edit_texts: EditTexts,
}

/// Whether edits that change text inside a line keep its text before and after. A report
/// and `thresh check` show them; a run that writes neither reads them nowhere, and
/// normalize changes most lines of a scraped page: a copy of each old and new line was a
/// third of the time of cleaning a large document, most of it in memory allocation.
/// Removed text is always kept, as later stages read it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum EditTexts {
    #[default]
    Kept,
    /// Replacement edits of normalize carry no `before` and `after` text.
    Omitted,
}

/// `[check]`: settings of `thresh check`.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct CheckSettings {
    /// Files and folders (relative to the configuration file's folder) that make up the
    /// corpus: checked files that are near-duplicates of a document in it get N001. The
    /// checked files are always compared with each other.
    pub corpus: Vec<String>,
}

/// `[[per-path]]`: rule and stage selection for some paths of the corpus.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct PathOverride {
    /// Globs such as `poems/**` or `**/*.md`, relative to the configuration file's folder.
    pub paths: Vec<String>,
    /// Replaces `select` for these paths.
    pub select: Option<Vec<String>>,
    /// Added to `ignore` for these paths.
    pub ignore: Vec<String>,
    /// Added to `skip-stages` for these paths.
    pub skip_stages: Vec<String>,
}

/// How JSONL records are read.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct InputSettings {
    /// The field of a JSONL record that holds the document text.
    pub text_field: String,
    /// The field of a JSONL record that holds the document id.
    pub id_field: String,
}

impl Default for InputSettings {
    fn default() -> Self {
        InputSettings {
            text_field: "text".into(),
            id_field: "id".into(),
        }
    }
}

impl Settings {
    /// Whether rule `code` runs under this configuration's `select` / `ignore`.
    pub fn rule_enabled(&self, code: &str) -> bool {
        crate::rules::rule_enabled(&self.select, &self.ignore, code)
    }

    /// Whether the stage called `name` runs.
    pub fn stage_enabled(&self, name: &str) -> bool {
        !self.skip_stages.iter().any(|s| s == name)
    }

    /// Parses `thresh.toml` text; `path` is only used in error messages.
    pub fn from_toml(text: &str, path: &Path) -> Result<Settings, ConfigError> {
        let settings: Settings = toml::from_str(text).map_err(|e| {
            let line = e
                .span()
                .map(|span| text[..span.start.min(text.len())].matches('\n').count() + 1);
            let message = e.message().trim().to_string();
            ConfigError::File {
                path: path.to_path_buf(),
                message: match line {
                    Some(line) => format!("line {line}: {message}"),
                    None => message,
                },
            }
        })?;
        settings.validate().map_err(|message| ConfigError::File {
            path: path.to_path_buf(),
            message,
        })?;
        Ok(settings)
    }

    /// Reads and parses a configuration file.
    pub fn load(path: &Path) -> Result<Settings, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|e| ConfigError::File {
            path: path.to_path_buf(),
            message: e.to_string(),
        })?;
        Settings::from_toml(&text, path)
    }

    /// One matcher per `per-path` entry (compile once, match many paths).
    pub fn override_matchers(&self) -> Result<Vec<globset::GlobSet>, String> {
        self.per_path
            .iter()
            .enumerate()
            .map(|(i, o)| {
                let mut set = globset::GlobSetBuilder::new();
                for glob in &o.paths {
                    set.add(
                        globset::Glob::new(glob)
                            .map_err(|e| format!("per-path[{i}]: bad glob {glob:?}: {e}"))?,
                    );
                }
                set.build().map_err(|e| format!("per-path[{i}]: {e}"))
            })
            .collect()
    }

    /// These settings with the given `per-path` overrides applied.
    pub fn with_overrides(&self, indices: &[usize]) -> Settings {
        let mut out = self.clone();
        for &i in indices {
            let o = &self.per_path[i];
            if let Some(select) = &o.select {
                out.select = select.clone();
            }
            out.ignore.extend(o.ignore.iter().cloned());
            out.skip_stages.extend(o.skip_stages.iter().cloned());
        }
        out
    }

    /// Checks what serde cannot: stage names and rule codes that exist.
    pub fn validate(&self) -> Result<(), String> {
        self.override_matchers()?;
        self.dups.validate()?;
        for i in 0..self.per_path.len() {
            let with = self.with_overrides(&[i]);
            let mut inner = with.clone();
            inner.per_path.clear();
            inner
                .validate()
                .map_err(|m| format!("per-path[{i}]: {m}"))?;
        }
        for stage in &self.skip_stages {
            if crate::registry::stage_info(stage).is_none() {
                let known: Vec<_> = crate::registry::STAGES.iter().map(|s| s.name).collect();
                return Err(format!(
                    "skip-stages: unknown stage {stage:?} (stages: {})",
                    known.join(", ")
                ));
            }
        }
        self.debris.validate()?;
        for code in self.select.iter().chain(&self.ignore) {
            let known = code == "ALL"
                || crate::registry::all_rules().any(|(_, r)| r.code.starts_with(code.as_str()))
                || self
                    .debris
                    .rules
                    .iter()
                    .any(|r| r.code.starts_with(code.as_str()));
            if !known {
                return Err(format!("select/ignore: no rule code starts with {code:?}"));
            }
        }
        Ok(())
    }

    /// The effective configuration as TOML (what `thresh config` prints).
    pub fn to_toml(&self) -> String {
        toml::to_string(self).unwrap_or_default()
    }
}

/// Which `per-path` entries (by index) apply to `path`; globs are relative to `base`, the
/// configuration file's folder.
pub fn overrides_for(matchers: &[globset::GlobSet], base: &Path, path: &Path) -> Vec<usize> {
    if matchers.is_empty() {
        return Vec::new();
    }
    let absolute = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let base = std::fs::canonicalize(base).unwrap_or_else(|_| base.to_path_buf());
    let Ok(relative) = absolute.strip_prefix(&base) else {
        return Vec::new();
    };
    matchers
        .iter()
        .enumerate()
        .filter(|(_, m)| m.is_match(relative))
        .map(|(i, _)| i)
        .collect()
}

/// The closest `thresh.toml` in `start` (a file's folder, or the folder itself) or one of
/// its ancestors.
pub fn discover(start: &Path) -> Option<PathBuf> {
    let start = if start.is_dir() {
        start.to_path_buf()
    } else {
        start.parent().map(Path::to_path_buf).unwrap_or_default()
    };
    let start = if start.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        start
    };
    let absolute = std::fs::canonicalize(&start).unwrap_or(start);
    absolute
        .ancestors()
        .map(|dir| dir.join(CONFIG_FILE_NAME))
        .find(|candidate| candidate.is_file())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_key_names_file_and_line() {
        let err = Settings::from_toml(
            "select = [\"D\"]\n\n[input]\ntext-feld = \"body\"\n",
            Path::new("x/thresh.toml"),
        )
        .unwrap_err()
        .to_string();
        assert!(err.starts_with("x/thresh.toml: line 4"), "{err}");
        assert!(err.contains("text-feld"), "{err}");
    }

    #[test]
    fn reads_input_fields_and_keeps_defaults() {
        let s =
            Settings::from_toml("[input]\ntext-field = \"body\"\n", Path::new("t.toml")).unwrap();
        assert_eq!(s.input.text_field, "body");
        assert_eq!(s.input.id_field, "id");
    }

    #[test]
    fn per_path_overrides_match_globs_relative_to_the_config() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("poems/old")).unwrap();
        let poem = dir.path().join("poems/old/a.txt");
        std::fs::write(&poem, "x").unwrap();
        let s = Settings::from_toml(
            "ignore = [\"U1\"]\n[[per-path]]\npaths = [\"poems/**\"]\nignore = [\"E105\"]\nskip-stages = [\"normalize\"]\n",
            Path::new("t.toml"),
        )
        .unwrap();
        let matchers = s.override_matchers().unwrap();
        assert_eq!(overrides_for(&matchers, dir.path(), &poem), vec![0]);
        assert!(overrides_for(&matchers, dir.path(), &dir.path().join("news.txt")).is_empty());
        let applied = s.with_overrides(&[0]);
        assert!(!applied.rule_enabled("E105") && !applied.rule_enabled("U101"));
        assert!(!applied.stage_enabled("normalize"));
        let bad = Settings::from_toml(
            "[[per-path]]\npaths = [\"a/**\"]\nskip-stages = [\"nope\"]\n",
            Path::new("t.toml"),
        );
        assert!(bad.unwrap_err().to_string().contains("per-path[0]"));
    }

    #[test]
    fn unknown_stage_is_an_error() {
        let err =
            Settings::from_toml("skip-stages = [\"nope\"]\n", Path::new("t.toml")).unwrap_err();
        assert!(err.to_string().contains("unknown stage \"nope\""));
    }
}
