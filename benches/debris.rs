//! Throughput of the debris stage alone (one thread, every pack on) on Chinese news pages:
//! the seed pages as scraped, repeated to ~32 MB. Prints MB/s of input text.
//!
//! `cargo bench --bench debris`; `THRESH_BENCH_NORMALIZED=1` first runs decode and
//! normalize on each page (untimed), so debris sees the lines it sees in the pipeline.

use std::time::Instant;

use thresh::config::Settings;
use thresh::document::Document;
use thresh::registry::stage_info;

#[path = "common/cpu_time.rs"]
mod cpu_time;

fn corpus_text() -> Vec<String> {
    // The scraped seed pages when the evaluation set is beside the clone, else the samples.
    // `THRESH_BENCH_DIR` points at another folder of UTF-8 pages.
    let mut pages = Vec::new();
    let chosen = std::env::var("THRESH_BENCH_DIR").ok();
    let dirs: Vec<&str> = match &chosen {
        Some(dir) => vec![dir.as_str()],
        None => vec![
            "../shared/eval/seeds/input",
            "/work/shared/eval/seeds/input",
            "samples",
        ],
    };
    for dir in dirs {
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

/// CPU time of the current thread in seconds.
fn thread_cpu_seconds() -> Option<f64> {
    cpu_time::thread_cpu_time().map(|t| t.as_secs_f64())
}

fn main() {
    let pages = corpus_text();
    assert!(!pages.is_empty(), "no input pages found");
    let settings = Settings::default();
    let info = stage_info("debris").expect("debris is registered");
    let stage = (info.build)(&settings).expect("default settings build");
    let normalized = std::env::var_os("THRESH_BENCH_NORMALIZED").is_some();
    let before: Vec<_> = ["decode", "normalize"]
        .iter()
        .filter(|_| normalized)
        .map(|name| {
            let info = stage_info(name).expect("registered");
            (info.build)(&settings).expect("default settings build")
        })
        .collect();
    let mut docs = Vec::new();
    let mut bytes = 0usize;
    let mut i = 0;
    while bytes < 32 << 20 {
        let text = &pages[i % pages.len()];
        let mut doc = Document::default();
        if normalized {
            doc = Document::from_text("bench", text);
            for stage in &before {
                stage.apply(&mut doc).expect("bench pages decode");
            }
            doc.edits.clear();
        } else {
            doc.set_text(text);
            for block in &mut doc.blocks {
                block.text = block.text.trim().to_string();
            }
        }
        doc.blocks.retain(|b| !b.text.is_empty());
        bytes += text.len();
        docs.push(doc);
        i += 1;
    }
    for round in 0..3 {
        let mut batch = docs.clone();
        let cpu_started = thread_cpu_seconds();
        let started = Instant::now();
        let mut edits = 0;
        for doc in &mut batch {
            stage.apply(doc).expect("debris never fails");
            edits += doc.edits.len();
        }
        let secs = started.elapsed().as_secs_f64();
        let mb = bytes as f64 / 1e6;
        // On a shared machine wall time counts other processes too; CPU time of this thread
        // is what one core does.
        let cpu = match (cpu_started, thread_cpu_seconds()) {
            (Some(a), Some(b)) if b > a => format!(
                ", {:.1} MB/s per core (CPU time {:.2}s)",
                mb / (b - a),
                b - a
            ),
            _ => String::new(),
        };
        println!(
            "debris round {round}: {mb:.1} MB in {secs:.2}s wall = {:.1} MB/s{cpu} ({} docs, {edits} edits)",
            mb / secs,
            batch.len()
        );
    }
}
