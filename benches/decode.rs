//! Decode throughput, single-threaded, in MB/s of input bytes: `cargo bench --bench decode`.
//!
//! decode + normalize is measured twice: as `thresh clean -o` runs them (edits without
//! the texts they changed, which only a report shows) and as `--report` does.
//!
//! Text: the Chinese eval pages (`../shared/eval/*/input`, decoded; the English ones are left
//! out) repeated to ~20 MB of UTF-8 Chinese, and the same text encoded as GBK. Each is
//! measured as one large document and as page-sized documents, with decode alone
//! (`decode_bytes`) and with decode + normalize (the pipeline with every stage after
//! normalize skipped).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use thresh::config::{EditTexts, Settings};
use thresh::document::{Document, Source};
use thresh::pipeline::Pipeline;
use thresh::registry::STAGES;
use thresh::stages::decode::{decode_bytes, DecodeOptions};

#[path = "common/cpu_time.rs"]
mod cpu_time;
use cpu_time::thread_cpu_time;

const TARGET_BYTES: usize = 20 * 1024 * 1024;
const ROUNDS: usize = 5;

/// The eval pages as UTF-8 text, or a built-in page when the shared folder is absent.
fn pages() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let options = DecodeOptions {
        repair_mojibake: true,
        ..DecodeOptions::default()
    };
    let mut pages = Vec::new();
    for shared in ["../shared/eval", "../../shared/eval"] {
        for set in ["seeds", "dev"] {
            let dir: PathBuf = root.join(shared).join(set).join("input");
            let Ok(entries) = std::fs::read_dir(&dir) else {
                continue;
            };
            let mut paths: Vec<_> = entries.filter_map(|e| Some(e.ok()?.path())).collect();
            paths.sort();
            for path in paths {
                if let Some(text) = std::fs::read(&path)
                    .ok()
                    .and_then(|bytes| decode_bytes(&bytes, &options).ok())
                    .filter(|t| is_chinese(&t.text))
                {
                    pages.push(text.text);
                }
            }
        }
        if !pages.is_empty() {
            break;
        }
    }
    if pages.is_empty() {
        eprintln!("note: eval pages not found, using a built-in page");
        pages.push(
            "外婆家所在的那条老街，明年开春就要拆了。消息传来的时候，我正在外地出差，一连几天都睡不好。\n\n\
             周末赶回去，街口那家开了三十年的理发店已经关门，玻璃门上贴着一张红纸：感谢街坊多年照顾。\n"
                .repeat(20),
        );
    }
    pages
}

/// Mostly Chinese: at least half of the letters and ideographs are CJK. The targets are
/// for Chinese text; the English eval pages, encoded as GB18030, are not GBK Chinese (with
/// a few curly quotes as their only non-ASCII bytes they are not even detected as such).
fn is_chinese(text: &str) -> bool {
    let (mut cjk, mut other) = (0usize, 0usize);
    for c in text.chars().filter(|c| c.is_alphanumeric()) {
        match c as u32 {
            0x3400..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FFFF => cjk += 1,
            _ => other += 1,
        }
    }
    cjk >= other
}

/// Page-sized documents totalling about `TARGET_BYTES`, each encoded by `encode`.
fn documents(pages: &[String], encode: impl Fn(&str) -> Vec<u8>) -> Vec<Vec<u8>> {
    let encoded: Vec<Vec<u8>> = pages.iter().map(|p| encode(p)).collect();
    let mut docs = Vec::new();
    let mut total = 0;
    while total < TARGET_BYTES {
        for page in &encoded {
            total += page.len();
            docs.push(page.clone());
        }
    }
    docs
}

/// Throughput in MB/s of input bytes: by wall clock and by CPU time, each the best of
/// `ROUNDS` runs (the host's other load comes in bursts; the best run is the one it
/// disturbed least).
struct Speed {
    wall: f64,
    cpu: Option<f64>,
}

impl std::fmt::Display for Speed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.cpu {
            Some(cpu) => write!(f, "{cpu:.0} MB/s per core (wall {:.0})", self.wall),
            None => write!(f, "{:.0} MB/s (wall)", self.wall),
        }
    }
}

fn measure(docs: &[Vec<u8>], mut f: impl FnMut(&[u8])) -> Speed {
    let mb = docs.iter().map(Vec::len).sum::<usize>() as f64 / (1024.0 * 1024.0);
    let (mut wall, mut cpu) = (Duration::MAX, Duration::MAX);
    for _ in 0..ROUNDS {
        let cpu_start = thread_cpu_time();
        let start = Instant::now();
        for doc in docs {
            f(doc);
        }
        wall = wall.min(start.elapsed());
        if let (Some(a), Some(b)) = (cpu_start, thread_cpu_time()) {
            cpu = cpu.min(b.saturating_sub(a));
        }
    }
    Speed {
        wall: mb / wall.as_secs_f64(),
        cpu: (cpu != Duration::MAX && !cpu.is_zero()).then(|| mb / cpu.as_secs_f64()),
    }
}

fn main() {
    let pages = pages();
    println!("{} Chinese pages", pages.len());
    let utf8_pages = documents(&pages, |p| p.as_bytes().to_vec());
    let gbk_pages = documents(&pages, |p| encoding_rs::GB18030.encode(p).0.into_owned());
    let utf8_whole = vec![utf8_pages.concat()];
    let gbk_whole = vec![gbk_pages.concat()];

    let options = DecodeOptions {
        repair_mojibake: true,
        ..DecodeOptions::default()
    };
    let mut settings = Settings::default();
    let after_normalize = STAGES.iter().skip_while(|s| s.name != "normalize").skip(1);
    settings.skip_stages = after_normalize.map(|s| s.name.to_string()).collect();
    let with_texts = Pipeline::new(settings.clone()).expect("default pipeline builds");
    println!(
        "stages run for decode+normalize: {}",
        with_texts.stage_names().join(", ")
    );
    settings.edit_texts = EditTexts::Omitted;
    let as_clean_runs = Pipeline::new(settings).expect("default pipeline builds");

    let cases: [(&str, &[Vec<u8>]); 4] = [
        ("UTF-8 Chinese, one 20 MB document", &utf8_whole),
        ("UTF-8 Chinese, page-sized documents", &utf8_pages),
        ("GBK Chinese, one document", &gbk_whole),
        ("GBK Chinese, page-sized documents", &gbk_pages),
    ];
    // `cargo bench --bench decode -- GBK` runs the cases whose name contains "GBK".
    let filter = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    for (name, docs) in cases {
        if filter.as_deref().is_some_and(|f| !name.contains(f)) {
            continue;
        }
        let size: usize = docs.iter().map(Vec::len).sum();
        let decode = measure(docs, |bytes| {
            let decoded = decode_bytes(bytes, &options).expect("bench text decodes");
            std::hint::black_box(decoded);
        });
        let run = |pipeline: &Pipeline| {
            measure(docs, |bytes| {
                let mut doc = Document::from_bytes("bench", Source::Memory, bytes.to_vec());
                pipeline.run_stages(&mut doc).expect("bench text cleans");
                std::hint::black_box(doc);
            })
        };
        let normalized = run(&as_clean_runs);
        let normalized_with_texts = run(&with_texts);
        println!(
            "{name} ({:.1} MB, {} docs):\n  decode                                {decode}\n  \
             decode+normalize, as `clean -o` runs   {normalized}\n  \
             decode+normalize, as `clean --report`  {normalized_with_texts}",
            size as f64 / (1024.0 * 1024.0),
            docs.len()
        );
    }
}
