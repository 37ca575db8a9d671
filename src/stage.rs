//! The `Stage` trait: one step of the cleaning pipeline.

use crate::config::Settings;
use crate::document::Document;
use crate::error::DocumentError;
use crate::rules::RuleInfo;

/// One step of the pipeline. A stage changes the document's blocks and records every
/// change it makes as an [`Edit`](crate::document::Edit) in `doc.edits`.
pub trait Stage: Send + Sync {
    /// The stage's name, as in the registry (`"debris"`).
    fn name(&self) -> &'static str;

    /// Applies the stage to one document. An error is an error for this document only.
    fn apply(&self, doc: &mut Document) -> Result<(), DocumentError>;
}

/// A registry entry: what a stage is called, what rules it has, and how to build it.
pub struct StageInfo {
    pub name: &'static str,
    /// One line for `--help` and the docs.
    pub summary: &'static str,
    /// Every built-in rule code the stage can emit.
    pub rules: &'static [RuleInfo],
    /// Builds the stage from settings; a bad setting is a config error.
    pub build: fn(&Settings) -> Result<Box<dyn Stage>, crate::error::ConfigError>,
}
