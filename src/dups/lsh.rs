//! The second candidate path: MinHash LSH bands. Pairs at Jaccard 0.5–0.7 are often
//! 15–20 simhash bits apart, too far for any Hamming index to reach cheaply; with `b` bands
//! of `r` sketch bins, such a pair shares at least one band with probability
//! `1 − (1 − J^r)^b` (0.98 at J = 0.5 for 64 × 4).

use rayon::prelude::*;

use super::minhash::{band_keys, SKETCH_BINS};

/// Every pair `(a, b)`, `a < b`, sharing at least one band key and passing `keep`;
/// sorted, without repeats. `sketches` holds the documents' sketches back to back.
pub fn band_candidates(
    sketches: &[u32],
    bands: usize,
    rows: usize,
    keep: &(dyn Fn(u32, u32) -> bool + Sync),
) -> Vec<(u32, u32)> {
    let n = sketches.len() / SKETCH_BINS;
    let per_band: Vec<Vec<(u32, u32)>> = (0..bands)
        .into_par_iter()
        .map(|band| {
            let mut keyed: Vec<(u64, u32)> = (0..n)
                .map(|i| {
                    let sketch = &sketches[i * SKETCH_BINS..(i + 1) * SKETCH_BINS];
                    let key = band_keys(&sketch[band * rows..(band + 1) * rows], 1, rows)
                        .next()
                        .unwrap_or(0);
                    (key, i as u32)
                })
                .collect();
            keyed.sort_unstable();
            let mut pairs = Vec::new();
            for run in keyed.chunk_by(|x, y| x.0 == y.0) {
                for (x, &(_, a)) in run.iter().enumerate() {
                    for &(_, b) in &run[x + 1..] {
                        if keep(a, b) {
                            pairs.push((a, b));
                        }
                    }
                }
            }
            pairs
        })
        .collect();
    let mut all: Vec<(u32, u32)> = per_band.into_iter().flatten().collect();
    all.par_sort_unstable();
    all.dedup();
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_sketches_are_candidates_different_ones_are_not() {
        let mut sketches = Vec::new();
        for doc in [1u32, 2, 1, 3] {
            sketches.extend((0..SKETCH_BINS as u32).map(|i| i * 7919 + doc * 1_000_003));
        }
        let got = band_candidates(&sketches, 64, 4, &|_, _| true);
        assert_eq!(got, vec![(0, 2)]);
        assert!(band_candidates(&sketches, 64, 4, &|a, _| a != 0).is_empty());
    }

    #[test]
    fn one_shared_band_is_enough() {
        let mut a: Vec<u32> = (0..SKETCH_BINS as u32).collect();
        let b: Vec<u32> = (0..SKETCH_BINS as u32)
            .map(|i| if i < 4 { i } else { i + 5000 })
            .collect();
        a.extend(b);
        assert_eq!(band_candidates(&a, 64, 4, &|_, _| true), vec![(0, 1)]);
        assert!(band_candidates(&a, 32, 8, &|_, _| true).is_empty());
    }
}
