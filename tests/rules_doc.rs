//! `docs/rules.md` is generated from the registry: this test fails when it is out of date.
//! `THRESH_UPDATE_DOCS=1 cargo test --test rules_doc` rewrites it.

use std::path::Path;

#[test]
fn rules_doc_is_up_to_date() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules.md");
    let expected = thresh::registry::rules_markdown();
    if std::env::var_os("THRESH_UPDATE_DOCS").is_some() {
        std::fs::write(&path, &expected).expect("write docs/rules.md");
        return;
    }
    let actual = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        actual == expected,
        "docs/rules.md is out of date: run `THRESH_UPDATE_DOCS=1 cargo test --test rules_doc`"
    );
}

#[test]
fn rules_doc_lists_every_rule() {
    let doc = thresh::registry::rules_markdown();
    for (_, rule) in thresh::registry::all_rules() {
        assert!(doc.contains(&format!("### {} {}", rule.code, rule.name)));
    }
}
