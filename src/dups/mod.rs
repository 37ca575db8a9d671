//! Near-duplicate detection: which documents (or articles) are the same story published
//! more than once.
//!
//! Not a pipeline stage: it reads cleaned text. Each text becomes a [canonical key](key),
//! whose shingles give a 64-bit [simhash](simhash) and a 1 KB [MinHash sketch](minhash)
//! ([`fingerprint`](fingerprint::fingerprint)). Candidates come from an exact Hamming
//! [index](index) over the simhashes and from MinHash [LSH bands](lsh); every candidate is
//! [verified](verify) on the sketches (Jaccard and containment), and the verified pairs are
//! [clustered](cluster). Signatures persist in mergeable [index files](store); reports are
//! [rendered](render) as text, JSON or JSONL.
//!
//! ```
//! use thresh::dups::{DupSettings, SignatureSet};
//! let settings = DupSettings::default();
//! let mut set = SignatureSet::new(&settings);
//! let story = "海上丝路与南汉国史料展21日在广州开幕，南汉开国皇帝刘龑相关的墓志拓片、宫殿建筑构件等120余件文物首次集中展出。";
//! set.add_text("a.txt", story);
//! set.add_text("b.txt", &format!("{story}\n责任编辑：王明"));
//! set.add_text("c.txt", "两篇完全不同的文章不会被当成重复，哪怕它们都很短，也都来自同一个网站的同一个栏目。");
//! let report = set.find_duplicates(&settings);
//! assert_eq!(report.pairs.len(), 1);
//! assert_eq!(report.clusters[0].representative, "b.txt");
//! ```

pub mod cluster;
pub mod fingerprint;
mod fold;
pub mod index;
pub mod key;
pub mod lsh;
pub mod minhash;
pub mod query;
pub mod render;
mod search;
pub mod simhash;
pub mod store;
pub mod verify;

use serde::{Deserialize, Serialize};

pub use fingerprint::{Fingerprint, ShingleOptions};
pub use fold::fold_traditional;
pub use key::Key;
pub use search::{DupCluster, DupPair, DupReport};
pub use store::{IndexError, SignatureSet};
pub use verify::{Evidence, Thresholds};

/// The rule `thresh check` reports a near-duplicate under.
pub static NEAR_DUPLICATE: crate::rules::RuleInfo = crate::rules::RuleInfo {
    code: "N001",
    name: "near-duplicate",
    summary: "the document is the same story as another document of the corpus",
    explanation: "The checked document is a near-duplicate of another checked document or of a \
                  document of the corpus named by `[check] corpus` in `thresh.toml`: the same \
                  story republished with another header and footer, re-paragraphed, lightly \
                  edited, truncated or converted between Traditional and Simplified Chinese. Both \
                  are cleaned first, then compared on their canonical keys (simhash and MinHash \
                  candidates, verified on shingle Jaccard similarity and containment with the \
                  `[dups]` thresholds). The finding names the closest copy, its simhash distance \
                  and containment: `news/b.txt:1:1: N001 near-duplicate of news/a.txt (distance \
                  6, containment 0.97)`. Of two checked copies, the one whose id sorts later is \
                  reported. Keep one copy, or `ignore = [\"N001\"]` for paths where copies are \
                  expected.",
};

/// The near-duplicate rules.
pub static RULES: &[crate::rules::RuleInfo] = &[NEAR_DUPLICATE];

/// Settings of the near-duplicate search (`[dups]` in `thresh.toml`).
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct DupSettings {
    /// Tokens per shingle: characters for CJK text, words for Latin-script text.
    pub shingle: usize,
    /// Simhash votes once per shingle occurrence (term frequency) rather than once per
    /// distinct shingle.
    pub weighted: bool,
    /// Paragraphs with fewer letters/ideographs than this are left out of the key when the
    /// rest is at least half the text (headlines, bylines, dates and page chrome differ
    /// between the sites that copy a story).
    pub min_paragraph_chars: usize,
    /// Shingles each sentence contributes to the sketch at most (0: all of them), so that
    /// a long passage shared by different stories does not outweigh their other sentences.
    pub per_sentence: usize,
    /// Simhash pairs at most this many bits apart are candidates.
    pub hamming: u32,
    /// LSH bands over the sketch, and sketch bins per band.
    pub bands: usize,
    pub rows: usize,
    /// When a candidate is a near-duplicate.
    pub threshold: Thresholds,
}

impl Default for DupSettings {
    fn default() -> Self {
        DupSettings {
            shingle: 3,
            weighted: true,
            min_paragraph_chars: 40,
            per_sentence: 24,
            hamming: 8,
            bands: 64,
            rows: 4,
            threshold: Thresholds::default(),
        }
    }
}

impl DupSettings {
    /// Checks the settings can run: a shingle of at least one token, bands that fit in the
    /// sketch, thresholds that are fractions.
    pub fn validate(&self) -> Result<(), String> {
        if self.shingle == 0 || self.shingle > 16 {
            return Err(format!(
                "dups shingle must be 1 to 16 tokens, not {}",
                self.shingle
            ));
        }
        if self.hamming >= 64 {
            return Err(format!(
                "dups hamming must be below 64 bits, not {}",
                self.hamming
            ));
        }
        if self.rows == 0 || self.rows > 16 || self.bands * self.rows > minhash::SKETCH_BINS {
            return Err(format!(
                "dups bands × rows must fit in {} sketch bins with 1 to 16 rows, not {} × {}",
                minhash::SKETCH_BINS,
                self.bands,
                self.rows
            ));
        }
        self.threshold.validate()
    }

    /// How shingles are made under these settings.
    pub fn shingle_options(&self) -> ShingleOptions {
        ShingleOptions {
            size: self.shingle,
            weighted: self.weighted,
            per_sentence: self.per_sentence,
        }
    }
}

/// The texts of a cleaned document to compare, as `(id, paragraphs)`: the whole document,
/// or with `articles` each of its articles, with ids `ID/0`, `ID/1`… as `clean
/// --split-articles` names them (a single-article document keeps its plain id).
pub fn units(doc: &crate::document::Document, articles: bool) -> Vec<(String, Vec<&str>)> {
    let all = || doc.blocks.iter().map(|b| b.text.as_str()).collect();
    if !articles {
        return vec![(doc.id.clone(), all())];
    }
    let parts = doc.articles();
    if parts.len() <= 1 {
        return vec![(doc.id.clone(), all())];
    }
    parts
        .iter()
        .enumerate()
        .map(|(i, blocks)| {
            (
                format!("{}/{}", doc.id, i),
                blocks.iter().map(|b| b.text.as_str()).collect(),
            )
        })
        .collect()
}

/// The signatures of a document's units (see [`units`]): `(id, chars and fingerprint)`,
/// `None` for a unit without any text to sign.
pub type SignedUnits = Vec<(String, Option<(u64, Fingerprint)>)>;

/// Signs each unit of a cleaned document: its paragraphs are the lines of the text
/// `clean` writes (a block never holds a line end; a paragraph's trailing CR is not text).
pub fn sign_units(
    doc: &crate::document::Document,
    articles: bool,
    settings: &DupSettings,
) -> SignedUnits {
    units(doc, articles)
        .into_iter()
        .map(|(id, paragraphs)| {
            let lines = paragraphs.iter().map(|p| p.strip_suffix('\r').unwrap_or(p));
            (id, store::sign(lines, settings))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Document;

    #[test]
    fn units_split_articles_only_when_asked() {
        let mut doc = Document::from_text("page.txt", "");
        doc.set_text("标题一\n正文一\n标题二\n正文二\n");
        doc.blocks[2].starts_article = true;
        let whole = units(&doc, false);
        assert_eq!(whole.len(), 1);
        assert_eq!(whole[0].1.len(), 4);
        let split = units(&doc, true);
        assert_eq!(split.len(), 2);
        assert_eq!(split[1].0, "page.txt/1");
        assert_eq!(split[1].1, vec!["标题二", "正文二"]);
        doc.blocks[2].starts_article = false;
        assert_eq!(units(&doc, true)[0].0, "page.txt");
    }

    #[test]
    fn settings_read_from_thresh_toml() {
        let toml = "[dups]\nshingle = 5\n[dups.threshold]\njaccard = 0.7\n";
        let settings = crate::config::Settings::from_toml(toml, std::path::Path::new("t.toml"))
            .expect("valid");
        assert_eq!(settings.dups.shingle, 5);
        assert_eq!(settings.dups.threshold.jaccard, 0.7);
        assert_eq!(settings.dups.threshold.containment, 0.85);
        let err = crate::config::Settings::from_toml(
            "[dups]\nshingles = 5\n",
            std::path::Path::new("t.toml"),
        )
        .expect_err("unknown key");
        assert!(err.to_string().contains("shingles"), "{err}");
        let err = crate::config::Settings::from_toml(
            "[dups]\nrows = 0\n",
            std::path::Path::new("t.toml"),
        )
        .expect_err("invalid");
        assert!(err.to_string().contains("rows"), "{err}");
    }

    #[test]
    fn default_settings_are_valid_and_bad_ones_are_named() {
        assert!(DupSettings::default().validate().is_ok());
        let bad = DupSettings {
            bands: 100,
            ..DupSettings::default()
        };
        assert!(bad.validate().unwrap_err().contains("bands"));
        let bad = DupSettings {
            shingle: 0,
            ..DupSettings::default()
        };
        assert!(bad.validate().unwrap_err().contains("shingle"));
    }
}
