//! Tests of `decode_bytes` and the decode stage, path by path.

use super::*;
use crate::document::Document;

fn auto() -> DecodeOptions {
    DecodeOptions {
        repair_mojibake: true,
        ..DecodeOptions::default()
    }
}

fn forced(label: &str) -> DecodeOptions {
    DecodeOptions {
        encoding: Some(label.into()),
        ..auto()
    }
}

fn lossy() -> DecodeOptions {
    DecodeOptions {
        lossy: true,
        ..auto()
    }
}

const ZH: &str = "外婆家所在的那条老街，明年开春就要拆了。消息传来的时候，我正在外地出差，一连几天都睡不好。\n周末赶回去，街口那家开了三十年的理发店已经关门。\n";
const ZH_TRAD: &str = "深水一幢有七十年歷史的唐樓，經過兩年活化工程，日前以「社區客廳」的形式重新開放。\n負責營運的社福機構表示，區內不少長者居於房間，居住空間狹窄。\n";

#[test]
fn valid_utf8_passes_through() {
    let decoded = decode_bytes(ZH.as_bytes(), &auto()).unwrap();
    assert_eq!(decoded.text, ZH);
    assert_eq!(decoded.verdict.encoding, "UTF-8");
    assert_eq!(decoded.verdict.method, "utf-8");
    assert!(!decoded.verdict.bom);
    assert_eq!(decoded.verdict.mojibake_repaired, None);
}

#[test]
fn boms_name_the_encoding_and_are_dropped() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(ZH.as_bytes());
    let decoded = decode_bytes(&bytes, &auto()).unwrap();
    assert_eq!((decoded.text.as_str(), decoded.verdict.bom), (ZH, true));
    for le in [true, false] {
        let decoded = decode_bytes(&encode_utf16(ZH, le, true), &auto()).unwrap();
        assert_eq!(decoded.text, ZH);
        assert_eq!(decoded.verdict.method, "bom");
        assert_eq!(
            decoded.verdict.encoding,
            if le { "UTF-16LE" } else { "UTF-16BE" }
        );
    }
}

#[test]
fn invalid_utf8_after_a_bom_is_an_error() {
    let err = decode_bytes(b"\xEF\xBB\xBFabc\xFFdef", &auto()).unwrap_err();
    assert!(matches!(
        err,
        DocumentError::Undecodable {
            count: 1,
            first_offset: 3,
            ..
        }
    ));
}

#[test]
fn utf16_without_bom_is_detected() {
    for le in [true, false] {
        for text in [
            ZH,
            "Plain English text, with a newline.\n",
            "中文 mixed with English 123.\n",
        ] {
            let decoded = decode_bytes(&encode_utf16(text, le, false), &auto()).unwrap();
            assert_eq!(decoded.text, text);
            assert_eq!(decoded.verdict.method, "utf-16-heuristic");
        }
    }
    // Pure CJK: no NUL byte at all.
    let pure = "外婆家所在的那条老街明年开春就要拆了消息传来的时候我正在外地出差";
    let decoded = decode_bytes(&encode_utf16(pure, true, false), &auto()).unwrap();
    assert_eq!(decoded.text, pure);
}

#[test]
fn nul_bytes_make_a_binary() {
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0\0\0\x01\0\x08\x06\0\0\0";
    assert_eq!(
        decode_bytes(png, &auto()),
        Err(DocumentError::Binary { offset: 8 })
    );
    // Behind a BOM or with a forced encoding, NUL characters still mean binary.
    assert_eq!(
        decode_bytes(b"\xEF\xBB\xBFab\0", &auto()),
        Err(DocumentError::Binary { offset: 5 })
    );
    assert_eq!(
        decode_bytes(b"\xFF\xFEa\0\0\0", &auto()),
        Err(DocumentError::Binary { offset: 4 })
    );
    assert_eq!(
        decode_bytes(b"ab\0", &forced("latin1")),
        Err(DocumentError::Binary { offset: 2 })
    );
    let mut text_with_nul = ZH.as_bytes().to_vec();
    text_with_nul.push(0);
    assert!(matches!(
        decode_bytes(&text_with_nul, &auto()),
        Err(DocumentError::Binary { .. })
    ));
}

#[test]
fn gbk_big5_and_others_are_detected() {
    let cases: [(&str, &'static encoding_rs::Encoding, &str); 7] = [
        (
            "Le café de la gare, où l'on mange très bien, ferme à minuit. « À bientôt », dit le garçon.\n",
            encoding_rs::WINDOWS_1252,
            "windows-1252",
        ),
        (
            "Die Straße führt über die Brücke zum Bahnhof. Schöne Grüße aus München, schrieb sie.\n",
            encoding_rs::WINDOWS_1252,
            "windows-1252",
        ),
        (ZH, encoding_rs::GBK, "GBK"),
        (ZH_TRAD, encoding_rs::BIG5, "Big5"),
        (
            "祖母の家がある古い通りは、来年の春に取り壊されることになった。その知らせを聞いたとき、私は出張中だった。\n",
            encoding_rs::SHIFT_JIS,
            "Shift_JIS",
        ),
        (
            "할머니 댁이 있는 그 오래된 거리는 내년 봄에 철거된다. 그 소식을 들었을 때 나는 출장 중이었다.\n",
            encoding_rs::EUC_KR,
            "EUC-KR",
        ),
        (
            "Привет, как дела? Это обычный русский текст, написанный в кодировке windows-1251.\n",
            encoding_rs::WINDOWS_1251,
            "windows-1251",
        ),
    ];
    for (text, encoding, name) in cases {
        let (bytes, _, unmappable) = encoding.encode(text);
        assert!(!unmappable);
        let decoded = decode_bytes(&bytes, &auto()).unwrap();
        assert_eq!(decoded.text, text, "{name}");
        assert_eq!(decoded.verdict.encoding, name);
        assert_eq!(decoded.verdict.method, "detected");
    }
}

#[test]
fn hkscs_characters_decode_as_big5() {
    // 埗 (0x96F5) and 劏 (0x9BD3) are HKSCS characters; encoding_rs decodes Big5 as
    // Big5-HKSCS (its encoder, per the WHATWG standard, does not produce them).
    let (head, _, _) = encoding_rs::BIG5.encode("深水");
    let (tail, _, _) = encoding_rs::BIG5.encode(&ZH_TRAD["深水".len()..]);
    let mut bytes = head.into_owned();
    bytes.extend_from_slice(b"\x96\xF5");
    bytes.extend_from_slice(&tail);
    bytes.extend_from_slice(b"\x9B\xD3");
    let decoded = decode_bytes(&bytes, &auto()).unwrap();
    assert_eq!(decoded.verdict.encoding, "Big5");
    assert!(decoded.text.starts_with("深水埗一幢"));
    assert!(decoded.text.ends_with("劏"));
}

#[test]
fn gb18030_four_byte_characters_are_named() {
    let text = "南汉开国皇帝刘䶮相关的墓志拓片、宫殿建筑构件等一百二十余件文物首次集中展出。😀\n";
    let (bytes, _, _) = encoding_rs::GB18030.encode(text);
    let decoded = decode_bytes(&bytes, &auto()).unwrap();
    assert_eq!(decoded.text, text);
    assert_eq!(decoded.verdict.encoding, "gb18030");
}

#[test]
fn undecodable_input_is_an_error_unless_lossy() {
    // Damaged UTF-8: one stray byte in a long valid text.
    let mut bytes = ZH.repeat(2).into_bytes();
    bytes.insert(30, 0xFF);
    let err = decode_bytes(&bytes, &auto()).unwrap_err();
    assert_eq!(
        err,
        DocumentError::Undecodable {
            encoding: "UTF-8".into(),
            count: 1,
            first_offset: 30
        }
    );
    let decoded = decode_bytes(&bytes, &lossy()).unwrap();
    assert_eq!(decoded.verdict.replacements, 1);
    assert_eq!(decoded.text.matches('\u{FFFD}').count(), 1);
    // GBK text with a broken double-byte character.
    let (gbk, _, _) = encoding_rs::GBK.encode(ZH);
    let mut gbk_bytes = gbk.into_owned();
    gbk_bytes.extend_from_slice(b"\xD6\x20more\n");
    assert!(matches!(
        decode_bytes(&gbk_bytes, &auto()),
        Err(DocumentError::Undecodable { encoding, count: 1, .. }) if encoding == "GBK"
    ));
    let decoded = decode_bytes(&gbk_bytes, &lossy()).unwrap();
    assert!(decoded.text.starts_with(ZH));
    assert_eq!(decoded.verdict.replacements, 1);
}

#[test]
fn forced_encoding_overrides_detection() {
    let (gbk, _, _) = encoding_rs::GBK.encode(ZH);
    let decoded = decode_bytes(&gbk, &forced("gb18030")).unwrap();
    assert_eq!(decoded.text, ZH);
    assert_eq!(decoded.verdict.method, "forced");
    // Valid UTF-8 read as windows-1252 because the user says so.
    let decoded = decode_bytes("café".as_bytes(), &forced("latin1")).unwrap();
    assert_eq!(decoded.text, "cafÃ©");
    // Invalid bytes for the forced encoding stay an error.
    assert!(matches!(
        decode_bytes(&gbk, &forced("utf-8")),
        Err(DocumentError::Undecodable { .. })
    ));
    assert_eq!(
        decode_bytes(b"x", &forced("no-such-encoding")),
        Err(DocumentError::UnknownEncoding("no-such-encoding".into()))
    );
}

#[test]
fn mojibake_is_repaired_only_when_asked() {
    let wrong: String = ZH.bytes().map(char::from).collect();
    let decoded = decode_bytes(wrong.as_bytes(), &auto()).unwrap();
    assert_eq!(decoded.text, ZH);
    assert_eq!(
        decoded.verdict.mojibake_repaired.as_deref(),
        Some("ISO-8859-1")
    );
    assert_eq!(decoded.repaired_lines.len(), 2);
    let off = DecodeOptions::default();
    assert_eq!(decode_bytes(wrong.as_bytes(), &off).unwrap().text, wrong);
}

#[test]
fn stage_records_encoding_and_mojibake_edits() {
    let pipeline = crate::pipeline::Pipeline::new(Settings::default()).unwrap();
    let (gbk, _, _) = encoding_rs::GBK.encode(ZH);
    let mut doc = Document::from_bytes("gbk", Source::Memory, gbk.into_owned());
    pipeline.run(&mut doc).unwrap();
    assert_eq!(doc.encoding.as_ref().unwrap().encoding, "GBK");
    assert!(doc.edits.iter().any(|e| e.code == LEGACY_ENCODING.code));
    let wrong: String = "第一行。\n老街的最后一个冬天\n"
        .bytes()
        .map(char::from)
        .collect();
    let mut doc = Document::from_text("moji", &wrong);
    pipeline.run(&mut doc).unwrap();
    assert_eq!(doc.render_text(), "第一行。\n老街的最后一个冬天\n");
    let lines: Vec<u32> = doc
        .edits
        .iter()
        .filter(|e| e.code == MOJIBAKE.code)
        .map(|e| e.lines.start)
        .collect();
    assert_eq!(lines, vec![1, 2]);
}

#[test]
fn disabled_mojibake_rule_leaves_text_alone() {
    let settings = Settings {
        ignore: vec![MOJIBAKE.code.into()],
        ..Settings::default()
    };
    let pipeline = crate::pipeline::Pipeline::new(settings).unwrap();
    let wrong: String = "老街的最后一个冬天\n".bytes().map(char::from).collect();
    let mut doc = Document::from_text("moji", &wrong);
    pipeline.run(&mut doc).unwrap();
    assert!(doc.edits.iter().all(|e| e.code != MOJIBAKE.code));
}

#[test]
fn damaged_utf8_read_as_a_legacy_encoding_is_repaired_and_stays_repaired() {
    // A UTF-8 page with bytes lost in many places (the input the `clean` fuzz target
    // found) is no longer UTF-8 enough: detection reads it as windows-1252, which shows the
    // text as mojibake. It is reversed at once, so reading the output again finds nothing
    // to do (before, only the second clean repaired it).
    let bytes = include_bytes!("../../../tests/fixtures/fuzz/clean-not-idempotent-mojibake.bin");
    let decoded = decode_bytes(bytes, &lossy()).unwrap();
    assert_eq!(decoded.verdict.encoding, "windows-1252");
    assert_eq!(
        decoded.verdict.mojibake_repaired.as_deref(),
        Some("windows-1252")
    );
    for line in ["乌篷船摇过石桥", "一年比一年低"] {
        assert!(decoded.text.contains(line), "{line} in {}", decoded.text);
    }
    let again = decode_bytes(decoded.text.as_bytes(), &lossy()).unwrap();
    assert_eq!(again.text, decoded.text);
    assert!(again.repaired_lines.is_empty());
    // Legitimate text in a legacy encoding is not mojibake.
    let (french, _, _) = encoding_rs::WINDOWS_1252
        .encode("Le café de la gare, où l'on mange très bien. « À bientôt ! »");
    let decoded = decode_bytes(&french, &auto()).unwrap();
    assert_eq!(decoded.verdict.mojibake_repaired, None);
    assert!(decoded.text.starts_with("Le café"));
    let (big5, _, _) = encoding_rs::BIG5.encode(ZH_TRAD);
    let decoded = decode_bytes(&big5, &auto()).unwrap();
    assert_eq!(decoded.text, ZH_TRAD);
    assert_eq!(decoded.verdict.mojibake_repaired, None);
}
