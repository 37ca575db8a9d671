//! Byte-level decoding helpers: BOM sniffing, decoding that counts invalid sequences
//! instead of hiding them, UTF-8 damage statistics, and statistical detection of legacy
//! encodings (chardetng on a prefix, then the whole input decoded by encoding_rs).

use super::cjk::{is_cjk_ideograph, is_common_cjk, reads_as_chinese};
use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{
    DecoderResult, Encoding, BIG5, EUC_JP, EUC_KR, GB18030, GBK, SHIFT_JIS, UTF_16BE, UTF_16LE,
    UTF_8,
};

/// How many bytes chardetng looks at.
const DETECTION_PREFIX: usize = 64 * 1024;

/// The encoding a byte order mark at the start of `bytes` names, and the mark's length.
pub(crate) fn sniff_bom(bytes: &[u8]) -> Option<(&'static Encoding, usize)> {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        Some((UTF_8, 3))
    } else if bytes.starts_with(b"\xFF\xFE") {
        Some((UTF_16LE, 2))
    } else if bytes.starts_with(b"\xFE\xFF") {
        Some((UTF_16BE, 2))
    } else {
        None
    }
}

/// Text decoded with every invalid sequence counted (and replaced by U+FFFD in `text`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Decoding {
    pub text: String,
    /// Invalid byte sequences met.
    pub errors: u64,
    /// Byte offset of the first one.
    pub first_error: Option<usize>,
    /// Read with the GBK/GB18030 decoder, the bytes hold a four-byte GB18030 sequence or a
    /// character of row 0xFE that GBK left to private use and GB18030 assigned
    /// (0xFE50–0xFEA0, e.g. 䶮 at 0xFE9F): the report then names GB18030, not GBK.
    pub gb18030_only: bool,
}

/// Decodes all of `bytes` as `encoding` (no BOM handling), counting invalid sequences.
pub(crate) fn decode_counting(encoding: &'static Encoding, bytes: &[u8]) -> Decoding {
    // GBK's decoder is GB18030's; most of its input has a faster one.
    if encoding == GBK || encoding == GB18030 {
        return super::gbk::decode(bytes);
    }
    decode_counting_generic(encoding, bytes)
}

/// [`decode_counting`] by encoding_rs's decoder for `encoding`.
pub(crate) fn decode_counting_generic(encoding: &'static Encoding, bytes: &[u8]) -> Decoding {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let capacity = decoder
        .max_utf8_buffer_length_without_replacement(bytes.len())
        .unwrap_or(bytes.len().saturating_mul(3));
    let mut text = String::with_capacity(capacity);
    let (mut offset, mut errors, mut first_error) = (0usize, 0u64, None);
    loop {
        let (result, read) =
            decoder.decode_to_string_without_replacement(&bytes[offset..], &mut text, true);
        offset += read;
        match result {
            DecoderResult::InputEmpty => break,
            DecoderResult::OutputFull => text.reserve(bytes.len() - offset + 16),
            DecoderResult::Malformed(bad, after) => {
                errors += 1;
                first_error
                    .get_or_insert(offset.saturating_sub(usize::from(bad) + usize::from(after)));
                // The replacement needs room too; `reserve` is cheap when there is some.
                text.reserve(3);
                text.push('\u{FFFD}');
            }
        }
    }
    Decoding {
        text,
        errors,
        first_error,
        gb18030_only: false,
    }
}

/// What the first 64 KB of the bytes look like as UTF-8: valid multi-byte characters,
/// invalid sequences, and where the first invalid one is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Utf8Stats {
    pub multibyte: u64,
    pub errors: u64,
    pub first_error: Option<usize>,
}

impl Utf8Stats {
    /// UTF-8 text with a little damage (a truncated character, a stray byte): many valid
    /// multi-byte characters per invalid sequence. Text in a legacy double-byte encoding
    /// forms a valid UTF-8 sequence by chance for about one character in seven, so it is
    /// never taken for damaged UTF-8.
    pub fn is_damaged_utf8(&self) -> bool {
        self.errors > 0 && self.multibyte >= 10 * self.errors
    }
}

/// Counts valid multi-byte characters and invalid sequences of `bytes` read as UTF-8.
pub(crate) fn utf8_stats(bytes: &[u8]) -> Utf8Stats {
    // In legacy text an error comes every few bytes; a prefix tells enough.
    let bytes = &bytes[..bytes.len().min(DETECTION_PREFIX)];
    let mut stats = Utf8Stats::default();
    let mut offset = 0;
    let count_multibyte = |valid: &[u8]| valid.iter().filter(|&&b| b >= 0xC0).count() as u64;
    // Stop as soon as the bytes clearly are not UTF-8 (legacy text errs every few bytes).
    while offset < bytes.len() && !(stats.errors >= 8 && stats.multibyte < 10 * stats.errors) {
        match std::str::from_utf8(&bytes[offset..]) {
            Ok(_) => {
                stats.multibyte += count_multibyte(&bytes[offset..]);
                break;
            }
            Err(e) => {
                let valid_end = offset + e.valid_up_to();
                stats.multibyte += count_multibyte(&bytes[offset..valid_end]);
                stats.errors += 1;
                stats.first_error.get_or_insert(valid_end);
                offset = valid_end + e.error_len().unwrap_or(bytes.len() - valid_end);
            }
        }
    }
    stats
}

/// The legacy encoding chardetng guesses from a prefix of `bytes` (UTF-8 not allowed:
/// valid UTF-8 never gets here).
pub(crate) fn guess_legacy(bytes: &[u8]) -> &'static Encoding {
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    let whole = bytes.len() <= DETECTION_PREFIX;
    let prefix = &bytes[..bytes.len().min(DETECTION_PREFIX)];
    detector.feed(prefix, whole);
    detector.guess(None, Utf8Detection::Deny)
}

/// The legacy encodings tried, in order, when the guessed one leaves invalid sequences.
/// GBK's decoder is the GB18030 one (a superset), so GB18030 stands for both.
const ALTERNATIVES: &[&Encoding] = &[GB18030, BIG5, SHIFT_JIS, EUC_KR, EUC_JP];

/// The best reading of legacy-encoded `bytes`: the guessed encoding if it decodes cleanly,
/// else whichever candidate (including UTF-8) leaves the fewest invalid sequences. Ties
/// go to the guess, then to the order of [`ALTERNATIVES`].
///
/// chardetng rules out an encoding at its first invalid sequence, so a GBK or Big5 page
/// with one broken character comes back as a single-byte guess (which never fails and
/// turns Chinese into accented letters). A single-byte guess is therefore checked against
/// the CJK encodings: one that reads as Chinese text with at most a stray error wins, and
/// its errors are reported like any other.
pub(crate) fn decode_legacy(bytes: &[u8]) -> (&'static Encoding, Decoding) {
    let guess = guess_legacy(bytes);
    let first = decode_counting(guess, bytes);
    if guess.is_single_byte() {
        let cjk = ALTERNATIVES
            .iter()
            .map(|&candidate| (candidate, decode_counting(candidate, bytes)))
            .filter(|(_, decoded)| reads_as_cjk(decoded))
            .min_by_key(|(_, decoded)| decoded.errors);
        if let Some(best) = cjk {
            return best;
        }
    }
    if first.errors == 0 {
        return (guess, first);
    }
    let mut best = (guess, first);
    for &candidate in ALTERNATIVES {
        if candidate == guess || (candidate == GB18030 && guess == GBK) {
            continue;
        }
        let decoded = decode_counting(candidate, bytes);
        if decoded.errors < best.1.errors {
            best = (candidate, decoded);
            if best.1.errors == 0 {
                return best;
            }
        }
    }
    let as_utf8 = decode_counting(UTF_8, bytes);
    if as_utf8.errors < best.1.errors {
        return (UTF_8, as_utf8);
    }
    best
}

/// Chinese pages are most of what thresh reads and chardetng is slow (a few tens of MB/s):
/// a clean GBK or Big5 reading that reads as Chinese text (its most frequent characters,
/// not the scattered ones other encodings turn into) is taken without asking it. Big5
/// must also show its own byte structure: many second bytes below 0x7F, which the EUC
/// encodings and GB 2312 never have (EUC-JP kana would otherwise read as common Big5
/// characters).
pub(crate) fn decode_chinese(bytes: &[u8]) -> Option<(&'static Encoding, Decoding)> {
    let gbk = decode_counting(GBK, bytes);
    if gbk.errors == 0 && reads_as_chinese(&gbk.text) {
        return Some((GBK, gbk));
    }
    if low_trail_share_percent(bytes) < 10 {
        return None;
    }
    let big5 = decode_counting(BIG5, bytes);
    (big5.errors == 0 && reads_as_chinese(&big5.text)).then_some((BIG5, big5))
}

/// The share (percent) of double-byte characters whose second byte is 0x40–0x7E, reading
/// `bytes` as a lead-byte/trail-byte encoding. Looks at the first 64 KB.
fn low_trail_share_percent(bytes: &[u8]) -> usize {
    let bytes = &bytes[..bytes.len().min(DETECTION_PREFIX)];
    let (mut pairs, mut low) = (0usize, 0usize);
    let mut i = 0;
    while i + 1 < bytes.len() {
        if bytes[i] < 0x81 {
            i += 1;
            continue;
        }
        pairs += 1;
        low += usize::from((0x40..=0x7E).contains(&bytes[i + 1]));
        i += 2;
    }
    (low * 100).checked_div(pairs).unwrap_or(0)
}

/// Whether a decoding reads as CJK text: enough ideographs, kana or Hangul, mostly common
/// ideographs, and at most one invalid sequence per twenty CJK characters.
fn reads_as_cjk(decoded: &Decoding) -> bool {
    let (mut letters, mut ideographs, mut common) = (0u64, 0u64, 0u64);
    for c in decoded.text.chars() {
        if is_cjk_ideograph(c) {
            ideographs += 1;
            common += u64::from(is_common_cjk(c));
        } else if matches!(c as u32, 0x3040..=0x30FF | 0xAC00..=0xD7A3) {
            letters += 1;
        }
    }
    let cjk = letters + ideographs;
    cjk >= 8 && cjk >= 20 * decoded.errors && common * 10 >= ideographs * 8
}

/// Encodes `text` as `encoding` without replacement: `None` if some character has no
/// representation there.
pub(crate) fn encode_exact(text: &str, encoding: &'static Encoding) -> Option<Vec<u8>> {
    let mut encoder = encoding.new_encoder();
    let mut out = Vec::with_capacity(
        encoder
            .max_buffer_length_from_utf8_without_replacement(text.len())
            .unwrap_or(text.len() * 4),
    );
    let (result, _) = encoder.encode_from_utf8_to_vec_without_replacement(text, &mut out, true);
    match result {
        encoding_rs::EncoderResult::InputEmpty => Some(out),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boms_are_recognised() {
        assert_eq!(sniff_bom(b"\xEF\xBB\xBFabc"), Some((UTF_8, 3)));
        assert_eq!(sniff_bom(b"\xFF\xFEa\0"), Some((UTF_16LE, 2)));
        assert_eq!(sniff_bom(b"\xFE\xFF\0a"), Some((UTF_16BE, 2)));
        assert_eq!(sniff_bom(b"abc"), None);
        assert_eq!(sniff_bom(b"\xEF\xBB"), None);
    }

    #[test]
    fn decode_counting_counts_and_locates_errors() {
        let clean = decode_counting(UTF_8, "中文".as_bytes());
        assert_eq!((clean.text.as_str(), clean.errors), ("中文", 0));
        let bad = decode_counting(UTF_8, b"ab\xFFcd\xE4\xB8");
        assert_eq!(bad.errors, 2);
        assert_eq!(bad.first_error, Some(2));
        assert_eq!(bad.text, "ab\u{FFFD}cd\u{FFFD}");
        let gbk = decode_counting(GBK, b"\xD6\xD0\xCE\xC4");
        assert_eq!((gbk.text.as_str(), gbk.errors), ("中文", 0));
    }

    #[test]
    fn damaged_utf8_is_told_from_legacy_text() {
        let mut damaged = "这是一段很长的中文文本，里面只有一个坏字节。"
            .repeat(3)
            .into_bytes();
        damaged.insert(9, 0xFF);
        let stats = utf8_stats(&damaged);
        assert_eq!(stats.errors, 1);
        assert_eq!(stats.first_error, Some(9));
        assert!(stats.is_damaged_utf8());
        let (gbk, _, _) = GBK.encode("这是一段很长的中文文本，里面只有一个坏字节。");
        assert!(!utf8_stats(&gbk).is_damaged_utf8());
        assert!(!utf8_stats("全部有效".as_bytes()).is_damaged_utf8());
    }

    #[test]
    fn legacy_guess_picks_the_clean_reading() {
        let text = "外婆家所在的那条老街，明年开春就要拆了。消息传来的时候，我正在外地出差。";
        let (gbk, _, _) = GBK.encode(text);
        let (encoding, decoded) = decode_legacy(&gbk);
        assert_eq!(encoding, GBK);
        assert_eq!(decoded.text, text);
        assert_eq!(decoded.errors, 0);
    }

    #[test]
    fn chinese_fast_path_takes_only_chinese() {
        let trad = "外婆家所在的那條老街，明年開春就要拆了。消息傳來的時候，我正在外地出差，一連幾天都睡不好。我們都是這裡的人。";
        let (big5, _, _) = BIG5.encode(trad);
        assert!(low_trail_share_percent(&big5) >= 10);
        let (encoding, decoded) = decode_chinese(&big5).unwrap();
        assert_eq!((encoding, decoded.text.as_str()), (BIG5, trad));
        let (euc_jp, _, _) = EUC_JP.encode(
            "祖母の家がある古い通りは、来年の春に取り壊されることになった。その知らせを聞いたとき、私は出張中で、何日もよく眠れなかった。",
        );
        assert_eq!(low_trail_share_percent(&euc_jp), 0);
        assert!(decode_chinese(&euc_jp).is_none());
    }

    #[test]
    fn encode_exact_refuses_unmappable_text() {
        assert_eq!(encode_exact("中", GBK), Some(vec![0xD6, 0xD0]));
        assert_eq!(encode_exact("한", GBK), None);
    }
}
