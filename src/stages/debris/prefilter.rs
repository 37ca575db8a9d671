//! A literal prefilter in front of the pattern automata: which patterns *can* match a line.
//!
//! From each pattern's syntax tree we take literal sets that every match must contain: the
//! line must start with one of its prefix literals, end with one of its suffix literals
//! (whole-line patterns), and contain one of its required inner literals. One Aho-Corasick
//! pass over the line finds all of them; a pattern group whose patterns all miss one of
//! their sets is not run. The sets are necessary conditions derived from the regex itself,
//! so skipping never changes what matches — most body lines simply skip every group.

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use regex_syntax::hir::literal::{ExtractKind, Extractor, Seq};
use regex_syntax::hir::{Hir, HirKind};

use super::edges::EdgeMap;
use super::startup::map_in_parallel;

/// Which literal condition of a pattern a literal belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Place {
    /// The line starts with it.
    Prefix,
    /// The line ends with it.
    Suffix,
    /// The line contains it.
    Inner,
}

/// A byte trie of literals, walked from one end of the line: finds every literal the line
/// starts (or, reversed, ends) with in as many steps as the longest one that fits.
#[derive(Default)]
struct Trie {
    /// Per node: children sorted by byte.
    children: Vec<Vec<(u8, u32)>>,
    /// Per node: the patterns whose literal ends here.
    ends: Vec<Vec<usize>>,
}

impl Trie {
    fn new() -> Trie {
        Trie {
            children: vec![Vec::new()],
            ends: vec![Vec::new()],
        }
    }

    fn insert(&mut self, bytes: impl Iterator<Item = u8>, id: usize) {
        let mut node = 0usize;
        for b in bytes {
            let kids = &self.children[node];
            node = match kids.binary_search_by_key(&b, |&(k, _)| k) {
                Ok(at) => kids[at].1 as usize,
                Err(at) => {
                    let next = self.children.len();
                    self.children[node].insert(at, (b, next as u32));
                    self.children.push(Vec::new());
                    self.ends.push(Vec::new());
                    next
                }
            };
        }
        if !self.ends[node].contains(&id) {
            self.ends[node].push(id);
        }
    }

    /// Sets the bit of every pattern with a literal that `bytes` starts with.
    fn walk(&self, bytes: impl Iterator<Item = u8>, found: &mut [u64]) {
        let mut node = 0usize;
        for b in bytes {
            let kids = &self.children[node];
            match kids.binary_search_by_key(&b, |&(k, _)| k) {
                Ok(at) => node = kids[at].1 as usize,
                Err(_) => return,
            }
            for &id in &self.ends[node] {
                found[id / 64] |= 1 << (id % 64);
            }
        }
    }
}

/// Literal sets per pattern, and the automata that find them in a line.
pub struct Prefilter {
    /// Words of a pattern bit set.
    words: usize,
    /// Patterns by the first character of the line, and (whole-line patterns) by its last.
    first: EdgeMap,
    last: EdgeMap,
    /// Prefix literals, and suffix literals reversed.
    starts: Trie,
    ends: Trie,
    /// Patterns of every inner literal of the automaton, by its id.
    owners: Vec<Vec<usize>>,
    searcher: Option<AhoCorasick>,
    /// Bits of the patterns with a condition at each place.
    need: [Vec<u64>; 3],
    /// Bits of every pattern.
    valid: Vec<u64>,
    /// Per line length in bytes (the last entry: that length or more), the patterns
    /// whose matches can have that length.
    by_length: Vec<Vec<u64>>,
}

/// Lines up to this many bytes get an exact length mask; longer ones share the last.
const LENGTH_MASKS: usize = 400;

/// Per-line bit sets, reused from line to line.
#[derive(Default)]
pub struct Bits {
    found: [Vec<u64>; 3],
    pub candidates: Vec<u64>,
    /// Whether the inner literals were searched (until then `candidates` still holds
    /// patterns whose inner condition is unknown).
    inner_done: bool,
}

impl Bits {
    /// Whether any pattern of `mask` is a candidate.
    pub fn any(&self, mask: &[u64]) -> bool {
        self.candidates.iter().zip(mask).any(|(c, m)| c & m != 0)
    }
}

/// Pattern bit set of `ids` over `words` words.
pub fn mask(ids: &[usize], words: usize) -> Vec<u64> {
    let mut bits = vec![0u64; words];
    for &id in ids {
        bits[id / 64] |= 1 << (id % 64);
    }
    bits
}

fn place_index(place: Place) -> usize {
    match place {
        Place::Prefix => 0,
        Place::Suffix => 1,
        Place::Inner => 2,
    }
}

fn extractor(kind: ExtractKind) -> Extractor {
    let mut ex = Extractor::new();
    ex.kind(kind)
        .limit_class(64)
        .limit_repeat(8)
        .limit_literal_len(24)
        .limit_total(2000);
    ex
}

/// The literals of `seq` when it is a usable condition: finite and without the empty
/// literal (which every line contains).
fn usable(seq: &Seq) -> Option<Vec<Vec<u8>>> {
    let lits = seq.literals()?;
    if lits.is_empty() || lits.iter().any(|l| l.as_bytes().is_empty()) {
        return None;
    }
    let mut out: Vec<Vec<u8>> = lits.iter().map(|l| l.as_bytes().to_vec()).collect();
    out.sort();
    out.dedup();
    Some(out)
}

/// The more selective of two literal sets: longer shortest literal, then fewer literals.
fn better(a: Option<Vec<Vec<u8>>>, b: Option<Vec<Vec<u8>>>) -> Option<Vec<Vec<u8>>> {
    let score = |s: &Vec<Vec<u8>>| {
        let shortest = s.iter().map(Vec::len).min().unwrap_or(0);
        (shortest.min(6), usize::MAX - s.len())
    };
    match (a, b) {
        (Some(a), Some(b)) => Some(if score(&b) > score(&a) { b } else { a }),
        (a, b) => a.or(b),
    }
}

/// A set of literals one of which every match of `hir` contains.
fn required(hir: &Hir, prefix: &Extractor) -> Option<Vec<Vec<u8>>> {
    let mut best = usable(&prefix.extract(hir));
    match hir.kind() {
        HirKind::Concat(children) => {
            // Literals spanning a few neighbouring children (`(?:版权|版權)所有`); a window
            // keeps the build linear in the pattern's length.
            for i in 0..children.len() {
                let end = (i + 3).min(children.len());
                let rest = Hir::concat(children[i..end].to_vec());
                best = better(best, usable(&prefix.extract(&rest)));
                best = better(best, required(&children[i], prefix));
            }
        }
        HirKind::Alternation(alts) => {
            let mut union = Vec::new();
            for alt in alts {
                union.extend(required(alt, prefix)?);
            }
            union.sort();
            union.dedup();
            best = better(best, Some(union));
        }
        HirKind::Repetition(rep) if rep.min >= 1 => best = better(best, required(&rep.sub, prefix)),
        HirKind::Capture(cap) => best = better(best, required(&cap.sub, prefix)),
        _ => {}
    }
    best
}

/// What the prefilter learns of one pattern: the length bounds of its matches (shortest,
/// longest) and the literals a match must hold, with where they sit.
type Analysis = ((usize, usize), Vec<(Vec<u8>, Place)>);

/// Analyses one pattern (see [`Analysis`]).
fn analyse(hir: &Hir, whole_line: bool, prefix: &Extractor, suffix: &Extractor) -> Analysis {
    // A whole-line pattern only matches lines within its length bounds, a line-start
    // pattern lines at least as long as its shortest match.
    let props = hir.properties();
    let shortest = props.minimum_len().unwrap_or(0);
    let longest = match whole_line {
        true => props.maximum_len().unwrap_or(usize::MAX),
        false => usize::MAX,
    };
    let pre = usable(&prefix.extract(hir));
    let suf = whole_line.then(|| usable(&suffix.extract(hir))).flatten();
    let inner =
        required(hir, prefix).filter(|r| Some(r) != pre.as_ref() && Some(r) != suf.as_ref());
    let mut literals = Vec::new();
    for (set, place) in [
        (pre, Place::Prefix),
        (suf, Place::Suffix),
        (inner, Place::Inner),
    ] {
        literals.extend(set.into_iter().flatten().map(|lit| (lit, place)));
    }
    ((shortest, longest), literals)
}

impl Prefilter {
    /// Builds the prefilter for patterns given as regex sources (already anchored);
    /// `whole_line[i]` says whether pattern `i` must match up to the end of the text.
    pub fn new(sources: &[String], whole_line: &[bool]) -> Prefilter {
        let words = sources.len().div_ceil(64).max(1);
        // Large classes (digits, `\p{Han}`) are left to the edge maps: expanding them here
        // costs build time and buys little.
        let prefix = extractor(ExtractKind::Prefix);
        let suffix = extractor(ExtractKind::Suffix);
        // Each pattern is analysed on its own, in parallel: this is most of the start-up
        // time of every run.
        // A pattern that does not parse here gets no condition (it is always run).
        let patterns: Vec<(&String, bool)> =
            sources.iter().zip(whole_line.iter().copied()).collect();
        let (hirs, analysed): (Vec<Option<Hir>>, Vec<Analysis>) =
            map_in_parallel(&patterns, |&(source, whole)| {
                let hir = regex_syntax::parse(source).ok();
                let analysis = match &hir {
                    Some(hir) => analyse(hir, whole, &prefix, &suffix),
                    None => ((0, usize::MAX), Vec::new()),
                };
                (hir, analysis)
            })
            .into_iter()
            .unzip();
        let firsts: Vec<Option<&Hir>> = hirs.iter().map(Option::as_ref).collect();
        let lasts: Vec<Option<&Hir>> = hirs
            .iter()
            .zip(whole_line)
            .map(|(h, &whole)| h.as_ref().filter(|_| whole))
            .collect();
        let mut lengths: Vec<(usize, usize)> = Vec::with_capacity(sources.len());
        let mut literals: Vec<(Vec<u8>, usize, Place)> = Vec::new();
        for (id, (length, found)) in analysed.into_iter().enumerate() {
            lengths.push(length);
            literals.extend(found.into_iter().map(|(lit, place)| (lit, id, place)));
        }
        literals.sort();
        let (mut starts, mut ends) = (Trie::new(), Trie::new());
        let mut keys: Vec<Vec<u8>> = Vec::new();
        let mut owners: Vec<Vec<usize>> = Vec::new();
        let mut need = [vec![0u64; words], vec![0u64; words], vec![0u64; words]];
        let mut inner_need = vec![0u64; words];
        for (lit, id, place) in literals {
            match place {
                Place::Prefix => starts.insert(lit.iter().copied(), id),
                Place::Suffix => ends.insert(lit.iter().rev().copied(), id),
                Place::Inner => {
                    if keys.last() != Some(&lit) {
                        keys.push(lit);
                        owners.push(Vec::new());
                    }
                    if let Some(o) = owners.last_mut() {
                        o.push(id);
                    }
                    inner_need[id / 64] |= 1 << (id % 64);
                    continue;
                }
            }
            need[place_index(place)][id / 64] |= 1 << (id % 64);
        }
        let searcher = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&keys)
            .or_else(|_| AhoCorasick::builder().build(&keys))
            .ok();
        // Without a searcher the inner literals cannot be checked: no inner condition.
        if searcher.is_some() {
            need[place_index(Place::Inner)] = inner_need;
        }
        let all: Vec<usize> = (0..sources.len()).collect();
        let by_length = (0..=LENGTH_MASKS)
            .map(|len| {
                let fits: Vec<usize> = (0..sources.len())
                    .filter(|&i| {
                        let (shortest, longest) = lengths[i];
                        match len < LENGTH_MASKS {
                            true => shortest <= len && len <= longest,
                            false => longest >= LENGTH_MASKS,
                        }
                    })
                    .collect();
                mask(&fits, words)
            })
            .collect();
        Prefilter {
            first: EdgeMap::new(&firsts, false, words),
            last: EdgeMap::new(&lasts, true, words),
            by_length,
            words,
            starts,
            ends,
            owners,
            searcher,
            need,
            valid: mask(&all, words),
        }
    }

    /// Whether some literal condition can rule pattern `id` out.
    pub fn conditioned(&self, id: usize) -> bool {
        self.need.iter().any(|n| n[id / 64] & (1 << (id % 64)) != 0)
    }

    /// Words of a pattern bit set.
    pub fn words(&self) -> usize {
        self.words
    }

    /// Sets `bits.candidates` to the patterns whose literal conditions `text` meets.
    pub fn candidates(&self, text: &str, bits: &mut Bits) {
        for found in &mut bits.found {
            found.clear();
            found.resize(self.words, 0);
        }
        let lengths = &self.by_length[text.len().min(LENGTH_MASKS)];
        let (Some(first), Some(last)) = (text.chars().next(), text.chars().next_back()) else {
            bits.candidates.clear();
            bits.candidates.extend_from_slice(&self.valid);
            bits.inner_done = true;
            return;
        };
        let (first, last) = (self.first.get(first), self.last.get(last));
        // The cheap conditions first; the literal searches only for what they leave.
        bits.candidates.clear();
        bits.candidates
            .extend((0..self.words).map(|w| self.valid[w] & lengths[w] & first[w] & last[w]));
        let left = |need: &[u64], c: &[u64]| need.iter().zip(c).any(|(n, c)| n & c != 0);
        let [starts, ends, _] = &mut bits.found;
        if left(&self.need[0], &bits.candidates) {
            self.starts.walk(text.bytes(), starts);
        }
        if left(&self.need[1], &bits.candidates) {
            self.ends.walk(text.bytes().rev(), ends);
        }
        for (w, c) in bits.candidates.iter_mut().enumerate() {
            let ok = |p: usize| !self.need[p][w] | bits.found[p][w];
            *c &= ok(0) & ok(1);
        }
        bits.inner_done = !left(&self.need[2], &bits.candidates);
    }

    /// Whether a pattern of `mask` is a candidate; searches the inner literals (once per
    /// line) only when the answer depends on them. `text` is the text given to
    /// [`Prefilter::candidates`].
    pub fn any_candidate(&self, text: &str, mask: &[u64], bits: &mut Bits) -> bool {
        if bits.inner_done {
            return bits.any(mask);
        }
        let inner_need = &self.need[2];
        let mut maybe = false;
        for ((c, m), n) in bits.candidates.iter().zip(mask).zip(inner_need) {
            if c & m & !n != 0 {
                return true; // a pattern without an inner condition: sure
            }
            maybe |= c & m & n != 0;
        }
        if !maybe {
            return false;
        }
        self.resolve_inner(text, bits);
        bits.any(mask)
    }

    /// Searches the inner literals and drops the candidates that miss theirs.
    fn resolve_inner(&self, text: &str, bits: &mut Bits) {
        if bits.inner_done {
            return;
        }
        let inner = &mut bits.found[2];
        if let Some(searcher) = &self.searcher {
            for m in searcher.find_overlapping_iter(text) {
                for &id in &self.owners[m.pattern().as_usize()] {
                    inner[id / 64] |= 1 << (id % 64);
                }
            }
        }
        for (w, c) in bits.candidates.iter_mut().enumerate() {
            *c &= !self.need[2][w] | bits.found[2][w];
        }
        bits.inner_done = true;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn candidates(sources: &[&str], line: &str) -> Vec<usize> {
        let sources: Vec<String> = sources.iter().map(|s| format!("^(?:{s})$")).collect();
        let filter = Prefilter::new(&sources, &vec![true; sources.len()]);
        let mut bits = Bits::default();
        filter.candidates(line, &mut bits);
        filter.resolve_inner(line, &mut bits);
        (0..sources.len())
            .filter(|&i| bits.candidates[i / 64] & (1 << (i % 64)) != 0)
            .collect()
    }

    #[test]
    fn prefix_suffix_and_inner_literals_rule_patterns_out() {
        let pats = [
            r"责任编辑[:：]\p{Han}{2,4}",
            r".{0,20}(?:摄|攝)",
            r".{0,30}版权所有.{0,20}",
            r".*",
        ];
        assert_eq!(candidates(&pats, "责任编辑：张三"), vec![0, 3]);
        assert_eq!(candidates(&pats, "新华社记者 李四 摄"), vec![1, 3]);
        assert_eq!(candidates(&pats, "某某网 版权所有 2024"), vec![2, 3]);
        // A body sentence meets only the pattern without literals.
        assert_eq!(
            candidates(
                &pats,
                "这一政策发布以来，企业负责人普遍表示欢迎，并提出了建议。"
            ),
            vec![3]
        );
    }

    #[test]
    fn a_literal_in_the_wrong_place_does_not_count() {
        let pats = [r"责任编辑[:：]\p{Han}{2,4}", r".{0,20}(?:摄|攝)"];
        // 责任编辑 inside the line, 摄 not at its end.
        assert!(candidates(&pats, "他说责任编辑：张三摄影很好").is_empty());
    }

    #[test]
    fn every_candidate_set_contains_every_real_match() {
        let pats = [
            r"[（(]?\s*(?:完|全文完)\s*[）)]?",
            r"\d{4}年\d{1,2}月\d{1,2}日",
            r"(?i)share (?:this|on) (?:facebook|twitter)",
            r"[^。]{0,10}(?:二维码|扫码)[^。]{0,10}",
        ];
        let lines = [
            "（完）",
            "完",
            "2024年5月6日",
            "SHARE ON Twitter",
            "长按识别二维码关注",
        ];
        for line in lines {
            let cands = candidates(&pats, line);
            for (i, p) in pats.iter().enumerate() {
                let re = regex::Regex::new(&format!("^(?:{p})$")).unwrap();
                if re.is_match(line) {
                    assert!(cands.contains(&i), "{line:?} matches {p} but was filtered");
                }
            }
        }
    }
}
