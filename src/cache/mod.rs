//! The check cache (`.thresh/`), keyed on the tool version and configuration, and per file
//! on its size, modification time and content hash (a file whose size and mtime are
//! unchanged is not even read). It holds what `thresh check` found in each file
//! ([`findings`]) and the near-duplicate signatures of the corpus ([`corpus`]). A missing,
//! stale or corrupt cache is rebuilt; it is never an error.

pub mod corpus;
mod findings;

use std::fs;
use std::path::Path;
use std::time::UNIX_EPOCH;

use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::xxh3_64;

use crate::config::Settings;
use crate::io::atomic::write_atomic;

pub use corpus::CorpusCache;
pub use findings::CheckCache;

/// What identifies a file's state.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileStamp {
    pub size: u64,
    pub mtime_ns: u64,
}

impl FileStamp {
    pub fn of(path: &Path) -> Option<FileStamp> {
        let meta = fs::metadata(path).ok()?;
        let mtime_ns = meta
            .modified()
            .ok()?
            .duration_since(UNIX_EPOCH)
            .ok()?
            .as_nanos() as u64;
        Some(FileStamp {
            size: meta.len(),
            mtime_ns,
        })
    }
}

/// A hash of the tool version and `settings`: a cache entry made under other settings or
/// another thresh version does not count.
pub fn config_hash(settings: &Settings) -> u64 {
    let text = format!("{}\n{}", env!("CARGO_PKG_VERSION"), settings.to_toml());
    xxh3_64(text.as_bytes())
}

/// Writes a `.gitignore` that keeps the cache folder out of git, unless there is one.
fn ensure_gitignore(dir: &Path) -> std::io::Result<()> {
    let ignore = dir.join(".gitignore");
    if !ignore.exists() {
        write_atomic(
            &ignore,
            b"# Created by thresh: the check cache is not for git.\n*\n",
        )?;
    }
    Ok(())
}
