//! Puts a generated page together: paragraphs, debris in its places, column breaks,
//! repeats, inline markup and layout, then the encoding; records every injection and the
//! expected clean text.

use proptest::prelude::*;
use proptest::sample::select;

use super::debris::{debris, Debris, Place};
use super::encode::encode;
use super::prose::{first_time, headline, is_han, join_sentences, keyed_paragraph, weight, Keyed};
use super::{
    DirtyConfig, DirtyDocument, Family, Injection, InjectionKind, Pick, Script, TextEncoding,
};

/// A paragraph broken in two: which one, where (per mille of its length), and what sits
/// between the halves. The halves are separated like any two lines of the page: on a page
/// whose paragraphs follow each other line by line, a blank line is a section break, never
/// a column break.
#[derive(Clone, Debug)]
struct Break {
    paragraph: Pick,
    at: u16,
    interposed: Vec<Debris>,
}

/// Inline markup put into a paragraph.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Markup {
    /// `<p>…</p>` around it.
    Tags,
    /// A `<br/>` at its end.
    Break,
    /// Quotes (Chinese) or `and` (English) written as HTML entities.
    Entities,
}

/// A span injected into a paragraph: the rule that removes it, the span, its kind.
type Span = (&'static str, String, InjectionKind);

#[derive(Clone, Debug)]
struct Plan {
    script: Script,
    /// Body paragraphs, each with whether it is a short one (one sentence).
    paragraphs: Vec<(String, bool)>,
    header: Vec<Debris>,
    between: Vec<(Pick, Debris)>,
    footer: Vec<Debris>,
    breaks: Vec<Break>,
    repeats: Vec<(Pick, Pick)>,
    markup: Vec<(Pick, Markup)>,
    glued_end: bool,
    /// A headline, and where it sits among the header lines.
    headline: Option<(String, Pick)>,
    /// CR LF line ends, indentation (0 none, 1 ideographic spaces, 2 ASCII spaces), blank
    /// lines between lines.
    layout: (bool, u8, u32),
    encoding: TextEncoding,
}

fn pieces(config: &DirtyConfig, place: Place, script: Script) -> BoxedStrategy<Vec<Debris>> {
    let allows = |code: &str| config.allows(code);
    match debris(&config.families, place, script, &allows) {
        Some(d) => proptest::collection::vec(d, 0..=config.max_debris).boxed(),
        None => Just(Vec::new()).boxed(),
    }
}

pub fn plan(config: &DirtyConfig, script: Script) -> BoxedStrategy<DirtyDocument> {
    let has = |f: Family| config.families.contains(&f);
    let allows = |code: &str| config.allows(code);
    let between_one = debris(&config.families, Place::Between, script, &allows);
    let between = match &between_one {
        Some(d) => {
            proptest::collection::vec((any::<Pick>(), d.clone()), 0..=config.max_debris).boxed()
        }
        None => Just(Vec::new()).boxed(),
    };
    let breaks = if config.column_breaks && allows("J101") {
        let interposed = match between_one.as_ref().filter(|_| allows("J103")) {
            Some(d) => proptest::collection::vec(d.clone(), 0..3).boxed(),
            None => Just(Vec::new()).boxed(),
        };
        proptest::collection::vec(
            (any::<Pick>(), 200u16..800, interposed).prop_map(|(paragraph, at, interposed)| {
                Break {
                    paragraph,
                    at,
                    interposed,
                }
            }),
            0..3,
        )
        .boxed()
    } else {
        Just(Vec::new()).boxed()
    };
    let repeats = if config.repeats && allows("R101") {
        proptest::collection::vec((any::<Pick>(), any::<Pick>()), 0..2).boxed()
    } else {
        Just(Vec::new()).boxed()
    };
    let markup = if has(Family::Markup) && allows("D503") && allows("D504") {
        proptest::collection::vec(
            (
                any::<Pick>(),
                select(vec![Markup::Tags, Markup::Break, Markup::Entities]),
            ),
            0..3,
        )
        .boxed()
    } else {
        Just(Vec::new()).boxed()
    };
    let headline = if config.headlines {
        proptest::option::of((headline(script), any::<Pick>())).boxed()
    } else {
        Just(None).boxed()
    };
    let glued_end = if has(Family::EndMarker) && allows("D602") && script != Script::English {
        proptest::bool::weighted(0.2).boxed()
    } else {
        Just(false).boxed()
    };
    // An encoding whose rule is off is delivered as plain UTF-8.
    let mut encodings: Vec<TextEncoding> = config
        .encodings
        .iter()
        .copied()
        .filter(|&e| encoding_code(e).is_none_or(allows))
        .collect();
    if encodings.is_empty() {
        encodings.push(TextEncoding::Utf8);
    }
    let shorts = if config.short_paragraphs {
        proptest::collection::vec(any::<Pick>(), 0..3).boxed()
    } else {
        Just(Vec::new()).boxed()
    };
    let layout = if config.layout_noise {
        // Indentation is trimmed by U101/U103, CR LF converted under E105.
        let indent = if allows("U101") && allows("U103") {
            0u8..3
        } else {
            0u8..1
        };
        let crlf = if allows("E105") {
            any::<bool>().boxed()
        } else {
            Just(false).boxed()
        };
        (crlf, indent, 0u32..3).boxed()
    } else {
        Just((false, 0u8, 1u32)).boxed()
    };
    (
        (
            proptest::collection::vec(keyed_paragraph(script), config.paragraphs.clone()),
            shorts,
        )
            .prop_map(|(paragraphs, shorts)| without_repeated_sentences(paragraphs, &shorts)),
        pieces(config, Place::Header, script),
        between,
        pieces(config, Place::Footer, script),
        breaks,
        repeats,
        markup,
        (glued_end, headline),
        layout,
        select(encodings),
    )
        .prop_map(
            move |(
                paragraphs,
                header,
                between,
                footer,
                breaks,
                repeats,
                markup,
                (glued_end, headline),
                layout,
                encoding,
            )| {
                build(Plan {
                    script,
                    paragraphs,
                    header,
                    between,
                    footer,
                    breaks,
                    repeats,
                    markup,
                    glued_end,
                    headline,
                    layout,
                    encoding,
                })
            },
        )
        .boxed()
}

/// The page as lines, before blank lines, line ends and the encoding are applied; kept in
/// the [`DirtyDocument`] so that more lines can be put in later.
#[derive(Clone, Debug)]
pub struct Layout {
    lines: Vec<String>,
    /// `(line index, kind, code, text)` of every injection.
    injected: Vec<(usize, InjectionKind, &'static str, String)>,
    /// Index of the line after the first body paragraph, and after the last.
    first_paragraph_end: usize,
    body_end: usize,
    crlf: bool,
    /// Blank lines between any two lines.
    gap: u32,
    encoding: TextEncoding,
}

impl Layout {
    fn push(&mut self, line: String) -> usize {
        self.lines.push(line);
        self.lines.len() - 1
    }

    fn debris(&mut self, d: &Debris) {
        for line in &d.lines {
            let at = self.push(line.clone());
            self.injected
                .push((at, InjectionKind::Line(d.family), d.code, line.clone()));
        }
    }

    /// Puts `line` in at `place`; the rule `code` is expected to remove it.
    pub fn insert(&mut self, place: Place, line: String, code: &'static str) {
        let at = match place {
            Place::Header => 0,
            Place::Between => self.first_paragraph_end,
            Place::Footer => self.body_end,
        };
        for (k, ..) in &mut self.injected {
            if *k >= at {
                *k += 1;
            }
        }
        if self.first_paragraph_end >= at && place != Place::Between {
            self.first_paragraph_end += 1;
        }
        if self.body_end >= at && place != Place::Footer {
            self.body_end += 1;
        }
        self.lines.insert(at, line.clone());
        self.injected.push((at, InjectionKind::Custom, code, line));
    }
}

/// Where to cut `text` for a column break near `per_mille` of its length: between two Han
/// characters (Chinese) or at a space between two words (English), so the first half stops
/// mid-sentence and the second does not open with punctuation. The second half weighs more
/// than 40, and so does the first unless a sentence ends inside it (a shorter phrase right
/// before a photo credit is a caption by the structure rules). `None` when there is no
/// such place.
fn cut(text: &str, per_mille: u16) -> Option<(String, String)> {
    let chars: Vec<char> = text.chars().collect();
    let n = chars.len();
    let target = n * per_mille as usize / 1000;
    let heavy = |s: &[char]| weight(&s.iter().collect::<String>()) > 40;
    // A lighter first half still reads as running text when a sentence ends inside it.
    let running = |s: &[char]| {
        s.iter().any(|&c| matches!(c, '。' | '！' | '？'))
            || s.windows(2)
                .any(|w| matches!(w[0], '.' | '!' | '?') && w[1] == ' ')
    };
    let ok = |i: usize| {
        i >= 12
            && i + 12 <= n
            && (heavy(&chars[..i]) || running(&chars[..i]))
            && heavy(&chars[i..])
            && ((is_han(chars[i - 1]) && is_han(chars[i]))
                || (chars[i] == ' '
                    && chars[i - 1].is_ascii_alphabetic()
                    && chars[i + 1].is_ascii_alphabetic()))
    };
    let at = (0..n)
        .flat_map(|d| [target + d, target.wrapping_sub(d)])
        .find(|&i| i < n && ok(i))?;
    let first: String = chars[..at].iter().collect();
    let second: String = chars[at..].iter().collect();
    Some((
        first,
        second.strip_prefix(' ').unwrap_or(&second).to_string(),
    ))
}

fn apply_markup(
    text: &str,
    markup: Markup,
    english: bool,
) -> Option<(String, Vec<&'static str>, Vec<String>)> {
    match markup {
        Markup::Tags => Some((
            format!("<p>{text}</p>"),
            vec!["D503", "D503"],
            vec!["<p>".into(), "</p>".into()],
        )),
        Markup::Break => Some((format!("{text}<br/>"), vec!["D503"], vec!["<br/>".into()])),
        Markup::Entities if english && text.contains(" and ") => Some((
            text.replacen(" and ", " &amp; ", 1),
            vec!["D504"],
            vec!["&amp;".into()],
        )),
        Markup::Entities if text.contains('“') && text.contains('”') => Some((
            text.replacen('“', "&ldquo;", 1).replacen('”', "&rdquo;", 1),
            vec!["D504", "D504"],
            vec!["&ldquo;".into(), "&rdquo;".into()],
        )),
        Markup::Entities => None,
    }
}

/// Paragraphs without a sentence too like one an earlier paragraph had (the vocabulary is
/// finite, and a repeated sentence is debris the repeats stage removes), each with whether
/// it is short. The paragraphs `shorts` picks (never the first) keep only their first
/// sentence: a short paragraph of one complete sentence. Any other paragraph left too light
/// to read as body text is dropped; the first one always stays.
fn without_repeated_sentences(paragraphs: Vec<Vec<Keyed>>, shorts: &[Pick]) -> Vec<(String, bool)> {
    let n = paragraphs.len();
    let short: Vec<usize> = shorts
        .iter()
        .map(|p| p.index(n))
        .filter(|&i| i > 0)
        .collect();
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for (k, mut sentences) in paragraphs.into_iter().enumerate() {
        let is_short = short.contains(&k);
        if is_short {
            sentences.truncate(1);
        }
        let kept: Vec<Keyed> = sentences
            .iter()
            .filter(|(_, key)| first_time(&mut seen, key))
            .cloned()
            .collect();
        let text = join_sentences(&kept);
        if is_short && !kept.is_empty() {
            out.push((text, true));
        } else if weight(&text) > 40 {
            out.push((text, false));
        } else if k == 0 {
            out.push((join_sentences(&sentences), false));
        }
    }
    out
}

fn build(mut plan: Plan) -> DirtyDocument {
    let (paragraphs, short): (Vec<String>, Vec<bool>) =
        std::mem::take(&mut plan.paragraphs).into_iter().unzip();
    let n = paragraphs.len();
    let english = |p: &str| !p.chars().any(is_han);
    // The clean text, and what each paragraph looks like on the page.
    let mut clean = paragraphs.clone();
    let mut dirty: Vec<(String, Vec<Span>)> =
        paragraphs.iter().map(|p| (p.clone(), Vec::new())).collect();
    for (pick, m) in &plan.markup {
        let i = pick.index(n);
        if !dirty[i].1.is_empty() {
            continue;
        }
        if let Some((text, codes, spans)) = apply_markup(&dirty[i].0, *m, english(&dirty[i].0)) {
            if *m == Markup::Entities && english(&dirty[i].0) {
                // `&amp;` decodes to `&`, not back to `and`.
                clean[i] = clean[i].replacen(" and ", " & ", 1);
            }
            dirty[i].0 = text;
            dirty[i].1 = codes
                .into_iter()
                .zip(spans)
                .map(|(c, s)| (c, s, InjectionKind::Span(Family::Markup)))
                .collect();
        }
    }
    if plan.glued_end && n > 0 && dirty[n - 1].1.is_empty() && !english(&dirty[n - 1].0) {
        let marker = "（完）";
        dirty[n - 1].0.push_str(marker);
        dirty[n - 1].1.push((
            "D602",
            marker.to_string(),
            InjectionKind::Span(Family::EndMarker),
        ));
    }
    let (crlf, indent, gap) = plan.layout;
    let indent = ["", "\u{3000}\u{3000}", "  "][indent as usize];
    let mut page = Layout {
        lines: Vec::new(),
        injected: Vec::new(),
        first_paragraph_end: 0,
        body_end: 0,
        crlf,
        gap,
        encoding: plan.encoding,
    };
    let headline_at = plan
        .headline
        .as_ref()
        .map(|(_, at)| at.index(plan.header.len() + 1));
    for (k, d) in plan.header.iter().enumerate() {
        if headline_at == Some(k) {
            page.push(
                plan.headline
                    .as_ref()
                    .map(|(h, _)| h.clone())
                    .unwrap_or_default(),
            );
        }
        page.debris(d);
    }
    if headline_at == Some(plan.header.len()) {
        page.push(
            plan.headline
                .as_ref()
                .map(|(h, _)| h.clone())
                .unwrap_or_default(),
        );
    }
    let mut broken = vec![None; n];
    for b in &plan.breaks {
        let i = b.paragraph.index(n);
        if broken[i].is_none() && dirty[i].1.is_empty() {
            broken[i] = Some(b);
        }
    }
    let mut was_broken = vec![false; n];
    for i in 0..n {
        let (text, spans) = &dirty[i];
        let at = match broken[i].and_then(|b| cut(text, b.at).map(|halves| (b, halves))) {
            Some((b, (first, second))) => {
                was_broken[i] = true;
                page.push(format!("{indent}{first}"));
                for d in &b.interposed {
                    page.debris(d);
                }
                let at = page.push(second.clone());
                let (kind, code) = if b.interposed.is_empty() {
                    (InjectionKind::ColumnBreak, "J101")
                } else {
                    (InjectionKind::InterposedBreak, "J103")
                };
                page.injected.push((at, kind, code, second));
                at
            }
            None => page.push(format!("{indent}{text}")),
        };
        for (code, span, kind) in spans {
            page.injected.push((at, *kind, code, span.clone()));
        }
        if i == 0 {
            page.first_paragraph_end = page.lines.len();
        }
        if i + 1 < n {
            for (pick, d) in &plan.between {
                // A short paragraph right above a photo credit is a caption, by the
                // structure rules: credits go under body-length paragraphs only.
                if pick.index(n - 1) == i && !(short[i] && d.family == Family::PhotoCredit) {
                    page.debris(d);
                }
            }
        }
        for (from, after) in &plan.repeats {
            let (from, after) = (from.index(n), after.index(n));
            // A broken paragraph may repeat whole: reflow joins its halves, whose join the
            // copy continues as it does. A short paragraph may be below the length
            // repeats are detected at.
            if after == i && from <= i && !short[from] {
                let at = page.push(format!("{indent}{}", paragraphs[from]));
                page.injected
                    .push((at, InjectionKind::Repeat, "R101", paragraphs[from].clone()));
            }
        }
    }
    page.body_end = page.lines.len();
    let mut footer = plan.footer.clone();
    footer.sort_by_key(|d| d.rank);
    // One list closes a page: a related-articles list takes the short lines after it, so
    // another list below it would be named as part of it. A comment area (last by rank)
    // has a heading of its own kind and may follow.
    if let Some(k) = footer.iter().position(|d| d.family == Family::Lists) {
        let mut rest = footer.split_off(k + 1);
        rest.retain(|d| d.code == "D410");
        footer.extend(rest);
    }
    for d in &footer {
        page.debris(d);
    }
    if let Some((h, _)) = &plan.headline {
        clean.insert(0, h.clone());
    }
    let mut expected_clean = clean.join("\n");
    expected_clean.push('\n');
    render(page, plan.script, expected_clean)
}

/// The document a layout gives: lines with blank lines and line ends, encoded.
pub fn render(page: Layout, script: Script, expected_clean: String) -> DirtyDocument {
    let (eol, gap) = (if page.crlf { "\r\n" } else { "\n" }, page.gap);
    let mut text = String::new();
    let mut line_of = Vec::with_capacity(page.lines.len());
    let mut line = 1u32;
    for (k, l) in page.lines.iter().enumerate() {
        if k > 0 {
            for _ in 0..gap {
                text.push_str(eol);
                line += 1;
            }
        }
        line_of.push(line);
        text.push_str(l);
        text.push_str(eol);
        line += 1;
    }
    let mut injected: Vec<Injection> = page
        .injected
        .iter()
        .cloned()
        .map(|(at, kind, code, text)| Injection {
            kind,
            code,
            text,
            line: Some(line_of[at]),
        })
        .collect();
    let (bytes, used) = encode(&text, page.encoding, script);
    if let Some(code) = encoding_code(used) {
        injected.push(Injection {
            kind: InjectionKind::Encoding(used),
            code,
            text: String::new(),
            line: None,
        });
    }
    DirtyDocument {
        script,
        text,
        bytes,
        encoding: used,
        expected_clean,
        injected,
        layout: page,
    }
}

/// The rule the decode stage names for a document delivered in `encoding`.
fn encoding_code(encoding: TextEncoding) -> Option<&'static str> {
    match encoding {
        TextEncoding::Utf8 => None,
        TextEncoding::Utf8Bom => Some("E102"),
        TextEncoding::Mojibake => Some("E103"),
        _ => Some("E101"),
    }
}
