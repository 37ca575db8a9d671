//! The findings cache: per file, what `thresh check` found.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::xxh3_64;

use super::ensure_gitignore;
use super::FileStamp;
use crate::diagnostics::Diagnostic;
use crate::io::atomic::write_atomic;

const CACHE_FILE: &str = "check-v1.json";

#[derive(Clone, Debug, Serialize, Deserialize)]
struct Entry {
    /// Hash of the tool version and the settings the file was checked with.
    config: u64,
    stamp: FileStamp,
    content: u64,
    diagnostics: Vec<Diagnostic>,
}

#[derive(Default, Serialize, Deserialize)]
struct CacheFile {
    version: String,
    entries: HashMap<PathBuf, Entry>,
}

/// The cache of one check run.
pub struct CheckCache {
    dir: PathBuf,
    file: CacheFile,
    dirty: bool,
}

impl CheckCache {
    /// Opens the cache in `dir`. Returns a warning when an existing cache could not be read
    /// (it is then rebuilt).
    pub fn open(dir: &Path) -> (CheckCache, Option<String>) {
        let path = dir.join(CACHE_FILE);
        let mut warning = None;
        let file = match fs::read(&path) {
            Err(_) => CacheFile::default(),
            Ok(bytes) => match serde_json::from_slice::<CacheFile>(&bytes) {
                Ok(f) if f.version == env!("CARGO_PKG_VERSION") => f,
                Ok(_) => CacheFile::default(),
                Err(e) => {
                    warning = Some(format!(
                        "{}: unreadable cache, rebuilding it ({e})",
                        path.display()
                    ));
                    CacheFile::default()
                }
            },
        };
        (
            CheckCache {
                dir: dir.to_path_buf(),
                file,
                dirty: false,
            },
            warning,
        )
    }

    /// The cached findings for `path`, if it has not changed since and was checked with the
    /// same configuration. Reads the file only when its stamp changed but its size did not.
    pub fn lookup(&mut self, path: &Path, config: u64) -> Option<Vec<Diagnostic>> {
        let stamp = FileStamp::of(path)?;
        let entry = self.file.entries.get_mut(path)?;
        if entry.config != config || entry.stamp.size != stamp.size {
            return None;
        }
        if entry.stamp != stamp {
            // Touched but maybe not changed: compare contents.
            let bytes = fs::read(path).ok()?;
            if xxh3_64(&bytes) != entry.content {
                return None;
            }
            entry.stamp = stamp;
            self.dirty = true;
        }
        Some(entry.diagnostics.clone())
    }

    /// Records what was found in `path` (read as `content`).
    pub fn store(
        &mut self,
        path: &Path,
        config: u64,
        content: &[u8],
        diagnostics: Vec<Diagnostic>,
    ) {
        let Some(stamp) = FileStamp::of(path) else {
            return;
        };
        self.file.entries.insert(
            path.to_path_buf(),
            Entry {
                config,
                stamp,
                content: xxh3_64(content),
                diagnostics,
            },
        );
        self.dirty = true;
    }

    /// Writes the cache back (atomically) if it changed, with a `.gitignore` that keeps the
    /// folder out of git.
    pub fn save(mut self) -> std::io::Result<()> {
        if !self.dirty {
            return Ok(());
        }
        self.file.version = env!("CARGO_PKG_VERSION").to_string();
        ensure_gitignore(&self.dir)?;
        let bytes = serde_json::to_vec(&self.file).map_err(std::io::Error::other)?;
        write_atomic(&self.dir.join(CACHE_FILE), &bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(path: &str) -> Diagnostic {
        Diagnostic {
            path: path.into(),
            line: 1,
            column: 1,
            code: "E105".into(),
            rule: "line-ends".into(),
            message: "m".into(),
            document: path.into(),
            width: 0,
            source_line: None,
        }
    }

    #[test]
    fn hit_after_store_miss_after_change_or_other_config() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.txt");
        fs::write(&file, "one").unwrap();
        let cache_dir = dir.path().join(".thresh");
        let (mut cache, warning) = CheckCache::open(&cache_dir);
        assert!(warning.is_none());
        assert_eq!(cache.lookup(&file, 1), None);
        cache.store(&file, 1, b"one", vec![finding("a.txt")]);
        cache.save().unwrap();
        assert!(cache_dir.join(".gitignore").is_file());

        let (mut cache, _) = CheckCache::open(&cache_dir);
        assert_eq!(cache.lookup(&file, 1), Some(vec![finding("a.txt")]));
        assert_eq!(cache.lookup(&file, 2), None, "other configuration");
        fs::write(&file, "two!").unwrap();
        assert_eq!(cache.lookup(&file, 1), None, "changed content");
    }

    #[test]
    fn corrupt_cache_is_a_warning_and_a_rebuild() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join(CACHE_FILE), b"{not json").unwrap();
        let (cache, warning) = CheckCache::open(dir.path());
        assert!(warning.unwrap().contains("unreadable cache"));
        assert!(cache.file.entries.is_empty());
    }
}
