//! One pass over a document's blocks, in order. Each block is compared with the text kept so
//! far: it is removed (a repeated paragraph or a truncated copy), trimmed of repeated
//! sentences and examined again, or kept and indexed. Runs of short lines next to a removed
//! repeat are handled at the end.

use std::collections::{HashMap, HashSet};
use std::hash::BuildHasherDefault;
use std::ops::Range;

use super::canonical::{canonical_chars, canonical_with_offsets, is_cjk};
use super::index::{Match, PassThrough, RepeatIndex};
use super::refrain;
use super::sentences::{sentences, whole_sentences_within};
use super::{
    RepeatRules, RepeatsSettings, DOUBLED_PASSAGE, REPEATED_PARAGRAPH, REPEATED_RUN,
    REPEATED_SENTENCES, STAGE, TRUNCATED_COPY,
};
use crate::document::{Action, Document, Edit};
use crate::rules::RuleInfo;

/// Share of a paragraph that one passage of kept text must cover before short shared
/// fragments are counted towards containment (so a collage of common phrases never is).
const ANCHOR_SHARE: f64 = 0.6;
/// How often a block is examined again after repeated sentences were cut from it.
const MAX_ROUNDS: usize = 4;
/// Fragment lengths counted towards containment: CJK characters, other characters.
const FRAGMENT_CJK: usize = 3;
const FRAGMENT_OTHER: usize = 8;

/// How many passes at most: a removal can change what later decisions see (a refrain
/// counted in a paragraph that turned out to be a copy), so passes repeat until nothing
/// changes, which makes the stage idempotent. Documents without repeats take one pass.
const MAX_PASSES: usize = 4;

thread_local! {
    /// The index's allocations, reused from one document to the next on each thread.
    static SCRATCH: std::cell::RefCell<RepeatIndex> = std::cell::RefCell::new(RepeatIndex::new());
}

/// Runs the stage on `doc`.
pub(super) fn run(doc: &mut Document, settings: &RepeatsSettings, rules: RepeatRules) {
    for _ in 0..MAX_PASSES {
        if !run_pass(doc, settings, rules) {
            return;
        }
    }
}

/// One pass over the blocks; returns whether anything was removed.
fn run_pass(doc: &mut Document, settings: &RepeatsSettings, rules: RepeatRules) -> bool {
    if doc.blocks.is_empty() {
        return false;
    }
    let edits_before = doc.edits.len();
    let mut pass = Pass::new(doc, settings, rules);
    for i in 0..pass.doc.blocks.len() {
        pass.examine(i);
    }
    if rules.run {
        pass.extend_runs();
    }
    let removed = pass.removed;
    SCRATCH.with(|s| *s.borrow_mut() = pass.index);
    let mut i = 0;
    doc.blocks.retain(|_| {
        i += 1;
        !removed[i - 1]
    });
    doc.edits.len() > edits_before
}

struct Pass<'a> {
    doc: &'a mut Document,
    settings: &'a RepeatsSettings,
    rules: RepeatRules,
    index: RepeatIndex,
    removed: Vec<bool>,
    /// The block reads like a verse line (short, not closed like a prose sentence).
    verse: Vec<bool>,
    /// Hash of each block's current canonical text.
    hashes: Vec<u64>,
    /// Canonical hash → first kept block with that text (long blocks only).
    exact: HashMap<u64, usize, BuildHasherDefault<PassThrough>>,
    /// A removed block → the block it repeats.
    repeat_of: Vec<Option<usize>>,
    /// Canonical hash → the blocks with that hash (built when a refrain check needs it).
    occurrences: Option<HashMap<u64, Vec<usize>, BuildHasherDefault<PassThrough>>>,
    /// Canonical offsets of the block `source_ref` looked at last.
    offsets_cache: std::cell::RefCell<Option<(usize, Vec<u32>)>>,
    /// Shortest match the index reports.
    min_match: usize,
}

impl<'a> Pass<'a> {
    fn new(doc: &'a mut Document, settings: &'a RepeatsSettings, rules: RepeatRules) -> Self {
        let n = doc.blocks.len();
        let mut index = SCRATCH.with(|s| std::mem::take(&mut *s.borrow_mut()));
        index.clear();
        index.reserve(doc.blocks.iter().map(|b| b.text.len() / 2).sum());
        let mut verse = Vec::with_capacity(n);
        let mut hashes = Vec::with_capacity(n);
        let mut scratch = Vec::new();
        for (i, block) in doc.blocks.iter().enumerate() {
            scratch.clear();
            canonical_chars(&block.text, &mut scratch);
            let short = settings.weight(&scratch) < 1.0;
            verse.push(refrain::is_verse_line(&block.text, short));
            hashes.push(hash_chars(&scratch));
            index.set_block(i, scratch.iter().copied());
        }
        let shortest = settings.min_cjk_chars.min(settings.min_chars);
        Pass {
            doc,
            settings,
            rules,
            index,
            removed: vec![false; n],
            verse,
            hashes,
            exact: HashMap::default(),
            repeat_of: vec![None; n],
            occurrences: None,
            offsets_cache: std::cell::RefCell::new(None),
            min_match: ((shortest as f64 * ANCHOR_SHARE) as usize).max(8),
        }
    }

    fn long(&self, canon: &[char]) -> bool {
        self.settings.weight(canon) >= 1.0
    }

    fn examine(&mut self, i: usize) {
        for round in 0..MAX_ROUNDS {
            let last_round = round + 1 == MAX_ROUNDS;
            let long = self.long(self.index.canon(i));
            if long {
                if let Some(j) = self.exact_source(i) {
                    // An exact repeat is R101's alone: when that rule is off or the
                    // paragraph is a refrain, it stays whole.
                    if self.rules.paragraph && !self.is_refrain(i) {
                        let why = "repeats";
                        self.remove_block(i, &REPEATED_PARAGRAPH, (j, 0), 1.0, why);
                    } else {
                        self.index.search(i, self.min_match);
                    }
                    return;
                }
            }
            let matches = self.index.search(i, self.min_match);
            let verse = self.settings.keep_refrains && refrain::in_verse(&self.verse, i);
            if !matches.is_empty() && !verse {
                if long && self.rules.truncated {
                    if let Some((source, at, similarity)) = self.containment(i, &matches) {
                        self.index.rollback();
                        let why = "truncated or garbled copy of";
                        self.remove_block(i, &TRUNCATED_COPY, (source, at), similarity, why);
                        return;
                    }
                }
                if self.rules.truncated {
                    self.remove_earlier_truncated(i, &matches);
                }
                if self.rules.doubled && !last_round && self.cut_doubled(i, &matches) {
                    continue;
                }
                if self.rules.sentences && !last_round && self.cut_sentences(i, &matches) {
                    continue;
                }
            }
            if long {
                self.exact.entry(self.hashes[i]).or_insert(i);
            }
            return;
        }
    }

    /// R101: the earlier kept block whose canonical text equals block `i`'s.
    fn exact_source(&self, i: usize) -> Option<usize> {
        let &j = self.exact.get(&self.hashes[i])?;
        (!self.removed[j] && self.index.canon(j) == self.index.canon(i)).then_some(j)
    }

    /// Whether block `i`, which repeats an earlier paragraph, is a refrain: it stands among
    /// verse lines, or its copies recur at regular intervals.
    fn is_refrain(&mut self, i: usize) -> bool {
        if !self.settings.keep_refrains {
            return false;
        }
        if refrain::in_verse(&self.verse, i) {
            return true;
        }
        let hashes = &self.hashes;
        let occurrences = self.occurrences.get_or_insert_with(|| {
            let mut map: HashMap<u64, Vec<usize>, BuildHasherDefault<PassThrough>> =
                HashMap::default();
            for (k, &h) in hashes.iter().enumerate() {
                map.entry(h).or_default().push(k);
            }
            map
        });
        let at: Vec<usize> = occurrences
            .get(&self.hashes[i])
            .map(|ks| {
                ks.iter()
                    .copied()
                    .filter(|&k| self.index.canon(k) == self.index.canon(i))
                    .collect()
            })
            .unwrap_or_default();
        refrain::is_regular_refrain(&at)
    }

    /// R102: whether block `i` is mostly made of kept text. Returns the block and position
    /// of the passage it copies most and the share of it found in kept text.
    fn containment(&self, i: usize, matches: &[Match]) -> Option<(usize, usize, f64)> {
        let canon = self.index.canon(i);
        let n = canon.len();
        let usable: Vec<&Match> = matches
            .iter()
            .filter(|m| m.source_block != i && !self.removed[m.source_block])
            .collect();
        let anchor = usable.iter().max_by_key(|m| m.later.len())?;
        let mut covered = vec![false; n];
        // Long shared passages alone: a paragraph pieced together from earlier ones.
        for m in usable.iter().filter(|m| self.long(&canon[m.later.clone()])) {
            covered[m.later.clone()].fill(true);
        }
        let strong = share(&covered);
        if strong >= self.settings.containment {
            return Some((anchor.source_block, anchor.source.start, strong));
        }
        let single = anchor.later.len() as f64 / n.max(1) as f64;
        if single >= self.settings.containment {
            return Some((anchor.source_block, anchor.source.start, single));
        }
        // Splicing fragments is what a garbled copy of body text does; a line that does not
        // end a sentence (a headline rewording its lede) must be one contiguous copy.
        if single < ANCHOR_SHARE || !ends_sentence(&self.doc.blocks[i].text) {
            return None;
        }
        for m in &usable {
            covered[m.later.clone()].fill(true);
        }
        // Short fragments of the paragraphs it copies (a garbled copy splices them).
        let mut sources: Vec<usize> = usable.iter().map(|m| m.source_block).collect();
        sources.sort_unstable();
        sources.dedup();
        let mut fragments: HashSet<&[char]> = HashSet::new();
        for &s in &sources {
            let text = self.index.canon(s);
            for p in 0..text.len() {
                let q = fragment_len(text[p]);
                if p + q <= text.len() {
                    fragments.insert(&text[p..p + q]);
                }
            }
        }
        for p in 0..n {
            let q = fragment_len(canon[p]);
            if p + q <= n && fragments.contains(&canon[p..p + q]) {
                covered[p..p + q].fill(true);
            }
        }
        let similarity = share(&covered);
        (similarity >= self.settings.containment).then_some((
            anchor.source_block,
            anchor.source.start,
            similarity,
        ))
    }

    /// R102 for a copy that comes first: an earlier kept block that is cut off (does not
    /// end a sentence) and is wholly found in block `i`, which is longer.
    fn remove_earlier_truncated(&mut self, i: usize, matches: &[Match]) {
        let len_i = self.index.canon(i).len();
        for m in matches {
            let j = m.source_block;
            if j == i || self.removed[j] {
                continue;
            }
            let cj = self.index.canon(j);
            let share = m.source.len() as f64 / cj.len().max(1) as f64;
            if cj.len() >= len_i
                || share < self.settings.containment
                || !self.long(cj)
                || ends_sentence(&self.doc.blocks[j].text)
                || (self.settings.keep_refrains && refrain::in_verse(&self.verse, j))
            {
                continue;
            }
            let later = m.later.start;
            self.remove_block(
                j,
                &TRUNCATED_COPY,
                (i, later),
                share,
                "truncated copy of (later, complete)",
            );
            if self.exact.get(&self.hashes[j]) == Some(&j) {
                self.exact.remove(&self.hashes[j]);
            }
        }
    }

    /// R103: cuts the whole sentences of block `i` that repeat kept text. Returns whether
    /// the block changed (it is then indexed again).
    fn cut_sentences(&mut self, i: usize, matches: &[Match]) -> bool {
        let canon = self.index.canon(i).to_vec();
        let text = self.doc.blocks[i].text.clone();
        let mut sents = None;
        // (sentence run, source block, source position)
        let mut runs: Vec<(Range<usize>, usize, usize)> = Vec::new();
        for m in matches {
            if self.removed[m.source_block] || !self.long(&canon[m.later.clone()]) {
                continue;
            }
            let sents = sents.get_or_insert_with(|| {
                let (_, offsets) = canonical_with_offsets(&text);
                sentences(&text, &offsets)
            });
            let Some(run) = whole_sentences_within(sents, &m.later) else {
                continue;
            };
            let span = sents[run.start].canon.start..sents[run.end - 1].canon.end;
            let whole = span.start == 0 && span.end == canon.len();
            if whole || !self.long(&canon[span.clone()]) {
                continue;
            }
            let source_at = m.source.start + (span.start - m.later.start);
            if self.settings.keep_refrains {
                let source_len = self.index.canon(m.source_block).len();
                let opens = span.start == 0 && source_at == 0;
                let closes = span.end == canon.len() && source_at + span.len() == source_len;
                let blocks = (0..self.removed.len())
                    .filter(|&k| !self.removed[k])
                    .map(|k| self.index.canon(k));
                if refrain::is_paragraph_edge_refrain(&canon[span.clone()], blocks, opens, closes) {
                    continue;
                }
            }
            runs.push((run, m.source_block, source_at));
        }
        let Some(sents) = sents else {
            return false;
        };
        if runs.is_empty() {
            return false;
        }
        runs.sort_by_key(|r| r.0.start);
        let mut merged: Vec<(Range<usize>, usize, usize)> = Vec::new();
        for run in runs {
            match merged.last_mut() {
                Some(last) if run.0.start <= last.0.end => last.0.end = last.0.end.max(run.0.end),
                _ => merged.push(run),
            }
        }
        let mut new_text = text.clone();
        let mut edits = Vec::new();
        for (run, source, at) in merged.iter().rev() {
            let mut bytes = sents[run.start].bytes.start..sents[run.end - 1].bytes.end;
            if bytes.end == text.len() {
                bytes.start = text[..bytes.start].trim_end().len();
            }
            let removed = &text[bytes.clone()];
            let column = text[..bytes.start].chars().count() as u32 + 1;
            let why = format!(
                "repeats {}; similarity 1.00 (canonical)",
                self.source_ref(*source, *at)
            );
            edits.push(
                Edit::new(
                    STAGE,
                    &REPEATED_SENTENCES,
                    Action::Remove,
                    self.doc.blocks[i].lines,
                )
                .column(column)
                .before(removed.trim())
                .reason(why),
            );
            new_text.replace_range(bytes, "");
        }
        edits.reverse();
        self.replace_text(i, new_text, edits)
    }

    /// R105: removes the second copy of every passage that is immediately followed by
    /// itself inside block `i`. Returns whether the block changed.
    fn cut_doubled(&mut self, i: usize, matches: &[Match]) -> bool {
        let canon = self.index.canon(i);
        let mut doubled: Vec<&Match> = matches
            .iter()
            .filter(|m| m.source_block == i && m.source.end == m.later.start)
            .filter(|m| self.long(&canon[m.later.clone()]))
            .collect();
        if doubled.is_empty() {
            return false;
        }
        // Non-overlapping, in order (each pair's span covers both copies).
        doubled.sort_by_key(|m| m.source.start);
        let mut kept: Vec<&Match> = Vec::new();
        for m in doubled {
            if kept.last().is_none_or(|k| k.later.end <= m.source.start) {
                kept.push(m);
            }
        }
        let text = self.doc.blocks[i].text.clone();
        let (_, offsets) = canonical_with_offsets(&text);
        let end_of = |k: usize| {
            let at = offsets[k] as usize;
            at + text[at..].chars().next().map_or(0, char::len_utf8)
        };
        let mut new_text = text.clone();
        let mut edits = Vec::new();
        for m in kept.iter().rev() {
            // From just after the first copy to just after the second: what is left is the
            // text with the overlap collapsed, punctuation included.
            let bytes = end_of(m.source.end - 1)..end_of(m.later.end - 1);
            let column = text[..bytes.start].chars().count() as u32 + 1;
            let why = format!(
                "doubles the passage just before it ({}); similarity 1.00 (canonical)",
                self.source_ref(i, m.source.start)
            );
            edits.push(
                Edit::new(
                    STAGE,
                    &DOUBLED_PASSAGE,
                    Action::Remove,
                    self.doc.blocks[i].lines,
                )
                .column(column)
                .before(&text[bytes.clone()])
                .reason(why),
            );
            new_text.replace_range(bytes, "");
        }
        edits.reverse();
        self.replace_text(i, new_text, edits)
    }

    /// Gives block `i` its new text (after removals named by `edits`) and indexes it again.
    /// Returns false (and changes nothing) if nothing would be left.
    fn replace_text(&mut self, i: usize, new_text: String, edits: Vec<Edit>) -> bool {
        let new_text = new_text.trim().to_string();
        if new_text.is_empty() {
            return false;
        }
        self.index.rollback();
        self.offsets_cache.replace(None);
        self.doc.edits.extend(edits);
        let mut scratch = Vec::new();
        canonical_chars(&new_text, &mut scratch);
        self.hashes[i] = hash_chars(&scratch);
        self.index.set_block(i, scratch);
        self.doc.blocks[i].text = new_text;
        true
    }

    /// R104: short lines next to a removed repeat that equal the lines next to the copy it
    /// repeats (a run of lines repeated at a page break).
    fn extend_runs(&mut self) {
        for i in 0..self.removed.len() {
            let Some(j) = self.repeat_of[i] else {
                continue;
            };
            self.extend_run(i, j, 1);
            self.extend_run(i, j, -1);
        }
    }

    fn extend_run(&mut self, i: usize, j: usize, step: isize) {
        let n = self.removed.len() as isize;
        let (mut a, mut b) = (i as isize + step, j as isize + step);
        while a >= 0 && a < n && b >= 0 && b != i as isize && a != j as isize {
            let (au, bu) = (a as usize, b as usize);
            if (step > 0 && bu >= i) || (step < 0 && au <= j) {
                return;
            }
            let same = !self.removed[bu]
                && !self.index.canon(au).is_empty()
                && self.index.canon(au) == self.index.canon(bu);
            if !same {
                return;
            }
            if !self.removed[au] {
                if self.long(self.index.canon(au))
                    || (self.settings.keep_refrains && refrain::in_verse(&self.verse, au))
                {
                    return;
                }
                self.remove_block(
                    au,
                    &REPEATED_RUN,
                    (bu, 0),
                    1.0,
                    "with the run it belongs to, repeats",
                );
            }
            a += step;
            b += step;
        }
    }

    fn remove_block(
        &mut self,
        i: usize,
        rule: &RuleInfo,
        (source, at): (usize, usize),
        similarity: f64,
        why: &str,
    ) {
        let reason = format!(
            "{why} {}; similarity {similarity:.2}",
            self.source_ref(source, at)
        );
        let block = &self.doc.blocks[i];
        let edit = Edit::new(STAGE, rule, Action::Remove, block.lines)
            .before(block.text.clone())
            .reason(reason);
        self.doc.edits.push(edit);
        self.removed[i] = true;
        self.repeat_of[i] = Some(source);
    }

    /// "line 12 col 5": where canonical character `at` of block `block` is in the input.
    fn source_ref(&self, block: usize, at: usize) -> String {
        let b = &self.doc.blocks[block];
        let mut cache = self.offsets_cache.borrow_mut();
        // Many edits can point into one long block: its offsets are computed once.
        if cache.as_ref().is_none_or(|(k, _)| *k != block) {
            *cache = Some((block, canonical_with_offsets(&b.text).1));
        }
        let byte = cache
            .as_ref()
            .and_then(|(_, offsets)| offsets.get(at))
            .map_or(0, |&o| o as usize);
        let column = b.text[..byte].chars().count() + 1;
        format!("line {} col {column}", b.lines.start)
    }
}

fn fragment_len(c: char) -> usize {
    if is_cjk(c) {
        FRAGMENT_CJK
    } else {
        FRAGMENT_OTHER
    }
}

fn share(covered: &[bool]) -> f64 {
    covered.iter().filter(|&&c| c).count() as f64 / covered.len().max(1) as f64
}

/// Whether a paragraph ends like a finished sentence (a truncated copy does not).
fn ends_sentence(text: &str) -> bool {
    let trimmed = text.trim_end_matches(['”', '’', '"', '\'', '」', '』', '）', ')']);
    trimmed
        .chars()
        .next_back()
        .is_some_and(|c| matches!(c, '。' | '！' | '？' | '.' | '!' | '?' | '…'))
}

/// A fast hash of canonical text (FxHash-style); equality is always checked after.
fn hash_chars(chars: &[char]) -> u64 {
    let mut h = chars.len() as u64;
    for &c in chars {
        h = (h.rotate_left(5) ^ c as u64).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
    h ^ (h >> 29)
}
