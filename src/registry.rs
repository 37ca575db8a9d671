//! The one list of pipeline stages, in the order they run. Config, `thresh rules`, the docs
//! and the tests read it. Adding a stage means one new file under `stages/` and one line here.

use crate::rules::RuleInfo;
use crate::stage::StageInfo;
use crate::stages;

/// Every stage, in pipeline order.
pub static STAGES: &[&StageInfo] = &[
    &stages::decode::INFO,
    &stages::normalize::INFO,
    &stages::repeats::INFO,
];

/// The registry entry called `name`.
pub fn stage_info(name: &str) -> Option<&'static StageInfo> {
    STAGES.iter().copied().find(|s| s.name == name)
}

/// Every built-in rule with the name of its stage, in registry order.
pub fn all_rules() -> impl Iterator<Item = (&'static str, &'static RuleInfo)> {
    STAGES
        .iter()
        .flat_map(|stage| stage.rules.iter().map(move |rule| (stage.name, rule)))
}

/// The built-in rule with this code (case-insensitive) or name.
pub fn find_rule(code_or_name: &str) -> Option<(&'static str, &'static RuleInfo)> {
    all_rules().find(|(_, r)| r.code.eq_ignore_ascii_case(code_or_name) || r.name == code_or_name)
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
