//! Legitimate repetition: refrains of poems, songs and speeches. A scrape duplicates a
//! passage once or twice, next to itself or at a page break; a writer repeats a line among
//! short verse lines, or at regular intervals, or at the same place in several paragraphs.

/// How many blocks on each side are looked at to decide whether a block sits in verse.
const VERSE_RADIUS: usize = 3;

/// Whether a block reads like a line of verse (or of a lyric): short, and not closed like
/// a prose sentence.
pub fn is_verse_line(text: &str, short: bool) -> bool {
    if !short {
        return false;
    }
    let last = text.trim_end().chars().next_back();
    !matches!(
        last,
        Some('。' | '！' | '？' | '.' | '!' | '?' | '：' | ':')
    )
}

/// Whether block `i` stands among verse lines: most of its neighbours (up to three on each
/// side) are verse lines.
pub fn in_verse(verse: &[bool], i: usize) -> bool {
    let lo = i.saturating_sub(VERSE_RADIUS);
    let hi = (i + VERSE_RADIUS + 1).min(verse.len());
    let (mut n, mut v) = (0, 0);
    for (j, &is_verse) in verse.iter().enumerate().take(hi).skip(lo) {
        if j != i {
            n += 1;
            v += usize::from(is_verse);
        }
    }
    n >= 3 && v * 4 >= n * 3
}

/// Whether a paragraph that occurs at block indices `at` (ascending) repeats like a
/// refrain: three times or more, never next to itself, at roughly regular intervals.
pub fn is_regular_refrain(at: &[usize]) -> bool {
    if at.len() < 3 {
        return false;
    }
    let gaps: Vec<usize> = at.windows(2).map(|w| w[1] - w[0]).collect();
    let (Some(&min), Some(&max)) = (gaps.iter().min(), gaps.iter().max()) else {
        return false;
    };
    min >= 3 && max <= 3 * min
}

/// Whether `sentence` (canonical) is a refrain of paragraphs: it opens (or closes) three or
/// more paragraphs of `blocks` (canonical texts), including the two being compared.
pub fn is_paragraph_edge_refrain<'a>(
    sentence: &[char],
    blocks: impl Iterator<Item = &'a [char]> + Clone,
    opens_both: bool,
    closes_both: bool,
) -> bool {
    if sentence.is_empty() {
        return false;
    }
    let count = |edge: fn(&[char], &[char]) -> bool| {
        blocks
            .clone()
            .filter(|b| b.len() > sentence.len() && edge(b, sentence))
            .count()
    };
    (opens_both && count(|b, s| b.starts_with(s)) >= 3)
        || (closes_both && count(|b, s| b.ends_with(s)) >= 3)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verse_lines_are_short_and_open() {
        assert!(is_verse_line("等一场雨落在青瓦上", true));
        assert!(is_verse_line("the wheel is green with moss,", true));
        assert!(!is_verse_line("似举措。", true));
        assert!(!is_verse_line("a long line", false));
    }

    #[test]
    fn verse_context_needs_most_neighbours_to_be_verse() {
        let poem = [true, true, true, false, true, true, true];
        assert!(in_verse(&poem, 3));
        let prose = [false, false, true, false, false, true, false];
        assert!(!in_verse(&prose, 3));
        assert!(!in_verse(&[true, false], 1), "too few neighbours");
    }

    #[test]
    fn regular_refrains_versus_pasted_copies() {
        assert!(is_regular_refrain(&[4, 8, 12, 16]));
        assert!(is_regular_refrain(&[3, 9, 14]));
        assert!(!is_regular_refrain(&[10, 11, 12]), "adjacent copies");
        assert!(!is_regular_refrain(&[10, 12, 13]), "pasted three times");
        assert!(!is_regular_refrain(&[2, 30]), "only twice");
        assert!(!is_regular_refrain(&[2, 5, 40]), "irregular");
    }

    #[test]
    fn sentence_refrain_at_paragraph_ends() {
        let s: Vec<char> = "thisisourtime".chars().collect();
        let blocks: Vec<Vec<char>> = ["aaathisisourtime", "bbbthisisourtime", "cccthisisourtime"]
            .iter()
            .map(|b| b.chars().collect())
            .collect();
        let iter = blocks.iter().map(|b| b.as_slice());
        assert!(is_paragraph_edge_refrain(&s, iter.clone(), false, true));
        assert!(!is_paragraph_edge_refrain(&s, iter.clone(), true, false));
        assert!(!is_paragraph_edge_refrain(&s, iter.take(2), false, true));
    }
}
