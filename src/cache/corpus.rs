//! The corpus signature cache: for every file `thresh check` compared against, the
//! near-duplicate signatures of its documents, so that checking a few changed files against
//! an already indexed corpus only cleans and signs the changed ones.
//!
//! One file, `corpus-v1.bin`, written atomically:
//!
//! | bytes | content |
//! |---|---|
//! | 8 | magic `THRCORP1` |
//! | 8, 8 | length and xxh3 of the file table |
//! | … | file table (below) |
//! | … | a dups index file ([`SignatureSet::to_bytes`]): the documents of every file, in table order |
//!
//! File table, little-endian: tool version (u32 length + UTF-8), file count (u64); per file:
//! path (u32 length + UTF-8), size, mtime (ns), content xxh3, configuration hash (u64 each),
//! document count (u32), then each document's line in the file (u64).

use std::collections::HashMap;
use std::fs;
use std::ops::Range;
use std::path::{Path, PathBuf};

use xxhash_rust::xxh3::xxh3_64;

use super::{ensure_gitignore, FileStamp};
use crate::dups::{DupSettings, SignatureSet};
use crate::io::atomic::write_atomic;

const CACHE_FILE: &str = "corpus-v1.bin";
const MAGIC: &[u8; 8] = b"THRCORP1";

/// What the cache knows about one file.
#[derive(Clone, Debug, PartialEq, Eq)]
struct FileEntry {
    stamp: FileStamp,
    content: u64,
    config: u64,
    /// Line of each of the file's documents (1 for a text file, the record's line in JSONL).
    lines: Vec<u64>,
    /// Where its documents start in the signature set.
    first: usize,
}

/// The signatures of one run's corpus: reused from the previous run where files are
/// unchanged, added fresh for the rest. Only files seen in this run are saved.
pub struct CorpusCache {
    /// None: a cache that lives only for this run.
    dir: Option<PathBuf>,
    old_files: HashMap<PathBuf, FileEntry>,
    old_set: SignatureSet,
    files: Vec<(PathBuf, FileEntry)>,
    set: SignatureSet,
    /// Whether this run added or re-stamped anything (files the run did not see, still in
    /// `old_files` at the end, also make the cache worth rewriting).
    dirty: bool,
}

impl CorpusCache {
    /// Opens the cache in `dir` for signatures made with `settings`. Returns a warning when
    /// an existing cache could not be read (it is then rebuilt).
    pub fn open(dir: &Path, settings: &DupSettings) -> (CorpusCache, Option<String>) {
        let path = dir.join(CACHE_FILE);
        let empty = SignatureSet::new(settings);
        let (old_files, old_set, warning) = match fs::read(&path) {
            Err(_) => (HashMap::new(), empty.clone(), None),
            Ok(bytes) => match parse(&bytes, &path) {
                Ok(Some((files, set))) if set.comparable_with(&empty) => (files, set, None),
                // Another thresh version or other signature settings: start again quietly.
                Ok(_) => (HashMap::new(), empty.clone(), None),
                Err(reason) => (
                    HashMap::new(),
                    empty.clone(),
                    Some(format!(
                        "{}: unreadable cache, rebuilding it ({reason})",
                        path.display()
                    )),
                ),
            },
        };
        let dirty = warning.is_some();
        (
            CorpusCache {
                dir: Some(dir.to_path_buf()),
                old_files,
                old_set,
                files: Vec::new(),
                set: empty,
                dirty,
            },
            warning,
        )
    }

    /// A cache that starts empty and is never saved (`check --no-cache`).
    pub fn open_in_memory(settings: &DupSettings) -> CorpusCache {
        CorpusCache {
            dir: None,
            old_files: HashMap::new(),
            old_set: SignatureSet::new(settings),
            files: Vec::new(),
            set: SignatureSet::new(settings),
            dirty: false,
        }
    }

    /// Takes the cached signatures of `path` into this run if the file has not changed
    /// since and was signed under configuration `config`. Reads the file only when its
    /// mtime changed but its size did not. Returns where its documents are in [`Self::set`].
    pub fn reuse(&mut self, path: &Path, config: u64) -> Option<Range<usize>> {
        let stamp = FileStamp::of(path)?;
        let entry = self.old_files.get(path)?;
        if entry.config != config || entry.stamp.size != stamp.size {
            return None;
        }
        let touched = entry.stamp != stamp;
        if touched {
            let bytes = fs::read(path).ok()?;
            if xxh3_64(&bytes) != entry.content {
                return None;
            }
        }
        let entry = self.old_files.remove(path)?;
        let first = self.set.len();
        for i in entry.first..entry.first + entry.lines.len() {
            self.set.push_from(&self.old_set, i);
        }
        self.files.push((
            path.to_path_buf(),
            FileEntry {
                stamp,
                first,
                ..entry
            },
        ));
        if touched {
            self.dirty = true;
        }
        Some(first..self.set.len())
    }

    /// Adds the freshly made signatures of `path` (read as `content`, under configuration
    /// `config`): `documents` holds each document's line in the file and its signatures
    /// (in `signed`, at index `i`). Returns where they are in [`Self::set`].
    pub fn insert(
        &mut self,
        path: &Path,
        config: u64,
        content: &[u8],
        documents: &[(u64, usize)],
        signed: &SignatureSet,
    ) -> Range<usize> {
        let first = self.set.len();
        for &(_, i) in documents {
            self.set.push_from(signed, i);
        }
        self.dirty = true;
        if let Some(stamp) = FileStamp::of(path) {
            self.files.push((
                path.to_path_buf(),
                FileEntry {
                    stamp,
                    content: xxh3_64(content),
                    config,
                    lines: documents.iter().map(|&(line, _)| line).collect(),
                    first,
                },
            ));
        }
        first..self.set.len()
    }

    /// The signatures of every document taken or added in this run.
    pub fn set(&self) -> &SignatureSet {
        &self.set
    }

    /// The line of document `i` of [`Self::set`] in its file (1 when unknown).
    pub fn line_of(&self, i: usize) -> u64 {
        self.files
            .iter()
            .find(|(_, e)| (e.first..e.first + e.lines.len()).contains(&i))
            .map_or(1, |(_, e)| e.lines[i - e.first])
    }

    /// Writes the cache back (atomically) if it changed. Files not seen in this run are
    /// dropped from it.
    pub fn save(self) -> std::io::Result<()> {
        let Some(dir) = self.dir.clone() else {
            return Ok(());
        };
        if !self.dirty && self.old_files.is_empty() {
            return Ok(());
        }
        fs::create_dir_all(&dir)?;
        ensure_gitignore(&dir)?;
        let mut table = Vec::new();
        put_str(&mut table, env!("CARGO_PKG_VERSION"));
        let files: Vec<&(PathBuf, FileEntry)> = self
            .files
            .iter()
            .filter(|(p, _)| p.to_str().is_some())
            .collect();
        // Files whose path is not UTF-8 are not saved; their documents must not be either.
        let listed: usize = files.iter().map(|(_, e)| e.lines.len()).sum();
        let set = if files.len() == self.files.len() && listed == self.set.len() {
            self.set
        } else {
            let mut only = self.set.empty_like();
            for (_, e) in &files {
                for i in e.first..e.first + e.lines.len() {
                    only.push_from(&self.set, i);
                }
            }
            only
        };
        table.extend_from_slice(&(files.len() as u64).to_le_bytes());
        let mut first = 0usize;
        for (path, e) in &files {
            put_str(&mut table, path.to_str().unwrap_or_default());
            for v in [e.stamp.size, e.stamp.mtime_ns, e.content, e.config] {
                table.extend_from_slice(&v.to_le_bytes());
            }
            table.extend_from_slice(&(e.lines.len() as u32).to_le_bytes());
            for line in &e.lines {
                table.extend_from_slice(&line.to_le_bytes());
            }
            first += e.lines.len();
        }
        debug_assert_eq!(first, set.len());
        let mut out = Vec::with_capacity(24 + table.len() + set.len() * 1100);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&(table.len() as u64).to_le_bytes());
        out.extend_from_slice(&xxh3_64(&table).to_le_bytes());
        out.extend_from_slice(&table);
        out.extend_from_slice(&set.to_bytes());
        write_atomic(&dir.join(CACHE_FILE), &out)
    }
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    out.extend_from_slice(&(s.len() as u32).to_le_bytes());
    out.extend_from_slice(s.as_bytes());
}

/// Reads little-endian values, failing (never panicking) past the end.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], String> {
        let end = self.at.checked_add(n).filter(|&e| e <= self.bytes.len());
        let end = end.ok_or_else(|| "truncated file table".to_string())?;
        let out = &self.bytes[self.at..end];
        self.at = end;
        Ok(out)
    }

    fn u32(&mut self) -> Result<u32, String> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn u64(&mut self) -> Result<u64, String> {
        let mut b = [0; 8];
        b.copy_from_slice(self.take(8)?);
        Ok(u64::from_le_bytes(b))
    }

    fn string(&mut self) -> Result<&'a str, String> {
        let len = self.u32()? as usize;
        std::str::from_utf8(self.take(len)?).map_err(|_| "a path is not UTF-8".to_string())
    }
}

type Parsed = (HashMap<PathBuf, FileEntry>, SignatureSet);

/// The cached files and signatures; `Ok(None)` for a cache of another thresh version.
fn parse(bytes: &[u8], path: &Path) -> Result<Option<Parsed>, String> {
    if bytes.len() < 24 || &bytes[..8] != MAGIC {
        return Err("not a thresh corpus cache".into());
    }
    let mut head = Reader { bytes, at: 8 };
    let table_len = head.u64()? as usize;
    let checksum = head.u64()?;
    let table = head.take(table_len)?;
    if xxh3_64(table) != checksum {
        return Err("file table checksum mismatch".into());
    }
    let mut r = Reader {
        bytes: table,
        at: 0,
    };
    if r.string()? != env!("CARGO_PKG_VERSION") {
        return Ok(None);
    }
    let set = SignatureSet::from_bytes(&bytes[head.at..], path).map_err(|e| e.to_string())?;
    let count = r.u64()?;
    let mut files = HashMap::new();
    let mut first = 0usize;
    for _ in 0..count {
        let file = PathBuf::from(r.string()?);
        let stamp = FileStamp {
            size: r.u64()?,
            mtime_ns: r.u64()?,
        };
        let content = r.u64()?;
        let config = r.u64()?;
        let n = r.u32()? as usize;
        let lines = (0..n).map(|_| r.u64()).collect::<Result<Vec<_>, _>>()?;
        files.insert(
            file,
            FileEntry {
                stamp,
                content,
                config,
                lines,
                first,
            },
        );
        first += n;
    }
    if first != set.len() {
        return Err(format!(
            "the file table lists {first} documents, the signatures {}",
            set.len()
        ));
    }
    Ok(Some((files, set)))
}

#[cfg(test)]
mod tests {
    use super::*;

    const STORY: &str = "海上丝路与南汉国史料展21日在广州开幕，南汉开国皇帝刘龑相关的墓志拓片、宫殿建筑构件等120余件文物首次集中展出。";

    fn signed(text: &str) -> SignatureSet {
        let mut set = SignatureSet::new(&DupSettings::default());
        assert!(set.add_text("doc", text));
        set
    }

    #[test]
    fn unchanged_files_are_reused_changed_ones_are_not() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a.txt"), dir.path().join("b.txt"));
        fs::write(&a, STORY).unwrap();
        fs::write(&b, "other").unwrap();
        let cache_dir = dir.path().join(".thresh");
        let settings = DupSettings::default();

        let (mut cache, warning) = CorpusCache::open(&cache_dir, &settings);
        assert!(warning.is_none());
        assert_eq!(cache.reuse(&a, 7), None);
        let range = cache.insert(&a, 7, STORY.as_bytes(), &[(1, 0)], &signed(STORY));
        assert_eq!(range, 0..1);
        cache.insert(&b, 7, b"other", &[], &signed(STORY));
        let simhash = cache.set().simhash(0);
        cache.save().unwrap();
        assert!(cache_dir.join(".gitignore").is_file());

        let (mut cache, warning) = CorpusCache::open(&cache_dir, &settings);
        assert!(warning.is_none());
        assert_eq!(cache.reuse(&b, 8), None, "other configuration");
        assert_eq!(cache.reuse(&b, 7), Some(0..0), "a file without documents");
        assert_eq!(cache.reuse(&a, 7), Some(0..1));
        assert_eq!(cache.set().simhash(0), simhash);
        assert_eq!(cache.line_of(0), 1);
        cache.save().unwrap();

        fs::write(&a, format!("{STORY}!")).unwrap();
        let (mut cache, _) = CorpusCache::open(&cache_dir, &settings);
        assert_eq!(cache.reuse(&a, 7), None, "changed content");
    }

    #[test]
    fn corrupt_cache_is_a_warning_and_a_rebuild() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(
            dir.path().join(CACHE_FILE),
            b"THRCORP1garbage-garbage-garbage",
        )
        .unwrap();
        let (cache, warning) = CorpusCache::open(dir.path(), &DupSettings::default());
        assert!(warning.unwrap().contains("unreadable cache"));
        assert!(cache.set().is_empty());
    }

    #[test]
    fn other_signature_settings_start_afresh() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.txt");
        fs::write(&a, STORY).unwrap();
        let (mut cache, _) = CorpusCache::open(dir.path(), &DupSettings::default());
        cache.insert(&a, 1, STORY.as_bytes(), &[(1, 0)], &signed(STORY));
        cache.save().unwrap();
        let other = DupSettings {
            shingle: 5,
            ..DupSettings::default()
        };
        let (mut cache, warning) = CorpusCache::open(dir.path(), &other);
        assert!(warning.is_none());
        assert_eq!(cache.reuse(&a, 1), None);
    }
}
