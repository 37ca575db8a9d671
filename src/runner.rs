//! Runs a pipeline over the inputs of a `clean` or `check` run: documents in parallel
//! (rayon), results handed to an [`Observer`] in input order so output is deterministic,
//! memory bounded by processing text files in chunks and JSONL shards in batches of lines.

use std::fs;
use std::io::{self, BufRead, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::document::{Document, Source};
use crate::error::DocumentError;
use crate::io::atomic::{write_atomic, AtomicFile};
use crate::io::compression::Compression;
use crate::io::inputs::{describe_io_error, Input, InputFormat};
use crate::io::jsonl::{json_string, Record};
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
}

impl Default for RunOptions {
    fn default() -> Self {
        RunOptions {
            output: OutputMode::Discard,
            split_articles: false,
            stdin_format: StdinFormat::Auto,
            keep_original: false,
        }
    }
}

/// A cleaned document, as handed to the observer.
pub struct Outcome<'a> {
    pub input: &'a Input,
    pub doc: &'a Document,
    /// The decoded input text (only with `keep_original`).
    pub original: Option<&'a str>,
    /// The cleaned text in the output format.
    pub cleaned: &'a str,
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

// Bounds on work held in memory at once.
const TEXT_CHUNK_FILES: usize = 256;
const TEXT_CHUNK_BYTES: u64 = 64 << 20;
const JSONL_BATCH_LINES: usize = 4096;
const JSONL_BATCH_BYTES: usize = 32 << 20;

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
        if input.format == InputFormat::Text && !input.is_stdin() {
            // A chunk of consecutive text files, processed in parallel.
            let mut end = i;
            let mut bytes = 0u64;
            while end < inputs.len()
                && end - i < TEXT_CHUNK_FILES
                && bytes < TEXT_CHUNK_BYTES
                && inputs[end].format == InputFormat::Text
                && !inputs[end].is_stdin()
            {
                bytes += fs::metadata(&inputs[end].path).map_or(0, |m| m.len());
                end += 1;
            }
            let results: Vec<_> = (i..end)
                .into_par_iter()
                .map(|k| clean_text_file(&inputs[k], &destinations[k], options, pipelines))
                .collect();
            for (k, result) in (i..end).zip(results) {
                emit_text_result(&inputs[k], result, options, stdout, observer)?;
                observer.input_done(&inputs[k]);
            }
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

struct CleanedText {
    doc: Document,
    original: Option<String>,
    cleaned: String,
}

enum TextResult {
    Cleaned(CleanedText),
    Skipped(String),
    Failed {
        id: String,
        source: Source,
        message: String,
    },
}

fn clean_text_file(
    input: &Input,
    destination: &Result<Option<PathBuf>, String>,
    options: &RunOptions,
    pipelines: &dyn PipelineFor,
) -> TextResult {
    let id = input.path.display().to_string();
    let source = Source::File {
        path: input.path.clone(),
    };
    let fail = |message: String| TextResult::Failed {
        id: id.clone(),
        source: source.clone(),
        message,
    };
    let destination = match destination {
        Ok(d) => d,
        Err(message) => return fail(message.clone()),
    };
    let pipeline = match pipelines.pipeline_for(input) {
        Ok(p) => p,
        Err(message) => return fail(message),
    };
    let bytes = match fs::read(&input.path) {
        Ok(b) => b,
        Err(e) => return fail(describe_io_error(&e)),
    };
    match clean_bytes(
        id.clone(),
        source.clone(),
        bytes,
        &pipeline,
        options,
        destination,
    ) {
        Ok(cleaned) => TextResult::Cleaned(cleaned),
        Err(DocumentError::Binary { .. }) if !input.explicit => {
            TextResult::Skipped("skipped binary file".into())
        }
        Err(e) => fail(e.to_string()),
    }
}

/// Cleans one whole-file document and writes its output file, if it has one.
fn clean_bytes(
    id: String,
    source: Source,
    bytes: Vec<u8>,
    pipeline: &Pipeline,
    options: &RunOptions,
    destination: &Option<PathBuf>,
) -> Result<CleanedText, DocumentError> {
    let in_place = options.output == OutputMode::InPlace;
    let keep_raw = options.keep_original || in_place;
    let raw_copy = keep_raw.then(|| bytes.clone());
    let mut doc = Document::from_bytes(id, source, bytes);
    pipeline.run(&mut doc)?;
    let cleaned = doc.render_text();
    let original = match (&raw_copy, options.keep_original) {
        (Some(raw), true) => Some(decode_for_display(raw, &doc)),
        _ => None,
    };
    if let Some(dest) = destination {
        let unchanged = in_place && raw_copy.as_deref() == Some(cleaned.as_bytes());
        if !unchanged {
            write_atomic(dest, cleaned.as_bytes()).map_err(|e| {
                DocumentError::Other(format!(
                    "cannot write {}: {}",
                    dest.display(),
                    describe_io_error(&e)
                ))
            })?;
        }
    }
    Ok(CleanedText {
        doc,
        original,
        cleaned,
    })
}

/// The input bytes as text in the encoding decode chose (for diffs).
fn decode_for_display(raw: &[u8], doc: &Document) -> String {
    let label = doc
        .encoding
        .as_ref()
        .map(|v| v.encoding.as_str())
        .unwrap_or("UTF-8");
    let encoding = encoding_rs::Encoding::for_label(label.as_bytes()).unwrap_or(encoding_rs::UTF_8);
    encoding.decode(raw).0.into_owned()
}

fn emit_text_result(
    input: &Input,
    result: TextResult,
    options: &RunOptions,
    stdout: &mut dyn Write,
    observer: &mut dyn Observer,
) -> io::Result<()> {
    let location = input.path.display().to_string();
    match result {
        TextResult::Cleaned(c) => {
            if options.output == OutputMode::Stdout {
                stdout.write_all(c.cleaned.as_bytes())?;
            }
            observer.outcome(Outcome {
                input,
                doc: &c.doc,
                original: c.original.as_deref(),
                cleaned: &c.cleaned,
            })
        }
        TextResult::Skipped(message) => observer.skipped(&location, &message),
        TextResult::Failed {
            id,
            source,
            message,
        } => observer.error(&location, &id, Some(&source), &message),
    }
}

fn run_stdin(
    input: &Input,
    destination: &Result<Option<PathBuf>, String>,
    options: &RunOptions,
    pipelines: &dyn PipelineFor,
    stdout: &mut dyn Write,
    observer: &mut dyn Observer,
) -> io::Result<()> {
    let destination = match destination {
        Ok(d) => d.clone(),
        Err(message) => return observer.error("-", "-", Some(&Source::Stdin), message),
    };
    let stdin = io::stdin();
    let mut reader = io::BufReader::with_capacity(1 << 20, stdin.lock());
    let is_jsonl = match options.stdin_format {
        StdinFormat::Jsonl => true,
        StdinFormat::Text => false,
        StdinFormat::Auto => {
            let head = reader.fill_buf()?;
            head.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{')
        }
    };
    if is_jsonl {
        let dest = destination.map(|d| d.with_extension("jsonl"));
        return run_jsonl(
            input,
            Box::new(reader),
            Compression::None,
            &Ok(dest),
            options,
            pipelines,
            stdout,
            observer,
        );
    }
    let mut bytes = Vec::new();
    reader.read_to_end(&mut bytes)?;
    let pipeline = match pipelines.pipeline_for(input) {
        Ok(p) => p,
        Err(message) => return observer.error("-", "-", Some(&Source::Stdin), &message),
    };
    let dest = destination.map(|d| d.with_extension("txt"));
    let result = match clean_bytes("-".into(), Source::Stdin, bytes, &pipeline, options, &dest) {
        Ok(c) => TextResult::Cleaned(c),
        Err(e) => TextResult::Failed {
            id: "-".into(),
            source: Source::Stdin,
            message: e.to_string(),
        },
    };
    let options = RunOptions {
        // Standard input goes to standard output unless a folder was given.
        output: if dest.is_none() && options.output != OutputMode::Discard {
            OutputMode::Stdout
        } else {
            options.output.clone()
        },
        ..options.clone()
    };
    emit_text_result(input, result, &options, stdout, observer)
}

struct CleanedLine {
    doc: Document,
    original: Option<String>,
    cleaned: String,
    rendered: String,
}

/// One JSONL line's result.
enum LineResult {
    Blank,
    Cleaned(Box<CleanedLine>),
    Failed { line: u64, message: String },
}

#[allow(clippy::too_many_arguments)]
fn run_jsonl(
    input: &Input,
    mut reader: Box<dyn BufRead + '_>,
    compression: Compression,
    destination: &Result<Option<PathBuf>, String>,
    options: &RunOptions,
    pipelines: &dyn PipelineFor,
    stdout: &mut dyn Write,
    observer: &mut dyn Observer,
) -> io::Result<()> {
    let destination = match destination {
        Ok(d) => d,
        Err(message) => return report_input_error(observer, input, message),
    };
    let pipeline = match pipelines.pipeline_for(input) {
        Ok(p) => p,
        Err(message) => return report_input_error(observer, input, &message),
    };
    // The output file (or stdout); written as batches finish, moved into place at the end.
    let mut file_out = match destination {
        Some(dest) => match AtomicFile::create(dest).and_then(|f| compression.writer(f)) {
            Ok(w) => Some(w),
            Err(e) => {
                return report_input_error(
                    observer,
                    input,
                    &format!("cannot write {}: {}", dest.display(), describe_io_error(&e)),
                )
            }
        },
        None => None,
    };
    let mut line_no = 0u64;
    let mut read_failed = None;
    loop {
        let mut batch: Vec<(u64, Result<String, String>)> = Vec::new();
        let mut bytes = 0usize;
        while batch.len() < JSONL_BATCH_LINES && bytes < JSONL_BATCH_BYTES {
            let mut buf = Vec::new();
            match reader.read_until(b'\n', &mut buf) {
                Ok(0) => break,
                Ok(n) => {
                    line_no += 1;
                    bytes += n;
                    let line = String::from_utf8(buf).map_err(|e| {
                        format!("invalid UTF-8 at byte {}", e.utf8_error().valid_up_to())
                    });
                    batch.push((line_no, line));
                }
                Err(e) => {
                    read_failed = Some(describe_io_error(&e));
                    break;
                }
            }
        }
        if batch.is_empty() {
            break;
        }
        let results: Vec<LineResult> = batch
            .into_par_iter()
            .map(|(line_no, line)| clean_jsonl_line(&input.path, line_no, line, &pipeline, options))
            .collect();
        for result in results {
            match result {
                LineResult::Blank => {}
                LineResult::Cleaned(line) => {
                    match (&mut file_out, &options.output) {
                        (Some(w), _) => w.write_all(line.rendered.as_bytes())?,
                        (None, OutputMode::Stdout) => stdout.write_all(line.rendered.as_bytes())?,
                        _ => {}
                    }
                    observer.outcome(Outcome {
                        input,
                        doc: &line.doc,
                        original: line.original.as_deref(),
                        cleaned: &line.cleaned,
                    })?;
                }
                LineResult::Failed { line, message } => {
                    let location = format!("{}:{line}", input.path.display());
                    let source = Source::JsonlLine {
                        path: input.path.clone(),
                        line,
                    };
                    observer.error(&location, &location, Some(&source), &message)?;
                }
            }
        }
        if read_failed.is_some() {
            break;
        }
    }
    if let Some(message) = read_failed {
        // The output is not moved into place: a half-read shard must not look complete.
        return report_input_error(
            observer,
            input,
            &format!("read failed after line {line_no}: {message}"),
        );
    }
    if let Some(w) = file_out {
        let committed = w.finish().and_then(|f| f.commit());
        if let Err(e) = committed {
            return report_input_error(
                observer,
                input,
                &format!("cannot write output: {}", describe_io_error(&e)),
            );
        }
    }
    Ok(())
}

fn clean_jsonl_line(
    path: &Path,
    line_no: u64,
    line: Result<String, String>,
    pipeline: &Pipeline,
    options: &RunOptions,
) -> LineResult {
    let fail = |message: String| LineResult::Failed {
        line: line_no,
        message,
    };
    let line = match line {
        Ok(l) => l,
        Err(message) => return fail(message),
    };
    if line.trim().is_empty() {
        return LineResult::Blank;
    }
    let record = match Record::parse(line.trim_end_matches(['\n', '\r'])) {
        Ok(r) => r,
        Err(e) => return fail(e.to_string()),
    };
    let fields = &pipeline.settings().input;
    let text = match record.text(&fields.text_field) {
        Ok(t) => t,
        Err(e) => return fail(e.to_string()),
    };
    let id = record
        .id(&fields.id_field)
        .unwrap_or_else(|| format!("{}:{line_no}", path.display()));
    let original = options.keep_original.then(|| text.clone());
    let source = Source::JsonlLine {
        path: path.to_path_buf(),
        line: line_no,
    };
    let mut doc = Document::from_bytes(id.clone(), source, text.into_bytes());
    if let Err(e) = pipeline.run(&mut doc) {
        return fail(e.to_string());
    }
    let cleaned = doc.render_text();
    let rendered = if options.split_articles {
        doc.articles()
            .iter()
            .enumerate()
            .map(|(index, blocks)| {
                let text: String = blocks
                    .iter()
                    .flat_map(|b| [b.text.as_str(), "\n"])
                    .collect();
                record.render_with(
                    &fields.text_field,
                    &text,
                    &[
                        (
                            fields.id_field.as_str(),
                            json_string(&format!("{id}/{index}")),
                        ),
                        ("parent_id", json_string(&id)),
                        ("article_index", index.to_string()),
                    ],
                )
            })
            .collect()
    } else {
        record.render_with(&fields.text_field, &cleaned, &[])
    };
    LineResult::Cleaned(Box::new(CleanedLine {
        doc,
        original,
        cleaned,
        rendered,
    }))
}
