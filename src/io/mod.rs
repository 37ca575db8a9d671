//! Reading inputs and writing outputs: which files a run covers, JSONL records, compressed
//! streams and atomic writes. The stages never see any of this.

pub mod atomic;
pub mod compression;
pub mod inputs;
pub mod jsonl;
