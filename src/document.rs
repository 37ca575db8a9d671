//! The document model every stage works on: text held as blocks (paragraphs) that remember
//! which lines of the original input they came from, plus the list of edits made so far.

use std::borrow::Cow;
use std::fmt;
use std::path::PathBuf;

use serde::Serialize;

/// A 1-based, inclusive range of lines in the original input.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct LineRange {
    pub start: u32,
    pub end: u32,
}

impl LineRange {
    pub fn line(n: u32) -> Self {
        LineRange { start: n, end: n }
    }

    pub fn new(start: u32, end: u32) -> Self {
        debug_assert!(start <= end);
        LineRange { start, end }
    }

    /// The smallest range covering both.
    pub fn union(self, other: LineRange) -> LineRange {
        LineRange {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }
}

impl fmt::Display for LineRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.start == self.end {
            write!(f, "{}", self.start)
        } else {
            write!(f, "{}-{}", self.start, self.end)
        }
    }
}

/// Where a document came from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Source {
    /// A whole file is one document.
    File { path: PathBuf },
    /// One line of a JSONL file (1-based line number).
    JsonlLine { path: PathBuf, line: u64 },
    /// Standard input.
    Stdin,
    /// Text handed to the library directly (tests, embedding).
    Memory,
}

impl Source {
    /// The file the document was read from (None for stdin and in-memory text).
    pub fn path(&self) -> Option<&std::path::Path> {
        match self {
            Source::File { path } | Source::JsonlLine { path, .. } => Some(path),
            Source::Stdin | Source::Memory => None,
        }
    }
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::File { path } => write!(f, "{}", path.display()),
            Source::JsonlLine { path, line } => write!(f, "{}:{}", path.display(), line),
            Source::Stdin => f.write_str("<stdin>"),
            Source::Memory => f.write_str("<memory>"),
        }
    }
}

/// One paragraph of text (one output line) and where it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    /// The paragraph, without line end. Never empty, never holds `\n`.
    pub text: String,
    /// The original lines this paragraph was made from.
    pub lines: LineRange,
    /// How many blank lines stood before this block's first line in the original input.
    /// Reflow uses it to tell blank-line-separated pages from single-newline pages.
    pub blank_before: u32,
    /// This block opens a new article (the articles stage sets it; the first block of a
    /// document always opens one, whether or not the flag is set).
    pub starts_article: bool,
}

impl Block {
    pub fn new(text: impl Into<String>, lines: LineRange) -> Self {
        Block {
            text: text.into(),
            lines,
            blank_before: 0,
            starts_article: false,
        }
    }
}

/// What an edit did to the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Text was removed (a whole block or a span inside one).
    Remove,
    /// Text was replaced by other text (normalisation, repair).
    Replace,
    /// Two or more blocks were joined into one paragraph.
    Join,
    /// A block was moved (a misplaced headline).
    Move,
    /// An article boundary was inserted, or a block was split.
    Split,
    /// The input was converted from another encoding.
    Transcode,
}

/// One change a stage made, in terms of the original input.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Edit {
    /// The stage that made it (`"debris"`).
    pub stage: &'static str,
    /// The rule code (`"D204"`): borrowed from the rule's static table, owned only for
    /// rules defined at run time (user rules). Recording an edit then allocates nothing for
    /// it, which matters when a corpus has an edit on most lines.
    pub code: Cow<'static, str>,
    /// The rule's kebab-case name (`"photo-credit"`), borrowed or owned like `code`.
    pub rule: Cow<'static, str>,
    pub action: Action,
    /// Original lines affected.
    pub lines: LineRange,
    /// 1-based column, in characters, where the change starts on `lines.start`.
    pub column: u32,
    /// The text removed or changed (for joins: the text at the join point).
    pub before: String,
    /// The replacement, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub after: Option<String>,
    /// Why, in a few words (borrowed when it is one of a stage's fixed texts).
    pub reason: Cow<'static, str>,
}

impl Edit {
    /// An edit by `rule` on `lines`, starting at column 1. Set the remaining fields with
    /// the builder methods below.
    pub fn new(
        stage: &'static str,
        rule: &crate::rules::RuleInfo,
        action: Action,
        lines: LineRange,
    ) -> Self {
        Edit {
            stage,
            code: Cow::Borrowed(rule.code),
            rule: Cow::Borrowed(rule.name),
            action,
            lines,
            column: 1,
            before: String::new(),
            after: None,
            reason: Cow::Borrowed(""),
        }
    }

    pub fn column(mut self, column: u32) -> Self {
        self.column = column.max(1);
        self
    }

    pub fn before(mut self, text: impl Into<String>) -> Self {
        self.before = text.into();
        self
    }

    pub fn after(mut self, text: impl Into<String>) -> Self {
        self.after = Some(text.into());
        self
    }

    pub fn reason(mut self, reason: impl Into<Cow<'static, str>>) -> Self {
        self.reason = reason.into();
        self
    }
}

/// How the input bytes were turned into text.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct EncodingVerdict {
    /// WHATWG name of the encoding the bytes were read as (`"UTF-8"`, `"GBK"`, `"Big5"`…).
    pub encoding: String,
    /// A byte order mark was present (and removed).
    pub bom: bool,
    /// How the encoding was chosen: `"bom"`, `"utf-8"`, `"utf-16-heuristic"`, `"detected"`,
    /// `"forced"` (from `--encoding`), `"json"` (JSONL text field).
    pub method: String,
    /// Mojibake was repaired; names the wrong decoding that was reversed (`"windows-1252"`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mojibake_repaired: Option<String>,
    /// Characters that could not be decoded and were replaced by U+FFFD (only with `--lossy`).
    pub replacements: u64,
}

/// A document on its way through the pipeline.
#[derive(Clone, Debug, Default)]
pub struct Document {
    /// The document's id: the path as given, or the JSONL id field.
    pub id: String,
    pub source: Option<Source>,
    /// The input bytes, until the decode stage turns them into blocks.
    pub raw: Vec<u8>,
    /// Filled by the decode stage.
    pub encoding: Option<EncodingVerdict>,
    /// The text, one paragraph per block.
    pub blocks: Vec<Block>,
    /// Every change made so far, in the order the stages made them.
    pub edits: Vec<Edit>,
}

impl Document {
    /// Drops the text, the raw bytes and the edits, keeping the id, source and encoding
    /// verdict (for a run that needs only what it computed from the content).
    pub fn forget_content(&mut self) {
        self.raw = Vec::new();
        self.blocks = Vec::new();
        self.edits = Vec::new();
    }

    /// A document from raw input bytes.
    pub fn from_bytes(id: impl Into<String>, source: Source, raw: Vec<u8>) -> Self {
        Document {
            id: id.into(),
            source: Some(source),
            raw,
            ..Document::default()
        }
    }

    /// A document from text (tests and library use); it still goes through decode.
    pub fn from_text(id: impl Into<String>, text: &str) -> Self {
        Document::from_bytes(id, Source::Memory, text.as_bytes().to_vec())
    }

    pub fn record(&mut self, edit: Edit) {
        self.edits.push(edit);
    }

    /// Splits decoded text into blocks: one block per non-blank line, remembering its line
    /// number and how many blank lines preceded it. Lines end at `\n`, `\r\n` or `\r`.
    /// Returns how many line ends were not plain `\n`.
    pub fn set_text(&mut self, text: &str) -> usize {
        self.blocks.clear();
        let mut non_lf_ends = 0;
        let mut blank_run = 0u32;
        let mut line_no = 0u32;
        let mut rest = text;
        while !rest.is_empty() {
            line_no += 1;
            // The first LF or CR, by a vectorised search for either byte.
            let end = memchr::memchr2(b'\n', b'\r', rest.as_bytes());
            let (line, next) = match end {
                Some(i) => {
                    let bytes = rest.as_bytes();
                    let end_len = if bytes[i] == b'\r' {
                        non_lf_ends += 1;
                        if bytes.get(i + 1) == Some(&b'\n') {
                            2
                        } else {
                            1
                        }
                    } else {
                        1
                    };
                    (&rest[..i], &rest[i + end_len..])
                }
                None => (rest, ""),
            };
            rest = next;
            // `trim().is_empty()`, stopping at the first character that is not a space.
            if line.chars().all(char::is_whitespace) {
                blank_run += 1;
                continue;
            }
            let mut block = Block::new(line, LineRange::line(line_no));
            block.blank_before = blank_run;
            blank_run = 0;
            self.blocks.push(block);
        }
        non_lf_ends
    }

    /// The text output format: one paragraph per line, a blank line between articles,
    /// a final newline (nothing at all for an empty document).
    pub fn render_text(&self) -> String {
        let mut out = String::with_capacity(self.blocks.iter().map(|b| b.text.len() + 2).sum());
        for (i, block) in self.blocks.iter().enumerate() {
            if i > 0 && block.starts_article {
                out.push('\n');
            }
            out.push_str(&block.text);
            out.push('\n');
        }
        out
    }

    /// The articles of the document, as slices of blocks.
    pub fn articles(&self) -> Vec<&[Block]> {
        let mut out = Vec::new();
        let mut start = 0;
        for (i, block) in self.blocks.iter().enumerate() {
            if i > start && block.starts_article {
                out.push(&self.blocks[start..i]);
                start = i;
            }
        }
        if start < self.blocks.len() {
            out.push(&self.blocks[start..]);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_text_keeps_line_numbers_and_blank_runs() {
        let mut doc = Document::default();
        let crs = doc.set_text("a\r\n\r\n\u{3000}\nb\rc");
        assert_eq!(crs, 3);
        let got: Vec<_> = doc
            .blocks
            .iter()
            .map(|b| (b.text.as_str(), b.lines.start, b.blank_before))
            .collect();
        assert_eq!(got, vec![("a", 1, 0), ("b", 4, 2), ("c", 5, 0)]);
    }

    #[test]
    fn render_puts_blank_line_between_articles_only() {
        let mut doc = Document::default();
        doc.set_text("t1\nbody1\n\nt2\nbody2\n");
        assert_eq!(doc.render_text(), "t1\nbody1\nt2\nbody2\n");
        doc.blocks[2].starts_article = true;
        assert_eq!(doc.render_text(), "t1\nbody1\n\nt2\nbody2\n");
        assert_eq!(doc.articles().len(), 2);
        assert_eq!(Document::default().render_text(), "");
    }
}
