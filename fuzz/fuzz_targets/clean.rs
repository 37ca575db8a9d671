//! The whole clean pipeline on arbitrary bytes: never panics, and cleaning is idempotent
//! (cleaning the output again changes nothing).
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
    assert_eq!(once, twice, "clean is not idempotent");
});
