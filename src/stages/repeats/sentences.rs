//! Sentence boundaries, so that a repeated passage is removed in whole sentences: no
//! sentence is cut in half and no number is split (`2.5元` has no boundary inside).

use std::ops::Range;

/// One sentence of a block: its bytes (with the spaces after it) and its canonical
/// characters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    pub bytes: Range<usize>,
    pub canon: Range<usize>,
}

/// Characters that end a sentence on their own.
fn is_terminator(c: char) -> bool {
    matches!(
        c,
        '。' | '！' | '？' | '!' | '?' | '…' | '‼' | '⁇' | '⁈' | '⁉' | '｡'
    )
}

/// Closing quotes and brackets that belong to the sentence they follow.
fn is_closer(c: char) -> bool {
    matches!(
        c,
        '”' | '’' | '"' | '\'' | '」' | '』' | '）' | ')' | '】' | '〕' | '》' | '〉' | ']'
    )
}

/// Splits `text` into sentences. `offsets[i]` is the byte offset of canonical character `i`
/// (from [`canonical_with_offsets`](super::canonical::canonical_with_offsets)).
pub fn sentences(text: &str, offsets: &[u32]) -> Vec<Sentence> {
    let mut bounds = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let ends = if is_terminator(c) {
            true
        } else if c == '.' || c == '．' {
            // A full stop ends a sentence before a space, a closer, CJK text or the end of
            // the block; never between digits (2.5) or inside a word (example.com).
            match chars.peek() {
                None => true,
                Some(&(_, n)) => n.is_whitespace() || is_closer(n) || n == '.' || !n.is_ascii(),
            }
        } else {
            false
        };
        if !ends {
            continue;
        }
        let mut end = i + c.len_utf8();
        while let Some(&(j, n)) = chars.peek() {
            if is_terminator(n) || is_closer(n) || n == '.' {
                end = j + n.len_utf8();
                chars.next();
            } else {
                break;
            }
        }
        while let Some(&(j, n)) = chars.peek() {
            if n.is_whitespace() {
                end = j + n.len_utf8();
                chars.next();
            } else {
                break;
            }
        }
        bounds.push(end);
    }
    if bounds.last() != Some(&text.len()) {
        bounds.push(text.len());
    }
    let mut out = Vec::with_capacity(bounds.len());
    let mut start = 0;
    for end in bounds {
        if end <= start {
            continue;
        }
        let c0 = offsets.partition_point(|&o| (o as usize) < start);
        let c1 = offsets.partition_point(|&o| (o as usize) < end);
        out.push(Sentence {
            bytes: start..end,
            canon: c0..c1,
        });
        start = end;
    }
    out
}

/// The run of whole sentences (indices into `sentences`) that lies inside the canonical
/// span `span`, trimmed of sentences without canonical text at its edges.
pub fn whole_sentences_within(sentences: &[Sentence], span: &Range<usize>) -> Option<Range<usize>> {
    let first = sentences
        .iter()
        .position(|s| !s.canon.is_empty() && s.canon.start >= span.start)?;
    let mut last = None;
    for (i, s) in sentences.iter().enumerate().skip(first) {
        if s.canon.is_empty() {
            continue;
        }
        if s.canon.end > span.end {
            break;
        }
        last = Some(i);
    }
    last.map(|last| first..last + 1)
}

#[cfg(test)]
mod tests {
    use super::super::canonical::canonical_with_offsets;
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        let (_, offsets) = canonical_with_offsets(text);
        sentences(text, &offsets)
            .into_iter()
            .map(|s| &text[s.bytes])
            .collect()
    }

    #[test]
    fn splits_chinese_sentences_with_their_closing_quotes() {
        assert_eq!(
            split("他说：“价格为2.5元。”随后离开。你呢？"),
            vec!["他说：“价格为2.5元。”", "随后离开。", "你呢？"]
        );
        assert_eq!(split("没有句号的一句"), vec!["没有句号的一句"]);
    }

    #[test]
    fn splits_english_sentences_but_not_numbers_or_domains() {
        assert_eq!(
            split("It costs 2.5 dollars. See example.com for more! Really?"),
            vec![
                "It costs 2.5 dollars. ",
                "See example.com for more! ",
                "Really?"
            ]
        );
        assert_eq!(split("Wait... what?"), vec!["Wait... ", "what?"]);
    }

    #[test]
    fn canonical_ranges_follow_the_sentences() {
        let text = "A b。C d。";
        let (chars, offsets) = canonical_with_offsets(text);
        let s = sentences(text, &offsets);
        let parts: Vec<String> = s
            .iter()
            .map(|s| chars[s.canon.clone()].iter().collect())
            .collect();
        assert_eq!(parts, vec!["ab", "cd"]);
    }

    #[test]
    fn whole_sentences_only() {
        let text = "一二三。四五六。七八九。";
        let (_, offsets) = canonical_with_offsets(text);
        let s = sentences(text, &offsets);
        // Span covers 四五六 and half of 七八九: only the middle sentence is whole.
        assert_eq!(whole_sentences_within(&s, &(3..8)), Some(1..2));
        assert_eq!(whole_sentences_within(&s, &(1..8)), Some(1..2));
        assert_eq!(whole_sentences_within(&s, &(4..8)), None);
        assert_eq!(whole_sentences_within(&s, &(0..9)), Some(0..3));
    }
}
