//! The first pass of `clean` over a corpus: decode and normalize every document and count
//! its lines, so that lines recurring across many documents can be removed as learned
//! boilerplate (D901) in the second pass. Memory is bounded by the learner's capacity.

use std::io;

use crate::document::Source;
use crate::io::inputs::Input;
use crate::stages::debris::{BoilerplateLearner, LearnSettings, LearnedBoilerplate};

use super::{run, Observer, Outcome, OutputMode, PipelineFor, RunOptions};

/// Counts the lines of every document of `inputs` (standard input is skipped: it cannot be
/// read twice). `pipelines` should stop after normalize: debris must not see lines that the
/// first pass is still learning. Problems are ignored here; the second pass reports them.
pub fn learn_boilerplate(
    inputs: &[Input],
    pipelines: &dyn PipelineFor,
    settings: LearnSettings,
) -> io::Result<LearnedBoilerplate> {
    let readable: Vec<Input> = inputs.iter().filter(|i| !i.is_stdin()).cloned().collect();
    let mut observer = Learner(BoilerplateLearner::new(settings));
    let options = RunOptions {
        output: OutputMode::Discard,
        // Only lines are counted: the stages up to normalize, once.
        settle: false,
        ..RunOptions::default()
    };
    run(
        &readable,
        &options,
        pipelines,
        &mut io::sink(),
        &mut observer,
    )?;
    Ok(observer.0.finish())
}

struct Learner(BoilerplateLearner);

impl Observer for Learner {
    fn outcome(&mut self, outcome: Outcome<'_>) -> io::Result<()> {
        self.0.add_document(outcome.doc);
        Ok(())
    }

    fn error(&mut self, _: &str, _: &str, _: Option<&Source>, _: &str) -> io::Result<()> {
        Ok(())
    }

    fn skipped(&mut self, _: &str, _: &str) -> io::Result<()> {
        Ok(())
    }
}
