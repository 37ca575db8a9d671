//! Character classes and context-free character maps of the normalize stage: which
//! characters are spaces, which are invisible, which are CJK, and how full-width ASCII
//! forms fold. Everything is a range match: this runs on every character of a corpus.

/// A space character other than the ASCII space: tab, vertical tab, form feed, NBSP,
/// ideographic space and the other Unicode space separators. Each becomes an ASCII space.
#[inline]
pub fn is_unicode_space(c: char) -> bool {
    matches!(
        c,
        '\t' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{A0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200A}' | '\u{2028}' | '\u{2029}' | '\u{202F}' | '\u{205F}' | '\u{3000}'
    )
}

/// Any space: the ASCII space or one of [`is_unicode_space`].
#[inline]
pub fn is_space(c: char) -> bool {
    c == ' ' || is_unicode_space(c)
}

/// A character that carries no text and is removed: control characters (other than the
/// spaces above), zero-width spaces and joiners, the word joiner and invisible operators,
/// soft hyphens, byte order marks, bidirectional marks and the Hangul fillers that pages
/// use as invisible padding.
#[inline]
pub fn is_invisible(c: char) -> bool {
    match c {
        '\0'..='\u{1F}' => !is_unicode_space(c),
        '\u{7F}'..='\u{9F}' => c != '\u{85}',
        '\u{AD}' | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' => true,
        '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{206F}' => true,
        '\u{3164}' | '\u{FEFF}' | '\u{FFA0}' => true,
        _ => false,
    }
}

/// The full-width twin of an ASCII context mark (`,` → `，`).
#[inline]
pub fn to_fullwidth_mark(c: char) -> Option<char> {
    match c {
        ',' => Some('，'),
        ';' => Some('；'),
        ':' => Some('：'),
        '?' => Some('？'),
        '!' => Some('！'),
        '(' => Some('（'),
        ')' => Some('）'),
        _ => None,
    }
}

/// The ASCII twin of a full-width context mark (`，` → `,`).
#[inline]
pub fn to_ascii_mark(c: char) -> Option<char> {
    match c {
        '，' => Some(','),
        '；' => Some(';'),
        '：' => Some(':'),
        '？' => Some('?'),
        '！' => Some('!'),
        '（' => Some('('),
        '）' => Some(')'),
        _ => None,
    }
}

/// A context mark of either width.
#[inline]
pub fn is_context_mark(c: char) -> bool {
    matches!(
        c,
        ',' | ';' | ':' | '?' | '!' | '(' | ')' | '，' | '；' | '：' | '？' | '！' | '（' | '）'
    )
}

/// The ASCII form of a full-width Latin letter, digit or ASCII symbol (U+FF01–U+FF5E),
/// except the context marks, which [`super::cjk`] decides on.
#[inline]
pub fn fold_fullwidth(c: char) -> Option<char> {
    if ('\u{FF01}'..='\u{FF5E}').contains(&c) && to_ascii_mark(c).is_none() {
        char::from_u32(c as u32 - 0xFF01 + 0x21)
    } else {
        None
    }
}

/// A character of CJK text: Han ideographs, kana, bopomofo and the CJK punctuation that
/// has no ASCII twin (`、。《》「」【】`…). Context marks and quotes are not counted: their
/// form is what normalisation decides, so the decision must not depend on it.
#[inline]
pub fn is_cjk(c: char) -> bool {
    matches!(
        c,
        '\u{2E80}'..='\u{2FDF}'     // radicals
            | '\u{3001}'..='\u{303F}' // CJK symbols and punctuation (not U+3000)
            | '\u{3040}'..='\u{30FF}' // kana
            | '\u{3100}'..='\u{312F}' // bopomofo
            | '\u{3190}'..='\u{31FF}' // kanbun, bopomofo ext., strokes, kana ext.
            | '\u{3200}'..='\u{33FF}' // enclosed CJK, compatibility
            | '\u{3400}'..='\u{4DBF}'
            | '\u{4E00}'..='\u{9FFF}'
            | '\u{F900}'..='\u{FAFF}'
            | '\u{FE10}'..='\u{FE1F}' // vertical forms
            | '\u{FE30}'..='\u{FE4F}' // compatibility forms
            | '\u{FF5F}'..='\u{FF65}' // ｟｠｡｢｣､･
            | '\u{FF66}'..='\u{FF9F}' // half-width katakana
            | '\u{20000}'..='\u{3134F}'
    )
}

/// A Latin letter, ASCII or full-width (full-width letters count as Latin whether or not
/// they are folded, so the language of a line does not change when they are).
#[inline]
pub fn is_latin_letter(c: char) -> bool {
    c.is_ascii_alphabetic() || matches!(c, 'Ａ'..='Ｚ' | 'ａ'..='ｚ')
}

/// A character that neither makes nor breaks the language around a punctuation mark, so
/// context scans look through it: spaces, invisible characters, quotes, context marks and
/// the dashes, ellipses and dots that Chinese and English share.
#[inline]
pub fn is_transparent(c: char) -> bool {
    is_space(c)
        || is_invisible(c)
        || is_context_mark(c)
        || matches!(
            c,
            '"' | '\'' | '＂' | '＇' | '\u{2018}'
                ..='\u{201F}' | '\u{2014}' | '\u{2015}' | '\u{2025}' | '\u{2026}' | '\u{00B7}'
        )
}

/// Full-width punctuation that takes no space beside it: a space before any of these, or
/// after one of the openers and pausing marks, is removed. Spaces after `。？！` are kept
/// (they may separate a caption from its credit, which later stages read).
#[inline]
pub fn rejects_space_before(c: char) -> bool {
    matches!(
        c,
        '，' | '、' | '；' | '：' | '。' | '？' | '！' | '（' | '）'
    )
}

/// See [`rejects_space_before`].
#[inline]
pub fn rejects_space_after(c: char) -> bool {
    matches!(c, '，' | '、' | '；' | '：' | '（' | '）')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The full-width punctuation marks whose width depends on the language around them
    /// (`，；：？！（）`), with their ASCII twins.
    const CONTEXT_MARKS: [(char, char); 7] = [
        (',', '，'),
        (';', '；'),
        (':', '：'),
        ('?', '？'),
        ('!', '！'),
        ('(', '（'),
        (')', '）'),
    ];

    #[test]
    fn spaces_are_recognised() {
        for c in [
            '\t', '\u{A0}', '\u{3000}', '\u{2002}', '\u{202F}', '\u{205F}',
        ] {
            assert!(is_unicode_space(c), "{c:?}");
            assert!(is_space(c));
            assert!(!is_invisible(c));
        }
        for c in ['a', ' ', '\u{200B}', '中', '\n'] {
            assert!(!is_unicode_space(c), "{c:?}");
        }
    }

    #[test]
    fn invisible_characters_are_recognised() {
        for c in [
            '\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{FEFF}', '\u{AD}', '\u{1}',
            '\u{7F}', '\u{9B}', '\u{200E}', '\u{202E}',
        ] {
            assert!(is_invisible(c), "{c:?}");
        }
        for c in ['\t', 'a', '中', '\u{A0}', '\u{85}', '…', '\u{FE0F}'] {
            assert!(!is_invisible(c), "{c:?}");
        }
    }

    #[test]
    fn fullwidth_ascii_folds_except_context_marks() {
        assert_eq!(fold_fullwidth('ｗ'), Some('w'));
        assert_eq!(fold_fullwidth('３'), Some('3'));
        assert_eq!(fold_fullwidth('％'), Some('%'));
        assert_eq!(fold_fullwidth('＂'), Some('"'));
        assert_eq!(fold_fullwidth('～'), Some('~'));
        for (ascii, wide) in CONTEXT_MARKS {
            assert_eq!(fold_fullwidth(wide), None);
            assert_eq!(to_ascii_mark(wide), Some(ascii));
            assert_eq!(to_fullwidth_mark(ascii), Some(wide));
            assert!(is_context_mark(ascii) && is_context_mark(wide));
        }
        for c in ['。', '、', '“', '…', 'a', '中', '\u{FF61}'] {
            assert_eq!(fold_fullwidth(c), None, "{c:?}");
        }
    }

    #[test]
    fn cjk_class_covers_han_kana_and_cjk_punctuation_only() {
        for c in [
            '中', '國', '䶮', 'の', 'ア', '。', '、', '《', '」', '【', '𠀀',
        ] {
            assert!(is_cjk(c), "{c:?}");
        }
        for c in ['a', '1', '，', '（', '“', '”', '\u{3000}', '한', 'é', '…'] {
            assert!(!is_cjk(c), "{c:?}");
        }
    }
}
