//! Throughput of the debris stage alone (one thread, every pack on) on Chinese news pages:
//! the seed pages as scraped, repeated to ~32 MB. Prints MB/s of input text.
//!
//! `cargo bench --bench debris`

use std::time::Instant;

use thresh::config::Settings;
use thresh::document::Document;
use thresh::registry::stage_info;

fn corpus_text() -> Vec<String> {
    // The scraped seed pages when the evaluation set is beside the clone, else the samples.
    let mut pages = Vec::new();
    for dir in [
        "../shared/eval/seeds/input",
        "/work/shared/eval/seeds/input",
        "samples",
    ] {
        if let Ok(entries) = std::fs::read_dir(dir) {
            let mut paths: Vec<_> = entries.flatten().map(|e| e.path()).collect();
            paths.sort();
            for p in paths {
                if let Ok(t) = std::fs::read_to_string(&p) {
                    pages.push(t);
                }
            }
        }
        if !pages.is_empty() {
            break;
        }
    }
    pages
}

fn main() {
    let pages = corpus_text();
    assert!(!pages.is_empty(), "no input pages found");
    let settings = Settings::default();
    let info = stage_info("debris").expect("debris is registered");
    let stage = (info.build)(&settings).expect("default settings build");
    let mut docs = Vec::new();
    let mut bytes = 0usize;
    let mut i = 0;
    while bytes < 32 << 20 {
        let text = &pages[i % pages.len()];
        let mut doc = Document::default();
        doc.set_text(text);
        for block in &mut doc.blocks {
            block.text = block.text.trim().to_string();
        }
        doc.blocks.retain(|b| !b.text.is_empty());
        bytes += text.len();
        docs.push(doc);
        i += 1;
    }
    for round in 0..3 {
        let mut batch = docs.clone();
        let started = Instant::now();
        let mut edits = 0;
        for doc in &mut batch {
            stage.apply(doc).expect("debris never fails");
            edits += doc.edits.len();
        }
        let secs = started.elapsed().as_secs_f64();
        println!(
            "debris round {round}: {:.1} MB in {secs:.2}s = {:.1} MB/s ({} docs, {edits} edits)",
            bytes as f64 / 1e6,
            bytes as f64 / 1e6 / secs,
            batch.len()
        );
    }
}
