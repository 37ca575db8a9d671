//! `thresh dups`: near-duplicate documents (or articles): pairs and clusters.
//!
//! ```text
//! thresh dups corpus/                               pairs and clusters, as text
//! thresh dups shard.jsonl.zst --format json         {"parameters", "pairs", "clusters"}
//! thresh dups pages/ --articles                     compare articles, not whole pages
//! thresh dups corpus/ --save-index corpus.idx       keep the signatures
//! thresh dups new/ --index corpus.idx               check new documents against them
//! thresh dups --index a.idx --index b.idx           merge shard indexes, search them all
//! ```
//!
//! Every document is cleaned first (the same pipeline as `clean`), so page chrome that
//! differs between sites does not hide a copy.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::Context;
use clap::{Args, ValueEnum};
use indicatif::ProgressBar;
use thresh::config::EditTexts;
use thresh::document::Source;
use thresh::dups::{render, sign_units, DupSettings, SignatureSet, SignedUnits};
use thresh::io::inputs::{self, Input, InputProblem};
use thresh::runner::{self, Digester, Observer, Outcome, OutputMode, RunOptions};

use super::common::{print_problem, progress_bar, PipelineArgs, Pipelines};
use super::{EXIT_ERROR, EXIT_OK};

#[derive(Args)]
pub struct DupsArgs {
    /// Files, folders (walked recursively, .gitignore respected) or `-` for stdin.
    #[arg(value_name = "PATH", required_unless_present = "index")]
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = DupsFormat::Text)]
    format: DupsFormat,
    /// Jaccard similarity (0–1) at which a pair is a near-duplicate.
    #[arg(long, value_name = "J")]
    threshold: Option<f64>,
    /// Containment (0–1) at which a truncated or extended copy is a near-duplicate.
    #[arg(long, value_name = "C")]
    containment: Option<f64>,
    /// Simhash pairs at most this many bits apart are also candidates.
    #[arg(long, value_name = "BITS")]
    hamming: Option<u32>,
    /// Tokens per shingle (characters for Chinese, words for English).
    #[arg(long, value_name = "N")]
    shingle: Option<usize>,
    /// Compare the articles of multi-article pages (ids `ID/0`, `ID/1`…, as
    /// `clean --split-articles` names them).
    #[arg(long)]
    articles: bool,
    /// Write the signatures of every document searched to FILE.
    #[arg(long, value_name = "FILE")]
    save_index: Option<PathBuf>,
    /// Check the documents against this index (repeatable: shard indexes merge).
    #[arg(long, value_name = "FILE")]
    index: Vec<PathBuf>,
    #[command(flatten)]
    pipeline: PipelineArgs,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum DupsFormat {
    /// `a  b  distance  jaccard  containment` per pair, then the clusters.
    Text,
    /// One JSON object: parameters, pairs, clusters.
    Json,
    /// One JSON object per pair, then per cluster.
    Jsonl,
}

impl DupsArgs {
    fn apply(&self, settings: &mut DupSettings) {
        if let Some(j) = self.threshold {
            settings.threshold.jaccard = j;
        }
        if let Some(c) = self.containment {
            settings.threshold.containment = c;
        }
        if let Some(k) = self.hamming {
            settings.hamming = k;
        }
        if let Some(n) = self.shingle {
            settings.shingle = n;
        }
    }
}

pub fn run(mut args: DupsArgs) -> anyhow::Result<i32> {
    args.pipeline.init_threads()?;
    // Signatures read the cleaned text only.
    args.pipeline.edit_texts = EditTexts::Omitted;
    // Without `--articles` the signatures read the whole cleaned text; the articles stage
    // only marks article starts and moves a misplaced headline (a short line the key
    // mostly leaves out), so it is skipped: ~10-15% less CPU, the same pairs on the 10k
    // bench corpus and 3 more (true) pairs out of 51,660 on the 100k one.
    let pipelines = match args.articles {
        true => Pipelines::new(&args.pipeline)?,
        false => Pipelines::skipping(&args.pipeline, &["articles"])?,
    };
    let first = args.paths.first().map_or(Path::new("."), PathBuf::as_path);
    let mut settings = pipelines
        .settings(pipelines.config_path_for(first).as_deref())
        .map_err(anyhow::Error::msg)?
        .dups;
    args.apply(&mut settings);
    settings.validate().map_err(anyhow::Error::msg)?;

    let mut set = SignatureSet::new(&settings);
    for path in &args.index {
        let loaded = SignatureSet::load(path)?;
        set.merge(loaded, path)?;
    }

    let (inputs, problems) = inputs::collect(&args.paths, None);
    let (set, errors) = sign_inputs(
        &inputs,
        &problems,
        &pipelines,
        &args.pipeline,
        args.articles,
        set,
        false,
    )?;

    let report = set.find_duplicates(&settings);
    if let Some(path) = &args.save_index {
        set.save(path)
            .with_context(|| format!("cannot write index {}", path.display()))?;
    }
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    match args.format {
        DupsFormat::Text => render::write_text(&mut out, &report)?,
        DupsFormat::Json => render::write_json(&mut out, &settings, &report)?,
        DupsFormat::Jsonl => render::write_jsonl(&mut out, &report)?,
    }
    out.flush()?;
    Ok(if errors > 0 { EXIT_ERROR } else { EXIT_OK })
}

/// Cleans every input and adds the signatures of its documents (or articles) to `set`.
/// Per-input problems are printed unless `quiet`; returns the set and how many there were.
pub(super) fn sign_inputs(
    inputs: &[Input],
    problems: &[InputProblem],
    pipelines: &Pipelines,
    pipeline_args: &PipelineArgs,
    articles: bool,
    set: SignatureSet,
    quiet: bool,
) -> anyhow::Result<(SignatureSet, u64)> {
    let bar = progress_bar(inputs.len());
    let signing = set.signing_settings();
    let mut observer = DupsObserver {
        quiet,
        bar: bar.clone(),
        set,
        errors: 0,
    };
    for problem in problems {
        observer.errors += 1;
        print_problem(&bar, &problem.path.display().to_string(), &problem.message);
    }
    let options = RunOptions {
        output: OutputMode::Discard,
        stdin_format: pipeline_args.stdin_format(),
        // Signatures need the content, not a fixed point of cleaning.
        settle: false,
        // Each document is signed by the worker that cleaned it, which then drops it.
        digest: Some(Digester(Arc::new(move |doc| {
            Box::new(sign_units(doc, articles, &signing))
        }))),
        ..RunOptions::default()
    };
    let mut sink = io::sink();
    runner::run(inputs, &options, pipelines, &mut sink, &mut observer)?;
    bar.finish_and_clear();
    Ok((observer.set, observer.errors))
}

struct DupsObserver {
    /// Count problems without printing them (a first pass whose problems the second
    /// pass reports).
    quiet: bool,
    bar: ProgressBar,
    set: SignatureSet,
    errors: u64,
}

impl Observer for DupsObserver {
    fn outcome(&mut self, outcome: Outcome<'_>) -> io::Result<()> {
        // `sign_inputs` has the runner sign every document (and then drop its text).
        let signed: Box<SignedUnits> = outcome
            .digest
            .and_then(|d| d.downcast().ok())
            .expect("sign_inputs digests every document");
        for (id, signature) in signed.into_iter() {
            if let Some((chars, fingerprint)) = signature {
                self.set.push(id, chars, &fingerprint);
            }
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
        if !self.quiet {
            print_problem(&self.bar, location, message);
        }
        Ok(())
    }

    fn skipped(&mut self, location: &str, message: &str) -> io::Result<()> {
        if !self.quiet {
            print_problem(&self.bar, location, message);
        }
        Ok(())
    }

    fn input_done(&mut self, _input: &Input) {
        self.bar.inc(1);
    }
}
