//! Debris shapes: the lines scrapers drag along, one generator per rule family and place on
//! the page. Shapes follow the structure the debris rules read — where the line sits
//! (header, between paragraphs, footer), how long it is, how it ends — and are filled with
//! random names, dates, sites and channels.

mod en;
mod hant;
mod zh;

use proptest::prelude::*;
use proptest::strategy::Union;

use super::{Family, Script};

/// Where on the page a debris line sits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// Before the first body paragraph.
    Header,
    /// Between two body paragraphs (or between the halves of a broken one).
    Between,
    /// After the last body paragraph.
    Footer,
}

/// One piece of debris: one or more consecutive lines that the rule `code` removes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Debris {
    /// The family of the rule.
    pub family: Family,
    /// The rule expected to remove the lines.
    pub code: &'static str,
    /// The lines, in order (a related-articles heading and its titles, a QR prompt and the
    /// account name under it).
    pub lines: Vec<String>,
    /// Footer pieces are sorted by this rank (end markers first, comment areas last), the
    /// order pages print them in.
    pub rank: u8,
}

/// The language of a document's chrome.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Lang {
    Simplified,
    Traditional,
    English,
}

/// A shape: the rule code it is made for, and its generator.
pub(crate) type Shape = (&'static str, BoxedStrategy<Debris>);

pub(crate) fn one(
    family: Family,
    code: &'static str,
    rank: u8,
    text: impl Strategy<Value = String> + 'static,
) -> Shape {
    let strategy = text
        .prop_map(move |t| Debris {
            family,
            code,
            lines: vec![t],
            rank,
        })
        .boxed();
    (code, strategy)
}

pub(crate) fn many(
    family: Family,
    code: &'static str,
    rank: u8,
    lines: impl Strategy<Value = Vec<String>> + 'static,
) -> Shape {
    let strategy = lines
        .prop_map(move |lines| Debris {
            family,
            code,
            lines,
            rank,
        })
        .boxed();
    (code, strategy)
}

/// The shapes of `family` at `place` in a document of `script` (none when the family has
/// no shape there).
pub(crate) fn shapes(family: Family, place: Place, script: Script) -> Vec<Shape> {
    let langs: &[Lang] = match script {
        Script::Simplified => &[Lang::Simplified],
        Script::Traditional => &[Lang::Traditional],
        Script::English => &[Lang::English],
        // Chinese pages carry English chrome too (copyright lines, share buttons).
        Script::Mixed => &[Lang::Simplified, Lang::English],
    };
    langs
        .iter()
        .flat_map(|&lang| match lang {
            Lang::English => en::shapes(family, place),
            zh_lang => zh::shapes(family, place, zh_lang),
        })
        .collect()
}

/// Any debris of `families` at `place` for a rule `enabled` accepts, or `None` when there
/// is no such shape.
pub fn debris(
    families: &[Family],
    place: Place,
    script: Script,
    enabled: &dyn Fn(&str) -> bool,
) -> Option<BoxedStrategy<Debris>> {
    let all: Vec<BoxedStrategy<Debris>> = families
        .iter()
        .flat_map(|&f| shapes(f, place, script))
        .filter(|(code, _)| enabled(code))
        .map(|(_, s)| s)
        .collect();
    (!all.is_empty()).then(|| Union::new(all).boxed())
}
