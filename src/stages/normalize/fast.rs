//! The fast path for the common line of Chinese text: CJK characters, Latin words and
//! numbers, full-width punctuation and half-width `, ; : ? !` typed between them, maybe
//! indented. For such a line the three passes reduce to a few local decisions, made here
//! in one scan of the bytes (a CJK character costs one comparison) without building the
//! per-character slots of [`super::line`].
//!
//! Anything the reduction does not cover sends the line to the full passes: spaces
//! inside the line, invisible or foldable characters, quotes `"`, brackets of either width
//! and the characters that start URLs, e-mail addresses or entities (`//`, `www.`, `@`,
//! `&`). The decisions below are those of [`super::cjk`] specialised to what is left, and
//! a property test checks that both give the same result.

use super::chars::{
    decode_at, fold_fullwidth, is_cjk, is_common_han_at, is_invisible, is_space, is_transparent,
    is_unicode_space, to_ascii_mark, to_fullwidth_mark,
};
use super::line::{RuleId, Tally};
use super::{LineChange, NormalizeRules};

/// What a punctuation mark sees on one side, looking through transparent characters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Side {
    Cjk,
    Other,
    Edge,
}

/// A context mark of the line (`, ; : ? !` of either width).
#[derive(Clone, Copy, Debug)]
struct Mark {
    /// Byte offset in the trimmed line.
    at: usize,
    /// 1-based column in the input line.
    col: u32,
    ascii: bool,
    left: Side,
    right: Side,
    /// An ASCII mark typed straight after a CJK character with more text after it.
    closes_words: bool,
    /// An ASCII `:` before `/` (a URL scheme): it stays.
    protected: bool,
}

/// What the scan learnt about the trimmed line.
struct Scan {
    cjk: u32,
    letters: u32,
    /// Characters in the trimmed line.
    chars: u32,
}

/// Marks kept for the next line (one allocation per thread, not per line).
const MAX_KEPT_MARKS: usize = 1 << 12;

thread_local! {
    static MARKS: std::cell::Cell<Vec<Mark>> = const { std::cell::Cell::new(Vec::new()) };
}

/// Normalises `line` when it is of the simple kind: `None` when it is not (the full
/// passes must run), `Some(None)` when it is already normal, else the new line and its
/// changes, exactly as the full passes give them.
pub(super) fn normalize_simple(
    line: &str,
    rules: &NormalizeRules,
) -> Option<Option<(String, Vec<LineChange>)>> {
    if *rules != NormalizeRules::ALL {
        return None;
    }
    let start = line.len() - line.trim_start_matches(is_space).len();
    let inner = line[start..].trim_end_matches(is_space);
    if inner.is_empty() {
        return None;
    }
    let lead_chars = line[..start].chars().count() as u32;
    MARKS.with(|cell| {
        let mut marks = cell.take();
        marks.clear();
        let result = scan(inner, lead_chars, &mut marks).map(|scan| {
            let trail_chars = line[start + inner.len()..].chars().count() as u32;
            finish(inner, lead_chars, trail_chars, &scan, &marks)
        });
        if marks.capacity() <= MAX_KEPT_MARKS {
            cell.set(marks);
        }
        result
    })
}

/// Gives the marks still waiting for their right-hand neighbour the side just seen.
#[inline(always)]
fn resolve(marks: &mut [Mark], waiting: &mut usize, side: Side) {
    for m in &mut marks[*waiting..] {
        m.right = side;
    }
    *waiting = marks.len();
}

/// One pass over the trimmed line: `None` as soon as it holds something only the full
/// passes handle, else its language evidence, with the marks collected in `marks`.
fn scan(inner: &str, lead_chars: u32, marks: &mut Vec<Mark>) -> Option<Scan> {
    let bytes = inner.as_bytes();
    let n = bytes.len();
    let (mut cjk, mut letters) = (0u32, 0u32);
    let mut col = lead_chars + 1;
    let mut last = Side::Edge;
    let mut prev_cjk = false;
    let mut waiting = 0;
    let mut i = 0;
    while i < n {
        if is_common_han_at(bytes, i) {
            cjk += 1;
            if last != Side::Cjk || waiting < marks.len() {
                resolve(marks, &mut waiting, Side::Cjk);
                last = Side::Cjk;
            }
            prev_cjk = true;
            i += 3;
            col += 1;
            continue;
        }
        let b = bytes[i];
        if b < 0x80 {
            match b {
                b',' | b';' | b':' | b'?' | b'!' => {
                    marks.push(Mark {
                        at: i,
                        col,
                        ascii: true,
                        left: last,
                        right: Side::Edge,
                        closes_words: prev_cjk && i + 1 < n,
                        protected: b == b':' && bytes.get(i + 1) == Some(&b'/'),
                    });
                    prev_cjk = false;
                }
                // Transparent, and changed by nothing.
                b'\'' => prev_cjk = false,
                // Spaces, controls, quotes, brackets and the starts of addresses and
                // entities: the full passes decide.
                0x00..=0x20 | 0x7F | b'"' | b'(' | b')' | b'@' | b'&' => return None,
                b'/' if bytes.get(i + 1) == Some(&b'/') => return None,
                b'w' if bytes[i + 1..].starts_with(b"ww.") => return None,
                _ => {
                    letters += u32::from(b.is_ascii_alphabetic());
                    resolve(marks, &mut waiting, Side::Other);
                    last = Side::Other;
                    prev_cjk = false;
                }
            }
            i += 1;
            col += 1;
            continue;
        }
        let (c, len) = decode_at(bytes, i)?;
        if is_cjk(c) {
            cjk += 1;
            resolve(marks, &mut waiting, Side::Cjk);
            last = Side::Cjk;
            prev_cjk = true;
        } else if is_unicode_space(c)
            || is_invisible(c)
            || fold_fullwidth(c).is_some()
            || matches!(c, '（' | '）')
        {
            return None;
        } else if to_ascii_mark(c).is_some() {
            marks.push(Mark {
                at: i,
                col,
                ascii: false,
                left: last,
                right: Side::Edge,
                closes_words: false,
                protected: false,
            });
            prev_cjk = false;
        } else if is_transparent(c) {
            prev_cjk = false;
        } else {
            resolve(marks, &mut waiting, Side::Other);
            last = Side::Other;
            prev_cjk = false;
        }
        i += len;
        col += 1;
    }
    Some(Scan {
        cjk,
        letters,
        chars: col - lead_chars - 1,
    })
}

/// The decisions of [`super::cjk`] for the marks of a simple line, then the new line.
fn finish(
    inner: &str,
    lead_chars: u32,
    trail_chars: u32,
    scan: &Scan,
    marks: &[Mark],
) -> Option<(String, Vec<LineChange>)> {
    // See `cjk::is_chinese`.
    let chinese = scan.cjk > 0 && scan.cjk * 4 >= scan.letters;
    let mut tally = Tally::default();
    if lead_chars + trail_chars > 0 {
        let column = if lead_chars > 0 { 1 } else { scan.chars + 1 };
        tally.note_many(RuleId::EdgeSpaces, column, lead_chars + trail_chars);
    }
    let mut out: Option<String> = None;
    let mut copied = 0;
    for m in marks {
        let beside_cjk = m.left == Side::Cjk || m.right == Side::Cjk;
        let new = if m.ascii {
            let chinese_mark = (chinese && beside_cjk)
                || (m.left == Side::Cjk && m.right == Side::Cjk)
                || m.closes_words;
            if !chinese_mark || m.protected {
                continue;
            }
            tally.note(RuleId::CjkPunctuation, m.col);
            to_fullwidth_mark(char::from(inner.as_bytes()[m.at]))
        } else {
            if chinese || beside_cjk {
                continue;
            }
            tally.note(RuleId::FullwidthAscii, m.col);
            decode_at(inner.as_bytes(), m.at).and_then(|(c, _)| to_ascii_mark(c))
        };
        let Some(new) = new else { continue };
        let out = out.get_or_insert_with(|| String::with_capacity(inner.len() + 16));
        out.push_str(&inner[copied..m.at]);
        out.push(new);
        // An ASCII mark is one byte, a full-width one three.
        copied = m.at + if m.ascii { 1 } else { 3 };
    }
    let out = match out {
        Some(mut out) => {
            out.push_str(&inner[copied..]);
            out
        }
        None if lead_chars + trail_chars > 0 => inner.to_string(),
        None => return None,
    };
    Some((out, tally.into_changes()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stages::normalize::line::normalize_fully;
    use proptest::prelude::*;
    use proptest::strategy::ValueTree;

    /// (line, codes with column and count) of a result, for comparing.
    type Summary = Option<(String, Vec<(&'static str, u32, u32)>)>;

    fn summary(result: Option<(String, Vec<LineChange>)>) -> Summary {
        result.map(|(s, changes)| {
            let codes = changes
                .iter()
                .map(|c| (c.rule.code, c.column, c.count))
                .collect();
            (s, codes)
        })
    }

    /// Pieces of Chinese/English lines, weighted so that most lines are simple ones and
    /// some hold a piece that needs the full passes (spaces, quotes, brackets, URLs…).
    /// `han` weighs the CJK characters: low weights make mostly English lines.
    fn piece(han: u32) -> impl Strategy<Value = &'static str> {
        prop_oneof![
            han => prop::sample::select(vec!["中", "国", "的", "发展", "體", "經濟", "了"]),
            3 => prop::sample::select(vec!["。", "、", "《", "》", "「", "」", "の", "ア", "𠀀", "〇"]),
            6 => prop::sample::select(vec![",", ";", ":", "?", "!"]),
            4 => prop::sample::select(vec!["，", "；", "：", "？", "！"]),
            4 => prop::sample::select(vec!["a", "IP", "Hello", "w", "ww", "x", "Z"]),
            2 => prop::sample::select(vec!["1", "2.5", "10:30", "1,000", "3:2", "2024"]),
            2 => prop::sample::select(vec!["'", "…", "—", "·", "“", "”", "‘", "’", "―"]),
            2 => prop::sample::select(vec!["-", ".", "/", "%", "#", "=", "é", "한", "€"]),
            1 => prop::sample::select(vec![
                " ", "\u{3000}", "\u{A0}", "\t", "(", ")", "（", "）", "\"", "@", "&", "//",
                "www.", "\u{200B}", "ｗ", ":/", ";-", "&nbsp;", "\u{1}", "＂",
            ]),
        ]
    }

    fn edge() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec!["", "", "", " ", "\u{3000}\u{3000}", "\u{A0}", " \t"])
    }

    fn mixed_line() -> impl Strategy<Value = String> {
        let pieces = prop_oneof![
            prop::collection::vec(piece(10), 0..30),
            prop::collection::vec(piece(1), 0..30),
        ];
        (edge(), pieces, edge())
            .prop_map(|(lead, pieces, trail)| format!("{lead}{}{trail}", pieces.concat()))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]

        /// Wherever the fast path answers, its answer is the full passes' answer: the
        /// same line and the same rules, columns and counts.
        #[test]
        fn fast_path_equals_the_full_passes(line in mixed_line()) {
            if let Some(fast) = normalize_simple(&line, &NormalizeRules::ALL) {
                let full = normalize_fully(&line, &NormalizeRules::ALL);
                prop_assert_eq!(summary(fast), summary(full), "{:?}", line);
            }
        }
    }

    #[test]
    fn the_fast_path_answers_most_generated_lines() {
        // Else the property above would check little.
        let mut runner = proptest::test_runner::TestRunner::deterministic();
        let strategy = mixed_line();
        let mut answered = 0;
        for _ in 0..1000 {
            let line = strategy.new_tree(&mut runner).expect("a line").current();
            answered += usize::from(normalize_simple(&line, &NormalizeRules::ALL).is_some());
        }
        assert!(answered >= 300, "{answered} of 1000");
    }

    #[test]
    fn simple_lines_take_the_fast_path() {
        let simple = |line: &str| normalize_simple(line, &NormalizeRules::ALL).map(summary);
        assert_eq!(
            simple("\u{3000}\u{3000}目前,3个责任区;钱从哪里来?"),
            Some(Some((
                "目前，3个责任区；钱从哪里来？".to_string(),
                vec![("U103", 1, 2), ("U105", 5, 3)]
            )))
        );
        assert_eq!(simple("会议于10:30开始，共1,000人。"), Some(None));
        assert_eq!(
            simple("Hello，world"),
            Some(Some(("Hello,world".to_string(), vec![("U104", 6, 1)])))
        );
        // Not simple: the full passes decide.
        for line in [
            "他说 :好",
            "他说\"好\"",
            "本报讯(沈玉林)",
            "网址:https://a.cn",
            "a\u{200B}b",
        ] {
            assert_eq!(simple(line), None, "{line}");
        }
    }
}
