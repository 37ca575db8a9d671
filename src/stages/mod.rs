//! The pipeline stages, one module each. The order they run in is in `registry.rs`.

pub mod articles;
pub mod debris;
pub mod decode;
pub mod normalize;
pub mod reflow;
pub mod repeats;
