//! GBK mojibake: UTF-8 read as GBK. Every character of the wrong reading stands for two
//! bytes of the original (or one: ASCII, and € for 0x80).

use std::sync::OnceLock;

use crate::stages::decode::cjk::{count_ideographs, is_plausible_text_char, CJK_START};
use crate::stages::decode::detect::encode_exact;

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
pub(super) struct GbkTally {
    table: &'static [u64],
    non_ascii: usize,
    in_set: usize,
    ideographs: usize,
}

impl GbkTally {
    pub fn new() -> Self {
        GbkTally {
            table: gbk_mojibake_chars(),
            non_ascii: 0,
            in_set: 0,
            ideographs: 0,
        }
    }

    /// Counts one non-ASCII code point.
    #[inline]
    pub fn add(&mut self, cp: u32) {
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
    pub fn is_suspect(&self) -> bool {
        self.ideographs >= 2 && self.in_set * 10 >= self.non_ascii * 9
    }

    /// Whether one line (without its line end) is suspect, as [`GbkTally::is_suspect`]
    /// after adding all its characters. The scan stops once the line cannot be suspect
    /// even if all the rest were in the set: ordinary Chinese has only about a fifth of
    /// its characters there.
    pub fn line_is_suspect(line: &str) -> bool {
        let mut tally = GbkTally::new();
        for (at, c) in line.char_indices().filter(|(_, c)| !c.is_ascii()) {
            tally.add(c as u32);
            // Each character still to come has two bytes at least.
            let rest = line.len() - at - c.len_utf8();
            let out = tally.non_ascii - tally.in_set;
            if tally.in_set + rest / 2 < 9 * out {
                return false;
            }
        }
        tally.is_suspect()
    }

    pub fn of_line(line: &str) -> Self {
        let mut tally = GbkTally::new();
        for c in line.chars().filter(|c| !c.is_ascii()) {
            tally.add(c as u32);
        }
        tally
    }
}
/// Undoes a GBK reading on one line, if that is clearly better: the line is suspect (see
/// [`GbkTally`]) and re-encoding its non-ASCII runs as GBK gives valid UTF-8 made mostly
/// of common characters.
pub(super) fn repair_gbk(line: &str) -> Option<String> {
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
