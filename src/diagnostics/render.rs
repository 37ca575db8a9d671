//! One renderer per output format of `thresh check`. Renderers write to any `Write`; the
//! CLI hands them stdout. Formats that need a closing bracket or a summary keep state.

use std::collections::BTreeMap;
use std::io::{self, Write};

use super::Diagnostic;

/// Output formats of `thresh check`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// `path:line:col: CODE message`
    Concise,
    /// Concise, plus the source line with the finding marked.
    Full,
    /// A JSON array of findings.
    Json,
    /// GitHub Actions workflow commands (annotations).
    Github,
    /// SARIF 2.1.0, for code-scanning dashboards.
    Sarif,
}

/// Writes diagnostics in one format: call [`Renderer::diagnostic`] for each, then
/// [`Renderer::finish`].
pub struct Renderer<W: Write> {
    out: W,
    format: Format,
    count: u64,
    /// SARIF needs every result before it can write the document.
    held: Vec<Diagnostic>,
}

impl<W: Write> Renderer<W> {
    pub fn new(out: W, format: Format) -> Self {
        Renderer {
            out,
            format,
            count: 0,
            held: Vec::new(),
        }
    }

    /// Whether this format wants the original source lines (`Full`).
    pub fn needs_source(&self) -> bool {
        self.format == Format::Full
    }

    pub fn diagnostic(&mut self, d: &Diagnostic) -> io::Result<()> {
        self.count += 1;
        let out = &mut self.out;
        match self.format {
            Format::Concise => concise(out, d),
            Format::Full => {
                concise(out, d)?;
                full_snippet(out, d)
            }
            Format::Json => {
                out.write_all(if self.count == 1 { b"[\n" } else { b",\n" })?;
                serde_json::to_writer(&mut *out, d)?;
                Ok(())
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
            Format::Sarif => {
                self.held.push(d.clone());
                Ok(())
            }
        }
    }

    /// Flushes output that must come last (closing brackets, the SARIF document).
    pub fn finish(mut self) -> io::Result<W> {
        match self.format {
            Format::Json => {
                self.out
                    .write_all(if self.count == 0 { b"[]\n" } else { b"\n]\n" })?;
            }
            Format::Sarif => {
                serde_json::to_writer_pretty(&mut self.out, &sarif(&self.held))?;
                self.out.write_all(b"\n")?;
            }
            _ => {}
        }
        self.out.flush()?;
        Ok(self.out)
    }

    pub fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

fn concise(out: &mut dyn Write, d: &Diagnostic) -> io::Result<()> {
    writeln!(
        out,
        "{}:{}:{}: {} {}",
        d.path, d.line, d.column, d.code, d.message
    )
}

/// The source line under the finding, with `^` under the characters it covers.
fn full_snippet(out: &mut dyn Write, d: &Diagnostic) -> io::Result<()> {
    let Some(line) = &d.source_line else {
        return Ok(());
    };
    let number = d.line.to_string();
    let pad = " ".repeat(number.len());
    // Columns count characters; a CJK character takes two terminal cells.
    let cells = |s: &str| {
        s.chars()
            .map(|c| if is_wide(c) { 2 } else { 1 })
            .sum::<usize>()
    };
    let before: String = line
        .chars()
        .take(d.column.saturating_sub(1) as usize)
        .collect();
    let marked: String = line
        .chars()
        .skip(d.column.saturating_sub(1) as usize)
        .take(d.width.max(1) as usize)
        .collect();
    writeln!(out, "{pad} |")?;
    writeln!(out, "{number} | {line}")?;
    writeln!(
        out,
        "{pad} | {}{}",
        " ".repeat(cells(&before)),
        "^".repeat(cells(&marked).max(1))
    )?;
    writeln!(out)
}

fn is_wide(c: char) -> bool {
    matches!(c as u32, 0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD)
}

fn sarif(diagnostics: &[Diagnostic]) -> serde_json::Value {
    let mut rules = BTreeMap::new();
    for d in diagnostics {
        rules.entry(d.code.clone()).or_insert_with(|| {
            let help = crate::registry::find_rule(&d.code)
                .map(|(_, r)| r.explanation)
                .unwrap_or("");
            serde_json::json!({
                "id": d.code,
                "name": d.rule,
                "shortDescription": {"text": d.rule},
                "fullDescription": {"text": help},
            })
        });
    }
    let results: Vec<_> = diagnostics
        .iter()
        .map(|d| {
            serde_json::json!({
                "ruleId": d.code,
                "level": "error",
                "message": {"text": d.message},
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": {"uri": d.path},
                        "region": {"startLine": d.line, "startColumn": d.column},
                    }
                }],
            })
        })
        .collect();
    serde_json::json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "thresh",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://github.com/thresh-corpus/thresh",
                "rules": rules.into_values().collect::<Vec<_>>(),
            }},
            "results": results,
        }],
    })
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
    use crate::document::{Action, Document, Edit, LineRange, Source};
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
                LineRange::line(2),
            )
            .column(3)
            .before("汤学安 摄"),
        );
        super::super::from_document(&doc, Some("正文。\n前言汤学安 摄\n")).remove(0)
    }

    fn rendered(format: Format, diagnostics: &[Diagnostic]) -> String {
        let mut r = Renderer::new(Vec::new(), format);
        for d in diagnostics {
            r.diagnostic(d).unwrap();
        }
        String::from_utf8(r.finish().unwrap()).unwrap()
    }

    #[test]
    fn concise_is_path_line_col_code_message() {
        assert_eq!(
            rendered(Format::Concise, &[sample()]),
            "news/a.txt:2:3: U103 edge-spaces \"汤学安 摄\"\n"
        );
    }

    #[test]
    fn full_marks_the_span_in_terminal_cells() {
        let text = rendered(Format::Full, &[sample()]);
        let lines: Vec<_> = text.lines().collect();
        assert_eq!(lines[2], "2 | 前言汤学安 摄");
        assert_eq!(lines[3], "  |     ^^^^^^^^^");
    }

    #[test]
    fn json_is_one_array_even_when_empty() {
        assert_eq!(rendered(Format::Json, &[]), "[]\n");
        let v: serde_json::Value =
            serde_json::from_str(&rendered(Format::Json, &[sample(), sample()])).unwrap();
        assert_eq!(v.as_array().unwrap().len(), 2);
        assert_eq!(v[0]["code"], "U103");
        assert_eq!(v[0]["line"], 2);
    }

    #[test]
    fn github_escapes() {
        let mut d = sample();
        d.message = "a%b\nc".into();
        assert_eq!(
            rendered(Format::Github, &[d]),
            "::error file=news/a.txt,line=2,col=3,title=U103 edge-spaces::a%25b%0Ac\n"
        );
    }

    #[test]
    fn sarif_has_rules_and_results() {
        let v: serde_json::Value =
            serde_json::from_str(&rendered(Format::Sarif, &[sample()])).unwrap();
        assert_eq!(v["version"], "2.1.0");
        assert_eq!(v["runs"][0]["tool"]["driver"]["rules"][0]["id"], "U103");
        assert_eq!(
            v["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"],
            2
        );
    }
}
