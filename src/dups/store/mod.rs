//! The signatures of a corpus, in memory and on disk.
//!
//! An index file holds, for every document, its id, text length, simhash, distinct-shingle
//! count and MinHash sketch: everything a later run needs to check new documents against
//! the corpus without reading it again. Files from shards merge by concatenation.
//!
//! Format (version 1, little-endian, every section 8-byte aligned so the file can be
//! memory-mapped and read in place):
//!
//! | bytes | content |
//! |---|---|
//! | 8 | magic `THRSHDUP` |
//! | 4, 4 | format version, header length (64) |
//! | 8 | document count `n` |
//! | 4 × 4 | shingle size, weighted (0/1), min paragraph chars, sketch bins |
//! | 4, 4 | key version, shingles per sentence |
//! | 8 | length of the id bytes |
//! | 8 | xxh3 checksum of everything after the header |
//! | 8n | simhashes |
//! | 8n | text lengths (characters) |
//! | 4n (+4 padding when n is odd) | distinct shingles |
//! | 4 × bins × n | sketches |
//! | 8n | end offset of each id in the id bytes |
//! | … | ids, UTF-8 |

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

use thiserror::Error;
use xxhash_rust::xxh3::xxh3_64;

mod read;

use super::fingerprint::{fingerprint, Fingerprint};
use super::key::Key;
use super::minhash::SKETCH_BINS;
use super::DupSettings;

const MAGIC: &[u8; 8] = b"THRSHDUP";
const VERSION: u32 = 1;
const HEADER_LEN: usize = 64;
/// Bumped whenever the canonical key changes, so old signatures are never compared with
/// new ones.
const KEY_VERSION: u32 = 1;

/// A problem with an index file.
#[derive(Debug, Error)]
pub enum IndexError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: not a thresh dups index (bad magic bytes)")]
    NotAnIndex { path: PathBuf },
    #[error("{path}: index format version {found}, this thresh reads version {VERSION}")]
    UnsupportedVersion { path: PathBuf, found: u32 },
    #[error("{path}: index file is truncated: {actual} bytes, the header announces {expected}")]
    Truncated {
        path: PathBuf,
        expected: u64,
        actual: u64,
    },
    #[error("{path}: index file is corrupt: {reason}")]
    Corrupt { path: PathBuf, reason: String },
    #[error("{path}: index was built with {what}; rebuild it or use the same settings")]
    Mismatch { path: PathBuf, what: String },
}

/// The signature parameters that must agree for two sets to be compared.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Params {
    shingle: u32,
    weighted: bool,
    min_paragraph_chars: u32,
    per_sentence: u32,
}

impl Params {
    fn of(settings: &DupSettings) -> Params {
        Params {
            shingle: settings.shingle as u32,
            weighted: settings.weighted,
            min_paragraph_chars: settings.min_paragraph_chars as u32,
            per_sentence: settings.per_sentence as u32,
        }
    }
}

/// The signatures of a set of documents: those loaded from index files first, then the
/// new ones added in this run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignatureSet {
    params: Params,
    ids: Vec<String>,
    text_chars: Vec<u64>,
    simhashes: Vec<u64>,
    shingles: Vec<u32>,
    /// `SKETCH_BINS` values per document, back to back.
    sketches: Vec<u32>,
    /// Documents before this index came from index files.
    first_new: usize,
}

impl SignatureSet {
    /// An empty set for signatures made with `settings`.
    pub fn new(settings: &DupSettings) -> SignatureSet {
        SignatureSet {
            params: Params::of(settings),
            ids: Vec::new(),
            text_chars: Vec::new(),
            simhashes: Vec::new(),
            shingles: Vec::new(),
            sketches: Vec::new(),
            first_new: 0,
        }
    }

    /// Number of documents.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// How many documents came from index files (they come first).
    pub fn loaded(&self) -> usize {
        self.first_new
    }

    pub fn id(&self, i: usize) -> &str {
        &self.ids[i]
    }

    pub fn simhash(&self, i: usize) -> u64 {
        self.simhashes[i]
    }

    pub fn text_chars(&self, i: usize) -> u64 {
        self.text_chars[i]
    }

    pub fn shingles(&self, i: usize) -> u32 {
        self.shingles[i]
    }

    pub fn sketch(&self, i: usize) -> &[u32] {
        &self.sketches[i * SKETCH_BINS..(i + 1) * SKETCH_BINS]
    }

    pub(crate) fn simhashes(&self) -> &[u64] {
        &self.simhashes
    }

    pub(crate) fn sketches(&self) -> &[u32] {
        &self.sketches
    }

    /// Adds a fingerprinted document.
    pub fn push(&mut self, id: impl Into<String>, text_chars: u64, fp: &Fingerprint) {
        self.ids.push(id.into());
        self.text_chars.push(text_chars);
        self.simhashes.push(fp.simhash);
        self.shingles.push(fp.shingles);
        self.sketches.extend_from_slice(&fp.sketch);
    }

    /// Copies document `i` of `other` (signed with the same settings) to the end.
    pub fn push_from(&mut self, other: &SignatureSet, i: usize) {
        debug_assert_eq!(self.params, other.params);
        self.ids.push(other.ids[i].clone());
        self.text_chars.push(other.text_chars[i]);
        self.simhashes.push(other.simhashes[i]);
        self.shingles.push(other.shingles[i]);
        self.sketches.extend_from_slice(other.sketch(i));
    }

    /// An empty set with the same signature settings.
    pub fn empty_like(&self) -> SignatureSet {
        SignatureSet {
            params: self.params,
            ..SignatureSet::new(&DupSettings::default())
        }
    }

    /// Whether the signatures of `other` were made with the same settings as these.
    pub fn comparable_with(&self, other: &SignatureSet) -> bool {
        self.params == other.params
    }

    /// Adds a cleaned text (one paragraph per line). Returns false, adding nothing, when the
    /// text has no letter, digit or ideograph.
    pub fn add_text(&mut self, id: impl Into<String>, text: &str) -> bool {
        let settings = self.signing_settings();
        match sign(text.lines(), &settings) {
            Some((chars, fp)) => {
                self.push(id, chars, &fp);
                true
            }
            None => false,
        }
    }

    /// The settings documents are signed with in this set (its stored parameters).
    pub fn signing_settings(&self) -> DupSettings {
        DupSettings {
            shingle: self.params.shingle as usize,
            weighted: self.params.weighted,
            min_paragraph_chars: self.params.min_paragraph_chars as usize,
            per_sentence: self.params.per_sentence as usize,
            ..DupSettings::default()
        }
    }

    /// Appends the documents of `other` (an index loaded from a shard). Both sets must use
    /// the same signature settings; loaded documents stay ahead of new ones.
    pub fn merge(&mut self, other: SignatureSet, path: &Path) -> Result<(), IndexError> {
        if other.params != self.params {
            return Err(IndexError::Mismatch {
                path: path.to_path_buf(),
                what: format!("{:?}, this run uses {:?}", other.params, self.params),
            });
        }
        let mut merged = other;
        // Loaded documents go first: rebuild as loaded(self) + other + new(self).
        let new = self.split_off(self.first_new);
        self.ids.append(&mut merged.ids);
        self.text_chars.append(&mut merged.text_chars);
        self.simhashes.append(&mut merged.simhashes);
        self.shingles.append(&mut merged.shingles);
        self.sketches.append(&mut merged.sketches);
        self.first_new = self.len();
        self.append_new(new);
        Ok(())
    }

    fn split_off(&mut self, at: usize) -> SignatureSet {
        SignatureSet {
            params: self.params,
            ids: self.ids.split_off(at),
            text_chars: self.text_chars.split_off(at),
            simhashes: self.simhashes.split_off(at),
            shingles: self.shingles.split_off(at),
            sketches: self.sketches.split_off(at * SKETCH_BINS),
            first_new: 0,
        }
    }

    fn append_new(&mut self, mut new: SignatureSet) {
        self.ids.append(&mut new.ids);
        self.text_chars.append(&mut new.text_chars);
        self.simhashes.append(&mut new.simhashes);
        self.shingles.append(&mut new.shingles);
        self.sketches.append(&mut new.sketches);
    }

    /// Writes every document (loaded and new) to an index file, atomically.
    pub fn save(&self, path: &Path) -> Result<(), IndexError> {
        let io = |source| IndexError::Io {
            path: path.to_path_buf(),
            source,
        };
        let dir = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(io)?;
        let bytes = self.to_bytes();
        tmp.write_all(&bytes).map_err(io)?;
        tmp.persist(path).map_err(|e| io(e.error))?;
        Ok(())
    }

    /// The index file contents.
    pub fn to_bytes(&self) -> Vec<u8> {
        let n = self.len();
        let mut body = Vec::with_capacity(n * (SKETCH_BINS * 4 + 48));
        for v in &self.simhashes {
            body.extend_from_slice(&v.to_le_bytes());
        }
        for v in &self.text_chars {
            body.extend_from_slice(&v.to_le_bytes());
        }
        for v in &self.shingles {
            body.extend_from_slice(&v.to_le_bytes());
        }
        if n % 2 == 1 {
            body.extend_from_slice(&[0; 4]);
        }
        for v in &self.sketches {
            body.extend_from_slice(&v.to_le_bytes());
        }
        let mut end = 0u64;
        for id in &self.ids {
            end += id.len() as u64;
            body.extend_from_slice(&end.to_le_bytes());
        }
        for id in &self.ids {
            body.extend_from_slice(id.as_bytes());
        }
        let mut out = Vec::with_capacity(HEADER_LEN + body.len());
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&VERSION.to_le_bytes());
        out.extend_from_slice(&(HEADER_LEN as u32).to_le_bytes());
        out.extend_from_slice(&(n as u64).to_le_bytes());
        for v in [
            self.params.shingle,
            u32::from(self.params.weighted),
            self.params.min_paragraph_chars,
            SKETCH_BINS as u32,
            KEY_VERSION,
            self.params.per_sentence,
        ] {
            out.extend_from_slice(&v.to_le_bytes());
        }
        out.extend_from_slice(&end.to_le_bytes());
        out.extend_from_slice(&xxh3_64(&body).to_le_bytes());
        out.extend_from_slice(&body);
        out
    }

    /// Reads an index file (memory-mapped). Every document in it counts as loaded.
    pub fn load(path: &Path) -> Result<SignatureSet, IndexError> {
        let file = File::open(path).map_err(|source| IndexError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        // SAFETY: the map is only read while this function runs, and everything is copied
        // out and checked against the checksum; a file changed meanwhile at worst fails it.
        let map = unsafe { memmap2::Mmap::map(&file) }.map_err(|source| IndexError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        SignatureSet::from_bytes(&map, path)
    }

    /// Parses index file contents; `path` is only used in errors.
    pub fn from_bytes(bytes: &[u8], path: &Path) -> Result<SignatureSet, IndexError> {
        read::parse(bytes, path)
    }
}

/// The key length and fingerprint of a cleaned text given as paragraphs, or `None` when it
/// has nothing to sign.
pub fn sign<'a>(
    paragraphs: impl IntoIterator<Item = &'a str> + Clone,
    settings: &DupSettings,
) -> Option<(u64, Fingerprint)> {
    let text_chars: u64 = paragraphs
        .clone()
        .into_iter()
        .map(|p| p.chars().count() as u64)
        .sum();
    let key = Key::from_paragraphs(paragraphs, settings.min_paragraph_chars);
    let fp = fingerprint(&key, settings.shingle_options())?;
    Some((text_chars, fp))
}
