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

mod gbk;
mod latin;

use super::RepairedLine;
use gbk::{repair_gbk, GbkTally};
use latin::repair_latin;

/// The wrong reading undone by a Latin repair that needed windows-1252's extra characters.
pub const WINDOWS_1252: &str = "windows-1252";
/// The wrong reading undone by a Latin repair that needed only Latin-1.
pub const LATIN_1: &str = "ISO-8859-1";
/// The wrong reading undone by a GBK repair.
pub const GBK: &str = "GBK";

/// How sure a line's repair is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Evidence {
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
/// The lines that may hold mojibake: lines with a 0xC3 byte (every Latin mojibake
/// character U+00C2–U+00F4 starts with it) and lines that may be GBK mojibake (see
/// [`GbkTally`]). Line numbers count LF, CR LF and CR ends. Line ends and 0xC3 are found
/// with vectorised searches; the GBK test stops as soon as a line cannot qualify, which
/// in ordinary Chinese text is within its first fifth.
fn suspect_lines(text: &str) -> Vec<Suspect> {
    let bytes = text.as_bytes();
    let mut suspects = Vec::new();
    let (mut line, mut start) = (1u32, 0usize);
    while start < bytes.len() {
        let end = memchr::memchr2(b'\n', b'\r', &bytes[start..]).map_or(bytes.len(), |k| start + k);
        let body = &text[start..end];
        if memchr::memchr(0xC3, body.as_bytes()).is_some() || GbkTally::line_is_suspect(body) {
            suspects.push(Suspect { line, start, end });
        }
        if end == bytes.len() {
            break;
        }
        start = if bytes[end] == b'\r' && bytes.get(end + 1) == Some(&b'\n') {
            end + 2
        } else {
            end + 1
        };
        line += 1;
    }
    suspects
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
    fn bytes_lost_to_replacement_characters_are_filled_when_unambiguous() {
        // A windows-1252 decoder that turns its undefined bytes into U+FFFD (as Python's
        // `errors="replace"` does) loses them; most can be told from the candidates.
        let original = "外婆家所在的那条老街，明年开春就要拆了。我们不要来这里睡觉，口号是理想。";
        let wrong: String = as_cp1252(original)
            .chars()
            .map(|c| match c {
                '\u{81}' | '\u{8D}' | '\u{8F}' | '\u{90}' | '\u{9D}' => '\u{FFFD}',
                c => c,
            })
            .collect();
        assert!(wrong.contains('\u{FFFD}'));
        let (fixed, _) = repair(&wrong).expect("repaired");
        assert_eq!(fixed.chars().count(), original.chars().count());
        for (got, want) in fixed.chars().zip(original.chars()) {
            assert!(
                got == want || got == '\u{FFFD}',
                "{got} for {want} in {fixed}"
            );
        }
        for c in ['睡', '口', '理'] {
            assert!(fixed.contains(c), "{c} not restored in {fixed}");
        }
    }

    #[test]
    fn line_numbers_count_crlf_and_cr_ends_once() {
        let text = format!("one\r\ntwo\rthree\r\n{}\r\nfive", as_cp1252("第四行文字。"));
        let (fixed, lines) = repair(&text).expect("repaired");
        assert_eq!(fixed, "one\r\ntwo\rthree\r\n第四行文字。\r\nfive");
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].line, 4);
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

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(2000))]

        /// The line test that stops early answers as the whole-line tally does, on lines
        /// of Chinese, its GBK mojibake, Latin and Greek text and lost bytes in any mix.
        #[test]
        fn early_stop_agrees_with_the_whole_line_tally(
            parts in proptest::collection::vec(
                (proptest::sample::select(vec![
                    "台北的天气很好", "我们去散步", "经济发展", "a b", "·", "\u{FFFD}", "é", "𠀀", "。",
                    // Two-byte characters GBK mojibake can hold.
                    "ΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠ",
                ]), proptest::bool::ANY),
                0..12,
            ),
        ) {
            let line: String = parts
                .iter()
                .map(|&(part, garbled)| if garbled { as_gbk(part) } else { part.to_string() })
                .collect();
            let early = GbkTally::line_is_suspect(&line);
            proptest::prop_assert_eq!(early, GbkTally::of_line(&line).is_suspect(), "{:?}", line);
        }
    }
}
