//! Laws of the repeats stage, checked on generated documents: Chinese and English prose
//! with pasted, re-punctuated, truncated and spliced copies of paragraphs and sentences.

use proptest::prelude::*;
use proptest::strategy::ValueTree;

use thresh::config::Settings;
use thresh::document::{Action, Document};
use thresh::registry::stage_info;
use thresh::stages::repeats::canonical::canonical;

const HANZI: &str = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理府研质";
const WORDS: &[&str] = &[
    "council",
    "budget",
    "river",
    "bridge",
    "school",
    "market",
    "workers",
    "prices",
    "report",
    "minister",
    "village",
    "harbour",
    "station",
    "farmers",
    "weather",
    "museum",
    "library",
    "approved",
    "opened",
    "closed",
    "raised",
    "announced",
    "warned",
    "expected",
    "planned",
    "the",
    "a",
    "new",
    "old",
    "local",
    "national",
    "on",
    "in",
    "after",
    "before",
    "with",
];

/// A sentence: Chinese (ending in 。, sometimes with a decimal number) or English.
fn sentence() -> impl Strategy<Value = String> {
    let hanzi: Vec<char> = HANZI.chars().collect();
    prop_oneof![
        (
            proptest::collection::vec(proptest::sample::select(hanzi), 8..40),
            proptest::option::of(0u32..100)
        )
            .prop_map(|(chars, number)| {
                let mut s: String = chars.into_iter().collect();
                if let Some(n) = number {
                    s.insert_str(s.len() / 2 / 3 * 3, &format!("{}.{}元", n, n % 10));
                }
                s.push('。');
                s
            }),
        proptest::collection::vec(proptest::sample::select(WORDS), 5..18).prop_map(|words| {
            let mut s = words.join(" ");
            if let Some(first) = s.get_mut(0..1) {
                first.make_ascii_uppercase();
            }
            s.push('.');
            s
        }),
    ]
}

fn paragraph() -> impl Strategy<Value = String> {
    proptest::collection::vec(sentence(), 1..4).prop_map(|s| {
        let english = s.iter().all(|x| x.is_ascii());
        s.join(if english { " " } else { "" })
    })
}

/// How a paragraph of the document is made.
#[derive(Clone, Debug)]
enum Op {
    Fresh(String),
    /// A copy of an earlier paragraph (index modulo how many there are).
    Copy(usize),
    /// A re-punctuated, re-spaced copy.
    Repunctuated(usize),
    /// The first `n` characters of an earlier paragraph.
    Truncated(usize, usize),
    /// A fresh paragraph with an earlier paragraph's text inside it.
    Spliced(usize, String),
    /// A short label line.
    Label(String),
    /// A fresh paragraph whose first `n` characters come twice (a page overlap joined back).
    Doubled(String, usize),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => paragraph().prop_map(Op::Fresh),
        1 => any::<usize>().prop_map(Op::Copy),
        1 => any::<usize>().prop_map(Op::Repunctuated),
        1 => (any::<usize>(), 10usize..60).prop_map(|(i, n)| Op::Truncated(i, n)),
        1 => (any::<usize>(), sentence()).prop_map(|(i, s)| Op::Spliced(i, s)),
        1 => proptest::sample::select(vec!["优点：", "缺点：", "Note:", "一、", "图片"])
            .prop_map(|s| Op::Label(s.to_string())),
        1 => (paragraph(), 10usize..60).prop_map(|(p, n)| Op::Doubled(p, n)),
    ]
}

fn document() -> impl Strategy<Value = String> {
    proptest::collection::vec(op(), 1..14).prop_map(|ops| {
        let mut paras: Vec<String> = Vec::new();
        for op in ops {
            let pick = |i: usize| paras.get(i % paras.len().max(1)).cloned();
            let next = match op {
                Op::Fresh(p) => Some(p),
                Op::Copy(i) => pick(i),
                Op::Repunctuated(i) => {
                    pick(i).map(|p| p.replace('。', ".").replace(' ', "  ").replace('.', "!"))
                }
                Op::Truncated(i, n) => pick(i).map(|p| p.chars().take(n).collect()),
                Op::Spliced(i, s) => pick(i).map(|p| format!("{s}{p}")),
                Op::Label(l) => Some(l),
                Op::Doubled(p, n) => Some(p.chars().take(n).chain(p.chars()).collect()),
            };
            if let Some(p) = next.filter(|p| !p.trim().is_empty()) {
                paras.push(p);
            }
        }
        paras.join("\n\n")
    })
}

fn run(settings: &Settings, text: &str) -> (Document, Document) {
    let mut before = Document::default();
    before.set_text(text);
    let mut after = before.clone();
    let info = stage_info("repeats").expect("repeats is registered");
    let stage = (info.build)(settings).expect("default settings are valid");
    stage.apply(&mut after).expect("repeats never fails");
    (before, after)
}

fn long_canonicals(settings: &Settings, doc: &Document) -> Vec<String> {
    doc.blocks
        .iter()
        .map(|b| canonical(&b.text))
        .filter(|c| {
            let chars: Vec<char> = c.chars().collect();
            settings.repeats.weight(&chars) >= 1.0
        })
        .collect()
}

fn no_refrains() -> Settings {
    let mut settings = Settings::default();
    settings.repeats.keep_refrains = false;
    settings
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// No output holds two paragraphs (above the minimum length) with the same canonical
    /// text. Refrains are the one exception the stage makes on purpose, so they are off.
    #[test]
    fn no_two_paragraphs_share_canonical_text(text in document()) {
        let settings = no_refrains();
        let (_, after) = run(&settings, &text);
        let mut seen = std::collections::HashSet::new();
        for c in long_canonicals(&settings, &after) {
            prop_assert!(seen.insert(c.clone()), "kept twice: {c}\n{}", after.render_text());
        }
    }

    /// Running the stage on its own output changes nothing.
    #[test]
    fn repeats_is_idempotent(text in document(), refrains in any::<bool>()) {
        let mut settings = Settings::default();
        settings.repeats.keep_refrains = refrains;
        let (_, once) = run(&settings, &text);
        let (_, twice) = run(&settings, &once.render_text());
        prop_assert_eq!(once.render_text(), twice.render_text());
        prop_assert!(twice.edits.is_empty(), "{:?}", twice.edits);
    }

    /// The stage only removes text: output blocks are input blocks in order, each the same
    /// text or the text with passages deleted, and every letter and digit removed from a
    /// line is in the `before` of an edit on that line.
    #[test]
    fn repeats_only_removes_text(text in document()) {
        let (before, after) = run(&Settings::default(), &text);
        let mut input = before.blocks.iter();
        for block in &after.blocks {
            let source = input.by_ref().find(|b| b.lines == block.lines);
            prop_assert!(source.is_some(), "block not from the input: {:?}", block);
            let source = source.unwrap();
            prop_assert!(is_subsequence(&block.text, &source.text),
                "{:?} is not {:?} with text removed", block.text, source.text);
        }
        for b in &before.blocks {
            let mut accounted = char_counts(
                after.blocks.iter().filter(|a| a.lines == b.lines).map(|a| a.text.as_str()));
            for (c, n) in char_counts(
                after.edits.iter().filter(|e| e.lines == b.lines).map(|e| e.before.as_str())) {
                *accounted.entry(c).or_default() += n;
            }
            prop_assert_eq!(char_counts(std::iter::once(b.text.as_str())), accounted,
                "line {}: removed text not named by edits", b.lines);
        }
        for e in &after.edits {
            prop_assert_eq!(e.action, Action::Remove);
            prop_assert_eq!(e.stage, "repeats");
            prop_assert!(!e.before.is_empty() && e.reason.contains("line "));
        }
    }
}

/// How often each canonical character occurs in `texts`.
fn char_counts<'a>(
    texts: impl Iterator<Item = &'a str>,
) -> std::collections::BTreeMap<char, usize> {
    let mut counts = std::collections::BTreeMap::new();
    for t in texts {
        for c in canonical(t).chars() {
            *counts.entry(c).or_default() += 1;
        }
    }
    counts
}

fn is_subsequence(small: &str, big: &str) -> bool {
    let mut big = big.chars();
    small.chars().all(|c| big.any(|b| b == c))
}

#[test]
fn generated_documents_do_hold_repeats() {
    // Guards the generator: the laws above must be exercised on documents with repeats.
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let mut removed = 0;
    for _ in 0..64 {
        let text = document()
            .new_tree(&mut runner)
            .expect("generates")
            .current();
        removed += run(&Settings::default(), &text).1.edits.len();
    }
    assert!(removed > 20, "only {removed} removals in 64 documents");
}
