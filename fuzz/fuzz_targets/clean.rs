//! The whole clean pipeline on arbitrary bytes, twice (the output cleaned again): never
//! panics, and the second clean changes nothing and reports nothing (the laws
//! `clean_is_idempotent` and `check_after_clean_is_empty` of tests/properties.rs).
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
    let mut again = thresh::document::Document::from_text("fuzz", &once);
    pipeline.run(&mut again).expect("clean output decodes");
    assert_eq!(again.render_text(), once, "a second clean changed the output");
    assert!(again.edits.is_empty(), "a second clean reported edits: {:?}", again.edits);
});
