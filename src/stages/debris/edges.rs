//! The characters a pattern's matches can start (or end) with, as one map from character
//! to pattern bit set: a line whose first character is outside a pattern's class cannot
//! match it. Unlike literal sets this has no size limit (`\d`, `\p{Han}` are cheap).

use regex_syntax::hir::{Class, ClassUnicode, ClassUnicodeRange, Hir, HirKind};

/// The class of characters that begin (`from_end == false`) or end every non-empty match
/// of `hir`, and whether `hir` can match the empty string. `None` when unknown.
fn edge(hir: &Hir, from_end: bool) -> Option<(ClassUnicode, bool)> {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => Some((ClassUnicode::empty(), true)),
        HirKind::Literal(lit) => {
            let text = std::str::from_utf8(&lit.0).ok()?;
            let c = if from_end {
                text.chars().next_back()
            } else {
                text.chars().next()
            };
            match c {
                Some(c) => Some((ClassUnicode::new([ClassUnicodeRange::new(c, c)]), false)),
                None => Some((ClassUnicode::empty(), true)),
            }
        }
        HirKind::Class(Class::Unicode(class)) => Some((class.clone(), false)),
        HirKind::Class(Class::Bytes(class)) => Some((class.to_unicode_class()?, false)),
        HirKind::Repetition(rep) => {
            let (class, nullable) = edge(&rep.sub, from_end)?;
            Some((class, nullable || rep.min == 0))
        }
        HirKind::Capture(cap) => edge(&cap.sub, from_end),
        HirKind::Concat(children) => {
            let mut acc = ClassUnicode::empty();
            let ordered: Box<dyn Iterator<Item = &Hir>> = match from_end {
                true => Box::new(children.iter().rev()),
                false => Box::new(children.iter()),
            };
            for child in ordered {
                let (class, nullable) = edge(child, from_end)?;
                acc.union(&class);
                if !nullable {
                    return Some((acc, false));
                }
            }
            Some((acc, true))
        }
        HirKind::Alternation(alts) => {
            let mut acc = ClassUnicode::empty();
            let mut any_nullable = false;
            for alt in alts {
                let (class, nullable) = edge(alt, from_end)?;
                acc.union(&class);
                any_nullable |= nullable;
            }
            Some((acc, any_nullable))
        }
    }
}

/// Character → bit set of the patterns whose matches can start (or end) with it.
pub struct EdgeMap {
    /// Sorted starts of the intervals the code space is cut into.
    starts: Vec<u32>,
    /// Per interval, the pattern bit set.
    masks: Vec<Vec<u64>>,
}

impl EdgeMap {
    /// The map for patterns `hirs` (`None`: a pattern that is always a candidate).
    pub fn new(hirs: &[Option<&Hir>], from_end: bool, words: usize) -> EdgeMap {
        let classes: Vec<Option<ClassUnicode>> = hirs
            .iter()
            .map(|h| {
                let (class, nullable) = edge((*h)?, from_end)?;
                (!nullable).then_some(class)
            })
            .collect();
        let mut cuts: Vec<u32> = vec![0];
        for class in classes.iter().flatten() {
            for r in class.ranges() {
                cuts.push(r.start() as u32);
                cuts.push(r.end() as u32 + 1);
            }
        }
        cuts.sort_unstable();
        cuts.dedup();
        // Each range covers a run of whole intervals: set the pattern's bit on that run.
        let mut masks = vec![vec![0u64; words]; cuts.len()];
        for (id, class) in classes.iter().enumerate() {
            let (word, bit) = (id / 64, 1u64 << (id % 64));
            match class {
                None => masks.iter_mut().for_each(|m| m[word] |= bit),
                Some(class) => {
                    for r in class.ranges() {
                        let from = cuts.partition_point(|&c| c < r.start() as u32);
                        let to = cuts.partition_point(|&c| c <= r.end() as u32);
                        masks[from..to].iter_mut().for_each(|m| m[word] |= bit);
                    }
                }
            }
        }
        EdgeMap {
            starts: cuts,
            masks,
        }
    }

    /// The patterns whose matches can start (or end) with `c`.
    pub fn get(&self, c: char) -> &[u64] {
        let at = self.starts.partition_point(|&s| s <= c as u32);
        &self.masks[at.saturating_sub(1)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(patterns: &[&str], from_end: bool) -> EdgeMap {
        let hirs: Vec<Hir> = patterns
            .iter()
            .map(|p| regex_syntax::parse(p).expect("test pattern"))
            .collect();
        let refs: Vec<Option<&Hir>> = hirs.iter().map(Some).collect();
        EdgeMap::new(&refs, from_end, 1)
    }

    #[test]
    fn first_and_last_characters_of_matches() {
        let pats = [r"^(?:[（(]?\s*\d{4}年)$", r"^(?:.{0,20}摄)$", r"^(?:x*)$"];
        let first = map(&pats, false);
        assert_eq!(first.get('2')[0], 0b111);
        assert_eq!(first.get('（')[0], 0b111);
        assert_eq!(first.get('据')[0], 0b110);
        let last = map(&pats, true);
        assert_eq!(last.get('年')[0], 0b101);
        assert_eq!(last.get('摄')[0], 0b110);
        assert_eq!(last.get('。')[0], 0b100);
    }
}
