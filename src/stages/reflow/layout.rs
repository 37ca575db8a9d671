//! Page-level facts reflow needs before it judges any single break: whether the page
//! separates paragraphs with blank lines, whether it is hard-wrapped at a fixed width, which
//! runs of short lines are verse or lists, and which original lines earlier stages removed.

use crate::document::{Action, Block, Edit};

use super::shape::{ending, is_latin, table_cells, width_up_to, Ending};

/// A line width (in columns) below which a run of lines reads as verse, a list or a
/// heading block rather than running text.
const SHORT_CJK: usize = 50;
const SHORT_LATIN: usize = 60;
/// Fixed-width text wraps between these widths (forum posts, e-mail and plain text wrap at
/// 60-80 columns).
const WRAP_MIN: usize = 56;
const WRAP_MAX: usize = 100;

/// What reflow knows about the whole page.
#[derive(Clone, Debug, Default)]
pub struct Layout<'a> {
    /// Paragraphs are separated by blank lines; a single newline is then a wrap.
    pub blank_separated: bool,
    /// Paragraphs follow each other line by line; a blank line is then a section break.
    pub single_newline: bool,
    /// The detected wrap, for hard-wrapped text.
    pub wrap: Option<Wrap>,
    /// For each block, the id of the run of short lines it belongs to (runs of three or
    /// more short lines: verse, lists, tables, address blocks).
    pub short_run: Vec<Option<usize>>,
    /// For each block, whether it is a row of a table.
    pub table_row: Vec<bool>,
    /// Lines removed by earlier stages: (first line, last line, removed text). The text is
    /// borrowed from the edit: copying every removed line on every pass was measurable.
    pub removed: Vec<(u32, u32, &'a str)>,
}

impl<'a> Layout<'a> {
    pub fn new(blocks: &[Block], edits: &'a [Edit]) -> Layout<'a> {
        let mut removed: Vec<(u32, u32, &'a str)> = edits
            .iter()
            .filter(|e| e.action == Action::Remove)
            .map(|e| (e.lines.start, e.lines.end, e.before.as_str()))
            .collect();
        removed.sort_by_key(|r| (r.0, r.1));
        let separation = separation(blocks);
        Layout {
            blank_separated: separation == Some(true),
            single_newline: separation == Some(false),
            wrap: wrap_width(blocks),
            short_run: short_runs(blocks),
            table_row: table_rows(blocks),
            removed,
        }
    }

    /// The texts of lines removed strictly between original lines `after` and `before`.
    pub fn removed_between(&self, after: u32, before: u32) -> impl Iterator<Item = &'a str> + '_ {
        let start = self.removed.partition_point(|r| r.0 <= after);
        self.removed[start..]
            .iter()
            .take_while(move |r| r.0 < before)
            .filter(move |r| r.1 < before)
            .map(|r| r.2)
    }

    /// Whether blocks `a` and `b` sit in the same run of short lines.
    pub fn same_short_run(&self, a: usize, b: usize) -> bool {
        match (self.short_run.get(a), self.short_run.get(b)) {
            (Some(Some(x)), Some(Some(y))) => x == y,
            _ => false,
        }
    }
}

/// Which blocks are table rows: blocks built like rows whose neighbour in the original
/// line order (at most one blank line away) is a row with as many cells. One such line
/// alone is a headline with spaced phrases. Original line order, not block order, so that
/// moving blocks does not change the verdict.
pub fn table_rows(blocks: &[Block]) -> Vec<bool> {
    let mut order: Vec<usize> = (0..blocks.len()).collect();
    order.sort_by_key(|&i| blocks[i].lines.start);
    let cells: Vec<Option<usize>> = order
        .iter()
        .map(|&i| table_cells(&blocks[i].text))
        .collect();
    let mut out = vec![false; blocks.len()];
    for (k, &i) in order.iter().enumerate() {
        let same = |m: usize| {
            let (a, b) = (&blocks[order[m]], &blocks[order[m + 1]]);
            cells[m] == cells[m + 1] && b.lines.start <= a.lines.end + 2
        };
        out[i] = cells[k].is_some() && ((k > 0 && same(k - 1)) || (k + 1 < order.len() && same(k)));
    }
    out
}

/// Whether a line is short for its script.
pub fn is_short(text: &str) -> bool {
    let width = width_up_to(text, SHORT_LATIN.max(SHORT_CJK));
    if is_latin(text) {
        width <= SHORT_LATIN
    } else {
        width <= SHORT_CJK
    }
}

/// Two blocks on consecutive original lines: nothing, not even a blank line, between them.
pub fn adjacent(a: &Block, b: &Block) -> bool {
    b.lines.start == a.lines.end + 1
}

/// Decided on pairs whose first block ends a sentence: those are paragraph ends whatever
/// the page does, so how they are separated tells the page's habit. Joins never happen
/// after such a block, so the verdict does not change when reflow runs again.
/// `Some(true)`: blank lines separate paragraphs; `Some(false)`: single newlines do;
/// `None`: no evidence either way.
fn separation(blocks: &[Block]) -> Option<bool> {
    let (mut blank, mut single) = (0, 0);
    for pair in blocks.windows(2) {
        if ending(&pair[0].text) != Ending::Final {
            continue;
        }
        if pair[1].blank_before > 0 {
            blank += 1;
        } else {
            single += 1;
        }
    }
    (blank != single).then_some(blank > single)
}

/// The wrap width of hard-wrapped text: lines that run straight into the next line
/// cluster just under a fixed width between 56 and 100 columns, and hardly any line of the
/// page is wider. A page of web paragraphs whose widths happen to be similar fails the
/// second test.
fn wrap_width(blocks: &[Block]) -> Option<Wrap> {
    let mut widths: Vec<usize> = blocks
        .windows(2)
        .filter(|p| adjacent(&p[0], &p[1]))
        .map(|p| width_up_to(&p[0].text, WRAP_MAX + 1))
        .filter(|&w| w >= 20)
        .collect();
    if widths.len() < 4 {
        return None;
    }
    widths.sort_unstable();
    let width = widths[(widths.len() * 9 / 10).min(widths.len() - 1)];
    if !(WRAP_MIN..=WRAP_MAX).contains(&width) {
        return None;
    }
    let near: Vec<usize> = widths
        .iter()
        .copied()
        .filter(|&w| w * 4 >= width * 3 && w <= width + 2)
        .collect();
    let wider = blocks
        .iter()
        .filter(|b| width_up_to(&b.text, width + 4) > width + 4)
        .count();
    if near.len() < 4 || near.len() * 10 < widths.len() * 7 || wider * 10 > blocks.len() {
        return None;
    }
    // Text wrapped at an exact column count (Chinese fixed-width text) rather than at word
    // ends: most wrapped lines reach the margin.
    let at_margin = near.iter().filter(|&&w| w + 2 >= width).count();
    Some(Wrap {
        width,
        exact: at_margin * 10 >= near.len() * 6,
    })
}

/// A detected hard wrap.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Wrap {
    /// The wrap width in columns.
    pub width: usize,
    /// Lines are cut at exactly this width (not at word ends).
    pub exact: bool,
}

fn short_runs(blocks: &[Block]) -> Vec<Option<usize>> {
    let mut out = vec![None; blocks.len()];
    let mut i = 0;
    let mut id = 0;
    while i < blocks.len() {
        let mut j = i;
        while j < blocks.len() && is_short(&blocks[j].text) {
            j += 1;
        }
        if j - i >= 3 {
            for slot in &mut out[i..j] {
                *slot = Some(id);
            }
            id += 1;
        }
        i = j.max(i + 1);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Document;
    use crate::stages::reflow::shape::display_width;

    fn blocks(text: &str) -> Vec<Block> {
        let mut doc = Document::default();
        doc.set_text(text);
        doc.blocks
    }

    #[test]
    fn separation_habit() {
        assert_eq!(
            separation(&blocks("一句。\n\n二句。\n\n三句。\n")),
            Some(true)
        );
        assert_eq!(separation(&blocks("一句。\n二句。\n三句。\n")), Some(false));
        assert_eq!(separation(&blocks("一句\n\n二句。\n")), None);
    }

    #[test]
    fn wrap_width_found_only_for_fixed_width_text() {
        let line = "word ".repeat(14).trim().to_string();
        let text = format!("{line}\n{line}\n{line}\nend.\n\n{line}\n{line}\nend.\n");
        let wrap = wrap_width(&blocks(&text)).map(|w| w.width);
        assert_eq!(wrap, Some(display_width(line.trim())));
        // Web paragraphs of similar widths, one per line, are not a hard wrap.
        let para = |n: usize| "段".repeat(n) + "。";
        let page = format!(
            "{}\n{}\n{}\n{}\n{}\n{}\n",
            para(70),
            para(42),
            para(45),
            para(44),
            para(46),
            para(90)
        );
        assert_eq!(wrap_width(&blocks(&page)), None);
        let web = format!(
            "{}\n{}\n{}\n{}\n",
            "长".repeat(150),
            "短".repeat(40),
            "中".repeat(90),
            "久".repeat(200)
        );
        assert_eq!(wrap_width(&blocks(&web)), None);
        assert_eq!(
            wrap_width(&blocks("床前明月光\n疑是地上霜\n举头望明月\n低头思故乡\n")),
            None
        );
    }

    #[test]
    fn table_rows_need_a_matching_neighbour() {
        let b = blocks("受理点 地址 电话\n\n上城区 解放东路18号 0571-87011234\n\n解难题 促发展 保安全 再发力\n");
        assert_eq!(table_rows(&b), vec![true, true, false]);
        assert_eq!(table_rows(&blocks("解难题 促发展 保安全\n")), vec![false]);
        let far = blocks("受理点 地址 电话\n\n\n\n上城区 解放东路 0571\n");
        assert_eq!(table_rows(&far), vec![false, false]);
    }

    #[test]
    fn short_runs_need_three_lines() {
        let b = blocks("长长的正文段落。长长的正文段落。长长的正文段落。长长的正文段落。\n\n短一\n\n短二\n\n短三\n\n长长的正文段落。长长的正文段落。长长的正文段落。长长的正文段落。\n\n短四\n\n短五\n");
        let runs = short_runs(&b);
        assert_eq!(
            runs,
            vec![None, Some(0), Some(0), Some(0), None, None, None]
        );
    }
}
