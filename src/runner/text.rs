//! Whole-file documents: text files (in parallel chunks) and standard input.

use std::fs;
use std::io::{self, BufRead, Read, Write};
use std::path::PathBuf;

use crate::document::{Document, Source};
use crate::error::DocumentError;
use crate::io::atomic::write_atomic;
use crate::io::compression::Compression;
use crate::io::inputs::{describe_io_error, Input};
use crate::pipeline::Pipeline;

use super::jsonl::run_jsonl;
use super::*;

pub(super) struct CleanedText {
    doc: Document,
    original: Option<String>,
    /// Rendered only when something writes it.
    cleaned: Option<String>,
    digest: Option<Box<dyn std::any::Any + Send>>,
}

pub(super) enum TextResult {
    Cleaned(CleanedText),
    Skipped(String),
    Failed {
        id: String,
        source: Source,
        message: String,
    },
}

pub(super) fn clean_text_file(
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
    options.clean(pipeline, &mut doc)?;
    let original = match (&raw_copy, options.keep_original) {
        (Some(raw), true) => Some(decode_for_display(raw, &doc)),
        _ => None,
    };
    // Nothing is written in discard mode (check, dups, `clean --diff`): no text to render.
    let cleaned = (options.output != OutputMode::Discard).then(|| doc.render_text());
    if let Some((dest, cleaned)) = destination
        .as_ref()
        .filter(|_| !options.drops(&doc.id))
        .zip(cleaned.as_ref())
    {
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
    let digest = options.digest(&mut doc);
    Ok(CleanedText {
        doc,
        original,
        cleaned,
        digest,
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

pub(super) fn emit_text_result(
    input: &Input,
    result: TextResult,
    options: &RunOptions,
    stdout: &mut dyn Write,
    observer: &mut dyn Observer,
) -> io::Result<()> {
    let location = input.path.display().to_string();
    match result {
        TextResult::Cleaned(c) => {
            if let Some(cleaned) = c
                .cleaned
                .as_ref()
                .filter(|_| options.output == OutputMode::Stdout && !options.drops(&c.doc.id))
            {
                stdout.write_all(cleaned.as_bytes())?;
            }
            observer.outcome(Outcome {
                input,
                doc: &c.doc,
                original: c.original.as_deref(),
                cleaned: c.cleaned.as_deref(),
                digest: c.digest,
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

pub(super) fn run_stdin(
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
