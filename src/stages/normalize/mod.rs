//! normalize: line by line, makes characters and spacing canonical without changing what
//! the text says. Idempotent. Edits are recorded per line and rule, not per character.
//!
//! `chars` holds the character classes and context-free maps, `cjk` the punctuation that
//! depends on the language around it, `tokens` the URLs, entities and
//! emoticons whose marks stay ASCII, `spaces` the spacing pass, `line` the driver and
//! `fast` the one-scan path for the common simple line of Chinese text.

mod chars;
mod cjk;
mod fast;
mod line;
mod spaces;
mod tokens;

pub use line::normalize_line;

use std::borrow::Cow;
use std::sync::OnceLock;

use crate::config::{EditTexts, Settings};
use crate::document::{Action, Document, Edit};
use crate::error::{ConfigError, DocumentError};
use crate::rules::RuleInfo;
use crate::stage::{Stage, StageInfo};

pub const STAGE: &str = "normalize";

pub static UNICODE_SPACES: RuleInfo = RuleInfo {
    code: "U101",
    name: "unicode-spaces",
    summary:
        "tabs, NBSP, ideographic space (U+3000) and other space characters become a plain space",
    explanation: "Web pages indent and pad with no-break spaces, ideographic spaces (U+3000), \
        tabs and other Unicode space characters (U+2000–U+200A, U+202F, U+205F, line and \
        paragraph separators). They are replaced by an ASCII space; tabs too, so that table \
        cells stay apart. A space that is then removed (at a line end, in a run, beside \
        full-width punctuation) is reported by the rule that removes it instead. Example: \
        `\\u00a0\\u00a0据了解，` becomes `据了解，`.",
};

pub static INVISIBLE_CHARACTERS: RuleInfo = RuleInfo {
    code: "U102",
    name: "invisible-characters",
    summary: "zero-width characters, soft hyphens, stray BOMs and control characters are removed",
    explanation: "Zero-width spaces and joiners (U+200B–U+200D), the word joiner (U+2060), \
        soft hyphens (U+00AD), byte order marks inside the text (U+FEFF), bidirectional \
        marks, Hangul filler padding and control characters (other than tab) carry no text \
        and break matching and search. They are removed; a line made only of them \
        disappears. Example: `额度\\u200b普遍提高` becomes `额度普遍提高`.",
};

pub static EDGE_SPACES: RuleInfo = RuleInfo {
    code: "U103",
    name: "edge-spaces",
    summary: "leading and trailing spaces of a line are trimmed",
    explanation: "Indentation and trailing spaces left by page layout are not part of the \
        paragraph; the output has none. Spaces of every kind count (the two ideographic \
        spaces that indent a Chinese paragraph included).",
};

pub static FULLWIDTH_ASCII: RuleInfo = RuleInfo {
    code: "U104",
    name: "fullwidth-ascii",
    summary: "full-width Latin letters, digits and symbols are folded to ASCII",
    explanation: "Chinese input methods produce full-width forms of Latin letters, digits and \
        ASCII symbols (U+FF01–U+FF5E, `ｗｗｗ３` for `www3`). They are folded to ASCII so that \
        the same word is spelled one way. The marks `，；：？！（）` are kept inside Chinese \
        text (see cjk-punctuation) and folded only where they sit in Latin text \
        (`Hello，world` becomes `Hello,world`). Nothing else is folded: `。、“”《》…` stay.",
};

pub static CJK_PUNCTUATION: RuleInfo = RuleInfo {
    code: "U105",
    name: "cjk-punctuation",
    summary: "half-width , ; : ? ! ( ) inside Chinese text become full-width",
    explanation: "Chinese text uses full-width punctuation (，；：？！（）). Scraped pages often \
        carry half-width marks inside Chinese sentences. A mark is made full-width when the \
        line is Chinese (it has CJK characters, at least one for every four Latin letters \
        outside URLs) and a CJK character stands next to it (looking through spaces, quotes \
        and other marks), when CJK characters stand on both sides, or when it is typed \
        straight after Chinese words and followed by more text (`他说:“OK”`). Brackets are \
        decided as a pair, by their content and surroundings. English text keeps its ASCII \
        punctuation (a mark after a Chinese term in an English sentence included: \
        `你好, meaning hello`); numbers such as `2.5`, `10:30`, `3:2` and `1,000`, URLs, \
        e-mail addresses, HTML entities and emoticons are never touched. Example: \
        `目前,3个责任区(其中2个新建)` becomes `目前，3个责任区（其中2个新建）`.",
};

pub static CJK_QUOTES: RuleInfo = RuleInfo {
    code: "U106",
    name: "cjk-quotes",
    summary: "ASCII double quotes inside Chinese text become “ ”",
    explanation: "A pair of ASCII `\"` in a Chinese line, around or beside Chinese text (or \
        around Chinese text with only Chinese around it, in any line), \
        becomes the Chinese quotation marks “ and ”. Quotes alternate opening and closing \
        along the line, counting curly quotes already there (`“你好\"` closes with ”); an \
        unpaired quote in Chinese text opens. Quotes in English text are left alone. \
        Example: `他说\"明天见\"。` becomes `他说“明天见”。`.",
};

pub static SPACE_RUNS: RuleInfo = RuleInfo {
    code: "U107",
    name: "space-runs",
    summary: "runs of spaces inside a line become one space",
    explanation: "Layout padding, tab-separated table cells and doubled spaces leave runs of \
        spaces inside a line. A run becomes a single space, which still separates the \
        words or cells. Single spaces are kept, also between two CJK characters, where \
        they separate the parts of a headline (`解难题 促发展 保安全`).",
};

pub static CJK_PUNCTUATION_SPACING: RuleInfo = RuleInfo {
    code: "U108",
    name: "cjk-punctuation-spacing",
    summary: "spaces beside full-width Chinese punctuation are removed",
    explanation: "Full-width punctuation carries its own spacing, so a space before \
        `，、；：。？！（）` or after `，、；：（）` is padding, often left behind when a \
        half-width `: ` was made full-width. It is removed: `响应: 枝叶` becomes \
        `响应：枝叶`. Spaces after `。？！` are kept, as are spaces beside quotes and \
        book-title marks.",
};

static RULES: &[RuleInfo] = &[
    UNICODE_SPACES,
    INVISIBLE_CHARACTERS,
    EDGE_SPACES,
    FULLWIDTH_ASCII,
    CJK_PUNCTUATION,
    CJK_QUOTES,
    SPACE_RUNS,
    CJK_PUNCTUATION_SPACING,
];

pub static INFO: StageInfo = StageInfo {
    name: STAGE,
    summary:
        "spaces, invisible characters, full-width forms and Chinese punctuation made canonical",
    rules: RULES,
    build: build_stage,
};

/// Which normalisations run (from rule selection): one switch per rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NormalizeRules {
    /// U101
    pub unicode_spaces: bool,
    /// U102
    pub invisible_characters: bool,
    /// U103
    pub edge_spaces: bool,
    /// U104
    pub fullwidth_ascii: bool,
    /// U105
    pub cjk_punctuation: bool,
    /// U106
    pub cjk_quotes: bool,
    /// U107
    pub space_runs: bool,
    /// U108
    pub cjk_punctuation_spacing: bool,
}

impl NormalizeRules {
    /// Every rule on (the default selection).
    pub const ALL: NormalizeRules = NormalizeRules {
        unicode_spaces: true,
        invisible_characters: true,
        edge_spaces: true,
        fullwidth_ascii: true,
        cjk_punctuation: true,
        cjk_quotes: true,
        space_runs: true,
        cjk_punctuation_spacing: true,
    };

    fn from_settings(settings: &Settings) -> Self {
        NormalizeRules {
            unicode_spaces: settings.rule_enabled(UNICODE_SPACES.code),
            invisible_characters: settings.rule_enabled(INVISIBLE_CHARACTERS.code),
            edge_spaces: settings.rule_enabled(EDGE_SPACES.code),
            fullwidth_ascii: settings.rule_enabled(FULLWIDTH_ASCII.code),
            cjk_punctuation: settings.rule_enabled(CJK_PUNCTUATION.code),
            cjk_quotes: settings.rule_enabled(CJK_QUOTES.code),
            space_runs: settings.rule_enabled(SPACE_RUNS.code),
            cjk_punctuation_spacing: settings.rule_enabled(CJK_PUNCTUATION_SPACING.code),
        }
    }
}

/// One kind of change made to a line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LineChange {
    pub rule: &'static RuleInfo,
    /// 1-based column (in characters of the input line) of the first change of this kind.
    pub column: u32,
    /// How many characters this rule changed on the line.
    pub count: u32,
}

struct NormalizeStage {
    rules: NormalizeRules,
    edit_texts: EditTexts,
}

fn build_stage(settings: &Settings) -> Result<Box<dyn Stage>, ConfigError> {
    Ok(Box::new(NormalizeStage {
        rules: NormalizeRules::from_settings(settings),
        edit_texts: settings.edit_texts,
    }))
}

impl Stage for NormalizeStage {
    fn name(&self) -> &'static str {
        STAGE
    }

    fn apply(&self, doc: &mut Document) -> Result<(), DocumentError> {
        // Pushed straight into the document: collecting them apart and appending
        // copied every edit of a large document once more.
        let edits = &mut doc.edits;
        doc.blocks.retain_mut(|block| {
            let Some((normal, tally)) = line::normalize_line_tallied(&block.text, &self.rules)
            else {
                return true;
            };
            let action = if normal.is_empty() {
                Action::Remove
            } else {
                Action::Replace
            };
            // Removed text is kept whatever the setting: later stages read it.
            let keep_texts = action == Action::Remove || self.edit_texts == EditTexts::Kept;
            let last = tally.changes().count().saturating_sub(1);
            for (k, change) in tally.changes().enumerate() {
                let mut edit = Edit::new(STAGE, change.rule, action, block.lines)
                    .column(change.column)
                    .reason(reason(&change));
                if keep_texts {
                    // The last edit takes the old text instead of a copy.
                    let before = if k == last {
                        std::mem::take(&mut block.text)
                    } else {
                        block.text.clone()
                    };
                    edit = edit.before(before).after(normal.clone());
                }
                edits.push(edit);
            }
            block.text = normal;
            !block.text.is_empty()
        });
        Ok(())
    }
}

/// `"3 character(s): …"`. The texts for small counts are made once per rule and
/// borrowed: most changed lines have a few changes, and an allocation per edit was a good
/// part of the stage's time on large documents.
fn reason(change: &LineChange) -> Cow<'static, str> {
    static SMALL: OnceLock<Vec<Vec<String>>> = OnceLock::new();
    let small = SMALL.get_or_init(|| {
        RULES
            .iter()
            .map(|rule| (0..SMALL_COUNTS).map(|n| reason_text(n, rule)).collect())
            .collect()
    });
    let rule = RULES.iter().position(|r| r.code == change.rule.code);
    match (rule, usize::try_from(change.count)) {
        (Some(rule), Ok(n)) if n < SMALL_COUNTS => Cow::Borrowed(small[rule][n].as_str()),
        _ => Cow::Owned(reason_text(change.count as usize, change.rule)),
    }
}

/// Counts whose reason text is made once.
const SMALL_COUNTS: usize = 64;

fn reason_text(count: usize, rule: &RuleInfo) -> String {
    format!("{count} character(s): {}", rule.summary)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::LineRange;

    #[test]
    fn reasons_name_the_count_and_the_rule() {
        for count in [0, 1, 9, 10, 63, 64, 305, u32::MAX] {
            let change = LineChange {
                rule: &CJK_PUNCTUATION,
                column: 1,
                count,
            };
            assert_eq!(
                reason(&change),
                format!("{count} character(s): {}", CJK_PUNCTUATION.summary)
            );
            let borrowed = matches!(reason(&change), Cow::Borrowed(_));
            assert_eq!(borrowed, (count as usize) < SMALL_COUNTS, "{count}");
        }
    }

    fn run(text: &str) -> Document {
        let mut doc = Document::default();
        doc.set_text(text);
        let stage = build_stage(&Settings::default()).expect("stage");
        stage.apply(&mut doc).expect("apply");
        doc
    }

    #[test]
    fn one_edit_per_line_and_rule_with_original_line_and_column() {
        let doc = run("标题\n\n\u{3000}\u{3000}他说:\"好\",走吧\n\u{200B}\u{200B}\nclean line\n");
        let texts: Vec<_> = doc.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, vec!["标题", "他说：“好”，走吧", "clean line"]);
        let got: Vec<_> = doc
            .edits
            .iter()
            .map(|e| (e.code.as_ref(), e.lines, e.column, e.action))
            .collect();
        assert_eq!(
            got,
            vec![
                ("U103", LineRange::line(3), 1, Action::Replace),
                ("U105", LineRange::line(3), 5, Action::Replace),
                ("U106", LineRange::line(3), 6, Action::Replace),
                ("U102", LineRange::line(4), 1, Action::Remove),
            ]
        );
        let edit = &doc.edits[1];
        assert_eq!(edit.before, "\u{3000}\u{3000}他说:\"好\",走吧");
        assert_eq!(edit.after.as_deref(), Some("他说：“好”，走吧"));
        assert!(edit.reason.starts_with("2 character(s)"), "{}", edit.reason);
    }

    #[test]
    fn omitted_edit_texts_leave_the_same_text_and_edits_without_texts() {
        let text = "标题\n\u{3000}他说:\"好\",走吧\n\u{200B}\nclean line\n";
        let kept = run(text);
        let settings = Settings {
            edit_texts: EditTexts::Omitted,
            ..Settings::default()
        };
        let mut omitted = Document::default();
        omitted.set_text(text);
        let stage = build_stage(&settings).expect("stage");
        stage.apply(&mut omitted).expect("apply");
        assert_eq!(omitted.blocks, kept.blocks);
        assert_eq!(omitted.edits.len(), kept.edits.len());
        for (o, k) in omitted.edits.iter().zip(&kept.edits) {
            assert_eq!(
                (&o.code, o.lines, o.column, &o.reason),
                (&k.code, k.lines, k.column, &k.reason)
            );
            if o.action == Action::Remove {
                // Removed text stays: later stages read it.
                assert_eq!((&o.before, &o.after), (&k.before, &k.after));
            } else {
                assert_eq!((o.before.as_str(), o.after.as_deref()), ("", None));
                assert!(!k.before.is_empty());
            }
        }
    }

    #[test]
    fn ignored_rules_are_not_applied() {
        let settings: Settings = toml::from_str("ignore = [\"U105\", \"U106\"]").expect("toml");
        let stage = build_stage(&settings).expect("stage");
        let mut doc = Document::default();
        doc.set_text(" 他说:\"好\"\n");
        stage.apply(&mut doc).expect("apply");
        assert_eq!(doc.blocks[0].text, "他说:\"好\"");
        assert!(doc.edits.iter().all(|e| e.code == "U103"));
    }

    #[test]
    fn rules_are_listed_in_tally_order() {
        let codes: Vec<_> = RULES.iter().map(|r| r.code).collect();
        assert_eq!(
            codes,
            ["U101", "U102", "U103", "U104", "U105", "U106", "U107", "U108"]
        );
    }
}

/// What the unit tests of the normalize files share.
#[cfg(test)]
pub(crate) mod test_util {
    use super::{normalize_line, NormalizeRules};

    /// The line normalised with every rule on.
    pub fn norm(line: &str) -> String {
        normalize_line(line, &NormalizeRules::ALL)
            .map(|(s, _)| s)
            .unwrap_or_else(|| line.to_string())
    }

    /// (code, column, count) of every change made to the line.
    pub fn codes(line: &str) -> Vec<(&'static str, u32, u32)> {
        normalize_line(line, &NormalizeRules::ALL)
            .map(|(_, changes)| {
                changes
                    .iter()
                    .map(|c| (c.rule.code, c.column, c.count))
                    .collect()
            })
            .unwrap_or_default()
    }
}
