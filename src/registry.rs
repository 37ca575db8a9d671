//! The one list of pipeline stages, in the order they run. Config, `thresh rules`, the docs
//! and the tests read it. Adding a stage means one new file under `stages/` and one line here.

use crate::rules::RuleInfo;
use crate::stage::StageInfo;
use crate::stages;

/// Every stage, in pipeline order.
pub static STAGES: &[&StageInfo] = &[
    &stages::decode::INFO,
    &stages::normalize::INFO,
    &stages::debris::INFO,
    &stages::reflow::INFO,
    &stages::repeats::INFO,
    &stages::articles::INFO,
];

/// Rules reported by `thresh check` beyond the cleaning stages.
pub struct RuleGroup {
    pub name: &'static str,
    pub summary: &'static str,
    pub rules: &'static [RuleInfo],
}

/// Every group of rules that is not a pipeline stage.
pub static CHECK_RULES: &[RuleGroup] = &[RuleGroup {
    name: "dups",
    summary: "Near-duplicates: `thresh check` compares the checked files with each other and \
              with the corpus named by `[check] corpus` (see `docs/dups.md`).",
    rules: crate::dups::RULES,
}];

/// The registry entry called `name`.
pub fn stage_info(name: &str) -> Option<&'static StageInfo> {
    STAGES.iter().copied().find(|s| s.name == name)
}

/// Every built-in rule with the name of its stage, in registry order.
pub fn all_rules() -> impl Iterator<Item = (&'static str, &'static RuleInfo)> {
    STAGES
        .iter()
        .flat_map(|stage| stage.rules.iter().map(move |rule| (stage.name, rule)))
        .chain(
            CHECK_RULES
                .iter()
                .flat_map(|group| group.rules.iter().map(move |rule| (group.name, rule))),
        )
}

/// The built-in rule with this code (case-insensitive) or name.
pub fn find_rule(code_or_name: &str) -> Option<(&'static str, &'static RuleInfo)> {
    all_rules().find(|(_, r)| r.code.eq_ignore_ascii_case(code_or_name) || r.name == code_or_name)
}

/// `docs/rules.md`: every stage and rule with its explanation, generated from the registry
/// (a test keeps the file up to date; `THRESH_UPDATE_DOCS=1 cargo test` rewrites it).
pub fn rules_markdown() -> String {
    let mut out = String::from(
        "# Rules\n\n<!-- Generated from the registry by `registry::rules_markdown()`; \
         do not edit. Regenerate with `THRESH_UPDATE_DOCS=1 cargo test --test rules_doc`. -->\n\n\
         Every change thresh makes is attributed to one of these rules. `thresh rules CODE` \
         prints the same explanation; `select` / `ignore` take codes or prefixes (`D2`).\n",
    );
    let groups = STAGES
        .iter()
        .map(|s| (s.name, s.summary, s.rules))
        .chain(CHECK_RULES.iter().map(|g| (g.name, g.summary, g.rules)));
    for (name, summary, rules) in groups {
        out.push_str(&format!("\n## {name}\n\n{summary}\n\n"));
        if rules.is_empty() {
            out.push_str("(no rules)\n");
            continue;
        }
        out.push_str("| code | name | summary |\n|---|---|---|\n");
        for rule in rules {
            let summary = rule.summary.replace('|', "\\|");
            out.push_str(&format!(
                "| {} | `{}` | {} |\n",
                rule.code, rule.name, summary
            ));
        }
        for rule in rules {
            out.push_str(&format!(
                "\n### {} {}\n\n{}\n",
                rule.code, rule.name, rule.explanation
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn rule_codes_and_names_are_unique_and_well_formed() {
        let mut codes = HashSet::new();
        let mut names = HashSet::new();
        for (stage, rule) in all_rules() {
            assert!(codes.insert(rule.code), "duplicate code {}", rule.code);
            assert!(names.insert(rule.name), "duplicate name {}", rule.name);
            let mut chars = rule.code.chars();
            assert!(
                chars.next().is_some_and(|c| c.is_ascii_uppercase()),
                "{}",
                rule.code
            );
            assert!(chars.all(|c| c.is_ascii_digit()), "{}", rule.code);
            assert!(
                rule.name
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                "{} is not kebab-case",
                rule.name
            );
            assert!(
                !rule.summary.is_empty() && rule.explanation.len() > rule.summary.len(),
                "{stage}/{} needs an explanation",
                rule.code
            );
        }
    }

    #[test]
    fn stage_names_are_unique() {
        let names: HashSet<_> = STAGES.iter().map(|s| s.name).collect();
        assert_eq!(names.len(), STAGES.len());
    }
}
