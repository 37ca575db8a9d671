//! `thresh check`: runs the cleaning pipeline read-only and reports every change it would
//! make as `path:line:col: CODE message`. Exit 0 when clean, 1 with findings, 2 on errors.
//!
//! ```text
//! thresh check corpus/                      concise diagnostics
//! thresh check --format github corpus/      GitHub annotations
//! thresh check --exit-zero --format json .  findings as a JSON array, never fail
//! thresh check --diff page.txt              the diff `clean` would apply
//! ```

use std::collections::HashMap;
use std::io;
use std::path::PathBuf;

use clap::{Args, ValueEnum};
use indicatif::ProgressBar;
use thresh::cache::CheckCache;
use thresh::diagnostics::{self, Diagnostic, Format, Renderer};
use thresh::document::Source;
use thresh::io::inputs::{self, Input};
use thresh::runner::{self, Observer, Outcome, OutputMode, RunOptions};

use super::common::{print_outcome_diff, print_problem, progress_bar, PipelineArgs, Pipelines};
use super::{EXIT_ERROR, EXIT_FINDINGS, EXIT_OK};

#[derive(Args)]
pub struct CheckArgs {
    /// Files, folders (walked recursively, .gitignore respected) or `-` for stdin.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// How to print findings.
    #[arg(long, value_enum, default_value_t = FormatArg::Concise)]
    format: FormatArg,
    /// Exit 0 even when there are findings (errors still exit 2).
    #[arg(long)]
    exit_zero: bool,
    /// Print the unified diff `clean` would apply instead of the findings.
    #[arg(long)]
    diff: bool,
    /// Where findings are cached between runs.
    #[arg(long, value_name = "DIR", default_value = ".thresh")]
    cache_dir: PathBuf,
    /// Neither read nor write the cache.
    #[arg(long)]
    no_cache: bool,
    /// Files or folders of the corpus the checked files must not be near-duplicates of
    /// (N001); replaces `[check] corpus` of `thresh.toml`. Repeatable.
    #[arg(long, value_name = "PATH")]
    corpus: Vec<PathBuf>,
    /// Compare the cleaned output with gold files in this folder instead (a regression
    /// harness for a rule configuration): a diff per mismatch.
    #[arg(long, value_name = "GOLD_DIR", conflicts_with = "diff")]
    expect: Option<PathBuf>,
    #[command(flatten)]
    pipeline: PipelineArgs,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum FormatArg {
    /// `path:line:col: CODE message`
    Concise,
    /// Concise, plus the source line with the finding marked.
    Full,
    /// A JSON array of findings.
    Json,
    /// GitHub Actions annotations.
    Github,
    /// SARIF 2.1.0.
    Sarif,
}

pub fn run(args: CheckArgs) -> anyhow::Result<i32> {
    args.pipeline.init_threads()?;
    let pipelines = Pipelines::new(&args.pipeline)?;
    let (inputs, problems) = inputs::collect(&args.paths, None);
    let format = match if args.diff {
        FormatArg::Concise
    } else {
        args.format
    } {
        FormatArg::Concise => Format::Concise,
        FormatArg::Full => Format::Full,
        FormatArg::Json => Format::Json,
        FormatArg::Github => Format::Github,
        FormatArg::Sarif => Format::Sarif,
    };
    let bar = progress_bar(inputs.len());
    let mut errors = 0u64;
    for problem in &problems {
        errors += 1;
        print_problem(&bar, &problem.path.display().to_string(), &problem.message);
    }
    if let Some(gold_dir) = &args.expect {
        let options = RunOptions {
            stdin_format: args.pipeline.stdin_format(),
            ..RunOptions::default()
        };
        return super::expect::run(&inputs, gold_dir, &pipelines, options, bar, errors);
    }
    let stdout = io::stdout();
    let mut renderer = Renderer::new(io::BufWriter::new(stdout.lock()), format);

    // Findings of unchanged files come from the cache; the rest are checked now. (`full`
    // needs source lines and `--diff` the texts, which the cache does not keep.)
    let use_cache = !args.no_cache && !args.diff && !renderer.needs_source();
    let mut cache = None;
    if use_cache {
        let (opened, warning) = CheckCache::open(&args.cache_dir);
        if let Some(w) = warning {
            print_problem(&bar, "warning", &w);
        }
        cache = Some(opened);
    }
    let mut found: Vec<Option<Vec<Diagnostic>>> = vec![None; inputs.len()];
    let mut config_of: Vec<Option<u64>> = vec![None; inputs.len()];
    let mut to_check = Vec::new();
    for (i, input) in inputs.iter().enumerate() {
        if let (Some(cache), false) = (&mut cache, input.is_stdin()) {
            if let Some(config) = pipelines.config_hash_for(input) {
                config_of[i] = Some(config);
                if let Some(cached) = cache.lookup(&input.path, config) {
                    found[i] = Some(cached);
                    bar.inc(1);
                    continue;
                }
            }
        }
        to_check.push(i);
    }

    let batch: Vec<Input> = to_check.iter().map(|&i| inputs[i].clone()).collect();
    let mut observer = CheckObserver {
        bar: bar.clone(),
        diff: args.diff,
        by_input: HashMap::new(),
        errors: 0,
    };
    let options = RunOptions {
        output: OutputMode::Discard,
        stdin_format: args.pipeline.stdin_format(),
        keep_original: args.diff || renderer.needs_source(),
        ..RunOptions::default()
    };
    runner::run(&batch, &options, &pipelines, &mut io::sink(), &mut observer)?;
    errors += observer.errors;
    for &i in &to_check {
        if let Some(result) = observer.by_input.remove(&inputs[i].path) {
            if let (Some(cache), Some(config), false) = (&mut cache, config_of[i], result.failed) {
                if let Ok(bytes) = std::fs::read(&inputs[i].path) {
                    cache.store(&inputs[i].path, config, &bytes, result.diagnostics.clone());
                }
            }
            found[i] = Some(result.diagnostics);
        }
    }
    bar.finish_and_clear();

    // Near-duplicates are found afresh each run: the corpus may have changed.
    if !args.diff {
        let request = super::near_dups::NearDupRequest {
            inputs: &inputs,
            corpus: &args.corpus,
            cache_dir: (!args.no_cache).then_some(args.cache_dir.as_path()),
            pipelines: &pipelines,
            pipeline_args: &args.pipeline,
        };
        for (i, mut near) in super::near_dups::check(&request)? {
            found[i].get_or_insert_with(Vec::new).append(&mut near);
        }
    }

    let mut findings = 0u64;
    let mut files_with_findings = 0u64;
    for diagnostics in found.iter().flatten() {
        if !diagnostics.is_empty() {
            files_with_findings += 1;
        }
        for d in diagnostics {
            findings += 1;
            if !args.diff {
                renderer.diagnostic(d)?;
            }
        }
    }
    renderer.finish()?;
    if let Some(cache) = cache {
        if let Err(e) = cache.save() {
            eprintln!(
                "warning: cannot write the cache in {}: {e}",
                args.cache_dir.display()
            );
        }
    }
    let for_humans = matches!(format, Format::Concise | Format::Full) && !args.diff;
    if for_humans && findings > 0 {
        eprintln!("{findings} finding(s) in {files_with_findings} document(s)");
    }
    Ok(if errors > 0 {
        EXIT_ERROR
    } else if findings > 0 && !args.exit_zero {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    })
}

/// Collects findings per input (a JSONL shard's documents together); prints diffs as they
/// come in `--diff` mode.
struct CheckObserver {
    bar: ProgressBar,
    diff: bool,
    by_input: HashMap<PathBuf, InputFindings>,
    errors: u64,
}

/// What was found in one input.
#[derive(Default)]
struct InputFindings {
    diagnostics: Vec<Diagnostic>,
    /// The input, or a record of it, failed: its findings are not cached.
    failed: bool,
}

impl Observer for CheckObserver {
    fn outcome(&mut self, outcome: Outcome<'_>) -> io::Result<()> {
        let found = diagnostics::from_document(outcome.doc, outcome.original);
        self.by_input
            .entry(outcome.input.path.clone())
            .or_default()
            .diagnostics
            .extend(found.iter().cloned());
        if self.diff && !found.is_empty() {
            print_outcome_diff(&self.bar, &outcome)?;
        }
        Ok(())
    }

    fn error(
        &mut self,
        location: &str,
        _id: &str,
        source: Option<&Source>,
        message: &str,
    ) -> io::Result<()> {
        self.errors += 1;
        if let Some(path) = source.and_then(Source::path) {
            self.by_input.entry(path.to_path_buf()).or_default().failed = true;
        }
        print_problem(&self.bar, location, message);
        Ok(())
    }

    fn skipped(&mut self, location: &str, message: &str) -> io::Result<()> {
        print_problem(&self.bar, location, message);
        Ok(())
    }

    fn input_done(&mut self, _input: &Input) {
        self.bar.inc(1);
    }
}
