//! The bytes a generated document is delivered as: UTF-8 (with or without a byte order
//! mark), UTF-16, GBK, Big5, or mojibake (UTF-8 read as windows-1252 and saved again).

use super::prose::is_han;
use super::{Script, TextEncoding};
use crate::stages::decode::encode_utf16;

/// Legacy encodings need enough Chinese for any detector to tell them apart (the decode
/// stage's own tests use the same floor).
const MIN_HAN_FOR_LEGACY: usize = 40;

/// `text` as bytes in `wanted`, or in UTF-8 when `wanted` cannot carry it (a GBK page needs
/// Simplified Chinese that GBK maps, Big5 Traditional that Big5 maps, mojibake Chinese).
/// Returns the encoding actually used.
pub fn encode(text: &str, wanted: TextEncoding, script: Script) -> (Vec<u8>, TextEncoding) {
    let han = text.chars().filter(|&c| is_han(c)).count();
    let chinese = script != Script::English && han >= MIN_HAN_FOR_LEGACY;
    let legacy = |enc: &'static encoding_rs::Encoding| {
        let (bytes, _, unmappable) = enc.encode(text);
        (!unmappable).then(|| bytes.into_owned())
    };
    let encoded = match wanted {
        TextEncoding::Utf8 => None,
        TextEncoding::Utf8Bom => Some([&b"\xEF\xBB\xBF"[..], text.as_bytes()].concat()),
        TextEncoding::Utf16Le => Some(encode_utf16(text, true, true)),
        TextEncoding::Utf16Be => Some(encode_utf16(text, false, true)),
        TextEncoding::Gbk if chinese && script != Script::Traditional => legacy(encoding_rs::GBK),
        TextEncoding::Big5 if chinese && script == Script::Traditional => legacy(encoding_rs::BIG5),
        TextEncoding::Mojibake if chinese => {
            let (wrong, _, _) = encoding_rs::WINDOWS_1252.decode(text.as_bytes());
            Some(wrong.into_owned().into_bytes())
        }
        _ => None,
    };
    match encoded {
        Some(bytes) => (bytes, wanted),
        None => (text.as_bytes().to_vec(), TextEncoding::Utf8),
    }
}
