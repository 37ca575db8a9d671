//! Latin mojibake: UTF-8 read as Latin-1 or windows-1252. Every character of the wrong
//! reading stands for one byte of the original.

use super::Evidence;
use crate::stages::decode::cjk::{is_cjk_ideograph, is_common_cjk, is_plausible_text_char};

/// windows-1252 bytes 0x80–0x9F and the characters it reads them as. The five bytes it
/// leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) read as the C1 controls of the same
/// value, like every Latin-1 byte, and are handled with them.
const CP1252_HIGH: [(char, u8); 27] = [
    ('\u{20AC}', 0x80),
    ('\u{201A}', 0x82),
    ('\u{0192}', 0x83),
    ('\u{201E}', 0x84),
    ('\u{2026}', 0x85),
    ('\u{2020}', 0x86),
    ('\u{2021}', 0x87),
    ('\u{02C6}', 0x88),
    ('\u{2030}', 0x89),
    ('\u{0160}', 0x8A),
    ('\u{2039}', 0x8B),
    ('\u{0152}', 0x8C),
    ('\u{017D}', 0x8E),
    ('\u{2018}', 0x91),
    ('\u{2019}', 0x92),
    ('\u{201C}', 0x93),
    ('\u{201D}', 0x94),
    ('\u{2022}', 0x95),
    ('\u{2013}', 0x96),
    ('\u{2014}', 0x97),
    ('\u{02DC}', 0x98),
    ('\u{2122}', 0x99),
    ('\u{0161}', 0x9A),
    ('\u{203A}', 0x9B),
    ('\u{0153}', 0x9C),
    ('\u{017E}', 0x9E),
    ('\u{0178}', 0x9F),
];

/// The byte a Latin-1 or windows-1252 reading turned into `c` (non-ASCII only), and
/// whether it took windows-1252 to get there.
fn latin_byte(c: char) -> Option<(u8, bool)> {
    let cp = c as u32;
    if (0x80..=0xFF).contains(&cp) {
        return Some((cp as u8, false));
    }
    CP1252_HIGH
        .iter()
        .find(|(ch, _)| *ch == c)
        .map(|&(_, b)| (b, true))
}
/// What a Latin repair found on a line.
#[derive(Default)]
struct LatinTally {
    /// Repaired sequences of three or four bytes (CJK, punctuation…).
    wide: usize,
    /// Wide characters that came back right after another one in the same run.
    wide_in_a_row: usize,
    /// A repaired sequence held a C1 control (U+0080–U+009F), which no real text has.
    c1_control: bool,
    /// Repaired two-byte sequences led by `Â` or `Ã` (Latin-1 letters and symbols, the
    /// usual double-encoded European text). Pairs led by other letters (`Ä…` → `ą`) also
    /// occur in legitimate text and only count as weak evidence.
    narrow_latin1: usize,
    /// Any repaired two-byte sequence.
    narrow: usize,
    ideographs: usize,
    common: usize,
    used_cp1252: bool,
}

/// Undoes a Latin-1/windows-1252 reading on one line, if that is clearly better.
pub(super) fn repair_latin(line: &str) -> Option<(String, bool, Evidence)> {
    let mut out = String::with_capacity(line.len());
    let mut tally = LatinTally::default();
    let mut run: Vec<(char, u8, bool)> = Vec::new();
    for c in line.chars() {
        match latin_byte(c) {
            Some((b, cp1252)) => run.push((c, b, cp1252)),
            None => {
                flush_latin_run(&run, &mut out, &mut tally);
                run.clear();
                out.push(c);
            }
        }
    }
    flush_latin_run(&run, &mut out, &mut tally);
    // Repaired ideographs must be mostly common ones, as in real text.
    if tally.common * 2 < tally.ideographs {
        return None;
    }
    // Strong: several multi-byte characters came back (an accented vowel followed by two
    // C1 controls or punctuation marks, again and again, is mojibake), or C1 controls were
    // involved, or two Latin-1 letters came back from `Ã`/`Â` pairs.
    let strong = tally.wide >= 3
        || tally.wide_in_a_row >= 1
        || (tally.wide >= 1 && tally.c1_control)
        || tally.narrow_latin1 >= 2;
    let evidence = if strong {
        Evidence::Strong
    } else if tally.wide + tally.narrow > 0 {
        Evidence::Weak
    } else {
        return None;
    };
    Some((out, tally.used_cp1252, evidence))
}

/// Writes one run of Latin-mappable characters to `out`, replacing every part of it whose
/// bytes form a valid, plausible UTF-8 character by that character.
fn flush_latin_run(run: &[(char, u8, bool)], out: &mut String, tally: &mut LatinTally) {
    let mut i = 0;
    let mut previous_wide = false;
    while i < run.len() {
        let (c, lead, _) = run[i];
        let len = match lead {
            0xC2..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0..=0xF4 => 4,
            _ => 1,
        };
        if len > 1 && i + len <= run.len() {
            let bytes: Vec<u8> = run[i..i + len].iter().map(|&(_, b, _)| b).collect();
            if let Some(decoded) = std::str::from_utf8(&bytes)
                .ok()
                .and_then(|s| s.chars().next())
                .filter(|&d| plausible_latin_repair(d, len))
            {
                out.push(decoded);
                if len == 2 {
                    tally.narrow += 1;
                    tally.narrow_latin1 += usize::from(matches!(lead, 0xC2 | 0xC3));
                } else {
                    tally.wide += 1;
                    tally.wide_in_a_row += usize::from(previous_wide);
                }
                previous_wide = len > 2;
                tally.c1_control |= run[i..i + len]
                    .iter()
                    .any(|&(ch, _, _)| ('\u{80}'..='\u{9F}').contains(&ch));
                if is_cjk_ideograph(decoded) {
                    tally.ideographs += 1;
                    tally.common += usize::from(is_common_cjk(decoded));
                }
                tally.used_cp1252 |= run[i..i + len].iter().any(|&(_, _, w)| w);
                i += len;
                continue;
            }
        }
        out.push(c);
        previous_wide = false;
        i += 1;
    }
}

/// Whether `decoded` (from a `len`-byte sequence) is a believable original character.
/// Two-byte repairs must give Latin letters or Latin-1 symbols: the other two-byte
/// characters (Cyrillic, Hebrew…) also come out of legitimate pairs such as `É…`.
fn plausible_latin_repair(decoded: char, len: usize) -> bool {
    if len == 2 {
        matches!(decoded as u32, 0xA0..=0x17F)
    } else {
        decoded != '\u{FFFD}' && is_plausible_text_char(decoded)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cp1252_table_matches_encoding_rs() {
        for &(c, b) in &CP1252_HIGH {
            let byte = [b];
            let decoded = encoding_rs::WINDOWS_1252
                .decode_without_bom_handling(&byte)
                .0;
            assert_eq!(decoded.chars().next(), Some(c), "byte {b:#x}");
        }
    }
}
