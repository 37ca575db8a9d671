//! Rule metadata: every change thresh makes is attributed to a rule with a code, a
//! kebab-case name and an explanation that `thresh rules CODE` prints.

use serde::Serialize;

/// A rule of a stage. Stages declare theirs as `static` items; the registry collects them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct RuleInfo {
    /// `"D204"`: a letter for the stage family, then digits.
    pub code: &'static str,
    /// `"photo-credit"`: names the pattern, not the fix.
    pub name: &'static str,
    /// One line for `thresh rules`.
    pub summary: &'static str,
    /// One paragraph: what it matches, why it is debris, an example. Printed by
    /// `thresh rules CODE`.
    pub explanation: &'static str,
}

/// Whether rule `code` is enabled by `select` and `ignore`, which hold codes or code
/// prefixes (`"D2"` covers every `D2xx`; `"ALL"` covers everything). An empty `select`
/// selects everything; when both lists match, the longer (more specific) entry wins and
/// a tie goes to `ignore`.
pub fn rule_enabled(select: &[String], ignore: &[String], code: &str) -> bool {
    let longest = |list: &[String]| {
        list.iter()
            .filter(|p| p.as_str() == "ALL" || code.starts_with(p.as_str()))
            .map(|p| if p == "ALL" { 0 } else { p.len() })
            .max()
    };
    let selected = if select.is_empty() {
        Some(0)
    } else {
        longest(select)
    };
    match (selected, longest(ignore)) {
        (None, _) => false,
        (Some(_), None) => true,
        (Some(s), Some(i)) => s > i,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Sel(Vec<String>, Vec<String>);
    impl Sel {
        fn is_enabled(&self, code: &str) -> bool {
            rule_enabled(&self.0, &self.1, code)
        }
    }
    fn sel(select: &[&str], ignore: &[&str]) -> Sel {
        let owned = |l: &[&str]| l.iter().map(|s| s.to_string()).collect();
        Sel(owned(select), owned(ignore))
    }

    #[test]
    fn prefixes_select_and_ignore() {
        assert!(sel(&[], &[]).is_enabled("D204"));
        assert!(sel(&["D2"], &[]).is_enabled("D204"));
        assert!(!sel(&["D2"], &[]).is_enabled("D104"));
        assert!(!sel(&[], &["D2"]).is_enabled("D204"));
        // The more specific entry wins.
        assert!(sel(&["D204"], &["D2"]).is_enabled("D204"));
        assert!(!sel(&["D2"], &["D204"]).is_enabled("D204"));
        assert!(!sel(&[], &["ALL"]).is_enabled("U101"));
    }
}
