//! The `thresh` binary end to end: outputs, exit statuses and every error case.

use std::fs;
use std::io::{Read, Write};
use std::path::Path;
use std::process::Stdio;

use assert_cmd::Command;
use predicates::prelude::*;

fn thresh() -> Command {
    Command::cargo_bin("thresh").expect("binary built")
}

fn write(path: &Path, bytes: &[u8]) {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).unwrap();
    }
    fs::write(path, bytes).unwrap();
}

const PAGE: &str = "  第一段,有半角标点。\r\n\r\n第二段。\r\n";

#[test]
fn clean_mirrors_the_input_tree_and_leaves_inputs_alone() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    write(&input.join("a/b.txt"), PAGE.as_bytes());
    write(&input.join("c.txt"), b"plain\n");
    let out = dir.path().join("out");
    thresh()
        .arg("clean")
        .arg(&input)
        .arg("-o")
        .arg(&out)
        .assert()
        .success()
        .stderr("");
    let cleaned = fs::read_to_string(out.join("a/b.txt")).unwrap();
    assert!(
        cleaned.ends_with('\n') && !cleaned.contains('\r') && !cleaned.contains("\n\n"),
        "{cleaned:?}"
    );
    assert!(cleaned.starts_with("第一段"));
    assert_eq!(fs::read_to_string(out.join("c.txt")).unwrap(), "plain\n");
    assert_eq!(
        fs::read(input.join("a/b.txt")).unwrap(),
        PAGE.as_bytes(),
        "input untouched"
    );
}

#[test]
fn single_file_goes_to_out_dir_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("deep/page.txt");
    write(&file, PAGE.as_bytes());
    let out = dir.path().join("out");
    thresh()
        .arg("clean")
        .arg(&file)
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    assert!(out.join("page.txt").is_file());
}

#[test]
fn stdout_and_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("p.txt");
    write(&file, PAGE.as_bytes());
    let printed = thresh()
        .arg("clean")
        .arg(&file)
        .arg("--stdout")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    thresh()
        .arg("clean")
        .arg(&file)
        .arg("--in-place")
        .assert()
        .success();
    assert_eq!(fs::read(&file).unwrap(), printed);
}

#[test]
fn an_output_choice_is_required_for_files() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("p.txt");
    write(&file, b"x\n");
    thresh()
        .arg("clean")
        .arg(&file)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "-o OUT_DIR, --stdout, --in-place or --diff",
        ));
}

#[test]
fn missing_file_is_an_error_and_the_run_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.txt");
    write(&good, b"ok\n");
    let missing = dir.path().join("missing.txt");
    let out = dir.path().join("out");
    thresh()
        .arg("clean")
        .arg(&missing)
        .arg(&good)
        .arg("-o")
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!(
            "{}: no such file or directory",
            missing.display()
        )));
    assert_eq!(fs::read_to_string(out.join("good.txt")).unwrap(), "ok\n");
}

#[test]
fn unreadable_file_is_an_error() {
    // Root reads files whatever their mode bits, so use a file the kernel refuses to read.
    let path = Path::new("/proc/self/mem");
    if fs::read(path).is_ok() {
        return;
    }
    thresh()
        .arg("clean")
        .arg(path)
        .arg("--stdout")
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with("/proc/self/mem: "));
}

#[test]
fn binary_named_explicitly_is_an_error_but_skipped_when_walked() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    write(
        &input.join("image.bin"),
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0",
    );
    write(&input.join("page.txt"), b"text\n");
    let out = dir.path().join("out");
    thresh()
        .arg("clean")
        .arg(&input)
        .arg("-o")
        .arg(&out)
        .assert()
        .success()
        .stderr(predicate::str::contains("image.bin: skipped binary file"));
    assert!(!out.join("image.bin").exists());
    thresh()
        .arg("clean")
        .arg(input.join("image.bin"))
        .arg("--stdout")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("image.bin: binary file"));
}

#[test]
fn undecodable_input_is_an_error_unless_lossy() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bad.txt");
    write(&file, b"good text \x80\x81 more text\n");
    thresh()
        .args(["clean", "--encoding", "utf-8", "--stdout"])
        .arg(&file)
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(
            "bad.txt: cannot be decoded as UTF-8",
        ));
    thresh()
        .args(["clean", "--encoding", "utf-8", "--lossy", "--stdout"])
        .arg(&file)
        .assert()
        .success()
        .stdout(predicate::str::contains("good text \u{FFFD}"));
}

#[test]
fn malformed_jsonl_line_names_file_and_line_and_others_are_kept() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("shard.jsonl");
    write(
        &file,
        b"{\"id\":\"a\",\"text\":\"  one \",\"meta\":{\"k\":1}}\n{not json\n\n{\"id\":\"c\",\"text\":\"three\"}\n{\"id\":\"d\"}\n",
    );
    let out = dir.path().join("out");
    thresh()
        .arg("clean")
        .arg(&file)
        .arg("-o")
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!(
            "{}:2: invalid JSON",
            file.display()
        )))
        .stderr(predicate::str::contains(format!(
            "{}:5: no \"text\" field",
            file.display()
        )));
    let written = fs::read_to_string(out.join("shard.jsonl")).unwrap();
    assert_eq!(
        written,
        "{\"id\":\"a\",\"text\":\"one\\n\",\"meta\":{\"k\":1}}\n{\"id\":\"c\",\"text\":\"three\\n\"}\n"
    );
}

#[test]
fn compressed_jsonl_keeps_its_compression_and_field_names() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("s.jsonl.gz");
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(b"{\"doc\":7,\"body\":\"x\\r\\ny\"}\n")
        .unwrap();
    write(&file, &gz.finish().unwrap());
    let out = dir.path().join("out");
    thresh()
        .args(["clean", "--text-field", "body", "--id-field", "doc", "-o"])
        .arg(&out)
        .arg(&file)
        .assert()
        .success();
    let mut text = String::new();
    flate2::read::GzDecoder::new(fs::File::open(out.join("s.jsonl.gz")).unwrap())
        .read_to_string(&mut text)
        .unwrap();
    assert_eq!(text, "{\"doc\":7,\"body\":\"x\\ny\\n\"}\n");
}

#[test]
fn jsonl_on_stdin_goes_to_stdout() {
    thresh()
        .args(["clean", "-"])
        .write_stdin("{\"id\":1,\"text\":\"a\\n\\n  b\"}\n")
        .assert()
        .success()
        .stdout("{\"id\":1,\"text\":\"a\\nb\\n\"}\n");
    thresh()
        .args(["clean", "-"])
        .write_stdin("plain text\n")
        .assert()
        .success()
        .stdout("plain text\n");
}

#[test]
fn report_lists_encoding_and_edits_with_counts() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("p.txt");
    write(&file, PAGE.as_bytes());
    let report = dir.path().join("report.json");
    thresh()
        .arg("clean")
        .arg(&file)
        .arg("--stdout")
        .arg("--report")
        .arg(&report)
        .assert()
        .success();
    let v: serde_json::Value = serde_json::from_str(&fs::read_to_string(&report).unwrap()).unwrap();
    assert_eq!(v["schema_version"], 1);
    assert_eq!(v["tool"]["version"], env!("CARGO_PKG_VERSION"));
    let doc = &v["documents"][0];
    assert_eq!(doc["encoding"]["encoding"], "UTF-8");
    let codes: Vec<_> = doc["edits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"E105"), "{codes:?}");
    assert_eq!(v["counts"]["by_rule"]["E105"]["count"], 1);
}

#[test]
fn check_exit_statuses() {
    let dir = tempfile::tempdir().unwrap();
    let clean = dir.path().join("clean.txt");
    write(&clean, "第一段。\n第二段。\n".as_bytes());
    let dirty = dir.path().join("dirty.txt");
    write(&dirty, PAGE.as_bytes());
    thresh()
        .arg("check")
        .arg(&clean)
        .assert()
        .code(0)
        .stdout("");
    thresh()
        .arg("check")
        .arg(&dirty)
        .assert()
        .code(1)
        .stdout(predicate::str::contains(format!(
            "{}:1:1: E105 line-ends",
            dirty.display()
        )));
    thresh()
        .arg("check")
        .arg("--exit-zero")
        .arg(&dirty)
        .assert()
        .code(0);
    thresh()
        .arg("check")
        .arg(dir.path().join("nope.txt"))
        .assert()
        .code(2);
    thresh()
        .args(["check", "--format", "json"])
        .arg(&dirty)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("\"code\":\"E105\""));
    thresh()
        .args(["check", "--format", "github"])
        .arg(&dirty)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("::error file="));
}

#[test]
fn check_after_clean_is_empty_on_the_samples() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    thresh()
        .args(["clean", "samples", "-o"])
        .arg(&out)
        .assert()
        .success();
    thresh().arg("check").arg(&out).assert().code(0).stdout("");
}

#[test]
fn rules_lists_and_explains() {
    thresh()
        .arg("rules")
        .assert()
        .success()
        .stdout(predicate::str::contains("E101").and(predicate::str::contains("U105")));
    thresh()
        .args(["rules", "u105"])
        .assert()
        .success()
        .stdout(predicate::str::contains("cjk-punctuation"));
    thresh().args(["rules", "Z999"]).assert().code(2);
}

#[test]
fn config_is_found_by_walking_up_and_bad_keys_name_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    write(&corpus.join("sub/p.txt"), PAGE.as_bytes());
    write(&corpus.join("thresh.toml"), b"ignore = [\"E105\"]\n");
    thresh()
        .arg("check")
        .arg(corpus.join("sub/p.txt"))
        .assert()
        .stdout(predicate::str::contains("E105").not());
    thresh()
        .arg("config")
        .arg(corpus.join("sub"))
        .assert()
        .success()
        .stdout(predicate::str::contains("ignore = [\"E105\"]"));
    write(
        &corpus.join("thresh.toml"),
        b"# comment\n[input]\ntext-feld = 1\n",
    );
    thresh()
        .arg("check")
        .arg(corpus.join("sub/p.txt"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("thresh.toml: line 3"))
        .stderr(predicate::str::contains("text-feld"));
    thresh()
        .args(["check", "--config"])
        .arg(dir.path().join("missing.toml"))
        .arg(corpus.join("sub/p.txt"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("missing.toml"));
}

#[test]
fn output_does_not_depend_on_thread_count() {
    let dir = tempfile::tempdir().unwrap();
    let shard = dir.path().join("s.jsonl");
    let mut lines = String::new();
    for i in 0..3000 {
        lines.push_str(&format!(
            "{{\"id\":{i},\"text\":\"  第{i}段,内容\\r\\n\\r\\n结尾 \"}}\n"
        ));
    }
    write(&shard, lines.as_bytes());
    let one = thresh()
        .args(["clean", "-j", "1", "--stdout"])
        .arg(&shard)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let two = thresh()
        .args(["clean", "-j", "2", "--stdout"])
        .arg(&shard)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(one, two);
    assert_eq!(one.iter().filter(|&&b| b == b'\n').count(), 3000);
}

/// Without `--report` normalize edits are recorded without their texts; the cleaned
/// output must not depend on it.
#[test]
fn output_does_not_depend_on_writing_a_report() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    let (plain, reported) = (dir.path().join("plain"), dir.path().join("reported"));
    thresh()
        .arg("clean")
        .arg(root.join("samples"))
        .arg("-o")
        .arg(&plain)
        .assert()
        .success();
    thresh()
        .arg("clean")
        .arg(root.join("samples"))
        .arg("-o")
        .arg(&reported)
        .arg("--report")
        .arg(dir.path().join("r.json"))
        .assert()
        .success();
    let mut compared = 0;
    for entry in fs::read_dir(&plain).unwrap() {
        let name = entry.unwrap().file_name();
        let a = fs::read(plain.join(&name)).unwrap();
        assert_eq!(a, fs::read(reported.join(&name)).unwrap(), "{name:?}");
        compared += 1;
    }
    assert!(compared >= 5, "{compared}");
    let report = fs::read_to_string(dir.path().join("r.json")).unwrap();
    assert!(report.contains("\"before\":\"") && report.contains("\"after\":\""));
}

#[test]
fn closed_stdout_pipe_exits_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let shard = dir.path().join("s.jsonl");
    // Far more output than a pipe buffer holds, so the writer meets the closed pipe.
    let page = fs::read_to_string("samples/003_821c980a34ad97fe.txt").unwrap();
    let line = format!("{{\"text\":{}}}\n", serde_json::to_string(&page).unwrap());
    write(&shard, line.repeat(300).as_bytes());
    let bin = assert_cmd::cargo::cargo_bin("thresh");
    let mut child = std::process::Command::new(bin)
        .args(["clean", "--stdout"])
        .arg(&shard)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 16];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout);
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
}

#[test]
fn per_path_overrides_apply_below_the_config_folder() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    write(&corpus.join("raw/p.txt"), PAGE.as_bytes());
    write(&corpus.join("news/p.txt"), PAGE.as_bytes());
    write(
        &corpus.join("thresh.toml"),
        b"[[per-path]]\npaths = [\"raw/**\"]\nignore = [\"E105\"]\n",
    );
    let out = thresh()
        .arg("check")
        .arg(&corpus)
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    assert!(out.contains("news/p.txt:1:1: E105"), "{out}");
    assert!(!out.contains("raw/p.txt:1:1: E105"), "{out}");
}

#[test]
fn check_cache_gives_the_same_findings_and_survives_corruption() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("p.txt");
    write(&file, PAGE.as_bytes());
    let cache = dir.path().join("cache");
    let run = || {
        let out = thresh()
            .arg("check")
            .arg("--cache-dir")
            .arg(&cache)
            .arg(&file)
            .assert()
            .code(1)
            .get_output()
            .clone();
        (
            String::from_utf8(out.stdout).unwrap(),
            String::from_utf8(out.stderr).unwrap(),
        )
    };
    let (first, _) = run();
    assert!(cache.join("check-v1.json").is_file());
    assert!(cache.join(".gitignore").is_file());
    let (second, _) = run();
    assert_eq!(first, second);
    fs::write(cache.join("check-v1.json"), b"garbage").unwrap();
    let (third, stderr) = run();
    assert_eq!(first, third);
    assert!(stderr.contains("unreadable cache"), "{stderr}");
    // A fixed file is re-checked, not served from the cache.
    write(&file, "第一段。\n".as_bytes());
    thresh()
        .arg("check")
        .arg("--cache-dir")
        .arg(&cache)
        .arg(&file)
        .assert()
        .code(0)
        .stdout("");
}

#[test]
fn check_expect_compares_with_gold_and_prints_a_diff() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    write(&input.join("a.txt"), PAGE.as_bytes());
    write(&input.join("b.txt"), b"same\n");
    let gold = dir.path().join("gold");
    thresh()
        .arg("clean")
        .arg(&input)
        .arg("-o")
        .arg(&gold)
        .assert()
        .success();
    thresh()
        .arg("check")
        .arg(&input)
        .arg("--expect")
        .arg(&gold)
        .assert()
        .code(0)
        .stderr(predicate::str::contains("2 of 2 document(s) match"));
    write(&gold.join("b.txt"), b"expected\n");
    fs::remove_file(gold.join("a.txt")).unwrap();
    thresh()
        .arg("check")
        .arg(&input)
        .arg("--expect")
        .arg(&gold)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("a.txt: no gold file"))
        .stdout(predicate::str::contains("-expected\n+same\n"))
        .stderr(predicate::str::contains("0 of 2 document(s) match"));
}

#[test]
fn samples_folder_holds_five_pages() {
    let dir = tempfile::tempdir().unwrap();
    thresh()
        .args(["clean", "samples", "-o"])
        .arg(dir.path())
        .assert()
        .success();
    let mut names: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    names.sort();
    assert_eq!(names.len(), 5, "{names:?}");
}

#[test]
fn boilerplate_recurring_across_documents_is_learned_and_reported() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    let bodies = [
        "春天的雨水落在老街的青石板上，行人撑着伞慢慢走过。",
        "工厂的新生产线今年投产，产量比去年提高了三成。",
        "学校组织学生参观博物馆，了解本地的历史和文化。",
        "市场上的蔬菜价格本周小幅回落，居民采购更加从容。",
        "图书馆延长了开放时间，晚上也能借阅和自习。",
    ];
    for (i, body) in bodies.iter().enumerate() {
        write(
            &input.join(format!("{i}.txt")),
            format!("{body}\n青石巷手记第七辑\n").as_bytes(),
        );
    }
    let out = dir.path().join("out");
    let report = dir.path().join("r.json");
    thresh()
        .arg("clean")
        .arg(&input)
        .arg("-o")
        .arg(&out)
        .arg("--report")
        .arg(&report)
        .assert()
        .success();
    for (i, body) in bodies.iter().enumerate() {
        let text = fs::read_to_string(out.join(format!("{i}.txt"))).unwrap();
        assert_eq!(text, format!("{body}\n"));
    }
    let v: serde_json::Value = serde_json::from_str(&fs::read_to_string(&report).unwrap()).unwrap();
    assert_eq!(
        v["learned_boilerplate"]["lines"][0]["text"],
        "青石巷手记第七辑"
    );
    assert_eq!(v["learned_boilerplate"]["lines"][0]["documents"], 5);
    assert_eq!(v["counts"]["by_rule"]["D901"]["count"], 5);

    let kept = dir.path().join("kept");
    thresh()
        .arg("clean")
        .arg(&input)
        .arg("-o")
        .arg(&kept)
        .arg("--no-learn")
        .assert()
        .success();
    assert!(fs::read_to_string(kept.join("0.txt"))
        .unwrap()
        .contains("青石巷手记第七辑"));
}
