//! Reading index files: every length is checked against the header before use, so a
//! truncated or damaged file is a clear error, never a panic.

use std::path::Path;

use xxhash_rust::xxh3::xxh3_64;

use super::{IndexError, Params, SignatureSet, HEADER_LEN, KEY_VERSION, MAGIC, VERSION};
use crate::dups::minhash::SKETCH_BINS;

/// Reads little-endian numbers from a byte slice, front to back.
struct Cursor<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Cursor<'a> {
    fn take(&mut self, len: usize) -> &'a [u8] {
        let out = &self.bytes[self.at..self.at + len];
        self.at += len;
        out
    }

    fn u32(&mut self) -> u32 {
        let mut b = [0; 4];
        b.copy_from_slice(self.take(4));
        u32::from_le_bytes(b)
    }

    fn u64(&mut self) -> u64 {
        let mut b = [0; 8];
        b.copy_from_slice(self.take(8));
        u64::from_le_bytes(b)
    }

    fn u64s(&mut self, n: usize) -> Vec<u64> {
        (0..n).map(|_| self.u64()).collect()
    }

    fn u32s(&mut self, n: usize) -> Vec<u32> {
        self.take(4 * n)
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect()
    }
}

pub(super) fn parse(bytes: &[u8], path: &Path) -> Result<SignatureSet, IndexError> {
    let corrupt = |reason: String| IndexError::Corrupt {
        path: path.to_path_buf(),
        reason,
    };
    if bytes.len() < 8 || &bytes[..8] != MAGIC {
        return Err(IndexError::NotAnIndex {
            path: path.to_path_buf(),
        });
    }
    if bytes.len() < HEADER_LEN {
        return Err(IndexError::Truncated {
            path: path.to_path_buf(),
            expected: HEADER_LEN as u64,
            actual: bytes.len() as u64,
        });
    }
    let mut c = Cursor { bytes, at: 8 };
    let version = c.u32();
    if version != VERSION {
        return Err(IndexError::UnsupportedVersion {
            path: path.to_path_buf(),
            found: version,
        });
    }
    let header_len = c.u32() as usize;
    if header_len != HEADER_LEN {
        return Err(corrupt(format!("header length {header_len}")));
    }
    let n = c.u64();
    let (shingle, weighted, min_paragraph_chars, bins, key_version, per_sentence) =
        (c.u32(), c.u32(), c.u32(), c.u32(), c.u32(), c.u32());
    let id_bytes = c.u64();
    let checksum = c.u64();
    if bins as usize != SKETCH_BINS || key_version != KEY_VERSION {
        return Err(IndexError::Mismatch {
            path: path.to_path_buf(),
            what: format!("{bins} sketch bins and key version {key_version} (this thresh: {SKETCH_BINS}, {KEY_VERSION})"),
        });
    }
    if weighted > 1 || shingle == 0 {
        return Err(corrupt(format!("shingle {shingle}, weighted {weighted}")));
    }
    // Sizes in u128 so that a damaged count cannot overflow.
    let n128 = n as u128;
    let expected = HEADER_LEN as u128
        + 8 * n128
        + 8 * n128
        + 4 * (n128 + n128 % 2)
        + 4 * SKETCH_BINS as u128 * n128
        + 8 * n128
        + id_bytes as u128;
    if expected != bytes.len() as u128 {
        return Err(if expected > bytes.len() as u128 {
            IndexError::Truncated {
                path: path.to_path_buf(),
                expected: u64::try_from(expected).unwrap_or(u64::MAX),
                actual: bytes.len() as u64,
            }
        } else {
            corrupt(format!(
                "{} bytes after the end announced by the header",
                bytes.len() as u128 - expected
            ))
        });
    }
    if xxh3_64(&bytes[HEADER_LEN..]) != checksum {
        return Err(corrupt("checksum mismatch".into()));
    }
    let n = n as usize;
    let simhashes = c.u64s(n);
    let text_chars = c.u64s(n);
    let shingles = c.u32s(n);
    if n % 2 == 1 {
        c.take(4);
    }
    let sketches = c.u32s(n * SKETCH_BINS);
    let ends = c.u64s(n);
    let id_data = c.take(id_bytes as usize);
    let mut ids = Vec::with_capacity(n);
    let mut start = 0u64;
    for &end in &ends {
        if end < start || end > id_bytes {
            return Err(corrupt(format!("id offsets out of order at {}", ids.len())));
        }
        let id = std::str::from_utf8(&id_data[start as usize..end as usize])
            .map_err(|_| corrupt(format!("id {} is not UTF-8", ids.len())))?;
        ids.push(id.to_string());
        start = end;
    }
    Ok(SignatureSet {
        params: Params {
            shingle,
            weighted: weighted == 1,
            min_paragraph_chars,
            per_sentence,
        },
        ids,
        text_chars,
        simhashes,
        shingles,
        sketches,
        first_new: n,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dups::DupSettings;

    fn sample() -> SignatureSet {
        let settings = DupSettings::default();
        let mut set = SignatureSet::new(&settings);
        set.add_text(
            "a.txt",
            "海上丝路与南汉国史料展21日在广州开幕，文物首次集中展出。",
        );
        set.add_text(
            "目录/b.txt",
            "The same story, republished with a new headline.",
        );
        set.add_text("c", "第三篇");
        set
    }

    #[test]
    fn index_file_round_trips() {
        let set = sample();
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("corpus.idx");
        set.save(&path).expect("save");
        let loaded = SignatureSet::load(&path).expect("load");
        assert_eq!(loaded.len(), 3);
        assert_eq!(loaded.loaded(), 3);
        for i in 0..3 {
            assert_eq!(loaded.id(i), set.id(i));
            assert_eq!(loaded.simhash(i), set.simhash(i));
            assert_eq!(loaded.sketch(i), set.sketch(i));
            assert_eq!(loaded.shingles(i), set.shingles(i));
            assert_eq!(loaded.text_chars(i), set.text_chars(i));
        }
    }

    #[test]
    fn shards_merge_ahead_of_new_documents() {
        let settings = DupSettings::default();
        let bytes = sample().to_bytes();
        let shard = SignatureSet::from_bytes(&bytes, Path::new("a.idx")).expect("parse");
        let mut set = SignatureSet::new(&settings);
        set.add_text("new", "一篇新文章");
        set.merge(shard.clone(), Path::new("a.idx")).expect("merge");
        set.merge(shard, Path::new("b.idx")).expect("merge");
        assert_eq!(set.len(), 7);
        assert_eq!(set.loaded(), 6);
        assert_eq!(set.id(6), "new");
        assert_eq!(set.id(3), "a.txt");
    }

    #[test]
    fn settings_mismatch_is_refused() {
        let bytes = sample().to_bytes();
        let shard = SignatureSet::from_bytes(&bytes, Path::new("a.idx")).expect("parse");
        let other = DupSettings {
            shingle: 5,
            ..DupSettings::default()
        };
        let err = SignatureSet::new(&other).merge(shard, Path::new("a.idx"));
        assert!(matches!(err, Err(IndexError::Mismatch { .. })));
    }

    #[test]
    fn truncated_or_corrupt_files_give_clear_errors() {
        let bytes = sample().to_bytes();
        let p = Path::new("x.idx");
        for cut in [0, 5, 20, HEADER_LEN, bytes.len() - 1] {
            let err = SignatureSet::from_bytes(&bytes[..cut], p).expect_err("must fail");
            let msg = err.to_string();
            assert!(msg.starts_with("x.idx: "), "{msg}");
            if cut >= 8 {
                assert!(msg.contains("truncated"), "{cut}: {msg}");
            }
        }
        let mut flipped = bytes.clone();
        let last = flipped.len() - 1;
        flipped[last] ^= 0x40;
        let msg = SignatureSet::from_bytes(&flipped, p)
            .expect_err("checksum")
            .to_string();
        assert!(msg.contains("corrupt"), "{msg}");
        let mut version = bytes.clone();
        version[8] = 9;
        assert!(matches!(
            SignatureSet::from_bytes(&version, p),
            Err(IndexError::UnsupportedVersion { found: 9, .. })
        ));
        let text = b"not an index at all, just some text";
        assert!(matches!(
            SignatureSet::from_bytes(text, p),
            Err(IndexError::NotAnIndex { .. })
        ));
    }
}
