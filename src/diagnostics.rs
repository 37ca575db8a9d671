//! Check mode's findings: each edit the pipeline would make becomes a diagnostic pointing at
//! the original file, line and column, rendered in the format a linter user expects.

use std::io::{self, Write};

use serde::Serialize;

use crate::document::{Action, Document, Edit, Source};

/// One finding.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
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
        _ => edit.rule.clone(),
    }
}

/// The diagnostics of a processed document, in original line order.
pub fn from_document(doc: &Document) -> Vec<Diagnostic> {
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
            Diagnostic {
                path,
                line,
                column,
                code: edit.code.clone(),
                rule: edit.rule.clone(),
                message,
                document: doc.id.clone(),
            }
        })
        .collect();
    out.sort_by_key(|d| (d.line, d.column));
    out
}

/// Output formats of `thresh check`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// `path:line:col: CODE message`
    Concise,
    /// One JSON object per line.
    Json,
    /// GitHub Actions workflow commands (annotations).
    Github,
}

/// Writes one diagnostic in `format`.
pub fn render(out: &mut dyn Write, d: &Diagnostic, format: Format) -> io::Result<()> {
    match format {
        Format::Concise => writeln!(
            out,
            "{}:{}:{}: {} {}",
            d.path, d.line, d.column, d.code, d.message
        ),
        Format::Json => {
            serde_json::to_writer(&mut *out, d)?;
            out.write_all(b"\n")
        }
        Format::Github => writeln!(
            out,
            "::error file={},line={},col={},title={} {}::{}",
            github_escape_property(&d.path),
            d.line,
            d.column,
            d.code,
            github_escape_property(&d.rule),
            github_escape_data(&d.message)
        ),
    }
}

// GitHub workflow commands need %, CR, LF (and in properties : and ,) escaped.
fn github_escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn github_escape_property(s: &str) -> String {
    github_escape_data(s)
        .replace(':', "%3A")
        .replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::LineRange;
    use crate::stages::normalize::EDGE_SPACES;

    fn sample() -> Diagnostic {
        let mut doc = Document::from_bytes(
            "news/a.txt",
            Source::File {
                path: "news/a.txt".into(),
            },
            vec![],
        );
        doc.record(
            Edit::new(
                "normalize",
                &EDGE_SPACES,
                Action::Remove,
                LineRange::line(7),
            )
            .before("汤学安 摄"),
        );
        from_document(&doc).remove(0)
    }

    #[test]
    fn concise_format_is_path_line_col_code_message() {
        let mut out = Vec::new();
        render(&mut out, &sample(), Format::Concise).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "news/a.txt:7:1: U103 edge-spaces \"汤学安 摄\"\n"
        );
    }

    #[test]
    fn github_format_escapes() {
        let mut d = sample();
        d.message = "a%b\nc".into();
        let mut out = Vec::new();
        render(&mut out, &d, Format::Github).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "::error file=news/a.txt,line=7,col=1,title=U103 edge-spaces::a%25b%0Ac\n"
        );
    }

    #[test]
    fn long_excerpts_are_shortened() {
        assert_eq!(excerpt(&"字".repeat(60)).chars().count(), EXCERPT_CHARS + 1);
    }
}
