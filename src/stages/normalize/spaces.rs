//! Pass three: spacing. Spaces at the ends of a line are trimmed (edge-spaces), spaces
//! beside full-width Chinese punctuation are removed (cjk-punctuation-spacing), other
//! runs of spaces become one space (space-runs). A Unicode space that survives is
//! tallied as converted (unicode-spaces); one that is removed is named by the rule that
//! removed it.
//!
//! Spaces between CJK characters are kept: Chinese headlines use a space to separate
//! their parts (`解难题 促发展 保安全`), and the gold outputs keep them.

use super::chars::{is_space, rejects_space_after, rejects_space_before};
use super::line::{RuleId, Slot, Tally};
use super::NormalizeRules;

/// Runs pass three; `slots` keeps the surviving characters.
pub(super) fn normalize_spacing(slots: &mut Vec<Slot>, rules: &NormalizeRules, tally: &mut Tally) {
    let n = slots.len();
    // Nothing moves before the first space (often the whole line has none).
    let Some(first_space) = slots.iter().position(|s| is_space(s.ch)) else {
        return;
    };
    // Compacts in place: `kept` characters are final, `i` is the next one to read.
    let mut kept = first_space;
    let mut i = first_space;
    while i < n {
        if !is_space(slots[i].ch) {
            slots[kept] = slots[i];
            kept += 1;
            i += 1;
            continue;
        }
        let start = i;
        while i < n && is_space(slots[i].ch) {
            i += 1;
        }
        let before = kept.checked_sub(1).map(|p| slots[p].ch);
        let after = slots.get(i).map(|s| s.ch);
        let removal = if rules.edge_spaces && (before.is_none() || after.is_none()) {
            Some(RuleId::EdgeSpaces)
        } else if rules.cjk_punctuation_spacing
            && (before.is_some_and(rejects_space_after) || after.is_some_and(rejects_space_before))
        {
            Some(RuleId::CjkPunctuationSpacing)
        } else {
            None
        };
        let keep = match removal {
            Some(rule) => {
                for s in &slots[start..i] {
                    tally.note(rule, s.col);
                }
                0
            }
            None if rules.space_runs => {
                for s in &slots[start + 1..i] {
                    tally.note(RuleId::SpaceRuns, s.col);
                }
                1
            }
            None => i - start,
        };
        for j in start..start + keep {
            let s = slots[j];
            if s.ch != s.orig {
                tally.note(RuleId::UnicodeSpaces, s.col);
            }
            slots[kept] = s;
            kept += 1;
        }
    }
    slots.truncate(kept);
}

#[cfg(test)]
mod tests {
    use super::super::{normalize_line, NormalizeRules};

    use crate::stages::normalize::test_util::{codes, norm};

    #[test]
    fn spaces_beside_chinese_punctuation_go() {
        assert_eq!(
            norm("“三平台”响应: 枝叶关情暖民心"),
            "“三平台”响应：枝叶关情暖民心"
        );
        assert_eq!(norm("政治功能、 服务功能"), "政治功能、服务功能");
        assert_eq!(norm("内容 ， 请发送"), "内容，请发送");
        assert_eq!(norm("（ 记者 程景伟 ）"), "（记者 程景伟）");
        assert_eq!(codes("功能、 服务"), vec![("U108", 4, 1)]);
    }

    #[test]
    fn spaces_that_carry_structure_stay() {
        for line in [
            "新虹街道 “点线面”发力 探索枢纽党建",
            "服务专员“随叫随到” 党群阵地变身企业之家",
            "陆家嘴金融城暑托班。 陆家嘴金融城综合党委供图",
            "Day1 成都—都江堰—四姑娘山镇",
            "She said: yes, and left.",
        ] {
            assert_eq!(norm(line), line);
        }
    }

    #[test]
    fn edge_and_run_rules_switch_off_separately() {
        let mut rules = NormalizeRules::ALL;
        rules.edge_spaces = false;
        assert_eq!(
            normalize_line("  a  b ", &rules).map(|(s, _)| s).as_deref(),
            Some(" a b ")
        );
        let mut rules = NormalizeRules::ALL;
        rules.space_runs = false;
        assert_eq!(
            normalize_line(" a  b", &rules).map(|(s, _)| s).as_deref(),
            Some("a  b")
        );
    }
}
