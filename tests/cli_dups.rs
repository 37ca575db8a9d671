//! `thresh dups` end to end: formats, JSONL ids, index files and their errors.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;

fn thresh() -> Command {
    Command::cargo_bin("thresh").expect("binary built")
}

const STORY: &[&str] = &[
    "海上丝路与南汉国史料展21日在广州开幕，南汉开国皇帝刘龑相关的墓志拓片、宫殿建筑构件等120余件文物首次集中展出。",
    "据主办方介绍，南汉是五代十国时期以广州为都城的地方政权，历时五十余年，留下了大量珍贵的历史遗存。",
    "展览分为立国岭南、海舶往来、宫苑遗珍三个单元，通过出土文物、古籍文献和数字复原影像，呈现一千多年前广州的城市面貌。",
];

const OTHER: &str = "中国工商银行甘肃省分行积极筹措资金，扶持国有大中型商业企业，推动商业企业的改革和发展，繁荣了市场商品供应。\n日本朝日新闻今天报道有关调查结果说，使用汽油的室内排气型暖气设备对室内空气的污染最为严重。\n";

fn corpus(dir: &Path) {
    let story = STORY.join("\n");
    fs::write(dir.join("a.txt"), format!("{story}\n")).unwrap();
    // Traditional script, re-paragraphed.
    let traditional = STORY.join("").replace("广州", "廣州").replace("国", "國");
    fs::write(dir.join("b.txt"), format!("{traditional}\n")).unwrap();
    fs::write(dir.join("c.txt"), OTHER).unwrap();
}

#[test]
fn text_format_lists_pairs_then_clusters() {
    let dir = tempfile::tempdir().unwrap();
    corpus(dir.path());
    let out = thresh()
        .current_dir(dir.path())
        .args(["dups", "a.txt", "b.txt", "c.txt"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let fields: Vec<&str> = lines[0].split("  ").collect();
    assert_eq!(fields[..2], ["a.txt", "b.txt"], "{text}");
    assert_eq!(fields.len(), 5, "{text}");
    assert_eq!(lines[1], "");
    assert!(
        lines[2].starts_with("a.txt: ") || lines[2].starts_with("b.txt: "),
        "{text}"
    );
    assert_eq!(lines.len(), 3, "{text}");
}

#[test]
fn json_format_and_jsonl_ids() {
    let dir = tempfile::tempdir().unwrap();
    let story = STORY.join("\\n");
    let jsonl = format!(
        "{{\"id\":\"x1\",\"text\":\"{story}\"}}\n{{\"id\":\"x2\",\"text\":\"首页\\n{story}\\n责任编辑：李明\"}}\n{{\"id\":\"x3\",\"text\":\"{}\"}}\n",
        OTHER.replace('\n', "\\n")
    );
    fs::write(dir.path().join("c.jsonl"), jsonl).unwrap();
    let out = thresh()
        .current_dir(dir.path())
        .args(["dups", "c.jsonl", "--format", "json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["pairs"].as_array().unwrap().len(), 1);
    assert_eq!(v["pairs"][0]["a"], "x1");
    assert_eq!(v["pairs"][0]["b"], "x2");
    assert!(v["pairs"][0]["jaccard"].as_f64().unwrap() > 0.8);
    assert_eq!(v["clusters"][0]["representative"], "x2");
    assert_eq!(v["parameters"]["documents"], 3);
}

#[test]
fn saved_index_checks_new_documents_and_merges() {
    let dir = tempfile::tempdir().unwrap();
    corpus(dir.path());
    let d = dir.path();
    thresh()
        .current_dir(d)
        .args(["dups", "a.txt", "c.txt", "--save-index", "old.idx"])
        .assert()
        .success()
        .stdout("");
    assert!(d.join("old.idx").exists());
    // The new copy is found in the index without reading a.txt again.
    fs::remove_file(d.join("a.txt")).unwrap();
    thresh()
        .current_dir(d)
        .args(["dups", "b.txt", "--index", "old.idx", "--format", "jsonl"])
        .assert()
        .success()
        .stdout(predicate::str::contains(r#""a":"a.txt","b":"b.txt""#));
    thresh()
        .current_dir(d)
        .args(["dups", "b.txt", "--save-index", "new.idx"])
        .assert()
        .success();
    thresh()
        .current_dir(d)
        .args(["dups", "--index", "old.idx", "--index", "new.idx"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("a.txt  b.txt  "));
}

#[test]
fn broken_index_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    corpus(dir.path());
    let d = dir.path();
    thresh()
        .current_dir(d)
        .args(["dups", "a.txt", "--save-index", "x.idx"])
        .assert()
        .success();
    let bytes = fs::read(d.join("x.idx")).unwrap();
    fs::write(d.join("cut.idx"), &bytes[..bytes.len() / 2]).unwrap();
    thresh()
        .current_dir(d)
        .args(["dups", "b.txt", "--index", "cut.idx"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cut.idx: index file is truncated"));
    thresh()
        .current_dir(d)
        .args(["dups", "b.txt", "--index", "a.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not a thresh dups index"));
    thresh()
        .current_dir(d)
        .args(["dups", "b.txt", "--index", "missing.idx"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("missing.idx"));
}

#[test]
fn bad_threshold_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    corpus(dir.path());
    thresh()
        .current_dir(dir.path())
        .args(["dups", "a.txt", "--threshold", "1.5"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("jaccard"));
}

#[test]
fn clean_drop_near_dups_writes_one_copy_and_reports_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    fs::create_dir_all(&input).unwrap();
    corpus(&input);
    let out = dir.path().join("out");
    thresh()
        .current_dir(dir.path())
        .args([
            "clean",
            "in",
            "-o",
            "out",
            "--drop-near-dups",
            "--report",
            "r.json",
        ])
        .assert()
        .success();
    // a.txt and b.txt are one story: only one of them is written; c.txt is kept.
    let written: Vec<bool> = ["a.txt", "b.txt"]
        .iter()
        .map(|f| out.join(f).exists())
        .collect();
    assert_eq!(written.iter().filter(|w| **w).count(), 1, "{written:?}");
    assert!(out.join("c.txt").exists());
    let report: serde_json::Value =
        serde_json::from_slice(&fs::read(dir.path().join("r.json")).unwrap()).unwrap();
    let dropped = report["near_duplicates_dropped"].as_array().unwrap();
    assert_eq!(dropped.len(), 1, "{report}");
    thresh()
        .args(["clean", "-", "--drop-near-dups", "--stdout"])
        .write_stdin("x")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("standard input"));
}
