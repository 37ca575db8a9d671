//! `thresh check`: runs the cleaning pipeline read-only and reports every change it would
//! make as `path:line:col: CODE message`. Exit 0 when clean, 1 with findings, 2 on errors.
//!
//! ```text
//! thresh check corpus/                      concise diagnostics
//! thresh check --format github corpus/      GitHub annotations
//! thresh check --exit-zero --format json .  findings as a JSON array, never fail
//! thresh check --diff page.txt              the diff `clean` would apply
//! ```

use std::io::{self, Write};
use std::path::PathBuf;

use clap::{Args, ValueEnum};
use indicatif::ProgressBar;
use similar::TextDiff;
use thresh::diagnostics::{self, Format, Renderer};
use thresh::document::Source;
use thresh::io::inputs::{self, Input};
use thresh::runner::{self, Observer, Outcome, OutputMode, RunOptions};

use super::common::{print_problem, progress_bar, PipelineArgs, Pipelines};
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
    let stdout = io::stdout();
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
    let renderer = Renderer::new(io::BufWriter::new(stdout.lock()), format);
    let keep_original = args.diff || renderer.needs_source();
    let mut observer = CheckObserver {
        bar: progress_bar(inputs.len()),
        renderer,
        diff: args.diff,
        findings: 0,
        files_with_findings: 0,
        errors: 0,
    };
    for problem in &problems {
        let shown = problem.path.display().to_string();
        observer.error(&shown, &shown, None, &problem.message)?;
    }
    let options = RunOptions {
        output: OutputMode::Discard,
        stdin_format: args.pipeline.stdin_format(),
        keep_original,
        ..RunOptions::default()
    };
    let mut sink = io::sink();
    runner::run(&inputs, &options, &pipelines, &mut sink, &mut observer)?;
    observer.bar.finish_and_clear();
    let CheckObserver {
        renderer,
        findings,
        files_with_findings,
        errors,
        ..
    } = observer;
    renderer.finish()?;
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

struct CheckObserver<W: Write> {
    bar: ProgressBar,
    renderer: Renderer<W>,
    diff: bool,
    findings: u64,
    files_with_findings: u64,
    errors: u64,
}

impl<W: Write> Observer for CheckObserver<W> {
    fn outcome(&mut self, outcome: Outcome<'_>) -> io::Result<()> {
        let found = diagnostics::from_document(outcome.doc, outcome.original);
        if found.is_empty() {
            return Ok(());
        }
        self.files_with_findings += 1;
        self.findings += found.len() as u64;
        if self.diff {
            if let Some(original) = outcome.original {
                let name = &outcome.doc.id;
                let text = TextDiff::from_lines(original, outcome.cleaned)
                    .unified_diff()
                    .header(name, name)
                    .to_string();
                let stdout = io::stdout();
                let mut lock = stdout.lock();
                self.bar.suspend(|| lock.write_all(text.as_bytes()))?;
            }
            return Ok(());
        }
        for d in &found {
            self.renderer.diagnostic(d)?;
        }
        Ok(())
    }

    fn error(
        &mut self,
        location: &str,
        _id: &str,
        _source: Option<&Source>,
        message: &str,
    ) -> io::Result<()> {
        self.errors += 1;
        self.renderer.flush()?;
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
