//! Exact Hamming search: every pair of 64-bit signatures at distance ≤ k, without comparing
//! all pairs.
//!
//! Pigeonhole, generalised: cut the 64 bits into `m > k` blocks. Two signatures at distance
//! ≤ k differ in at most k blocks, so they agree exactly on at least `s = m − k` blocks.
//! Grouping signatures by every combination of `s` blocks therefore finds every such pair;
//! for small k that is the classic block-table scheme (k = 3: 4 to 6 blocks), for larger k it
//! is bit sampling over a covering design, exact rather than probabilistic. `m` is chosen
//! by a cost model from k and the number of signatures.
//!
//! The combinations are walked as a tree: group by one block, then inside each group by a
//! later block, and so on; groups that become small are compared pairwise at once. A pair
//! is reported only in the group of its *first* `s` agreeing blocks, so no pair is reported
//! twice and no set of seen pairs is needed.

use rayon::prelude::*;

/// Below this many members a group is compared pair by pair instead of split further.
const SMALL_GROUP: usize = 64;

/// One pair of signatures within the distance: indexes into the input, `a < b`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct HammingPair {
    pub a: u32,
    pub b: u32,
    pub distance: u32,
}

/// How the 64 bits are cut for one search.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BlockPlan {
    /// Maximum distance searched.
    pub k: u32,
    /// Bit masks of the blocks, low bits first.
    pub masks: Vec<u64>,
    /// Blocks that must agree (`masks.len() − k`).
    pub agree: usize,
    /// Groups this small are compared pair by pair instead of split further.
    pub small_group: usize,
}

impl BlockPlan {
    /// The cheapest plan for `n` signatures at distance ≤ `k` (k < 64).
    pub fn choose(k: u32, n: usize) -> BlockPlan {
        let k = k.min(63) as usize;
        let n = n.max(2) as f64;
        let mut best: Option<(f64, usize)> = None;
        for m in (k + 1)..=64usize.min(k + 16) {
            let s = m - k;
            let mut splits = 0.0;
            for d in 1..=s {
                splits += binomial(m - (s - d), d);
            }
            let bits = 64.0 * s as f64 / m as f64;
            let compared = binomial(m, s) * n * n / 2.0 / bits.exp2();
            let cost = splits * n + compared;
            if best.is_none_or(|(c, _)| cost < c) {
                best = Some((cost, m));
            }
        }
        let m = best.map_or(k + 1, |(_, m)| m);
        BlockPlan::with_blocks(k as u32, m)
    }

    /// A plan with `m` blocks (`k < m ≤ 64`) of near-equal width.
    pub fn with_blocks(k: u32, m: usize) -> BlockPlan {
        let m = m.clamp(k as usize + 1, 64);
        let mut masks = Vec::with_capacity(m);
        let mut start = 0;
        for i in 0..m {
            let width = 64 / m + usize::from(i < 64 % m);
            let mask = if width == 64 {
                u64::MAX
            } else {
                ((1u64 << width) - 1) << start
            };
            masks.push(mask);
            start += width;
        }
        BlockPlan {
            k,
            agree: m - k as usize,
            masks,
            small_group: SMALL_GROUP,
        }
    }
}

fn binomial(n: usize, r: usize) -> f64 {
    (0..r).fold(1.0, |acc, i| acc * (n - i) as f64 / (i + 1) as f64)
}

/// Every pair `(a, b)`, `a < b`, of `signatures` with Hamming distance ≤ `k` for which
/// `keep(a, b)` holds, sorted. Runs on the rayon pool; the result does not depend on the
/// number of threads.
pub fn pairs_within(
    signatures: &[u64],
    k: u32,
    keep: &(dyn Fn(u32, u32) -> bool + Sync),
) -> Vec<HammingPair> {
    let plan = BlockPlan::choose(k, signatures.len());
    pairs_with_plan(signatures, &plan, keep)
}

/// [`pairs_within`] with a given block plan.
pub fn pairs_with_plan(
    signatures: &[u64],
    plan: &BlockPlan,
    keep: &(dyn Fn(u32, u32) -> bool + Sync),
) -> Vec<HammingPair> {
    let items: Vec<Item> = signatures
        .iter()
        .enumerate()
        .map(|(i, &s)| (s, i as u32))
        .collect();
    #[cfg(target_arch = "x86_64")]
    let popcnt = std::arch::is_x86_feature_detected!("popcnt");
    #[cfg(not(target_arch = "x86_64"))]
    let popcnt = false;
    let search = Search { plan, keep, popcnt };
    let mut out = Vec::new();
    if items.len() <= plan.small_group || plan.agree == 0 {
        search.compare_all(&items, &[], &mut out);
    } else {
        let m = plan.masks.len();
        let mut buf = Vec::new();
        for first in 0..=(m - plan.agree) {
            let mut runs = Vec::new();
            partition(&items, plan.masks[first], &mut buf, |range| {
                runs.push(range)
            });
            let found: Vec<Vec<HammingPair>> = runs
                .into_par_iter()
                .map(|range| {
                    let group = &buf[range];
                    let mut local = Vec::new();
                    let mut prefix = vec![first];
                    let mut scratch = vec![Vec::new(); plan.agree];
                    search.descend(group, &mut prefix, &mut scratch, &mut local);
                    local
                })
                .collect();
            out.extend(found.into_iter().flatten());
        }
    }
    out.sort_unstable();
    out
}

/// A signature and its index.
type Item = (u64, u32);

/// Copies `group` into `buf` grouped by the bits of `mask` (a block of contiguous bits) and
/// calls `run` with the range of every group of two or more. Narrow blocks are partitioned
/// by counting (linear time), wide ones sorted.
fn partition(
    group: &[Item],
    mask: u64,
    buf: &mut Vec<Item>,
    mut run: impl FnMut(std::ops::Range<usize>),
) {
    let shift = mask.trailing_zeros();
    let width = mask.count_ones();
    buf.clear();
    if width <= 8 {
        let buckets = 1usize << width;
        let mut counts = [0u32; 256];
        for &(s, _) in group {
            counts[((s & mask) >> shift) as usize] += 1;
        }
        let mut starts = [0u32; 256];
        let mut total = 0;
        for b in 0..buckets {
            starts[b] = total;
            total += counts[b];
        }
        buf.resize(group.len(), (0, 0));
        let mut next = starts;
        for &item in group {
            let b = ((item.0 & mask) >> shift) as usize;
            buf[next[b] as usize] = item;
            next[b] += 1;
        }
        for b in 0..buckets {
            if counts[b] >= 2 {
                run(starts[b] as usize..(starts[b] + counts[b]) as usize);
            }
        }
    } else {
        buf.extend_from_slice(group);
        buf.sort_unstable_by_key(|&(s, i)| (s & mask, i));
        let mut start = 0;
        while start < buf.len() {
            let value = buf[start].0 & mask;
            let len = buf[start..]
                .iter()
                .take_while(|(s, _)| s & mask == value)
                .count();
            if len >= 2 {
                run(start..start + len);
            }
            start += len;
        }
    }
}

struct Search<'a> {
    plan: &'a BlockPlan,
    keep: &'a (dyn Fn(u32, u32) -> bool + Sync),
    /// The CPU has the popcnt instruction.
    popcnt: bool,
}

impl Search<'_> {
    /// `group` agrees on the blocks in `prefix`; finds its pairs whose first agreeing
    /// blocks are exactly `prefix` and more. `scratch` holds one buffer per level below.
    fn descend(
        &self,
        group: &[Item],
        prefix: &mut Vec<usize>,
        scratch: &mut [Vec<Item>],
        out: &mut Vec<HammingPair>,
    ) {
        if group.len() <= self.plan.small_group || prefix.len() == self.plan.agree {
            self.compare_all(group, prefix, out);
            return;
        }
        let Some((buf, deeper)) = scratch.split_first_mut() else {
            self.compare_all(group, prefix, out);
            return;
        };
        let m = self.plan.masks.len();
        let last = prefix.last().map_or(0, |&b| b + 1);
        let remaining = self.plan.agree - prefix.len();
        let mut runs = Vec::new();
        for next in last..=(m - remaining) {
            prefix.push(next);
            runs.clear();
            partition(group, self.plan.masks[next], buf, |range| runs.push(range));
            for range in runs.iter().cloned() {
                self.descend(&buf[range], prefix, deeper, out);
            }
            prefix.pop();
        }
    }

    /// Compares every pair of `group`, keeping those within k whose first agreeing blocks
    /// are `prefix`.
    fn compare_all(&self, group: &[(u64, u32)], prefix: &[usize], out: &mut Vec<HammingPair>) {
        #[cfg(target_arch = "x86_64")]
        if self.popcnt {
            // SAFETY: the CPU was checked for the popcnt instruction when `self` was made.
            unsafe { self.compare_all_popcnt(group, prefix, out) };
            return;
        }
        self.compare_all_portable(group, prefix, out);
    }

    /// [`Self::compare_all`] compiled with the `popcnt` instruction (the baseline x86-64
    /// target counts bits with a dozen instructions; this loop is most of the search).
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "popcnt")]
    fn compare_all_popcnt(&self, group: &[Item], prefix: &[usize], out: &mut Vec<HammingPair>) {
        self.compare_all_portable(group, prefix, out);
    }

    #[inline(always)]
    fn compare_all_portable(&self, group: &[Item], prefix: &[usize], out: &mut Vec<HammingPair>) {
        for (x, &(sx, ix)) in group.iter().enumerate() {
            for &(sy, iy) in &group[x + 1..] {
                let distance = (sx ^ sy).count_ones();
                if distance > self.plan.k || !self.first_agreeing_blocks_are(sx ^ sy, prefix) {
                    continue;
                }
                let (a, b) = if ix < iy { (ix, iy) } else { (iy, ix) };
                if (self.keep)(a, b) {
                    out.push(HammingPair { a, b, distance });
                }
            }
        }
    }

    fn first_agreeing_blocks_are(&self, xor: u64, prefix: &[usize]) -> bool {
        let mut seen = 0;
        for (j, &mask) in self.plan.masks.iter().enumerate() {
            if seen == prefix.len() {
                return true;
            }
            if xor & mask == 0 {
                if prefix[seen] != j {
                    return false;
                }
                seen += 1;
            }
        }
        seen == prefix.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn brute_force(sigs: &[u64], k: u32) -> Vec<HammingPair> {
        let mut out = Vec::new();
        for a in 0..sigs.len() {
            for b in a + 1..sigs.len() {
                let distance = (sigs[a] ^ sigs[b]).count_ones();
                if distance <= k {
                    out.push(HammingPair {
                        a: a as u32,
                        b: b as u32,
                        distance,
                    });
                }
            }
        }
        out
    }

    /// Random signatures with planted near neighbours, so that every distance occurs.
    fn clustered(seeds: Vec<u64>, flips: Vec<(usize, u64)>) -> Vec<u64> {
        let mut sigs = seeds.clone();
        for (from, noise) in flips {
            let base = seeds[from % seeds.len()];
            // Flip a few bits: keep only some of the noise's bits.
            sigs.push(base ^ (noise & noise.rotate_left(17) & noise.rotate_left(29)));
        }
        sigs
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn index_finds_exactly_the_pairs_within_k(
            seeds in prop::collection::vec(any::<u64>(), 1..40),
            flips in prop::collection::vec((any::<usize>(), any::<u64>()), 0..160),
            k in 0u32..16,
            extra_blocks in 0usize..6,
        ) {
            let sigs = clustered(seeds, flips);
            let expected = brute_force(&sigs, k);
            let keep_all = |_: u32, _: u32| true;
            prop_assert_eq!(&pairs_within(&sigs, k, &keep_all), &expected);
            let mut plan = BlockPlan::with_blocks(k, k as usize + 1 + extra_blocks);
            prop_assert_eq!(&pairs_with_plan(&sigs, &plan, &keep_all), &expected);
            // Split down to pairs: every level of the tree walk is exercised.
            plan.small_group = 2;
            prop_assert_eq!(&pairs_with_plan(&sigs, &plan, &keep_all), &expected);
        }
    }

    #[test]
    fn duplicates_and_filter() {
        let sigs = vec![7u64; 60];
        let all = pairs_within(&sigs, 0, &|_, _| true);
        assert_eq!(all.len(), 60 * 59 / 2);
        let only_first = pairs_within(&sigs, 3, &|a, _| a == 0);
        assert_eq!(only_first.len(), 59);
        assert!(pairs_within(&[1, 2], 0, &|_, _| true).is_empty());
        assert_eq!(pairs_within(&[1, 3], 1, &|_, _| true).len(), 1);
    }

    #[test]
    fn plans_cover_all_bits() {
        for k in [0u32, 3, 10, 20, 63] {
            let plan = BlockPlan::choose(k, 1_000_000);
            assert_eq!(plan.masks.iter().fold(0, |a, m| a | m), u64::MAX);
            assert_eq!(plan.masks.iter().map(|m| m.count_ones()).sum::<u32>(), 64);
            assert_eq!(plan.agree, plan.masks.len() - k as usize);
        }
    }
}
