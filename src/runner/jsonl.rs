//! JSONL shards: batches of lines cleaned in parallel, written in order.

use std::io::{self, BufRead, Write};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::document::{Document, Source};
use crate::io::atomic::AtomicFile;
use crate::io::compression::Compression;
use crate::io::inputs::{describe_io_error, Input};
use crate::io::jsonl::{json_string, Record};
use crate::pipeline::Pipeline;

use super::overlap::overlapped;
use super::*;

struct CleanedLine {
    doc: Document,
    original: Option<String>,
    /// Rendered only when something writes it.
    cleaned: Option<String>,
    rendered: String,
    digest: Option<Box<dyn std::any::Any + Send>>,
}

/// One JSONL line's result.
enum LineResult {
    Blank,
    Cleaned(Box<CleanedLine>),
    Failed { line: u64, message: String },
}

#[allow(clippy::too_many_arguments)]
pub(super) fn run_jsonl(
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
    let read_batch = || {
        if read_failed.is_some() {
            return None;
        }
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
                    read_failed = Some((line_no, describe_io_error(&e)));
                    break;
                }
            }
        }
        (!batch.is_empty()).then_some(batch)
    };
    let clean_batch = |batch: Vec<(u64, Result<String, String>)>| -> Vec<LineResult> {
        batch
            .into_par_iter()
            .map(|(line_no, line)| clean_jsonl_line(&input.path, line_no, line, &pipeline, options))
            .collect()
    };
    let emit_batch = |results: Vec<LineResult>| -> io::Result<()> {
        for result in results {
            match result {
                LineResult::Blank => {}
                LineResult::Cleaned(line) => {
                    match (&mut file_out, &options.output) {
                        _ if options.drops(&line.doc.id) => {}
                        (Some(w), _) => w.write_all(line.rendered.as_bytes())?,
                        (None, OutputMode::Stdout) => stdout.write_all(line.rendered.as_bytes())?,
                        _ => {}
                    }
                    let CleanedLine {
                        doc,
                        original,
                        cleaned,
                        digest,
                        ..
                    } = *line;
                    observer.outcome(Outcome {
                        input,
                        doc: &doc,
                        original: original.as_deref(),
                        cleaned: cleaned.as_deref(),
                        digest,
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
        Ok(())
    };
    overlapped(read_batch, clean_batch, emit_batch)?;
    if let Some((line_no, message)) = read_failed {
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
    if let Err(e) = options.clean(pipeline, &mut doc) {
        return fail(e.to_string());
    }
    // Nothing is written in discard mode (check, dups, the learning pass): no JSON to render.
    let (cleaned, rendered) = if options.output == OutputMode::Discard {
        (None, String::new())
    } else {
        let cleaned = doc.render_text();
        let rendered = render_record(&record, fields, &doc, &id, &cleaned, options.split_articles);
        (Some(cleaned), rendered)
    };
    let digest = options.digest(&mut doc);
    LineResult::Cleaned(Box::new(CleanedLine {
        doc,
        original,
        cleaned,
        rendered,
        digest,
    }))
}

/// The output line(s) of a cleaned record: the record with its text replaced, or one
/// record per article (`--split-articles`).
fn render_record(
    record: &Record,
    fields: &crate::config::InputSettings,
    doc: &Document,
    id: &str,
    cleaned: &str,
    split_articles: bool,
) -> String {
    if split_articles {
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
                        ("parent_id", json_string(id)),
                        ("article_index", index.to_string()),
                    ],
                )
            })
            .collect()
    } else {
        record.render_with(&fields.text_field, cleaned, &[])
    }
}
