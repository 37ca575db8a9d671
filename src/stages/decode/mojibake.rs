//! Mojibake reversal: UTF-8 text that was once read with the wrong encoding
//! (Latin-1/windows-1252, or GBK) and saved again as UTF-8. Each character of the wrong
//! reading stands for one byte (Latin-1) or two (GBK) of the original UTF-8; turning the
//! characters back into those bytes and reading them as UTF-8 gives the text back.
//!
//! The repair is made line by line (a page may be only partly damaged) and only where it
//! is clearly better: the bytes must form valid UTF-8 and give plausible characters
//! (common CJK characters, punctuation, Latin letters) in place of runs of accented
//! letters, C1 controls or rare ideographs. Ordinary French, German or Chinese text never
//! qualifies: its accented letters are not followed by the byte values UTF-8 continuation
//! bytes turn into, and its ideographs do not re-encode to valid UTF-8.

use std::sync::OnceLock;

use super::cjk::{
    count_ideographs, is_cjk_ideograph, is_common_cjk, is_plausible_text_char,
    three_byte_code_point, CJK_START,
};
use super::detect::encode_exact;
use super::RepairedLine;

/// The wrong reading undone by a Latin repair that needed windows-1252's extra characters.
pub const WINDOWS_1252: &str = "windows-1252";
/// The wrong reading undone by a Latin repair that needed only Latin-1.
pub const LATIN_1: &str = "ISO-8859-1";
/// The wrong reading undone by a GBK repair.
pub const GBK: &str = "GBK";

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

/// How sure a line's repair is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Evidence {
    /// The line alone proves the damage.
    Strong,
    /// A pattern that legitimate text can also show (one accented letter followed by two
    /// punctuation marks); repaired only in a document that has strong evidence elsewhere.
    Weak,
}

/// A line's candidate repair.
struct Candidate {
    line: u32,
    start: usize,
    end: usize,
    fixed: String,
    wrong: &'static str,
    evidence: Evidence,
}

/// A line worth a closer look.
struct Suspect {
    line: u32,
    start: usize,
    end: usize,
}

/// The lines that may hold mojibake, found in one pass over the bytes: lines with a
/// 0xC3 byte (every Latin mojibake character U+00C2–U+00F4 starts with it) and lines that
/// may be GBK mojibake (see [`GbkTally`]). Line numbers count LF, CR LF and CR ends.
fn suspect_lines(text: &str) -> Vec<Suspect> {
    let bytes = text.as_bytes();
    let mut suspects = Vec::new();
    let (mut line, mut start) = (1u32, 0usize);
    let mut latin = false;
    let mut gbk = GbkTally::new();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            if b == b'\n' || b == b'\r' {
                if latin || gbk.is_suspect() {
                    suspects.push(Suspect {
                        line,
                        start,
                        end: i,
                    });
                }
                i += if b == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                    2
                } else {
                    1
                };
                (line, start) = (line + 1, i);
                latin = false;
                gbk.reset();
            } else {
                i += 1;
            }
            continue;
        }
        latin |= b == 0xC3;
        let len = match b {
            0xC0..=0xDF => 2,
            0xE0..=0xEF => 3,
            _ => 4,
        };
        if i + len > bytes.len() {
            break;
        }
        let cp = match len {
            2 => (u32::from(b & 0x1F) << 6) | u32::from(bytes[i + 1] & 0x3F),
            3 => three_byte_code_point(b, bytes[i + 1], bytes[i + 2]),
            _ => 0x10000,
        };
        gbk.add(cp);
        i += len;
    }
    if start < bytes.len() && (latin || gbk.is_suspect()) {
        suspects.push(Suspect {
            line,
            start,
            end: bytes.len(),
        });
    }
    suspects
}

/// The characters UTF-8 Chinese text turns into when read as GBK: GBK's reading of every
/// byte pair made of UTF-8 continuation bytes (0x80–0xBF) and leads of three-byte
/// sequences (0xE2–0xEF), and € (a lone 0x80). Ordinary Chinese text has only about a
/// fifth of its ideographs in this set (and some of its punctuation); mojibake has all.
fn gbk_mojibake_chars() -> &'static [u64] {
    static TABLE: OnceLock<Vec<u64>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let utf8_bytes: Vec<u8> = (0x80u8..=0xBF).chain(0xE2..=0xEF).collect();
        let mut pairs = Vec::with_capacity(utf8_bytes.len() * utf8_bytes.len() * 2 + 1);
        pairs.push(0x80);
        for &lead in &utf8_bytes[1..] {
            for &trail in &utf8_bytes {
                pairs.extend_from_slice(&[lead, trail]);
            }
        }
        let mut bits = vec![0u64; 0x10000 / 64];
        for c in encoding_rs::GBK
            .decode_without_bom_handling(&pairs)
            .0
            .chars()
        {
            let cp = c as usize;
            if cp < 0x10000 && c != '\u{FFFD}' {
                bits[cp / 64] |= 1u64 << (cp % 64);
            }
        }
        bits
    })
}

/// Counts, over one line, what tells GBK mojibake.
struct GbkTally {
    table: &'static [u64],
    non_ascii: usize,
    in_set: usize,
    ideographs: usize,
}

impl GbkTally {
    fn new() -> Self {
        GbkTally {
            table: gbk_mojibake_chars(),
            non_ascii: 0,
            in_set: 0,
            ideographs: 0,
        }
    }

    fn reset(&mut self) {
        (self.non_ascii, self.in_set, self.ideographs) = (0, 0, 0);
    }

    /// Counts one non-ASCII code point.
    #[inline]
    fn add(&mut self, cp: u32) {
        // U+FFFD stands where the wrong reading lost a byte: it tells nothing either way.
        if cp == 0xFFFD {
            return;
        }
        self.non_ascii += 1;
        self.ideographs += usize::from((CJK_START..0xA000).contains(&cp));
        let cp = cp as usize;
        self.in_set += usize::from(cp < 0x10000 && self.table[cp / 64] & (1u64 << (cp % 64)) != 0);
    }

    /// At least two ideographs, and nine in ten non-ASCII characters (nearly all) ones that
    /// UTF-8 read as GBK can produce (a few two-byte UTF-8 characters, such as `·`, give
    /// others).
    fn is_suspect(&self) -> bool {
        self.ideographs >= 2 && self.in_set * 10 >= self.non_ascii * 9
    }

    fn of_line(line: &str) -> Self {
        let mut tally = GbkTally::new();
        for c in line.chars().filter(|c| !c.is_ascii()) {
            tally.add(c as u32);
        }
        tally
    }
}

/// The text with mojibake lines repaired, and what was repaired. `None` if nothing was.
pub(crate) fn repair(text: &str) -> Option<(String, Vec<RepairedLine>)> {
    let candidates: Vec<Candidate> = suspect_lines(text)
        .into_iter()
        .filter_map(|s| {
            let (fixed, wrong, evidence) = repair_line(&text[s.start..s.end])?;
            Some(Candidate {
                line: s.line,
                start: s.start,
                end: s.end,
                fixed,
                wrong,
                evidence,
            })
        })
        .collect();
    if !candidates.iter().any(|c| c.evidence == Evidence::Strong) {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut copied_up_to = 0;
    let mut repaired = Vec::with_capacity(candidates.len());
    for candidate in candidates {
        out.push_str(&text[copied_up_to..candidate.start]);
        out.push_str(&candidate.fixed);
        copied_up_to = candidate.end;
        repaired.push(RepairedLine {
            line: candidate.line,
            wrong_encoding: candidate.wrong,
            before: text[candidate.start..candidate.end].to_string(),
            after: candidate.fixed,
        });
    }
    out.push_str(&text[copied_up_to..]);
    Some((out, repaired))
}

/// One line repaired, the wrong reading that was undone, and how sure the repair is.
fn repair_line(line: &str) -> Option<(String, &'static str, Evidence)> {
    if line.as_bytes().contains(&0xC3) {
        if let Some((fixed, used_cp1252, evidence)) = repair_latin(line) {
            let wrong = if used_cp1252 { WINDOWS_1252 } else { LATIN_1 };
            // A line can have been through both (rare); take the GBK step too if it helps.
            return Some(match repair_gbk(&fixed) {
                Some(twice) => (twice, wrong, evidence),
                None => (fixed, wrong, evidence),
            });
        }
    }
    repair_gbk(line).map(|fixed| (fixed, GBK, Evidence::Strong))
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
fn repair_latin(line: &str) -> Option<(String, bool, Evidence)> {
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

/// Undoes a GBK reading on one line, if that is clearly better: the line is suspect (see
/// [`GbkTally`]) and re-encoding its non-ASCII runs as GBK gives valid UTF-8 made mostly
/// of common characters.
fn repair_gbk(line: &str) -> Option<String> {
    if !GbkTally::of_line(line).is_suspect() {
        return None;
    }
    let mut out = String::with_capacity(line.len());
    let mut run_start = None;
    let mut changed = false;
    for (i, c) in line.char_indices() {
        if c.is_ascii() {
            if let Some(s) = run_start.take() {
                changed |= push_gbk_run(&line[s..i], &mut out);
            }
            out.push(c);
        } else if run_start.is_none() {
            run_start = Some(i);
        }
    }
    if let Some(s) = run_start {
        changed |= push_gbk_run(&line[s..], &mut out);
    }
    if !changed {
        return None;
    }
    let (after_ideographs, after_common) = count_ideographs(&out);
    (after_ideographs >= 2 && after_common * 10 >= after_ideographs * 8).then_some(out)
}

/// Pushes `run` repaired (when its GBK bytes are valid UTF-8 of plausible characters) or
/// unchanged. A run cut short by a lost byte ends in U+FFFD or `?`: the part before it is
/// repaired and the incomplete last character stays one U+FFFD.
fn push_gbk_run(run: &str, out: &mut String) -> bool {
    let core = run.trim_end_matches(['\u{FFFD}', '?']);
    let Some(bytes) = encode_exact(core, encoding_rs::GBK) else {
        out.push_str(run);
        return false;
    };
    let (valid, lost_tail) = match std::str::from_utf8(&bytes) {
        Ok(s) => (s, core.len() < run.len()),
        // Only a truncated last character is acceptable, and only where a byte was lost.
        Err(e) if e.error_len().is_none() && core.len() < run.len() => (
            std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default(),
            true,
        ),
        Err(_) => {
            out.push_str(run);
            return false;
        }
    };
    if valid.is_empty() || !valid.chars().all(is_plausible_text_char) || valid.is_ascii() {
        out.push_str(run);
        return false;
    }
    out.push_str(valid);
    if lost_tail {
        out.push('\u{FFFD}');
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `text`'s UTF-8 bytes read as windows-1252 (undefined bytes as C1 controls, the way
    /// browsers and encoding_rs read them).
    fn as_cp1252(text: &str) -> String {
        encoding_rs::WINDOWS_1252
            .decode_without_bom_handling(text.as_bytes())
            .0
            .into_owned()
    }

    fn as_latin1(text: &str) -> String {
        text.bytes().map(char::from).collect()
    }

    fn as_gbk(text: &str) -> String {
        encoding_rs::GBK
            .decode_without_bom_handling(text.as_bytes())
            .0
            .into_owned()
    }

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

    #[test]
    fn latin1_and_cp1252_mojibake_of_chinese_is_repaired() {
        let original =
            "外婆家所在的那条老街，明年开春就要拆了。\n“你小时候就在这里剪的头。”\n我哭了。";
        let (fixed, lines) = repair(&as_latin1(original)).expect("latin-1 repaired");
        assert_eq!(fixed, original);
        assert_eq!(lines.len(), 3);
        assert_eq!(lines[0].wrong_encoding, LATIN_1);
        let (fixed, lines) = repair(&as_cp1252(original)).expect("cp1252 repaired");
        assert_eq!(fixed, original);
        assert!(lines.iter().any(|l| l.wrong_encoding == WINDOWS_1252));
    }

    #[test]
    fn partial_mojibake_is_repaired_per_line() {
        let text = format!(
            "正常的一行中文。\n{}\nA normal English line.",
            as_cp1252("这一行曾被错误解码。")
        );
        let (fixed, lines) = repair(&text).expect("repaired");
        assert_eq!(
            fixed,
            "正常的一行中文。\n这一行曾被错误解码。\nA normal English line."
        );
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].line, 2);
    }

    #[test]
    fn weak_evidence_needs_a_strong_line_in_the_document() {
        // 中 read as windows-1252 is `ä¸\u{AD}`: one wide character, no C1 control.
        let single = as_cp1252("中");
        assert_eq!(repair(&single), None);
        let text = format!("{}\n{single}\n", as_cp1252("第一行文字。"));
        let (fixed, lines) = repair(&text).expect("repaired");
        assert_eq!(fixed, "第一行文字。\n中\n");
        assert_eq!(lines.len(), 2);
        // The same weak pattern in legitimate text: é – » read as UTF-8 is 閻.
        assert_eq!(repair("café–» et voilà"), None);
    }

    #[test]
    fn double_encoded_european_text_is_repaired() {
        let original = "Le café de la gare, où l'on mange très bien.";
        let (fixed, _) = repair(&as_cp1252(original)).expect("repaired");
        assert_eq!(fixed, original);
    }

    #[test]
    fn ordinary_european_text_is_left_alone() {
        for text in [
            "Le café de la gare, où l'on mange très bien. « À bientôt ! »",
            "Die Straße führt über die Brücke. »Schön«, sagte er. GRÜẞE AN MÜNCHEN…",
            "El niño comió paella en Málaga. ¿Qué tal? ¡Olé! CAFÉ… PEÑA’s",
            "Ãgua, Ãrea — SÃO PAULO — NÃO, É…",
        ] {
            assert_eq!(repair(text), None, "{text}");
        }
    }

    #[test]
    fn ordinary_chinese_is_left_alone() {
        for text in [
            "外婆家所在的那条老街，明年开春就要拆了。消息传来的时候，我正在外地出差。",
            "深水埗一幢有七十年歷史的唐樓，經過兩年活化工程，日前以「社區客廳」的形式重新開放。",
            "南汉开国皇帝刘䶮相关的墓志拓片、宫殿建筑构件等120余件文物首次集中展出。",
            "魑魅魍魉，饕餮貔貅，麒麟凤凰。",
        ] {
            assert_eq!(repair(text), None, "{text}");
        }
    }

    #[test]
    fn gbk_mojibake_is_repaired() {
        let original = "台北的天气很好我们去散步";
        let wrong = as_gbk(original);
        assert_ne!(wrong, original);
        let (fixed, lines) = repair(&wrong).expect("repaired");
        assert_eq!(lines[0].wrong_encoding, GBK);
        assert_eq!(fixed, original);
        // 15 bytes of UTF-8 before the space: an odd count, so the GBK reading lost a byte.
        let odd = "今天下雨了 ok";
        let (fixed, _) = repair(&as_gbk(odd)).expect("repaired");
        assert_eq!(fixed, "今天下雨\u{FFFD} ok");
    }
}
