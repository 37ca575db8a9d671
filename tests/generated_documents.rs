//! The `thresh::testing` generators keep their promise: the default pipeline cleans every
//! generated dirty document to exactly its expected text, and names every injected piece
//! in its edits with the rule the generator expected.
//!
//! Needs the `testing` feature: `cargo test --features testing --test generated_documents`
//! (plain `cargo test` compiles this file to nothing). 256 cases per law;
//! `PROPTEST_CASES=N` raises the count.
#![cfg(feature = "testing")]

mod common;

use std::collections::{BTreeSet, HashSet};

use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::TestRunner;
use thresh::config::Settings;
use thresh::document::Document;
use thresh::pipeline::Pipeline;
use thresh::testing::{
    dirty_document, DirtyConfig, DirtyDocument, Family, InjectionKind, Place, Script, TextEncoding,
    GENERATED_CODES,
};

fn clean(pipeline: &Pipeline, doc: &DirtyDocument) -> Document {
    let mut d = doc.document();
    pipeline.run(&mut d).expect("generated documents decode");
    d
}

/// Built once: compiling the debris patterns takes a while in a debug build.
fn default_pipeline() -> &'static Pipeline {
    static PIPELINE: std::sync::OnceLock<Pipeline> = std::sync::OnceLock::new();
    PIPELINE.get_or_init(|| Pipeline::new(Settings::default()).expect("default settings build"))
}

fn ignoring_pipeline() -> &'static Pipeline {
    static PIPELINE: std::sync::OnceLock<Pipeline> = std::sync::OnceLock::new();
    PIPELINE.get_or_init(|| Pipeline::new(ignoring(IGNORED)).expect("settings build"))
}

/// What `respecting_a_configuration_injects_only_what_it_removes` ignores.
const IGNORED: &[&str] = &["D2", "J103", "R"];

/// The injections the edits of `cleaned` do not name with the expected rule.
fn unnamed(doc: &DirtyDocument, cleaned: &Document) -> Vec<String> {
    doc.injected
        .iter()
        .filter(|inj| {
            !cleaned.edits.iter().any(|e| {
                e.code == inj.code
                    && inj
                        .line
                        .is_none_or(|l| e.lines.start <= l && l <= e.lines.end)
            })
        })
        .map(|inj| {
            format!(
                "{} {:?} line {:?}: {:?}",
                inj.code, inj.kind, inj.line, inj.text
            )
        })
        .collect()
}

/// Any single family, in any script.
fn one_family() -> impl Strategy<Value = DirtyDocument> {
    prop::sample::select(Family::ALL.to_vec())
        .prop_flat_map(|f| dirty_document(DirtyConfig::default().families(&[f])))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(common::cases(256)))]

    #[test]
    fn default_pipeline_cleans_generated_documents_to_expected_text(
        doc in dirty_document(DirtyConfig::default())
    ) {
        let cleaned = clean(default_pipeline(), &doc);
        prop_assert_eq!(cleaned.render_text(), doc.expected_clean.clone(), "input:\n{}", doc.text);
    }

    #[test]
    fn every_injection_is_named_by_its_rule(doc in dirty_document(DirtyConfig::default())) {
        let cleaned = clean(default_pipeline(), &doc);
        let missing = unnamed(&doc, &cleaned);
        prop_assert!(missing.is_empty(), "not named: {:?}\ninput:\n{}", missing, doc.text);
    }

    #[test]
    fn each_family_alone_cleans_to_expected_text(doc in one_family()) {
        let cleaned = clean(default_pipeline(), &doc);
        prop_assert_eq!(cleaned.render_text(), doc.expected_clean.clone(), "input:\n{}", doc.text);
        prop_assert!(unnamed(&doc, &cleaned).is_empty());
    }

    /// Generated body text is already clean: nothing to remove, join or convert.
    #[test]
    fn clean_paragraphs_come_out_unchanged(doc in dirty_document(DirtyConfig::clean())) {
        prop_assert!(doc.injected.is_empty());
        let cleaned = clean(default_pipeline(), &doc);
        prop_assert_eq!(cleaned.render_text(), doc.expected_clean.clone());
        prop_assert!(cleaned.edits.is_empty(), "{:?}", cleaned.edits);
    }

    /// A configuration that ignores a family's rules leaves its debris in place — and the
    /// generator, told so, injects none of it.
    #[test]
    fn respecting_a_configuration_injects_only_what_it_removes(
        doc in dirty_document(DirtyConfig::default().respecting(&ignoring(IGNORED)))
    ) {
        let cleaned = clean(ignoring_pipeline(), &doc);
        prop_assert_eq!(cleaned.render_text(), doc.expected_clean.clone(), "input:\n{}", doc.text);
        for inj in &doc.injected {
            prop_assert!(!inj.code.starts_with("D2") && inj.code != "J103" && !inj.code.starts_with('R'));
        }
    }

    /// Only the debris rules selected: no breaks, repeats, encodings or layout noise are
    /// generated, since nothing would repair them.
    #[test]
    fn respecting_a_narrow_selection(
        doc in dirty_document(DirtyConfig::default().respecting(&selecting_debris()))
    ) {
        let cleaned = clean(debris_only_pipeline(), &doc);
        prop_assert_eq!(cleaned.render_text(), doc.expected_clean.clone(), "input:\n{}", doc.text);
        prop_assert!(unnamed(&doc, &cleaned).is_empty(), "{:?}", unnamed(&doc, &cleaned));
        prop_assert!(doc.injected.iter().all(|i| i.code.starts_with('D')));
    }

    /// A line put in with `with_line` is named by the rule given, and changes nothing else.
    #[test]
    fn added_lines_are_removed_by_their_rule(
        doc in dirty_document(DirtyConfig::default().scripts(&[Script::Simplified])),
        place in prop::sample::select(vec![Place::Header, Place::Between, Place::Footer]),
    ) {
        let doc = doc.with_line(place, "责任编辑：林小雨", "D205");
        let cleaned = clean(default_pipeline(), &doc);
        prop_assert_eq!(cleaned.render_text(), doc.expected_clean.clone(), "input:\n{}", doc.text);
        prop_assert!(unnamed(&doc, &cleaned).is_empty(), "{:?}", unnamed(&doc, &cleaned));
    }
}

fn selecting_debris() -> Settings {
    Settings {
        select: vec!["D".to_string()],
        ..Settings::default()
    }
}

fn debris_only_pipeline() -> &'static Pipeline {
    static PIPELINE: std::sync::OnceLock<Pipeline> = std::sync::OnceLock::new();
    PIPELINE.get_or_init(|| Pipeline::new(selecting_debris()).expect("settings build"))
}

fn ignoring(codes: &[&str]) -> Settings {
    Settings {
        ignore: codes.iter().map(|c| c.to_string()).collect(),
        ..Settings::default()
    }
}

/// Guards the generator: over a few hundred documents every family, every kind of
/// injection, every rule code, script and encoding occurs — the laws above are exercised on
/// all of them.
#[test]
fn generated_documents_cover_every_family_code_and_encoding() {
    let mut runner = TestRunner::deterministic();
    let strategy = dirty_document(DirtyConfig::default());
    let (mut codes, mut kinds, mut scripts, mut encodings) = (
        BTreeSet::new(),
        HashSet::new(),
        HashSet::new(),
        HashSet::new(),
    );
    let mut short = 0;
    for _ in 0..600 {
        let doc = strategy.new_tree(&mut runner).unwrap().current();
        for inj in &doc.injected {
            codes.insert(inj.code);
            kinds.insert(match inj.kind {
                InjectionKind::Line(f) | InjectionKind::Span(f) => format!("{f:?}"),
                other => format!("{other:?}"),
            });
        }
        scripts.insert(doc.script);
        encodings.insert(doc.encoding);
        // Short paragraphs (one sentence) below the first line.
        short += doc
            .expected_clean
            .lines()
            .skip(1)
            .filter(|l| l.chars().count() < 40 && l.ends_with(['。', '.']))
            .count();
    }
    assert!(short > 50, "only {short} short paragraphs");
    let all: BTreeSet<&str> = GENERATED_CODES
        .iter()
        .copied()
        .filter(|c| !matches!(*c, "E105" | "U101" | "U103"))
        .collect();
    assert_eq!(
        codes,
        all,
        "codes never generated: {:?}",
        all.difference(&codes)
    );
    for f in Family::ALL {
        assert!(kinds.contains(&format!("{f:?}")), "{f:?} never injected");
    }
    assert!(
        kinds.contains("ColumnBreak")
            && kinds.contains("InterposedBreak")
            && kinds.contains("Repeat")
    );
    assert_eq!(scripts.len(), Script::ALL.len());
    assert_eq!(encodings.len(), TextEncoding::ALL.len());
}

/// The check can fail: with the debris stage skipped, generated pages keep their debris.
#[test]
fn a_pipeline_without_debris_fails_the_expectation() {
    let mut runner = TestRunner::deterministic();
    let strategy =
        dirty_document(DirtyConfig::default().families(&[Family::Editor, Family::Notice]));
    let pipeline = Pipeline::new(Settings {
        skip_stages: vec!["debris".to_string()],
        ..Settings::default()
    })
    .unwrap();
    let mut failed = 0;
    for _ in 0..50 {
        let doc = strategy.new_tree(&mut runner).unwrap().current();
        let has_debris = doc.injected.iter().any(|i| i.code.starts_with('D'));
        if has_debris && clean(&pipeline, &doc).render_text() != doc.expected_clean {
            failed += 1;
        }
    }
    assert!(failed > 20, "only {failed} of 50 documents kept debris");
}

/// The example of `docs/testing.md`: a team's `thresh.toml` with a rule of its own and an
/// `ignore`, tested on generated pages that carry the team's slogan line.
const USER_CONFIG: &str = r#"
ignore = ["D208"]   # we keep tag lines

[[debris.rules]]
code = "D950"
name = "site-slogan"
regex = '^\p{Han}{2,8}——\p{Han}{4,12}$'
zone = "footer"
"#;

fn user_pipeline() -> &'static Pipeline {
    static PIPELINE: std::sync::OnceLock<Pipeline> = std::sync::OnceLock::new();
    PIPELINE.get_or_init(|| Pipeline::new(user_settings()).expect("the example config builds"))
}

fn user_settings() -> Settings {
    Settings::from_toml(USER_CONFIG, std::path::Path::new("thresh.toml")).expect("parses")
}

fn slogan() -> impl Strategy<Value = String> {
    (
        prop::sample::select(vec!["江城日报", "临川晚报", "南浦新闻网"]),
        prop::sample::select(vec!["记录城市的温度", "做有温度的新闻", "与你一起看世界"]),
    )
        .prop_map(|(site, motto)| format!("{site}——{motto}"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(common::cases(256)))]

    #[test]
    fn a_user_configuration_cleans_generated_pages(
        doc in dirty_document(DirtyConfig::default().respecting(&user_settings())),
        slogan in slogan(),
    ) {
        let doc = doc.with_line(Place::Footer, slogan, "D950");
        let cleaned = clean(user_pipeline(), &doc);
        prop_assert_eq!(cleaned.render_text(), doc.expected_clean.clone(), "input:\n{}", doc.text);
        prop_assert!(unnamed(&doc, &cleaned).is_empty(), "{:?}", unnamed(&doc, &cleaned));
        prop_assert!(doc.injected.iter().all(|i| i.code != "D208"));
    }
}
