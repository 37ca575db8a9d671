//! The join decision: does the paragraph that ends with block `a` go on in a later block,
//! and if so in which one and why.
//!
//! A break is repaired only when the first half is open (no sentence-final mark) and the
//! evidence that the second half continues it outweighs the evidence that the first half
//! is a heading. Lines that sit between the halves (headlines, captions, credits, ads) are
//! looked past; a byline or a lede between them means a new article, so nothing is joined
//! across it.

use std::cell::OnceCell;

use crate::document::Block;

use super::layout::{adjacent, is_short, Layout};
use super::shape::{
    canonical, closes_before_opening, display_width, ending, first_sentence_width, heading,
    is_byline, is_credit, is_latin, is_lede, is_list_item, is_metadata, quote_depth,
    starts_lowercase, starts_with_continuation_mark, width_up_to, Ending, Heading,
};

/// How many blocks may sit between the two halves of a broken paragraph.
const MAX_INTERPOSED: usize = 5;
/// How many original lines may separate the two halves.
const MAX_LINE_GAP: u32 = 20;

/// Why two blocks are joined; each kind is a rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JoinKind {
    /// The halves follow each other (across a blank line or a column).
    ColumnBreak,
    /// An English word split by a hyphen at the break.
    HyphenatedWord,
    /// Other lines (headline, caption, credit, ad) sit between the halves.
    Interposed,
    /// Lines of hard-wrapped text.
    HardWrap,
    /// A sub-heading split over two lines after a comma.
    SplitHeading,
}

/// A decided join: block index of the second half and the rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Join {
    pub next: usize,
    pub kind: JoinKind,
}

/// What the decision looks at besides the two halves.
pub struct Context<'a> {
    pub blocks: &'a [Block],
    pub layout: &'a Layout<'a>,
    /// Blocks already merged into an earlier paragraph (invisible from now on).
    pub consumed: &'a [bool],
    /// Canonical texts of the blocks, for spotting truncated copies.
    pub canon: &'a CanonicalForms<'a>,
}

/// Finds the block that continues the paragraph `text` whose last part is block `last`.
/// `prev` is the paragraph before it in the output (if any).
pub fn continuation(ctx: &Context, para: &Block, last: usize, prev: Option<&str>) -> Option<Join> {
    let blocks = ctx.blocks;
    let text = para.text.as_str();
    let a = &blocks[last];
    let end = ending(text);
    let open = matches!(end, Ending::Open | Ending::Comma | Ending::Hyphen);
    if !open && ctx.layout.wrap.is_none() {
        return None;
    }
    let mut scanned = 0;
    let mut interposed_heading = false;
    // An English line looked past that is itself running text cut mid-sentence (not title
    // case, no final mark): the next body block continues that line, not this paragraph.
    let mut interposed_open_clause = false;
    let mut first = true;
    let mut j = last + 1;
    while j < blocks.len() {
        if ctx.consumed[j] {
            j += 1;
            continue;
        }
        let b = &blocks[j];
        if b.lines.start > a.lines.end + MAX_LINE_GAP || scanned > MAX_INTERPOSED {
            return None;
        }
        // On a page whose paragraphs follow each other line by line, a blank line is a
        // section or article break (the text output format marks articles that way).
        if ctx.layout.single_newline
            && b.blank_before > 0
            && !starts_with_continuation_mark(&b.text)
        {
            return None;
        }
        // A byline between the halves means the next article has begun.
        let prior_end = if first {
            a.lines.end
        } else {
            blocks[j - 1].lines.end
        };
        if ctx
            .layout
            .removed_between(prior_end, b.lines.start)
            .any(is_byline)
            || is_byline(&b.text)
        {
            return None;
        }
        let touching = first && adjacent(a, b);
        if touching && b.lines.start > para.lines.end {
            if let Some(kind) = wrap_join(ctx, text, last, j) {
                return Some(Join { next: j, kind });
            }
        }
        if first
            && end == Ending::Comma
            && b.lines.start > para.lines.end
            && split_heading(ctx, text, last, j)
        {
            return Some(Join {
                next: j,
                kind: JoinKind::SplitHeading,
            });
        }
        if !open {
            return None;
        }
        // A block from inside the paragraph's own line range (printed between two of its
        // parts) can only sit between halves: the text keeps its reading order.
        let after_para = b.lines.start > para.lines.end;
        // On a blank-line page, the next line of the same block is part of the paragraph
        // or nothing: it is never looked past, even when it is short like a heading.
        let same_block = touching && ctx.layout.blank_separated;
        let candidate = if same_block {
            !never_continues(&b.text) && !is_list_item(&b.text)
        } else {
            is_candidate(ctx, j)
        };
        if same_block && !candidate {
            return None;
        }
        if after_para && candidate {
            if interposed_open_clause {
                return None;
            }
            let kind = if end == Ending::Hyphen && starts_lowercase(&b.text) {
                JoinKind::HyphenatedWord
            } else if first && !removed_between(ctx, a, b) {
                JoinKind::ColumnBreak
            } else {
                JoinKind::Interposed
            };
            return decide(ctx, text, last, j, prev, touching, interposed_heading)
                .then_some(Join { next: j, kind });
        }
        if !interposable(ctx, j) {
            return None;
        }
        let h = heading(&b.text);
        interposed_open_clause |= h == Heading::Weak
            && is_latin(&b.text)
            && matches!(ending(&b.text), Ending::Open | Ending::Comma);
        interposed_heading |= h == Heading::Strong
            && width_up_to(&b.text, 30) >= 30
            && !is_metadata(&b.text)
            && !is_credit(&b.text);
        scanned += 1;
        first = false;
        j += 1;
    }
    None
}

fn removed_between(ctx: &Context, a: &Block, b: &Block) -> bool {
    ctx.layout
        .removed_between(a.lines.end, b.lines.start)
        .next()
        .is_some()
}

/// Hard-wrapped lines: the first line fills the wrap width, or (on a page that separates
/// paragraphs by blank lines) the two lines sit in one block and the first stops
/// mid-sentence.
fn wrap_join(ctx: &Context, text: &str, last: usize, j: usize) -> Option<JoinKind> {
    let a = &ctx.blocks[last];
    let b = &ctx.blocks[j];
    if never_continues(&b.text) || ctx.layout.table_row[last] || is_list_item(&b.text) {
        return None;
    }
    let end = ending(text);
    let width = width_up_to(&a.text, 200);
    let wrap = ctx.layout.wrap?;
    let full = width * 4 >= wrap.width * 3 && width <= wrap.width + 2;
    // Text cut at an exact width: a line that fills it continues even after a full stop
    // (a paragraph rarely ends exactly at the margin). Text wrapped at word ends gives no
    // such sign, so there only blank lines tell where paragraphs end.
    let exactly_full = wrap.exact && width + 2 >= wrap.width && width <= wrap.width + 2;
    if full && (ctx.layout.blank_separated || end != Ending::Final || exactly_full) {
        return Some(if end == Ending::Hyphen && starts_lowercase(&b.text) {
            JoinKind::HyphenatedWord
        } else {
            JoinKind::HardWrap
        });
    }
    None
}

/// `把握区域治理“关键点”，` + `长租公寓党建夯实“点”的发散力`: two short heading lines,
/// the first ending in a comma.
fn split_heading(ctx: &Context, text: &str, last: usize, j: usize) -> bool {
    let b = &ctx.blocks[j].text;
    is_short(text)
        && is_short(b)
        && !text.contains(['。', '！', '？'])
        && heading(b) != Heading::No
        && !ctx.layout.same_short_run(last, j)
        && !is_list_item(text)
        && !is_list_item(b)
        && !never_continues(b)
}

/// Lines that open something new whatever precedes them.
fn never_continues(text: &str) -> bool {
    is_lede(text) || is_byline(text) || is_metadata(text) || is_credit(text)
}

/// Whether block `j` could be the second half of a paragraph: body text, not a heading,
/// a caption (a line followed by a credit), a credit or page metadata.
fn is_candidate(ctx: &Context, j: usize) -> bool {
    let text = &ctx.blocks[j].text;
    if heading(text) != Heading::No || never_continues(text) {
        return false;
    }
    let followed_by_credit = ctx.blocks[j + 1..]
        .iter()
        .zip(&ctx.consumed[j + 1..])
        .find(|(_, &c)| !c)
        .is_some_and(|(next, _)| is_credit(&next.text));
    !(followed_by_credit && is_short(text))
}

/// Whether block `j` may sit between two halves: short lines only (headlines, captions,
/// credits, ads, markers).
fn interposable(ctx: &Context, j: usize) -> bool {
    let text = &ctx.blocks[j].text;
    let width = width_up_to(text, 120);
    !is_lede(text) && (width <= if is_latin(text) { 120 } else { 80 })
}

/// The judgement for a body-like second half `j` of the open paragraph `text`.
fn decide(
    ctx: &Context,
    text: &str,
    last: usize,
    j: usize,
    prev: Option<&str>,
    touching: bool,
    interposed_heading: bool,
) -> bool {
    let b = ctx.blocks[j].text.as_str();
    let end = ending(text);
    let latin = is_latin(text);
    // Mechanical evidence: the second half cannot start a paragraph.
    let mechanical = (end == Ending::Hyphen && starts_lowercase(b))
        || starts_with_continuation_mark(b)
        || (quote_depth(text) > 0 && closes_before_opening(b));
    if ctx.layout.same_short_run(last, j) && !mechanical {
        return false;
    }
    if is_list_item(b)
        || ctx.layout.table_row[j]
        || ctx.layout.table_row[last]
        || is_truncated_copy(ctx, last, j)
    {
        return false;
    }
    if is_list_item(&ctx.blocks[last].text) && !mechanical {
        return false;
    }
    let a_text = &ctx.blocks[last].text;
    if is_byline(a_text) || is_credit(a_text) || is_metadata(a_text) {
        return false;
    }
    let strong = mechanical
        || (latin && starts_lowercase(b) && matches!(end, Ending::Open | Ending::Comma))
        || end == Ending::Comma
        || (quote_depth(text) > 0 && quote_depth(b) < 0);
    if strong {
        return true;
    }
    let opens_quote = b.starts_with(['“', '「', '『', '"']);
    let short_tail = !opens_quote && first_sentence_width(b).is_some_and(|w| w <= 16);
    let same_block = touching && ctx.layout.blank_separated && !is_short(text);
    match heading(text) {
        Heading::No => true,
        Heading::Weak => {
            let clause = text.contains(['，', ',']);
            // A sub-heading of the running text (not a short navigation or tool line).
            let after_subhead = prev.is_some_and(|p| {
                heading(p) == Heading::Strong
                    && ending(p) != Ending::Dash
                    && display_width(p) >= 16
                    && !is_credit(p)
                    && !is_metadata(p)
                    && !is_list_item(p)
            });
            short_tail || same_block || (clause && (after_subhead || interposed_heading))
        }
        Heading::Strong => false,
    }
}

/// A paragraph that is a truncated copy of another one (a repeat the repeats stage will
/// remove): its open end is a cut, not a break. Unless the candidate second half `next`
/// goes on exactly as the longer copy does: then the longer copy is a copy of the whole
/// broken paragraph, and the halves belong together.
fn is_truncated_copy(ctx: &Context, last: usize, next: usize) -> bool {
    let own = ctx.canon.get(last);
    if own.chars().count() < 10 {
        return false;
    }
    let lo = last.saturating_sub(50);
    let hi = (last + 50).min(ctx.blocks.len());
    let longer = |k: usize| {
        k != last && {
            let other = ctx.canon.get(k);
            other.len() > own.len() && other.starts_with(own)
        }
    };
    let whole = |k: usize| {
        let rest = &ctx.canon.get(k)[own.len()..];
        let second = ctx.canon.get(next);
        !second.is_empty() && rest.starts_with(second)
    };
    (lo..hi).any(|k| longer(k) && !whole(k))
}

/// Canonical forms of the blocks for [`Context::canon`], computed on first use: few
/// paragraphs are ever checked for being a truncated copy, and building every form up
/// front was a measurable share of the stage.
pub struct CanonicalForms<'a> {
    blocks: &'a [Block],
    forms: Vec<OnceCell<String>>,
}

impl<'a> CanonicalForms<'a> {
    /// Lazy canonical forms of `blocks`.
    pub fn new(blocks: &'a [Block]) -> Self {
        CanonicalForms {
            blocks,
            forms: (0..blocks.len()).map(|_| OnceCell::new()).collect(),
        }
    }

    /// The canonical form of block `i`.
    pub fn get(&self, i: usize) -> &str {
        self.forms[i].get_or_init(|| canonical(&self.blocks[i].text))
    }
}
