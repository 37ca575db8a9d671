//! What `clean` and `check` share: the pipeline options, finding the configuration for each
//! input, the progress bar, and printing per-input problems.

use std::collections::HashMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use clap::{Args, ValueEnum};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use thresh::cache::config_hash;
use thresh::config::{self, EditTexts, Settings};
use thresh::io::inputs::Input;
use thresh::pipeline::Pipeline;
use thresh::runner::{Outcome, PipelineFor, StdinFormat};
use thresh::stages::debris::LearnedBoilerplate;

/// Options that shape the pipeline; they override `thresh.toml`.
#[derive(Args, Clone, Debug, Default)]
pub struct PipelineArgs {
    /// Use this configuration file instead of the closest `thresh.toml`.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Only these rule codes or prefixes (comma-separated; replaces the config's `select`).
    #[arg(long, value_delimiter = ',', value_name = "CODES")]
    pub select: Option<Vec<String>>,
    /// Also disable these rule codes or prefixes (comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "CODES")]
    pub ignore: Vec<String>,
    /// Read inputs in this encoding (a label such as gbk, big5, utf-16le) instead of detecting.
    #[arg(long, value_name = "LABEL")]
    pub encoding: Option<String>,
    /// Replace undecodable bytes by U+FFFD instead of refusing the input.
    #[arg(long)]
    pub lossy: bool,
    /// JSONL field that holds the text.
    #[arg(long, value_name = "NAME")]
    pub text_field: Option<String>,
    /// JSONL field that holds the document id.
    #[arg(long, value_name = "NAME")]
    pub id_field: Option<String>,
    /// How to read standard input (`-`).
    #[arg(long, value_enum, default_value_t = InputFormatArg::Auto, value_name = "FORMAT")]
    pub input_format: InputFormatArg,
    /// Worker threads (default: one per core). Output does not depend on it.
    #[arg(long, short = 'j', value_name = "N")]
    pub threads: Option<usize>,
    /// Whether edits keep their texts: the command sets it from what it writes.
    #[arg(skip)]
    pub edit_texts: EditTexts,
}

#[derive(ValueEnum, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum InputFormatArg {
    /// JSONL if the first non-blank byte is `{`.
    #[default]
    Auto,
    Text,
    Jsonl,
}

impl PipelineArgs {
    pub fn stdin_format(&self) -> StdinFormat {
        match self.input_format {
            InputFormatArg::Auto => StdinFormat::Auto,
            InputFormatArg::Text => StdinFormat::Text,
            InputFormatArg::Jsonl => StdinFormat::Jsonl,
        }
    }

    /// Applies the command-line overrides to settings read from a file.
    pub fn apply(&self, settings: &mut Settings) {
        if let Some(select) = &self.select {
            settings.select = select.clone();
        }
        settings.ignore.extend(self.ignore.iter().cloned());
        if self.encoding.is_some() {
            settings.decode.encoding = self.encoding.clone();
        }
        if self.lossy {
            settings.decode.lossy = true;
        }
        if let Some(field) = &self.text_field {
            settings.input.text_field = field.clone();
        }
        if let Some(field) = &self.id_field {
            settings.input.id_field = field.clone();
        }
        settings.edit_texts = self.edit_texts;
    }

    pub fn init_threads(&self) -> anyhow::Result<()> {
        if let Some(n) = self.threads {
            rayon::ThreadPoolBuilder::new()
                .num_threads(n.max(1))
                .build_global()?;
        }
        Ok(())
    }
}

/// A pipeline, or why its configuration could not build one.
type BuiltPipeline = Result<Arc<Pipeline>, String>;

/// Which configuration file (None: the defaults).
type ConfigKey = Option<PathBuf>;
/// A loaded configuration, or why it could not be loaded.
type LoadedConfig = Result<Arc<Loaded>, String>;

/// A configuration file's settings (CLI flags applied) and its compiled `per-path` globs.
struct Loaded {
    settings: Settings,
    matchers: Vec<globset::GlobSet>,
    /// The folder `per-path` globs are relative to.
    base: PathBuf,
}

/// Finds and caches the pipeline for each input: `--config`, or the closest `thresh.toml`
/// above the input, or the defaults; its `per-path` overrides for the input; CLI flags on top.
pub struct Pipelines {
    args: PipelineArgs,
    /// Only the stages up to normalize (the first, learning pass of `clean`).
    prefix_only: bool,
    /// Boilerplate learned by the first pass, handed to the debris stage.
    learned: Option<Arc<LearnedBoilerplate>>,
    /// Stages skipped on top of the configuration's `skip-stages`.
    skipped: Vec<String>,
    /// By configuration file (None: defaults).
    loaded: Mutex<HashMap<ConfigKey, LoadedConfig>>,
    /// By configuration file and the `per-path` overrides that apply.
    built: Mutex<HashMap<(ConfigKey, Vec<usize>), BuiltPipeline>>,
    /// The configuration of each folder inputs came from (finding it takes a few system
    /// calls per ancestor folder; a corpus has many files per folder).
    by_folder: Mutex<HashMap<std::ffi::OsString, Arc<FolderConfig>>>,
}

impl Pipelines {
    /// Fails at once when `--config` names a bad file: nothing could run.
    pub fn new(args: &PipelineArgs) -> anyhow::Result<Pipelines> {
        Pipelines::build_set(args, false, None, Vec::new())
    }

    /// Pipelines that stop after normalize, for the learning pass.
    pub fn up_to_normalize(args: &PipelineArgs) -> anyhow::Result<Pipelines> {
        Pipelines::build_set(args, true, None, Vec::new())
    }

    /// Pipelines whose debris stage removes `learned` boilerplate.
    pub fn with_learned(
        args: &PipelineArgs,
        learned: Arc<LearnedBoilerplate>,
    ) -> anyhow::Result<Pipelines> {
        Pipelines::build_set(args, false, Some(learned), Vec::new())
    }

    /// Pipelines that also skip the stages `skipped` (stages whose output the caller does
    /// not read).
    pub fn skipping(args: &PipelineArgs, skipped: &[&str]) -> anyhow::Result<Pipelines> {
        let skipped = skipped.iter().map(|s| s.to_string()).collect();
        Pipelines::build_set(args, false, None, skipped)
    }

    fn build_set(
        args: &PipelineArgs,
        prefix_only: bool,
        learned: Option<Arc<LearnedBoilerplate>>,
        skipped: Vec<String>,
    ) -> anyhow::Result<Pipelines> {
        let pipelines = Pipelines {
            args: args.clone(),
            prefix_only,
            learned,
            skipped,
            loaded: Mutex::new(HashMap::new()),
            built: Mutex::new(HashMap::new()),
            by_folder: Mutex::new(HashMap::new()),
        };
        if let Some(path) = &args.config {
            if let Err(message) = pipelines.build(Some(path.clone()), Vec::new()) {
                anyhow::bail!("{message}");
            }
        }
        Ok(pipelines)
    }

    /// The configuration file that applies to `path` (None: defaults).
    pub fn config_path_for(&self, path: &Path) -> Option<PathBuf> {
        if let Some(forced) = &self.args.config {
            return Some(forced.clone());
        }
        if path.as_os_str() == "-" {
            return config::discover(Path::new("."));
        }
        config::discover(path)
    }

    /// The effective settings of a configuration file (before `per-path` overrides).
    pub fn settings(&self, config_path: Option<&Path>) -> Result<Settings, String> {
        self.load(config_path).map(|l| l.settings.clone())
    }

    fn load(&self, config_path: Option<&Path>) -> Result<Arc<Loaded>, String> {
        let mut loaded = self.loaded.lock().unwrap_or_else(|p| p.into_inner());
        loaded
            .entry(config_path.map(Path::to_path_buf))
            .or_insert_with(|| {
                let mut settings = match config_path {
                    Some(path) => Settings::load(path).map_err(|e| e.to_string())?,
                    None => Settings::default(),
                };
                self.args.apply(&mut settings);
                if self.prefix_only {
                    let after_normalize = thresh::registry::STAGES
                        .iter()
                        .skip_while(|s| s.name != "normalize")
                        .skip(1)
                        .map(|s| s.name.to_string());
                    settings.skip_stages.extend(after_normalize);
                }
                settings.skip_stages.extend(self.skipped.iter().cloned());
                settings.debris.learned = self.learned.clone();
                let located = |m: String| match config_path {
                    Some(path) => format!("{}: {m}", path.display()),
                    None => m,
                };
                settings.validate().map_err(located)?;
                let matchers = settings.override_matchers().map_err(located)?;
                let base = config_path
                    .and_then(Path::parent)
                    .map(Path::to_path_buf)
                    .unwrap_or_else(|| PathBuf::from("."));
                Ok(Arc::new(Loaded {
                    settings,
                    matchers,
                    base,
                }))
            })
            .clone()
    }

    fn build(&self, config_path: Option<PathBuf>, overrides: Vec<usize>) -> BuiltPipeline {
        let loaded = self.load(config_path.as_deref())?;
        let mut built = self.built.lock().unwrap_or_else(|p| p.into_inner());
        built
            .entry((config_path.clone(), overrides.clone()))
            .or_insert_with(|| {
                let settings = loaded.settings.with_overrides(&overrides);
                Pipeline::new(settings)
                    .map(Arc::new)
                    .map_err(|e| match &config_path {
                        Some(path) if !e.to_string().starts_with(&path.display().to_string()) => {
                            format!("{}: {e}", path.display())
                        }
                        _ => e.to_string(),
                    })
            })
            .clone()
    }
}

impl PipelineFor for Pipelines {
    fn pipeline_for(&self, input: &Input) -> Result<Arc<Pipeline>, String> {
        let folder = self.folder_config(input);
        let loaded = folder.loaded.clone()?;
        if loaded.matchers.is_empty() {
            return folder
                .uniform_pipeline
                .get_or_init(|| self.build(folder.config_path.clone(), Vec::new()))
                .clone();
        }
        let overrides = config::overrides_for(&loaded.matchers, &loaded.base, &input.path);
        self.build(folder.config_path.clone(), overrides)
    }
}

impl Pipelines {
    /// A hash of the thresh version and the settings `input` is cleaned with (what caches
    /// are keyed on), without building the pipeline.
    pub fn config_hash_for(&self, input: &Input) -> Option<u64> {
        let folder = self.folder_config(input);
        let loaded = folder.loaded.clone().ok()?;
        if loaded.matchers.is_empty() {
            return Some(
                *folder
                    .uniform_hash
                    .get_or_init(|| config_hash(&loaded.settings)),
            );
        }
        let overrides = config::overrides_for(&loaded.matchers, &loaded.base, &input.path);
        Some(config_hash(&loaded.settings.with_overrides(&overrides)))
    }

    /// The settings `input` is cleaned with, without building the pipeline.
    pub fn settings_for(&self, input: &Input) -> Option<Settings> {
        let folder = self.folder_config(input);
        let loaded = folder.loaded.clone().ok()?;
        let overrides = config::overrides_for(&loaded.matchers, &loaded.base, &input.path);
        Some(loaded.settings.with_overrides(&overrides))
    }

    /// The configuration of `input`'s folder, found once per folder (stdin counts as one
    /// folder of its own).
    fn folder_config(&self, input: &Input) -> Arc<FolderConfig> {
        // Keyed by the folder's bytes (hashing a `Path` walks its components); a NUL byte
        // is in no path, so the stdin key cannot meet a folder's.
        let key = match input.path.parent() {
            Some(folder) if !input.is_stdin() => folder.as_os_str().to_owned(),
            _ => std::ffi::OsString::from("\0stdin"),
        };
        let mut by_folder = self.by_folder.lock().unwrap_or_else(|p| p.into_inner());
        let known = by_folder.entry(key).or_insert_with(|| {
            let config_path = self.config_path_for(&input.path);
            Arc::new(FolderConfig {
                loaded: self.load(config_path.as_deref()),
                config_path,
                uniform_pipeline: OnceLock::new(),
                uniform_hash: OnceLock::new(),
            })
        });
        known.clone()
    }
}

/// What is known of a folder's inputs: their configuration file, and, when it has no
/// `per-path` globs, the pipeline and configuration hash shared by all of them.
struct FolderConfig {
    config_path: ConfigKey,
    loaded: LoadedConfig,
    uniform_pipeline: OnceLock<BuiltPipeline>,
    uniform_hash: OnceLock<u64>,
}

/// A progress bar on stderr when stderr is a terminal; hidden otherwise.
pub fn progress_bar(len: usize) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(len as u64), ProgressDrawTarget::stderr());
    if let Ok(style) =
        ProgressStyle::with_template("{bar:30} {pos}/{len} inputs, {msg} [{elapsed}]")
    {
        bar.set_style(style);
    }
    bar
}

/// Prints what cleaning changed in `outcome`'s document, when the run kept the original
/// text (`--diff`).
pub fn print_outcome_diff(bar: &ProgressBar, outcome: &Outcome<'_>) -> std::io::Result<()> {
    match outcome.original {
        Some(original) => print_diff(bar, &outcome.doc.id, original, &outcome.cleaned_text()),
        None => Ok(()),
    }
}

/// Prints the unified diff from `original` to `cleaned` on stdout (nothing when they are the
/// same) without tearing the progress bar.
fn print_diff(bar: &ProgressBar, name: &str, original: &str, cleaned: &str) -> std::io::Result<()> {
    use std::io::Write;
    let text = similar::TextDiff::from_lines(original, cleaned)
        .unified_diff()
        .header(name, name)
        .to_string();
    if text.is_empty() {
        return Ok(());
    }
    let stdout = std::io::stdout();
    let mut lock = stdout.lock();
    bar.suspend(|| lock.write_all(text.as_bytes()))
}

/// Prints `location: message` on stderr without tearing the progress bar.
pub fn print_problem(bar: &ProgressBar, location: &str, message: &str) {
    bar.suspend(|| eprintln!("{location}: {message}"));
}
