//! The corpus signature cache: for every file `thresh check` compared against, the
//! near-duplicate signatures of its documents, so that checking a few changed files against
//! an already indexed corpus only cleans and signs the changed ones.
//!
//! Two [segment](segment) files: `corpus-v1.bin`, the base, and `corpus-v1.delta`, the files
//! signed since it was written. A run that changes a few files rewrites only the delta;
//! when the delta or the base's dead documents (changed or deleted files) pass an eighth of
//! the base, both are compacted into a new base. Every entry carries its file's stamp,
//! content hash and configuration hash, so an entry is used only while it is still true:
//! segments never need to agree with each other, and a crash between two writes loses
//! nothing but time.

mod segment;

use std::fs;
use std::ops::Range;
use std::path::{Path, PathBuf};

use xxhash_rust::xxh3::xxh3_64;

use self::segment::{FileEntry, Segment};
use super::{ensure_gitignore, FileStamp};
use crate::dups::{DupSettings, SignatureSet};

const BASE_FILE: &str = "corpus-v1.bin";
const DELTA_FILE: &str = "corpus-v1.delta";

/// Which signature set a document is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Part {
    Base,
    Delta,
    /// Signed in this run.
    Fresh,
}

/// Where one file's documents are: a range of one part's signature set.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Documents {
    pub part: Part,
    pub range: Range<usize>,
}

/// The signatures of one run's corpus: reused from earlier runs where files are unchanged,
/// added fresh for the rest.
pub struct CorpusCache {
    /// None: a cache that lives only for this run.
    dir: Option<PathBuf>,
    base: Segment,
    delta: Segment,
    fresh: Segment,
    /// Files of this run (absolute paths), in the order they were taken or added.
    live: Vec<(String, Part)>,
    /// The base could not be used (missing, unreadable, other version or settings).
    base_unusable: bool,
}

impl CorpusCache {
    /// Opens the cache in `dir` for signatures made with `settings`. Returns a warning when
    /// an existing cache could not be read (it is then rebuilt).
    pub fn open(dir: &Path, settings: &DupSettings) -> (CorpusCache, Option<String>) {
        let like = SignatureSet::new(settings);
        let mut warnings = Vec::new();
        let mut read = |name: &str| {
            let path = dir.join(name);
            match Segment::read(&path, &like) {
                Ok(segment) => segment,
                Err(reason) => {
                    warnings.push(format!(
                        "{}: unreadable cache, rebuilding it ({reason})",
                        path.display()
                    ));
                    None
                }
            }
        };
        let base = read(BASE_FILE);
        let delta = read(DELTA_FILE);
        let cache = CorpusCache {
            dir: Some(dir.to_path_buf()),
            base_unusable: base.is_none(),
            base: base.unwrap_or_else(|| Segment::empty(&like)),
            delta: delta.unwrap_or_else(|| Segment::empty(&like)),
            fresh: Segment::empty(&like),
            live: Vec::new(),
        };
        let warning = (!warnings.is_empty()).then(|| warnings.join("; "));
        (cache, warning)
    }

    /// A cache that starts empty and is never saved (`check --no-cache`).
    pub fn open_in_memory(settings: &DupSettings) -> CorpusCache {
        let like = SignatureSet::new(settings);
        CorpusCache {
            dir: None,
            base: Segment::empty(&like),
            delta: Segment::empty(&like),
            fresh: Segment::empty(&like),
            live: Vec::new(),
            base_unusable: true,
        }
    }

    /// Takes the cached signatures of `path` (absolute) into this run if the file has not
    /// changed since and was signed under configuration `config`. Reads the file only when
    /// its mtime changed but its size did not.
    pub fn reuse(&mut self, path: &Path, config: u64) -> Option<Documents> {
        self.reuse_stamped(path, FileStamp::of(path)?, config)
    }

    /// [`Self::reuse`] with the file's stamp already taken (callers stat many files in
    /// parallel).
    pub fn reuse_stamped(
        &mut self,
        path: &Path,
        stamp: FileStamp,
        config: u64,
    ) -> Option<Documents> {
        let key = path.to_str()?;
        for part in [Part::Delta, Part::Base] {
            let segment = self.segment(part);
            let Some(entry) = segment.files.get(key) else {
                continue;
            };
            if entry.config != config || entry.stamp.size != stamp.size {
                continue;
            }
            if entry.stamp != stamp {
                // Touched but maybe not changed: compare contents, and keep the new stamp
                // (as a fresh entry) so the next run need not read the file.
                let bytes = fs::read(path).ok()?;
                if xxh3_64(&bytes) != entry.content {
                    continue;
                }
                let mut set = segment.set.empty_like();
                for i in entry.documents() {
                    set.push_from(&segment.set, i);
                }
                let renumbered: Vec<(u64, usize)> = segment.lines[entry.documents()]
                    .iter()
                    .copied()
                    .zip(0..)
                    .collect();
                return Some(self.insert(path, config, &bytes, &renumbered, &set));
            }
            let range = entry.documents();
            self.live.push((key.to_string(), part));
            return Some(Documents { part, range });
        }
        None
    }

    /// Adds the freshly made signatures of `path` (read as `content`, under configuration
    /// `config`): `documents` holds each document's line in the file and its index in
    /// `signed`.
    pub fn insert(
        &mut self,
        path: &Path,
        config: u64,
        content: &[u8],
        documents: &[(u64, usize)],
        signed: &SignatureSet,
    ) -> Documents {
        let first = self.fresh.set.len();
        for &(line, i) in documents {
            self.fresh.set.push_from(signed, i);
            self.fresh.lines.push(line);
        }
        let range = first..self.fresh.set.len();
        // A path that is not UTF-8 is used in this run but not cached.
        if let (Some(stamp), Some(key)) = (FileStamp::of(path), path.to_str()) {
            self.fresh.files.insert(
                key.to_string(),
                FileEntry {
                    stamp,
                    content: xxh3_64(content),
                    config,
                    first,
                    count: documents.len(),
                },
            );
            self.live.push((key.to_string(), Part::Fresh));
        }
        Documents {
            part: Part::Fresh,
            range,
        }
    }

    /// The signatures of one part.
    pub fn set(&self, part: Part) -> &SignatureSet {
        &self.segment(part).set
    }

    /// Which documents of each part belong to this run's files.
    pub fn live_documents(&self) -> [(Part, Vec<bool>); 3] {
        let mut masks = [Part::Base, Part::Delta, Part::Fresh]
            .map(|part| (part, vec![false; self.segment(part).set.len()]));
        for (path, part) in &self.live {
            let slot = match part {
                Part::Base => 0,
                Part::Delta => 1,
                Part::Fresh => 2,
            };
            if let Some(entry) = self.segment(*part).files.get(path) {
                for i in entry.documents() {
                    masks[slot].1[i] = true;
                }
            }
        }
        masks
    }

    /// The line of document `i` of `part` in its file.
    pub fn line_of(&self, part: Part, i: usize) -> u64 {
        self.segment(part).lines.get(i).copied().unwrap_or(1)
    }

    fn segment(&self, part: Part) -> &Segment {
        match part {
            Part::Base => &self.base,
            Part::Delta => &self.delta,
            Part::Fresh => &self.fresh,
        }
    }

    /// Writes what changed: usually only the delta; a new base (and no delta) when the
    /// delta or the base's dead documents outgrow an eighth of the base.
    pub fn save(self) -> std::io::Result<()> {
        let Some(dir) = self.dir.clone() else {
            return Ok(());
        };
        if self.live.is_empty() {
            return Ok(());
        }
        let count = |part: Part| -> usize {
            self.live
                .iter()
                .filter(|(_, p)| *p == part)
                .filter_map(|(path, _)| self.segment(part).files.get(path))
                .map(|e| e.count)
                .sum()
        };
        let (live_base, live_delta) = (count(Part::Base), count(Part::Delta));
        let live_delta_files = self.live.iter().filter(|(_, p)| *p == Part::Delta).count();
        let fresh = self.fresh.set.len();
        let base_files = self.live.iter().filter(|(_, p)| *p == Part::Base).count();
        let delta_unchanged =
            fresh == 0 && self.fresh.files.is_empty() && live_delta_files == self.delta.files.len();
        if delta_unchanged && !self.base_unusable {
            return Ok(());
        }
        fs::create_dir_all(&dir)?;
        ensure_gitignore(&dir)?;
        let dead_base = self.base.set.len() - live_base;
        let base_size = self.base.set.len().max(self.base.files.len());
        let compact = self.base_unusable
            || (live_delta + fresh + dead_base) * 8 > base_size
            || base_files == 0;
        let entries = |parts: &'static [Part]| {
            self.live
                .iter()
                .filter(move |(_, p)| parts.contains(p))
                .filter_map(|(path, part)| {
                    let segment = self.segment(*part);
                    segment.files.get(path).map(|e| (path.as_str(), e, segment))
                })
        };
        if compact {
            Segment::write(
                &dir.join(BASE_FILE),
                &self.fresh.set,
                entries(&[Part::Base, Part::Delta, Part::Fresh]),
            )?;
            match fs::remove_file(dir.join(DELTA_FILE)) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
                _ => Ok(()),
            }
        } else {
            Segment::write(
                &dir.join(DELTA_FILE),
                &self.fresh.set,
                entries(&[Part::Delta, Part::Fresh]),
            )
        }
    }
}

#[cfg(test)]
mod tests;
