//! UTF-16 without a byte order mark. Two signs give it away: ASCII characters (spaces,
//! newlines, digits) put a NUL byte on one parity only (odd offsets in UTF-16LE, even ones
//! in UTF-16BE), and text without any ASCII at all reads as a stream of common CJK
//! characters in exactly one byte order.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE};

use super::cjk::{is_cjk_ideograph, is_common_cjk, is_plausible_text_char};
use super::detect::decode_counting;

/// How many bytes the NUL-parity count looks at.
const PARITY_PREFIX: usize = 64 * 1024;

/// Reads NUL-containing `bytes` as UTF-16 if they are UTF-16 text: the byte order the NUL
/// parity suggests is tried first, then the other one (a short text can have as many NULs
/// from ideographs such as U+4E00 as from its few ASCII characters).
pub(crate) fn decode_nul_containing(bytes: &[u8]) -> Option<(&'static Encoding, String)> {
    let orders = match byte_order_from_nul_parity(bytes) {
        Some(e) if e == UTF_16BE => [UTF_16BE, UTF_16LE],
        _ => [UTF_16LE, UTF_16BE],
    };
    orders
        .into_iter()
        .find_map(|encoding| Some((encoding, decode_if_text(bytes, encoding)?)))
}

/// The UTF-16 byte order suggested by where the NUL bytes of the prefix sit, if they sit
/// (almost) only on one parity. `None` when NULs are spread over both (binary data) or
/// there are too few to tell.
pub(crate) fn byte_order_from_nul_parity(bytes: &[u8]) -> Option<&'static Encoding> {
    let prefix = &bytes[..bytes.len().min(PARITY_PREFIX)];
    let (mut even, mut odd) = (0usize, 0usize);
    for (i, _) in prefix.iter().enumerate().filter(|(_, &b)| b == 0) {
        if i % 2 == 0 {
            even += 1;
        } else {
            odd += 1;
        }
    }
    // One parity must dominate clearly: UTF-16 text puts at most a few NULs on the other
    // one (the low byte of U+4E00, U+4F00…), binary data puts them everywhere.
    let (dominant, other, encoding) = if odd >= even {
        (odd, even, UTF_16LE)
    } else {
        (even, odd, UTF_16BE)
    };
    (dominant >= 2 && other * 8 <= dominant).then_some(encoding)
}

/// Decodes `bytes` as UTF-16 in `encoding` if the result looks like text: no unpaired
/// surrogates, no NUL characters, and at least 95% plausible text characters.
pub(crate) fn decode_if_text(bytes: &[u8], encoding: &'static Encoding) -> Option<String> {
    if !bytes.len().is_multiple_of(2) {
        return None;
    }
    let decoded = decode_counting(encoding, bytes);
    if decoded.errors > 0 || decoded.text.contains('\0') {
        return None;
    }
    let (total, plausible) = decoded.text.chars().fold((0usize, 0usize), |(t, p), c| {
        (t + 1, p + usize::from(is_plausible_text_char(c)))
    });
    (total > 0 && plausible * 100 >= total * 95).then_some(decoded.text)
}

/// UTF-16 text without a single ASCII character has no NUL byte to betray it. It is
/// recognised when, read in one byte order, at least 90% of the code units are CJK
/// characters or CJK punctuation and most of the ideographs are common ones — legacy
/// double-byte encodings read as UTF-16 give Hangul, surrogates or rare ideographs instead.
pub(crate) fn sniff_without_nul(bytes: &[u8]) -> Option<&'static Encoding> {
    const MIN_UNITS: usize = 16;
    if !bytes.len().is_multiple_of(2) || bytes.len() < MIN_UNITS * 2 {
        return None;
    }
    let prefix = &bytes[..bytes.len().min(4096)];
    let score = |little_endian: bool| {
        let (mut units, mut cjk_like, mut ideographs, mut common) = (0usize, 0, 0, 0);
        for pair in prefix.chunks_exact(2) {
            let unit = if little_endian {
                u16::from_le_bytes([pair[0], pair[1]])
            } else {
                u16::from_be_bytes([pair[0], pair[1]])
            };
            units += 1;
            let Some(c) = char::from_u32(u32::from(unit)) else {
                continue;
            };
            if is_cjk_ideograph(c) {
                ideographs += 1;
                cjk_like += 1;
                common += usize::from(is_common_cjk(c));
            } else if matches!(unit, 0x2000..=0x206F | 0x3000..=0x30FF | 0xFF00..=0xFFEF) {
                cjk_like += 1;
            }
        }
        cjk_like * 10 >= units * 9 && ideographs > 0 && common * 2 >= ideographs
    };
    match (score(true), score(false)) {
        (true, false) => Some(UTF_16LE),
        (false, true) => Some(UTF_16BE),
        _ => None,
    }
}

/// `text` as UTF-16 in the given byte order, with or without a byte order mark: what the
/// decoder reads (tests and generated documents build their inputs with it).
pub fn encode_utf16(text: &str, little_endian: bool, bom: bool) -> Vec<u8> {
    let mut out = Vec::with_capacity(2 * text.len() + 2);
    for unit in bom.then_some(0xFEFF).into_iter().chain(text.encode_utf16()) {
        out.extend_from_slice(&match little_endian {
            true => unit.to_le_bytes(),
            false => unit.to_be_bytes(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16(text: &str, little_endian: bool) -> Vec<u8> {
        encode_utf16(text, little_endian, false)
    }

    #[test]
    fn byte_order_marks_are_ff_fe_and_fe_ff() {
        assert_eq!(encode_utf16("a", true, true), b"\xFF\xFEa\0");
        assert_eq!(encode_utf16("a", false, true), b"\xFE\xFF\0a");
        assert_eq!(encode_utf16("a", true, false), b"a\0");
    }

    #[test]
    fn parity_tells_byte_order_of_text_with_ascii() {
        let text = "Hello world, 你好世界。\nSecond line 2024.\n";
        assert_eq!(
            byte_order_from_nul_parity(&utf16(text, true)),
            Some(UTF_16LE)
        );
        assert_eq!(
            byte_order_from_nul_parity(&utf16(text, false)),
            Some(UTF_16BE)
        );
        assert_eq!(
            decode_if_text(&utf16(text, true), UTF_16LE).as_deref(),
            Some(text)
        );
    }

    #[test]
    fn few_ascii_characters_still_decode() {
        // One NUL from the newline, one from 一 (U+4E00): parity cannot tell.
        let text = "外婆家所在的那条老街一连几天都睡不好。\n";
        for le in [true, false] {
            let (encoding, decoded) = decode_nul_containing(&utf16(text, le)).unwrap();
            assert_eq!(decoded, text);
            assert_eq!(encoding, if le { UTF_16LE } else { UTF_16BE });
        }
    }

    #[test]
    fn binary_nuls_on_both_parities_are_not_utf16() {
        let binary = [0u8, 0, 1, 0, 0, 0, 7, 0, 0, 3, 0, 0, 0, 0, 9, 0];
        assert_eq!(byte_order_from_nul_parity(&binary), None);
        assert_eq!(decode_nul_containing(&binary), None);
        // A single NUL says nothing.
        assert_eq!(byte_order_from_nul_parity(b"abc\0def"), None);
    }

    #[test]
    fn control_heavy_data_is_not_text() {
        let data: Vec<u8> = (0..64u8).flat_map(|i| [i % 7 + 1, 0]).collect();
        assert_eq!(byte_order_from_nul_parity(&data), Some(UTF_16LE));
        assert_eq!(decode_if_text(&data, UTF_16LE), None);
    }

    #[test]
    fn pure_chinese_utf16_without_nul_is_recognised() {
        let text =
            "外婆家所在的那条老街明年开春就要拆了消息传来的时候我正在外地出差一连几天都睡不好";
        assert_eq!(sniff_without_nul(&utf16(text, true)), Some(UTF_16LE));
        assert_eq!(sniff_without_nul(&utf16(text, false)), Some(UTF_16BE));
    }

    #[test]
    fn legacy_double_byte_text_is_not_taken_for_utf16() {
        let text = "外婆家所在的那条老街，明年开春就要拆了。消息传来的时候，我正在外地出差。";
        let (gbk, _, _) = encoding_rs::GBK.encode(text);
        assert_eq!(sniff_without_nul(&gbk), None);
        let (big5, _, _) = encoding_rs::BIG5
            .encode("外婆家所在的那條老街，明年開春就要拆了。消息傳來的時候，我正在外地出差。");
        assert_eq!(sniff_without_nul(&big5), None);
        let (sjis, _, _) = encoding_rs::SHIFT_JIS
            .encode("祖母の家がある古い通りは来年の春に取り壊されることになった。");
        assert_eq!(sniff_without_nul(&sjis), None);
    }
}
