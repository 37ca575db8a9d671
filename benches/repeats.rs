//! Throughput of the repeats stage (one thread) on Chinese news text: documents made from
//! the evaluation pages' gold text (runs of distinct paragraphs, so that no two
//! documents are the same), one in twenty carrying pasted, re-punctuated and truncated
//! copies. Prints MB/s of block text, for the stage and for the canonical form alone.
//!
//! `cargo bench --bench repeats`

use std::hint::black_box;
use std::time::Instant;

use thresh::config::Settings;
use thresh::document::Document;
use thresh::registry::stage_info;
use thresh::stages::repeats::canonical::canonical_chars;

/// Paragraphs of the gold pages, Chinese (mostly CJK) and other, from the evaluation set,
/// else the bundled samples.
fn paragraphs() -> (Vec<String>, Vec<String>) {
    let (mut zh, mut other) = (Vec::new(), Vec::new());
    // The evaluation set is beside the main clone (../shared) or a worktree (../../shared).
    let dirs: Vec<String> = ["../shared/eval", "../../shared/eval"]
        .iter()
        .find(|root| std::path::Path::new(root).is_dir())
        .map(|root| {
            ["seeds/gold", "dev/gold"]
                .iter()
                .map(|d| format!("{root}/{d}"))
                .collect()
        })
        .unwrap_or_else(|| vec!["samples".to_string()]);
    for dir in dirs {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut paths: Vec<_> = entries.flatten().map(|e| e.path()).collect();
        paths.sort();
        for p in paths {
            let Ok(text) = std::fs::read_to_string(&p) else {
                continue;
            };
            for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
                let cjk = line
                    .chars()
                    .filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c))
                    .count();
                if cjk * 2 > line.chars().count() {
                    zh.push(line.to_string());
                } else {
                    other.push(line.to_string());
                }
            }
        }
    }
    (zh, other)
}

/// ~`target` bytes of documents of 12 to 40 paragraphs each.
fn corpus(paras: &[String], target: usize) -> Vec<String> {
    let mut docs = Vec::new();
    let mut total = 0;
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed as usize
    };
    while total < target && !paras.is_empty() {
        let n = 12 + next() % 29;
        // Distinct paragraphs: a run of the pool from a random start.
        let start = next() % paras.len();
        let mut doc: Vec<String> = (0..n.min(paras.len()))
            .map(|k| paras[(start + k) % paras.len()].clone())
            .collect();
        let n = doc.len();
        if docs.len() % 20 == 7 {
            // The repeat path: a pasted copy, a re-punctuated copy, a truncated copy.
            let p = doc[n / 3].clone();
            doc.insert(n / 3 + 1, p.clone());
            doc.insert(n / 2, p.replace('，', ","));
            doc.push(p.chars().take(p.chars().count() * 2 / 3).collect());
        }
        let text = doc.join("\n\n");
        total += text.len();
        docs.push(text);
    }
    docs
}

/// CPU time this process has used, in seconds (Linux; `None` elsewhere). On a shared
/// machine wall time counts the other processes too; CPU time is what one core spent.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which is in parentheses): utime is the 12th, stime
    // the 13th, in clock ticks (100 per second on Linux).
    let rest = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let utime: f64 = fields.get(11)?.parse().ok()?;
    let stime: f64 = fields.get(12)?.parse().ok()?;
    Some((utime + stime) / 100.0)
}

fn bench(name: &str, docs: &[String]) {
    let info = stage_info("repeats").expect("repeats is registered");
    let stage = (info.build)(&Settings::default()).expect("default settings");
    let prepared: Vec<Document> = docs
        .iter()
        .map(|t| {
            let mut d = Document::default();
            d.set_text(t);
            d
        })
        .collect();
    let bytes: usize = prepared
        .iter()
        .flat_map(|d| d.blocks.iter().map(|b| b.text.len()))
        .sum();
    let mb = bytes as f64 / 1e6;
    for round in 0..3 {
        let mut work = prepared.clone();
        let started = Instant::now();
        let cpu_started = cpu_seconds();
        let mut removed = 0;
        for doc in &mut work {
            stage.apply(doc).expect("repeats never fails");
            removed += doc.edits.len();
        }
        let secs = started.elapsed().as_secs_f64();
        let cpu = match (cpu_started, cpu_seconds()) {
            (Some(a), Some(b)) if b > a => format!(", {:.1} MB/s of CPU time", mb / (b - a)),
            _ => String::new(),
        };
        println!(
            "repeats stage, {name}, round {round}: {mb:.1} MB in {secs:.3} s = {:.1} MB/s{cpu} ({} docs, {removed} removals)",
            mb / secs,
            work.len()
        );
    }
    let started = Instant::now();
    let cpu_started = cpu_seconds();
    let mut chars = Vec::new();
    for doc in &prepared {
        for b in &doc.blocks {
            chars.clear();
            canonical_chars(&b.text, &mut chars);
            black_box(&chars);
        }
    }
    let secs = started.elapsed().as_secs_f64();
    let cpu = match (cpu_started, cpu_seconds()) {
        (Some(a), Some(b)) if b > a => format!(", {:.1} MB/s of CPU time", mb / (b - a)),
        _ => String::new(),
    };
    println!("canonical form alone, {name}: {:.1} MB/s{cpu}", mb / secs);
}

fn main() {
    let (zh, other) = paragraphs();
    let size = std::env::var("REPEATS_BENCH_MB")
        .ok()
        .and_then(|v| v.parse::<usize>().ok())
        .unwrap_or(64);
    bench("Chinese news", &corpus(&zh, size << 20));
    if !other.is_empty() {
        bench("English and other", &corpus(&other, (size / 4) << 20));
    }
}
