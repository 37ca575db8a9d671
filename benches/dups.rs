//! Benchmarks for near-duplicate search.
//!
//! ```text
//! cargo bench --bench dups                                  # 1M random signatures, k = 3 and 10
//! cargo bench --bench dups -- signatures N K...             # N random signatures at each K
//! cargo bench --bench dups -- corpus PATH [OUT.json] [--raw] [--articles] [--set=NAME=VALUE]
//! ```
//!
//! `corpus` reads a JSONL file (`id`, `text`) or a folder of `.txt` files, cleans every
//! document with the default pipeline (`--raw`: no cleaning), signs it, searches, and
//! prints the time and MB/s of each phase; `OUT.json` receives the report in the `--format
//! json` shape (for `score_pairs.py` / `score.py neardups`).

use std::error::Error;
use std::path::Path;
use std::time::Instant;

use rayon::prelude::*;
use thresh::config::Settings;
use thresh::document::Document;
use thresh::dups::index::{pairs_with_plan, BlockPlan};
use thresh::dups::store::sign;
use thresh::dups::{render, units, DupSettings, SignatureSet};
use thresh::pipeline::Pipeline;

fn main() -> Result<(), Box<dyn Error>> {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    match args.first().map(String::as_str) {
        None => signatures(1_000_000, &[3, 10]),
        Some("signatures") => {
            let n = args.get(1).ok_or("signatures N K...")?.parse()?;
            let ks: Vec<u32> = args[2..]
                .iter()
                .map(|k| k.parse())
                .collect::<Result<_, _>>()?;
            signatures(n, &ks)
        }
        Some("corpus") => corpus(&args[1..]),
        Some(other) => Err(format!("unknown benchmark {other:?}").into()),
    }
}

/// Random signatures (splitmix64): index and self-join.
fn signatures(n: usize, ks: &[u32]) -> Result<(), Box<dyn Error>> {
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    let sigs: Vec<u64> = (0..n)
        .map(|_| {
            state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = state;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        })
        .collect();
    let mb = (n * 8) as f64 / 1e6;
    for &k in ks {
        // THRESH_BLOCKS=M tries another block count than the cost model's choice.
        let mut plan = match std::env::var("THRESH_BLOCKS")
            .ok()
            .and_then(|m| m.parse().ok())
        {
            Some(m) => BlockPlan::with_blocks(k, m),
            None => BlockPlan::choose(k, n),
        };
        if let Some(small) = std::env::var("THRESH_SMALL")
            .ok()
            .and_then(|m| m.parse().ok())
        {
            plan.small_group = small;
        }
        let start = Instant::now();
        let pairs = pairs_with_plan(&sigs, &plan, &|_, _| true);
        let secs = start.elapsed().as_secs_f64();
        println!(
            "signatures n={n} k={k} blocks={}: {} pairs in {secs:.3} s ({:.1} MB/s of signatures, {} threads)",
            plan.masks.len(),
            pairs.len(),
            mb / secs,
            rayon::current_num_threads()
        );
    }
    Ok(())
}

fn corpus(args: &[String]) -> Result<(), Box<dyn Error>> {
    let path = args.first().ok_or("corpus PATH [OUT.json]")?;
    let out = args.get(1).filter(|a| !a.starts_with("--"));
    let raw = args.iter().any(|a| a == "--raw");
    let articles = args.iter().any(|a| a == "--articles");
    let mut settings = DupSettings::default();
    for a in args {
        // --set NAME=VALUE overrides one setting (threshold.* for thresholds).
        if let Some((name, value)) = a.strip_prefix("--set=").and_then(|kv| kv.split_once('=')) {
            match name {
                "hamming" => settings.hamming = value.parse()?,
                "bands" => settings.bands = value.parse()?,
                "rows" => settings.rows = value.parse()?,
                "shingle" => settings.shingle = value.parse()?,
                "min-paragraph-chars" => settings.min_paragraph_chars = value.parse()?,
                "per-sentence" => settings.per_sentence = value.parse()?,
                "weighted" => settings.weighted = value.parse()?,
                "jaccard" => settings.threshold.jaccard = value.parse()?,
                "containment" => settings.threshold.containment = value.parse()?,
                "containment-min-jaccard" => {
                    settings.threshold.containment_min_jaccard = value.parse()?
                }
                _ => return Err(format!("unknown setting {name}").into()),
            }
        }
    }
    settings.validate()?;

    let t0 = Instant::now();
    let docs = read_corpus(Path::new(path))?;
    let bytes: usize = docs.iter().map(|(_, t)| t.len()).sum();
    let mb = bytes as f64 / 1e6;
    let t_read = t0.elapsed().as_secs_f64();

    let pipeline = Pipeline::new(Settings::default())?;
    let t1 = Instant::now();
    let signed: Vec<Vec<(String, u64, thresh::dups::Fingerprint)>> = docs
        .par_iter()
        .map(|(id, text)| {
            if raw {
                return sign(text.lines(), &settings)
                    .map(|(c, fp)| (id.clone(), c, fp))
                    .into_iter()
                    .collect();
            }
            let mut doc = Document::from_text(id.clone(), text);
            if pipeline.run(&mut doc).is_err() {
                return Vec::new();
            }
            units(&doc, articles)
                .into_iter()
                .filter_map(|(id, paragraphs)| {
                    sign(paragraphs.iter().copied(), &settings).map(|(c, fp)| (id, c, fp))
                })
                .collect()
        })
        .collect();
    let t_sign = t1.elapsed().as_secs_f64();
    let mut set = SignatureSet::new(&settings);
    for (id, chars, fp) in signed.into_iter().flatten() {
        set.push(id, chars, &fp);
    }

    let t2 = Instant::now();
    let report = set.find_duplicates(&settings);
    let t_search = t2.elapsed().as_secs_f64();
    let total = t0.elapsed().as_secs_f64();
    println!(
        "corpus {path}: {} docs, {mb:.1} MB; read {t_read:.2} s; {} + sign {t_sign:.2} s ({:.1} MB/s); search {t_search:.2} s ({} candidates, {} pairs, {} clusters); total {total:.2} s ({:.1} MB/s), {} threads",
        set.len(),
        if raw { "no cleaning" } else { "clean" },
        mb / t_sign,
        report.candidates,
        report.pairs.len(),
        report.clusters.len(),
        mb / total,
        rayon::current_num_threads()
    );
    if let Some(out) = out {
        let mut file = std::io::BufWriter::new(std::fs::File::create(out)?);
        render::write_json(&mut file, &settings, &report)?;
    }
    Ok(())
}

fn read_corpus(path: &Path) -> Result<Vec<(String, String)>, Box<dyn Error>> {
    if path.is_dir() {
        let mut docs = Vec::new();
        let mut entries: Vec<_> = std::fs::read_dir(path)?.collect::<Result<_, _>>()?;
        entries.sort_by_key(|e| e.path());
        for entry in entries {
            let p = entry.path();
            if p.extension().is_some_and(|e| e == "txt") {
                let id = p
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default();
                docs.push((id, std::fs::read_to_string(&p)?));
            }
        }
        return Ok(docs);
    }
    let text = std::fs::read_to_string(path)?;
    text.par_lines()
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let v: serde_json::Value = serde_json::from_str(line)?;
            let id = v["id"].as_str().unwrap_or_default().to_string();
            let text = v["text"].as_str().unwrap_or_default().to_string();
            Ok((id, text))
        })
        .collect::<Result<Vec<_>, serde_json::Error>>()
        .map_err(Into::into)
}
