//! articles: splits a page that holds several articles and moves a misplaced headline to
//! the start of its article.
//!
//! Boundaries come from the structure of the page: a lede (`本报讯`, a dateline), a byline
//! (still on the page or removed by debris, whose edits name it), the truncated end of an
//! article followed by a headline, and headlines built unlike the page's sub-headings. A
//! headline printed after its article's body, or between the halves of one of its broken
//! paragraphs, is moved before the body ([`Action::Move`]); a kicker and its title stay
//! together. Each article start sets [`Block::starts_article`], which the text output
//! renders as a blank line and [`Document::articles`] splits on.

mod structure;

use crate::config::Settings;
use crate::document::{Action, Block, Document, Edit};
use crate::error::{ConfigError, DocumentError};
use crate::rules::RuleInfo;
use crate::stage::{Stage, StageInfo};
use crate::stages::reflow::is_short;
use crate::stages::reflow::shape::{ending, is_byline, Ending};

pub use structure::{analyse, role, AnchorKind, Role, Structure};

pub const STAGE: &str = "articles";

pub static ARTICLE_BOUNDARY: RuleInfo = RuleInfo {
    code: "A101",
    name: "article-boundary",
    summary: "a page holding several articles is split where a new article starts",
    explanation: "Newspaper pages and aggregators put several stories on one page. A new \
        story is recognised by a lede (`本报讯（…）`, `新华社北京…电`, `LONDON (Reuters) -`), \
        by a byline before its first paragraph, by the truncated end of the previous story \
        followed by a headline, or by a headline that is built unlike the page's \
        sub-headings. The article's first block (its headline when it has one) is marked, \
        and the text output puts one blank line before it.",
};

pub static MISPLACED_HEADLINE: RuleInfo = RuleInfo {
    code: "A102",
    name: "misplaced-headline",
    summary: "a headline printed after or inside its article's body is moved to its start",
    explanation: "Page layouts print headlines beside the text, so scraped text can carry a \
        story's headline after its body, between the halves of one of its broken paragraphs, \
        or inside the previous story. When an article starts without a headline and a \
        headline stands where no article starts, the headline is moved before the article's \
        first paragraph. A kicker and its title move together.",
};

static RULES: &[RuleInfo] = &[ARTICLE_BOUNDARY, MISPLACED_HEADLINE];

pub static INFO: StageInfo = StageInfo {
    name: STAGE,
    summary: "splits pages holding several articles and moves misplaced headlines",
    rules: RULES,
    build: build_stage,
};

struct ArticlesStage {
    boundaries: bool,
    moves: bool,
}

fn build_stage(settings: &Settings) -> Result<Box<dyn Stage>, ConfigError> {
    Ok(Box::new(ArticlesStage {
        boundaries: settings.rule_enabled(ARTICLE_BOUNDARY.code),
        moves: settings.rule_enabled(MISPLACED_HEADLINE.code),
    }))
}

impl Stage for ArticlesStage {
    fn name(&self) -> &'static str {
        STAGE
    }

    fn apply(&self, doc: &mut Document) -> Result<(), DocumentError> {
        split_articles(doc, self.boundaries, self.moves);
        Ok(())
    }
}

/// Finds the articles of `doc`: moves misplaced headlines (when `moves`) and marks article
/// starts (when `boundaries`).
pub fn split_articles(doc: &mut Document, boundaries: bool, moves: bool) {
    if doc.blocks.is_empty() || !(boundaries || moves) {
        return;
    }
    let byline_before = removed_bylines(doc);
    let found = analyse(&doc.blocks, &byline_before);
    let n = doc.blocks.len();
    let mut edits = Vec::new();

    // Where each block goes: moved headlines before their target.
    let mut moved_to: Vec<Option<usize>> = vec![None; n];
    if moves {
        for (heads, target) in &found.moves {
            // Headlines already right before their article stay (nothing to move).
            let in_place = heads
                .iter()
                .enumerate()
                .all(|(k, &h)| h + heads.len() == target + k);
            if in_place {
                continue;
            }
            for &h in heads {
                moved_to[h] = Some(*target);
            }
        }
    }
    let mut order: Vec<usize> = Vec::with_capacity(n);
    for i in 0..n {
        if moved_to[i].is_some() {
            continue;
        }
        for h in (0..n).filter(|&h| moved_to[h] == Some(i)) {
            let block = &doc.blocks[h];
            let target = &doc.blocks[i];
            edits.push(
                Edit::new(STAGE, &MISPLACED_HEADLINE, Action::Move, block.lines)
                    .before(block.text.clone())
                    .reason(format!(
                        "headline moved before line {}, the start of its article",
                        target.lines.start
                    )),
            );
            order.push(h);
        }
        order.push(i);
    }
    // Article starts are the moved (or already placed) headlines, else the heading groups,
    // else the anchors; the reordering keeps each moved headline right before its target.
    let starts = &found.starts;

    // On a page that separates paragraphs with single newlines (the text output format), a
    // blank line already marks an article boundary: it is kept, and not reported again.
    let marked_by_blank = single_newline_page(&doc.blocks);

    let mut old = std::mem::take(&mut doc.blocks)
        .into_iter()
        .map(Some)
        .collect::<Vec<Option<Block>>>();
    let mut blocks = Vec::with_capacity(n);
    for &i in &order {
        if let Some(mut block) = old[i].take() {
            let start = starts.iter().find(|&&(s, _)| s == i);
            // The page's first article needs no boundary, wherever its start ended up.
            // In the output format an article opens with its headline after a paragraph;
            // stanza breaks of verse and other blank lines do not look like that.
            let after_paragraph = blocks.last().is_some_and(|prev: &Block| {
                let cut = ending(&prev.text) == Ending::Open && prev.text.contains(['，', ',']);
                (role(&prev.text, false) == Role::Body && !is_short(&prev.text)) || cut
            });
            // The input already has a blank line there: a boundary found on it inserts
            // nothing, so it is not reported (cleaning the output again must not report
            // the boundaries it already shows).
            let blank_kept = block.blank_before > 0;
            let marked = marked_by_blank && blank_kept && after_paragraph;
            let already = block.starts_article || marked;
            let found_here = start.is_some_and(|&(_, kind)| kind != AnchorKind::Top);
            let opens = boundaries && (found_here || already) && !blocks.is_empty();
            if opens && !already && !blank_kept {
                let kind = start.map_or(AnchorKind::Top, |&(_, k)| k);
                edits.push(
                    Edit::new(STAGE, &ARTICLE_BOUNDARY, Action::Split, block.lines)
                        .before(block.text.chars().take(20).collect::<String>())
                        .reason(format!("a new article starts here ({})", why(kind))),
                );
            }
            block.starts_article = opens || (blocks.is_empty() && block.starts_article);
            blocks.push(block);
        }
    }
    doc.blocks = blocks;
    doc.edits.extend(edits);
}

/// Whether most paragraphs follow the previous one without a blank line.
/// (Counted without regard to block order, which moves change.)
fn single_newline_page(blocks: &[Block]) -> bool {
    let first = blocks.iter().map(|b| b.lines.start).min();
    let blank = blocks
        .iter()
        .filter(|b| Some(b.lines.start) != first && b.blank_before > 0)
        .count();
    blocks.len() > 2 && blank * 3 < blocks.len() - 1
}

fn why(kind: AnchorKind) -> &'static str {
    match kind {
        AnchorKind::Top => "first text of the page",
        AnchorKind::Lede => "its first paragraph opens with a lede",
        AnchorKind::Byline => "a byline stands before its first paragraph",
        AnchorKind::TruncatedEnd => "the previous article ends mid-sentence before a headline",
        AnchorKind::Headline => "a headline built like the page's headlines opens it",
    }
}

/// For each block, whether an earlier stage removed a byline between it and the block
/// before it in the original line order (original order, so that moved blocks keep the
/// verdict).
fn removed_bylines(doc: &Document) -> Vec<bool> {
    let mut removed: Vec<u32> = doc
        .edits
        .iter()
        .filter(|e| e.action == Action::Remove && is_byline(&e.before))
        .map(|e| e.lines.end)
        .collect();
    removed.sort_unstable();
    let mut order: Vec<usize> = (0..doc.blocks.len()).collect();
    order.sort_by_key(|&i| doc.blocks[i].lines.start);
    let mut out = vec![false; doc.blocks.len()];
    let mut prev_end = 0u32;
    for i in order {
        let block = &doc.blocks[i];
        let from = removed.partition_point(|&end| end <= prev_end);
        out[i] = removed
            .get(from)
            .is_some_and(|&end| end < block.lines.start);
        prev_end = prev_end.max(block.lines.end);
    }
    out
}

#[cfg(test)]
mod tests;
