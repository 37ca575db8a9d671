//! The pipeline stages, one module each. The order they run in is in `registry.rs`.

pub mod debris;
pub mod articles;
pub mod decode;
pub mod normalize;
pub mod reflow;
