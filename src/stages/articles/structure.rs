//! Reads the article structure of a page: where article bodies begin (ledes, bylines,
//! headlines that open a new story, the truncated end of the previous story), which
//! headings head them, and which headlines were printed away from their article.

use crate::document::Block;
use crate::stages::reflow::shape::{
    ending, heading, is_byline, is_credit, is_lede, is_list_item, is_metadata, Ending, Heading,
};
use crate::stages::reflow::{is_short, table_rows};

/// What a block is, for the article structure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// A headline or sub-heading.
    Heading,
    /// A byline, credit or metadata line still on the page (debris not removed).
    Furniture,
    /// Running text.
    Body,
}

/// Why a body block opens an article.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AnchorKind {
    /// The first body text of the page.
    Top,
    /// A lede: `本报讯`, a wire dateline.
    Lede,
    /// A byline stands before it (on the page or removed by debris).
    Byline,
    /// The previous article ends mid-sentence and a headline follows.
    TruncatedEnd,
    /// A headline built like the page's headlines rather than its sub-headings.
    Headline,
}

/// The structure found: article anchors and headline moves.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Structure {
    /// Article starts: (index of the block that opens the article, why).
    pub starts: Vec<(usize, AnchorKind)>,
    /// Headlines to move: (headline block, block it goes before).
    pub moves: Vec<(Vec<usize>, usize)>,
}

/// The role of one block (`table_row`: it is a row of a table).
pub fn role(text: &str, table_row: bool) -> Role {
    if is_byline(text) || is_credit(text) || is_metadata(text) {
        Role::Furniture
    } else if heading(text) != Heading::No && !is_list_item(text) && !table_row {
        Role::Heading
    } else {
        Role::Body
    }
}

/// Reads the structure of `blocks`; `byline_before[i]` tells whether a removed byline sat
/// right before block `i`.
pub fn analyse(blocks: &[Block], byline_before: &[bool]) -> Structure {
    let n = blocks.len();
    let rows = table_rows(blocks);
    let roles: Vec<Role> = blocks
        .iter()
        .zip(rows)
        .map(|(b, row)| role(&b.text, row))
        .collect();
    let interposed = interposed(blocks);
    // The page's text starts at its first paragraph; list items and short lines above it
    // are navigation or image names more often than text.
    let paragraph = |i: usize| {
        roles[i] == Role::Body && !is_list_item(&blocks[i].text) && !is_short(&blocks[i].text)
    };
    let first_body = (0..n).find(|&i| roles[i] == Role::Body);
    let Some(top) = (0..n).find(|&i| paragraph(i)).or(first_body) else {
        return Structure::default();
    };

    // Anchors: body blocks that open an article.
    let mut anchors: Vec<(usize, AnchorKind)> = vec![(top, AnchorKind::Top)];
    for i in top + 1..n {
        if roles[i] != Role::Body || interposed[i] {
            continue;
        }
        let kind = if is_lede(&blocks[i].text) {
            Some(AnchorKind::Lede)
        } else if byline_before[i] || byline_above(blocks, &roles, i) {
            Some(AnchorKind::Byline)
        } else {
            truncated_end(blocks, &roles, &interposed, i).then_some(AnchorKind::TruncatedEnd)
        };
        if let Some(kind) = kind {
            anchors.push((i, kind));
        }
    }
    if anchors.len() > 1 {
        promote_headlines(blocks, &roles, &interposed, &mut anchors);
    }

    let group_of = |anchor: usize, floor: usize| -> Vec<usize> {
        let mut group = Vec::new();
        let mut k = anchor;
        while k > floor {
            k -= 1;
            match roles[k] {
                // Only the title next to the body may read like a clause; a kicker above it
                // never ends in a comma-separated clause (that is a cut paragraph).
                Role::Heading
                    if !interposed[k]
                        && (group.is_empty() || !blocks[k].text.contains(['，', ','])) =>
                {
                    group.push(k)
                }
                Role::Furniture => continue,
                _ => break,
            }
        }
        group.reverse();
        group
    };

    let mut groups: Vec<Vec<usize>> = Vec::with_capacity(anchors.len());
    let mut floor = 0;
    for &(anchor, _) in &anchors {
        groups.push(group_of(anchor, floor));
        floor = anchor;
    }
    let mut headless: Vec<bool> = groups.iter().map(Vec::is_empty).collect();
    let mut moves: Vec<(Vec<usize>, usize)> = Vec::new();

    // A headline group of two or more right after a headless article: its first headline
    // is that article's (printed after its body).
    // (Not the page's first article: a page may open without a headline.)
    // Only a group printed between the two bodies counts (one moved there stays whole).
    for k in 2..anchors.len() {
        let printed_between = groups[k].first().is_some_and(|&h| {
            let line = blocks[h].lines.start;
            line > blocks[anchors[k - 1].0].lines.start && line < blocks[anchors[k].0].lines.start
        });
        if headless[k - 1] && groups[k].len() >= 2 && printed_between {
            let stolen = groups[k].remove(0);
            moves.push((vec![stolen], anchors[k - 1].0));
            headless[k - 1] = false;
        }
    }
    // Headlines printed between the halves of a broken paragraph: they head the article
    // they sit in when it has no headline, else the next headless one.
    let mut misplaced: Vec<usize> = (0..n)
        .filter(|&i| interposed[i] && roles[i] == Role::Heading)
        .collect();
    misplaced.sort_by_key(|&i| blocks[i].lines.start);
    for h in misplaced {
        // Which article it sits in, by original lines (moving it must not change that).
        let line = blocks[h].lines.start;
        let inside = anchors
            .iter()
            .rposition(|&(a, _)| blocks[a].lines.start < line);
        let target = match inside {
            Some(k) if headless[k] => Some(k),
            Some(k) => (k + 1..anchors.len()).find(|&m| headless[m]),
            None => None,
        };
        if let Some(k) = target {
            moves.push((vec![h], anchors[k].0));
            headless[k] = false;
        }
    }
    // A headline group after the last body of the page belongs to the last article when
    // that article has none.
    let last_body = (0..n).rev().find(|&i| roles[i] == Role::Body);
    if let (Some(last_body), Some(k)) = (last_body, anchors.len().checked_sub(1)) {
        // Collected like a heading group: upwards from the end, a kicker never a clause.
        let mut trailing: Vec<usize> = Vec::new();
        for i in (last_body + 1..n).rev() {
            if roles[i] != Role::Heading || interposed[i] {
                continue;
            }
            if !trailing.is_empty() && blocks[i].text.contains(['，', ',']) {
                break;
            }
            trailing.push(i);
        }
        trailing.reverse();
        // On a one-article page only a lede proves the article lacks its headline: a
        // closing signature or tag line must stay where it is.
        let expects_headline = anchors.len() > 1 || anchors[k].1 == AnchorKind::Lede;
        let has_lede = is_lede(&blocks[anchors[k].0].text);
        if headless[k]
            && (expects_headline || has_lede)
            && !trailing.is_empty()
            && trailing.len() <= 3
        {
            moves.push((trailing, anchors[k].0));
            headless[k] = false;
        }
    }

    // Article starts: the moved headline, else the heading group, else the anchor.
    let mut starts = Vec::with_capacity(anchors.len());
    for (k, &(anchor, kind)) in anchors.iter().enumerate() {
        let moved = moves.iter().find(|(_, t)| *t == anchor).map(|(h, _)| h[0]);
        let start = moved
            .or_else(|| groups[k].first().copied())
            .unwrap_or(anchor);
        starts.push((start, kind));
    }
    Structure { starts, moves }
}

/// A byline among the headings and furniture right above block `i`.
fn byline_above(blocks: &[Block], roles: &[Role], i: usize) -> bool {
    (0..i)
        .rev()
        .take_while(|&k| roles[k] != Role::Body)
        .any(|k| is_byline(&blocks[k].text))
}

/// Blocks whose original lines lie inside the range of another block: they were printed
/// between the halves of a paragraph that reflow joined. Decided on line ranges alone, so
/// the verdict survives moving blocks.
fn interposed(blocks: &[Block]) -> Vec<bool> {
    let mut order: Vec<usize> = (0..blocks.len()).collect();
    order.sort_by_key(|&i| {
        (
            blocks[i].lines.start,
            std::cmp::Reverse(blocks[i].lines.end),
        )
    });
    let mut out = vec![false; blocks.len()];
    let mut reach = 0u32;
    for i in order {
        let lines = blocks[i].lines;
        out[i] = lines.end < reach;
        reach = reach.max(lines.end);
    }
    out
}

/// A body block after a headline that follows a paragraph cut mid-sentence: the cut
/// paragraph was the truncated end of the previous article.
/// (Headlines printed inside a joined paragraph do not count: they are not at a break.)
fn truncated_end(blocks: &[Block], roles: &[Role], interposed: &[bool], i: usize) -> bool {
    let mut k = i;
    let mut saw_heading = false;
    while k > 0 {
        k -= 1;
        match roles[k] {
            Role::Heading if interposed[k] => {}
            Role::Heading => saw_heading = true,
            Role::Furniture => {}
            Role::Body => {
                return saw_heading
                    && matches!(ending(&blocks[k].text), Ending::Open | Ending::Comma);
            }
        }
    }
    false
}

/// On a page that holds several articles, a heading clearly longer than the page's
/// sub-headings, or the only heading inside an article that opened with a lede, is the
/// headline of a new article.
fn promote_headlines(
    blocks: &[Block],
    roles: &[Role],
    interposed: &[bool],
    anchors: &mut Vec<(usize, AnchorKind)>,
) {
    let n = blocks.len();
    let lengths: Vec<usize> = (0..n)
        .filter(|&i| roles[i] == Role::Heading && !interposed[i])
        .map(|i| blocks[i].text.chars().count())
        .collect();
    if lengths.is_empty() {
        return;
    }
    let mut sorted = lengths.clone();
    sorted.sort_unstable();
    let median = sorted[sorted.len() / 2];
    let long_enough = (median * 13).div_ceil(10).max(20);
    let mut added = Vec::new();
    let top = anchors[0].0;
    for i in top + 1..n.saturating_sub(1) {
        // Preceded by body text (headlines printed inside a joined paragraph sit elsewhere
        // in the original and do not count).
        let before = (0..i)
            .rev()
            .find(|&k| !interposed[k] && roles[k] != Role::Furniture);
        if roles[i] != Role::Heading
            || interposed[i]
            || before.is_none_or(|k| roles[k] != Role::Body)
        {
            continue;
        }
        let Some(body) = (i + 1..n).find(|&k| roles[k] != Role::Furniture) else {
            continue;
        };
        if roles[body] != Role::Body || anchors.iter().any(|&(a, _)| a == body) {
            continue;
        }
        let long = blocks[i].text.chars().count() >= long_enough;
        let lone = lone_heading_in_lede_article(roles, anchors, interposed, i);
        if long || lone {
            added.push((body, AnchorKind::Headline));
        }
    }
    anchors.extend(added);
    anchors.sort_by_key(|&(a, _)| a);
    anchors.dedup_by_key(|&mut (a, _)| a);
}

/// Whether heading `i` is the only heading between a lede anchor and the next anchor.
fn lone_heading_in_lede_article(
    roles: &[Role],
    anchors: &[(usize, AnchorKind)],
    interposed: &[bool],
    i: usize,
) -> bool {
    let Some(k) = anchors.iter().rposition(|&(a, _)| a < i) else {
        return false;
    };
    if anchors[k].1 != AnchorKind::Lede {
        return false;
    }
    let start = anchors[k].0;
    let end = anchors.get(k + 1).map_or(roles.len(), |&(a, _)| a);
    // The next article's own heading group does not count.
    let mut stop = end;
    while stop > start + 1 && roles[stop - 1] != Role::Body {
        stop -= 1;
    }
    (start..stop)
        .filter(|&m| roles[m] == Role::Heading && !interposed[m])
        .all(|m| m == i)
}
