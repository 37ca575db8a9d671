//! Laws of the reflow stage, checked on generated pages that mix Chinese and English
//! paragraphs, cut halves, headings, bylines, credits, list items, verse and hard wraps.

use proptest::prelude::*;
use thresh::document::{Block, Document};
use thresh::stages::articles::split_articles;
use thresh::stages::reflow::{reflow, ReflowRules};

const HAN: &str = "[\u{4e00}-\u{4e60}]";

fn line() -> impl Strategy<Value = String> {
    let han = |n: &str| format!("{HAN}{{{n}}}");
    prop_oneof![
        // Chinese sentences, cut halves and clause-like headings.
        prop::string::string_regex(&format!("{}(，{})?。", han("4,40"), han("2,20"))).unwrap(),
        prop::string::string_regex(&format!("{}(，{})?", han("4,40"), han("2,20"))).unwrap(),
        prop::string::string_regex(&format!("{}，", han("3,20"))).unwrap(),
        prop::string::string_regex(&format!("{} {}", han("3,10"), han("3,10"))).unwrap(),
        prop::string::string_regex(&format!("“{}", han("2,12"))).unwrap(),
        prop::string::string_regex(&format!("{}”{}。", han("1,5"), han("2,10"))).unwrap(),
        prop::string::string_regex(&format!("{}。{}", han("6,30"), han("2,8"))).unwrap(),
        // Page furniture and structure.
        prop::string::string_regex(&format!("本报记者 {}", han("2,3"))).unwrap(),
        prop::string::string_regex(&format!("{} 摄", han("2,4"))).unwrap(),
        prop::string::string_regex(&format!("本报讯（{}）{}。", han("2,3"), han("4,30"))).unwrap(),
        prop::string::string_regex(&format!("Day[1-9] {}", han("2,8"))).unwrap(),
        prop::string::string_regex(&format!("{} {} {}", han("2,4"), han("2,6"), "[0-9]{4,8}"))
            .unwrap(),
        // English sentences, cut halves, hyphen breaks and fixed-width lines.
        prop::string::string_regex("[A-Z][a-z]{1,8}( [a-z]{1,8}){3,15}\\.").unwrap(),
        prop::string::string_regex("[a-z]{1,8}( [a-z]{1,8}){3,15}").unwrap(),
        prop::string::string_regex("[A-Z][a-z]{1,8}( [a-z]{1,8}){3,12} [a-z]{2,6}-").unwrap(),
        prop::string::string_regex("([a-z]{2,7} ){10,13}[a-z]{2,7}").unwrap(),
        prop::string::string_regex("[A-Z][a-z]{2,8}( [A-Z][a-z]{2,8}){1,4}").unwrap(),
    ]
}

fn page() -> impl Strategy<Value = String> {
    prop::collection::vec((line(), prop_oneof!["\n", "\n\n", "\n\n\n"]), 1..24).prop_map(|parts| {
        let mut text = String::new();
        for (line, sep) in parts {
            text.push_str(&line);
            text.push_str(&sep);
        }
        text
    })
}

fn reflowed(text: &str) -> Document {
    let mut doc = Document::default();
    doc.set_text(text);
    reflow(&mut doc, &ReflowRules::ALL);
    doc
}

fn texts(blocks: &[Block]) -> Vec<(String, u32, u32)> {
    blocks
        .iter()
        .map(|b| (b.text.clone(), b.lines.start, b.lines.end))
        .collect()
}

fn non_space(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Rebuilds every output block from input blocks: the first unused input block opens it,
/// later unused ones continue it, and only a hyphen at the end of a part may disappear.
/// Returns a description of the first mismatch.
fn explain_from_inputs(inputs: &[String], outputs: &[String]) -> Result<(), String> {
    let mut used = vec![false; inputs.len()];
    for out in outputs {
        let mut rest = non_space(out);
        let Some(head) = used.iter().position(|u| !u) else {
            return Err(format!("output {out:?} has no input left"));
        };
        let mut candidates = vec![head];
        loop {
            let Some(k) = candidates.iter().copied().find(|&k| {
                let piece = &inputs[k];
                rest.starts_with(piece.as_str())
                    || piece
                        .strip_suffix('-')
                        .is_some_and(|p| rest.starts_with(p) && !p.is_empty())
            }) else {
                return Err(format!("cannot explain {rest:?} of output {out:?}"));
            };
            let piece = &inputs[k];
            let cut = if rest.starts_with(piece.as_str()) {
                piece.len()
            } else {
                piece.len() - 1
            };
            rest.replace_range(..cut, "");
            used[k] = true;
            if rest.is_empty() {
                break;
            }
            candidates = (k + 1..inputs.len()).filter(|&m| !used[m]).collect();
        }
    }
    match used.iter().position(|u| !u) {
        Some(k) => Err(format!("input {:?} vanished", inputs[k])),
        None => Ok(()),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn reflow_is_idempotent(text in page()) {
        let mut doc = reflowed(&text);
        let once = texts(&doc.blocks);
        reflow(&mut doc, &ReflowRules::ALL);
        prop_assert_eq!(texts(&doc.blocks), once);
    }

    #[test]
    fn reflow_preserves_non_space_characters(text in page()) {
        let mut input = Document::default();
        input.set_text(&text);
        let inputs: Vec<String> = input.blocks.iter().map(|b| non_space(&b.text)).collect();
        let doc = reflowed(&text);
        let outputs: Vec<String> = doc.blocks.iter().map(|b| b.text.clone()).collect();
        if let Err(why) = explain_from_inputs(&inputs, &outputs) {
            return Err(TestCaseError::fail(why));
        }
    }

    #[test]
    fn articles_split_is_idempotent(text in page()) {
        let mut doc = reflowed(&text);
        split_articles(&mut doc, true, true);
        let once = doc.render_text();
        split_articles(&mut doc, true, true);
        prop_assert_eq!(doc.render_text(), once);
    }
}

#[test]
fn the_law_checker_catches_a_changed_character() {
    let inputs = vec!["甲乙".to_string(), "丙丁".to_string()];
    assert!(explain_from_inputs(&inputs, &["甲乙丙丁".to_string()]).is_ok());
    assert!(explain_from_inputs(&inputs, &["甲乙丙戊".to_string()]).is_err());
    assert!(explain_from_inputs(&inputs, &["甲乙".to_string()]).is_err());
    let hyphen = vec!["manufac-".to_string(), "turing".to_string()];
    assert!(explain_from_inputs(&hyphen, &["manufacturing".to_string()]).is_ok());
}
