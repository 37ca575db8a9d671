//! `thresh clean`: writes clean documents.
//!
//! ```text
//! thresh clean samples -o cleaned              mirror the tree under cleaned/
//! thresh clean page.txt --stdout               one document to stdout
//! thresh clean corpus.jsonl.zst -o out         JSONL in, JSONL (same compression) out
//! cat shard.jsonl | thresh clean -             JSONL on stdin, JSONL on stdout
//! thresh clean news --in-place --report r.json rewrite inputs, report every edit
//! thresh clean page.txt --diff                 show what would change, write nothing
//! thresh clean corpus -o out --drop-near-dups   write one copy of each story
//! ```

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::Context;
use clap::Args;
use indicatif::ProgressBar;
use thresh::config::EditTexts;
use thresh::document::Source;
use thresh::dups::SignatureSet;
use thresh::io::inputs::{self, Input, InputFormat};
use thresh::report::ReportWriter;
use thresh::runner::{self, Observer, Outcome, OutputMode, RunOptions};
use thresh::stages::debris::LearnedBoilerplate;

use super::common::{print_outcome_diff, print_problem, progress_bar, PipelineArgs, Pipelines};
use super::{EXIT_ERROR, EXIT_OK};

#[derive(Args)]
pub struct CleanArgs {
    /// Files, folders (walked recursively, .gitignore respected) or `-` for stdin.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Write outputs under this folder, mirroring the input tree.
    #[arg(short = 'o', long = "out", value_name = "OUT_DIR", conflicts_with_all = ["in_place", "stdout", "diff"])]
    out_dir: Option<PathBuf>,
    /// Rewrite the inputs (atomically; only files that change).
    #[arg(long, conflicts_with_all = ["stdout", "diff"])]
    in_place: bool,
    /// Write the cleaned text to standard output.
    #[arg(long, conflicts_with = "diff")]
    stdout: bool,
    /// Print a unified diff of what would change; write nothing.
    #[arg(long)]
    diff: bool,
    /// Write a JSON report of every edit to FILE.
    #[arg(long, value_name = "FILE")]
    report: Option<PathBuf>,
    /// JSONL output: one record per article (id PARENT/INDEX, parent_id, article_index).
    #[arg(long)]
    split_articles: bool,
    /// Write only one document of each near-duplicate cluster (its most complete member);
    /// the report lists the others. Reads the inputs twice.
    #[arg(long, conflicts_with_all = ["in_place", "diff"])]
    drop_near_dups: bool,
    /// Do not learn boilerplate (lines recurring across many documents) in a first pass.
    #[arg(long)]
    no_learn: bool,
    #[command(flatten)]
    pipeline: PipelineArgs,
}

pub fn run(mut args: CleanArgs) -> anyhow::Result<i32> {
    args.pipeline.init_threads()?;
    // Only the report shows what an edit changed.
    if args.report.is_none() {
        args.pipeline.edit_texts = EditTexts::Omitted;
    }
    let only_stdin = args.paths.iter().all(|p| p.as_os_str() == "-");
    let output = match (&args.out_dir, args.in_place, args.stdout, args.diff) {
        (Some(dir), ..) => OutputMode::Dir(dir.clone()),
        (None, true, ..) => OutputMode::InPlace,
        (None, false, true, _) => OutputMode::Stdout,
        (None, false, false, true) => OutputMode::Discard,
        (None, false, false, false) if only_stdin => OutputMode::Stdout,
        _ => anyhow::bail!("say where the output goes: -o OUT_DIR, --stdout, --in-place or --diff"),
    };
    let exclude = args.out_dir.as_deref();
    let (inputs, problems) = inputs::collect(&args.paths, exclude);
    let (pipelines, learned) = learn_then_build(&args, &inputs)?;
    let bar = progress_bar(inputs.len());
    let mut observer = CleanObserver {
        bar: bar.clone(),
        report: match &args.report {
            Some(path) => Some(
                ReportWriter::create(path)
                    .with_context(|| format!("cannot write report {}", path.display()))?,
            ),
            None => None,
        },
        diff: args.diff,
        errors: 0,
        documents: 0,
    };
    for problem in &problems {
        observer.error(
            &problem.path.display().to_string(),
            &problem.path.display().to_string(),
            None,
            &problem.message,
        )?;
    }
    let dropped = if args.drop_near_dups {
        near_duplicates(&args, &pipelines, &inputs)?
    } else {
        Vec::new()
    };
    let options = RunOptions {
        output,
        split_articles: args.split_articles,
        stdin_format: args.pipeline.stdin_format(),
        keep_original: args.diff,
        drop_ids: args
            .drop_near_dups
            .then(|| Arc::new(dropped.iter().map(|(id, _)| id.clone()).collect())),
        ..RunOptions::default()
    };
    let stdout = io::stdout();
    let mut stdout = io::BufWriter::new(stdout.lock());
    runner::run(&inputs, &options, &pipelines, &mut stdout, &mut observer)?;
    stdout.flush()?;
    bar.finish_and_clear();
    let errors = observer.errors;
    if let Some(report) = observer.report.take() {
        let mut extra = Vec::new();
        if let Some(learned) = &learned {
            extra.push(("learned_boilerplate", serde_json::to_value(&**learned)?));
        }
        if args.drop_near_dups {
            let list: Vec<_> = dropped
                .iter()
                .map(|(id, rep)| serde_json::json!({"id": id, "representative": rep}))
                .collect();
            extra.push(("near_duplicates_dropped", serde_json::Value::Array(list)));
        }
        report.finish(&extra).context("cannot write report")?;
    }
    Ok(if errors > 0 { EXIT_ERROR } else { EXIT_OK })
}

/// Learns boilerplate from the corpus in a first pass (unless `--no-learn`, or the run has
/// too few documents for a line to recur in three of them), then builds the pipelines that
/// remove it.
fn learn_then_build(
    args: &CleanArgs,
    inputs: &[Input],
) -> anyhow::Result<(Pipelines, Option<Arc<LearnedBoilerplate>>)> {
    let readable = inputs.iter().filter(|i| !i.is_stdin());
    let may_recur =
        readable.clone().count() >= 3 || readable.clone().any(|i| i.format != InputFormat::Text);
    let debris_runs = !args
        .pipeline
        .ignore
        .iter()
        .any(|c| "D901".starts_with(c.as_str()));
    if args.no_learn || !may_recur || !debris_runs {
        return Ok((Pipelines::new(&args.pipeline)?, None));
    }
    let first = Pipelines::up_to_normalize(&args.pipeline)?;
    let learn_settings = inputs
        .iter()
        .find(|i| !i.is_stdin())
        .and_then(|i| {
            first
                .settings(first.config_path_for(&i.path).as_deref())
                .ok()
        })
        .map(|s| s.debris.learn)
        .unwrap_or_default();
    let learned = Arc::new(runner::learn_boilerplate(inputs, &first, learn_settings)?);
    Ok((
        Pipelines::with_learned(&args.pipeline, learned.clone())?,
        Some(learned),
    ))
}

/// The documents `--drop-near-dups` leaves out, each with the representative kept in its
/// place: every cluster member but the representative.
fn near_duplicates(
    args: &CleanArgs,
    pipelines: &Pipelines,
    inputs: &[Input],
) -> anyhow::Result<Vec<(String, String)>> {
    if inputs.iter().any(Input::is_stdin) {
        anyhow::bail!("--drop-near-dups reads the inputs twice and cannot read standard input");
    }
    let first = args.paths.first().map_or(Path::new("."), PathBuf::as_path);
    let settings = pipelines
        .settings(pipelines.config_path_for(first).as_deref())
        .map_err(anyhow::Error::msg)?
        .dups;
    // Per-input problems are reported by the cleaning pass itself.
    let (set, _) = super::dups::sign_inputs(
        inputs,
        &[],
        pipelines,
        &args.pipeline,
        false,
        SignatureSet::new(&settings),
        true,
    )?;
    let report = set.find_duplicates(&settings);
    Ok(report
        .clusters
        .iter()
        .flat_map(|c| {
            c.members[1..]
                .iter()
                .map(|m| (m.clone(), c.representative.clone()))
        })
        .collect())
}

struct CleanObserver {
    bar: ProgressBar,
    report: Option<ReportWriter>,
    diff: bool,
    errors: u64,
    documents: u64,
}

impl Observer for CleanObserver {
    fn outcome(&mut self, outcome: Outcome<'_>) -> io::Result<()> {
        self.documents += 1;
        if let Some(report) = &mut self.report {
            report.document(outcome.doc)?;
        }
        if self.diff {
            print_outcome_diff(&self.bar, &outcome)?;
        }
        Ok(())
    }

    fn error(
        &mut self,
        location: &str,
        id: &str,
        source: Option<&Source>,
        message: &str,
    ) -> io::Result<()> {
        self.errors += 1;
        print_problem(&self.bar, location, message);
        if let Some(report) = &mut self.report {
            report.error(id, &source.cloned(), message)?;
        }
        Ok(())
    }

    fn skipped(&mut self, location: &str, message: &str) -> io::Result<()> {
        print_problem(&self.bar, location, message);
        Ok(())
    }

    fn input_done(&mut self, _input: &Input) {
        self.bar.inc(1);
        self.bar
            .set_message(format!("{} documents", self.documents));
    }
}
