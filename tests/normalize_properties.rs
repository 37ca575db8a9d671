//! Laws of the normalize stage, checked on generated mixed Chinese/English text with
//! every kind of space, invisible character and punctuation the stage handles.

use proptest::prelude::*;
use thresh::stages::normalize::{normalize_line, NormalizeRules};

fn norm(line: &str) -> String {
    normalize_line(line, &NormalizeRules::ALL)
        .map(|(s, _)| s)
        .unwrap_or_else(|| line.to_string())
}

/// Pieces of dirty text: CJK (Simplified and Traditional), Latin words, digits, numbers,
/// ASCII and full-width punctuation, quotes, spaces of every kind, invisible characters,
/// URL and entity fragments.
fn piece() -> impl Strategy<Value = String> {
    let fixed: Vec<&'static str> = vec![
        "中",
        "国",
        "的",
        "發",
        "體",
        "党建",
        "工作",
        "の",
        "。",
        "、",
        "《",
        "》",
        "「",
        "」",
        "…",
        "——",
        "·",
        "“",
        "”",
        "‘",
        "’",
        "a",
        "Hello",
        "world",
        "IP",
        "x",
        "1",
        "42",
        "10:30",
        "1,000",
        "2.5",
        "3:2",
        ",",
        ";",
        ":",
        "?",
        "!",
        "(",
        ")",
        "\"",
        "'",
        ".",
        "-",
        "/",
        "%",
        "@",
        ":-)",
        ";(",
        "&",
        "#",
        "，",
        "；",
        "：",
        "？",
        "！",
        "（",
        "）",
        "＂",
        "ｗ",
        "３",
        "％",
        "Ａ",
        " ",
        "  ",
        "\t",
        "\u{A0}",
        "\u{3000}",
        "\u{2002}",
        "\u{202F}",
        "\u{200B}",
        "\u{200C}",
        "\u{200D}",
        "\u{2060}",
        "\u{FEFF}",
        "\u{AD}",
        "\u{1}",
        "\u{7F}",
        "\u{9B}",
        "\u{200E}",
        "https://",
        "www.",
        ".com",
        "&nbsp;",
        ":)",
        "\u{20000}",
        "한",
        "é",
        "//",
        "w",
        "=",
        "&#160;",
        "ｗｗｗ．",
        "：//",
        "%20",
        "~",
        "@",
    ];
    prop_oneof![
        8 => prop::sample::select(fixed).prop_map(str::to_string),
        1 => any::<char>().prop_map(|c| c.to_string()),
    ]
}

fn dirty_line() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..40).prop_map(|pieces| pieces.concat())
}

/// Numbers as they appear in text: times, ratios, thousands, decimals, dates.
fn number() -> impl Strategy<Value = String> {
    prop_oneof![
        (0u32..24, 0u32..60).prop_map(|(h, m)| format!("{h}:{m:02}")),
        (0u32..10, 0u32..10).prop_map(|(a, b)| format!("{a}:{b}")),
        (1u32..1000, 0u32..1000).prop_map(|(a, b)| format!("{a},{b:03}")),
        (0u32..100, 0u32..100).prop_map(|(a, b)| format!("{a}.{b}")),
        (1990u32..2030, 1u32..13, 1u32..29).prop_map(|(y, m, d)| format!("{y}-{m}-{d}")),
        (0u32..24, 0u32..60, 0u32..60).prop_map(|(h, m, s)| format!("{h}:{m:02}:{s:02}")),
    ]
}

fn is_forbidden(c: char) -> bool {
    matches!(
        c,
        '\0'..='\u{1F}'
            | '\u{7F}'..='\u{9F}'
            | '\u{A0}'
            | '\u{AD}'
            | '\u{1680}'
            | '\u{180E}'
            | '\u{2000}'..='\u{200F}'
            | '\u{2028}'..='\u{202F}'
            | '\u{205F}'..='\u{2064}'
            | '\u{2066}'..='\u{206F}'
            | '\u{3000}'
            | '\u{3164}'
            | '\u{FEFF}'
            | '\u{FFA0}'
    )
}

/// 2000 cases per law; `NORMALIZE_CASES=100000` for a longer hunt.
fn cases() -> u32 {
    std::env::var("NORMALIZE_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2000)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn normalize_is_idempotent(line in dirty_line()) {
        let once = norm(&line);
        let twice = normalize_line(&once, &NormalizeRules::ALL);
        prop_assert!(twice.is_none(), "{line:?} -> {once:?} -> {:?}", twice.map(|t| t.0));
    }

    #[test]
    fn normalize_is_idempotent_under_any_rule_selection(
        line in dirty_line(),
        switches in prop::array::uniform8(any::<bool>()),
    ) {
        let rules = NormalizeRules {
            unicode_spaces: switches[0],
            invisible_characters: switches[1],
            edge_spaces: switches[2],
            fullwidth_ascii: switches[3],
            cjk_punctuation: switches[4],
            cjk_quotes: switches[5],
            space_runs: switches[6],
            cjk_punctuation_spacing: switches[7],
        };
        let once = normalize_line(&line, &rules).map_or(line.clone(), |(s, _)| s);
        let twice = normalize_line(&once, &rules);
        prop_assert!(twice.is_none(), "{rules:?}: {line:?} -> {once:?} -> {:?}", twice.map(|t| t.0));
    }

    #[test]
    fn normalize_never_touches_numbers(
        before in dirty_line(),
        n in number(),
        after in dirty_line(),
    ) {
        let line = format!("{before}{n}{after}");
        let out = norm(&line);
        prop_assert!(out.contains(&n), "{line:?} -> {out:?} lost {n:?}");
    }

    #[test]
    fn normalize_output_has_no_invisible_characters(line in dirty_line()) {
        let out = norm(&line);
        prop_assert!(!out.chars().any(is_forbidden), "{line:?} -> {out:?}");
        prop_assert!(!out.starts_with(' ') && !out.ends_with(' '), "{out:?}");
        prop_assert!(!out.contains("  "), "{out:?}");
    }

    #[test]
    fn normalize_reports_a_change_for_every_changed_line(line in dirty_line()) {
        match normalize_line(&line, &NormalizeRules::ALL) {
            None => {}
            Some((out, changes)) => {
                prop_assert_ne!(&out, &line);
                prop_assert!(!changes.is_empty());
                let len = line.chars().count() as u32;
                for c in changes {
                    prop_assert!(c.count > 0 && c.column >= 1 && c.column <= len, "{c:?}");
                }
            }
        }
    }

    #[test]
    fn normalize_keeps_every_letter_and_digit(line in dirty_line()) {
        // Only spaces, invisible characters and punctuation forms change.
        let key = |s: &str| -> String {
            s.chars()
                .filter(|c| c.is_alphanumeric() && !is_forbidden(*c))
                .map(|c| match c {
                    'Ａ'..='Ｚ' | 'ａ'..='ｚ' | '０'..='９' => {
                        char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
                    }
                    _ => c,
                })
                .collect()
        };
        let out = norm(&line);
        prop_assert_eq!(key(&out), key(&line));
    }
}
