//! Line structure: length, sentence endings, and the zones of a page — the header before
//! the first body paragraph, the body, and the footer after the last.

use serde::{Deserialize, Serialize};

/// Where a line sits in the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Zone {
    /// Anywhere (as a constraint).
    Any,
    /// Header or footer (as a constraint).
    Edges,
    /// Before the first body paragraph.
    Header,
    /// Between the first and the last body paragraph.
    Body,
    /// After the last body paragraph.
    Footer,
}

impl Zone {
    /// Whether a line in zone `actual` satisfies this constraint.
    pub fn allows(self, actual: Zone) -> bool {
        match self {
            Zone::Any => true,
            Zone::Edges => actual != Zone::Body,
            other => other == actual,
        }
    }
}

/// Characters that end a sentence (closing quotes and brackets are looked through).
pub fn ends_like_sentence(text: &str) -> bool {
    let trimmed = text.trim_end_matches(['”', '"', '’', '\'', '」', '』', ')', '）', '》', ' ']);
    trimmed.ends_with(['。', '！', '？', '!', '?', '.', '…', '；', ';'])
}

/// Whether a character is a CJK ideograph (the scripts this stage reads by character).
pub fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F)
}

/// Text weight in "characters of Chinese": a Han character counts 1, a Latin word 2, so
/// that thresholds work for both scripts. Counted only up to `cap` (a heavier text returns
/// `cap + 1`, as `reflow::shape::width_up_to` does): lines are compared with a threshold,
/// and most are decided long before their end.
pub fn weight_up_to(text: &str, cap: usize) -> usize {
    let mut w = 0;
    let mut in_word = false;
    for c in text.chars() {
        let (han, word) = if c.is_ascii() {
            (false, c.is_ascii_alphanumeric())
        } else if is_han(c) {
            (true, false)
        } else if matches!(c as u32, 0x3000..=0x303F | 0xFF00..=0xFF0F | 0xFF1A..=0xFF20 | 0x2000..=0x206F)
        {
            // CJK and general punctuation: cheap to rule out before the Unicode tables.
            (false, false)
        } else {
            (false, c.is_alphanumeric())
        };
        if han {
            w += 1;
            in_word = false;
        } else if word {
            if !in_word {
                w += 2;
            }
            in_word = true;
        } else {
            in_word = false;
        }
        if w > cap {
            return cap + 1;
        }
    }
    w
}

/// A paragraph that reads like prose: long, or a complete sentence of some length.
pub fn is_prose(text: &str) -> bool {
    let w = weight_up_to(text, 30);
    w >= 30 || (w >= 12 && ends_like_sentence(text))
}

/// The zone of every line. `prose[i]` says whether line `i` reads like prose, `hit[i]`
/// whether some pattern matched it: the body is delimited by prose lines no pattern matched
/// (or, in a page without prose such as a poem, by any line no pattern matched).
pub fn zones(prose: &[bool], hit: &[bool]) -> Vec<Zone> {
    let n = prose.len();
    let anchor = |strict: bool| {
        let is_anchor = |i: &usize| !hit[*i] && (!strict || prose[*i]);
        let first = (0..n).find(is_anchor);
        let last = (0..n).rev().find(is_anchor);
        first.zip(last)
    };
    let Some((first, last)) = anchor(true).or_else(|| anchor(false)) else {
        return vec![Zone::Header; n];
    };
    (0..n)
        .map(|i| {
            if i < first {
                Zone::Header
            } else if i > last {
                Zone::Footer
            } else {
                Zone::Body
            }
        })
        .collect()
}

/// The usual number of blank lines between paragraphs (the median gap), used to tell an
/// image gap (wider) from an ordinary paragraph break.
pub fn usual_gap(gaps: &[u32]) -> u32 {
    if gaps.len() < 2 {
        return 0;
    }
    let mut sorted: Vec<u32> = gaps[1..].to_vec();
    sorted.sort_unstable();
    sorted[(sorted.len() - 1) / 2]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentence_endings_look_through_quotes() {
        assert!(ends_like_sentence("他说：“好。”"));
        assert!(ends_like_sentence("It rose."));
        assert!(!ends_like_sentence("责任编辑：王晓"));
        assert!(!ends_like_sentence("把握区域治理“关键点”，"));
    }

    #[test]
    fn weight_counts_han_and_words() {
        assert_eq!(weight_up_to("记者 张三", usize::MAX), 4);
        assert_eq!(weight_up_to("By Jane Doe", usize::MAX), 6);
        assert_eq!(weight_up_to("这是一段足够长的正文", 4), 5);
    }

    #[test]
    fn zones_are_delimited_by_unmatched_prose() {
        let texts = [
            "首页 > 新闻",
            "标题",
            "这是一段足够长的正文，它讲了很多事情，也说明了原因和经过。",
            "短句。",
            "这是另一段足够长的正文，它讲了很多事情，也说明了原因和经过。",
            "责任编辑：王晓",
        ];
        let hit = [true, false, false, false, false, true];
        let prose: Vec<bool> = texts.iter().map(|t| is_prose(t)).collect();
        assert_eq!(
            zones(&prose, &hit),
            vec![
                Zone::Header,
                Zone::Header,
                Zone::Body,
                Zone::Body,
                Zone::Body,
                Zone::Footer
            ]
        );
        // A poem has no prose: any unmatched line delimits the body.
        let poem = ["点击蓝字关注", "等一场雨", "等一阵风", "分享"];
        let prose: Vec<bool> = poem.iter().map(|t| is_prose(t)).collect();
        let z = zones(&prose, &[true, false, false, true]);
        assert_eq!(z, vec![Zone::Header, Zone::Body, Zone::Body, Zone::Footer]);
    }

    #[test]
    fn usual_gap_is_the_median() {
        assert_eq!(usual_gap(&[0, 1, 1, 3, 1]), 1);
        assert_eq!(usual_gap(&[0, 0, 0, 2]), 0);
    }
}
