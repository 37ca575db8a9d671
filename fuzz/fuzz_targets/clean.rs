//! The whole clean pipeline on arbitrary bytes, twice (the output cleaned again): never
//! panics. Idempotence is not asserted here yet: it is a known failure (tests/properties.rs,
//! and tests/fixtures/fuzz/ holds the first input this target found for it).
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use thresh::config::Settings;
use thresh::pipeline::Pipeline;

fn pipeline() -> &'static Pipeline {
    static PIPELINE: OnceLock<Pipeline> = OnceLock::new();
    PIPELINE.get_or_init(|| {
        let mut settings = Settings::default();
        settings.decode.lossy = true;
        Pipeline::new(settings).expect("default settings build")
    })
}

fuzz_target!(|data: &[u8]| {
    let pipeline = pipeline();
    let mut doc = thresh::document::Document::from_bytes("fuzz", thresh::document::Source::Memory, data.to_vec());
    if pipeline.run(&mut doc).is_err() {
        return;
    }
    let once = doc.render_text();
    let twice = pipeline.clean_text(&once).expect("clean output decodes");
    std::hint::black_box(twice);
});
