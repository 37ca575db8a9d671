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
    pub input: InputSettings,
    pub decode: crate::stages::decode::DecodeSettings,
    pub repeats: crate::stages::repeats::RepeatsSettings,
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

    /// Checks what serde cannot: stage names and rule codes that exist.
    pub fn validate(&self) -> Result<(), String> {
        for stage in &self.skip_stages {
            if crate::registry::stage_info(stage).is_none() {
                let known: Vec<_> = crate::registry::STAGES.iter().map(|s| s.name).collect();
                return Err(format!(
                    "skip-stages: unknown stage {stage:?} (stages: {})",
                    known.join(", ")
                ));
            }
        }
        for code in self.select.iter().chain(&self.ignore) {
            let known = code == "ALL"
                || crate::registry::all_rules().any(|(_, r)| r.code.starts_with(code.as_str()));
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
    fn unknown_stage_is_an_error() {
        let err =
            Settings::from_toml("skip-stages = [\"nope\"]\n", Path::new("t.toml")).unwrap_err();
        assert!(err.to_string().contains("unknown stage \"nope\""));
    }
}
