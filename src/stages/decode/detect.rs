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

/// The name to report for bytes read with the GBK/GB18030 decoder: `"GBK"` unless a
/// four-byte GB18030 sequence occurs, or a character of row 0xFE that GBK left to private
/// use and GB18030 assigned (0xFE50–0xFEA0, e.g. 䶮 at 0xFE9F). `decoded_cleanly`: the
/// decoder met no invalid sequence in `bytes`, which allows a faster test.
pub(crate) fn gbk_family_name(bytes: &[u8], decoded_cleanly: bool) -> &'static str {
    // In clean bytes two tests that need no full character-by-character scan answer the
    // same as that scan, several times faster.
    let gb18030 = if decoded_cleanly {
        has_four_byte_shape(bytes) || has_row_fe_character(bytes)
    } else {
        has_gb18030_only_sequence(bytes)
    };
    if gb18030 {
        GB18030.name()
    } else {
        GBK.name()
    }
}

/// The aligned scan: reads `bytes` character by character (a byte from 0x81 opens a
/// two-byte character) and stops at the first four-byte sequence (a digit as second
/// byte) or row-0xFE character GBK lacks.
fn has_gb18030_only_sequence(bytes: &[u8]) -> bool {
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x81 || b == 0xFF {
            i += 1;
            continue;
        }
        match bytes.get(i + 1) {
            Some(t) if t.is_ascii_digit() => return true,
            Some(0x50..=0xA0) if b == 0xFE => return true,
            _ => i += 2,
        }
    }
    false
}

/// Whether clean bytes without four-byte sequences hold a character of row 0xFE that GBK
/// lacks: 0xFE followed by 0x50–0xA0, where that 0xFE leads a pair. 0xFE is also a
/// common trail byte, so for each such spot the characters are walked from the last
/// known character start (a byte from 0x81 opens a pair, any other is one character).
fn has_row_fe_character(bytes: &[u8]) -> bool {
    let mut walked_to = 0;
    for at in memchr::memchr_iter(0xFE, bytes) {
        if !matches!(bytes.get(at + 1), Some(0x50..=0xA0)) || at < walked_to {
            continue;
        }
        while walked_to < at {
            walked_to += if bytes[walked_to] >= 0x81 { 2 } else { 1 };
        }
        if walked_to == at {
            return true;
        }
    }
    false
}

/// Whether `bytes` hold a byte from 0x81, a digit, a byte from 0x81 and a digit in a row:
/// the shape of every four-byte GB18030 sequence. In bytes the decoder read without error
/// the shape occurs only where there is one: its first byte (from 0x81, so not a one-byte
/// character) is the first or third byte of a four-byte sequence, or the second byte of a
/// two-byte character, whose trail is never a digit; then the digit stands alone and the
/// byte after it opens a character whose second byte is a digit, a four-byte sequence.
/// No alignment is needed, so the test runs over fixed blocks the compiler vectorises.
fn has_four_byte_shape(bytes: &[u8]) -> bool {
    const BLOCK: usize = 64;
    let high = |b: u8| b >= 0x81;
    let digit = |b: u8| b.wrapping_sub(b'0') < 10;
    let mut start = 0;
    while start + 3 < bytes.len() {
        let end = (start + BLOCK).min(bytes.len() - 3);
        let (a, b) = (&bytes[start..end], &bytes[start + 1..end + 1]);
        let (c, d) = (&bytes[start + 2..end + 2], &bytes[start + 3..end + 3]);
        // No early exit inside a block, so that the loop vectorises.
        let found = a
            .iter()
            .zip(b)
            .zip(c.iter().zip(d))
            .fold(false, |found, ((&a, &b), (&c, &d))| {
                found | (high(a) & digit(b) & high(c) & digit(d))
            });
        if found {
            return true;
        }
        start = end;
    }
    false
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
    fn gb18030_name_only_with_four_byte_sequences() {
        for clean in [true, false] {
            assert_eq!(gbk_family_name(b"\xD6\xD0a", clean), "GBK");
            // 第3章: a digit after a two-byte character is not a four-byte sequence.
            assert_eq!(gbk_family_name(b"\xB5\xDA3\xD5\xC2", clean), "GBK");
            let (four, _, _) = GB18030.encode("\u{20AC}\u{1F600}");
            assert_eq!(gbk_family_name(&four, clean), "gb18030");
            assert_eq!(gbk_family_name(b"\xC1\xF5\xFE\x9F", clean), "gb18030");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(2000))]

        /// The shape test names the family as the aligned scan does, on clean GB18030
        /// bytes of any mix of ASCII (digits above all), two-byte characters, row-0xFE
        /// characters, characters only four-byte sequences hold and the lone byte 0x80
        /// (€, which the encoder never writes).
        #[test]
        fn shape_test_agrees_with_the_aligned_scan(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "第", "3", "章", "0", "a", "P", "中文", "剥", "狛", "丂", "⺁", "，",
                    "\u{80}", "€", "é", "䶮", "\u{E5E5}", "\u{1F600}", "\u{3400}",
                    "\u{FFFD}", "한", "\u{9FA6}", "@", "lone 0x80",
                ]),
                0..24,
            ),
        ) {
            let bytes: Vec<u8> = parts
                .iter()
                .flat_map(|&part| match part {
                    "lone 0x80" => vec![0x80],
                    text => GB18030.encode(text).0.into_owned(),
                })
                .collect();
            let decoded = decode_counting(GB18030, &bytes);
            proptest::prop_assert_eq!(decoded.errors, 0);
            proptest::prop_assert_eq!(
                gbk_family_name(&bytes, true),
                gbk_family_name(&bytes, false),
                "{:02X?}", &bytes[..]
            );
            proptest::prop_assert_eq!(
                has_four_byte_shape(&bytes) || has_row_fe_character(&bytes),
                has_gb18030_only_sequence(&bytes)
            );
        }
    }

    #[test]
    fn encode_exact_refuses_unmappable_text() {
        assert_eq!(encode_exact("中", GBK), Some(vec![0xD6, 0xD0]));
        assert_eq!(encode_exact("한", GBK), None);
    }
}
