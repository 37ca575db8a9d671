//! Laws of a whole `thresh clean` run, through the real binary: the same documents give the
//! same text whether they come as one file each or as the records of one JSONL file, and
//! whatever the number of worker threads.
//!
//! Each case is a corpus of up to 12 generated pages and spawns the binary twice, so these
//! laws run 16 cases by default (about 200 documents each); `PROPTEST_CASES=N` raises it.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use assert_cmd::Command;
use proptest::prelude::*;

mod common;
use common::*;

/// A debris line of one of several shapes, with a random name, number or date.
fn debris() -> impl Strategy<Value = String> {
    let names = prop::sample::select(vec!["王明", "李小雨", "周清", "Jane Doe", "欧阳晨"]);
    (0usize..6, names, 2009u32..2026, 1u32..13, 1u32..29).prop_map(|(shape, name, y, m, d)| {
        match shape {
            0 => format!("责任编辑：{name}"),
            1 => format!("发布时间：{y}-{m:02}-{d:02} 来源：本站"),
            2 => format!("{name} 摄"),
            3 => format!("Copyright © {y} Example News. All rights reserved."),
            4 => format!("IMG_{y}{m:02}{d:02}.JPG"),
            _ => "（完）".to_string(),
        }
    })
}

/// One page: sample paragraphs (some cut in two), debris, blank lines, maybe a line every
/// page of the corpus carries (boilerplate the first pass learns), LF or CR LF.
fn page(boilerplate: Option<String>) -> impl Strategy<Value = String> {
    let n = sample_lines().len();
    let piece = prop_oneof![
        5 => (0..n, prop::option::weighted(0.2, 1usize..120)).prop_map(|(i, cut)| {
            let line: Vec<char> = sample_lines()[i].chars().collect();
            match cut {
                Some(at) if at < line.len() => format!(
                    "{}\n{}",
                    line[..at].iter().collect::<String>(),
                    line[at..].iter().collect::<String>()
                ),
                _ => line.iter().collect(),
            }
        }),
        2 => debris(),
        1 => Just(String::new()),
    ];
    (prop::collection::vec(piece, 1..14), any::<bool>()).prop_map(move |(pieces, crlf)| {
        let mut lines = pieces;
        if let Some(b) = &boilerplate {
            lines.push(b.clone());
        }
        let text = lines.join("\n") + "\n";
        if crlf {
            text.replace('\n', "\r\n")
        } else {
            text
        }
    })
}

fn corpus() -> impl Strategy<Value = Vec<String>> {
    prop::option::of(
        (1000u32..9999).prop_map(|n| format!("本站所有稿件均为原创，转载请联系 0571-{n}")),
    )
    .prop_flat_map(|boilerplate| prop::collection::vec(page(boilerplate), 1..13))
}

fn thresh() -> Command {
    Command::cargo_bin("thresh").expect("binary built")
}

/// Writes the pages as `docs/NNN.txt` and as the records of `all.jsonl`.
fn write_corpus(dir: &Path, pages: &[String]) {
    fs::create_dir_all(dir.join("docs")).unwrap();
    let mut jsonl = String::new();
    for (i, text) in pages.iter().enumerate() {
        let id = format!("{i:03}");
        fs::write(dir.join("docs").join(format!("{id}.txt")), text).unwrap();
        jsonl.push_str(&serde_json::json!({ "id": id, "text": text }).to_string());
        jsonl.push('\n');
    }
    fs::write(dir.join("all.jsonl"), jsonl).unwrap();
}

/// Every file under `dir`, by relative path.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                out.insert(rel, fs::read(&path).unwrap());
            }
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(16)))]

    /// A JSONL record cleans to the same text as the same document in a file of its own
    /// (boilerplate learning included: both runs see the same corpus).
    #[test]
    fn streaming_equals_whole_file(pages in corpus()) {
        let dir = tempfile::tempdir().unwrap();
        write_corpus(dir.path(), &pages);
        thresh().current_dir(dir.path()).args(["clean", "docs", "-o", "out-files"]).assert().success();
        thresh().current_dir(dir.path()).args(["clean", "all.jsonl", "-o", "out-jsonl"]).assert().success();
        let records = fs::read_to_string(dir.path().join("out-jsonl/all.jsonl")).unwrap();
        let mut seen = 0;
        for line in records.lines() {
            let record: serde_json::Value = serde_json::from_str(line).unwrap();
            let id = record["id"].as_str().unwrap();
            let file = fs::read_to_string(dir.path().join(format!("out-files/{id}.txt")))
                .unwrap_or_default();
            prop_assert_eq!(record["text"].as_str().unwrap(), file.as_str(), "document {}", id);
            seen += 1;
        }
        prop_assert_eq!(seen, pages.len());
    }

    /// One worker thread or four: byte-identical outputs (files and JSONL) and report.
    #[test]
    fn threads_do_not_change_output(pages in corpus()) {
        let dir = tempfile::tempdir().unwrap();
        write_corpus(dir.path(), &pages);
        for threads in ["1", "4"] {
            thresh()
                .current_dir(dir.path())
                .args(["clean", "docs", "all.jsonl", "--threads", threads])
                .args(["-o", &format!("out-{threads}"), "--report", &format!("report-{threads}.json")])
                .assert()
                .success();
        }
        let one = tree(&dir.path().join("out-1"));
        prop_assert_eq!(one.len(), pages.len() + 1);
        prop_assert_eq!(&one, &tree(&dir.path().join("out-4")));
        prop_assert_eq!(
            fs::read(dir.path().join("report-1.json")).unwrap(),
            fs::read(dir.path().join("report-4.json")).unwrap()
        );
    }
}
