//! `thresh check --expect GOLD_DIR`: a regression harness for a rule configuration. Each
//! input is cleaned and compared with its committed gold file (`GOLD_DIR/<relative path>`;
//! for a JSONL shard, `GOLD_DIR/<shard path>/<id>.txt` per document); every mismatch prints a
//! unified diff from gold to the current output. Exit 0 when all match, 1 otherwise, 2 on
//! errors.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use indicatif::ProgressBar;
use similar::TextDiff;
use thresh::document::Source;
use thresh::io::inputs::Input;
use thresh::runner::{self, Observer, Outcome, OutputMode, RunOptions};

use super::common::{print_problem, Pipelines};
use super::{EXIT_ERROR, EXIT_FINDINGS, EXIT_OK};

/// Cleans `inputs` and compares each document with its gold file.
pub fn run(
    inputs: &[Input],
    gold_dir: &Path,
    pipelines: &Pipelines,
    options: RunOptions,
    bar: ProgressBar,
    mut errors: u64,
) -> anyhow::Result<i32> {
    let stdout = io::stdout();
    let mut observer = ExpectObserver {
        gold_dir: gold_dir.to_path_buf(),
        out: io::BufWriter::new(stdout.lock()),
        bar,
        documents: 0,
        mismatches: 0,
        errors: 0,
    };
    let options = RunOptions {
        output: OutputMode::Discard,
        ..options
    };
    runner::run(inputs, &options, pipelines, &mut io::sink(), &mut observer)?;
    observer.out.flush()?;
    observer.bar.finish_and_clear();
    errors += observer.errors;
    eprintln!(
        "{} of {} document(s) match {}",
        observer.documents - observer.mismatches,
        observer.documents,
        gold_dir.display()
    );
    Ok(if errors > 0 {
        EXIT_ERROR
    } else if observer.mismatches > 0 {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    })
}

struct ExpectObserver<W: Write> {
    gold_dir: PathBuf,
    out: W,
    bar: ProgressBar,
    documents: u64,
    mismatches: u64,
    errors: u64,
}

impl<W: Write> ExpectObserver<W> {
    fn gold_path(&self, outcome: &Outcome<'_>) -> PathBuf {
        let relative = if outcome.input.is_stdin() {
            PathBuf::from("stdin.txt")
        } else {
            outcome.input.relative_path()
        };
        match &outcome.doc.source {
            Some(Source::JsonlLine { .. }) => {
                // Ids may hold `/`; keep each gold file directly in the shard's folder.
                let name = outcome.doc.id.replace(['/', '\\'], "_");
                self.gold_dir.join(relative).join(format!("{name}.txt"))
            }
            _ => self.gold_dir.join(relative),
        }
    }
}

impl<W: Write> Observer for ExpectObserver<W> {
    fn outcome(&mut self, outcome: Outcome<'_>) -> io::Result<()> {
        self.documents += 1;
        let gold_path = self.gold_path(&outcome);
        let gold = match std::fs::read_to_string(&gold_path) {
            Ok(g) => g,
            Err(_) => {
                self.mismatches += 1;
                writeln!(
                    self.out,
                    "{}: no gold file {}",
                    outcome.doc.id,
                    gold_path.display()
                )?;
                return Ok(());
            }
        };
        let cleaned = outcome.cleaned_text();
        if gold != cleaned {
            self.mismatches += 1;
            let gold_name = gold_path.display().to_string();
            let diff = TextDiff::from_lines(gold.as_str(), &cleaned);
            writeln!(self.out, "{}: differs from {gold_name}", outcome.doc.id)?;
            write!(
                self.out,
                "{}",
                diff.unified_diff().header(&gold_name, &outcome.doc.id)
            )?;
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
