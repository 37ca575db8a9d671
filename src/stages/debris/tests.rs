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

fn run(settings: &Settings, text: &str) -> Document {
    let stage = DebrisStage::new(settings).unwrap();
    let mut doc = Document::default();
    doc.set_text(text);
    stage.apply(&mut doc).unwrap();
    doc
}

#[test]
fn bad_user_regex_is_a_config_error_with_file_and_line() {
    let toml_text = "[debris]\npacks = [\"zh-news\"]\n\n[[debris.rules]]\ncode = \"D950\"\nname = \"slogan\"\nregex = \"(unclosed\"\n";
    let err = Settings::from_toml(toml_text, std::path::Path::new("conf/thresh.toml"))
        .unwrap_err()
        .to_string();
    assert!(err.starts_with("conf/thresh.toml: line 7"), "{err}");
    assert!(err.contains("invalid regex"), "{err}");
}

#[test]
fn unknown_pack_and_builtin_user_code_are_config_errors() {
    let path = std::path::Path::new("t.toml");
    let err = Settings::from_toml("[debris]\npacks = [\"klingon\"]\n", path).unwrap_err();
    assert!(err.to_string().contains("unknown pack"), "{err}");
    let text = "[[debris.rules]]\ncode = \"D201\"\nname = \"x\"\nliteral = \"a\"\n";
    let err = Settings::from_toml(text, path).unwrap_err();
    assert!(err.to_string().contains("must be D9"), "{err}");
    let text = "[[debris.rules]]\ncode = \"D901\"\nname = \"x\"\nliteral = \"a\"\n";
    let err = Settings::from_toml(text, path).unwrap_err();
    assert!(err.to_string().contains("built-in"), "{err}");
}

#[test]
fn user_rules_remove_lines_spans_and_blocks() {
    let text = format!(
        "本站口号：让新闻更有温度\n\n{BODY}\n\n{BODY}【推广】\n\n{BODY}\n\n网友留言区\n\n留言一\n\n留言二\n"
    );
    let toml_text = r#"
[[debris.rules]]
code = "D950"
name = "site-slogan"
regex = "^本站口号"
zone = "header"

[[debris.rules]]
code = "D951"
name = "promo-tag"
literal = "【推广】"
kind = "inline"

[[debris.rules]]
code = "D952"
name = "guestbook"
literal = "网友留言区"
kind = "block"
zone = "footer"
"#;
    let settings = Settings::from_toml(toml_text, std::path::Path::new("t.toml")).unwrap();
    let doc = run(&settings, &text);
    assert_eq!(doc.render_text(), format!("{BODY}\n{BODY}\n{BODY}\n"));
    let codes: Vec<&str> = doc.edits.iter().map(|e| e.code.as_ref()).collect();
    assert_eq!(codes, vec!["D950", "D951", "D952", "D952", "D952"]);
    assert_eq!(doc.edits[1].rule, "promo-tag");
    assert_eq!(doc.edits[1].column, BODY.chars().count() as u32 + 1);
    // Ignoring a user code switches the rule off.
    let mut settings = settings;
    settings.ignore = vec!["D950".into(), "D951".into(), "D952".into()];
    assert!(settings.validate().is_ok(), "user codes are known codes");
    assert_eq!(run(&settings, &text).edits.len(), 0);
}

#[test]
fn packs_and_rules_can_be_switched_off() {
    let text = format!("{BODY}\n\n{BODY}\n\nShare on Facebook\n\n责任编辑：王晓\n");
    let mut settings = Settings::default();
    settings.debris.packs = vec!["zh-news".into()];
    let doc = run(&settings, &text);
    assert!(doc.render_text().contains("Share on Facebook"));
    assert!(!doc.render_text().contains("责任编辑"));
    settings.ignore = vec!["D2".into()];
    assert!(run(&settings, &text).render_text().contains("责任编辑"));
}

#[test]
fn learned_boilerplate_is_removed_with_its_document_count() {
    let mut learner = BoilerplateLearner::new(LearnSettings::default());
    for i in 0..4 {
        learner.add_text(&format!("第{i}篇{BODY}\n\n本站精选 每日更新\n"));
    }
    let mut settings = Settings::default();
    settings.debris.learned = Some(Arc::new(learner.finish()));
    let doc = run(
        &settings,
        &format!("{BODY}\n\n本站精选 每日更新\n\n短句没有被学到\n"),
    );
    assert_eq!(doc.render_text(), format!("{BODY}\n短句没有被学到\n"));
    assert_eq!(doc.edits[0].code, "D901");
    assert!(
        doc.edits[0].reason.contains("4 documents"),
        "{}",
        doc.edits[0].reason
    );
    // `ignore = ["D901"]` (what --no-learn amounts to) keeps it.
    settings.ignore = vec!["D901".into()];
    assert!(run(&settings, &format!("{BODY}\n\n本站精选 每日更新\n"))
        .edits
        .is_empty());
}

#[test]
fn inline_edits_name_their_span_and_column() {
    let doc = run(&Settings::default(), &format!("## 标题\n\n{BODY}（完）\n"));
    assert_eq!(doc.render_text(), format!("标题\n{BODY}\n"));
    assert_eq!(doc.edits[0].code, "D502");
    assert_eq!(
        (doc.edits[0].column, doc.edits[0].before.as_str()),
        (1, "## ")
    );
    assert_eq!(doc.edits[1].code, "D602");
    assert_eq!(doc.edits[1].column, BODY.chars().count() as u32 + 1);
}

mod laws {
    use super::*;
    use proptest::prelude::*;

    const CONTENT: &[&str] = &[
        BODY,
        BODY_EN,
        "市政府召开常务会议 研究部署夏季防汛工作",
        "等一场雨落在青瓦上",
        "我哭了。",
        "附件：企业稳岗补贴申请表",
        "2024年2月20日",
        "版权保护意识的提升，需要平台、创作者和使用者共同努力。",
        "Still the river runs",
        "会议要求，各区县要压实防汛责任，加强隐患排查。（完）",
        "## 网格员齐发力 社区治理更精细",
    ];

    /// A page: lines drawn from content and from the positive debris examples, with gaps.
    fn page() -> impl Strategy<Value = String> {
        let debris: Vec<&'static str> = positives().into_iter().map(|(_, l)| l).collect();
        let line = prop_oneof![
            proptest::sample::select(CONTENT.to_vec()),
            proptest::sample::select(debris),
        ];
        proptest::collection::vec((line, 0usize..3), 1..30).prop_map(|lines| {
            let mut text = String::new();
            for (line, gap) in lines {
                text.push_str(&"\n".repeat(gap));
                text.push_str(line);
                text.push('\n');
            }
            text
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn every_removed_line_is_named_by_an_edit(text in page()) {
            let mut doc = Document::default();
            doc.set_text(&text);
            let stage = stage();
            stage.apply(&mut doc).unwrap();
            for (i, line) in text.lines().enumerate() {
                let n = i as u32 + 1;
                if line.trim().is_empty() {
                    continue;
                }
                let kept = doc.blocks.iter().any(|b| b.lines.start <= n && n <= b.lines.end);
                let named = doc.edits.iter().any(|e| e.lines.start <= n && n <= e.lines.end);
                prop_assert!(kept || named, "line {} vanished: {}", n, line);
            }
        }

        #[test]
        fn debris_is_idempotent(text in page()) {
            let stage = stage();
            let mut once = Document::default();
            once.set_text(&text);
            stage.apply(&mut once).unwrap();
            let first = once.render_text();
            let mut twice = Document::default();
            twice.set_text(&first);
            stage.apply(&mut twice).unwrap();
            prop_assert_eq!(twice.render_text(), first);
        }
    }
}

#[test]
fn section_label_goes_only_above_a_title() {
    let lines = [
        "Arts & Culture",
        "Still the River Runs",
        "By Jane Doe",
        BODY_EN,
        BODY_EN,
    ];
    assert_eq!(decide(&lines)[0].as_deref(), Some("D103"));
    let lines = ["Salt & Light", "By Jane Doe", BODY_EN, BODY_EN];
    assert_eq!(decide(&lines)[0], None);
}
