//! The canonical form used to compare passages: letters and digits only, NFKC-folded
//! (full-width forms become ASCII), lower-cased. Punctuation, spaces, quote style and width
//! never decide whether two passages are the same.
//!
//! It is written for speed on Chinese and English text: ASCII, CJK ideographs, Hangul
//! syllables, full-width ASCII and common Latin letters are folded with range checks; only
//! other characters (and characters followed by combining marks) go through the ICU NFKC
//! normaliser. Other stages that need the same key (near-duplicate hashing) can reuse
//! [`canonical`] and [`canonical_chars`].

use icu_normalizer::ComposingNormalizerBorrowed;

/// The canonical form of `text` as a `String`.
///
/// ```
/// use thresh::stages::repeats::canonical::canonical;
/// assert_eq!(canonical("Ｈｅｌｌｏ, World! 价格2.5元。"), "helloworld价格25元");
/// assert_eq!(canonical("“你好”，世界"), canonical("\"你好\", 世界"));
/// ```
pub fn canonical(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold(text, |c, _| out.push(c));
    out
}

/// Appends the canonical characters of `text` to `out`.
pub fn canonical_chars(text: &str, out: &mut Vec<char>) {
    out.reserve(text.len() / 2);
    fold(text, |c, _| out.push(c));
}

/// The canonical characters of `text` and, for each, the byte offset in `text` of the
/// character it came from (so a canonical span can be mapped back to the original).
pub fn canonical_with_offsets(text: &str) -> (Vec<char>, Vec<u32>) {
    let mut chars = Vec::with_capacity(text.len() / 2);
    let mut offsets = Vec::with_capacity(text.len() / 2);
    fold(text, |c, at| {
        chars.push(c);
        offsets.push(at as u32);
    });
    (chars, offsets)
}

/// Whether `c` is a CJK ideograph, kana or Hangul syllable: such characters carry a word's
/// worth of text each, so length thresholds count them separately.
#[inline]
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x4E00..=0x9FFF | 0x3400..=0x4DBF | 0x20000..=0x2FFFF | 0xF900..=0xFAFF
        | 0x3040..=0x30FF | 0xAC00..=0xD7A3)
}

/// Calls `push(canonical_char, byte_offset_of_source)` for every canonical character.
fn fold(text: &str, mut push: impl FnMut(char, usize)) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            // A base letter followed by a combining mark must be composed first.
            if bytes.get(i + 1).is_some_and(|&n| may_start_combining(n))
                && starts_with_combining(&text[i + 1..])
            {
                i = fold_cluster(text, i, &mut push);
                continue;
            }
            if b.is_ascii_alphanumeric() {
                push(b.to_ascii_lowercase() as char, i);
            }
            i += 1;
            continue;
        }
        // Non-ASCII: decode one character (the text is valid UTF-8, so the continuation
        // bytes are there). Three-byte characters (all of CJK) are decoded by hand.
        let (c, len) = if (0xE0..0xF0).contains(&b) {
            let v = ((b as u32 & 0x0F) << 12)
                | ((bytes[i + 1] as u32 & 0x3F) << 6)
                | (bytes[i + 2] as u32 & 0x3F);
            match char::from_u32(v) {
                Some(c) => (c, 3),
                None => break,
            }
        } else {
            match text[i..].chars().next() {
                Some(c) => (c, c.len_utf8()),
                None => break,
            }
        };
        if bytes.get(i + len).is_some_and(|&n| may_start_combining(n))
            && starts_with_combining(&text[i + len..])
        {
            i = fold_cluster(text, i, &mut push);
            continue;
        }
        match c as u32 {
            // CJK ideographs, Hangul syllables: NFKC-stable letters.
            0x4E00..=0x9FFF | 0x3400..=0x4DBF | 0xAC00..=0xD7A3 => push(c, i),
            // CJK punctuation, general punctuation, box drawing: no letters or digits.
            0x3000..=0x3004 | 0x3008..=0x3020 | 0x2000..=0x206F | 0x2500..=0x25FF => {}
            // Full-width ASCII variants fold to ASCII.
            0xFF01..=0xFF5E => {
                let a = (c as u32 - 0xFEE0) as u8;
                if a.is_ascii_alphanumeric() {
                    push(a.to_ascii_lowercase() as char, i);
                }
            }
            // Latin-1 letters À..ÿ (except × ÷) and basic Cyrillic are NFKC-stable.
            0xC0..=0xFF if c != '×' && c != '÷' => push_lower(c, i, &mut push),
            0x0400..=0x045F => push_lower(c, i, &mut push),
            // Latin-1 punctuation and symbols that NFKC keeps as non-letters.
            0xA0..=0xBF if !matches!(c, 'ª' | 'µ' | 'º' | '²' | '³' | '¹' | '¼' | '½' | '¾') =>
                {}
            _ => {
                i = fold_cluster(text, i, &mut push);
                continue;
            }
        }
        i += len;
    }
}

#[inline]
fn push_lower(c: char, at: usize, push: &mut impl FnMut(char, usize)) {
    if c.is_alphanumeric() {
        for l in c.to_lowercase() {
            push(l, at);
        }
    }
}

/// Whether a character starting with byte `b` can be one of the combining marks below
/// (a cheap test that lets CJK text skip the full check).
#[inline]
fn may_start_combining(b: u8) -> bool {
    matches!(b, 0xCC | 0xCD | 0xE1 | 0xE2 | 0xE3 | 0xEF)
}

/// Whether `rest` starts with a combining mark (which NFKC may compose with the character
/// before it).
#[inline]
fn starts_with_combining(rest: &str) -> bool {
    rest.chars().next().is_some_and(|c| {
        matches!(c as u32,
            0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF
            | 0xFE20..=0xFE2F | 0x3099..=0x309A)
    })
}

/// The slow path: NFKC-normalises the character at `start` together with the combining
/// marks after it, pushes the letters and digits of the result, returns the next offset.
fn fold_cluster(text: &str, start: usize, push: &mut impl FnMut(char, usize)) -> usize {
    let mut chars = text[start..].char_indices();
    let mut end = text.len();
    chars.next();
    for (off, c) in chars {
        if !starts_with_combining(&text[start + off..start + off + c.len_utf8()]) {
            end = start + off;
            break;
        }
    }
    let normal = ComposingNormalizerBorrowed::new_nfkc().normalize(&text[start..end]);
    for c in normal.chars() {
        if c.is_alphanumeric() {
            if c == 'ς' {
                // Case folding maps the final sigma to σ.
                push('σ', start);
            } else {
                for l in c.to_lowercase() {
                    push(l, start);
                }
            }
        }
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_letters_and_digits_only() {
        assert_eq!(canonical("Hello, World!"), "helloworld");
        assert_eq!(canonical("价格为2.5元。"), "价格为25元");
        assert_eq!(canonical("  \u{3000}。，、“”"), "");
        assert_eq!(canonical("2024-05-30 18:42"), "202405301842");
    }

    #[test]
    fn folds_width_and_case() {
        assert_eq!(canonical("ＡＢＣ１２３ａｂｃ"), "abc123abc");
        assert_eq!(canonical("ÀÉÎ Straße"), "àéî straße".replace(' ', ""));
        assert_eq!(canonical("ﾃｽﾄ"), canonical("テスト"));
        assert_eq!(canonical("①ﬁ²"), "1fi2");
        assert_eq!(canonical("ΣΟΦΟΣ σοφος"), "σοφοσσοφοσ");
    }

    #[test]
    fn composes_combining_marks() {
        assert_eq!(canonical("e\u{301}te\u{301}"), canonical("été"));
        assert_eq!(canonical("café"), "café");
    }

    #[test]
    fn re_punctuated_copies_have_the_same_form() {
        let a = "业内人士分析，公积金政策调整有助于降低购房者的资金压力。";
        let b = "业内人士分析,公积金政策调整 有助于降低购房者的资金压力.";
        assert_eq!(canonical(a), canonical(b));
        assert_ne!(
            canonical(a),
            canonical("业内人士分析，公积金政策调整有助于降低购房者的资金。")
        );
    }

    #[test]
    fn offsets_point_at_source_characters() {
        let text = "a，Ｂ价2.5";
        let (chars, offsets) = canonical_with_offsets(text);
        assert_eq!(chars.iter().collect::<String>(), "ab价25");
        let sources: Vec<&str> = offsets
            .iter()
            .map(|&o| {
                let o = o as usize;
                let c = text[o..].chars().next().unwrap();
                &text[o..o + c.len_utf8()]
            })
            .collect();
        assert_eq!(sources, vec!["a", "Ｂ", "价", "2", "5"]);
    }

    #[test]
    fn chars_and_string_agree() {
        let text = "Mixed 中文 and ＦＵＬＬ width, ½ and ﬀ.";
        let mut chars = Vec::new();
        canonical_chars(text, &mut chars);
        assert_eq!(chars.iter().collect::<String>(), canonical(text));
    }

    #[test]
    fn cjk_test() {
        assert!(is_cjk('中') && is_cjk('あ') && is_cjk('한'));
        assert!(!is_cjk('a') && !is_cjk('1') && !is_cjk('，'));
    }
}
