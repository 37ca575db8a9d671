//! The multi-pattern matcher: every whole-line and line-start pattern of the enabled packs
//! compiled into one regex-automata meta regex, so a line is scanned once whatever the
//! number of patterns.

use regex_automata::meta::{self, Regex};
use regex_automata::{Anchored, Input, MatchKind, PatternSet};

use crate::error::ConfigError;
use crate::rules::RuleInfo;

use super::prefilter::{mask, Bits, Prefilter};
use super::startup::map_in_parallel;
use super::zones::Zone;

/// How a pattern is anchored on the line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// The whole line must match.
    Line,
    /// The line must start with a match (long statements: `版权声明：…`).
    Lead,
}

/// What else goes when a line matches.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Follow {
    Nothing,
    /// The next line too, when it is a short single token (an account or user name).
    NextName,
    /// The next line too, when it is short and does not end like a sentence (a field value).
    NextValue,
    /// Nothing else, and this line goes only when the next line that stays is a short title
    /// (a section label above a headline, never the headline itself).
    TitleAfter,
}

/// One pattern of a rule pack.
#[derive(Clone, Debug)]
pub struct Pattern {
    pub rule: &'static RuleInfo,
    pub regex: String,
    pub shape: Shape,
    pub zone: Zone,
    /// Longest line (in characters) the pattern may decide on.
    pub max_chars: usize,
    pub follow: Follow,
}

impl Pattern {
    /// A whole-line pattern, valid in any zone, for lines of at most 60 characters.
    pub fn line(rule: &'static RuleInfo, regex: impl Into<String>) -> Pattern {
        Pattern {
            rule,
            regex: regex.into(),
            shape: Shape::Line,
            zone: Zone::Any,
            max_chars: 60,
            follow: Follow::Nothing,
        }
    }

    /// A line-start pattern, valid in any zone, for lines of at most 300 characters.
    pub fn lead(rule: &'static RuleInfo, regex: impl Into<String>) -> Pattern {
        Pattern {
            shape: Shape::Lead,
            max_chars: 300,
            ..Pattern::line(rule, regex)
        }
    }

    pub fn zone(mut self, zone: Zone) -> Pattern {
        self.zone = zone;
        self
    }

    pub fn max(mut self, max_chars: usize) -> Pattern {
        self.max_chars = max_chars;
        self
    }

    pub fn follow(mut self, follow: Follow) -> Pattern {
        self.follow = follow;
        self
    }

    fn anchored_source(&self) -> String {
        // A Unicode word boundary makes the lazy DFA give up on non-ASCII text (and fall back
        // to a much slower engine); the patterns only need ASCII word boundaries.
        let regex = self.regex.replace(r"\b", r"(?-u:\b)");
        match self.shape {
            Shape::Line => format!(r"^(?:{regex})$"),
            Shape::Lead => format!(r"^(?:{regex})"),
        }
    }
}

/// Lines longer than this (in bytes) are only matched on their first `LEAD_WINDOW` bytes
/// against the line-start patterns: a whole-line debris pattern never spans a long body
/// paragraph, and skipping them keeps the stage fast.
const FULL_MATCH_MAX_BYTES: usize = 360;
const LEAD_WINDOW: usize = 120;

/// Patterns per compiled group. One automaton over hundreds of patterns explodes into more
/// lazy-DFA states than any cache holds on CJK text (it keeps determinizing and falls back to
/// the PikeVM); small groups stay hot, and the work of a line is the sum over groups
/// instead of a product.
const GROUP_SIZE: usize = 24;

/// One compiled group of patterns; `ids[i]` is the pattern id of the group's pattern `i`.
struct Group {
    regex: Regex,
    ids: Vec<usize>,
    /// Bit set of `ids`, to test against the prefilter's candidates.
    mask: Vec<u64>,
}

/// Pattern sets reused from line to line, one per group.
pub struct Scratch {
    all: Vec<PatternSet>,
    lead: Vec<PatternSet>,
    bits: Bits,
}

/// The compiled patterns.
pub struct Matcher {
    patterns: Vec<Pattern>,
    all: Vec<Group>,
    /// Only the `Lead` patterns, for the start of long lines.
    lead: Vec<Group>,
    prefilter: Prefilter,
}

fn compile(sources: &[String]) -> Result<Regex, String> {
    let config = meta::Config::new()
        .match_kind(MatchKind::All)
        .hybrid_cache_capacity(16 << 20)
        .dfa_size_limit(Some(16 << 20))
        .nfa_size_limit(Some(64 << 20));
    Regex::builder()
        .configure(config)
        .build_many(sources)
        .map_err(|e| e.to_string())
}

/// Compiles the patterns `ids` (indexes into `sources`) in groups of [`GROUP_SIZE`].
/// Patterns the prefilter can never rule out come first, so that they share groups and
/// the other groups are skipped on most lines.
fn compile_groups(
    sources: &[String],
    ids: &[usize],
    prefilter: &Prefilter,
) -> Result<Vec<Group>, String> {
    let mut ids = ids.to_vec();
    ids.sort_by_key(|&i| prefilter.conditioned(i));
    // Groups compile in parallel: compiling is most of a run's start-up time.
    let chunks: Vec<&[usize]> = ids.chunks(GROUP_SIZE).collect();
    map_in_parallel(&chunks, |chunk| {
        let group_sources: Vec<String> = chunk.iter().map(|&i| sources[i].clone()).collect();
        Ok(Group {
            regex: compile(&group_sources)?,
            ids: chunk.to_vec(),
            mask: mask(chunk, prefilter.words()),
        })
    })
    .into_iter()
    .collect()
}

/// Runs the groups that hold a candidate pattern; `out` gets the ids of the patterns that
/// match, sorted.
fn scan(
    groups: &[Group],
    sets: &mut [PatternSet],
    prefilter: &Prefilter,
    bits: &mut Bits,
    text: &str,
    out: &mut Vec<usize>,
) {
    let input = Input::new(text).anchored(Anchored::Yes);
    for (group, set) in groups.iter().zip(sets.iter_mut()) {
        if !prefilter.any_candidate(text, &group.mask, bits) {
            continue;
        }
        set.clear();
        group.regex.which_overlapping_matches(&input, set);
        out.extend(set.iter().map(|p| group.ids[p.as_usize()]));
    }
    out.sort_unstable();
}

impl Matcher {
    pub fn new(patterns: Vec<Pattern>) -> Result<Matcher, ConfigError> {
        let err = |e: String| ConfigError::Invalid(format!("debris patterns: {e}"));
        let sources: Vec<String> = patterns.iter().map(Pattern::anchored_source).collect();
        let all_ids: Vec<usize> = (0..patterns.len()).collect();
        let lead_ids: Vec<usize> = (0..patterns.len())
            .filter(|&i| patterns[i].shape == Shape::Lead)
            .collect();
        let whole_line: Vec<bool> = patterns.iter().map(|p| p.shape == Shape::Line).collect();
        let prefilter = Prefilter::new(&sources, &whole_line);
        Ok(Matcher {
            all: compile_groups(&sources, &all_ids, &prefilter).map_err(err)?,
            lead: compile_groups(&sources, &lead_ids, &prefilter).map_err(err)?,
            patterns,
            prefilter,
        })
    }

    pub fn pattern(&self, id: usize) -> &Pattern {
        &self.patterns[id]
    }

    /// Reusable match state for one document.
    pub fn scratch(&self) -> Scratch {
        let sets = |groups: &[Group]| {
            groups
                .iter()
                .map(|g| PatternSet::new(g.regex.pattern_len()))
                .collect()
        };
        Scratch {
            all: sets(&self.all),
            lead: sets(&self.lead),
            bits: Bits::default(),
        }
    }

    /// Ids of the patterns that match `line`, in pattern order (the order of the packs).
    pub fn hits(&self, line: &str, scratch: &mut Scratch, out: &mut Vec<usize>) {
        out.clear();
        let (groups, sets, text) = if line.len() <= FULL_MATCH_MAX_BYTES {
            (&self.all, &mut scratch.all, line)
        } else {
            let mut end = LEAD_WINDOW;
            while !line.is_char_boundary(end) {
                end -= 1;
            }
            (&self.lead, &mut scratch.lead, &line[..end])
        };
        self.prefilter.candidates(text, &mut scratch.bits);
        scan(groups, sets, &self.prefilter, &mut scratch.bits, text, out);
    }
}
