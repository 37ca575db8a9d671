//! Generators of realistic dirty documents for property tests (cargo feature `testing`).
//!
//! [`dirty_document`] is a [proptest](https://docs.rs/proptest) strategy. Each
//! [`DirtyDocument`] it generates is a page as a scraper would save it — body paragraphs
//! written from a phrase vocabulary (Simplified or Traditional Chinese, English, or Chinese
//! with Latin terms), with debris of the chosen [`Family`]s injected where pages print it
//! (page chrome and bylines above the body, credits and ads between paragraphs, editor
//! lines, notices, share prompts and comment areas below it), paragraphs broken across
//! columns (with and without lines in between), passages pasted twice, inline markup, odd
//! indentation and line ends, delivered as UTF-8, UTF-16, GBK, Big5 or mojibake — together
//! with the text the default pipeline must produce ([`DirtyDocument::expected_clean`]) and
//! what was injected where ([`DirtyDocument::injected`]).
//!
//! ```
//! use proptest::strategy::{Strategy, ValueTree};
//! use proptest::test_runner::TestRunner;
//! use thresh::{config::Settings, pipeline::Pipeline};
//! use thresh::testing::{dirty_document, DirtyConfig};
//!
//! let pipeline = Pipeline::new(Settings::default()).unwrap();
//! let mut runner = TestRunner::deterministic();
//! let doc = dirty_document(DirtyConfig::default())
//!     .new_tree(&mut runner)
//!     .unwrap()
//!     .current();
//! let mut cleaned = doc.document();
//! pipeline.run(&mut cleaned).unwrap();
//! assert_eq!(cleaned.render_text(), doc.expected_clean);
//! ```
//!
//! See `docs/testing.md` for a complete test of a user's own `thresh.toml`.

#![warn(missing_docs)]

mod debris;
mod encode;
mod prose;
mod words;

use proptest::prelude::*;
use proptest::sample::{select, Index};

use crate::document::{Document, Source};

pub use debris::{Debris, Place};
pub use prose::{paragraph, sentence, to_traditional};

/// The language a document's body (and its chrome) is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Script {
    /// Simplified Chinese with Simplified chrome.
    Simplified,
    /// Traditional Chinese (Taiwan forms): every family's debris in Traditional forms, plus
    /// the shapes of Taiwan and Hong Kong portals.
    Traditional,
    /// English with English chrome.
    English,
    /// Chinese with Latin terms and some English paragraphs; Chinese and English chrome.
    Mixed,
}

impl Script {
    /// Every script.
    pub const ALL: [Script; 4] = [
        Script::Simplified,
        Script::Traditional,
        Script::English,
        Script::Mixed,
    ];
}

/// A family of debris rules; [`DirtyConfig::families`] chooses which are injected.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Family {
    /// Page titles, breadcrumbs, menus, skip links, widgets, ad labels, prev/next links.
    PageChrome,
    /// Publish metadata, bylines, tag lines.
    Metadata,
    /// Photo credits and captions of missing pictures.
    PhotoCredit,
    /// Editor, proof-reader and reviewer lines.
    Editor,
    /// Copyright lines, reprint bans, disclaimers, licence footers.
    Notice,
    /// Image file names on a line of their own.
    ImageFile,
    /// End markers, on their own line or glued to the last sentence.
    EndMarker,
    /// WeChat, forum and Weibo chrome; share, follow, QR-code and newsletter prompts;
    /// cookie banners.
    Social,
    /// Related-article lists and comment areas (with the lines under their heading).
    Lists,
    /// Markup residue: HTML tags and entities inside paragraphs, image placeholders,
    /// ornament lines, bare URLs.
    Markup,
}

impl Family {
    /// Every family.
    pub const ALL: [Family; 10] = [
        Family::PageChrome,
        Family::Metadata,
        Family::PhotoCredit,
        Family::Editor,
        Family::Notice,
        Family::ImageFile,
        Family::EndMarker,
        Family::Social,
        Family::Lists,
        Family::Markup,
    ];
}

/// How a document is delivered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TextEncoding {
    /// Plain UTF-8.
    Utf8,
    /// UTF-8 after a byte order mark.
    Utf8Bom,
    /// UTF-16 (little endian) with a byte order mark.
    Utf16Le,
    /// UTF-16 (big endian) with a byte order mark.
    Utf16Be,
    /// GBK (Simplified and mixed documents with enough Chinese; otherwise UTF-8).
    Gbk,
    /// Big5 (Traditional documents with enough Chinese; otherwise UTF-8).
    Big5,
    /// UTF-8 read as windows-1252 and saved again as UTF-8 (Chinese documents; otherwise
    /// UTF-8).
    Mojibake,
}

impl TextEncoding {
    /// Every encoding.
    pub const ALL: [TextEncoding; 7] = [
        TextEncoding::Utf8,
        TextEncoding::Utf8Bom,
        TextEncoding::Utf16Le,
        TextEncoding::Utf16Be,
        TextEncoding::Gbk,
        TextEncoding::Big5,
        TextEncoding::Mojibake,
    ];
}

/// What was injected into a document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InjectionKind {
    /// A debris line (removed whole).
    Line(Family),
    /// A debris span inside a paragraph that stays (removed or decoded).
    Span(Family),
    /// The second half of a paragraph broken across a column, right after the first half
    /// or after blank lines.
    ColumnBreak,
    /// The second half of a paragraph broken around interposed debris lines.
    InterposedBreak,
    /// A paragraph pasted a second time.
    Repeat,
    /// The encoding the document is delivered in (when not plain UTF-8).
    Encoding(TextEncoding),
    /// A line put in with [`DirtyDocument::with_line`] (a user's own debris).
    Custom,
}

/// One injected piece and the rule expected to act on it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Injection {
    /// What was injected.
    pub kind: InjectionKind,
    /// The rule code expected in the report for it (`D202`, `J101`, `R101`, `E101`…).
    pub code: &'static str,
    /// The injected text (the line, the span, the second half, the copy).
    pub text: String,
    /// Its 1-based line in [`DirtyDocument::text`]; `None` for the encoding.
    pub line: Option<u32>,
}

/// A generated dirty document and what cleaning it must give.
#[derive(Clone, Debug)]
pub struct DirtyDocument {
    /// The script of the body (and of the chrome).
    pub script: Script,
    /// The dirty page as text.
    pub text: String,
    /// The page as delivered, in [`DirtyDocument::encoding`].
    pub bytes: Vec<u8>,
    /// The encoding of `bytes` (UTF-8 when the one asked for could not carry the text).
    pub encoding: TextEncoding,
    /// The body paragraphs, one per line with a final newline: what
    /// [`Document::render_text`] gives after the default pipeline.
    pub expected_clean: String,
    /// Everything injected, with the rule expected to act on it.
    pub injected: Vec<Injection>,
    layout: assemble::Layout,
}

impl DirtyDocument {
    /// A [`Document`] holding [`DirtyDocument::bytes`], ready for [`crate::pipeline::Pipeline::run`].
    pub fn document(&self) -> Document {
        Document::from_bytes("generated", Source::Memory, self.bytes.clone())
    }

    /// The document with one more debris line, which the rule `code` (built-in or a user
    /// rule of `thresh.toml`) is expected to remove: at the top of the page
    /// ([`Place::Header`]), after the first body paragraph ([`Place::Between`]; after the
    /// body when there is only one paragraph), or right after the body, above the other
    /// footer lines ([`Place::Footer`]). The expected clean text does not change.
    pub fn with_line(
        &self,
        place: Place,
        line: impl Into<String>,
        code: &'static str,
    ) -> DirtyDocument {
        let mut layout = self.layout.clone();
        layout.insert(place, line.into(), code);
        assemble::render(layout, self.script, self.expected_clean.clone())
    }

    /// The injections whose rule code is `code`.
    pub fn injected_with(&self, code: &str) -> impl Iterator<Item = &Injection> + '_ {
        let code = code.to_string();
        self.injected.iter().filter(move |i| i.code == code)
    }
}

/// What [`dirty_document`] generates.
#[derive(Clone, Debug)]
pub struct DirtyConfig {
    /// Scripts to choose from (one per document).
    pub scripts: Vec<Script>,
    /// Debris families to inject (empty: clean paragraphs only).
    pub families: Vec<Family>,
    /// How many body paragraphs.
    pub paragraphs: std::ops::Range<usize>,
    /// At most this many debris pieces in each of header, body and footer.
    pub max_debris: usize,
    /// Put a headline above the body (among the header lines) now and then.
    pub headlines: bool,
    /// Make a paragraph now and then a short one: one sentence (never the first).
    pub short_paragraphs: bool,
    /// Break paragraphs across columns.
    pub column_breaks: bool,
    /// Paste paragraphs twice.
    pub repeats: bool,
    /// Indent paragraphs, use CR LF line ends, vary blank lines.
    pub layout_noise: bool,
    /// Encodings to deliver documents in.
    pub encodings: Vec<TextEncoding>,
    /// Rule codes, or prefixes of codes, that the pipeline under test does not run: nothing
    /// is injected that only they would remove. See [`DirtyConfig::respecting`].
    pub disabled: Vec<String>,
}

impl Default for DirtyConfig {
    /// Everything: all scripts, families, breaks, repeats, layouts and encodings.
    fn default() -> Self {
        DirtyConfig {
            scripts: Script::ALL.to_vec(),
            families: Family::ALL.to_vec(),
            paragraphs: 1..7,
            max_debris: 4,
            headlines: true,
            short_paragraphs: true,
            column_breaks: true,
            repeats: true,
            layout_noise: true,
            encodings: TextEncoding::ALL.to_vec(),
            disabled: Vec::new(),
        }
    }
}

impl DirtyConfig {
    /// Clean paragraphs only, in UTF-8, with nothing injected.
    pub fn clean() -> Self {
        DirtyConfig {
            families: Vec::new(),
            column_breaks: false,
            repeats: false,
            layout_noise: false,
            encodings: vec![TextEncoding::Utf8],
            ..DirtyConfig::default()
        }
    }

    /// Only these debris families (everything else as in the default).
    pub fn families(mut self, families: &[Family]) -> Self {
        self.families = families.to_vec();
        self
    }

    /// Only these scripts.
    pub fn scripts(mut self, scripts: &[Script]) -> Self {
        self.scripts = scripts.to_vec();
        self
    }

    /// Injects nothing that `settings` would leave in place: the rules its `select` and
    /// `ignore` switch off and the rules of the stages it skips. (Which built-in packs it
    /// loads is not taken into account: keep them all, or narrow [`DirtyConfig::families`].)
    pub fn respecting(mut self, settings: &crate::config::Settings) -> Self {
        let stage = |code: &str| match code.as_bytes().first() {
            Some(b'D') => "debris",
            Some(b'U') => "normalize",
            Some(b'J') => "reflow",
            Some(b'R') => "repeats",
            _ => "decode",
        };
        self.disabled.extend(
            GENERATED_CODES
                .iter()
                .filter(|c| !settings.rule_enabled(c) || !settings.stage_enabled(stage(c)))
                .map(|c| c.to_string()),
        );
        self
    }

    /// Whether the generator may inject something for the rule `code`.
    pub fn allows(&self, code: &str) -> bool {
        !self.disabled.iter().any(|d| code.starts_with(d.as_str()))
    }

    /// Only these encodings.
    pub fn encodings(mut self, encodings: &[TextEncoding]) -> Self {
        self.encodings = encodings.to_vec();
        self
    }
}

mod assemble;

/// Every rule code an injection can name, and the layout rules the noise relies on
/// (U101/U103 trim indentation, E105 converts CR LF).
pub const GENERATED_CODES: &[&str] = &[
    "D101", "D102", "D103", "D104", "D105", "D106", "D107", "D108", "D110", "D201", "D202", "D203",
    "D204", "D205", "D207", "D208", "D209", "D301", "D302", "D303", "D305", "D401", "D402", "D403",
    "D404", "D405", "D406", "D407", "D410", "D411", "D412", "D501", "D503", "D504", "D505", "D506",
    "D507", "D601", "D602", "D603", "J101", "J103", "R101", "E101", "E102", "E103", "E105", "U101",
    "U103",
];

/// Documents as [`DirtyConfig`] describes them.
///
/// # Panics
/// When `config.scripts` or `config.encodings` is empty or `config.paragraphs` is empty.
pub fn dirty_document(config: DirtyConfig) -> impl Strategy<Value = DirtyDocument> {
    assert!(!config.scripts.is_empty() && !config.encodings.is_empty());
    assert!(!config.paragraphs.is_empty());
    select(config.scripts.clone()).prop_flat_map(move |script| assemble::plan(&config, script))
}

/// A position in a list whose length is only known later.
pub(crate) type Pick = Index;
