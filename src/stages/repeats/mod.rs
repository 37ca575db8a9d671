//! repeats: removes passages that a scrape or a CMS duplicated inside one document and
//! keeps the first copy: repeated paragraphs (also re-punctuated, re-spaced or in another
//! width form), truncated or garbled copies, repeated sentences inside or across
//! paragraphs, and runs of lines repeated at a page break. Legitimate repetition stays:
//! refrains, lines shorter than the minimum length, list labels, translations.
//!
//! Passages are compared in a canonical form ([`canonical`]); sub-paragraph repeats are
//! found with a fingerprint index ([`index`]) and removed in whole sentences
//! ([`sentences`]).

pub mod canonical;
mod detect;
pub mod index;
pub mod refrain;
pub mod sentences;

use serde::{Deserialize, Serialize};

use crate::config::Settings;
use crate::document::Document;
use crate::error::{ConfigError, DocumentError};
use crate::rules::RuleInfo;
use crate::stage::{Stage, StageInfo};

pub const STAGE: &str = "repeats";

pub static REPEATED_PARAGRAPH: RuleInfo = RuleInfo {
    code: "R101",
    name: "repeated-paragraph",
    summary: "a paragraph that repeats an earlier one (ignoring punctuation, spaces and width)",
    explanation: "Scrapers and content systems paste the same paragraph twice or more, often \
        re-punctuated, re-spaced or with full-width characters. Paragraphs are compared in a \
        canonical form (letters and digits only, NFKC, lower case); a paragraph at least the \
        minimum length (`[repeats] min-chars`, `min-cjk-chars`) whose canonical form equals an \
        earlier kept paragraph is removed and the first copy kept. Refrains stay: a line among \
        verse lines, or a paragraph repeated three or more times at regular intervals.",
};

pub static TRUNCATED_COPY: RuleInfo = RuleInfo {
    code: "R102",
    name: "truncated-copy",
    summary: "a paragraph that is a truncated or garbled copy of other kept text",
    explanation: "A copy cut off mid-sentence, or pieced together from fragments of nearby \
        paragraphs, adds nothing. A paragraph at least the minimum length is removed when one \
        passage of earlier kept text covers most of it and, with short shared fragments, at \
        least `[repeats] containment` of its canonical text is found in the paragraphs it \
        copies. A truncated copy that comes before its complete version is removed and the \
        complete version kept.",
};

pub static REPEATED_SENTENCES: RuleInfo = RuleInfo {
    code: "R103",
    name: "repeated-sentences",
    summary: "a sentence or run of sentences repeated inside or across paragraphs",
    explanation: "A sentence or run of sentences (at least the minimum length) that repeats \
        earlier kept text, inside the same paragraph or across paragraphs, is removed from the \
        later paragraph. Removal follows sentence boundaries only, so no sentence is cut in \
        half and no number is split. A sentence that opens or closes three or more \
        paragraphs is a refrain of a speech and stays.",
};

pub static REPEATED_RUN: RuleInfo = RuleInfo {
    code: "R104",
    name: "repeated-run",
    summary: "short lines that belong to a repeated run of paragraphs (a page-break overlap)",
    explanation: "When a page break repeats the end of one page at the top of the next, the \
        repeated run can hold short lines (a sub-heading, a one-line paragraph) next to the \
        long paragraph that repeat-paragraph removes. A short line that is next to a removed \
        repeat and equals the line at the same place next to the first copy is removed with \
        it. Lines among verse are never removed.",
};

pub static DOUBLED_PASSAGE: RuleInfo = RuleInfo {
    code: "R105",
    name: "doubled-passage",
    summary: "a passage immediately followed by its own copy inside a paragraph",
    explanation: "When a page break repeats the last line of one page at the top of the next \
        and the two halves are joined back into one paragraph, the paragraph holds the same \
        passage twice, back to back (`…资金压力，释放资金压力，释放改善…`). The second copy (at \
        least the minimum length) is removed, which gives back exactly the text without the \
        overlap, wherever the copies start or end; no sentence loses text that is not \
        repeated.",
};

static RULES: &[RuleInfo] = &[
    REPEATED_PARAGRAPH,
    TRUNCATED_COPY,
    REPEATED_SENTENCES,
    REPEATED_RUN,
    DOUBLED_PASSAGE,
];

pub static INFO: StageInfo = StageInfo {
    name: STAGE,
    summary:
        "repeated paragraphs, truncated copies and repeated sentences removed, first copy kept",
    rules: RULES,
    build: build_stage,
};

/// The `[repeats]` section of `thresh.toml`.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct RepeatsSettings {
    /// Minimum length of a removable passage, in canonical characters (letters and digits)
    /// of non-CJK text. Shorter passages are never removed.
    pub min_chars: usize,
    /// Minimum length of a removable passage in CJK characters (ideographs, kana, Hangul).
    /// Mixed text counts both: the passage is long enough when
    /// `cjk / min-cjk-chars + other / min-chars >= 1`.
    pub min_cjk_chars: usize,
    /// Share of a paragraph's canonical text that must be found in the kept text it copies
    /// for the paragraph to be a truncated or garbled copy (0.5 to 1).
    pub containment: f64,
    /// Keep refrains (lines among verse, paragraphs repeated at regular intervals, sentences
    /// that open or close three or more paragraphs).
    pub keep_refrains: bool,
}

impl Default for RepeatsSettings {
    fn default() -> Self {
        RepeatsSettings {
            min_chars: 50,
            min_cjk_chars: 20,
            containment: 0.85,
            keep_refrains: true,
        }
    }
}

impl RepeatsSettings {
    fn validate(&self) -> Result<(), ConfigError> {
        if self.min_chars < 16 || self.min_cjk_chars < 8 {
            return Err(ConfigError::Invalid(
                "[repeats] min-chars must be at least 16 and min-cjk-chars at least 8".into(),
            ));
        }
        if !(0.5..=1.0).contains(&self.containment) {
            return Err(ConfigError::Invalid(format!(
                "[repeats] containment must be between 0.5 and 1, not {}",
                self.containment
            )));
        }
        Ok(())
    }

    /// How long `canon` is relative to the minimum length (1.0 or more: long enough).
    pub fn weight(&self, canon: &[char]) -> f64 {
        let cjk = canon.iter().filter(|&&c| canonical::is_cjk(c)).count();
        let other = canon.len() - cjk;
        cjk as f64 / self.min_cjk_chars as f64 + other as f64 / self.min_chars as f64
    }
}

/// Which rules run (from rule selection).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct RepeatRules {
    paragraph: bool,
    truncated: bool,
    sentences: bool,
    run: bool,
    doubled: bool,
}

struct RepeatsStage {
    settings: RepeatsSettings,
    rules: RepeatRules,
}

fn build_stage(settings: &Settings) -> Result<Box<dyn Stage>, ConfigError> {
    settings.repeats.validate()?;
    Ok(Box::new(RepeatsStage {
        settings: settings.repeats.clone(),
        rules: RepeatRules {
            paragraph: settings.rule_enabled(REPEATED_PARAGRAPH.code),
            truncated: settings.rule_enabled(TRUNCATED_COPY.code),
            sentences: settings.rule_enabled(REPEATED_SENTENCES.code),
            run: settings.rule_enabled(REPEATED_RUN.code),
            doubled: settings.rule_enabled(DOUBLED_PASSAGE.code),
        },
    }))
}

impl Stage for RepeatsStage {
    fn name(&self) -> &'static str {
        STAGE
    }

    fn apply(&self, doc: &mut Document) -> Result<(), DocumentError> {
        detect::run(doc, &self.settings, self.rules);
        Ok(())
    }
}

#[cfg(test)]
mod tests;
