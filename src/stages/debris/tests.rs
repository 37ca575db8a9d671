//! Table-driven tests: every rule has positive and negative examples, and whole pages
//! (invented, in the styles the packs cover) come out as a careful editor would leave them.

use super::*;
use crate::config::Settings;

/// Compiling every pack takes a while in debug builds: build the default stage once.
fn stage() -> &'static DebrisStage {
    static STAGE: std::sync::OnceLock<DebrisStage> = std::sync::OnceLock::new();
    STAGE.get_or_init(|| DebrisStage::new(&Settings::default()).unwrap())
}

const BODY: &str =
    "这是一段足够长的正文，它讲了很多事情，也说明了事情的原因和经过，还有后来的发展。";
const BODY_EN: &str =
    "This is a long enough paragraph of body text that tells the story and explains what happened next.";

/// The codes deciding each line of `lines` (blank line between them), `None` for kept lines.
fn decide(lines: &[&str]) -> Vec<Option<String>> {
    let stage = stage();
    let page = stage.decide(lines.to_vec(), vec![1; lines.len()]);
    page.decisions
        .iter()
        .map(|d| {
            d.as_ref().map(|d| match d.rule {
                RuleRef::Builtin(r) => r.code.to_string(),
                RuleRef::User(_) => "user".to_string(),
            })
        })
        .collect()
}

fn positives() -> Vec<(&'static str, &'static str)> {
    [
        packs::zh_news::POSITIVE,
        packs::social::POSITIVE,
        packs::zh_hant::POSITIVE,
        packs::english::POSITIVE,
        packs::markup::POSITIVE,
    ]
    .concat()
}

fn negatives() -> Vec<&'static str> {
    [
        packs::zh_news::NEGATIVE,
        packs::social::NEGATIVE,
        packs::zh_hant::NEGATIVE,
        packs::english::NEGATIVE,
        packs::markup::NEGATIVE,
    ]
    .concat()
}

#[test]
fn every_positive_example_is_removed_by_its_rule() {
    let mut failures = Vec::new();
    for (code, line) in positives() {
        let body = if line.is_ascii() { BODY_EN } else { BODY };
        // Header, footer and (for site-footer lines) next to a licence line.
        let placements: [Vec<&str>; 3] = [
            vec![line, body, body],
            vec![body, body, line],
            vec![body, body, line, "浙ICP备05012345号"],
        ];
        let ok = placements.iter().any(|lines| {
            let at = lines.iter().position(|l| *l == line).unwrap_or(0);
            decide(lines)[at].as_deref() == Some(code)
        });
        if !ok {
            let got = decide(&[body, body, line]);
            failures.push(format!("{code} {line:?} -> {:?}", got[2]));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn negative_examples_stay_in_body_and_footer() {
    let mut failures = Vec::new();
    for line in negatives() {
        let body = if line.is_ascii() { BODY_EN } else { BODY };
        for lines in [vec![body, line, body], vec![body, body, line]] {
            let at = lines.iter().position(|l| *l == line).unwrap_or(0);
            if let Some(code) = &decide(&lines)[at] {
                failures.push(format!("{code} removed {line:?}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_pattern_rule_has_a_positive_example() {
    // Rules decided by structure or inline spans have their own tests in structure.rs,
    // inline.rs and learned.rs.
    let structural = ["D210", "D306", "D502", "D503", "D504", "D602", "D901"];
    let covered: std::collections::HashSet<&str> = positives().iter().map(|p| p.0).collect();
    for rule in RULES {
        assert!(
            covered.contains(rule.code) || structural.contains(&rule.code),
            "{} ({}) has no positive example",
            rule.code,
            rule.name
        );
    }
}
