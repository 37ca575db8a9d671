//! decode: input bytes to text. BOMs, UTF-8, UTF-16 with or without BOM, legacy encodings
//! detected per document, mojibake reversed, binaries refused. Nothing is replaced
//! silently: an undecodable input is an error unless `--lossy`.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use crate::config::Settings;
use crate::document::{Action, Document, Edit, EncodingVerdict, LineRange, Source};
use crate::error::{ConfigError, DocumentError};
use crate::rules::RuleInfo;
use crate::stage::{Stage, StageInfo};

mod cjk;
mod detect;
mod gbk;
mod mojibake;
#[cfg(test)]
mod tests;
mod utf16;
pub use utf16::encode_utf16;

pub const STAGE: &str = "decode";

pub static LEGACY_ENCODING: RuleInfo = RuleInfo {
    code: "E101",
    name: "legacy-encoding",
    summary: "the input is not UTF-8 and was converted",
    explanation: "The input was written in an encoding other than UTF-8 (GBK/GB18030, Big5, \
        Shift_JIS, EUC-KR, UTF-16, windows-125x…). thresh detects the encoding per document \
        (byte order mark, UTF-16 NUL-byte parity, then statistical detection on a prefix) and \
        writes UTF-8. `--encoding LABEL` forces an encoding instead. In check mode a corpus \
        file that is not UTF-8 is a finding.",
};

pub static BYTE_ORDER_MARK: RuleInfo = RuleInfo {
    code: "E102",
    name: "byte-order-mark",
    summary: "a byte order mark opens the input",
    explanation: "The input starts with a UTF-8 or UTF-16 byte order mark. It tells the \
        encoding (and is used for that) but is not text: the output is UTF-8 without a BOM.",
};

pub static MOJIBAKE: RuleInfo = RuleInfo {
    code: "E103",
    name: "mojibake",
    summary: "text that was decoded with the wrong encoding and saved again is repaired",
    explanation: "UTF-8 text that was once read as Latin-1/windows-1252 (or GBK) and saved again \
        turns Chinese into runs of accented Latin letters (`æˆ‘çš„` for `我的`); read as GBK, into rare \
        ideographs (`鍙板寳` for `台北`). When \
        re-encoding with the wrong encoding and decoding as UTF-8 gives clearly better text \
        (valid UTF-8, common CJK characters instead of accented Latin runs), the repair is \
        applied and recorded, one edit per line. Ordinary European or Chinese text never \
        qualifies.",
};

pub static REPLACEMENT_CHARACTERS: RuleInfo = RuleInfo {
    code: "E104",
    name: "replacement-characters",
    summary: "invalid byte sequences were replaced by U+FFFD (only with --lossy)",
    explanation: "Some bytes of the input are not valid in its encoding. Without `--lossy` \
        that is an error for the input and nothing is written for it; with `--lossy` each \
        invalid sequence becomes U+FFFD and the count is reported.",
};

pub static LINE_ENDS: RuleInfo = RuleInfo {
    code: "E105",
    name: "line-ends",
    summary: "CR LF or CR line ends converted to LF",
    explanation: "The output uses LF line ends only. Inputs with CR LF (Windows) or bare CR \
        (old Mac) line ends are converted; one finding per document gives the count.",
};

static RULES: &[RuleInfo] = &[
    LEGACY_ENCODING,
    BYTE_ORDER_MARK,
    MOJIBAKE,
    REPLACEMENT_CHARACTERS,
    LINE_ENDS,
];

pub static INFO: StageInfo = StageInfo {
    name: STAGE,
    summary: "bytes to text: encoding detection, UTF-16, mojibake repair, binary refusal",
    rules: RULES,
    build: build_stage,
};

/// `[decode]` in `thresh.toml`.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct DecodeSettings {
    /// Force this encoding (a WHATWG label such as `gbk`, `big5`, `utf-16le`) instead of
    /// detecting one.
    pub encoding: Option<String>,
    /// Replace undecodable byte sequences by U+FFFD instead of refusing the input.
    pub lossy: bool,
}

/// What `decode_bytes` needs to know.
#[derive(Clone, Debug, Default)]
pub struct DecodeOptions {
    /// Forced encoding label (`--encoding`): overrides detection.
    pub encoding: Option<String>,
    /// Replace invalid byte sequences by U+FFFD instead of refusing the input.
    pub lossy: bool,
    /// Try to reverse mojibake.
    pub repair_mojibake: bool,
    /// The bytes are the text field of a JSON record: already Unicode.
    pub from_json: bool,
}

/// One line whose mojibake was reversed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RepairedLine {
    /// 1-based line number in the decoded text (lines end at LF, CR LF or CR).
    pub line: u32,
    /// The wrong reading that was undone (`"windows-1252"`, `"ISO-8859-1"`, `"GBK"`).
    pub wrong_encoding: &'static str,
    pub before: String,
    pub after: String,
}

/// The result of decoding one input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub verdict: EncodingVerdict,
    /// The lines mojibake repair changed, in order.
    pub repaired_lines: Vec<RepairedLine>,
}

/// Decodes one document's bytes.
///
/// In order: a forced encoding wins; then a byte order mark; then NUL bytes (UTF-16 if
/// they sit on one parity, otherwise the input is binary); then valid UTF-8; then a clean
/// GBK or Big5 reading that reads as Chinese; then UTF-16 made only of CJK; then legacy
/// encodings detected by chardetng and checked by decoding the whole input. Decoded text
/// with NUL characters is binary. Invalid sequences are an error unless `options.lossy`.
/// Mojibake is reversed afterwards when `options.repair_mojibake` (see `repair_fully`).
///
/// ```
/// use thresh::stages::decode::{decode_bytes, DecodeOptions};
/// let (gbk, _, _) = encoding_rs::GBK.encode("外婆家所在的那条老街，明年开春就要拆了。");
/// let decoded = decode_bytes(&gbk, &DecodeOptions::default()).unwrap();
/// assert_eq!(decoded.text, "外婆家所在的那条老街，明年开春就要拆了。");
/// assert_eq!(decoded.verdict.encoding, "GBK");
/// ```
pub fn decode_bytes(bytes: &[u8], options: &DecodeOptions) -> Result<Decoded, DocumentError> {
    let (text, verdict, repaired_lines) = decode_cow(bytes, options)?;
    Ok(Decoded {
        text: text.into_owned(),
        verdict,
        repaired_lines,
    })
}

/// [`decode_bytes`], with valid UTF-8 that needs no repair borrowed from `bytes` instead
/// of copied (the stage splits it into blocks straight away).
fn decode_cow<'a>(
    bytes: &'a [u8],
    options: &DecodeOptions,
) -> Result<(Cow<'a, str>, EncodingVerdict, Vec<RepairedLine>), DocumentError> {
    let (mut text, mut verdict) = decode_text(bytes, options)?;
    let mut repaired_lines = Vec::new();
    if options.repair_mojibake {
        if let Some((fixed, lines)) = repair_fully(&text) {
            text = Cow::Owned(fixed);
            verdict.mojibake_repaired = lines.first().map(|l| l.wrong_encoding.to_string());
            repaired_lines = lines;
        }
    }
    Ok((text, verdict, repaired_lines))
}

/// How many times a repaired text is checked for mojibake again at most.
const MAX_REPAIR_ROUNDS: usize = 4;

/// Mojibake repair until the text looks, to [`mojibake::repair`], like text that needs
/// none: what decode writes is then what decode reads back unchanged (cleaning is
/// idempotent). One round can leave a line with evidence of its own (a line misread twice,
/// or a partly damaged one whose first round exposed another run), and the rounds stop as
/// soon as one finds nothing. A line repaired in several rounds is one repair, from its
/// first text to its last.
///
/// Text read from a legacy encoding is checked too: mojibake in it means its bytes were
/// UTF-8 after all, damaged so that detection read them as something else (reading it
/// again as UTF-8 would find and reverse the mojibake).
fn repair_fully(text: &str) -> Option<(String, Vec<RepairedLine>)> {
    let (mut text, mut lines) = mojibake::repair(text)?;
    for _ in 1..MAX_REPAIR_ROUNDS {
        let Some((fixed, again)) = mojibake::repair(&text) else {
            break;
        };
        text = fixed;
        for line in again {
            match lines.iter_mut().find(|l| l.line == line.line) {
                Some(first) => first.after = line.after,
                None => lines.push(line),
            }
        }
    }
    lines.sort_by_key(|l| l.line);
    Some((text, lines))
}

fn verdict(encoding: &str, bom: bool, method: &str) -> EncodingVerdict {
    EncodingVerdict {
        encoding: encoding.to_string(),
        bom,
        method: method.to_string(),
        ..EncodingVerdict::default()
    }
}

/// Turns a counted decoding into text, or into the error it is without `--lossy`.
fn accept(
    decoding: detect::Decoding,
    encoding_name: &str,
    mut verdict: EncodingVerdict,
    lossy: bool,
) -> Result<(String, EncodingVerdict), DocumentError> {
    if decoding.errors > 0 {
        if !lossy {
            return Err(DocumentError::Undecodable {
                encoding: encoding_name.to_string(),
                count: decoding.errors,
                first_offset: decoding.first_error.unwrap_or(0),
            });
        }
        verdict.replacements = decoding.errors;
    }
    Ok((decoding.text, verdict))
}

/// Decodes, and refuses text with NUL characters (binary data behind a BOM or read with a
/// forced encoding) — except in JSON strings, which are text whatever they hold.
fn decode_text<'a>(
    bytes: &'a [u8],
    options: &DecodeOptions,
) -> Result<(Cow<'a, str>, EncodingVerdict), DocumentError> {
    let (text, verdict) = decode_text_unchecked(bytes, options)?;
    if options.from_json {
        return Ok((text, verdict));
    }
    match memchr::memchr(0, text.as_bytes()) {
        None => Ok((text, verdict)),
        Some(at) => {
            let offset = if verdict.encoding.starts_with("UTF-16") {
                usize::from(verdict.bom) * 2 + 2 * text[..at].encode_utf16().count()
            } else {
                bytes.iter().position(|&b| b == 0).unwrap_or(at)
            };
            Err(DocumentError::Binary { offset })
        }
    }
}

fn decode_text_unchecked<'a>(
    bytes: &'a [u8],
    options: &DecodeOptions,
) -> Result<(Cow<'a, str>, EncodingVerdict), DocumentError> {
    let owned = |(text, verdict): (String, EncodingVerdict)| (Cow::Owned(text), verdict);
    if let Some(label) = &options.encoding {
        return decode_forced(bytes, label, options.lossy).map(owned);
    }
    if options.from_json {
        let decoding = detect::decode_counting(encoding_rs::UTF_8, bytes);
        return accept(
            decoding,
            "UTF-8",
            verdict("UTF-8", false, "json"),
            options.lossy,
        )
        .map(owned);
    }
    if let Some((encoding, bom_len)) = detect::sniff_bom(bytes) {
        let decoding = detect::decode_counting(encoding, &bytes[bom_len..]);
        return accept(
            decoding,
            encoding.name(),
            verdict(encoding.name(), true, "bom"),
            options.lossy,
        )
        .map(owned);
    }
    if let Some(first_nul) = memchr::memchr(0, bytes) {
        return match utf16::decode_nul_containing(bytes) {
            Some((encoding, text)) => Ok(owned((
                text,
                verdict(encoding.name(), false, "utf-16-heuristic"),
            ))),
            None => Err(DocumentError::Binary { offset: first_nul }),
        };
    }
    // The SIMD validator is several times faster than `std::str::from_utf8` on CJK text,
    // where every character takes the standard one's slow path.
    if let Ok(text) = simdutf8::basic::from_utf8(bytes) {
        return Ok((Cow::Borrowed(text), verdict("UTF-8", false, "utf-8")));
    }
    if let Some((encoding, decoding)) = detect::decode_chinese(bytes) {
        let name = legacy_name(encoding, &decoding);
        return Ok(owned((decoding.text, verdict(name, false, "detected"))));
    }
    if let Some(encoding) = utf16::sniff_without_nul(bytes) {
        if let Some(text) = utf16::decode_if_text(bytes, encoding) {
            return Ok(owned((
                text,
                verdict(encoding.name(), false, "utf-16-heuristic"),
            )));
        }
    }
    let utf8 = detect::utf8_stats(bytes);
    if utf8.is_damaged_utf8() {
        let decoding = detect::decode_counting(encoding_rs::UTF_8, bytes);
        return accept(
            decoding,
            "UTF-8",
            verdict("UTF-8", false, "utf-8"),
            options.lossy,
        )
        .map(owned);
    }
    let (encoding, decoding) = detect::decode_legacy(bytes);
    let name = legacy_name(encoding, &decoding);
    accept(
        decoding,
        name,
        verdict(name, false, "detected"),
        options.lossy,
    )
    .map(owned)
}

/// The name reported for text read as `encoding` (GBK or GB18030 for that family).
fn legacy_name(
    encoding: &'static encoding_rs::Encoding,
    decoding: &detect::Decoding,
) -> &'static str {
    if encoding == encoding_rs::GBK || encoding == encoding_rs::GB18030 {
        match decoding.gb18030_only {
            true => encoding_rs::GB18030.name(),
            false => encoding_rs::GBK.name(),
        }
    } else {
        encoding.name()
    }
}

/// Decodes with the encoding `--encoding` names. A BOM of that encoding is dropped.
fn decode_forced(
    bytes: &[u8],
    label: &str,
    lossy: bool,
) -> Result<(String, EncodingVerdict), DocumentError> {
    let encoding = encoding_rs::Encoding::for_label(label.trim().as_bytes())
        .ok_or_else(|| DocumentError::UnknownEncoding(label.to_string()))?;
    let (bom, body) = match detect::sniff_bom(bytes) {
        Some((bom_encoding, len)) if bom_encoding == encoding => (true, &bytes[len..]),
        _ => (false, bytes),
    };
    let decoding = detect::decode_counting(encoding, body);
    accept(
        decoding,
        encoding.name(),
        verdict(encoding.name(), bom, "forced"),
        lossy,
    )
}

struct DecodeStage {
    options: DecodeOptions,
    report_line_ends: bool,
}

fn build_stage(settings: &Settings) -> Result<Box<dyn Stage>, ConfigError> {
    if let Some(label) = &settings.decode.encoding {
        if encoding_rs::Encoding::for_label(label.trim().as_bytes()).is_none() {
            return Err(ConfigError::Invalid(format!(
                "unknown encoding label {label:?}"
            )));
        }
    }
    Ok(Box::new(DecodeStage {
        options: DecodeOptions {
            encoding: settings.decode.encoding.clone(),
            lossy: settings.decode.lossy,
            repair_mojibake: settings.rule_enabled(MOJIBAKE.code),
            from_json: false,
        },
        report_line_ends: settings.rule_enabled(LINE_ENDS.code),
    }))
}

impl Stage for DecodeStage {
    fn name(&self) -> &'static str {
        STAGE
    }

    fn apply(&self, doc: &mut Document) -> Result<(), DocumentError> {
        let mut options = self.options.clone();
        options.from_json = matches!(doc.source, Some(Source::JsonlLine { .. }));
        // Taken out of the document, so that valid UTF-8 can be split into blocks straight
        // from it while edits are recorded; put back if it does not decode.
        let raw = std::mem::take(&mut doc.raw);
        let (text, verdict, repaired_lines) = match decode_cow(&raw, &options) {
            Ok(decoded) => decoded,
            Err(e) => {
                doc.raw = raw;
                return Err(e);
            }
        };
        let first_line = LineRange::line(1);
        if verdict.encoding != "UTF-8" && !options.from_json {
            doc.record(
                Edit::new(STAGE, &LEGACY_ENCODING, Action::Transcode, first_line)
                    .before(verdict.encoding.clone())
                    .after("UTF-8")
                    .reason(format!("read as {} ({})", verdict.encoding, verdict.method)),
            );
        }
        if verdict.bom {
            doc.record(
                Edit::new(STAGE, &BYTE_ORDER_MARK, Action::Remove, first_line)
                    .reason("byte order mark removed"),
            );
        }
        for repaired in &repaired_lines {
            doc.record(
                Edit::new(
                    STAGE,
                    &MOJIBAKE,
                    Action::Replace,
                    LineRange::line(repaired.line),
                )
                .before(repaired.before.clone())
                .after(repaired.after.clone())
                .reason(format!(
                    "reversed UTF-8 misread as {}",
                    repaired.wrong_encoding
                )),
            );
        }
        if verdict.replacements > 0 {
            doc.record(
                Edit::new(STAGE, &REPLACEMENT_CHARACTERS, Action::Replace, first_line).reason(
                    format!(
                        "{} invalid byte sequence(s) replaced by U+FFFD",
                        verdict.replacements
                    ),
                ),
            );
        }
        let non_lf = doc.set_text(&text);
        if non_lf > 0 && self.report_line_ends {
            doc.record(
                Edit::new(STAGE, &LINE_ENDS, Action::Replace, first_line)
                    .reason(format!("{non_lf} CR LF / CR line end(s) converted to LF")),
            );
        }
        doc.encoding = Some(verdict);
        Ok(())
    }
}
