//! Tokens whose ASCII punctuation is not sentence punctuation: URLs, e-mail addresses,
//! HTML entities and emoticons. Pass two keeps their marks ASCII, and does not count the
//! letters of URLs as English.

use super::chars::{is_cjk, is_space};
use super::line::Slot;

/// A character that continues a URL (the host and path part; `?` and `:` end it, as
/// normalisation may fold a full-width `？` or `：` into them).
pub(super) fn is_url_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || matches!(
            c,
            '.' | '/' | '_' | '-' | '=' | '&' | '%' | '#' | '~' | '+' | '@'
        )
}

/// A URL starts at `i`: `www.`, the domain of an e-mail address, or `//` after a colon
/// of either width (spaces between them looked through, as they may be removed beside a
/// full-width colon).
pub(super) fn starts_url(slots: &[Slot], i: usize) -> bool {
    let at = |j: usize| slots.get(j).map(|s| s.ch);
    match slots[i].ch {
        '@' => at(i + 1).is_some_and(|c| c.is_ascii_alphanumeric()),
        'w' => at(i + 1) == Some('w') && at(i + 2) == Some('w') && at(i + 3) == Some('.'),
        '/' if at(i + 1) == Some('/') => {
            let before = slots[..i].iter().rev().take(64).find(|s| !is_space(s.ch));
            before.is_some_and(|s| matches!(s.ch, ':' | '：'))
        }
        _ => false,
    }
}

/// The bracket of an ASCII emoticon (`:)`, `;(`, `:-)`), which is no punctuation.
/// Only ASCII eyes and brackets make one; a full-width `：` or `；` before a bracket is
/// therefore never folded (it would make an emoticon of the bracket on a second run).
pub(super) fn is_emoticon_bracket(slots: &[Slot], i: usize) -> bool {
    let at = |j: Option<usize>| j.and_then(|j| slots.get(j)).map(|s| s.ch);
    let eyes = |c: Option<char>| matches!(c, Some(':' | ';'));
    matches!(slots[i].ch, '(' | ')')
        && (eyes(at(i.checked_sub(1)))
            || (at(i.checked_sub(1)) == Some('-') && eyes(at(i.checked_sub(2)))))
}

/// A `:` or `;` (either width) right before an ASCII bracket, or before `-` and one.
pub(super) fn eyes_before_bracket(slots: &[Slot], i: usize) -> bool {
    let at = |j: usize| slots.get(j).map(|s| s.ch);
    matches!(slots[i].ch, ':' | ';' | '：' | '；')
        && (matches!(at(i + 1), Some('(' | ')'))
            || (at(i + 1) == Some('-') && matches!(at(i + 2), Some('(' | ')'))))
}

/// How far back [`is_protected`] looks for the start of a URL.
const MAX_TOKEN: usize = 200;

/// An ASCII mark that is part of a URL, an e-mail address or an HTML entity, which keep
/// their ASCII punctuation whatever surrounds them.
pub(super) fn is_protected(slots: &[Slot], i: usize) -> bool {
    let mark = slots[i].ch;
    if !mark.is_ascii() {
        return false;
    }
    // The token the mark ends: back to the previous space or CJK character (bounded, so
    // that a line of thousands of marks stays linear).
    let floor = i.saturating_sub(MAX_TOKEN);
    let start = slots[floor..i]
        .iter()
        .rposition(|s| is_space(s.ch) || is_cjk(s.ch))
        .map_or(floor, |p| floor + p + 1);
    let token: String = slots[start..i].iter().map(|s| s.ch).collect();
    let after = slots.get(i + 1).map(|s| s.ch);
    if token.contains("://") || token.contains("www.") || token.contains('@') {
        return true;
    }
    // `http:` + `//`: the scheme's own colon.
    if mark == ':' && after == Some('/') {
        return true;
    }
    // The eyes of an emoticon: `:)`, `;(`, `:-)`.
    if eyes_before_bracket(slots, i) {
        return true;
    }
    // `&nbsp;`, `&#160;`, `&#xA0;`
    if mark == ';' {
        if let Some(amp) = token.rfind('&') {
            let name = &token[amp + 1..];
            let name = name.strip_prefix('#').unwrap_or(name);
            return !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric());
        }
    }
    false
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
    fn urls_emails_and_entities_keep_ascii() {
        assert_eq!(
            norm("网址:https://www.example.com/a?b=1,c"),
            "网址：https://www.example.com/a?b=1,c"
        );
        assert_eq!(
            norm("详见www.gov.cn/x?id=3中文"),
            "详见www.gov.cn/x?id=3中文"
        );
        assert_eq!(norm("访问www.gov.cn/x?中文"), "访问www.gov.cn/x?中文");
        assert_eq!(
            norm("联系邮箱:editor@mail.example.com"),
            "联系邮箱：editor@mail.example.com"
        );
        assert_eq!(norm("中文&nbsp;中文"), "中文&nbsp;中文");
    }

    #[test]
    fn emoticons_keep_ascii() {
        assert_eq!(norm("今天好开心:)"), "今天好开心:)");
        assert_eq!(norm("好累啊;-(明天再说,晚安"), "好累啊;-(明天再说，晚安");
        assert_eq!(norm("见附件(图:)"), "见附件（图:)");
    }
}
