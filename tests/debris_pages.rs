//! Whole invented pages in the styles the debris packs cover (a Chinese portal, a Taiwan
//! portal, an English news page, a WeChat post, a Discuz thread), run through the debris
//! stage alone: the output must be exactly the article, and every removed line must be
//! named by an edit. Fixtures: `tests/fixtures/debris/NAME.txt` and `NAME.expected`.
//! `THRESH_UPDATE_FIXTURES=1` rewrites the expected files (review the diff).

use std::path::Path;

use thresh::config::Settings;
use thresh::document::Document;
use thresh::registry::stage_info;

fn run_debris(text: &str) -> Document {
    let stage = (stage_info("debris").expect("registered").build)(&Settings::default())
        .expect("default settings build");
    let mut doc = Document::default();
    doc.set_text(text);
    // What normalize guarantees before debris runs: trimmed lines.
    for block in &mut doc.blocks {
        block.text = block.text.trim().to_string();
    }
    doc.blocks.retain(|b| !b.text.is_empty());
    stage.apply(&mut doc).expect("debris never fails");
    doc
}

fn check(name: &str) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/debris");
    let input = std::fs::read_to_string(dir.join(format!("{name}.txt"))).expect("fixture");
    let doc = run_debris(&input);
    let got = doc.render_text();
    let expected_path = dir.join(format!("{name}.expected"));
    if std::env::var_os("THRESH_UPDATE_FIXTURES").is_some() {
        std::fs::write(&expected_path, &got).expect("write expected");
    }
    let expected = std::fs::read_to_string(&expected_path).expect("expected file");
    assert_eq!(got, expected, "{name}");
    // Every non-blank input line is either in a kept block or named by an edit.
    for (i, line) in input.lines().enumerate() {
        let n = i as u32 + 1;
        if line.trim().is_empty() {
            continue;
        }
        let kept = doc
            .blocks
            .iter()
            .any(|b| b.lines.start <= n && n <= b.lines.end);
        let named = doc
            .edits
            .iter()
            .any(|e| e.lines.start <= n && n <= e.lines.end);
        assert!(
            kept || named,
            "{name}: line {n} vanished without an edit: {line}"
        );
    }
}

#[test]
fn chinese_portal_page() {
    check("zh-portal");
}

#[test]
fn taiwan_portal_page() {
    check("tw-portal");
}

#[test]
fn english_news_page() {
    check("en-news");
}

#[test]
fn wechat_post() {
    check("wx-post");
}

#[test]
fn discuz_thread() {
    check("forum");
}
