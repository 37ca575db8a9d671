//! Deciding whether a candidate pair is the same story, from the two sketches.

use serde::{Deserialize, Serialize};

use super::minhash::{containment, estimate_jaccard};

/// The evidence for one candidate pair.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Evidence {
    /// Estimated Jaccard similarity of the two shingle sets.
    pub jaccard: f64,
    /// Estimated share of the smaller set found in the larger one.
    pub containment: f64,
}

impl Evidence {
    /// Measures a pair from its sketches and distinct-shingle counts.
    pub fn measure(sketch_a: &[u32], sketch_b: &[u32], shingles_a: u32, shingles_b: u32) -> Self {
        let jaccard = estimate_jaccard(sketch_a, sketch_b);
        Evidence {
            jaccard,
            containment: containment(jaccard, shingles_a, shingles_b),
        }
    }
}

/// When a pair counts as a near-duplicate.
#[derive(Clone, Copy, Debug, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct Thresholds {
    /// A pair this similar is a near-duplicate whatever its containment.
    pub jaccard: f64,
    /// A pair whose smaller text lies this much inside the larger one (a truncated or
    /// extended copy) is a near-duplicate…
    pub containment: f64,
    /// …as long as their Jaccard similarity is at least this (a short quote inside a long
    /// article is not a copy of it).
    pub containment_min_jaccard: f64,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            jaccard: 0.6,
            containment: 0.85,
            containment_min_jaccard: 0.25,
        }
    }
}

impl Thresholds {
    /// Whether `evidence` is enough.
    pub fn accept(&self, evidence: &Evidence) -> bool {
        evidence.jaccard >= self.jaccard
            || (evidence.containment >= self.containment
                && evidence.jaccard >= self.containment_min_jaccard)
    }

    /// Checks the values are fractions.
    pub fn validate(&self) -> Result<(), String> {
        for (name, v) in [
            ("jaccard", self.jaccard),
            ("containment", self.containment),
            ("containment-min-jaccard", self.containment_min_jaccard),
        ] {
            if !(0.0..=1.0).contains(&v) {
                return Err(format!(
                    "dups threshold {name} must be between 0 and 1, not {v}"
                ));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(jaccard: f64, containment: f64) -> Evidence {
        Evidence {
            jaccard,
            containment,
        }
    }

    #[test]
    fn similar_pairs_are_accepted() {
        let t = Thresholds::default();
        assert!(t.accept(&ev(0.8, 0.9)));
        assert!(t.accept(&ev(0.6, 0.7)));
        // Truncated copy: 40% of the original, all of it contained.
        assert!(t.accept(&ev(0.4, 0.98)));
    }

    #[test]
    fn template_look_alikes_and_quotes_are_rejected() {
        let t = Thresholds::default();
        // Same template, different persons: much shared, much not.
        assert!(!t.accept(&ev(0.5, 0.72)));
        // A short passage quoted inside a long article.
        assert!(!t.accept(&ev(0.1, 0.95)));
        assert!(!t.accept(&ev(0.05, 0.1)));
    }

    #[test]
    fn thresholds_must_be_fractions() {
        assert!(Thresholds::default().validate().is_ok());
        let bad = Thresholds {
            jaccard: 1.5,
            ..Thresholds::default()
        };
        assert!(bad.validate().is_err());
    }
}
