//! The pipeline: the registered stages, built from settings, applied in order.

mod settle;

use std::sync::Arc;

use crate::config::Settings;
use crate::document::Document;
use crate::error::{ConfigError, DocumentError};
use crate::registry::STAGES;
use crate::stage::Stage;

/// The stages of one configuration, ready to run on any number of documents (from any
/// number of threads).
pub struct Pipeline {
    stages: Vec<Box<dyn Stage>>,
    settings: Arc<Settings>,
}

impl Pipeline {
    /// Builds every registered stage that `settings` does not skip.
    pub fn new(settings: Settings) -> Result<Pipeline, ConfigError> {
        settings.validate().map_err(ConfigError::Invalid)?;
        let mut stages = Vec::new();
        for info in STAGES {
            // decode turns bytes into blocks: without it nothing else could run.
            if info.name != "decode" && !settings.stage_enabled(info.name) {
                continue;
            }
            stages.push((info.build)(&settings)?);
        }
        Ok(Pipeline {
            stages,
            settings: Arc::new(settings),
        })
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The names of the stages that run, in order.
    pub fn stage_names(&self) -> Vec<&'static str> {
        self.stages.iter().map(|s| s.name()).collect()
    }

    /// Runs every stage on `doc`, then settles the result (see [`Pipeline::settle`]).
    pub fn run(&self, doc: &mut Document) -> Result<(), DocumentError> {
        self.run_stages(doc)?;
        self.settle(doc)
    }

    /// Runs every stage once, in order, without settling the result: what `run` does
    /// before [`Pipeline::settle`] (for benches and tests of the stages themselves).
    pub fn run_stages(&self, doc: &mut Document) -> Result<(), DocumentError> {
        for stage in &self.stages {
            stage.apply(doc)?;
        }
        Ok(())
    }

    /// Makes the result a fixed point of cleaning: `clean(clean(x)) == clean(x)`.
    ///
    /// The stages decide from facts the output format drops: lines debris removed (a
    /// byline between two halves keeps them apart), blank lines inside an article, the
    /// original line numbers (which lines touched, which were printed inside a joined
    /// paragraph). Cleaning the output again sees only what the output carries: one
    /// paragraph per line and a blank line between articles, as UTF-8 that decode reads
    /// (and checks for mojibake) again. So every stage runs again on exactly that view of
    /// the result; whatever they still change there is what a second clean would change,
    /// and it is applied now, with its edits mapped back to the original lines. A round that changes nothing ends it; the bound keeps a
    /// pathological page from looping. Article boundaries a later round took back are no
    /// longer reported. A result that reads back as its own input (nothing changed, the
    /// input was laid out like the output) is a fixed point already and is not re-read.
    pub fn settle(&self, doc: &mut Document) -> Result<(), DocumentError> {
        if settle::reads_back_as_is(doc) {
            return Ok(());
        }
        for _ in 0..settle::MAX_ROUNDS {
            let mut view = settle::View::of(doc);
            // Output that does not read back (a second clean would refuse it too) is left
            // as the stages made it.
            if self.run_stages(view.doc_mut()).is_err() {
                break;
            }
            if view.unchanged() {
                break;
            }
            view.apply_to(doc);
        }
        settle::drop_reverted_splits(doc);
        Ok(())
    }

    /// Cleans one text and returns it in the output format (convenience for tests and
    /// library users).
    pub fn clean_text(&self, text: &str) -> Result<String, DocumentError> {
        let mut doc = Document::from_text("<memory>", text);
        self.run(&mut doc)?;
        Ok(doc.render_text())
    }
}

#[cfg(test)]
mod tests;
