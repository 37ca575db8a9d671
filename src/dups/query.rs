//! Checking a few new documents against a large indexed corpus (what `thresh check` does on
//! the files of a commit). The full search sorts every document of the corpus into band
//! tables; for a handful of queries it is cheaper to put the queries in tables and stream
//! the corpus past them once. The candidates are exactly those of the full search (a shared
//! LSH band key, or simhashes at most `hamming` bits apart) and are verified the same way.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use rayon::prelude::*;

use super::store::SignatureSet;
use super::verify::Evidence;
use super::DupSettings;

/// A verified near-duplicate pair between a query and a corpus document.
#[derive(Clone, Debug, PartialEq)]
pub struct QueryMatch {
    /// Index in the query set.
    pub query: usize,
    /// Index in the corpus set.
    pub corpus: usize,
    /// Simhash Hamming distance.
    pub distance: u32,
    pub evidence: Evidence,
}

/// Every verified pair between `queries` and `corpus`, ordered by query, then by corpus
/// index. Independent of the number of threads.
pub fn find_matches(
    corpus: &SignatureSet,
    queries: &SignatureSet,
    settings: &DupSettings,
) -> Vec<QueryMatch> {
    if queries.is_empty() || corpus.is_empty() {
        return Vec::new();
    }
    let rows = settings.rows;
    // Per band: a cheap key of the band's rows -> queries with that key. The rows
    // themselves are compared on a hit, so candidates are exactly the pairs sharing a band.
    let tables: Vec<BandTable> = (0..settings.bands)
        .map(|band| {
            let mut table = BandTable::default();
            for q in 0..queries.len() {
                table
                    .entry(band_key(band_rows(queries.sketch(q), band, rows)))
                    .or_default()
                    .push(q);
            }
            table
        })
        .collect();

    let mut found: Vec<QueryMatch> = (0..corpus.len())
        .into_par_iter()
        .flat_map_iter(|c| {
            let mut candidates: Vec<usize> = (0..queries.len())
                .filter(|&q| {
                    (queries.simhash(q) ^ corpus.simhash(c)).count_ones() <= settings.hamming
                })
                .collect();
            let sketch = corpus.sketch(c);
            for (band, table) in tables.iter().enumerate() {
                let mine = band_rows(sketch, band, rows);
                if let Some(qs) = table.get(&band_key(mine)) {
                    candidates.extend(
                        qs.iter()
                            .filter(|&&q| band_rows(queries.sketch(q), band, rows) == mine),
                    );
                }
            }
            candidates.sort_unstable();
            candidates.dedup();
            candidates.into_iter().filter_map(move |q| {
                let evidence = Evidence::measure(
                    queries.sketch(q),
                    sketch,
                    queries.shingles(q),
                    corpus.shingles(c),
                );
                settings.threshold.accept(&evidence).then(|| QueryMatch {
                    query: q,
                    corpus: c,
                    distance: (queries.simhash(q) ^ corpus.simhash(c)).count_ones(),
                    evidence,
                })
            })
        })
        .collect();
    found.sort_by_key(|m| (m.query, m.corpus));
    found
}

/// Band key -> queries; the keys are already mixed, so they are used as their own hash.
type BandTable = HashMap<u64, Vec<usize>, BuildHasherDefault<MixedKeyHasher>>;

fn band_rows(sketch: &[u32], band: usize, rows: usize) -> &[u32] {
    &sketch[band * rows..(band + 1) * rows]
}

/// A cheap multiplicative mix of a band's rows (MinHash values are already uniform).
fn band_key(rows: &[u32]) -> u64 {
    rows.iter().fold(0u64, |h, &v| {
        (h ^ u64::from(v)).wrapping_mul(0x9E37_79B9_7F4A_7C15)
    })
}

/// Passes a `u64` key through as its hash.
#[derive(Default)]
struct MixedKeyHasher(u64);

impl Hasher for MixedKeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8 | u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }

    fn write_u64(&mut self, key: u64) {
        self.0 = key;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const STORY: &str = "海上丝路与南汉国史料展21日在广州开幕，南汉开国皇帝刘龑相关的墓志拓片、宫殿建筑构件等120余件文物首次集中展出。据主办方介绍，南汉是五代十国时期以广州为都城的地方政权，历时五十余年，留下了大量珍贵的历史遗存。";
    const OTHER: &str = "两篇完全不同的文章不会被当成重复，哪怕它们都很短，也都来自同一个网站的同一个栏目。记者从市交通部门获悉，地铁三号线北延段将于年底开通试运营，沿途设站八座。";

    fn set(texts: &[(&str, String)]) -> SignatureSet {
        let settings = DupSettings::default();
        let mut set = SignatureSet::new(&settings);
        for (id, text) in texts {
            assert!(set.add_text(*id, text));
        }
        set
    }

    #[test]
    fn finds_the_copy_and_only_the_copy() {
        let corpus = set(&[
            ("old/other.txt", OTHER.to_string()),
            ("old/story.txt", format!("{STORY}\n责任编辑：王明")),
        ]);
        let queries = set(&[
            ("new/copy.txt", STORY.replace("120余件", "一百二十余件")),
            ("new/unrelated.txt", "完全无关的第三篇文章讲的是春天的农业生产，各地抓住有利天气抢种抢收，确保粮食稳产增收。".repeat(2)),
        ]);
        let found = find_matches(&corpus, &queries, &DupSettings::default());
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!((found[0].query, found[0].corpus), (0, 1));
        assert!(found[0].evidence.jaccard > 0.5);
    }

    #[test]
    fn agrees_with_the_full_search() {
        // The same pairs as `find_duplicates` over corpus + queries (only pairs with a query).
        let mut texts: Vec<(String, String)> = Vec::new();
        for i in 0..12 {
            let base = if i % 2 == 0 { STORY } else { OTHER };
            let mut text: String = base.chars().skip(i).collect();
            text.push_str(&"新增句子。".repeat(i % 4));
            texts.push((format!("doc{i:02}"), text));
        }
        let settings = DupSettings::default();
        let mut corpus = SignatureSet::new(&settings);
        let mut queries = SignatureSet::new(&settings);
        let mut all = SignatureSet::new(&settings);
        for (i, (id, text)) in texts.iter().enumerate() {
            if i < 9 {
                corpus.add_text(id.clone(), text);
            } else {
                queries.add_text(id.clone(), text);
            }
        }
        let bytes = corpus.to_bytes();
        let loaded = SignatureSet::from_bytes(&bytes, std::path::Path::new("c.idx")).unwrap();
        all.merge(loaded, std::path::Path::new("c.idx")).unwrap();
        for (id, text) in &texts[9..] {
            all.add_text(id.clone(), text);
        }
        let full = all.find_duplicates(&settings);
        let mut expected: Vec<(String, String)> = full
            .pairs
            .iter()
            .map(|p| (p.a.clone(), p.b.clone()))
            .collect();
        expected.sort();
        // Pairs among the queries themselves come from the full search over the queries.
        let among = queries.find_duplicates(&settings);
        let mut got: Vec<(String, String)> = find_matches(&corpus, &queries, &settings)
            .iter()
            .map(|m| {
                let (a, b) = (corpus.id(m.corpus), queries.id(m.query));
                (a.min(b).to_string(), a.max(b).to_string())
            })
            .chain(among.pairs.iter().map(|p| (p.a.clone(), p.b.clone())))
            .collect();
        got.sort();
        assert!(!expected.is_empty());
        assert_eq!(got, expected);
    }
}
