//! Boilerplate learned from the corpus (D901): a first pass counts normalised short lines
//! across documents with bounded memory; the lines that recur in enough documents *with
//! different main text* become a [`LearnedBoilerplate`] set that the debris stage consumes.
//!
//! ```
//! use std::sync::Arc;
//! use thresh::config::Settings;
//! use thresh::stages::debris::{BoilerplateLearner, LearnSettings};
//!
//! let mut learner = BoilerplateLearner::new(LearnSettings::default());
//! for i in 0..5 {
//!     learner.add_text(&format!("第{i}篇文章的正文写了不同的事情，内容各不相同，长度也足够。\n本站精选 每日更新\n"));
//! }
//! let learned = learner.finish();
//! assert!(learned.contains("本站精选 每日更新"));
//! let mut settings = Settings::default();
//! settings.debris.learned = Some(Arc::new(learned));
//! ```

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::xxh3_64;

use super::zones::{ends_like_sentence, weight_up_to};

/// Settings of the first pass (`[debris.learn]` in `thresh.toml`).
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct LearnSettings {
    /// A line must recur in at least this many documents (never below 3).
    pub min_documents: u32,
    /// … and in at least this fraction of the documents.
    pub min_fraction: f64,
    /// Lines longer than this (in characters) are never learned.
    pub max_chars: usize,
    /// How many distinct lines the counter keeps at most (memory bound).
    pub capacity: usize,
}

impl Default for LearnSettings {
    fn default() -> Self {
        LearnSettings {
            min_documents: 3,
            min_fraction: 0.002,
            max_chars: 60,
            capacity: 1 << 20,
        }
    }
}

/// One learned line.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LearnedLine {
    /// The line as first seen.
    pub text: String,
    /// In how many documents it occurred.
    pub documents: u32,
}

/// The set of lines learned as boilerplate.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct LearnedBoilerplate {
    /// Learned lines, most frequent first (for the report).
    pub lines: Vec<LearnedLine>,
    /// How many documents the first pass saw.
    pub documents: u64,
    #[serde(skip)]
    keys: HashSet<u64>,
}

impl LearnedBoilerplate {
    /// Whether `line` (normalised the same way as in the first pass) was learned.
    pub fn contains(&self, line: &str) -> bool {
        !self.keys.is_empty() && line_key(line).is_some_and(|k| self.keys.contains(&k))
    }

    /// The entry for `line`, for the reason of an edit.
    pub fn documents_of(&self, line: &str) -> Option<u32> {
        let key = line_key(line)?;
        self.lines
            .iter()
            .find(|l| line_key(&l.text) == Some(key))
            .map(|l| l.documents)
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }
}

#[derive(Clone, Debug, Default)]
struct Entry {
    documents: u32,
    /// One bit per distinct "main text" fingerprint (mod 128): a line shared by copies of the
    /// same article sets one bit only.
    contexts: u128,
    sample: Option<String>,
}

/// Counts lines across documents (first pass). Merge learners built on several threads with
/// [`merge`](Self::merge).
#[derive(Clone, Debug)]
pub struct BoilerplateLearner {
    settings: LearnSettings,
    counts: HashMap<u64, Entry>,
    documents: u64,
}

/// The normalised key of a line: spaces dropped, ASCII lower-cased. `None` for lines that
/// can never be learned (empty).
fn line_key(line: &str) -> Option<u64> {
    let norm: String = line
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    (!norm.is_empty()).then(|| xxh3_64(norm.as_bytes()))
}

impl BoilerplateLearner {
    pub fn new(settings: LearnSettings) -> Self {
        BoilerplateLearner {
            settings,
            counts: HashMap::new(),
            documents: 0,
        }
    }

    /// Whether a line may be learned at all: short, and not a long sentence of body text.
    fn eligible(&self, line: &str) -> bool {
        let chars = line.chars().count();
        chars <= self.settings.max_chars
            && !(ends_like_sentence(line) && weight_up_to(line, 30) >= 30)
    }

    /// Counts the lines of one document (each distinct line once).
    pub fn add_lines<'a>(&mut self, lines: impl IntoIterator<Item = &'a str>) {
        let lines: Vec<&str> = lines.into_iter().map(str::trim).collect();
        // The document's main text, by its longest line: copies of one article share it.
        let context = lines
            .iter()
            .max_by_key(|l| l.len())
            .map_or(0, |l| xxh3_64(l.as_bytes()));
        let mut seen = HashSet::new();
        for line in lines {
            if !self.eligible(line) {
                continue;
            }
            let Some(key) = line_key(line) else { continue };
            if !seen.insert(key) {
                continue;
            }
            let entry = self.counts.entry(key).or_default();
            entry.documents += 1;
            entry.contexts |= 1u128 << (context % 128);
            if entry.documents >= 2 && entry.sample.is_none() {
                entry.sample = Some(line.to_string());
            }
        }
        self.documents += 1;
        if self.counts.len() > self.settings.capacity {
            self.shrink();
        }
    }

    /// Counts the lines of one text.
    pub fn add_text(&mut self, text: &str) {
        self.add_lines(text.lines().filter(|l| !l.trim().is_empty()));
    }

    /// Counts the blocks of a decoded (and normalised) document.
    pub fn add_document(&mut self, doc: &crate::document::Document) {
        self.add_lines(doc.blocks.iter().map(|b| b.text.as_str()));
    }

    /// Drops the rarest lines until the map is back to three quarters of its capacity.
    fn shrink(&mut self) {
        let target = self.settings.capacity * 3 / 4;
        let mut floor = 1;
        while self.counts.len() > target {
            self.counts.retain(|_, e| e.documents > floor);
            floor += 1;
        }
    }

    /// Adds the counts of another learner (same settings).
    pub fn merge(&mut self, other: BoilerplateLearner) {
        for (key, theirs) in other.counts {
            let entry = self.counts.entry(key).or_default();
            entry.documents += theirs.documents;
            entry.contexts |= theirs.contexts;
            if entry.sample.is_none() {
                entry.sample = theirs.sample;
            }
        }
        self.documents += other.documents;
        if self.counts.len() > self.settings.capacity {
            self.shrink();
        }
    }

    /// How many documents a line must occur in to be learned.
    pub fn threshold(&self) -> u32 {
        let by_fraction = (self.documents as f64 * self.settings.min_fraction).ceil() as u32;
        self.settings.min_documents.max(3).max(by_fraction)
    }

    /// The learned set.
    pub fn finish(self) -> LearnedBoilerplate {
        let threshold = self.threshold();
        // Distinct main texts needed: as many as documents, up to what 128 bits can tell.
        let contexts_needed = threshold.min(64);
        let mut lines: Vec<LearnedLine> = Vec::new();
        let mut keys = HashSet::new();
        for (key, entry) in self.counts {
            if entry.documents >= threshold && entry.contexts.count_ones() >= contexts_needed {
                if let Some(text) = entry.sample {
                    keys.insert(key);
                    lines.push(LearnedLine {
                        text,
                        documents: entry.documents,
                    });
                }
            }
        }
        lines.sort_by(|a, b| b.documents.cmp(&a.documents).then(a.text.cmp(&b.text)));
        LearnedBoilerplate {
            lines,
            documents: self.documents,
            keys,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(i: usize, extra: &str) -> String {
        format!("第{i}篇的标题\n第{i}篇文章讲的是一件完全不同的事情，这里是它的正文，足够长。\n{extra}\n")
    }

    #[test]
    fn lines_recurring_across_different_documents_are_learned() {
        let mut learner = BoilerplateLearner::new(LearnSettings::default());
        for i in 0..4 {
            learner.add_text(&doc(i, "扫码下载本站客户端"));
        }
        learner.add_text(&doc(9, "只出现一次的短句"));
        let learned = learner.finish();
        assert!(learned.contains("扫码下载本站客户端"));
        assert!(learned.contains(" 扫码下载本站 客户端 "));
        assert!(!learned.contains("只出现一次的短句"));
        assert!(!learned.contains("第1篇的标题"));
        assert_eq!(learned.documents_of("扫码下载本站客户端"), Some(4));
    }

    #[test]
    fn copies_of_one_article_teach_nothing() {
        let mut learner = BoilerplateLearner::new(LearnSettings::default());
        for _ in 0..6 {
            learner.add_text(&doc(1, "同一篇文章的小标题"));
        }
        assert!(learner.finish().is_empty());
    }

    #[test]
    fn long_sentences_are_never_learned() {
        let mut learner = BoilerplateLearner::new(LearnSettings::default());
        let sentence = "这是一句很长很长的正文句子，它出现在很多文档里，但它是一句完整的话。";
        for i in 0..5 {
            learner.add_text(&doc(i, sentence));
        }
        assert!(!learner.finish().contains(sentence));
    }

    #[test]
    fn memory_stays_bounded_and_merge_adds_up() {
        let settings = LearnSettings {
            capacity: 100,
            ..LearnSettings::default()
        };
        let mut a = BoilerplateLearner::new(settings.clone());
        let mut b = BoilerplateLearner::new(settings);
        for i in 0..300 {
            let learner = if i % 2 == 0 { &mut a } else { &mut b };
            learner.add_text(&doc(i, "本站声明 每页都有"));
            assert!(learner.counts.len() <= 101);
        }
        a.merge(b);
        assert_eq!(a.documents, 300);
        assert!(a.finish().contains("本站声明 每页都有"));
    }
}
