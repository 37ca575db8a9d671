//! Throughput of the normalize stage, in MB/s of UTF-8 input:
//! `cargo bench --bench normalize`.
//!
//! Measures `normalize_line` alone and decode + normalize through the registered stages,
//! on Chinese text (the seed pages from `../shared/eval` when present, else generated
//! text) in two states: as scraped (half-width marks, NBSP indents…) and already clean.

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use thresh::config::Settings;
use thresh::document::Document;
use thresh::registry::stage_info;
use thresh::stages::normalize::{normalize_line, NormalizeRules};

/// Pages to measure on: (name, text).
fn corpora() -> Vec<(&'static str, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let eval = root
        .ancestors()
        .map(|dir| dir.join("shared/eval/seeds"))
        .find(|dir| dir.is_dir());
    let read_all = |sub: &str| -> Option<String> {
        let dir = eval.as_ref()?.join(sub);
        let mut names: Vec<_> = std::fs::read_dir(dir)
            .ok()?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        names.sort();
        let text: String = names
            .iter()
            .filter_map(|p| std::fs::read_to_string(p).ok())
            .collect();
        (!text.is_empty()).then_some(text)
    };
    let dirty = read_all("input").unwrap_or_else(|| generated(true));
    let clean = read_all("gold").unwrap_or_else(|| generated(false));
    vec![("scraped Chinese", dirty), ("clean Chinese", clean)]
}

/// Chinese paragraphs, with half-width punctuation and NBSP indents when `dirty`.
fn generated(dirty: bool) -> String {
    let para = if dirty {
        "\u{A0}\u{A0}为进一步稳定就业岗位,支持企业稳定发展,根据有关文件精神,现就做好2024年企业稳岗补贴申领工作通知如下:企业可通过“浙里办”平台在线申请(无需提交纸质材料)。\n"
    } else {
        "为进一步稳定就业岗位，支持企业稳定发展，根据有关文件精神，现就做好2024年企业稳岗补贴申领工作通知如下：企业可通过“浙里办”平台在线申请（无需提交纸质材料）。\n"
    };
    para.repeat(50)
}

/// Repeats `text` to at least `bytes` bytes.
fn scale(text: &str, bytes: usize) -> String {
    text.repeat(bytes / text.len().max(1) + 1)
}

/// CPU time of this thread, from `/proc` (clock ticks of 10 ms): on a shared machine
/// wall time mostly measures the neighbours.
fn cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
    let rest = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some(Duration::from_millis(ticks * 10))
}

fn measure(label: &str, bytes: usize, mut run: impl FnMut()) {
    run(); // warm up
    let mut rounds = 0u32;
    let start = Instant::now();
    let cpu_start = cpu_time();
    while start.elapsed() < Duration::from_secs(3) || rounds < 3 {
        run();
        rounds += 1;
    }
    let wall = start.elapsed().as_secs_f64();
    let total = bytes as f64 * f64::from(rounds) / 1e6;
    let cpu = match (cpu_start, cpu_time()) {
        (Some(a), Some(b)) if b > a => {
            format!("{:>8.1} MB/s per CPU second", total / (b - a).as_secs_f64())
        }
        _ => String::new(),
    };
    println!("{label:<45} {:>8.1} MB/s wall {cpu}", total / wall);
}

fn main() {
    let settings = Settings::default();
    let decode = stage_info("decode").map(|info| (info.build)(&settings));
    let normalize = stage_info("normalize").map(|info| (info.build)(&settings));
    let (Some(Ok(decode)), Some(Ok(normalize))) = (decode, normalize) else {
        eprintln!("decode or normalize stage missing from the registry");
        std::process::exit(2);
    };
    for (name, text) in corpora() {
        let text = scale(&text, 20_000_000);
        let lines: Vec<&str> = text.lines().collect();
        measure(&format!("normalize_line, {name}"), text.len(), || {
            for line in &lines {
                black_box(normalize_line(black_box(line), &NormalizeRules::ALL));
            }
        });
        measure(&format!("decode stage alone, {name}"), text.len(), || {
            let mut doc = Document::from_text("bench", &text);
            decode.apply(&mut doc).expect("decode");
            black_box(doc.blocks.len());
        });
        measure(
            &format!("decode + normalize stages, {name}"),
            text.len(),
            || {
                let mut doc = Document::from_text("bench", &text);
                decode.apply(&mut doc).expect("decode");
                normalize.apply(&mut doc).expect("normalize");
                black_box(doc.blocks.len());
            },
        );
    }
}
