//! What settling costs: whole-pipeline throughput (one thread, default settings) with the
//! stages run once (`Pipeline::run_stages`) and with the result settled as `clean` does
//! (`Pipeline::run`), in MB/s of input, plus how many documents settling changed; then the
//! same on the cleaned pages (a cleaned corpus, as `thresh check` sees it).
//!
//! Text: the eval inputs beside the clone (`../shared/eval/*/input`) and the bundled
//! samples, each a page-sized document, repeated to ~8 MB. `cargo bench --bench idem`

use std::path::Path;
use std::time::{Duration, Instant};

use thresh::config::Settings;
use thresh::document::{Document, Source};
use thresh::pipeline::Pipeline;

fn pages() -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    // The eval set sits beside a clone (`../shared`) or beside the worktrees (`../../shared`).
    for dir in [
        "../shared/eval/dev/input",
        "../shared/eval/seeds/input",
        "../../shared/eval/dev/input",
        "../../shared/eval/seeds/input",
        "samples",
    ] {
        let Ok(entries) = std::fs::read_dir(Path::new(dir)) else {
            continue;
        };
        let mut paths: Vec<_> = entries.flatten().map(|e| e.path()).collect();
        paths.sort();
        for path in paths {
            if let Ok(bytes) = std::fs::read(&path) {
                out.push(bytes);
            }
        }
    }
    out
}

fn measure(docs: &[Vec<u8>], mut f: impl FnMut(&[u8])) -> String {
    let size: usize = docs.iter().map(Vec::len).sum();
    let start = Instant::now();
    let mut rounds = 0;
    while rounds == 0 || start.elapsed() < Duration::from_secs(3) {
        for doc in docs {
            f(doc);
        }
        rounds += 1;
    }
    let mb = (size * rounds) as f64 / (1024.0 * 1024.0);
    format!("{:.2} MB/s", mb / start.elapsed().as_secs_f64())
}

fn main() {
    let base = pages();
    assert!(!base.is_empty(), "no bench text found");
    let mut docs = Vec::new();
    while docs.iter().map(Vec::len).sum::<usize>() < 8 << 20 {
        docs.extend(base.iter().cloned());
    }
    let mut settings = Settings::default();
    settings.decode.lossy = true;
    let pipeline = Pipeline::new(settings).expect("default pipeline builds");
    let mut settled_differently = 0;
    for bytes in &base {
        let mut once = Document::from_bytes("bench", Source::Memory, bytes.clone());
        if pipeline.run_stages(&mut once).is_err() {
            continue;
        }
        let mut settled = Document::from_bytes("bench", Source::Memory, bytes.clone());
        pipeline.run(&mut settled).expect("ran once already");
        settled_differently += usize::from(once.render_text() != settled.render_text());
    }
    let stages = measure(&docs, |bytes| {
        let mut doc = Document::from_bytes("bench", Source::Memory, bytes.to_vec());
        let _ = pipeline.run_stages(&mut doc);
        std::hint::black_box(doc);
    });
    let settled = measure(&docs, |bytes| {
        let mut doc = Document::from_bytes("bench", Source::Memory, bytes.to_vec());
        let _ = pipeline.run(&mut doc);
        std::hint::black_box(doc);
    });
    println!(
        "{} page-sized documents ({:.1} MB); settling changed {settled_differently} of {} distinct pages\n  stages once      {stages}\n  stages + settle  {settled}",
        docs.len(),
        docs.iter().map(Vec::len).sum::<usize>() as f64 / (1024.0 * 1024.0),
        base.len()
    );
    // The same pages once cleaned (what `thresh check` sees in a cleaned corpus).
    let cleaned: Vec<Vec<u8>> = docs
        .iter()
        .filter_map(|bytes| {
            let mut doc = Document::from_bytes("bench", Source::Memory, bytes.clone());
            pipeline.run(&mut doc).ok()?;
            Some(doc.render_text().into_bytes())
        })
        .collect();
    let stages = measure(&cleaned, |bytes| {
        let mut doc = Document::from_bytes("bench", Source::Memory, bytes.to_vec());
        let _ = pipeline.run_stages(&mut doc);
        std::hint::black_box(doc);
    });
    let settled = measure(&cleaned, |bytes| {
        let mut doc = Document::from_bytes("bench", Source::Memory, bytes.to_vec());
        let _ = pipeline.run(&mut doc);
        std::hint::black_box(doc);
    });
    println!(
        "the same pages cleaned ({:.1} MB)\n  stages once      {stages}\n  stages + settle  {settled}",
        cleaned.iter().map(Vec::len).sum::<usize>() as f64 / (1024.0 * 1024.0),
    );
}
