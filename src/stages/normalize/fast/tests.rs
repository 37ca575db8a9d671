//! The fast path checked against the full passes.

use super::*;
use crate::stages::normalize::line::normalize_fully;
use proptest::prelude::*;
use proptest::strategy::ValueTree;

/// (line, codes with column and count) of a result, for comparing.
type Summary = Option<(String, Vec<(&'static str, u32, u32)>)>;

fn summary(result: Option<(String, Tally)>) -> Summary {
    result.map(|(s, tally)| {
        let codes = tally
            .changes()
            .map(|c| (c.rule.code, c.column, c.count))
            .collect();
        (s, codes)
    })
}

/// Pieces of Chinese/English lines, weighted so that most lines are simple ones and
/// some hold a piece that needs the full passes (spaces, quotes, brackets, URLs…).
/// `han` weighs the CJK characters: low weights make mostly English lines.
fn piece(han: u32) -> impl Strategy<Value = &'static str> {
    prop_oneof![
        han => prop::sample::select(vec!["中", "国", "的", "发展", "體", "經濟", "了"]),
        3 => prop::sample::select(vec!["。", "、", "《", "》", "「", "」", "の", "ア", "𠀀", "〇"]),
        6 => prop::sample::select(vec![",", ";", ":", "?", "!"]),
        4 => prop::sample::select(vec!["，", "；", "：", "？", "！"]),
        4 => prop::sample::select(vec!["a", "IP", "Hello", "w", "ww", "x", "Z"]),
        3 => prop::sample::select(vec![" ", "(", ")", " (", ") ", ", ", " ，", "、 "]),
        2 => prop::sample::select(vec!["1", "2.5", "10:30", "1,000", "3:2", "2024"]),
        2 => prop::sample::select(vec!["'", "…", "—", "·", "“", "”", "‘", "’", "―"]),
        2 => prop::sample::select(vec!["-", ".", "/", "%", "#", "=", "é", "한", "€"]),
        1 => prop::sample::select(vec![
            "  ", "\u{3000}", "\u{A0}", "\t", "（", "）", "\"", "@", "&", "//", "www.",
            "\u{200B}", "ｗ", ":/", ";-", "&nbsp;", "\u{1}", "＂", ":)", "：(", "-(",
        ]),
    ]
}

fn edge() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec!["", "", "", " ", "\u{3000}\u{3000}", "\u{A0}", " \t"])
}

fn mixed_line() -> impl Strategy<Value = String> {
    // A third kind of line crowds the pieces whose decisions interact: marks and
    // brackets beside spaces, Chinese words inside English.
    let crowded = prop::sample::select(vec![
        "中", "Hello", "IP", ",", ", ", " (", "(", ")", "，", " ", "、", ":", "。",
    ]);
    let pieces = prop_oneof![
        prop::collection::vec(piece(10), 0..30),
        prop::collection::vec(piece(1), 0..30),
        prop::collection::vec(crowded, 0..16),
    ];
    (edge(), pieces, edge())
        .prop_map(|(lead, pieces, trail)| format!("{lead}{}{trail}", pieces.concat()))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4000))]

    /// Wherever the fast path answers, its answer is the full passes' answer: the
    /// same line and the same rules, columns and counts.
    #[test]
    fn fast_path_equals_the_full_passes(line in mixed_line()) {
        if let Some(fast) = normalize_simple(&line, &NormalizeRules::ALL) {
            let full = normalize_fully(&line, &NormalizeRules::ALL);
            prop_assert_eq!(summary(fast), summary(full), "{:?}", line);
        }
    }
}

#[test]
fn the_fast_path_answers_most_generated_lines() {
    // Else the property above would check little.
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let strategy = mixed_line();
    let (mut answered, mut changed) = (0, 0);
    for _ in 0..1000 {
        let line = strategy.new_tree(&mut runner).expect("a line").current();
        let answer = normalize_simple(&line, &NormalizeRules::ALL);
        answered += usize::from(answer.is_some());
        changed += usize::from(matches!(answer, Some(Some(_))));
    }
    assert!(answered >= 300, "{answered} of 1000");
    // And it changes lines, not only passes normal ones.
    assert!(changed >= 200, "{changed} of 1000");
}

/// The shortcut classes, checked over every character of the BMP both ways: a mark
/// added to `to_ascii_mark` or to a macro would not go unnoticed.
#[test]
fn shortcut_classes_agree_with_the_character_classes() {
    let bmp = || (0..=0xFFFF).filter_map(char::from_u32);
    let wide: Vec<char> = bmp().filter(|c| matches!(c, wide_marks!())).collect();
    assert_eq!(wide.len(), 5);
    for &c in &wide {
        assert!(to_ascii_mark(c).is_some(), "{c}");
        assert!(!is_cjk(c) && fold_fullwidth(c).is_none(), "{c}");
    }
    // The scan sends the full-width brackets to the full passes; every other mark
    // `to_ascii_mark` knows is a wide mark.
    for c in bmp().filter(|&c| to_ascii_mark(c).is_some()) {
        assert!(matches!(c, wide_marks!() | '（' | '）'), "{c}");
    }
    let quiet: Vec<char> = bmp().filter(|c| matches!(c, quiet_marks!())).collect();
    assert_eq!(quiet.len(), 7);
    for &c in &quiet {
        assert!(
            is_transparent(c) && !is_cjk(c) && to_ascii_mark(c).is_none(),
            "{c}"
        );
        assert!(!is_unicode_space(c) && !is_invisible(c) && fold_fullwidth(c).is_none());
    }
}

#[test]
fn simple_lines_take_the_fast_path() {
    let simple = |line: &str| normalize_simple(line, &NormalizeRules::ALL).map(summary);
    assert_eq!(
        simple("\u{3000}\u{3000}目前,3个责任区;钱从哪里来?"),
        Some(Some((
            "目前，3个责任区；钱从哪里来？".to_string(),
            vec![("U103", 1, 2), ("U105", 5, 3)]
        )))
    );
    assert_eq!(simple("会议于10:30开始，共1,000人。"), Some(None));
    assert_eq!(
        simple("本报讯(沈玉林)金山工业区 响应: 枝叶"),
        Some(Some((
            "本报讯（沈玉林）金山工业区 响应：枝叶".to_string(),
            vec![("U105", 4, 3), ("U108", 18, 1)]
        )))
    );
    assert_eq!(
        simple("Hello，world"),
        Some(Some(("Hello,world".to_string(), vec![("U104", 6, 1)])))
    );
    // Not simple: the full passes decide.
    for line in [
        "他说  :好",
        "他说\"好\"",
        "本报讯（沈玉林)",
        "网址:https://a.cn",
        "a\u{200B}b",
        "好累;(",
    ] {
        assert_eq!(simple(line), None, "{line}");
    }
}
