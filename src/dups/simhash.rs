//! 64-bit simhash with a branch-free accumulator.
//!
//! Every shingle hash votes +1 / −1 on each of the 64 bit positions. Instead of 64 branches
//! per shingle, the hash is cut into 8 bytes; a table spreads each byte into a word holding
//! one 0/1 per byte lane, and eight word additions count all 64 positions at once (SWAR).
//! Byte lanes overflow after 255 additions, so they are flushed into 32-bit totals before.

/// `SPREAD[b]` holds bit `i` of `b` in byte `i`.
const SPREAD: [u64; 256] = {
    let mut table = [0u64; 256];
    let mut b = 0;
    while b < 256 {
        let mut i = 0;
        while i < 8 {
            if b & (1 << i) != 0 {
                table[b] |= 1 << (8 * i);
            }
            i += 1;
        }
        b += 1;
    }
    table
};

/// Accumulates shingle hashes into a simhash.
#[derive(Clone, Debug)]
pub struct SimhashAccumulator {
    lanes: [u64; 8],
    pending: u32,
    totals: [u32; 64],
    count: u32,
}

impl Default for SimhashAccumulator {
    fn default() -> Self {
        SimhashAccumulator {
            lanes: [0; 8],
            pending: 0,
            totals: [0; 64],
            count: 0,
        }
    }
}

impl SimhashAccumulator {
    /// Adds one shingle hash (one vote per bit).
    #[inline]
    pub fn add(&mut self, hash: u64) {
        for (j, lane) in self.lanes.iter_mut().enumerate() {
            *lane += SPREAD[((hash >> (8 * j)) & 0xFF) as usize];
        }
        self.pending += 1;
        if self.pending == 255 {
            self.flush();
        }
    }

    fn flush(&mut self) {
        for (j, lane) in self.lanes.iter_mut().enumerate() {
            for i in 0..8 {
                self.totals[8 * j + i] += ((*lane >> (8 * i)) & 0xFF) as u32;
            }
            *lane = 0;
        }
        self.count += self.pending;
        self.pending = 0;
    }

    /// The simhash: bit `i` is set when more than half of the hashes had it set.
    pub fn finish(mut self) -> u64 {
        self.flush();
        let mut out = 0u64;
        for (i, &ones) in self.totals.iter().enumerate() {
            if ones * 2 > self.count {
                out |= 1 << i;
            }
        }
        out
    }
}

/// The number of bit positions where two simhashes differ.
#[inline]
pub fn hamming(a: u64, b: u64) -> u32 {
    (a ^ b).count_ones()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The textbook simhash: 64 branches per hash.
    fn naive(hashes: &[u64]) -> u64 {
        let mut votes = [0i64; 64];
        for h in hashes {
            for (i, v) in votes.iter_mut().enumerate() {
                *v += if h >> i & 1 == 1 { 1 } else { -1 };
            }
        }
        (0..64)
            .filter(|&i| votes[i] > 0)
            .fold(0, |acc, i| acc | 1 << i)
    }

    fn simhash(hashes: &[u64]) -> u64 {
        let mut acc = SimhashAccumulator::default();
        hashes.iter().for_each(|&h| acc.add(h));
        acc.finish()
    }

    proptest! {
        #[test]
        fn accumulator_equals_naive_simhash(hashes in prop::collection::vec(any::<u64>(), 0..1200)) {
            prop_assert_eq!(simhash(&hashes), naive(&hashes));
        }

        #[test]
        fn simhash_ignores_hash_order(mut hashes in prop::collection::vec(any::<u64>(), 0..300)) {
            let a = simhash(&hashes);
            hashes.reverse();
            prop_assert_eq!(a, simhash(&hashes));
        }
    }

    #[test]
    fn one_hash_is_its_own_simhash() {
        assert_eq!(simhash(&[0xDEAD_BEEF_0123_4567]), 0xDEAD_BEEF_0123_4567);
        assert_eq!(simhash(&[]), 0);
    }

    #[test]
    fn small_change_moves_few_bits_big_change_many() {
        let base: Vec<u64> = (0..1000u64)
            .map(|i| xxhash_rust::xxh3::xxh3_64(&i.to_le_bytes()))
            .collect();
        let mut edited = base.clone();
        for h in edited.iter_mut().take(30) {
            *h = !*h;
        }
        let other: Vec<u64> = (5000..6000u64)
            .map(|i| xxhash_rust::xxh3::xxh3_64(&i.to_le_bytes()))
            .collect();
        assert!(hamming(simhash(&base), simhash(&edited)) < 12);
        assert!(hamming(simhash(&base), simhash(&other)) > 16);
    }
}
