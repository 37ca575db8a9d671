//! Character classes and context-free character maps of the normalize stage: which
//! characters are spaces, which are invisible, which are CJK, and how full-width ASCII
//! forms fold. Everything is a range match: this runs on every character of a corpus.

/// The characters of a string, decoded inline. `str::chars` is the same thing, but in
/// the long loops of this stage the compiler leaves its decoder out of line, which costs
/// a fifth of the time on Chinese text.
pub struct FastChars<'a> {
    bytes: &'a [u8],
    at: usize,
}

/// See [`FastChars`].
#[inline(always)]
pub fn fast_chars(s: &str) -> FastChars<'_> {
    FastChars {
        bytes: s.as_bytes(),
        at: 0,
    }
}

impl Iterator for FastChars<'_> {
    type Item = char;

    #[inline(always)]
    fn next(&mut self) -> Option<char> {
        let (c, len) = decode_at(self.bytes, self.at)?;
        self.at += len;
        Some(c)
    }
}

/// The character starting at byte `i` of `bytes` (the bytes of a `str`, `i` on a
/// character boundary) and its length in bytes.
#[inline(always)]
pub fn decode_at(b: &[u8], i: usize) -> Option<(char, usize)> {
    let b0 = u32::from(*b.get(i)?);
    // The input is a `str`, so every sequence is complete and valid.
    let cont = |k: usize| b.get(i + k).map_or(0, |&x| u32::from(x) & 0x3F);
    let (code, len) = if b0 < 0x80 {
        (b0, 1)
    } else if b0 < 0xE0 {
        (((b0 & 0x1F) << 6) | cont(1), 2)
    } else if b0 < 0xF0 {
        (((b0 & 0x0F) << 12) | (cont(1) << 6) | cont(2), 3)
    } else {
        (
            ((b0 & 0x07) << 18) | (cont(1) << 12) | (cont(2) << 6) | cont(3),
            4,
        )
    };
    Some((char::from_u32(code).unwrap_or('\u{FFFD}'), len))
}

/// Whether the UTF-8 sequence at byte `i` encodes a character of U+4E00–U+9FFF (lead
/// byte E4 with a second byte from B8, or lead byte E5–E9): the common Han block,
/// recognised without decoding.
#[inline(always)]
pub fn is_common_han_at(b: &[u8], i: usize) -> bool {
    match b.get(i) {
        Some(0xE5..=0xE9) => true,
        Some(0xE4) => b.get(i + 1).is_some_and(|&x| x >= 0xB8),
        _ => false,
    }
}

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
#[inline(always)]
pub fn is_cjk(c: char) -> bool {
    // The common case first: most characters of Chinese text are in the main Han block,
    // and nothing below U+2E80 is CJK.
    if is_common_han(c) {
        return true;
    }
    c >= '\u{2E80}' && is_rare_cjk(c)
}

/// The CJK Unified Ideographs block (U+4E00–U+9FFF), where most Chinese text lives.
#[inline(always)]
pub fn is_common_han(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

/// The CJK ranges outside the common Han block, as a chain of comparisons ordered by
/// code point (the full-width punctuation of Chinese text falls through quickly):
/// radicals, CJK symbols and punctuation (not U+3000), kana, bopomofo, kanbun, enclosed
/// and compatibility CJK, extension A (but not the Hangul compatibility jamo), the
/// compatibility ideographs, vertical and compatibility forms, half-width CJK
/// punctuation and katakana, and the supplementary ideographic planes.
fn is_rare_cjk(c: char) -> bool {
    let u = c as u32;
    if u < 0x3001 {
        return (0x2E80..=0x2FDF).contains(&u);
    }
    if u <= 0x4DBF {
        return !(0x3130..=0x318F).contains(&u);
    }
    if u <= 0x9FFF {
        return u >= 0x4E00;
    }
    if u < 0xF900 {
        return false;
    }
    if u <= 0xFAFF {
        return true;
    }
    if u < 0xFE10 {
        return false;
    }
    if u <= 0xFE4F {
        return u <= 0xFE1F || u >= 0xFE30;
    }
    if u < 0xFF5F {
        return false;
    }
    if u <= 0xFF9F {
        return true;
    }
    (0x20000..=0x3134F).contains(&u)
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
    if c.is_ascii() {
        return matches!(
            c,
            '\0'..='\u{20}' | '\u{7F}' | '"' | '\'' | ',' | ';' | ':' | '?' | '!' | '(' | ')'
        );
    }
    if is_cjk(c) {
        return false;
    }
    is_unicode_space(c)
        || is_invisible(c)
        || is_context_mark(c)
        || matches!(
            c,
            '＂' | '＇' | '\u{2018}'
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
    fn fast_chars_decodes_like_std() {
        let text = "aé中𠀀\u{3000}，\u{200B}z";
        assert!(fast_chars(text).eq(text.chars()));
        assert_eq!(fast_chars("").next(), None);
        for c in [
            '\u{4DFF}', '\u{4E00}', '中', '\u{9FFF}', '\u{A000}', 'a', '，',
        ] {
            let s = c.to_string();
            assert_eq!(is_common_han_at(s.as_bytes(), 0), is_common_han(c), "{c:?}");
        }
    }

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
    fn transparent_characters_are_recognised() {
        for c in [
            ' ', '\t', '\u{3000}', '\u{200B}', '"', '“', '’', ',', '（', '…', '—', '·', '\u{1}',
        ] {
            assert!(is_transparent(c), "{c:?}");
        }
        for c in ['a', '1', '中', '。', '.', '%', '/', '《'] {
            assert!(!is_transparent(c), "{c:?}");
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
        // Range edges.
        for (c, cjk) in [
            ('\u{2E7F}', false),
            ('\u{2E80}', true),
            ('\u{2FDF}', true),
            ('\u{2FE0}', false),
            ('\u{3001}', true),
            ('\u{312F}', true),
            ('\u{3130}', false),
            ('\u{318F}', false),
            ('\u{3190}', true),
            ('\u{4DBF}', true),
            ('\u{4DC0}', false),
            ('\u{A000}', false),
            ('\u{F900}', true),
            ('\u{FB00}', false),
            ('\u{FE10}', true),
            ('\u{FE20}', false),
            ('\u{FE30}', true),
            ('\u{FE50}', false),
            ('\u{FF5E}', false),
            ('\u{FF5F}', true),
            ('\u{FF9F}', true),
            ('\u{FFA0}', false),
            ('\u{1FFFF}', false),
            ('\u{3134F}', true),
            ('\u{31350}', false),
        ] {
            assert_eq!(is_cjk(c), cjk, "{c:?}");
        }
    }
}
