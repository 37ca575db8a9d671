//! GBK/GB18030 decoding, table-driven for the common case: ASCII and two-byte characters.
//! The table is made by encoding_rs's own decoder, so the text is the one it gives; a line
//! holding anything else (a four-byte sequence, a lone 0x80, an invalid or unmapped pair)
//! is handed to encoding_rs whole. Decoding was most of the time of reading a GBK page,
//! and the general decoder spends several times the instructions per character.

use std::sync::OnceLock;

use super::detect::{decode_counting_generic, Decoding};

/// One table entry: the character's UTF-8 bytes in the low three bytes (little-endian
/// order), their count in the high byte, with [`GB18030_ONLY`]; 0 for a pair left to
/// encoding_rs.
type Entry = u32;

/// Set in the entries of row 0xFE's characters that GBK left to private use and GB18030
/// assigned (0xFE50–0xFEA0, e.g. 䶮 at 0xFE9F).
const GB18030_ONLY: Entry = 0x80 << 24;

/// The entry of every (lead, trail) byte pair, indexed by `lead << 8 | trail`.
fn pair_table() -> &'static [Entry; 1 << 16] {
    static TABLE: OnceLock<Box<[Entry; 1 << 16]>> = OnceLock::new();
    TABLE.get_or_init(|| {
        // Every pair followed by a newline, decoded in one call: a pair that decodes to
        // one character gives a line of one character (a pair never decodes to `\n`, and
        // an invalid one gives U+FFFD).
        let mut input = Vec::with_capacity(126 * 191 * 3);
        for lead in 0x81u8..=0xFE {
            for trail in 0x40u8..=0xFE {
                input.extend_from_slice(&[lead, trail, b'\n']);
            }
        }
        let (text, _) = encoding_rs::GBK.decode_without_bom_handling(&input);
        let mut table: Box<[Entry; 1 << 16]> = vec![0; 1 << 16]
            .into_boxed_slice()
            .try_into()
            .expect("the table has 1 << 16 entries");
        let pairs =
            (0x81usize..=0xFE).flat_map(|lead| (0x40usize..=0xFE).map(move |t| lead << 8 | t));
        for (index, line) in pairs.zip(text.split('\n')) {
            let mut chars = line.chars();
            if let (Some(c), None) = (chars.next(), chars.next()) {
                if c != '\u{FFFD}' && c.len_utf8() <= 3 {
                    let mut utf8 = [0u8; 4];
                    let len = c.encode_utf8(&mut utf8).len();
                    utf8[3] = len as u8;
                    table[index] = Entry::from_le_bytes(utf8);
                    if matches!(index, 0xFE50..=0xFEA0) {
                        table[index] |= GB18030_ONLY;
                    }
                }
            }
        }
        table
    })
}

/// `bytes` decoded as GBK/GB18030, invalid sequences counted: what
/// [`decode_counting_generic`] gives for GB18030, faster, and whether the bytes hold
/// something only GB18030 has (see [`Decoding::gb18030_only`]).
pub(crate) fn decode(bytes: &[u8]) -> Decoding {
    let table = pair_table();
    // Two bytes give at most three of UTF-8 and one gives one; each write is four bytes
    // wide (the last one's spare byte is cut off below).
    let mut out = vec![0u8; bytes.len() + bytes.len() / 2 + 4];
    let (mut i, mut o) = (0, 0);
    let (mut errors, mut first_error) = (0u64, None);
    // The entries read, or-ed: tells whether one was GB18030-only.
    let mut entries_read: Entry = 0;
    let mut gb18030_only = false;
    while i < bytes.len() {
        let lead = bytes[i];
        if lead < 0x80 {
            out[o] = lead;
            (i, o) = (i + 1, o + 1);
            continue;
        }
        let entry = match bytes.get(i + 1) {
            Some(&trail) => table[usize::from(lead) << 8 | usize::from(trail)],
            None => 0,
        };
        if entry != 0 {
            out[o..o + 4].copy_from_slice(&entry.to_le_bytes());
            entries_read |= entry;
            (i, o) = (i + 2, o + (entry >> 24 & 0x7F) as usize);
            continue;
        }
        // Something else: the rest of the line goes to encoding_rs. A line end (LF or
        // CR, neither of which a sequence can hold) ends every sequence, valid or not,
        // so its decoder ends the line in the state the table path starts from, and the
        // line reads as it would in the whole input.
        let end = memchr::memchr2(b'\n', b'\r', &bytes[i..]).map_or(bytes.len(), |k| i + k + 1);
        let line = decode_counting_generic(encoding_rs::GB18030, &bytes[i..end]);
        gb18030_only |= has_gb18030_only_sequence(&bytes[i..end]);
        errors += line.errors;
        first_error = first_error.or(line.first_error.map(|at| i + at));
        // The line's text may be longer than the room its bytes were given.
        let room_needed = o + line.text.len() + (bytes.len() - end) * 3 / 2 + 4;
        if out.len() < room_needed {
            out.resize(room_needed, 0);
        }
        out[o..o + line.text.len()].copy_from_slice(line.text.as_bytes());
        (i, o) = (end, o + line.text.len());
    }
    out.truncate(o);
    debug_assert!(std::str::from_utf8(&out).is_ok());
    // SAFETY: `out[..o]` is a sequence of complete UTF-8 encodings: ASCII bytes, table
    // entries (each made by `char::encode_utf8`, its length and flag added after the
    // spare byte that the next write overwrites or the truncation cuts) and the text of
    // `String`s.
    let text = unsafe { String::from_utf8_unchecked(out) };
    Decoding {
        text,
        errors,
        first_error,
        gb18030_only: gb18030_only || entries_read & GB18030_ONLY != 0,
    }
}

/// Whether bytes that start at a character hold a four-byte sequence (a digit as second
/// byte) or a GB18030-only character of row 0xFE, read character by character as the
/// decoder does (a byte from 0x81 opens a pair). For the lines the table leaves to
/// encoding_rs; the table flags row 0xFE itself, and holds no four-byte sequence.
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// What encoding_rs reads, and the report name the way it was found before the table
    /// decoder: one character-by-character scan of the whole input.
    fn reference(bytes: &[u8]) -> Decoding {
        Decoding {
            gb18030_only: has_gb18030_only_sequence(bytes),
            ..decode_counting_generic(encoding_rs::GB18030, bytes)
        }
    }

    #[test]
    fn every_pair_reads_as_encoding_rs_reads_it() {
        for lead in 0x80u8..=0xFF {
            for trail in 0u8..=0xFF {
                for bytes in [&[b'a', lead, trail, b'z'][..], &[lead, trail], &[lead]] {
                    assert_eq!(decode(bytes), reference(bytes), "{bytes:02X?}");
                }
            }
        }
    }

    /// Every other test compares with encoding_rs, which an empty table (everything
    /// left to encoding_rs) would pass too.
    #[test]
    fn the_table_holds_gbk_two_byte_characters() {
        let table = pair_table();
        assert_eq!(
            table[0xD6D0] & 0x00FF_FFFF,
            Entry::from_le_bytes([0xE4, 0xB8, 0xAD, 0])
        );
        assert_eq!(table[0xD6D0] >> 24, 3);
        // GBK has 21,886 two-byte characters (GB18030 decodes a few more pairs).
        let filled = table.iter().filter(|&&e| e != 0).count();
        assert!((21_886..=24_066).contains(&filled), "{filled}");
        assert_eq!(table[0xFE9F] & GB18030_ONLY, GB18030_ONLY);
        assert_eq!(table[0xB0FE] & GB18030_ONLY, 0);
    }

    #[test]
    fn common_text_takes_the_table_and_the_rest_reads_the_same() {
        let text = "外婆家所在的那条老街，明年开春就要拆了。2024年 · ×ΑΩ абв “引号” ①\n";
        let (gbk, _, unmappable) = encoding_rs::GBK.encode(text);
        assert!(!unmappable);
        assert_eq!(decode(&gbk).text, text);
        let (four, _, _) = encoding_rs::GB18030.encode("中\u{1F600}文\n第二行\n");
        assert_eq!(decode(&four).text, "中\u{1F600}文\n第二行\n");
        let broken = b"\xD6\xD0\xFF\xCE\xC4\n\xD6\xD0\xCE\n\x80ab\xD6";
        let got = decode(broken);
        assert_eq!(got, reference(broken));
        assert_eq!((got.errors, got.first_error), (3, Some(2)));
    }

    #[test]
    fn gb18030_only_with_four_byte_sequences_and_row_fe_characters() {
        let read = |bytes: &[u8]| decode(bytes).gb18030_only;
        assert!(!read(b"\xD6\xD0a"));
        // 第3章: a digit after a two-byte character is not a four-byte sequence.
        assert!(!read(b"\xB5\xDA3\xD5\xC2"));
        let (four, _, _) = encoding_rs::GB18030.encode("\u{20AC}\u{1F600}");
        assert!(read(&four));
        // 䶮, after an invalid byte on the line before.
        assert!(read(b"\xC1\xF5\xFE\x9F"));
        assert!(read(b"\xFF\n\xC1\xF5\xFE\x9F"));
        // 0xFE as the trail of 剥, then `P`: no row-0xFE character.
        assert!(!read(b"\xB0\xFEP"));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]

        /// Any mix of two-byte and four-byte characters, ASCII, digits, newlines and
        /// invalid bytes decodes to the text, error count and first error offset that
        /// encoding_rs gives, and names GB18030 as a scan of the whole input does.
        #[test]
        fn decodes_as_encoding_rs_does(
            parts in proptest::collection::vec(
                prop_oneof![
                    proptest::sample::select(vec![
                        "中文", "，", "a", "3", "\n", "\r\n", " ", "€", "\u{1F600}", "\u{E5E5}",
                        "䶮", "·", "Ω", "\u{80}", "é", "剥", "P", "第", "⺁",
                    ]).prop_map(|s| encoding_rs::GB18030.encode(s).0.into_owned()),
                    proptest::collection::vec(any::<u8>(), 1..4),
                    proptest::sample::select(vec![
                        vec![0x80u8], vec![0xFF], vec![0x81], vec![0xD6], vec![0x81, 0x30],
                        vec![0x81, 0x30, 0x81], vec![0xD6, 0x7F], vec![0xD6, b'\n'],
                        vec![0xD6, b'\r'], vec![0x81, 0x30, b'\r'],
                    ]),
                ],
                0..30,
            ),
        ) {
            let bytes = parts.concat();
            prop_assert_eq!(decode(&bytes), reference(&bytes), "{:02X?}", bytes);
        }
    }
}
