//! `thresh check`: runs the cleaning pipeline read-only and reports every change it would
//! make as `path:line:col: CODE message`. Exit 0 when clean, 1 with findings, 2 on errors.
//!
//! ```text
//! thresh check corpus/                      concise diagnostics
//! thresh check --format github corpus/      GitHub annotations
//! thresh check --exit-zero --format json .  findings as JSON lines, never fail
//! ```

use std::io::{self, Write};
use std::path::PathBuf;

use clap::{Args, ValueEnum};
use indicatif::ProgressBar;
use thresh::diagnostics::{self, Format};
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
    #[command(flatten)]
    pipeline: PipelineArgs,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum FormatArg {
    /// `path:line:col: CODE message`
    Concise,
    /// One JSON object per finding, one per line.
    Json,
    /// GitHub Actions annotations.
    Github,
}

pub fn run(args: CheckArgs) -> anyhow::Result<i32> {
    args.pipeline.init_threads()?;
    let pipelines = Pipelines::new(&args.pipeline)?;
    let (inputs, problems) = inputs::collect(&args.paths, None);
    let stdout = io::stdout();
    let mut observer = CheckObserver {
        bar: progress_bar(inputs.len()),
        out: io::BufWriter::new(stdout.lock()),
        format: match args.format {
            FormatArg::Concise => Format::Concise,
            FormatArg::Json => Format::Json,
            FormatArg::Github => Format::Github,
        },
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
        ..RunOptions::default()
    };
    let mut sink = io::sink();
    runner::run(&inputs, &options, &pipelines, &mut sink, &mut observer)?;
    observer.out.flush()?;
    observer.bar.finish_and_clear();
    if observer.format == Format::Concise && observer.findings > 0 {
        eprintln!(
            "{} finding(s) in {} document(s)",
            observer.findings, observer.files_with_findings
        );
    }
    Ok(if observer.errors > 0 {
        EXIT_ERROR
    } else if observer.findings > 0 && !args.exit_zero {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    })
}

struct CheckObserver<W: Write> {
    bar: ProgressBar,
    out: W,
    format: Format,
    findings: u64,
    files_with_findings: u64,
    errors: u64,
}

impl<W: Write> Observer for CheckObserver<W> {
    fn outcome(&mut self, outcome: Outcome<'_>) -> io::Result<()> {
        let found = diagnostics::from_document(outcome.doc);
        if !found.is_empty() {
            self.files_with_findings += 1;
        }
        for d in &found {
            self.findings += 1;
            diagnostics::render(&mut self.out, d, self.format)?;
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
        self.out.flush()?;
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
