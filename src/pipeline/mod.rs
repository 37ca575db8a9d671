//! The pipeline: the registered stages, built from settings, applied in order.

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

    /// Runs every stage on `doc`.
    pub fn run(&self, doc: &mut Document) -> Result<(), DocumentError> {
        for stage in &self.stages {
            stage.apply(doc)?;
        }
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
