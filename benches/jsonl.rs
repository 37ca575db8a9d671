//! JSONL read + write throughput (one thread): parse each record, take its text, render the
//! record again with the text replaced — the I/O layer of `thresh clean` on shards, without
//! the cleaning stages. Prints MB/s of input.
//!
//! `cargo bench --bench jsonl`

use std::hint::black_box;
use std::io::{BufRead, Write};
use std::time::Instant;

use thresh::io::compression::Compression;
use thresh::io::jsonl::Record;

fn corpus_text() -> String {
    // Real page text when the evaluation set is beside the clone, else the bundled samples.
    let mut text = String::new();
    for dir in ["../shared/eval/dev/gold", "samples"] {
        if let Ok(entries) = std::fs::read_dir(dir) {
            let mut paths: Vec<_> = entries.flatten().map(|e| e.path()).collect();
            paths.sort();
            for p in paths {
                if let Ok(t) = std::fs::read_to_string(&p) {
                    text.push_str(&t);
                }
            }
        }
    }
    text
}

fn main() {
    let text = corpus_text();
    let chars: Vec<char> = text.chars().collect();
    // ~3 KB documents cut from the text, with a few pass-through fields.
    let mut shard = String::new();
    let mut i = 0usize;
    let mut n = 0usize;
    while shard.len() < 64 << 20 {
        let start = (i * 977) % chars.len().saturating_sub(1200).max(1);
        let doc: String = chars[start..(start + 1000).min(chars.len())]
            .iter()
            .collect();
        let line = serde_json::json!({"id": format!("doc-{n}"), "url": "https://example.org/a/b", "text": doc, "meta": {"crawl": 2024, "lang": "zh"}});
        shard.push_str(&line.to_string());
        shard.push('\n');
        i += 1;
        n += 1;
    }
    let bytes = shard.len() as f64;
    for round in 0..3 {
        let started = Instant::now();
        let reader = Compression::None.reader(shard.as_bytes()).expect("reader");
        let mut out = Compression::None
            .writer(Vec::with_capacity(shard.len() + 1024))
            .expect("writer");
        for line in reader.lines() {
            let line = line.expect("utf-8");
            let record = Record::parse(&line).expect("valid record");
            let text = record.text("text").expect("text");
            out.write_all(record.render_with("text", black_box(&text), &[]).as_bytes())
                .expect("write");
        }
        let written = out.finish().expect("finish");
        let secs = started.elapsed().as_secs_f64();
        black_box(written.len());
        println!(
            "jsonl read+write, round {round}: {:.1} MB in {:.3} s = {:.0} MB/s (1 thread, {n} records)",
            bytes / 1e6,
            secs,
            bytes / 1e6 / secs
        );
    }
}
