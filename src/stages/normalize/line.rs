//! One line through the three passes of normalisation: character maps (spaces,
//! invisible characters, full-width ASCII), context-dependent punctuation, then spacing.
//! A quick scan first tells whether anything can change at all, so that the common
//! already-clean line costs one pass and no allocation; the common simple Chinese line
//! then takes the fast path of [`super::fast`].

use super::chars::{
    decode_at, fast_chars, fold_fullwidth, is_cjk, is_common_han, is_common_han_at, is_invisible,
    is_space, is_unicode_space, rejects_space_after, rejects_space_before, to_ascii_mark,
};
use super::{cjk, fast, spaces, LineChange, NormalizeRules, RULES};

/// One character of the line being normalised and the 1-based column (in characters of
/// the input line) it came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Slot {
    pub ch: char,
    /// The character before the character maps (a U+3000 that became a space remembers it).
    pub orig: char,
    pub col: u32,
}

/// Index of each rule in [`RULES`], so that changes are tallied without lookups.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum RuleId {
    UnicodeSpaces = 0,
    InvisibleCharacters = 1,
    EdgeSpaces = 2,
    FullwidthAscii = 3,
    CjkPunctuation = 4,
    CjkQuotes = 5,
    SpaceRuns = 6,
    CjkPunctuationSpacing = 7,
}

/// Per rule: how many characters it changed and the first column it changed.
#[derive(Default)]
pub(super) struct Tally {
    counts: [u32; 8],
    first: [u32; 8],
}

impl Tally {
    pub fn note(&mut self, rule: RuleId, col: u32) {
        let i = rule as usize;
        self.counts[i] += 1;
        if self.first[i] == 0 || col < self.first[i] {
            self.first[i] = col;
        }
    }

    /// `count` changes by `rule`, the first at `col`.
    pub fn note_many(&mut self, rule: RuleId, col: u32, count: u32) {
        if count > 0 {
            self.note(rule, col);
            self.counts[rule as usize] += count - 1;
        }
    }

    /// One change per rule that changed something, in rule order.
    pub fn changes(&self) -> impl Iterator<Item = LineChange> + '_ {
        (0..self.counts.len())
            .filter(|&i| self.counts[i] > 0)
            .map(|i| LineChange {
                rule: &RULES[i],
                column: self.first[i],
                count: self.counts[i],
            })
    }

    pub fn into_changes(self) -> Vec<LineChange> {
        self.changes().collect()
    }
}

/// Normalises one line. Returns `None` when the line is already normal (without
/// allocating), else the new line and one [`LineChange`] per rule that changed something.
/// The result of a line is normal: `normalize_line` of it returns `None`.
///
/// ```
/// use thresh::stages::normalize::{normalize_line, NormalizeRules};
/// let (line, changes) = normalize_line("\u{3000}\u{3000}他说:\"明天见\",好吗?", &NormalizeRules::ALL).unwrap();
/// assert_eq!(line, "他说：“明天见”，好吗？");
/// let codes: Vec<_> = changes.iter().map(|c| c.rule.code).collect();
/// assert_eq!(codes, ["U103", "U105", "U106"]);
/// assert_eq!(normalize_line(&line, &NormalizeRules::ALL), None);
/// assert_eq!(normalize_line("It costs $2.50, at 10:30.", &NormalizeRules::ALL), None);
/// ```
pub fn normalize_line(line: &str, rules: &NormalizeRules) -> Option<(String, Vec<LineChange>)> {
    normalize_line_tallied(line, rules).map(|(line, tally)| (line, tally.into_changes()))
}

/// [`normalize_line`] with the changes as a [`Tally`] (no allocation for them).
pub(super) fn normalize_line_tallied(
    line: &str,
    rules: &NormalizeRules,
) -> Option<(String, Tally)> {
    // The quick read-only test first: it passes most clean lines, English ones included,
    // for which the fast path would record every space and mark (a third of the time on
    // English text). The fast path then answers most of the rest exactly in one scan.
    if !may_change(line) {
        return None;
    }
    if let Some(done) = fast::normalize_simple(line, rules) {
        return done;
    }
    if let Some(done) = trim_only(line, rules) {
        return Some(done);
    }
    normalize_fully(line, rules)
}

/// The three passes, without the shortcuts.
pub(super) fn normalize_fully(line: &str, rules: &NormalizeRules) -> Option<(String, Tally)> {
    // The slot buffer is reused from line to line: allocating and freeing one per line
    // was a good part of the stage's time.
    SLOTS.with(|cell| {
        let mut slots = cell.take();
        let mut tally = Tally::default();
        map_characters(line, rules, &mut tally, &mut slots);
        cjk::decide_punctuation(&mut slots, rules, &mut tally);
        spaces::normalize_spacing(&mut slots, rules, &mut tally);
        let mut out = String::with_capacity(line.len());
        out.extend(slots.iter().map(|s| s.ch));
        // Keep the buffer unless one very long line made it huge.
        if slots.capacity() <= MAX_KEPT_SLOTS {
            cell.set(slots);
        }
        if out == line {
            return None;
        }
        Some((out, tally))
    })
}

/// Slots kept for the next line (a 1 MB line of Chinese text is ~350,000 slots).
const MAX_KEPT_SLOTS: usize = 1 << 16;

thread_local! {
    static SLOTS: std::cell::Cell<Vec<Slot>> = const { std::cell::Cell::new(Vec::new()) };
}

/// The frequent case of an indented (or space-padded) line that is otherwise normal:
/// spaces at its ends cannot change any decision inside it, so trimming them is all.
fn trim_only(line: &str, rules: &NormalizeRules) -> Option<(String, Tally)> {
    if !rules.edge_spaces {
        return None;
    }
    let inner = line.trim_matches(is_space);
    if inner.len() == line.len() || may_change(inner) {
        return None;
    }
    let leading = line.len() - line.trim_start_matches(is_space).len();
    let removed = line.chars().count() - inner.chars().count();
    let column = if leading > 0 {
        1
    } else {
        inner.chars().count() + 1
    };
    let mut tally = Tally::default();
    tally.note_many(RuleId::EdgeSpaces, column as u32, removed as u32);
    Some((inner.to_string(), tally))
}

/// Pass one: the context-free maps. Invisible characters go, Unicode spaces become ASCII
/// spaces, full-width ASCII folds (the context marks `，；：？！（）` are left to pass two).
fn map_characters(line: &str, rules: &NormalizeRules, tally: &mut Tally, slots: &mut Vec<Slot>) {
    slots.clear();
    for (i, c) in fast_chars(line).enumerate() {
        let col = i as u32 + 1;
        let mut ch = c;
        if is_common_han(c) {
            // The common case: nothing to map.
        } else if is_invisible(c) {
            if rules.invisible_characters {
                tally.note(RuleId::InvisibleCharacters, col);
                continue;
            }
        } else if is_unicode_space(c) {
            // Tallied in pass three, which knows whether the space survives.
            if rules.unicode_spaces {
                ch = ' ';
            }
        } else if let Some(ascii) = fold_fullwidth(c) {
            if rules.fullwidth_ascii {
                tally.note(RuleId::FullwidthAscii, col);
                ch = ascii;
            }
        }
        slots.push(Slot { ch, orig: c, col });
    }
}

/// A quick, conservative test: `false` means no rule can change the line. One pass over
/// the characters, no allocation.
fn may_change(line: &str) -> bool {
    let (Some(first), Some(last)) = (line.chars().next(), line.chars().next_back()) else {
        return false;
    };
    if is_space(first) || is_space(last) {
        return true;
    }
    let mut prev = '\0';
    let mut has_ascii_marks = false;
    let mut has_cjk = false;
    // A full-width context mark whose left neighbour is not CJK: it may fold to ASCII,
    // depending on what follows it.
    let mut open_fullwidth_mark = false;
    let bytes = line.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        if is_common_han_at(bytes, at) {
            // Nothing to change at a Han character, and a full-width mark before it
            // stays. Any Han character stands for all in `prev`.
            if has_ascii_marks {
                return true;
            }
            has_cjk = true;
            open_fullwidth_mark = false;
            prev = '中';
            at += 3;
            continue;
        }
        let Some((c, len)) = decode_at(bytes, at) else {
            break;
        };
        at += len;
        if open_fullwidth_mark && !is_cjk(c) {
            return true;
        }
        open_fullwidth_mark = false;
        if c.is_ascii() {
            match c {
                ' ' if prev == ' ' || rejects_space_after(prev) => return true,
                // With CJK on the line, an ASCII mark may change.
                ',' | ';' | ':' | '?' | '!' | '(' | ')' | '"' if has_cjk => return true,
                ',' | ';' | ':' | '?' | '!' | '(' | ')' | '"' => has_ascii_marks = true,
                '\0'..='\u{1F}' | '\u{7F}' => return true,
                _ => {}
            }
        } else if is_cjk(c) {
            if has_ascii_marks {
                return true;
            }
            has_cjk = true;
            if prev == ' ' && rejects_space_before(c) {
                return true;
            }
        } else if is_unicode_space(c) || is_invisible(c) || fold_fullwidth(c).is_some() {
            return true;
        } else if to_ascii_mark(c).is_some() {
            if prev == ' ' && rejects_space_before(c) {
                return true;
            }
            open_fullwidth_mark = !is_cjk(prev);
        }
        prev = c;
    }
    open_fullwidth_mark || (has_ascii_marks && has_cjk)
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::stages::normalize::test_util::{codes, norm};

    #[test]
    fn clean_lines_are_left_alone() {
        for line in [
            "身处虹桥国际开放枢纽的“核中核”，闵行区新虹街道承载服务长三角一体化发展的重要使命。",
            "The river runs, and the city sleeps: nothing (yet) has changed!",
            "負責營運的社福機構表示，區內不少長者居於劏房，「社區客廳」希望為他們提供地方。",
            "凝聚‘她’力量 绽放巾帼力",
            "会议于10:30开始，共1,000人参加，增长2.5%。",
            "x",
        ] {
            assert_eq!(normalize_line(line, &NormalizeRules::ALL), None, "{line}");
        }
    }

    #[test]
    fn unicode_spaces_become_ascii_and_edges_are_trimmed() {
        assert_eq!(
            norm("\u{A0}\u{A0}6月14日晚，夜市开市。"),
            "6月14日晚，夜市开市。"
        );
        assert_eq!(norm("\u{3000}\u{3000}正文\u{3000}"), "正文");
        assert_eq!(norm("受理点\t地址\t咨询电话"), "受理点 地址 咨询电话");
        assert_eq!(norm("a\u{2002}b\u{202F}c"), "a b c");
        assert_eq!(codes("a\u{A0}b"), vec![("U101", 2, 1)]);
        // A converted space that is then trimmed is named by the trim only.
        assert_eq!(codes("\u{A0}\u{A0}ab"), vec![("U103", 1, 2)]);
        assert_eq!(codes("ab  "), vec![("U103", 3, 2)]);
        assert_eq!(codes("\u{3000} 中文\t"), vec![("U103", 1, 3)]);
        assert_eq!(norm(" \u{A0} "), "");
    }

    #[test]
    fn invisible_characters_are_removed() {
        assert_eq!(
            norm("首套房贷款额度\u{200B}普遍提高"),
            "首套房贷款额度普遍提高"
        );
        assert_eq!(norm("\u{FEFF}标题"), "标题");
        assert_eq!(norm("co\u{AD}op\u{200D}er\u{2060}ate\u{7}"), "cooperate");
        assert_eq!(codes("ab\u{200B}c\u{200C}"), vec![("U102", 3, 2)]);
        assert_eq!(norm("\u{200B}\u{200B}"), "");
    }

    #[test]
    fn fullwidth_ascii_folds() {
        assert_eq!(norm("ｗｗｗ３．ｅｘａｍｐｌｅ．ｃｏｍ"), "www3.example.com");
        assert_eq!(norm("增长１２％，达到ＡＢＣ级"), "增长12%，达到ABC级");
        assert_eq!(codes("ＡＢ"), vec![("U104", 1, 2)]);
        // Full-width marks outside Chinese text fold too.
        assert_eq!(norm("Hello，world！"), "Hello,world!");
        assert_eq!(norm("１０：３０"), "10:30");
    }

    #[test]
    fn space_runs_collapse() {
        assert_eq!(norm("Day1  成都"), "Day1 成都");
        assert_eq!(norm("a \u{3000} b"), "a b");
        assert_eq!(codes("a   b"), vec![("U107", 3, 2)]);
        // Spaces between CJK characters are kept: headlines use them as separators.
        assert_eq!(norm("解难题 促发展 保安全"), "解难题 促发展 保安全");
    }

    #[test]
    fn columns_count_characters_of_the_input() {
        assert_eq!(codes("中文,中文"), vec![("U105", 3, 1)]);
        assert_eq!(codes("中文,中文;好"), vec![("U105", 3, 2)]);
    }

    #[test]
    fn disabled_rules_are_not_applied() {
        let mut rules = NormalizeRules::ALL;
        rules.cjk_punctuation = false;
        let out = normalize_line(" 中文,中文", &rules).map(|(s, _)| s);
        assert_eq!(out.as_deref(), Some("中文,中文"));
        let none = NormalizeRules {
            unicode_spaces: false,
            invisible_characters: false,
            edge_spaces: false,
            fullwidth_ascii: false,
            cjk_punctuation: false,
            cjk_quotes: false,
            space_runs: false,
            cjk_punctuation_spacing: false,
        };
        assert_eq!(
            normalize_line(" \u{200B}中文,\"中文\"  ｗ\u{A0}", &none),
            None
        );
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(3000))]

        /// The shortcuts (quick scan, trim-only) give what the full passes give.
        #[test]
        fn shortcuts_agree_with_the_full_passes(
            line in "[中文国的、。“”‘’《》a-zA-Z0-9 ,;:?!()\"，；：？！（）\u{3000}\u{A0}\t\u{200B}ｗ３．/@%…-]{0,24}",
            switches in proptest::array::uniform8(proptest::bool::weighted(0.8)),
        ) {
            let rules = NormalizeRules {
                unicode_spaces: switches[0],
                invisible_characters: switches[1],
                edge_spaces: switches[2],
                fullwidth_ascii: switches[3],
                cjk_punctuation: switches[4],
                cjk_quotes: switches[5],
                space_runs: switches[6],
                cjk_punctuation_spacing: switches[7],
            };
            let summary = |r: Option<(String, Vec<LineChange>)>| {
                r.map(|(s, c)| {
                    let codes: Vec<_> = c.iter().map(|c| (c.rule.code, c.column, c.count)).collect();
                    (s, codes)
                })
            };
            let full = summary(normalize_fully(&line, &rules).map(|(s, t)| (s, t.into_changes())));
            let quick = summary(normalize_line(&line, &rules));
            proptest::prop_assert_eq!(quick, full, "{:?} {:?}", line, rules);
        }
    }

    #[test]
    fn quick_test_agrees_with_full_normalisation() {
        for line in [
            "中文，English",
            "Hello，world",
            "中文（注）",
            "（English）",
            "a, b",
            "中 ，",
            "中，  文",
            "“三平台”响应: 枝叶关情暖民心",
        ] {
            let changed = normalize_line(line, &NormalizeRules::ALL).is_some();
            assert!(!changed || may_change(line), "{line}");
        }
    }
}
