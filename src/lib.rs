//! thresh turns scraped web text into clean corpus documents and finds near-duplicate
//! articles.
//!
//! The pipeline is `decode → normalize → debris → reflow → repeats → articles`; each step
//! is a [`Stage`](stage::Stage) listed in [`registry::STAGES`]. A [`Document`](document::Document)
//! holds the text as blocks that remember their original line range, and every change a stage
//! makes is recorded as an [`Edit`](document::Edit).
//!
//! ```
//! use thresh::{config::Settings, pipeline::Pipeline};
//! let pipeline = Pipeline::new(Settings::default()).unwrap();
//! assert_eq!(pipeline.clean_text("  第一段。\n\n第二段。\n").unwrap(), "第一段。\n第二段。\n");
//! ```

#![deny(clippy::print_stdout, clippy::print_stderr)]

pub mod cache;
pub mod config;
pub mod diagnostics;
pub mod document;
pub mod dups;
pub mod error;
pub mod io;
pub mod pipeline;
pub mod registry;
pub mod report;
pub mod rules;
pub mod runner;
pub mod stage;
pub mod stages;
#[cfg(feature = "testing")]
pub mod testing;
