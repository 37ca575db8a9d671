//! Check mode's findings: each edit the pipeline would make becomes a diagnostic pointing at
//! the original file, line and column, rendered in the format a linter user expects.

mod render;

pub use render::{Format, Renderer};

use serde::{Deserialize, Serialize};

use crate::document::{Action, Document, Edit, Source};

/// One finding.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    /// The file, as given.
    pub path: String,
    /// 1-based line in that file (for JSONL: the record's line).
    pub line: u64,
    /// 1-based column in characters.
    pub column: u32,
    pub code: String,
    pub rule: String,
    pub message: String,
    /// The document id (differs from `path` inside JSONL shards).
    pub document: String,
    /// How many characters the finding covers on its line (0: a point).
    #[serde(skip)]
    pub width: u32,
    /// The original line, when known (for the `full` format).
    #[serde(skip)]
    pub source_line: Option<String>,
}

/// How long a quoted excerpt may be before it is shortened.
const EXCERPT_CHARS: usize = 48;

fn excerpt(text: &str) -> String {
    let mut chars = text.chars();
    let head: String = chars.by_ref().take(EXCERPT_CHARS).collect();
    if chars.next().is_some() {
        format!("{head}…")
    } else {
        head
    }
}

/// The message of an edit: the rule name and what it found.
pub fn message_for(edit: &Edit) -> String {
    match edit.action {
        Action::Remove | Action::Move if !edit.before.is_empty() => {
            format!("{} {:?}", edit.rule, excerpt(&edit.before))
        }
        _ if !edit.reason.is_empty() => format!("{}: {}", edit.rule, edit.reason),
        _ => edit.rule.to_string(),
    }
}

/// The diagnostics of a processed document, in original line order. `original` is the
/// decoded input text; with it each diagnostic carries its source line.
pub fn from_document(doc: &Document, original: Option<&str>) -> Vec<Diagnostic> {
    let original_lines: Vec<&str> = original.map(|t| t.lines().collect()).unwrap_or_default();
    let mut out: Vec<Diagnostic> = doc
        .edits
        .iter()
        .map(|edit| {
            let (path, line, column, message) = match &doc.source {
                Some(Source::JsonlLine { path, line }) => (
                    path.display().to_string(),
                    *line,
                    1,
                    format!(
                        "{} (document {}, line {})",
                        message_for(edit),
                        doc.id,
                        edit.lines.start
                    ),
                ),
                Some(Source::File { path }) => (
                    path.display().to_string(),
                    edit.lines.start as u64,
                    edit.column,
                    message_for(edit),
                ),
                _ => (
                    doc.id.clone(),
                    edit.lines.start as u64,
                    edit.column,
                    message_for(edit),
                ),
            };
            let source_line = original_lines
                .get(edit.lines.start as usize - 1)
                .map(|l| l.to_string());
            // A removed span is marked as wide as the text it removed, when that text is on
            // the line; anything else is a point.
            let width = match &source_line {
                Some(l)
                    if !edit.before.is_empty()
                        && edit.before.lines().count() == 1
                        && l.contains(edit.before.as_str()) =>
                {
                    edit.before.chars().count() as u32
                }
                _ => 0,
            };
            Diagnostic {
                path,
                line,
                column,
                code: edit.code.to_string(),
                rule: edit.rule.to_string(),
                message,
                document: doc.id.clone(),
                width,
                source_line,
            }
        })
        .collect();
    out.sort_by_key(|d| (d.line, d.column));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_excerpts_are_shortened() {
        assert_eq!(excerpt(&"字".repeat(60)).chars().count(), EXCERPT_CHARS + 1);
        assert_eq!(excerpt("短"), "短");
    }
}
