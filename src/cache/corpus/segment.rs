//! One cache file: a file table and the signatures of the files' documents.
//!
//! | bytes | content |
//! |---|---|
//! | 8 | magic `THRCORP1` |
//! | 8, 8 | length and xxh3 of the file table |
//! | … | file table (below) |
//! | … | a dups index file ([`SignatureSet::to_bytes`]): every file's documents, in table order |
//!
//! File table, little-endian: tool version (u32 length + UTF-8), file count (u64); per file:
//! path (u32 length + UTF-8), size, mtime (ns), content xxh3, configuration hash (u64 each),
//! document count (u32), then each document's line in the file (u64).

use std::collections::HashMap;
use std::fs::File;
use std::path::Path;

use xxhash_rust::xxh3::xxh3_64;

use crate::cache::FileStamp;
use crate::dups::SignatureSet;
use crate::io::atomic::write_atomic;

const MAGIC: &[u8; 8] = b"THRCORP1";

/// What the cache knows about one file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct FileEntry {
    pub stamp: FileStamp,
    pub content: u64,
    pub config: u64,
    /// Where its documents are in the segment's signature set (and line list).
    pub first: usize,
    pub count: usize,
}

impl FileEntry {
    pub fn documents(&self) -> std::ops::Range<usize> {
        self.first..self.first + self.count
    }
}

/// A file table and its signatures. Files are keyed by their absolute path as a string
/// (hashing a `Path` walks its components: too slow for 100k files per run).
pub(super) struct Segment {
    pub files: HashMap<String, FileEntry>,
    /// Line of each document in its file (1 for a text file, the record's line in JSONL).
    pub lines: Vec<u64>,
    pub set: SignatureSet,
}

impl Segment {
    pub fn empty(like: &SignatureSet) -> Segment {
        Segment {
            files: HashMap::new(),
            lines: Vec::new(),
            set: like.empty_like(),
        }
    }

    /// Reads a segment; `Ok(None)` when there is none, or it was written by another thresh
    /// version or with other signature settings than `like`'s (it is then ignored).
    pub fn read(path: &Path, like: &SignatureSet) -> Result<Option<Segment>, String> {
        let Ok(file) = File::open(path) else {
            return Ok(None);
        };
        // SAFETY: the map is only read while this function runs and everything is copied
        // out and checked against checksums; a file changed meanwhile at worst fails them.
        let map = unsafe { memmap2::Mmap::map(&file) }.map_err(|e| e.to_string())?;
        let segment = parse(&map, path)?;
        Ok(segment.filter(|s| s.set.comparable_with(like)))
    }

    /// Writes `entries` (path, entry, the segment holding its documents) as a segment
    /// file, atomically.
    pub fn write<'a>(
        path: &Path,
        like: &SignatureSet,
        entries: impl Iterator<Item = (&'a str, &'a FileEntry, &'a Segment)>,
    ) -> std::io::Result<()> {
        let mut table = Vec::new();
        put_str(&mut table, env!("CARGO_PKG_VERSION"));
        let mut set = like.empty_like();
        let mut files = Vec::new();
        for (name, entry, from) in entries {
            for i in entry.documents() {
                set.push_from(&from.set, i);
            }
            files.push((name, entry, from));
        }
        table.extend_from_slice(&(files.len() as u64).to_le_bytes());
        for (name, e, from) in files {
            put_str(&mut table, name);
            for v in [e.stamp.size, e.stamp.mtime_ns, e.content, e.config] {
                table.extend_from_slice(&v.to_le_bytes());
            }
            table.extend_from_slice(&(e.count as u32).to_le_bytes());
            for line in &from.lines[e.documents()] {
                table.extend_from_slice(&line.to_le_bytes());
            }
        }
        let signatures = set.to_bytes();
        let mut out = Vec::with_capacity(24 + table.len() + signatures.len());
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&(table.len() as u64).to_le_bytes());
        out.extend_from_slice(&xxh3_64(&table).to_le_bytes());
        out.extend_from_slice(&table);
        out.extend_from_slice(&signatures);
        write_atomic(path, &out)
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

/// The segment in `bytes`; `Ok(None)` for a segment of another thresh version.
fn parse(bytes: &[u8], path: &Path) -> Result<Option<Segment>, String> {
    if bytes.len() < 24 || &bytes[..8] != MAGIC {
        return Err("not a thresh corpus cache".into());
    }
    let mut head = Reader { bytes, at: 8 };
    let table_len = usize::try_from(head.u64()?).map_err(|_| "bad table length")?;
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
    let mut files = HashMap::with_capacity(usize::try_from(count).unwrap_or(0).min(1 << 24));
    let mut lines = Vec::with_capacity(set.len());
    let mut first = 0usize;
    for _ in 0..count {
        let file = r.string()?.to_string();
        let stamp = FileStamp {
            size: r.u64()?,
            mtime_ns: r.u64()?,
        };
        let content = r.u64()?;
        let config = r.u64()?;
        let n = r.u32()? as usize;
        for _ in 0..n {
            lines.push(r.u64()?);
        }
        files.insert(
            file,
            FileEntry {
                stamp,
                content,
                config,
                first,
                count: n,
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
    Ok(Some(Segment { files, lines, set }))
}
