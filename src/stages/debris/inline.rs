//! Inline rules: debris spans inside a line that stays — a markdown heading marker, HTML
//! tags and entities, an end marker or a signature glued to the last sentence.
//!
//! Every rule finds spans on the original line; the spans are applied together so that the
//! recorded columns refer to the line as it was.

use regex::Regex;

use crate::rules::RuleInfo;

use super::catalog::{GLUED_END_MARKER, GLUED_SIGNATURE, HTML_ENTITY, HTML_TAG, MARKDOWN_MARKER};

/// One span to remove (or replace) inside a line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Span {
    pub rule: &'static RuleInfo,
    /// Byte range in the line.
    pub start: usize,
    pub end: usize,
    /// What replaces the span (`None`: removed).
    pub replacement: Option<String>,
}

/// The compiled inline rules that are enabled.
pub struct InlineRules {
    markdown: Option<Regex>,
    html_tag: Option<Regex>,
    html_entity: Option<Regex>,
    end_marker: Option<Regex>,
    signature: Option<Regex>,
}

/// Office titles that end the signature of a community or party-branch page.
const TITLES: &str =
    "书记|副书记|主任|副主任|主席|站长|所长|局长|处长|科长|校长|院长|社长|会长|理事长|\
    经理|总经理|董事长|负责人|组长|队长|馆长|镇长|县长|市长|区长|部长|秘书长|委员|干事|专干|社工";

impl InlineRules {
    /// Compiles the rules whose code `enabled` accepts.
    pub fn new(enabled: impl Fn(&str) -> bool) -> InlineRules {
        let build = |rule: &RuleInfo, re: &str| {
            // The patterns are constants; a failure is a bug caught by the tests.
            enabled(rule.code).then(|| Regex::new(re).ok()).flatten()
        };
        InlineRules {
            markdown: build(&MARKDOWN_MARKER, r"^#{1,6}[ \t]+"),
            html_tag: build(
                &HTML_TAG,
                r"(?i)<!--.*?-->|</?(?:p|div|span|br|hr|strong|em|b|i|u|a|img|font|table|tbody|thead|tr|td|th|ul|ol|li|h[1-6]|section|article|figure|figcaption|blockquote|sup|sub|small|center|iframe|script|style|label|input|button|header|footer|nav|main|aside|picture|source|video|audio|mark|del|ins|s|strike|code|pre)\b[^<>]{0,300}/?>",
            ),
            html_entity: build(
                &HTML_ENTITY,
                r"&(?:nbsp|amp|lt|gt|quot|apos|ldquo|rdquo|lsquo|rsquo|hellip|mdash|ndash|middot|bull|copy|reg|#\d{1,7}|#[xX][0-9a-fA-F]{1,6});",
            ),
            end_marker: build(
                &GLUED_END_MARKER,
                r"[。！？!?.”」』]\s*([（(【\[]\s*(?:完|全文完|本文完)\s*[）)】\]])\s*$",
            ),
            signature: build(
                &GLUED_SIGNATURE,
                &format!(r"[。！？]\s*(\p{{Han}}{{2,16}}?(?:{TITLES})\s+)(\p{{Han}}.*)$"),
            ),
        }
    }

    /// `line` without markdown markers, HTML tags, entities and a glued end marker, when it
    /// has any: what the line patterns and the zones see.
    pub fn markup_stripped(&self, line: &str) -> Option<String> {
        if !(line.starts_with('#')
            || line.contains(['<', '&'])
            || line.ends_with(['）', ')', '】', ']']))
        {
            return None;
        }
        let spans: Vec<Span> = self
            .spans(line, &[])
            .into_iter()
            .filter(|s| s.rule.code != GLUED_SIGNATURE.code)
            .collect();
        (!spans.is_empty()).then(|| apply_spans(line, &spans))
    }

    /// The spans to change in `line`. `earlier` holds the paragraphs before it (to recognise
    /// a pasted repeat after a glued signature).
    pub fn spans(&self, line: &str, earlier: &[&str]) -> Vec<Span> {
        let mut spans = Vec::new();
        let span = |rule, start, end, replacement| Span {
            rule,
            start,
            end,
            replacement,
        };
        if line.starts_with('#') {
            if let Some(m) = self.markdown.as_ref().and_then(|re| re.find(line)) {
                spans.push(span(&MARKDOWN_MARKER, m.start(), m.end(), None));
            }
        }
        if line.contains('<') {
            if let Some(re) = &self.html_tag {
                spans.extend(
                    re.find_iter(line)
                        .map(|m| span(&HTML_TAG, m.start(), m.end(), None)),
                );
            }
        }
        if line.contains('&') {
            if let Some(re) = &self.html_entity {
                for m in re.find_iter(line) {
                    if let Some(c) = decode_entity(m.as_str()) {
                        spans.push(span(&HTML_ENTITY, m.start(), m.end(), Some(c.to_string())));
                    }
                }
            }
        }
        if line.ends_with(['）', ')', '】', ']', ' ']) {
            if let Some(c) = self.end_marker.as_ref().and_then(|re| re.captures(line)) {
                if let Some(g) = c.get(1) {
                    spans.push(span(&GLUED_END_MARKER, g.start(), line.len(), None));
                }
            }
        }
        // A signature is a title, a space and a name after a sentence: no space, no signature.
        let spaced = line.contains([' ', '\u{3000}']);
        if let Some(s) = self
            .signature
            .as_ref()
            .filter(|_| spaced)
            .and_then(|re| signature_span(re, line, earlier))
        {
            spans.push(s);
        }
        spans.sort_by_key(|s| (s.start, s.end));
        let mut kept: Vec<Span> = Vec::with_capacity(spans.len());
        for s in spans {
            if kept.last().is_none_or(|k| k.end <= s.start) {
                kept.push(s);
            }
        }
        kept
    }
}

/// A signature (`某某党总支书记 张三`) after the last sentence: at the end of the line, or
/// followed by text that repeats the start of an earlier paragraph (a pasted copy).
fn signature_span(re: &Regex, line: &str, earlier: &[&str]) -> Option<Span> {
    let caps = re.captures(line)?;
    let title = caps.get(1)?;
    let rest = caps.get(2)?;
    let rest_text = rest.as_str();
    let name_len = |n: usize| {
        rest_text
            .char_indices()
            .nth(n)
            .map_or(rest_text.len(), |(i, _)| i)
    };
    let han_prefix = rest_text
        .chars()
        .take_while(|c| super::zones::is_han(*c))
        .count();
    if rest_text.chars().count() == han_prefix && (2..=4).contains(&han_prefix) {
        return Some(Span {
            rule: &GLUED_SIGNATURE,
            start: title.start(),
            end: line.len(),
            replacement: None,
        });
    }
    // A name of two to four characters, then text that opens an earlier paragraph.
    for n in [3, 2, 4] {
        if han_prefix < n {
            continue;
        }
        let after = &rest_text[name_len(n)..];
        let probe: String = after.chars().take(8).collect();
        if probe.chars().count() == 8 && earlier.iter().any(|p| p.starts_with(&probe)) {
            return Some(Span {
                rule: &GLUED_SIGNATURE,
                start: title.start(),
                end: rest.start() + name_len(n),
                replacement: None,
            });
        }
    }
    None
}

fn decode_entity(entity: &str) -> Option<char> {
    let body = entity.strip_prefix('&')?.strip_suffix(';')?;
    if let Some(num) = body.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(code).filter(|c| !c.is_control() || *c == '\t');
    }
    Some(match body {
        "nbsp" => ' ',
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "ldquo" => '“',
        "rdquo" => '”',
        "lsquo" => '‘',
        "rsquo" => '’',
        "hellip" => '…',
        "mdash" => '—',
        "ndash" => '–',
        "middot" => '·',
        "bull" => '•',
        "copy" => '©',
        "reg" => '®',
        _ => return None,
    })
}

/// Applies non-overlapping, sorted spans; returns the new line.
pub fn apply_spans(line: &str, spans: &[Span]) -> String {
    let mut out = String::with_capacity(line.len());
    let mut at = 0;
    for s in spans {
        out.push_str(&line[at..s.start]);
        if let Some(r) = &s.replacement {
            out.push_str(r);
        }
        at = s.end;
    }
    out.push_str(&line[at..]);
    out.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> InlineRules {
        InlineRules::new(|_| true)
    }

    fn clean(line: &str, earlier: &[&str]) -> (String, Vec<&'static str>) {
        let spans = rules().spans(line, earlier);
        let codes = spans.iter().map(|s| s.rule.code).collect();
        (apply_spans(line, &spans), codes)
    }

    #[test]
    fn markdown_marker_is_stripped_but_hashtags_stay() {
        assert_eq!(clean("## 网格“四员”齐发力", &[]).0, "网格“四员”齐发力");
        assert_eq!(clean("#楼市 话题", &[]).0, "#楼市 话题");
        assert_eq!(clean("C# is a language", &[]).0, "C# is a language");
    }

    #[test]
    fn html_tags_and_entities() {
        let (text, codes) = clean("<p>他说&ldquo;好&rdquo;。</p>", &[]);
        assert_eq!(text, "他说“好”。");
        assert_eq!(codes, vec!["D503", "D504", "D504", "D503"]);
        assert_eq!(clean("a < b and c > d", &[]).0, "a < b and c > d");
        assert_eq!(clean("AT&T rose 3%.", &[]).0, "AT&T rose 3%.");
    }

    #[test]
    fn glued_end_marker() {
        assert_eq!(clean("会议于当天结束。（完）", &[]).0, "会议于当天结束。");
        assert_eq!(
            clean("他的作品（完）成于1990年。", &[]).0,
            "他的作品（完）成于1990年。"
        );
    }

    #[test]
    fn glued_signature_at_the_end_or_before_a_pasted_repeat() {
        let line = "努力实现精细化管理服务。桥湾居民区党总支书记 俞燕萍";
        assert_eq!(clean(line, &[]).0, "努力实现精细化管理服务。");
        let earlier = ["居民事务“服务员”，画出和谐共治“同心圆”。"];
        let line =
            "努力实现精细化管理服务。某居民区党总支书记 张小红居民事务“服务员”，画出和谐共治";
        assert_eq!(
            clean(line, &earlier).0,
            "努力实现精细化管理服务。居民事务“服务员”，画出和谐共治"
        );
        // A sentence that starts with a title and a name goes on: not a signature.
        let line = "会议结束。社区书记 王芳说，下一步还要继续做好服务工作。";
        assert_eq!(clean(line, &[]).0, line);
    }
}
