//! One pass over a key's shingles computes everything the search needs: the simhash, the
//! MinHash sketch and the number of distinct shingles.

use std::cell::RefCell;

use xxhash_rust::xxh3::xxh3_64_with_seed;

use super::key::Key;
use super::minhash::{SketchBuilder, SKETCH_BINS};
use super::simhash::SimhashAccumulator;

/// Bits of the bitmap that counts distinct shingles (linear counting: exact enough up to
/// tens of thousands of shingles, 8 KB per thread, reused).
const COUNT_BITS: usize = 1 << 16;

/// What is kept of one document: its signatures and its sizes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fingerprint {
    /// 64-bit simhash of the key's shingles.
    pub simhash: u64,
    /// One-permutation MinHash sketch of the shingle set.
    pub sketch: [u32; SKETCH_BINS],
    /// Distinct shingles (estimated by linear counting; exact for small texts in practice).
    pub shingles: u32,
}

/// How shingles are made and weighted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ShingleOptions {
    /// Tokens per shingle (characters for CJK, words for Latin-script text).
    pub size: usize,
    /// Each occurrence of a shingle votes in the simhash (term frequency); otherwise each
    /// distinct shingle votes once.
    pub weighted: bool,
    /// Shingles each sentence gives the sketch at most (0: all): the sentences of a story
    /// count about equally, so one very long shared passage (a list of names, a legal
    /// notice) cannot make two different stories look alike. A text without sentence
    /// ends keeps all its shingles.
    pub per_sentence: usize,
}

/// Per-thread buffers, reused from document to document.
struct Scratch {
    /// Distinct shingles in the sketch (linear counting).
    sampled: Vec<u64>,
    /// Distinct shingles seen by the simhash (for unweighted simhash).
    all: Vec<u64>,
    /// Shingle hashes of the current sentence, as their sample ranks.
    sentence: Vec<u64>,
    /// The key's tokens as little-endian bytes: a shingle hashes a slice of it.
    token_bytes: Vec<u8>,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch {
        sampled: vec![0; COUNT_BITS / 64],
        all: vec![0; COUNT_BITS / 64],
        sentence: Vec::new(),
        token_bytes: Vec::new(),
    });
}

/// Sets the bitmap bit of `hash`; returns whether it was clear.
#[inline]
fn mark(bitmap: &mut [u64], hash: u64) -> bool {
    let bit = ((hash >> 32) as usize) & (COUNT_BITS - 1);
    let word = &mut bitmap[bit / 64];
    let new = *word & (1 << (bit % 64)) == 0;
    *word |= 1 << (bit % 64);
    new
}

/// The order in which a sentence's shingles are kept: a remix of the hash, so that the
/// choice does not favour any sketch bin or value.
#[inline]
fn sample_rank(hash: u64) -> u64 {
    hash.rotate_left(21).wrapping_mul(RANK_FACTOR)
}

const RANK_FACTOR: u64 = 0x9E37_79B9_7F4A_7C15;

/// The inverse of `RANK_FACTOR` modulo 2^64 (Newton's iteration; the factor is odd).
const RANK_INVERSE: u64 = {
    let mut inverse = RANK_FACTOR;
    let mut i = 0;
    while i < 6 {
        inverse = inverse.wrapping_mul(2u64.wrapping_sub(RANK_FACTOR.wrapping_mul(inverse)));
        i += 1;
    }
    inverse
};

/// The hash whose rank is `rank`: sentences keep ranks, so that choosing a sentence's
/// lowest ranks compares plain numbers.
#[inline]
fn unrank(rank: u64) -> u64 {
    rank.wrapping_mul(RANK_INVERSE).rotate_right(21)
}

/// Fingerprints a key. Returns `None` for a key without any token.
pub fn fingerprint(key: &Key, options: ShingleOptions) -> Option<Fingerprint> {
    let n = options.size.clamp(1, 16);
    if key.tokens.is_empty() {
        return None;
    }
    let mut simhash = SimhashAccumulator::default();
    let mut sketch = SketchBuilder::default();
    let distinct_bits = SCRATCH.with(|scratch| {
        let mut guard = scratch.borrow_mut();
        let Scratch {
            sampled,
            all,
            sentence,
            token_bytes,
        } = &mut *guard;
        token_bytes.clear();
        token_bytes.extend(key.tokens.iter().flat_map(|t| t.to_le_bytes()));
        sampled.fill(0);
        if !options.weighted {
            all.fill(0);
        }
        sentence.clear();
        // A text without any sentence end is sampled as a whole.
        let sentenced = !key.sentence_starts.is_empty();
        let mut flush = |sentence: &mut Vec<u64>, sampled: &mut Vec<u64>| {
            let cap = options.per_sentence;
            if cap > 0 && sentenced && sentence.len() > cap {
                sentence.select_nth_unstable(cap - 1);
                sentence.truncate(cap);
            }
            for h in sentence.iter().map(|&rank| unrank(rank)) {
                sketch.add(h);
                mark(sampled, h);
            }
            sentence.clear();
        };
        let mut starts = key.sentence_starts.iter().copied();
        // The window at which the next sentence starts (u32::MAX: none).
        let mut next_start = starts.next().unwrap_or(u32::MAX) as usize;
        // A key shorter than a shingle is one shingle.
        let width = n.min(key.tokens.len());
        for i in 0..=key.tokens.len() - width {
            if next_start <= i {
                while next_start <= i {
                    next_start = starts.next().unwrap_or(u32::MAX) as usize;
                }
                flush(sentence, sampled);
            }
            let hash = xxh3_64_with_seed(&token_bytes[4 * i..4 * (i + width)], n as u64);
            if options.weighted || mark(all, hash) {
                simhash.add(hash);
            }
            sentence.push(sample_rank(hash));
        }
        flush(sentence, sampled);
        sampled
            .iter()
            .map(|w| w.count_ones() as usize)
            .sum::<usize>()
    });
    Some(Fingerprint {
        simhash: simhash.finish(),
        sketch: sketch.finish(),
        shingles: linear_count(distinct_bits),
    })
}

/// Distinct items estimated from how many of the bitmap's bits are set.
fn linear_count(set_bits: usize) -> u32 {
    let m = COUNT_BITS as f64;
    let zeros = (COUNT_BITS - set_bits).max(1) as f64;
    (m * (m / zeros).ln()).round().max(1.0) as u32
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dups::minhash::estimate_jaccard;
    use crate::dups::simhash::hamming;

    const OPTIONS: ShingleOptions = ShingleOptions {
        size: 3,
        weighted: true,
        per_sentence: 0,
    };

    fn fp(text: &str) -> Fingerprint {
        fingerprint(&Key::from_text(text), OPTIONS).expect("text has tokens")
    }

    const STORY: &str = "中新网广州4月21日电，海上丝路与南汉国史料展21日在广州开幕，南汉开国皇帝刘龑相关的墓志拓片、宫殿建筑构件等120余件文物首次集中展出。据主办方介绍，南汉是五代十国时期以广州为都城的地方政权，历时五十余年。展览分为立国岭南、海舶往来、宫苑遗珍三个单元，通过出土文物、古籍文献和数字复原影像，呈现一千多年前广州的城市面貌。";

    #[test]
    fn unrank_inverts_sample_rank() {
        assert_eq!(RANK_FACTOR.wrapping_mul(RANK_INVERSE), 1);
        for h in [0, 1, 42, u64::MAX, 0x0123_4567_89AB_CDEF, 1 << 63] {
            assert_eq!(unrank(sample_rank(h)), h);
        }
    }

    #[test]
    fn counts_distinct_shingles() {
        let f = fp("一二三四五一二三四五");
        // 8 windows, 5 distinct: 一二三 二三四 三四五 四五一 五一二.
        assert_eq!(f.shingles, 5);
    }

    #[test]
    fn copy_with_other_punctuation_and_script_is_identical() {
        let traditional = "中新網廣州4月21日電,海上絲路與南漢國史料展21日在廣州開幕,南漢開國皇帝劉龑相關的墓誌拓片,宮殿建築構件等120餘件文物首次集中展出.據主辦方介紹,南漢是五代十國時期以廣州為都城的地方政權,歷時五十餘年.展覽分為立國嶺南,海舶往來,宮苑遺珍三個單元,通過出土文物,古籍文獻和數字復原影像,呈現一千多年前廣州的城市面貌.";
        let a = fp(STORY);
        let b = fp(traditional);
        assert!(
            hamming(a.simhash, b.simhash) <= 3,
            "{}",
            hamming(a.simhash, b.simhash)
        );
        assert!(estimate_jaccard(&a.sketch, &b.sketch) > 0.9);
    }

    #[test]
    fn light_edit_is_close_other_story_is_far() {
        let edited = STORY
            .replace("120余件", "一百多件")
            .replace("历时五十余年", "历时五十多年");
        let other = fp("国家鼓励单位和个人参加地震灾害保险。中国工商银行甘肃省分行积极筹措资金，扶持国有大中型商业企业，推动商业企业的改革、发展，繁荣了市场商品供应。节目播出后，再次获得飞天奖和五个一工程奖。");
        let a = fp(STORY);
        let b = fp(&edited);
        assert!(estimate_jaccard(&a.sketch, &b.sketch) > 0.7);
        assert!(hamming(a.simhash, b.simhash) < hamming(a.simhash, other.simhash));
        assert!(estimate_jaccard(&a.sketch, &other.sketch) < 0.1);
    }

    #[test]
    fn empty_key_has_no_fingerprint_tiny_key_has_one() {
        assert!(fingerprint(&Key::from_text("，。！ "), OPTIONS).is_none());
        assert!(fingerprint(&Key::from_text("好"), OPTIONS).is_some());
    }
}
