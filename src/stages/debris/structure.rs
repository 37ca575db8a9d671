//! Decisions from structure: what a line's neighbours, position and blank-line gaps say.
//! Block rules (comment areas, related-article and link lists), captions of missing
//! pictures, values that follow a label, and site-footer lines next to a licence line.

use crate::rules::RuleInfo;

use super::catalog::*;
use super::engine::Follow;
use super::zones::{ends_like_sentence, is_prose, usual_gap, weight_up_to, Zone};

/// Which rule removes a line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RuleRef {
    Builtin(&'static RuleInfo),
    /// Index into the user rules.
    User(usize),
}

/// A line to remove and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decision {
    pub rule: RuleRef,
    pub reason: String,
}

/// The lines of a page with their zones and the decisions taken so far.
pub struct Page<'a> {
    pub texts: Vec<&'a str>,
    /// Blank lines before each line in the input.
    pub gaps: Vec<u32>,
    pub zones: Vec<Zone>,
    pub decisions: Vec<Option<Decision>>,
}

impl Page<'_> {
    pub fn len(&self) -> usize {
        self.texts.len()
    }

    /// The built-in rule that removes line `i`, if any.
    pub fn rule_at(&self, i: usize) -> Option<&'static RuleInfo> {
        match self.decisions.get(i)?.as_ref()?.rule {
            RuleRef::Builtin(rule) => Some(rule),
            RuleRef::User(_) => None,
        }
    }

    pub fn is_open(&self, i: usize) -> bool {
        self.decisions.get(i).is_some_and(Option::is_none)
    }

    pub fn decide(&mut self, i: usize, rule: &'static RuleInfo, reason: impl Into<String>) {
        self.decisions[i] = Some(Decision {
            rule: RuleRef::Builtin(rule),
            reason: reason.into(),
        });
    }
}

fn is_block_heading(rule: &RuleInfo) -> bool {
    [&RELATED_BLOCK, &LINK_LIST, &COMMENT_AREA]
        .iter()
        .any(|r| r.code == rule.code)
}

/// A line that reads like a link title: short, not a finished sentence of prose.
fn title_like(text: &str) -> bool {
    weight_up_to(text, 60) <= 60 && !text.ends_with(['。', '.', '；', ';'])
}

/// The line after a label goes with it when it is a name or a field value.
pub fn follow_label(page: &mut Page, i: usize, follow: Follow, rule: &'static RuleInfo) {
    let j = i + 1;
    if follow == Follow::Nothing || !page.is_open(j) {
        return;
    }
    let text = page.texts[j];
    let takes = match follow {
        Follow::Nothing | Follow::TitleAfter => false,
        Follow::NextName => {
            text.chars().count() <= 16
                && !text.contains(char::is_whitespace)
                && !text.contains(['，', '。', '！', '？', ',', '.', '：', ':'])
        }
        Follow::NextValue => weight_up_to(text, 40) <= 40 && !ends_like_sentence(text),
    };
    if takes {
        let reason = match follow {
            Follow::NextName => format!("the name after a {} line", rule.name),
            _ => format!("the value of a {} label", rule.name),
        };
        page.decide(j, rule, reason);
    }
}

/// Section labels (`Follow::TitleAfter`) stay unless the next line that stays is a short
/// title: a label above a headline goes, a short headline above its byline and body stays.
pub fn section_labels(page: &mut Page, labels: &[usize]) {
    for &i in labels {
        let next = (i + 1..page.len()).find(|&j| page.is_open(j));
        let title_follows = next.is_some_and(|j| {
            let t = page.texts[j];
            weight_up_to(t, 30) <= 30 && !ends_like_sentence(t) && !is_prose(t)
        });
        if !title_follows {
            page.decisions[i] = None;
        }
    }
}

/// Comment areas take the rest of the footer; related-article and link lists take the
/// title-like lines after their heading.
pub fn blocks(page: &mut Page, enabled: &dyn Fn(&RuleInfo) -> bool) {
    let n = page.len();
    let mut i = 0;
    while i < n {
        let Some(rule) = page.rule_at(i) else {
            i += 1;
            continue;
        };
        if !is_block_heading(rule) || !enabled(rule) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        if rule.code == COMMENT_AREA.code {
            if page.zones[i] == Zone::Footer {
                while j < n {
                    if page.is_open(j) {
                        page.decide(j, rule, "inside the comment area after the article");
                    }
                    j += 1;
                }
            }
        } else {
            while j < n {
                if let Some(other) = page.rule_at(j) {
                    // A heading of another kind (a comment area under a related list)
                    // opens its own block: its lines are named by its rule.
                    if is_block_heading(other) && other.code != rule.code && enabled(other) {
                        break;
                    }
                    if is_block_heading(other) {
                        j += 1;
                        continue;
                    }
                    break;
                }
                if !page.is_open(j) || !title_like(page.texts[j]) {
                    break;
                }
                page.decide(
                    j,
                    rule,
                    format!("a title in the list under “{}”", page.texts[i]),
                );
                j += 1;
            }
        }
        i = j;
    }
}

/// Captions of pictures that are gone.
pub fn captions(page: &mut Page) {
    let n = page.len();
    let usual = usual_gap(&page.gaps);
    for i in 1..n {
        if page.rule_at(i).map(|r| r.code) != Some(PHOTO_CREDIT.code) || !page.is_open(i - 1) {
            continue;
        }
        let j = i - 1;
        let text = page.texts[j];
        // A credit that carries its own caption (`Photo: A ship in port. (Reuters)`) has no
        // caption line above it.
        if weight_up_to(text, 40) > 40 || weight_up_to(page.texts[i], 14) > 14 {
            continue;
        }
        // The first half of a broken paragraph: it stops mid-sentence after a full
        // sentence or several clauses (a caption is one phrase), and its continuation is
        // the next body text after the credit (and any other removed lines).
        let after = (i + 1..n).find(|&k| page.is_open(k));
        if cut_mid_sentence(text) && after.is_some_and(|k| is_prose(page.texts[k])) {
            continue;
        }
        let close = page.gaps[i] <= usual;
        // Markdown extraction turned the caption into a heading: the credit sits between
        // it and the next heading, with no body text in between.
        let heading_pair =
            text.starts_with('#') && page.texts.get(i + 1).is_some_and(|t| t.starts_with('#'));
        if close || ends_like_sentence(text) || heading_pair {
            page.decide(
                j,
                &IMAGE_CAPTION,
                "a short line right before a photo credit",
            );
        }
    }
    // A short unpunctuated line set off by image gaps, between two body paragraphs.
    let wide = usual.max(1);
    for i in 1..n.saturating_sub(1) {
        if !page.is_open(i) || page.zones[i] != Zone::Body {
            continue;
        }
        let text = page.texts[i];
        let unpunctuated = !text.ends_with(|c: char| {
            matches!(
                c,
                '，' | '。' | '！' | '？' | '：' | '；' | ',' | '.' | '!' | '?' | ':' | ';' | '…'
            )
        });
        if weight_up_to(text, 30) <= 30
            && unpunctuated
            && page.gaps[i] > wide
            && page.gaps[i + 1] > wide
            && page.is_open(i - 1)
            && page.is_open(i + 1)
            && is_prose(page.texts[i - 1])
            && is_prose(page.texts[i + 1])
        {
            page.decide(
                i,
                &IMAGE_CAPTION,
                "a short line isolated by image gaps between paragraphs",
            );
        }
    }
}

/// Whether `text` is running text cut mid-sentence: it ends on a word or a comma, and
/// before that holds a sentence end or (unspaced Chinese) more than one clause break.
fn cut_mid_sentence(text: &str) -> bool {
    let t = text.trim_end();
    let Some(last) = t.chars().last() else {
        return false;
    };
    if !(last.is_alphanumeric() || matches!(last, '，' | ',' | '、')) {
        return false;
    }
    let inner = &t[..t.len() - last.len_utf8()];
    inner.contains(['。', '！', '？', '；'])
        || [". ", "! ", "? ", "; "].iter().any(|m| inner.contains(m))
        || (!inner.contains(' ') && inner.matches(['，', ',', '、']).count() > 1)
}

/// Site-footer candidates count only next to a licence, menu or copyright line.
pub fn site_footer(page: &mut Page, candidates: &[usize]) {
    let is_footer_line = |page: &Page, j: usize| {
        page.rule_at(j).is_some_and(|r| {
            [
                &ICP_FOOTER,
                &NAV_MENU,
                &COPYRIGHT,
                &SITE_FOOTER,
                &QR_PROMPT,
                &PAGE_WIDGET,
            ]
            .iter()
            .any(|f| f.code == r.code)
        })
    };
    // Twice, so that a run of sponsor lines next to one licence line is taken whole.
    for _ in 0..2 {
        for &i in candidates {
            if !page.is_open(i) {
                continue;
            }
            let lo = i.saturating_sub(2);
            let hi = (i + 2).min(page.len() - 1);
            if (lo..=hi).any(|j| j != i && is_footer_line(page, j)) {
                page.decide(
                    i,
                    &SITE_FOOTER,
                    "a site-footer line next to the licence or menu lines",
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page<'a>(texts: &[&'a str], gaps: &[u32], zones: &[Zone]) -> Page<'a> {
        Page {
            texts: texts.to_vec(),
            gaps: gaps.to_vec(),
            zones: zones.to_vec(),
            decisions: vec![None; texts.len()],
        }
    }

    const BODY: &str =
        "这是一段足够长的正文，它讲了很多事情，也说明了事情的原因和经过，还有后来的发展。";

    #[test]
    fn caption_before_credit_but_not_a_headline_across_an_image_gap() {
        let z = [Zone::Body; 4];
        let mut p = page(
            &[BODY, "茶农在直播间介绍新茶", "本报记者 徐杰 摄", BODY],
            &[0, 1, 1, 1],
            &z,
        );
        p.decide(2, &PHOTO_CREDIT, "t");
        captions(&mut p);
        assert_eq!(p.rule_at(1).map(|r| r.code), Some("D204"));

        let mut p = page(
            &[BODY, "某镇破解难题 从无序到有为", "受访者供图", BODY],
            &[0, 1, 3, 1],
            &z,
        );
        p.decide(2, &PHOTO_CREDIT, "t");
        captions(&mut p);
        assert_eq!(p.rule_at(1), None);
    }

    #[test]
    fn first_half_of_a_broken_paragraph_before_a_credit_is_not_a_caption() {
        let z = [Zone::Body; 4];
        let first = "据介绍，某区企业种下了一片树林。另据介绍，某县居民设立了临时停";
        let second = "车点，投入资金约四千万元，方便了周边的居民和来往的游客停车。";
        let mut p = page(&[BODY, first, "（资料图）", second], &[0, 1, 1, 1], &z);
        p.decide(2, &PHOTO_CREDIT, "t");
        captions(&mut p);
        assert_eq!(p.rule_at(1), None);
        let first = "The council said the bridge would open soon. Workers were still";
        let second = "painting the rails on Monday, and the opening was delayed.";
        let mut p = page(&[BODY, first, "(File photo)", second], &[0, 1, 1, 1], &z);
        p.decide(2, &PHOTO_CREDIT, "t");
        captions(&mut p);
        assert_eq!(p.rule_at(1), None);
        // One phrase (even with a comma) is a caption; so is a cut line with no body after.
        let mut p = page(
            &[BODY, "3月5日，市民在公园赏花", "（资料图）", BODY],
            &[0, 1, 1, 1],
            &z,
        );
        p.decide(2, &PHOTO_CREDIT, "t");
        captions(&mut p);
        assert_eq!(p.rule_at(1).map(|r| r.code), Some("D204"));
        let first = "据介绍，某区企业种下了一片树林。另据介绍，某县居民设立了临时停";
        let mut p = page(&[BODY, first, "（资料图）"], &[0, 1, 1], &z[..3]);
        p.decide(2, &PHOTO_CREDIT, "t");
        captions(&mut p);
        assert_eq!(p.rule_at(1).map(|r| r.code), Some("D204"));
    }

    #[test]
    fn isolated_short_line_between_paragraphs_is_a_caption() {
        let z = [Zone::Body; 5];
        let texts = [BODY, BODY, "党建活动现场", BODY, BODY];
        let mut p = page(&texts, &[0, 1, 3, 3, 1], &z);
        captions(&mut p);
        assert_eq!(p.rule_at(2).map(|r| r.code), Some("D204"));
        // A subheading has ordinary gaps (or ends with a comma).
        let mut p = page(&texts, &[0, 1, 3, 1, 1], &z);
        captions(&mut p);
        assert_eq!(p.rule_at(2), None);
    }

    #[test]
    fn comment_area_under_a_related_list_names_its_own_lines() {
        let z = [Zone::Footer; 5];
        let texts = [
            "相关阅读",
            "某地入选美丽乡村",
            "网友评论",
            "张三：说得好",
            "支持",
        ];
        let mut p = page(&texts, &[0, 1, 1, 1, 1], &z);
        p.decide(0, &RELATED_BLOCK, "t");
        p.decide(2, &COMMENT_AREA, "t");
        blocks(&mut p, &|_| true);
        let codes: Vec<_> = (0..5).map(|i| p.rule_at(i).map(|r| r.code)).collect();
        assert_eq!(
            codes,
            [
                Some("D603"),
                Some("D603"),
                Some("D410"),
                Some("D410"),
                Some("D410")
            ]
        );
        // With the comment-area rule off, its heading is not a block of its own.
        let mut p = page(&texts, &[0, 1, 1, 1, 1], &z);
        p.decide(0, &RELATED_BLOCK, "t");
        p.decide(2, &COMMENT_AREA, "t");
        blocks(&mut p, &|r| r.code != "D410");
        assert_eq!(p.rule_at(3).map(|r| r.code), Some("D603"));
    }

    #[test]
    fn related_list_takes_titles_until_prose() {
        let z = [Zone::Footer; 5];
        let texts = [
            "往期推荐",
            "某地入选美丽乡村",
            "今年夏天的第一场音乐会，定了！",
            BODY,
            "其他",
        ];
        let mut p = page(&texts, &[1; 5], &z);
        p.decide(0, &RELATED_BLOCK, "t");
        blocks(&mut p, &|_| true);
        assert!(p.rule_at(1).is_some() && p.rule_at(2).is_some());
        assert_eq!(p.rule_at(3), None);
    }

    #[test]
    fn comment_area_takes_the_rest_of_the_footer_only() {
        let texts = ["评论", "重要提示", "[发评论]"];
        let mut p = page(&texts, &[1; 3], &[Zone::Footer; 3]);
        p.decide(0, &COMMENT_AREA, "t");
        blocks(&mut p, &|_| true);
        assert!(p.rule_at(1).is_some() && p.rule_at(2).is_some());

        let mut p = page(&texts, &[1; 3], &[Zone::Body; 3]);
        p.decide(0, &COMMENT_AREA, "t");
        blocks(&mut p, &|_| true);
        assert_eq!(p.rule_at(1), None);
    }

    #[test]
    fn site_footer_needs_a_licence_neighbour() {
        let texts = ["主办单位：某市政府", "浙ICP备05012345号"];
        let mut p = page(&texts, &[1; 2], &[Zone::Footer; 2]);
        p.decide(1, &ICP_FOOTER, "t");
        site_footer(&mut p, &[0]);
        assert!(p.rule_at(0).is_some());

        let texts = ["主办单位：某市文旅局", "活动时间为五月。"];
        let mut p = page(&texts, &[1; 2], &[Zone::Footer; 2]);
        site_footer(&mut p, &[0]);
        assert_eq!(p.rule_at(0), None);
    }

    #[test]
    fn follow_takes_names_and_values_only() {
        let mut p = page(&["楼主", "老猫爱旅行"], &[0, 0], &[Zone::Header; 2]);
        follow_label(&mut p, 0, Follow::NextName, &FORUM_CHROME);
        assert!(p.rule_at(1).is_some());
        let mut p = page(
            &["楼主", "五一假期和老婆开车跑了一趟川西。"],
            &[0, 0],
            &[Zone::Header; 2],
        );
        follow_label(&mut p, 0, Follow::NextName, &FORUM_CHROME);
        assert_eq!(p.rule_at(1), None);
    }
}
