//! English debris shapes: the chrome of English news and magazine pages.

use proptest::prelude::*;
use proptest::sample::{select, subsequence};

use super::{many, one, Place, Shape};
use crate::testing::words::*;
use crate::testing::Family;

const AGENCIES: &[&str] = &[
    "Getty Images",
    "Reuters",
    "AFP",
    "EPA",
    "Shutterstock",
    "PA Media",
];

/// A headline: capitalised words, no final full stop.
fn headline() -> impl Strategy<Value = String> {
    (
        select(EN_PLACES),
        select(&["council", "harbour", "museum", "market", "school", "bridge"][..]),
        select(
            &[
                "reopens after repairs",
                "faces budget cuts",
                "wins national award",
                "plans summer festival",
                "names new director",
            ][..],
        ),
    )
        .prop_map(|(p, n, v)| format!("{p} {n} {v}"))
}

fn caption() -> impl Strategy<Value = String> {
    (
        select(&["Visitors", "Volunteers", "Workers", "Pupils", "Residents"][..]),
        select(
            &[
                "queue outside the museum",
                "clear the riverbank",
                "repair the harbour wall",
                "plant trees in the square",
            ][..],
        ),
        select(EN_PLACES),
    )
        .prop_map(|(w, what, p)| format!("{w} {what} in {p}"))
}

pub fn shapes(family: Family, place: Place) -> Vec<Shape> {
    use Family::*;
    use Place::*;
    let mut v = Vec::new();
    match (family, place) {
        (PageChrome, Header) => {
            v.push(one(
                PageChrome,
                "D102",
                0,
                channels(EN_CHANNELS, 1..4).prop_map(|c| format!("Home > {}", c.join(" > "))),
            ));
            v.push(one(
                PageChrome,
                "D103",
                0,
                channels(EN_CHANNELS, 5..9).prop_map(|c| c.join(" ")),
            ));
            v.push(one(
                PageChrome,
                "D108",
                0,
                select(
                    &[
                        "Skip to content",
                        "Skip to main content",
                        "Jump to navigation",
                    ][..],
                )
                .prop_map(str::to_string),
            ));
        }
        (PageChrome, Between) => {
            v.push(one(
                PageChrome,
                "D106",
                3,
                select(
                    &[
                        "Advertisement",
                        "ADVERTISEMENT",
                        "Sponsored content",
                        "Story continues below advertisement",
                    ][..],
                )
                .prop_map(str::to_string),
            ));
        }
        (PageChrome, Footer) => {
            v.push(one(
                PageChrome,
                "D105",
                3,
                (
                    select(&["Next article", "Previous article"][..]),
                    headline(),
                )
                    .prop_map(|(w, h)| format!("{w}: {h}")),
            ));
            v.push(one(
                PageChrome,
                "D103",
                6,
                subsequence(
                    &[
                        "About us",
                        "Contact us",
                        "Privacy policy",
                        "Terms of use",
                        "Sitemap",
                        "Careers",
                    ][..],
                    2..5,
                )
                .prop_map(|w| w.join(" | ")),
            ));
        }
        (Metadata, Header) => {
            v.push(one(
                Metadata,
                "D201",
                0,
                (en_name(), en_name(), select(EN_CHANNELS), 0usize..3).prop_map(
                    |(a, b, c, form)| match form {
                        0 => format!("By {a}"),
                        1 => format!("By {a}, {c} reporter"),
                        _ => format!("By {a} and {b}"),
                    },
                ),
            ));
            v.push(one(
                Metadata,
                "D207",
                0,
                (1u32..23, en_date(), 0usize..3).prop_map(|(h, d, form)| match form {
                    0 => format!("Published {h} hours ago"),
                    1 => format!("Updated {d}"),
                    _ => format!("{h} min read"),
                }),
            ));
        }
        (Metadata, Footer) => {
            v.push(one(
                Metadata,
                "D208",
                2,
                channels(EN_CHANNELS, 2..5).prop_map(|c| format!("Tags: {}", c.join(", "))),
            ));
        }
        (PhotoCredit, Between) => {
            v.push(one(
                PhotoCredit,
                "D202",
                3,
                (select(AGENCIES), en_name(), 0usize..3).prop_map(|(a, n, form)| match form {
                    0 => format!("Image source, {a}"),
                    1 => format!("Photo: {n}/{a}"),
                    _ => format!("Photograph by {n}"),
                }),
            ));
            v.push(one(
                PhotoCredit,
                "D204",
                3,
                caption().prop_map(|c| format!("Image caption, {c}")),
            ));
        }
        (Editor, Footer) => {
            v.push(one(
                Editor,
                "D205",
                1,
                (en_name(), en_name(), any::<bool>()).prop_map(|(a, b, both)| {
                    if both {
                        format!("Reporting by {a}; Editing by {b}")
                    } else {
                        format!("Edited by {a}")
                    }
                }),
            ));
        }
        (Notice, Footer) => {
            v.push(one(
                Notice,
                "D301",
                5,
                (2009u32..2026, en_site(), any::<bool>()).prop_map(|(y, s, long)| {
                    if long {
                        format!("Copyright © {y} {s}. All rights reserved.")
                    } else {
                        format!("© {y} {s}")
                    }
                }),
            ));
            v.push(one(
                Notice,
                "D303",
                5,
                select(
                    &[
                        "The views expressed in this article are the author's own.",
                        "Disclaimer: this article is for general information only.",
                    ][..],
                )
                .prop_map(str::to_string),
            ));
        }
        (ImageFile, Between) => {
            v.push(one(
                ImageFile,
                "D501",
                3,
                (0usize..3, 1000u32..9999).prop_map(|(form, n)| match form {
                    0 => format!("IMG_{n}.jpg"),
                    1 => format!("hero-image-{n}.webp"),
                    _ => format!("photo_{n}.png"),
                }),
            ));
        }
        (EndMarker, Footer) => {
            v.push(one(
                EndMarker,
                "D601",
                0,
                select(&["- END -", "END", "THE END", "— ENDS —"][..]).prop_map(str::to_string),
            ));
        }
        (Social, Footer) => {
            v.push(one(
                Social,
                "D401",
                4,
                select(
                    &[
                        "Share",
                        "Share on Facebook",
                        "Share this article",
                        "Email this story",
                        "Copy link",
                    ][..],
                )
                .prop_map(str::to_string),
            ));
            v.push(one(
                Social,
                "D404",
                4,
                (en_site(), any::<bool>()).prop_map(|(s, daily)| {
                    if daily {
                        "Sign up for our daily newsletter".to_string()
                    } else {
                        format!("Subscribe to {s} for unlimited access")
                    }
                }),
            ));
        }
        (Social, Header) => {
            v.push(one(Social, "D107", 0, select(&[
                "We use cookies to give you the best online experience.",
                "This site uses cookies to improve your experience. By continuing you agree to our use of cookies.",
            ][..]).prop_map(str::to_string)));
        }
        (Lists, Footer) => {
            v.push(many(
                Lists,
                "D603",
                9,
                (
                    select(
                        &[
                            "Related Topics",
                            "More on this story",
                            "Read more",
                            "You may also like",
                        ][..],
                    ),
                    proptest::collection::vec(headline(), 1..4),
                )
                    .prop_map(|(h, titles)| std::iter::once(h.to_string()).chain(titles).collect()),
            ));
            v.push(many(
                Lists,
                "D410",
                10,
                (
                    1u32..200,
                    proptest::collection::vec(
                        (
                            en_name(),
                            select(&["Great piece", "About time too", "Thanks for this"][..]),
                        ),
                        0..3,
                    ),
                )
                    .prop_map(|(n, comments)| {
                        std::iter::once(format!("Comments ({n})"))
                            .chain(comments.into_iter().map(|(n, c)| format!("{n}: {c}")))
                            .collect()
                    }),
            ));
        }
        (Markup, Between) => {
            v.push(one(
                Markup,
                "D506",
                3,
                (select(&["image", "photo"][..]), select(EN_PLACES)).prop_map(|(w, p)| {
                    format!("![{w}](https://img.{}.com/{w}.jpg)", p.to_lowercase())
                }),
            ));
        }
        _ => {}
    }
    v
}
