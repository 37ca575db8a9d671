//! Typed errors of the library. The CLI wraps them with `anyhow` at the edge.

use std::path::PathBuf;

use thiserror::Error;

/// Something wrong with one input document. The run goes on with the other inputs.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum DocumentError {
    #[error("binary file (NUL byte at offset {offset})")]
    Binary { offset: usize },
    #[error("cannot be decoded as {encoding}: {count} invalid byte sequence(s), first at byte {first_offset} (use --lossy to replace them, or --encoding LABEL)")]
    Undecodable {
        encoding: String,
        count: u64,
        first_offset: usize,
    },
    #[error("unknown encoding label {0:?}")]
    UnknownEncoding(String),
    #[error("{0}")]
    Other(String),
}

/// A bad configuration: names the file and line when it came from a file.
#[derive(Debug, Error)]
pub enum ConfigError {
    #[error("{path}: {message}")]
    File { path: PathBuf, message: String },
    #[error("{0}")]
    Invalid(String),
}
