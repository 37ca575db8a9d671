//! Finds where a block's canonical text repeats text that is already kept (earlier blocks or
//! earlier in the same block): a fingerprint index in the style of LZ77 match finding.
//!
//! Every block's canonical characters are cut into k-grams; winnowing keeps the minimum hash
//! of every window of `w` consecutive k-grams, which guarantees that any shared substring of
//! at least `k + w - 1` characters shares a fingerprint. A fingerprint seen before is a seed;
//! seeds are verified and extended character by character into maximal matches. This is the
//! job a suffix array would do, but it costs O(n) with small constants on the common path (a
//! document without repeats), which is what keeps the stage fast.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;

/// k-gram length in canonical characters.
const K: usize = 8;
/// Winnowing window, in k-grams. Shared runs of `K + W - 1` (15) characters are always found.
const W: usize = 8;
/// How many earlier occurrences of a fingerprint are tried (hash chain walk). Chains are
/// only long in repetitive text (templated items); an exact copy with more look-alikes
/// than this between it and its original can be missed below paragraph level.
const CHAIN_LIMIT: usize = 32;
const NONE: u32 = u32::MAX;
/// How many of the latest matches a seed is checked against before it is extended.
const RECENT_MATCHES: usize = 8;

/// A passage of the block being searched that repeats earlier text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Match {
    /// The later copy, in canonical characters of the searched block.
    pub later: Range<usize>,
    /// The block the earlier copy is in (document block index).
    pub source_block: usize,
    /// The earlier copy, in canonical characters of `source_block`.
    pub source: Range<usize>,
}

/// The canonical text of every block, stored flat, plus the fingerprints of the kept text.
#[derive(Default)]
pub struct RepeatIndex {
    /// Canonical characters of all blocks (a block that is rewritten gets a new segment).
    chars: Vec<char>,
    /// `(start, end, block)` of every segment, sorted by start.
    segments: Vec<(u32, u32, u32)>,
    /// The current segment of each block.
    current: Vec<u32>,
    /// Fingerprint hash → latest position where a k-gram with that hash starts.
    head: HashMap<u64, u32, BuildHasherDefault<PassThrough>>,
    /// For a fingerprinted position: the previous position with the same hash.
    prev: Vec<u32>,
    /// Undo log of the last search: (hash, previous head).
    undo: Vec<(u64, u32)>,
}

impl RepeatIndex {
    pub fn new() -> Self {
        RepeatIndex::default()
    }

    /// Empties the index for the next document, keeping its allocations.
    pub fn clear(&mut self) {
        self.chars.clear();
        self.segments.clear();
        self.current.clear();
        self.head.clear();
        self.prev.clear();
        self.undo.clear();
    }

    /// Makes room for the fingerprints of a document of `chars` canonical characters.
    pub fn reserve(&mut self, chars: usize) {
        self.chars.reserve(chars);
        self.head.reserve(chars / 4);
    }

    /// Stores `chars` as the canonical text of `block` (replacing an earlier version).
    /// Blocks must be added before they are searched; nothing is indexed yet.
    pub fn set_block(&mut self, block: usize, canon: impl IntoIterator<Item = char>) {
        let start = self.chars.len() as u32;
        self.chars.extend(canon);
        let end = self.chars.len() as u32;
        self.prev.resize(self.chars.len(), NONE);
        if self.current.len() <= block {
            self.current.resize(block + 1, NONE);
        }
        self.current[block] = self.segments.len() as u32;
        self.segments.push((start, end, block as u32));
    }

    /// The current canonical text of `block`.
    pub fn canon(&self, block: usize) -> &[char] {
        let (s, e) = self.range(block);
        &self.chars[s..e]
    }

    fn range(&self, block: usize) -> (usize, usize) {
        match self.current.get(block) {
            Some(&seg) if seg != NONE => {
                let (s, e, _) = self.segments[seg as usize];
                (s as usize, e as usize)
            }
            _ => (0, 0),
        }
    }

    /// The segment holding flat position `pos`: (start, end, block).
    fn segment_of(&self, pos: usize) -> (usize, usize, usize) {
        let i = self
            .segments
            .partition_point(|&(s, _, _)| s as usize <= pos)
            .saturating_sub(1);
        let (s, e, b) = self.segments[i];
        (s as usize, e as usize, b as usize)
    }

    /// Finds the maximal passages (at least `min_len` characters) of `block` that repeat
    /// text indexed so far, or repeat an earlier part of the block itself, and indexes the
    /// block. Call [`RepeatIndex::rollback`] if the block is then removed or rewritten.
    pub fn search(&mut self, block: usize, min_len: usize) -> Vec<Match> {
        self.undo.clear();
        let (lo, hi) = self.range(block);
        let mut found: Vec<Match> = Vec::new();
        if hi - lo < K {
            return found;
        }
        let chars = std::mem::take(&mut self.chars);
        fingerprints(&chars[lo..hi], |i, hash| {
            let pos = lo + i;
            let old = self.head.insert(hash, pos as u32).unwrap_or(NONE);
            self.prev[pos] = old;
            self.undo.push((hash, old));
            if old != NONE {
                self.seed(&chars, old, pos, lo, hi, block, min_len, &mut found);
            }
        });
        self.chars = chars;
        found
    }

    /// Forgets the fingerprints added by the last search.
    pub fn rollback(&mut self) {
        while let Some((hash, old)) = self.undo.pop() {
            if let Some(&pos) = self.head.get(&hash) {
                self.prev[pos as usize] = NONE;
            }
            if old == NONE {
                self.head.remove(&hash);
            } else {
                self.head.insert(hash, old);
            }
        }
    }

    /// Tries the earlier occurrences of a fingerprint (the chain from `first`) as seeds for
    /// position `b` of the block `[lo, hi)`; records the longest extension if it is new and
    /// long enough.
    #[allow(clippy::too_many_arguments)]
    fn seed(
        &self,
        chars: &[char],
        first: u32,
        b: usize,
        lo: usize,
        hi: usize,
        block: usize,
        min_len: usize,
        found: &mut Vec<Match>,
    ) {
        let mut a = first;
        let mut best: Option<(usize, usize, usize, usize, usize)> = None;
        let mut tries = 0;
        while a != NONE && tries < CHAIN_LIMIT {
            tries += 1;
            let ap = a as usize;
            a = self.prev[ap];
            // The same delta inside a match already found: nothing new. Matches are found
            // in order, so only the last few can hold this position.
            if found.iter().rev().take(RECENT_MATCHES).any(|m| {
                let (src_lo, _) = self.range(m.source_block);
                let delta = (lo + m.later.start) as isize - (src_lo + m.source.start) as isize;
                delta == b as isize - ap as isize
                    && (lo + m.later.start..lo + m.later.end).contains(&b)
            }) {
                return;
            }
            if ap + K > b || chars[ap..ap + K] != chars[b..b + K] {
                continue;
            }
            let (a_lo, a_hi, a_block) = if ap >= lo {
                (lo, hi, block)
            } else {
                self.segment_of(ap)
            };
            let (mut a0, mut b0) = (ap, b);
            while a0 > a_lo && b0 > lo && chars[a0 - 1] == chars[b0 - 1] {
                a0 -= 1;
                b0 -= 1;
            }
            let mut len = b + K - b0;
            while a0 + len < a_hi && b0 + len < hi && chars[a0 + len] == chars[b0 + len] {
                len += 1;
            }
            // Periodic text matches itself shifted: the earlier copy must end where the
            // later one starts at the latest.
            len = len.min(b0 - a0);
            if best.is_none_or(|(_, _, l, _, _)| len > l) {
                best = Some((a0, b0, len, a_block, a_lo));
            }
        }
        if let Some((a0, b0, len, a_block, a_lo)) = best {
            if len >= min_len {
                found.push(Match {
                    later: b0 - lo..b0 - lo + len,
                    source_block: a_block,
                    source: a0 - a_lo..a0 - a_lo + len,
                });
            }
        }
    }
}

/// Winnowed fingerprints of `chars`: calls `select(position, hash)` for the k-gram with the
/// minimum hash in every window of `W` consecutive k-grams (the rightmost one on ties),
/// once per distinct selection. One pass: a rolling polynomial hash, mixed, and a ring of
/// the last `W` hashes.
fn fingerprints(chars: &[char], mut select: impl FnMut(usize, u64)) {
    const BASE: u64 = 0x100_0000_01b3;
    let n = chars.len();
    if n < K {
        return;
    }
    let mut pow = 1u64;
    for _ in 1..K {
        pow = pow.wrapping_mul(BASE);
    }
    let mut ring = [u64::MAX; W];
    let (mut min_pos, mut min_hash) = (0usize, u64::MAX);
    let mut last = usize::MAX;
    let kgrams = n - K + 1;
    let mut h = 0u64;
    for (i, &c) in chars.iter().enumerate() {
        if i >= K {
            h = h.wrapping_sub((chars[i - K] as u64).wrapping_mul(pow));
        }
        h = h.wrapping_mul(BASE).wrapping_add(c as u64);
        if i + 1 < K {
            continue;
        }
        let j = i + 1 - K; // the k-gram starting here
        let hash = mix(h);
        ring[j % W] = hash;
        if hash <= min_hash {
            (min_pos, min_hash) = (j, hash);
        } else if min_pos + W <= j {
            // The minimum left the window: rescan it (oldest first, so ties go right).
            let start = j + 1 - W;
            (min_pos, min_hash) = (start, ring[start % W]);
            for p in start + 1..=j {
                if ring[p % W] <= min_hash {
                    (min_pos, min_hash) = (p, ring[p % W]);
                }
            }
        }
        if (j + 1 >= W || j + 1 == kgrams) && min_pos != last {
            select(min_pos, min_hash);
            last = min_pos;
        }
    }
}

/// The murmur3 finaliser: spreads the polynomial hash over all bits.
#[inline]
fn mix(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

/// A hasher for keys that are already hashes.
#[derive(Default)]
pub struct PassThrough(u64);

impl Hasher for PassThrough {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | b as u64;
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index_of(blocks: &[&str]) -> RepeatIndex {
        let mut idx = RepeatIndex::new();
        for (i, b) in blocks.iter().enumerate() {
            idx.set_block(i, b.chars());
        }
        idx
    }

    #[test]
    fn finds_a_repeat_in_a_later_block() {
        let a = "第一段讲了一件事情然后又讲了另一件完全不同的事情";
        let b = "开头不同但是第一段讲了一件事情然后又讲了另一件完全不同的事情";
        let mut idx = index_of(&[a, b]);
        assert!(idx.search(0, 12).is_empty());
        let found = idx.search(1, 12);
        assert_eq!(found.len(), 1, "{found:?}");
        let m = &found[0];
        assert_eq!(m.source_block, 0);
        assert_eq!(m.source, 0..a.chars().count());
        let later: String = b.chars().skip(m.later.start).take(m.later.len()).collect();
        assert_eq!(later, a);
    }

    #[test]
    fn finds_a_repeat_inside_one_block_without_overlap() {
        let s = "thequickbrownfoxjumpsoverthelazydog";
        let text = format!("{s}andthen{s}");
        let mut idx = index_of(&[&text]);
        let found = idx.search(0, 20);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].source, 0..s.len());
        assert_eq!(found[0].later.start, s.len() + 7);
        // A periodic run is matched against itself without overlap.
        let mut idx = index_of(&["abababababababababababababababab"]);
        for m in idx.search(0, 4) {
            assert!(m.source.end <= m.later.start, "{m:?}");
        }
    }

    #[test]
    fn unrelated_text_has_no_match_and_rollback_forgets() {
        let mut idx = index_of(&[
            "今年以来我市既有住宅加装电梯工作持续提速全市已开工两百余台",
            "在淳安县枫树岭镇茶农们一边采茶一边直播新茶刚下树就被下单",
            "今年以来我市既有住宅加装电梯工作持续提速全市已开工两百余台",
        ]);
        assert!(idx.search(0, 12).is_empty());
        idx.rollback();
        assert!(idx.search(1, 12).is_empty());
        // Block 0 was rolled back: its copy in block 2 finds nothing.
        assert!(idx.search(2, 12).is_empty());
    }

    #[test]
    fn winnowing_guarantees_a_fingerprint_in_every_window() {
        let chars: Vec<char> = (0..300u32)
            .map(|i| char::from_u32(0x4E00 + (i * 7919) % 5000).unwrap())
            .collect();
        let mut picked = Vec::new();
        fingerprints(&chars, |i, _| picked.push(i));
        let kgrams = chars.len() - K + 1;
        for start in 0..=kgrams - W {
            assert!(
                picked.iter().any(|&p| (start..start + W).contains(&p)),
                "{start}"
            );
        }
        // Selections are the window minima: recompute them naively.
        let hash_at = |p: usize| {
            let mut found = None;
            fingerprints(&chars[p..p + K], |_, h| found = Some(h));
            found.unwrap()
        };
        for start in 0..=kgrams - W {
            let best = (start..start + W)
                .rev()
                .min_by_key(|&p| hash_at(p))
                .unwrap();
            assert!(picked.contains(&best), "window {start}: {best} not picked");
        }
        // Short input: one window, one fingerprint.
        let mut short = Vec::new();
        fingerprints(&chars[..K + 2], |i, _| short.push(i));
        assert_eq!(short.len(), 1);
    }
}
