//! The fast path for the common line of Chinese text: CJK characters, Latin words and
//! numbers, full-width punctuation, half-width `, ; : ? ! ( )` typed among them and
//! single spaces, maybe indented. For such a line the three passes reduce to a few local
//! decisions, made here in one scan of the bytes (a CJK character costs one comparison)
//! without building the per-character slots of [`super::line`].
//!
//! Anything the reduction does not cover sends the line to the full passes: runs of
//! spaces and spaces other than ASCII inside the line, invisible or foldable characters,
//! quotes `"`, full-width brackets, brackets after `:` `;` `-` (emoticons), and the
//! characters that start URLs, e-mail addresses or entities (`//`, `www.`, `@`, `&`). The
//! decisions below are those of [`super::cjk`] and [`super::spaces`] specialised to what
//! is left, and a property test checks that both give the same result.

use super::chars::{
    decode_at, fold_fullwidth, is_cjk, is_common_han_at, is_context_mark, is_invisible, is_space,
    is_transparent, is_unicode_space, rejects_space_after, rejects_space_before, to_ascii_mark,
    to_fullwidth_mark,
};
use super::cjk::{is_chinese, pair_is_chinese, single_is_chinese, single_is_latin, Side, Stats};
use super::line::{RuleId, Tally};
use super::NormalizeRules;

/// The full-width context marks other than brackets (`to_ascii_mark` knows them).
macro_rules! wide_marks {
    () => {
        '，' | '：' | '；' | '！' | '？'
    };
}

/// Frequent transparent marks that nothing changes: quotes, dashes, ellipses, dots.
macro_rules! quiet_marks {
    () => {
        '“' | '”' | '‘' | '’' | '—' | '…' | '·'
    };
}

/// What an entry of the line is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// ASCII `, ; : ? !`
    Ascii,
    /// Full-width `，；：？！`
    Wide,
    /// ASCII `(`
    Open,
    /// ASCII `)`
    Close,
    /// A single ASCII space inside the line.
    Space,
}

/// A mark, bracket or space of the line: the characters whose fate depends on context.
#[derive(Clone, Copy, Debug)]
struct Entry {
    kind: Kind,
    /// Byte offset in the trimmed line.
    at: usize,
    /// 1-based column in the input line.
    col: u32,
    left: Side,
    right: Side,
    /// CJK characters and Latin letters before it (what a bracket pair encloses).
    preceding: Stats,
    /// An ASCII mark typed straight after Chinese words and followed by more text (see
    /// `cjk::closes_chinese_words`).
    closes_words: bool,
    /// An ASCII `:` before `/` (a URL scheme): it stays.
    protected: bool,
    /// A bracket's partner, when it has one.
    partner: Option<u32>,
    /// For a space: the characters beside it.
    before: char,
    after: char,
    /// What it becomes (`'\0'` for a removed space), once decided.
    new: Option<char>,
}

impl Entry {
    fn new(kind: Kind, at: usize, col: u32, left: Side, preceding: Stats) -> Entry {
        Entry {
            kind,
            at,
            col,
            left,
            right: Side::Edge,
            preceding,
            closes_words: false,
            protected: false,
            partner: None,
            before: '\0',
            after: '\0',
            new: None,
        }
    }

    /// Its length in bytes.
    fn len(&self) -> usize {
        if self.kind == Kind::Wide {
            3
        } else {
            1
        }
    }
}

/// What the scan learnt about the trimmed line.
struct Scan {
    stats: Stats,
    /// Characters in the trimmed line.
    chars: u32,
}

/// Entries kept for the next line (one allocation per thread, not per line).
const MAX_KEPT_ENTRIES: usize = 1 << 12;

/// How deep brackets may nest on the fast path.
const MAX_DEPTH: usize = 8;

thread_local! {
    static ENTRIES: std::cell::Cell<Vec<Entry>> = const { std::cell::Cell::new(Vec::new()) };
}

/// Normalises `line` when it is of the simple kind: `None` when it is not (the full
/// passes must run), `Some(None)` when it is already normal, else the new line and its
/// changes, exactly as the full passes give them.
pub(super) fn normalize_simple(
    line: &str,
    rules: &NormalizeRules,
) -> Option<Option<(String, Tally)>> {
    if *rules != NormalizeRules::ALL {
        return None;
    }
    // A printable ASCII character at an end is no space: most lines need no trimming.
    let printable = |b: Option<&u8>| b.is_some_and(|&b| b > b' ' && b < 0x80);
    let start = if printable(line.as_bytes().first()) {
        0
    } else {
        line.len() - line.trim_start_matches(is_space).len()
    };
    let inner = if printable(line.as_bytes().last()) {
        &line[start..]
    } else {
        line[start..].trim_end_matches(is_space)
    };
    if inner.is_empty() {
        return None;
    }
    let lead_chars = line[..start].chars().count() as u32;
    ENTRIES.with(|cell| {
        let mut entries = cell.take();
        entries.clear();
        let result = scan(inner, lead_chars, &mut entries).map(|scan| {
            let trail_chars = line[start + inner.len()..].chars().count() as u32;
            finish(inner, lead_chars, trail_chars, &scan, &mut entries)
        });
        if entries.capacity() <= MAX_KEPT_ENTRIES {
            cell.set(entries);
        }
        result
    })
}

/// Gives the entries still waiting for their right-hand neighbour the side just seen.
#[inline(always)]
fn resolve(entries: &mut [Entry], waiting: &mut usize, side: Side) {
    for e in &mut entries[*waiting..] {
        e.right = side;
    }
    *waiting = entries.len();
}

/// One pass over the trimmed line: `None` as soon as it holds something only the full
/// passes handle, else its language evidence, with the marks, brackets and spaces
/// collected in `entries`.
fn scan(inner: &str, lead_chars: u32, entries: &mut Vec<Entry>) -> Option<Scan> {
    let bytes = inner.as_bytes();
    let n = bytes.len();
    let mut stats = Stats::default();
    let mut col = lead_chars + 1;
    let mut last = Side::Edge;
    // The previous character and the one before it ('中' stands for any Han character).
    let (mut prev, mut prev2) = ('\0', '\0');
    let mut waiting = 0;
    let mut open = [0u32; MAX_DEPTH];
    let mut depth = 0;
    let mut i = 0;
    while i < n {
        if is_common_han_at(bytes, i) {
            // A run of Han characters, counted in a tight loop.
            // Three bytes a character, without bounds checks.
            let run = 1 + bytes[i + 3..]
                .chunks_exact(3)
                .take_while(|c| matches!(c[0], 0xE5..=0xE9) || (c[0] == 0xE4 && c[1] >= 0xB8))
                .count();
            i += 3 * run;
            let run = run as u32;
            stats.cjk += run;
            col += run;
            if last != Side::Cjk || waiting < entries.len() {
                resolve(entries, &mut waiting, Side::Cjk);
                last = Side::Cjk;
            }
            prev2 = if run > 1 { '中' } else { prev };
            prev = '中';
            continue;
        }
        let (c, len) = match bytes[i] {
            b @ 0..=0x7F => (char::from(b), 1),
            _ => decode_at(bytes, i)?,
        };
        match c {
            ',' | ';' | ':' | '?' | '!' => {
                let mut e = Entry::new(Kind::Ascii, i, col, last, stats);
                e.closes_words = closes_words(bytes, i, prev, prev2);
                e.protected = c == ':' && bytes.get(i + 1) == Some(&b'/');
                entries.push(e);
            }
            '(' | ')' => {
                // Emoticons (`:)`, `;-(`) and the eyes before them are left to the full
                // passes, as are brackets nested too deep.
                if matches!(prev, ':' | ';' | '-' | '：' | '；') {
                    return None;
                }
                let k = entries.len() as u32;
                let mut e = Entry::new(Kind::Open, i, col, last, stats);
                if c == '(' {
                    if depth == MAX_DEPTH {
                        return None;
                    }
                    open[depth] = k;
                    depth += 1;
                } else {
                    e.kind = Kind::Close;
                    if depth > 0 {
                        depth -= 1;
                        e.partner = Some(open[depth]);
                        entries[open[depth] as usize].partner = Some(k);
                    }
                }
                entries.push(e);
            }
            ' ' => {
                if bytes.get(i + 1) == Some(&b' ') {
                    return None;
                }
                let mut e = Entry::new(Kind::Space, i, col, last, stats);
                e.before = prev;
                e.after = decode_at(bytes, i + 1).map_or('\0', |(c, _)| c);
                entries.push(e);
            }
            // Transparent, and changed by nothing.
            '\'' => {}
            // Controls, quotes and the starts of addresses and entities: the full passes
            // decide.
            '\0'..='\u{1F}' | '\u{7F}' | '"' | '@' | '&' => return None,
            '/' if bytes.get(i + 1) == Some(&b'/') => return None,
            'w' if bytes[i + 1..].starts_with(b"ww.") => return None,
            _ if c.is_ascii() => {
                stats.letters += u32::from(c.is_ascii_alphabetic());
                resolve(entries, &mut waiting, Side::Other);
                last = Side::Other;
            }
            // The frequent punctuation of Chinese text first, classed as the tests below
            // check chars.rs classes it.
            wide_marks!() => entries.push(Entry::new(Kind::Wide, i, col, last, stats)),
            quiet_marks!() => {}
            _ if is_cjk(c) => {
                stats.cjk += 1;
                resolve(entries, &mut waiting, Side::Cjk);
                last = Side::Cjk;
            }
            '（' | '）' => return None,
            _ if is_unicode_space(c) || is_invisible(c) || fold_fullwidth(c).is_some() => {
                return None
            }
            _ if is_transparent(c) => {}
            _ => {
                resolve(entries, &mut waiting, Side::Other);
                last = Side::Other;
            }
        }
        (prev2, prev) = (prev, c);
        i += len;
        col += 1;
    }
    Some(Scan {
        stats,
        chars: col - lead_chars - 1,
    })
}

/// `cjk::closes_chinese_words` for the ASCII mark at byte `i`, its previous character
/// `prev` and the one before `prev2`, in a line without runs of spaces.
fn closes_words(bytes: &[u8], i: usize, prev: char, prev2: char) -> bool {
    let (p, spaced) = if prev == ' ' {
        (prev2, true)
    } else {
        (prev, false)
    };
    let prev_ok = is_cjk(p) && (!spaced || rejects_space_after(p));
    let next_ok = match bytes.get(i + 1) {
        None => false,
        Some(b' ') => decode_at(bytes, i + 2)
            .is_some_and(|(c, _)| rejects_space_before(c) || is_context_mark(c)),
        Some(_) => true,
    };
    prev_ok && next_ok
}

/// The decisions of [`super::cjk`] and [`super::spaces`] for the entries of a simple
/// line, then the new line.
fn finish(
    inner: &str,
    lead_chars: u32,
    trail_chars: u32,
    scan: &Scan,
    entries: &mut [Entry],
) -> Option<(String, Tally)> {
    let chinese = is_chinese(scan.stats);
    let mut tally = Tally::default();
    if lead_chars + trail_chars > 0 {
        let column = if lead_chars > 0 { 1 } else { scan.chars + 1 };
        tally.note_many(RuleId::EdgeSpaces, column, lead_chars + trail_chars);
    }
    let mut changed = false;
    // Marks and brackets first: the spaces depend on what they become.
    for k in 0..entries.len() {
        let e = entries[k];
        let single_is_chinese = single_is_chinese(chinese, e.left, e.right);
        let new = match (e.kind, e.partner) {
            (Kind::Ascii, _) => (!e.protected && (single_is_chinese || e.closes_words))
                .then(|| to_fullwidth_mark(char::from(inner.as_bytes()[e.at])))
                .flatten(),
            (Kind::Wide, _) => single_is_latin(chinese, e.left, e.right)
                .then(|| decode_at(inner.as_bytes(), e.at).and_then(|(c, _)| to_ascii_mark(c)))
                .flatten(),
            (Kind::Open, Some(partner)) => {
                let close_index = partner as usize;
                let close = entries[close_index];
                let inside = close.preceding.since(e.preceding);
                if pair_is_chinese(chinese, inside, e.left, close.right) {
                    entries[k].new = Some('（');
                    entries[close_index].new = Some('）');
                    tally.note(RuleId::CjkPunctuation, e.col);
                    tally.note(RuleId::CjkPunctuation, close.col);
                    changed = true;
                }
                continue;
            }
            (Kind::Close, Some(_)) | (Kind::Space, _) => continue,
            (Kind::Open, None) => single_is_chinese.then_some('（'),
            (Kind::Close, None) => single_is_chinese.then_some('）'),
        };
        if let Some(new) = new {
            let rule = if e.kind == Kind::Wide {
                RuleId::FullwidthAscii
            } else {
                RuleId::CjkPunctuation
            };
            tally.note(rule, e.col);
            entries[k].new = Some(new);
            changed = true;
        }
    }
    // A space beside full-width punctuation goes.
    for k in 0..entries.len() {
        let e = entries[k];
        if e.kind != Kind::Space {
            continue;
        }
        // A mark or bracket beside the space is the entry beside it.
        let before = match k.checked_sub(1).map(|j| entries[j]) {
            Some(b) if b.kind != Kind::Space && b.at + b.len() == e.at => b.new.unwrap_or(e.before),
            _ => e.before,
        };
        let after = match entries.get(k + 1) {
            Some(a) if a.kind != Kind::Space && a.at == e.at + 1 => a.new.unwrap_or(e.after),
            _ => e.after,
        };
        if rejects_space_after(before) || rejects_space_before(after) {
            tally.note(RuleId::CjkPunctuationSpacing, e.col);
            entries[k].new = Some('\0');
            changed = true;
        }
    }
    let out = if changed {
        let mut out = String::with_capacity(inner.len() + 16);
        let mut copied = 0;
        for e in entries.iter() {
            let Some(new) = e.new else { continue };
            out.push_str(&inner[copied..e.at]);
            if new != '\0' {
                out.push(new);
            }
            copied = e.at + e.len();
        }
        out.push_str(&inner[copied..]);
        out
    } else if lead_chars + trail_chars > 0 {
        inner.to_string()
    } else {
        return None;
    };
    Some((out, tally))
}

#[cfg(test)]
mod tests;
