//! Pass two: the punctuation whose form depends on the language around it. Half-width
//! `, ; : ? ! ( )` in Chinese text become `，；：？！（）` (cjk-punctuation), ASCII `"` pairs
//! in Chinese text become `“ ”` (cjk-quotes), and full-width marks stranded in Latin text
//! fold to ASCII (fullwidth-ascii).
//!
//! Every decision reads only characters that normalisation never changes (CJK
//! characters, Latin letters, digits, other symbols) and looks through the ones it does
//! change (spaces, quotes, the marks themselves). That is what makes the pass idempotent:
//! a second run sees the same context and makes the same decisions.

use super::chars::{is_cjk, is_context_mark, is_latin_letter, is_space, is_transparent};
use super::chars::{rejects_space_after, rejects_space_before, to_ascii_mark, to_fullwidth_mark};
use super::line::{RuleId, Slot, Tally};
use super::tokens::{
    eyes_before_bracket, is_emoticon_bracket, is_protected, is_url_char, starts_url,
};
use super::NormalizeRules;

/// What a punctuation mark sees on one side, looking through transparent characters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Side {
    Cjk,
    Other,
    Edge,
}

/// A punctuation mark to decide on (a context mark of either width or a double quote)
/// and what it sees.
#[derive(Clone, Copy, Debug)]
struct Mark {
    /// Its position in the slots.
    at: usize,
    /// The nearest non-transparent character before it.
    left: Side,
    /// The nearest non-transparent character after it.
    right: Side,
    /// CJK characters and Latin letters before it, to measure what a pair encloses.
    before: Stats,
    /// Decided already (as part of a pair), or to be left alone (an emoticon).
    done: bool,
}

/// The language evidence of a line, gathered in one pass; decisions are then O(1) each.
struct Context {
    marks: Vec<Mark>,
    /// The line is Chinese: see [`is_chinese`].
    chinese: bool,
}

/// CJK characters and Latin letters (not counting those of URLs).
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Stats {
    pub cjk: u32,
    pub letters: u32,
}

impl Stats {
    /// What lies between an earlier count and this one.
    pub fn since(self, earlier: Stats) -> Stats {
        Stats {
            cjk: self.cjk - earlier.cjk,
            letters: self.letters - earlier.letters,
        }
    }
}

/// A Chinese word is one or two characters, an English one about five letters: text is
/// Chinese when it has CJK characters and at least one for every four Latin letters.
/// Letters and CJK characters are never changed by normalisation (spaces and marks do
/// not count), so a line is Chinese on the second run exactly when it was on the first.
pub(super) fn is_chinese(stats: Stats) -> bool {
    stats.cjk > 0 && stats.cjk * 4 >= stats.letters
}

/// A single mark belongs to Chinese text: CJK beside it in a Chinese line, or on both
/// sides in any line.
pub(super) fn single_is_chinese(chinese: bool, left: Side, right: Side) -> bool {
    (chinese && (left == Side::Cjk || right == Side::Cjk))
        || (left == Side::Cjk && right == Side::Cjk)
}

/// A single mark sits in Latin text (no CJK beside it, line not Chinese).
pub(super) fn single_is_latin(chinese: bool, left: Side, right: Side) -> bool {
    !chinese && left != Side::Cjk && right != Side::Cjk
}

/// A bracket or quote pair belongs to Chinese text. In a Chinese line: CJK inside or
/// beside it. In another line: Chinese inside and nothing but Chinese around it. `left` is
/// what the opening mark sees before it, `right` what the closing one sees after it.
pub(super) fn pair_is_chinese(chinese: bool, inside: Stats, left: Side, right: Side) -> bool {
    if chinese {
        inside.cjk > 0 || left == Side::Cjk || right == Side::Cjk
    } else {
        is_chinese(inside) && left != Side::Other && right != Side::Other
    }
}

fn is_mark(c: char) -> bool {
    is_context_mark(c) || matches!(c, '"' | '“' | '”')
}

impl Context {
    fn new(slots: &[Slot]) -> Context {
        let mut marks: Vec<Mark> = Vec::new();
        let mut stats = Stats::default();
        let mut last = Side::Edge;
        // Marks still waiting for their right-hand neighbour.
        let mut waiting = 0;
        let mut in_url = false;
        for (i, s) in slots.iter().enumerate() {
            let c = s.ch;
            let side = if is_cjk(c) {
                stats.cjk += 1;
                in_url = false;
                Side::Cjk
            } else {
                in_url = (in_url && is_url_char(c)) || starts_url(slots, i);
                if is_mark(c) {
                    marks.push(Mark {
                        at: i,
                        left: last,
                        right: Side::Edge,
                        before: stats,
                        done: false,
                    });
                    continue;
                }
                if is_transparent(c) {
                    continue;
                }
                if !in_url && is_latin_letter(c) {
                    stats.letters += 1;
                }
                Side::Other
            };
            for m in &mut marks[waiting..] {
                m.right = side;
            }
            waiting = marks.len();
            last = side;
        }
        Context {
            marks,
            chinese: is_chinese(stats),
        }
    }

    /// Evidence strictly between marks `open` and `close` (the marks themselves count
    /// for nothing).
    fn between(&self, open: usize, close: usize) -> Stats {
        self.marks[close].before.since(self.marks[open].before)
    }

    fn mark_is_chinese(&self, k: usize) -> bool {
        single_is_chinese(self.chinese, self.marks[k].left, self.marks[k].right)
    }

    fn mark_is_latin(&self, k: usize) -> bool {
        single_is_latin(self.chinese, self.marks[k].left, self.marks[k].right)
    }

    fn pair_is_chinese(&self, open: usize, close: usize) -> bool {
        let inside = self.between(open, close);
        pair_is_chinese(
            self.chinese,
            inside,
            self.marks[open].left,
            self.marks[close].right,
        )
    }

    /// A pair sits in Latin text: no CJK inside or beside it, line not Chinese.
    fn pair_is_latin(&self, open: usize, close: usize) -> bool {
        !self.chinese
            && self.between(open, close).cjk == 0
            && self.marks[open].left != Side::Cjk
            && self.marks[close].right != Side::Cjk
    }
}

/// Runs pass two over `slots` (the output of the character maps).
pub(super) fn decide_punctuation(slots: &mut [Slot], rules: &NormalizeRules, tally: &mut Tally) {
    if !(rules.cjk_punctuation || rules.cjk_quotes || rules.fullwidth_ascii) {
        return;
    }
    if !slots.iter().any(|s| is_context_mark(s.ch) || s.ch == '"') {
        return;
    }
    let mut ctx = Context::new(slots);
    for m in &mut ctx.marks {
        m.done = is_emoticon_bracket(slots, m.at);
    }
    brackets(slots, &mut ctx, rules, tally);
    if rules.cjk_quotes {
        quotes(slots, &ctx, tally);
    }
    for k in 0..ctx.marks.len() {
        let Mark { at: i, done, .. } = ctx.marks[k];
        if done || !is_context_mark(slots[i].ch) {
            continue;
        }
        if ctx.mark_is_chinese(k) || closes_chinese_words(slots, i) {
            if rules.cjk_punctuation && !is_protected(slots, i) {
                widen(&mut slots[i], tally);
            }
        } else if ctx.mark_is_latin(k) && rules.fullwidth_ascii && !eyes_before_bracket(slots, i) {
            narrow(&mut slots[i], tally);
        }
    }
}

/// An ASCII `, ; : ? !` typed straight after Chinese words and followed by more text
/// (`他说:“I think…”`) is Chinese punctuation even in a line that is mostly English; in
/// English a mark after a Chinese term is followed by a space (`你好, meaning hello`).
/// Spaces before another mark do not count: they go when that mark is full-width.
fn closes_chinese_words(slots: &[Slot], i: usize) -> bool {
    if !matches!(slots[i].ch, ',' | ';' | ':' | '?' | '!') {
        return false;
    }
    // Spaces that cjk-punctuation-spacing removes do not separate.
    let prev = slots[..i].iter().rev().find(|s| !is_space(s.ch));
    let prev_ok = prev
        .is_some_and(|p| is_cjk(p.ch) && (!is_space(slots[i - 1].ch) || rejects_space_after(p.ch)));
    let next = slots[i + 1..].iter().find(|s| !is_space(s.ch));
    let next_ok = next.is_some_and(|n| {
        !is_space(slots[i + 1].ch) || rejects_space_before(n.ch) || is_context_mark(n.ch)
    });
    prev_ok && next_ok
}

/// Makes an ASCII context mark full-width.
fn widen(slot: &mut Slot, tally: &mut Tally) {
    if let Some(wide) = to_fullwidth_mark(slot.ch) {
        slot.ch = wide;
        tally.note(RuleId::CjkPunctuation, slot.col);
    }
}

/// Folds a full-width context mark to ASCII.
fn narrow(slot: &mut Slot, tally: &mut Tally) {
    if let Some(ascii) = to_ascii_mark(slot.ch) {
        slot.ch = ascii;
        tally.note(RuleId::FullwidthAscii, slot.col);
    }
}

/// Matches `(`/`（` with `)`/`）` (either width, so matching is the same before and after)
/// and decides each pair as a whole. Matched brackets are marked done.
fn brackets(slots: &mut [Slot], ctx: &mut Context, rules: &NormalizeRules, tally: &mut Tally) {
    let mut stack = Vec::new();
    for k in 0..ctx.marks.len() {
        let Mark { at: i, done, .. } = ctx.marks[k];
        match slots[i].ch {
            _ if done => {}
            '(' | '（' => stack.push(k),
            ')' | '）' => {
                let Some(open) = stack.pop() else { continue };
                ctx.marks[open].done = true;
                ctx.marks[k].done = true;
                let o = ctx.marks[open].at;
                if ctx.pair_is_chinese(open, k) {
                    if rules.cjk_punctuation {
                        widen(&mut slots[o], tally);
                        widen(&mut slots[i], tally);
                    }
                } else if ctx.pair_is_latin(open, k) && rules.fullwidth_ascii {
                    narrow(&mut slots[o], tally);
                    narrow(&mut slots[i], tally);
                }
            }
            _ => {}
        }
    }
}

/// Gives every ASCII `"` a direction from the quotes before it (after an opening quote
/// it closes, otherwise it opens; curly quotes count with their fixed direction), then
/// turns the ASCII quotes of Chinese pairs into `“ ”`. Converting a quote keeps its
/// direction, so the directions of the others are the same on a second run.
fn quotes(slots: &mut [Slot], ctx: &Context, tally: &mut Tally) {
    let mut open: Option<usize> = None;
    let mut decide = |slots: &mut [Slot], open: usize, close: Option<usize>| {
        let chinese = match close {
            Some(close) => ctx.pair_is_chinese(open, close),
            None => ctx.mark_is_chinese(open),
        };
        if !chinese {
            return;
        }
        for (k, wide) in [(Some(open), '“'), (close, '”')] {
            let Some(i) = k.map(|k| ctx.marks[k].at) else {
                continue;
            };
            if slots[i].ch == '"' {
                slots[i].ch = wide;
                tally.note(RuleId::CjkQuotes, slots[i].col);
            }
        }
    };
    for k in 0..ctx.marks.len() {
        match slots[ctx.marks[k].at].ch {
            '“' => {
                if let Some(prev) = open.replace(k) {
                    decide(slots, prev, None);
                }
            }
            '”' => {
                if let Some(prev) = open.take() {
                    decide(slots, prev, Some(k));
                }
            }
            '"' => match open.take() {
                Some(prev) => decide(slots, prev, Some(k)),
                None => open = Some(k),
            },
            _ => {}
        }
    }
    if let Some(prev) = open {
        decide(slots, prev, None);
    }
}

#[cfg(test)]
mod tests {
    use super::super::{normalize_line, NormalizeRules};

    fn norm(line: &str) -> String {
        normalize_line(line, &NormalizeRules::ALL)
            .map(|(s, _)| s)
            .unwrap_or_else(|| line.to_string())
    }

    #[test]
    fn marks_inside_chinese_text_become_fullwidth() {
        assert_eq!(
            norm("走进车墩镇,虚拟影棚内;钱从哪里来?用到哪些人!"),
            "走进车墩镇，虚拟影棚内；钱从哪里来？用到哪些人！"
        );
        assert_eq!(norm("各有关企业:"), "各有关企业：");
        assert_eq!(norm("把握区域治理“关键点”,"), "把握区域治理“关键点”，");
        assert_eq!(norm("发表时间:2021-11-11"), "发表时间：2021-11-11");
        assert_eq!(norm("目前,3个责任区"), "目前，3个责任区");
        assert_eq!(norm("数字人IP,以更数字化"), "数字人IP，以更数字化");
        assert_eq!(norm("同比增长100%,全面"), "同比增长100%，全面");
        assert_eq!(norm("干净了,就能用!”流动"), "干净了，就能用！”流动");
        assert_eq!(norm("你知道吗?!"), "你知道吗？！");
    }

    #[test]
    fn a_mark_typed_after_chinese_words_is_chinese() {
        assert_eq!(
            norm("他说:“I think, therefore I am.”"),
            "他说：“I think, therefore I am.”"
        );
        // With a space after it, it belongs to the English sentence.
        let line = "The term 你好, as in hello, is used in greetings every day.";
        assert_eq!(norm(line), line);
    }

    #[test]
    fn korean_keeps_ascii_and_japanese_counts_as_cjk() {
        // Korean writes ASCII punctuation; Hangul is not CJK context.
        let line = "안녕하세요, 반갑습니다! (테스트)";
        assert_eq!(norm(line), line);
        assert_eq!(
            norm("これはテストです(笑),本当に"),
            "これはテストです（笑），本当に"
        );
    }

    #[test]
    fn traditional_chinese_is_chinese_too() {
        assert_eq!(
            norm("颱風假標準將調整,勞動部:研議納入通勤風險"),
            "颱風假標準將調整，勞動部：研議納入通勤風險"
        );
        assert_eq!(
            norm("她說:「屋企得一張床咁大。」"),
            "她說：「屋企得一張床咁大。」"
        );
    }

    #[test]
    fn english_text_keeps_ascii_punctuation() {
        for line in [
            "Hannah Price, Business reporter",
            "\"We are seeing demand come back to the table,\" said Priya. \"But many wait.\"",
            "Source: Harbour Review (Spring 2024)",
            "Is it true? Yes! Really; (maybe).",
        ] {
            assert_eq!(norm(line), line);
        }
        // A Chinese word inside an English sentence does not make it Chinese.
        let line = "The slogan 为人民服务, which means \"serve the people\", is old.";
        assert_eq!(norm(line), line);
    }

    #[test]
    fn numbers_times_and_ratios_are_never_touched() {
        assert_eq!(
            norm("会议于10:30开始,共1,000人"),
            "会议于10:30开始，共1,000人"
        );
        assert_eq!(norm("比分3:2,增长2.5%"), "比分3:2，增长2.5%");
        assert_eq!(norm("第1,2,3名"), "第1,2,3名");
    }

    #[test]
    fn bracket_pairs_follow_their_content_and_surroundings() {
        assert_eq!(
            norm("本报讯(沈玉林)金山工业区"),
            "本报讯（沈玉林）金山工业区"
        );
        assert_eq!(
            norm("共有20家(其中2家正在建设中),项目"),
            "共有20家（其中2家正在建设中），项目"
        );
        assert_eq!(
            norm("批踢踢實業坊(ptt.cc),來自"),
            "批踢踢實業坊（ptt.cc），來自"
        );
        assert_eq!(
            norm("使用Python(一种语言)编写"),
            "使用Python（一种语言）编写"
        );
        assert_eq!(norm("1)第一点"), "1）第一点");
        assert_eq!(norm("Copyright (C) 2024 明報"), "Copyright (C) 2024 明報");
        // Latin pairs with full-width brackets fold.
        assert_eq!(
            norm("Harbour Review （Spring 2024）"),
            "Harbour Review (Spring 2024)"
        );
        assert_eq!(
            norm("the dish (饺子) is served"),
            "the dish (饺子) is served"
        );
    }

    #[test]
    fn ascii_quote_pairs_in_chinese_text_become_curly() {
        assert_eq!(norm("他说\"你好\"。"), "他说“你好”。");
        assert_eq!(norm("\"Hello\"他说"), "“Hello”他说");
        assert_eq!(
            norm("他用了\"deep learning\"这个词"),
            "他用了“deep learning”这个词"
        );
        // One ASCII quote closing a curly one.
        assert_eq!(norm("他说“你好\"，然后\"走\"。"), "他说“你好”，然后“走”。");
        // An unpaired quote opens.
        assert_eq!(norm("他说:\"明天见"), "他说：“明天见");
        // English quotes stay.
        assert_eq!(norm("He said \"hi\" twice."), "He said \"hi\" twice.");
    }

    #[test]
    fn fullwidth_marks_in_chinese_text_stay() {
        for line in [
            "使用Python，Java等语言",
            "第1，2名",
            "（注）见下文",
            "时间：10：30",
        ] {
            assert_eq!(norm(line), line);
        }
    }
}
