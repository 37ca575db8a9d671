//! The per-document sketch: one-permutation MinHash (OPH) with densification.
//!
//! Each shingle hash is looked at once: its top bits choose one of [`SKETCH_BINS`] bins, its
//! low 32 bits compete for that bin's minimum. Two documents agree on a bin with
//! probability equal to the Jaccard similarity of their shingle sets, so the sketch (1 KB)
//! both verifies candidate pairs and feeds the LSH band index that finds pairs whose
//! simhashes are too far apart (Jaccard 0.5–0.7 sits 15–20 bits apart).

/// Bins per sketch (a power of two: the top bits of a hash choose the bin).
pub const SKETCH_BINS: usize = 256;
const BIN_SHIFT: u32 = 64 - SKETCH_BINS.trailing_zeros();
const EMPTY: u32 = u32::MAX;

/// A MinHash sketch under construction.
#[derive(Clone, Debug)]
pub struct SketchBuilder {
    mins: [u32; SKETCH_BINS],
}

impl Default for SketchBuilder {
    fn default() -> Self {
        SketchBuilder {
            mins: [EMPTY; SKETCH_BINS],
        }
    }
}

impl SketchBuilder {
    /// Offers one shingle hash.
    #[inline]
    pub fn add(&mut self, hash: u64) {
        let bin = (hash >> BIN_SHIFT) as usize;
        let value = hash as u32;
        if value < self.mins[bin] {
            self.mins[bin] = value;
        }
    }

    /// The finished sketch. Empty bins (short texts) borrow the value of the next filled bin
    /// to the right, shifted by the distance, so that two texts still agree on a borrowed
    /// bin exactly when they agree on the bin lent from ("rotation" densification).
    pub fn finish(self) -> [u32; SKETCH_BINS] {
        let mut out = self.mins;
        let Some(filled) = out.iter().position(|&v| v != EMPTY) else {
            return out;
        };
        // Walk right to left from a filled bin, carrying the last filled value.
        let mut last = out[filled];
        let mut distance = 0u32;
        for step in 1..=SKETCH_BINS {
            let i = (filled + SKETCH_BINS - step) % SKETCH_BINS;
            if self.mins[i] == EMPTY {
                distance += 1;
                out[i] = last.wrapping_add(distance.wrapping_mul(0x9E37_79B9)) & !1;
            } else {
                last = self.mins[i];
                distance = 0;
                // Keep borrowed and real values apart: real ones are odd, borrowed even.
                out[i] = last | 1;
            }
        }
        out
    }
}

/// The share of bins on which two sketches agree: an estimate of the Jaccard similarity of
/// the two shingle sets (standard error about `sqrt(J(1-J)/256)`, ±0.03 at 0.5).
pub fn estimate_jaccard(a: &[u32], b: &[u32]) -> f64 {
    debug_assert_eq!(a.len(), b.len());
    let same = a.iter().zip(b).filter(|(x, y)| x == y).count();
    same as f64 / a.len().max(1) as f64
}

/// How much of the smaller set lies in the larger one, from the Jaccard estimate and the two
/// set sizes: `|A∩B| = J(|A|+|B|)/(1+J)`. A truncated copy is contained in its original.
pub fn containment(jaccard: f64, size_a: u32, size_b: u32) -> f64 {
    let (a, b) = (size_a as f64, size_b as f64);
    let small = a.min(b);
    if small <= 0.0 {
        return 0.0;
    }
    let intersection = jaccard * (a + b) / (1.0 + jaccard);
    (intersection / small).min(1.0)
}

/// The LSH band keys of a sketch: `bands` keys of `rows` bins each. Two sketches share a
/// band key with probability `J^rows`.
pub fn band_keys(sketch: &[u32], bands: usize, rows: usize) -> impl Iterator<Item = u64> + '_ {
    (0..bands).map(move |band| {
        let start = band * rows;
        let mut bytes = [0u8; 4 * 16];
        let rows = rows.min(16);
        for (i, v) in sketch[start..start + rows].iter().enumerate() {
            bytes[4 * i..4 * i + 4].copy_from_slice(&v.to_le_bytes());
        }
        xxhash_rust::xxh3::xxh3_64_with_seed(&bytes[..4 * rows], band as u64)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use xxhash_rust::xxh3::xxh3_64;

    fn sketch(items: impl Iterator<Item = u64>) -> [u32; SKETCH_BINS] {
        let mut b = SketchBuilder::default();
        items.for_each(|i| b.add(xxh3_64(&i.to_le_bytes())));
        b.finish()
    }

    #[test]
    fn jaccard_estimate_is_close() {
        // |A| = |B| = 2000, overlap 1000 → J = 1/3.
        let a = sketch(0..2000);
        let b = sketch(1000..3000);
        let j = estimate_jaccard(&a, &b);
        assert!((j - 1.0 / 3.0).abs() < 0.1, "{j}");
        assert_eq!(estimate_jaccard(&a, &a), 1.0);
        let c = sketch(10_000..12_000);
        assert!(estimate_jaccard(&a, &c) < 0.05);
    }

    #[test]
    fn short_sets_are_densified_consistently() {
        let a = sketch(0..20);
        let b = sketch(0..20);
        assert_eq!(a, b);
        assert!(a.iter().all(|&v| v != EMPTY));
        let c = sketch(0..40);
        let j = estimate_jaccard(&a, &c);
        assert!(j > 0.2 && j < 0.8, "{j}");
        let d = sketch(100..120);
        assert!(estimate_jaccard(&a, &d) < 0.15);
    }

    #[test]
    fn containment_of_a_truncated_copy_is_near_one() {
        // B = first 60% of A: J = 0.6.
        assert!((containment(0.6, 1000, 600) - 1.0).abs() < 1e-9);
        assert!(containment(0.2, 1000, 1000) < 0.4);
        assert_eq!(containment(0.5, 0, 10), 0.0);
    }

    #[test]
    fn equal_sketches_share_every_band() {
        let a = sketch(0..500);
        let b = sketch(0..500);
        let c = sketch(600..1100);
        let ka: Vec<_> = band_keys(&a, 64, 4).collect();
        assert_eq!(ka, band_keys(&b, 64, 4).collect::<Vec<_>>());
        let shared = ka
            .iter()
            .zip(band_keys(&c, 64, 4))
            .filter(|(x, y)| **x == *y)
            .count();
        assert_eq!(shared, 0);
    }
}
