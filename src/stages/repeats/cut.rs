//! Removals inside a paragraph: repeated sentences (R103), cut at sentence boundaries, and
//! doubled passages (R105), collapsed back to one copy. After a cut the block is indexed
//! again and examined once more.

use std::ops::Range;

use super::canonical::{canonical_chars, canonical_with_offsets};
use super::detect::{hash_chars, Pass};
use super::index::Match;
use super::refrain;
use super::sentences::{sentences, whole_sentences_within};
use super::{DOUBLED_PASSAGE, REPEATED_SENTENCES, STAGE};
use crate::document::{Action, Edit};

impl Pass<'_> {
    /// R103: cuts the whole sentences of block `i` that repeat kept text. Returns whether
    /// the block changed (it is then indexed again).
    pub(super) fn cut_sentences(&mut self, i: usize, matches: &[Match]) -> bool {
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
    pub(super) fn cut_doubled(&mut self, i: usize, matches: &[Match]) -> bool {
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
}
