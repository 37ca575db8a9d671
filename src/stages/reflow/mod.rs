//! reflow: re-joins paragraphs that a page layout broke — across columns and pages, around
//! an interposed headline, caption, credit or ad, and in hard-wrapped fixed-width text —
//! and never joins headings, list items, verse lines or table rows.
//!
//! Every join is recorded as an [`Action::Join`] edit whose line range is the union of the
//! joined blocks. Chinese halves are concatenated, English halves joined with a space, and
//! an English word split by a hyphen is re-joined without it (real compounds keep it).

mod furniture;
mod join;
mod layout;
pub mod shape;

use std::borrow::Cow;

use crate::config::Settings;
use crate::document::{Action, Block, Document, Edit};
use crate::error::{ConfigError, DocumentError};
use crate::rules::RuleInfo;
use crate::stage::{Stage, StageInfo};

use join::{Context, JoinKind};
use layout::Layout;

pub use layout::{is_short, table_rows};

pub const STAGE: &str = "reflow";

pub static COLUMN_BREAK: RuleInfo = RuleInfo {
    code: "J101",
    name: "column-break",
    summary: "a paragraph broken across a column or page is joined with its second half",
    explanation: "Newspaper pages and scraped layouts cut paragraphs where a column or page \
        ends: the first half stops without sentence-final punctuation and the next block \
        goes on with the same sentence. The halves are joined (Chinese concatenated, English \
        with a space). A line that is built like a heading (short, phrases separated by a \
        space, no punctuation) is not joined to the body that follows it unless the second \
        half cannot start a paragraph (it opens with a comma or a closing quote, or closes \
        a quotation the first half opened).",
};

pub static HYPHENATED_WORD: RuleInfo = RuleInfo {
    code: "J102",
    name: "hyphenated-word",
    summary: "an English word split by a hyphen at a line or column break is re-joined",
    explanation: "When a line ends with a word fragment and a hyphen (`manufac-`) and the \
        next line goes on in lowercase (`turing sector.`), the word was hyphenated by the \
        layout: the halves are joined and the hyphen removed. Real compounds (`well-known`, \
        `mid-March`, `COVID-19`) and words that the document spells with a hyphen elsewhere \
        keep it.",
};

pub static INTERPOSED_BREAK: RuleInfo = RuleInfo {
    code: "J103",
    name: "interposed-break",
    summary: "a paragraph broken around a headline, caption, credit or ad is joined",
    explanation: "Page layouts print headlines, photos with captions and credits, ads and \
        \"continued\" markers in the middle of a column, so a paragraph's second half can \
        follow several unrelated short lines. The halves are joined and the lines between \
        stay where they are (their own stages remove or move them). A byline or a lede \
        between the halves marks a new article, and nothing is joined across it.",
};

pub static HARD_WRAP: RuleInfo = RuleInfo {
    code: "J104",
    name: "hard-wrapped-lines",
    summary: "fixed-width lines (forum posts, e-mail, plain text) are un-wrapped into paragraphs",
    explanation: "Forum posts, e-mail and plain-text files wrap paragraphs at a fixed width. \
        The width is detected from the distribution of line lengths (lines that run straight \
        into the next one cluster just under it); a line that fills the width continues in \
        the next line. On pages that separate paragraphs with blank lines, the lines of one \
        block that stop mid-sentence are joined too.",
};

pub static SPLIT_HEADING: RuleInfo = RuleInfo {
    code: "J105",
    name: "split-heading",
    summary: "a sub-heading printed on two lines, the first ending in a comma, is joined",
    explanation: "Two-part sub-headings are often printed on two lines, the first ending in \
        a comma (`把握区域治理“关键点”，` / `长租公寓党建夯实“点”的发散力`). When both lines \
        are short and built like headings, they are one heading. Verse and lists (three or \
        more short lines in a row) are left alone.",
};

static RULES: &[RuleInfo] = &[
    COLUMN_BREAK,
    HYPHENATED_WORD,
    INTERPOSED_BREAK,
    HARD_WRAP,
    SPLIT_HEADING,
];

pub static INFO: StageInfo = StageInfo {
    name: STAGE,
    summary: "re-joins paragraphs broken across columns, pages, interposed lines and hard wraps",
    rules: RULES,
    build: build_stage,
};

/// Which join rules run (from rule selection).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReflowRules {
    pub column_break: bool,
    pub hyphenated_word: bool,
    pub interposed_break: bool,
    pub hard_wrap: bool,
    pub split_heading: bool,
}

impl ReflowRules {
    pub const ALL: ReflowRules = ReflowRules {
        column_break: true,
        hyphenated_word: true,
        interposed_break: true,
        hard_wrap: true,
        split_heading: true,
    };

    fn from_settings(settings: &Settings) -> Self {
        ReflowRules {
            column_break: settings.rule_enabled(COLUMN_BREAK.code),
            hyphenated_word: settings.rule_enabled(HYPHENATED_WORD.code),
            interposed_break: settings.rule_enabled(INTERPOSED_BREAK.code),
            hard_wrap: settings.rule_enabled(HARD_WRAP.code),
            split_heading: settings.rule_enabled(SPLIT_HEADING.code),
        }
    }

    fn allows(&self, kind: JoinKind) -> bool {
        match kind {
            JoinKind::ColumnBreak => self.column_break,
            JoinKind::HyphenatedWord => self.hyphenated_word,
            JoinKind::Interposed => self.interposed_break,
            JoinKind::HardWrap => self.hard_wrap,
            JoinKind::SplitHeading => self.split_heading,
        }
    }
}

fn rule_of(kind: JoinKind) -> &'static RuleInfo {
    match kind {
        JoinKind::ColumnBreak => &COLUMN_BREAK,
        JoinKind::HyphenatedWord => &HYPHENATED_WORD,
        JoinKind::Interposed => &INTERPOSED_BREAK,
        JoinKind::HardWrap => &HARD_WRAP,
        JoinKind::SplitHeading => &SPLIT_HEADING,
    }
}

struct ReflowStage {
    rules: ReflowRules,
}

fn build_stage(settings: &Settings) -> Result<Box<dyn Stage>, ConfigError> {
    Ok(Box::new(ReflowStage {
        rules: ReflowRules::from_settings(settings),
    }))
}

impl Stage for ReflowStage {
    fn name(&self) -> &'static str {
        STAGE
    }

    fn apply(&self, doc: &mut Document) -> Result<(), DocumentError> {
        reflow(doc, &self.rules);
        Ok(())
    }
}

/// Joins the broken paragraphs of `doc` with the enabled rules.
///
/// A join can reveal another (a heading-like first half becomes a long paragraph that
/// plainly goes on, a run of short lines stops being verse), so passes repeat until nothing
/// changes and running the stage again finds nothing more to do. Every productive pass
/// removes at least one block, so this ends.
pub fn reflow(doc: &mut Document, rules: &ReflowRules) {
    while reflow_pass(doc, rules) {}
}

/// One pass over the blocks; returns whether anything was joined.
fn reflow_pass(doc: &mut Document, rules: &ReflowRules) -> bool {
    if doc.blocks.len() < 2 {
        return false;
    }
    let blocks = std::mem::take(&mut doc.blocks);
    let layout = Layout::new(&blocks, &doc.edits);
    let canon = join::CanonicalForms::new(&blocks);
    let mut consumed = vec![false; blocks.len()];
    let mut out: Vec<Para> = Vec::with_capacity(blocks.len());
    let mut edits = Vec::new();
    for i in 0..blocks.len() {
        if consumed[i] {
            continue;
        }
        let mut para: Cow<Block> = Cow::Borrowed(&blocks[i]);
        let mut last = i;
        loop {
            let ctx = Context {
                blocks: &blocks,
                layout: &layout,
                consumed: &consumed,
                canon: &canon,
            };
            let prev = out.last().map(|p| match p {
                Para::Kept(k) => blocks[*k].text.as_str(),
                Para::Joined(b) => b.text.as_str(),
            });
            let Some(found) = join::continuation(&ctx, &para, last, prev) else {
                break;
            };
            if !rules.allows(found.kind) {
                break;
            }
            let next = &blocks[found.next];
            let (joined, seam) = join_texts(&para.text, &next.text, found.kind, &blocks);
            let lines = para.lines.union(next.lines);
            let rule = rule_of(found.kind);
            // The seam is at the end of the first line when the paragraph so far is that
            // one line; a later seam is reported at the paragraph's start.
            let column = if para.lines.start == para.lines.end {
                para.text.chars().count() as u32 + 1
            } else {
                1
            };
            edits.push(
                Edit::new(STAGE, rule, Action::Join, lines)
                    .column(column)
                    .before(seam.0)
                    .after(seam.1)
                    .reason(format!(
                        "lines {} and {}: {}",
                        para.lines, next.lines, rule.summary
                    )),
            );
            para = Cow::Owned(Block {
                text: joined,
                lines,
                blank_before: para.blank_before,
                starts_article: para.starts_article,
            });
            consumed[found.next] = true;
            last = found.next;
        }
        out.push(match para {
            Cow::Borrowed(_) => Para::Kept(i),
            Cow::Owned(b) => Para::Joined(b),
        });
    }
    if edits.is_empty() {
        // Nothing joined (every document's last pass): the blocks stay as they were.
        doc.blocks = blocks;
        return false;
    }
    let mut slots: Vec<Option<Block>> = blocks.into_iter().map(Some).collect();
    doc.blocks = out
        .into_iter()
        .filter_map(|p| match p {
            Para::Kept(k) => slots[k].take(),
            Para::Joined(b) => Some(b),
        })
        .collect();
    doc.edits.extend(edits);
    true
}

/// One paragraph of a pass's output: an input block left as it was (moved, not copied,
/// once the pass is done) or the joined paragraph that replaces several.
enum Para {
    Kept(usize),
    Joined(Block),
}

/// How many characters each side of a seam the edit shows.
const SEAM_CONTEXT: usize = 12;

/// Joins two halves; returns the joined text and the seam before/after (for the edit).
fn join_texts(a: &str, b: &str, kind: JoinKind, blocks: &[Block]) -> (String, (String, String)) {
    let tail: String = {
        let chars: Vec<char> = a.chars().collect();
        chars[chars.len().saturating_sub(SEAM_CONTEXT)..]
            .iter()
            .collect()
    };
    let head: String = b.chars().take(SEAM_CONTEXT).collect();
    let (joined, seam_after) = if kind == JoinKind::HyphenatedWord {
        if drop_hyphen(a, b, blocks) {
            let cut = &a[..a.len() - 1];
            let tail_cut = &tail[..tail.len() - 1];
            (format!("{cut}{b}"), format!("{tail_cut}{head}"))
        } else {
            (format!("{a}{b}"), format!("{tail}{head}"))
        }
    } else if needs_space(a, b) {
        (format!("{a} {b}"), format!("{tail} {head}"))
    } else {
        (format!("{a}{b}"), format!("{tail}{head}"))
    };
    (joined, (format!("{tail}\n{head}"), seam_after))
}

/// English halves are joined with a space; Chinese (or mixed) halves are not.
fn needs_space(a: &str, b: &str) -> bool {
    let (Some(last), Some(first)) = (a.chars().last(), b.chars().next()) else {
        return false;
    };
    shape::char_width(last) == 1
        && shape::char_width(first) == 1
        && !matches!(last, '“' | '‘' | '—')
        && !matches!(first, '”' | '’' | '—')
}

/// First words of compounds that keep their hyphen when split at a line end.
const COMPOUND_FIRST: &[&str] = &[
    "well", "self", "ill", "half", "all", "ex", "non", "anti", "cross", "mid", "full", "long",
    "short", "high", "low", "vice", "so", "one", "two", "three", "four", "five", "six", "seven",
    "eight", "nine", "ten", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty",
    "ninety", "first", "second", "third", "state", "world", "year", "part", "old", "far", "best",
    "better", "little", "much", "ever", "never", "hard", "fast", "open",
];

/// Whether the hyphen at the end of `a` was added by the layout (and goes) rather than
/// belonging to a compound (and stays).
fn drop_hyphen(a: &str, b: &str, blocks: &[Block]) -> bool {
    let stem = &a[..a.len() - 1];
    let left: String = stem
        .chars()
        .rev()
        .take_while(|c| c.is_alphabetic())
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let right: String = b.chars().take_while(|c| c.is_alphabetic()).collect();
    if left.is_empty() || right.is_empty() || !right.starts_with(|c: char| c.is_lowercase()) {
        return false;
    }
    let hyphenated = format!("{left}-{right}").to_ascii_lowercase();
    let closed = format!("{left}{right}").to_ascii_lowercase();
    let mut seen_hyphenated = false;
    let mut seen_closed = false;
    // The document's own spelling decides; a long document is sampled near its start so
    // that many hyphen breaks cannot make the stage quadratic.
    for block in blocks.iter().take(200).filter(|b| shape::is_latin(&b.text)) {
        let lower = block.text.to_ascii_lowercase();
        seen_hyphenated |= lower.contains(&hyphenated);
        seen_closed |= lower
            .split(|c: char| !c.is_alphabetic())
            .any(|w| w == closed);
    }
    if seen_closed != seen_hyphenated {
        return seen_closed;
    }
    !COMPOUND_FIRST.contains(&left.to_lowercase().as_str())
}

#[cfg(test)]
mod tests;
