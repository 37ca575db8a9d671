//! debris: removes what a scraper dragged along with the article — page chrome, bylines,
//! credits, captions of missing pictures, editor lines, share and subscribe prompts,
//! copyright and disclaimers, end markers, comment areas and related-article lists.
//!
//! How a page is read:
//! 1. every line is matched once against all patterns of the enabled packs (`engine.rs`);
//! 2. the body is delimited by the first and last prose line no pattern matched; what is
//!    before is the header zone, what is after the footer zone (`zones.rs`);
//! 3. a line goes when a pattern matched and its zone and length constraints hold;
//! 4. structure adds more: captions next to credits or isolated by image gaps, lists after a
//!    related-articles heading, comment areas, footer lines next to a licence line
//!    (`structure.rs`); lines learned across the corpus (`learned.rs`) and user rules
//!    (`user.rs`) too;
//! 5. inline rules strip spans from the lines that stay (`inline.rs`).

mod catalog;
mod edges;
mod engine;
mod inline;
mod learned;
mod packs;
mod prefilter;
mod startup;
mod structure;
mod user;
mod zones;

#[cfg(test)]
mod tests;

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::config::Settings;
use crate::document::{Action, Document, Edit, LineRange};
use crate::error::{ConfigError, DocumentError};
use crate::rules::RuleInfo;
use crate::stage::{Stage, StageInfo};

pub use catalog::RULES;
pub use learned::{BoilerplateLearner, LearnSettings, LearnedBoilerplate, LearnedLine};
pub use user::{UserRegex, UserRule, UserRuleKind};
pub use zones::Zone;

use engine::{Follow, Matcher, Pattern};
use inline::{apply_spans, InlineRules};
use structure::{Decision, Page, RuleRef};

pub const STAGE: &str = "debris";

pub static INFO: StageInfo = StageInfo {
    name: STAGE,
    summary: "named rules remove page chrome, bylines, credits, captions, prompts, notices and learned boilerplate",
    rules: RULES,
    build: build_stage,
};

/// `[debris]` in `thresh.toml`.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct DebrisSettings {
    /// Built-in packs to use: `markup`, `social`, `zh-hant`, `english`, `zh-news`.
    pub packs: Vec<String>,
    /// User rules (`[[debris.rules]]`).
    pub rules: Vec<UserRule>,
    /// The first pass that learns boilerplate (`[debris.learn]`).
    pub learn: LearnSettings,
    /// Boilerplate learned by a first pass over the corpus (set by the caller, never read
    /// from the file). See [`BoilerplateLearner`].
    #[serde(skip)]
    pub learned: Option<Arc<LearnedBoilerplate>>,
}

impl Default for DebrisSettings {
    fn default() -> Self {
        DebrisSettings {
            packs: packs::all_pack_names(),
            rules: Vec::new(),
            learn: LearnSettings::default(),
            learned: None,
        }
    }
}

impl DebrisSettings {
    /// Checks pack names and user rules (their regexes compiled while parsing).
    pub fn validate(&self) -> Result<(), String> {
        for name in &self.packs {
            if !packs::PACKS.iter().any(|p| p.name == name) {
                let known: Vec<_> = packs::PACKS.iter().map(|p| p.name).collect();
                return Err(format!(
                    "debris.packs: unknown pack {name:?} (packs: {})",
                    known.join(", ")
                ));
            }
        }
        let mut codes = std::collections::HashSet::new();
        for rule in &self.rules {
            rule.validate()?;
            if !codes.insert(rule.code.as_str()) {
                return Err(format!("debris.rules: code {} is used twice", rule.code));
            }
        }
        Ok(())
    }
}

/// The built-in packs: `(name, summary)`.
pub fn pack_names() -> Vec<(&'static str, &'static str)> {
    packs::PACKS.iter().map(|p| (p.name, p.summary)).collect()
}

/// What matched each line, computed once per document.
struct LineHits {
    patterns: Vec<Vec<usize>>,
    /// Characters of the line (only computed when something matched).
    chars: Vec<usize>,
    user: Vec<Option<usize>>,
    learned: Vec<bool>,
}

struct DebrisStage {
    matcher: Matcher,
    inline: InlineRules,
    user: user::UserRules,
    learned: Option<Arc<LearnedBoilerplate>>,
    /// Codes of the enabled built-in rules.
    enabled: Vec<&'static str>,
}

fn build_stage(settings: &Settings) -> Result<Box<dyn Stage>, ConfigError> {
    Ok(Box::new(DebrisStage::new(settings)?))
}

impl DebrisStage {
    fn new(settings: &Settings) -> Result<DebrisStage, ConfigError> {
        let debris = &settings.debris;
        debris.validate().map_err(ConfigError::Invalid)?;
        let enabled: Vec<&'static str> = RULES
            .iter()
            .map(|r| r.code)
            .filter(|c| settings.rule_enabled(c))
            .collect();
        let patterns: Vec<Pattern> = packs::PACKS
            .iter()
            .filter(|p| debris.packs.iter().any(|name| name == p.name))
            .flat_map(|p| (p.patterns)())
            .filter(|p| enabled.contains(&p.rule.code))
            .collect();
        let learned = debris
            .learned
            .clone()
            .filter(|l| !l.is_empty() && enabled.contains(&catalog::LEARNED.code));
        Ok(DebrisStage {
            matcher: Matcher::new(patterns)?,
            inline: InlineRules::new(|code| enabled.contains(&code)),
            user: user::UserRules::new(&debris.rules, |code| settings.rule_enabled(code))
                .map_err(ConfigError::Invalid)?,
            learned,
            enabled,
        })
    }

    fn is_enabled(&self, rule: &RuleInfo) -> bool {
        self.enabled.contains(&rule.code)
    }

    /// Decides which lines go; returns the page with its decisions.
    ///
    /// Zones depend on which lines are debris, and structure rules can remove a line that
    /// delimited the body (a prose-like related title, a caption). The decisions are
    /// therefore repeated, with such lines no longer counted as body, until the zones are
    /// stable — so that a second run finds nothing more to remove.
    fn decide<'a>(&self, texts: Vec<&'a str>, gaps: Vec<u32>) -> Page<'a> {
        let n = texts.len();
        let mut line_hits = LineHits {
            patterns: vec![Vec::new(); n],
            chars: vec![0usize; n],
            user: vec![None; n],
            learned: vec![false; n],
        };
        let mut scratch = Vec::new();
        let mut sets = self.matcher.scratch();
        // Patterns and zones see the line without markup residue (`## 相关阅读`,
        // `<p>责编：…</p>`, `…。（完）`), as a second run would.
        let stripped: Vec<Option<String>> = texts
            .iter()
            .map(|t| self.inline.markup_stripped(t))
            .collect();
        let seen: Vec<&str> = texts
            .iter()
            .zip(&stripped)
            .map(|(t, s)| s.as_deref().unwrap_or(t))
            .collect();
        for (i, &text) in seen.iter().enumerate() {
            self.matcher.hits(text, &mut sets, &mut scratch);
            if !scratch.is_empty() {
                line_hits.patterns[i].extend_from_slice(&scratch);
            }
            if !scratch.is_empty() || !self.user.is_empty() {
                line_hits.chars[i] = text.chars().count();
            }
            if !self.user.is_empty() {
                line_hits.user[i] = self.user.line_hit(text, line_hits.chars[i]);
            }
            if let Some(learned) = &self.learned {
                line_hits.learned[i] = learned.contains(text);
            }
        }
        let prose: Vec<bool> = seen.iter().map(|t| zones::is_prose(t)).collect();
        let mut delimits: Vec<bool> = (0..n)
            .map(|i| {
                line_hits.patterns[i].is_empty()
                    && line_hits.user[i].is_none()
                    && !line_hits.learned[i]
            })
            .collect();
        let mut page = Page {
            texts,
            gaps,
            zones: Vec::new(),
            decisions: Vec::new(),
        };
        for _round in 0..4 {
            let hit: Vec<bool> = delimits.iter().map(|d| !d).collect();
            page.zones = zones::zones(&prose, &hit);
            page.decisions = vec![None; n];
            self.decide_round(&mut page, &line_hits);
            let mut changed = false;
            for (delimiting, decision) in delimits.iter_mut().zip(&page.decisions) {
                if *delimiting && decision.is_some() {
                    *delimiting = false;
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
        page
    }

    /// One round of decisions with the zones of `page`.
    fn decide_round(&self, page: &mut Page, line_hits: &LineHits) {
        let n = page.len();
        let mut footer_candidates = Vec::new();
        let mut section_labels = Vec::new();
        for i in 0..n {
            if !page.is_open(i) {
                continue; // taken by the follow of the previous line
            }
            let mut follow = None;
            for &id in &line_hits.patterns[i] {
                let p = self.matcher.pattern(id);
                if !p.zone.allows(page.zones[i]) || line_hits.chars[i] > p.max_chars {
                    continue;
                }
                if p.rule.code == catalog::SITE_FOOTER.code {
                    footer_candidates.push(i);
                    continue;
                }
                let zone = format!("{:?}", page.zones[i]).to_lowercase();
                page.decide(i, p.rule, format!("{} ({} zone)", p.rule.summary, zone));
                follow = Some((p.follow, p.rule));
                break;
            }
            if page.is_open(i) {
                if let Some(u) = line_hits.user[i] {
                    let rule = self.user.rule(u);
                    if rule.zone.allows(page.zones[i]) {
                        page.decisions[i] = Some(Decision {
                            rule: RuleRef::User(u),
                            reason: format!("user rule {} ({})", rule.code, rule.name),
                        });
                    }
                }
            }
            if page.is_open(i) && line_hits.learned[i] {
                let docs = self
                    .learned
                    .as_ref()
                    .and_then(|l| l.documents_of(page.texts[i]))
                    .unwrap_or(0);
                page.decide(
                    i,
                    &catalog::LEARNED,
                    format!("recurs in {docs} documents of the corpus"),
                );
            }
            match follow {
                Some((Follow::TitleAfter, _)) => section_labels.push(i),
                Some((follow, rule)) => structure::follow_label(page, i, follow, rule),
                None => {}
            }
        }
        structure::section_labels(page, &section_labels);
        self.user_blocks(page);
        structure::blocks(page, &|r| self.is_enabled(r));
        if self.is_enabled(&catalog::IMAGE_CAPTION) {
            structure::captions(page);
        }
        if self.is_enabled(&catalog::SITE_FOOTER) {
            structure::site_footer(page, &footer_candidates);
        }
    }

    /// A user block rule takes the rest of its zone.
    fn user_blocks(&self, page: &mut Page) {
        for i in 0..page.len() {
            let Some(Decision {
                rule: RuleRef::User(u),
                ..
            }) = page.decisions[i]
            else {
                continue;
            };
            if self.user.rule(u).kind != UserRuleKind::Block {
                continue;
            }
            let zone = page.zones[i];
            let mut j = i + 1;
            while j < page.len() && page.zones[j] == zone {
                if page.is_open(j) {
                    page.decisions[j] = Some(Decision {
                        rule: RuleRef::User(u),
                        reason: format!("inside the block of user rule {}", self.user.rule(u).code),
                    });
                }
                j += 1;
            }
        }
    }
}

/// An edit by a built-in or user rule.
fn edit(stage_rule: RuleRef, user: &user::UserRules, action: Action, lines: LineRange) -> Edit {
    match stage_rule {
        RuleRef::Builtin(rule) => Edit::new(STAGE, rule, action, lines),
        RuleRef::User(u) => {
            let rule = user.rule(u);
            let mut e = Edit::new(STAGE, &catalog::LEARNED, action, lines);
            e.code = rule.code.clone().into();
            e.rule = rule.name.clone().into();
            e
        }
    }
}

impl Stage for DebrisStage {
    fn name(&self) -> &'static str {
        STAGE
    }

    fn apply(&self, doc: &mut Document) -> Result<(), DocumentError> {
        if doc.blocks.is_empty() {
            return Ok(());
        }
        let texts: Vec<&str> = doc.blocks.iter().map(|b| b.text.as_str()).collect();
        let gaps: Vec<u32> = doc.blocks.iter().map(|b| b.blank_before).collect();
        let page = self.decide(texts, gaps);
        let mut edits = Vec::new();
        let mut new_texts: Vec<Option<String>> = vec![None; page.len()];
        let mut remove = vec![false; page.len()];
        for (i, decision) in page.decisions.iter().enumerate() {
            let block = &doc.blocks[i];
            if let Some(d) = decision {
                edits.push(
                    edit(d.rule, &self.user, Action::Remove, block.lines)
                        .before(block.text.clone())
                        .reason(d.reason.clone()),
                );
                remove[i] = true;
                continue;
            }
            // Inline rules on the lines that stay.
            let earlier = &page.texts[..i];
            let mut spans: Vec<(RuleRef, inline::Span)> = self
                .inline
                .spans(&block.text, earlier)
                .into_iter()
                .map(|s| (RuleRef::Builtin(s.rule), s))
                .collect();
            if !self.user.is_empty() {
                let chars = block.text.chars().count();
                for (u, start, end) in self.user.inline_spans(&block.text, chars, page.zones[i]) {
                    let span = inline::Span {
                        rule: &catalog::LEARNED,
                        start,
                        end,
                        replacement: None,
                    };
                    spans.push((RuleRef::User(u), span));
                }
                spans.sort_by_key(|(_, s)| (s.start, s.end));
                let mut last_end = 0;
                spans.retain(|(_, s)| {
                    let keep = s.start >= last_end;
                    if keep {
                        last_end = s.end;
                    }
                    keep
                });
            }
            if spans.is_empty() {
                continue;
            }
            for (rule, s) in &spans {
                let column = block.text[..s.start].chars().count() as u32 + 1;
                let removed = &block.text[s.start..s.end];
                let (action, reason) = match &s.replacement {
                    Some(_) => (Action::Replace, "entity decoded"),
                    None => (Action::Remove, "span removed inside a line that stays"),
                };
                let mut e = edit(*rule, &self.user, action, block.lines)
                    .column(column)
                    .before(removed)
                    .reason(reason);
                if let Some(r) = &s.replacement {
                    e = e.after(r.clone());
                }
                edits.push(e);
            }
            let plain: Vec<inline::Span> = spans.into_iter().map(|(_, s)| s).collect();
            let text = apply_spans(&block.text, &plain);
            if text.is_empty() {
                remove[i] = true;
            } else {
                new_texts[i] = Some(text);
            }
        }
        drop(page);
        for (block, text) in doc.blocks.iter_mut().zip(new_texts) {
            if let Some(text) = text {
                block.text = text;
            }
        }
        let mut i = 0;
        doc.blocks.retain(|_| {
            i += 1;
            !remove[i - 1]
        });
        doc.edits.extend(edits);
        Ok(())
    }
}
