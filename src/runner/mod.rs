//! Runs a pipeline over the inputs of a `clean` or `check` run: documents in parallel
//! (rayon), results handed to an [`Observer`] in input order so output is deterministic,
//! memory bounded by processing text files in chunks and JSONL shards in batches of lines.
//! While one chunk or batch is emitted on the calling thread, the next is being cleaned
//! (`overlap.rs`).

mod jsonl;
mod learn;
mod overlap;
use jsonl::run_jsonl;
pub use learn::learn_boilerplate;
use overlap::overlapped;
use text::{clean_text_file, emit_text_result, run_stdin};
mod text;

use std::any::Any;
use std::borrow::Cow;
use std::fs;
use std::io::{self, Write};
use std::path::PathBuf;
use std::sync::Arc;

use rayon::prelude::*;

use crate::document::{Document, Source};
use crate::io::inputs::{describe_io_error, Input, InputFormat};
use crate::pipeline::Pipeline;

/// Where cleaned documents go.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OutputMode {
    /// Mirror the input tree below this folder.
    Dir(PathBuf),
    /// Replace each input (only when its content changes).
    InPlace,
    /// Write everything to the given stdout writer, in input order.
    Stdout,
    /// Write nothing (check mode, `--diff`).
    Discard,
}

/// How standard input is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum StdinFormat {
    /// JSONL when the first non-blank byte is `{`, one text document otherwise.
    #[default]
    Auto,
    Text,
    Jsonl,
}

#[derive(Clone, Debug)]
pub struct RunOptions {
    pub output: OutputMode,
    /// JSONL output: one record per article (`id` = `PARENT/INDEX`, plus `parent_id` and
    /// `article_index` fields).
    pub split_articles: bool,
    pub stdin_format: StdinFormat,
    /// Keep the decoded input text in each [`Outcome`] (for diffs).
    pub keep_original: bool,
    /// Documents with these ids are cleaned and handed to the observer but not written
    /// (`clean --drop-near-dups`).
    pub drop_ids: Option<Arc<std::collections::HashSet<String>>>,
    /// Settle each result so that cleaning it again changes nothing
    /// ([`Pipeline::run`](crate::pipeline::Pipeline::run)). Off where only the content
    /// matters, not that the output is a fixed point (near-duplicate signatures): the stages
    /// run once ([`Pipeline::run_stages`](crate::pipeline::Pipeline::run_stages)), a third
    /// cheaper.
    pub settle: bool,
    /// Computed for each cleaned document on the worker thread that cleaned it, and handed
    /// to the observer instead of the document's content ([`Outcome::digest`]): the worker
    /// then drops the text and edits ([`Document::forget_content`]), so they are freed by
    /// the thread that allocated them (freeing them on the observer's thread cost glibc's
    /// allocator a sixth of a `thresh dups` run).
    pub digest: Option<Digester>,
}

/// What an observer needs of each document that costs real time to compute (near-duplicate
/// signatures): run in parallel with the cleaning, not on the observer's thread.
#[derive(Clone)]
pub struct Digester(pub Arc<DigestFn>);

/// The function behind a [`Digester`]: any value, downcast by the observer.
pub type DigestFn = dyn Fn(&Document) -> Box<dyn Any + Send> + Send + Sync;

impl std::fmt::Debug for Digester {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Digester")
    }
}

impl Digester {
    fn digest(&self, doc: &Document) -> Box<dyn Any + Send> {
        (self.0)(doc)
    }
}

impl RunOptions {
    /// Runs the pipeline on `doc` as these options say.
    pub fn clean(
        &self,
        pipeline: &crate::pipeline::Pipeline,
        doc: &mut crate::document::Document,
    ) -> Result<(), crate::error::DocumentError> {
        if self.settle {
            pipeline.run(doc)
        } else {
            pipeline.run_stages(doc)
        }
    }

    /// What [`RunOptions::digest`] makes of a cleaned and written `doc`, which then keeps
    /// only its id, source and encoding.
    fn digest(&self, doc: &mut Document) -> Option<Box<dyn Any + Send>> {
        let digest = self.digest.as_ref()?.digest(doc);
        doc.forget_content();
        Some(digest)
    }

    /// Whether the output of document `id` is left out.
    pub fn drops(&self, id: &str) -> bool {
        self.drop_ids.as_ref().is_some_and(|ids| ids.contains(id))
    }
}

impl Default for RunOptions {
    fn default() -> Self {
        RunOptions {
            output: OutputMode::Discard,
            split_articles: false,
            stdin_format: StdinFormat::Auto,
            keep_original: false,
            drop_ids: None,
            settle: true,
            digest: None,
        }
    }
}

/// A cleaned document, as handed to the observer.
pub struct Outcome<'a> {
    pub input: &'a Input,
    pub doc: &'a Document,
    /// The decoded input text (only with `keep_original`).
    pub original: Option<&'a str>,
    /// The cleaned text in the output format, when the run rendered it anyway (see
    /// [`Outcome::cleaned_text`]).
    pub cleaned: Option<&'a str>,
    /// What [`RunOptions::digest`] computed for this document.
    pub digest: Option<Box<dyn Any + Send>>,
}

impl Outcome<'_> {
    /// The cleaned text in the output format.
    pub fn cleaned_text(&self) -> Cow<'_, str> {
        match self.cleaned {
            Some(text) => Cow::Borrowed(text),
            None => Cow::Owned(self.doc.render_text()),
        }
    }
}

/// Receives what happens during a run, in input order, on the calling thread.
pub trait Observer {
    /// A document was cleaned (and its output written, if there is one).
    fn outcome(&mut self, outcome: Outcome<'_>) -> io::Result<()>;
    /// An input or a document in it failed; `location` is `path` or `path:line`.
    fn error(
        &mut self,
        location: &str,
        id: &str,
        source: Option<&Source>,
        message: &str,
    ) -> io::Result<()>;
    /// An input found by walking was skipped (a binary file).
    fn skipped(&mut self, location: &str, message: &str) -> io::Result<()>;
    /// An input is finished.
    fn input_done(&mut self, _input: &Input) {}
}

/// Chooses the pipeline for an input (configuration files are found per input).
pub trait PipelineFor: Sync {
    fn pipeline_for(&self, input: &Input) -> Result<Arc<Pipeline>, String>;
}

impl<F: Fn(&Input) -> Result<Arc<Pipeline>, String> + Sync> PipelineFor for F {
    fn pipeline_for(&self, input: &Input) -> Result<Arc<Pipeline>, String> {
        self(input)
    }
}

// Bounds on work held in memory at once; two chunks or batches are in flight (one being
// cleaned while the other is emitted), so each bound is half of what one may hold.
const TEXT_CHUNK_FILES: usize = 256;
const TEXT_CHUNK_BYTES: u64 = 32 << 20;
const JSONL_BATCH_LINES: usize = 2048;
const JSONL_BATCH_BYTES: usize = 16 << 20;

/// Runs over every input. Per-input problems go to the observer; the returned error is
/// only for failures that end the run (a closed stdout).
pub fn run(
    inputs: &[Input],
    options: &RunOptions,
    pipelines: &dyn PipelineFor,
    stdout: &mut dyn Write,
    observer: &mut dyn Observer,
) -> io::Result<()> {
    let destinations = plan_destinations(inputs, &options.output);
    let mut i = 0;
    while i < inputs.len() {
        let input = &inputs[i];
        if is_text_file(input) {
            // A run of consecutive text files, cleaned in parallel chunks.
            let end = (i..inputs.len())
                .find(|&k| !is_text_file(&inputs[k]))
                .unwrap_or(inputs.len());
            let mut next = i;
            let next_chunk = || {
                let start = next;
                let mut bytes = 0u64;
                while next < end && next - start < TEXT_CHUNK_FILES && bytes < TEXT_CHUNK_BYTES {
                    bytes += fs::metadata(&inputs[next].path).map_or(0, |m| m.len());
                    next += 1;
                }
                (start < next).then_some(start..next)
            };
            let clean_chunk = |chunk: std::ops::Range<usize>| {
                let results: Vec<_> = chunk
                    .clone()
                    .into_par_iter()
                    .map(|k| clean_text_file(&inputs[k], &destinations[k], options, pipelines))
                    .collect();
                (chunk, results)
            };
            let emit_chunk = |(chunk, results): (std::ops::Range<usize>, Vec<_>)| {
                for (k, result) in chunk.zip(results) {
                    emit_text_result(&inputs[k], result, options, stdout, observer)?;
                    observer.input_done(&inputs[k]);
                }
                Ok(())
            };
            overlapped(next_chunk, clean_chunk, emit_chunk)?;
            i = end;
            continue;
        }
        if input.is_stdin() {
            run_stdin(
                input,
                &destinations[i],
                options,
                pipelines,
                stdout,
                observer,
            )?;
        } else {
            match fs::File::open(&input.path) {
                Ok(file) => {
                    let InputFormat::Jsonl(compression) = input.format else {
                        unreachable!("text files are handled above")
                    };
                    match compression.reader(file) {
                        Ok(reader) => run_jsonl(
                            input,
                            reader,
                            compression,
                            &destinations[i],
                            options,
                            pipelines,
                            stdout,
                            observer,
                        )?,
                        Err(e) => report_input_error(observer, input, &describe_io_error(&e))?,
                    }
                }
                Err(e) => report_input_error(observer, input, &describe_io_error(&e))?,
            }
        }
        observer.input_done(input);
        i += 1;
    }
    Ok(())
}

/// A file read whole as one document (not JSONL, not stdin).
fn is_text_file(input: &Input) -> bool {
    input.format == InputFormat::Text && !input.is_stdin()
}

fn report_input_error(observer: &mut dyn Observer, input: &Input, message: &str) -> io::Result<()> {
    let location = input.path.display().to_string();
    observer.error(
        &location,
        &location,
        Some(&Source::File {
            path: input.path.clone(),
        }),
        message,
    )
}

/// Where each input's output goes (`Err` when two inputs would write the same file).
fn plan_destinations(
    inputs: &[Input],
    output: &OutputMode,
) -> Vec<Result<Option<PathBuf>, String>> {
    let mut seen = std::collections::HashMap::new();
    inputs
        .iter()
        .map(|input| match output {
            OutputMode::Dir(dir) => {
                let rel = if input.is_stdin() {
                    PathBuf::from("stdin")
                } else {
                    input.relative_path()
                };
                let dest = dir.join(rel);
                match seen.insert(dest.clone(), input.path.clone()) {
                    Some(earlier) => Err(format!(
                        "output {} is already written for {}",
                        dest.display(),
                        earlier.display()
                    )),
                    None => Ok(Some(dest)),
                }
            }
            OutputMode::InPlace if input.is_stdin() => {
                Err("--in-place cannot rewrite standard input".into())
            }
            OutputMode::InPlace => Ok(Some(input.path.clone())),
            OutputMode::Stdout | OutputMode::Discard => Ok(None),
        })
        .collect()
}
