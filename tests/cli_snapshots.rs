//! `thresh check` output, snapshot by snapshot: every format and every exit status, on a
//! small corpus with debris, a near-duplicate and a broken file. Runs inside a temporary
//! folder so paths in the output are relative and stable. Review changes with
//! `cargo insta review` (or `INSTA_UPDATE=always cargo test --test cli_snapshots`, then
//! read the diff of `tests/snapshots/`).

use std::fs;
use std::path::Path;

use assert_cmd::Command;

/// A page with a breadcrumb, a byline, an editor line and a column break.
const DIRTY: &str = "首页 > 新闻中心 > 正文\n\
海上丝路与南汉国史料展在广州开幕\n\
本报记者 李明 通讯员 王刚\n\
海上丝路与南汉国史料展21日在广州开幕，南汉开国皇帝刘龑相关的墓志拓片、宫殿建筑构件等\n\
120余件文物首次集中展出。\n\
据主办方介绍，南汉是五代十国时期以广州为都城的地方政权，历时五十余年，留下了大量珍贵的历史遗存。\n\
责任编辑：张三\n";

/// A clean story, and a lightly edited copy of it.
const STORY: &str = "地铁三号线北延段将于年底开通试运营，沿途设站八座，全长约十四公里。\n\
市交通部门表示，北延段开通后，北部新区到市中心的通勤时间将缩短到半小时以内，沿线居民出行更加便捷。\n\
据介绍，北延段采用六节编组列车，高峰时段发车间隔不超过四分钟，并与多条公交线路实现接驳。\n";

fn corpus(dir: &Path) {
    fs::create_dir_all(dir.join("news")).unwrap();
    fs::write(dir.join("news/dirty.txt"), DIRTY).unwrap();
    fs::write(dir.join("news/story.txt"), STORY).unwrap();
    let copy = STORY.replace("沿途设站八座", "沿途共设八座车站");
    fs::write(dir.join("news/story-copy.txt"), copy).unwrap();
    fs::write(dir.join("news/clean.txt"), "一篇干净的短文。\n").unwrap();
}

/// Runs thresh in `dir` and renders exit status, stdout and stderr for a snapshot.
fn run(dir: &Path, args: &[&str]) -> String {
    let output = Command::cargo_bin("thresh")
        .expect("binary built")
        .current_dir(dir)
        .args(args)
        .output()
        .expect("runs");
    let version = env!("CARGO_PKG_VERSION");
    let folder = dir.display().to_string();
    let text = |bytes: &[u8]| {
        String::from_utf8_lossy(bytes)
            .replace(version, "[VERSION]")
            .replace(&folder, "[DIR]")
    };
    format!(
        "exit status: {}\n--- stdout\n{}--- stderr\n{}",
        output
            .status
            .code()
            .map_or("none".into(), |c| c.to_string()),
        text(&output.stdout),
        text(&output.stderr)
    )
}

fn snapshot(name: &str, args: &[&str]) {
    let dir = tempfile::tempdir().unwrap();
    corpus(dir.path());
    insta::assert_snapshot!(name, run(dir.path(), args));
}

#[test]
fn check_concise_with_findings_exits_1() {
    snapshot("check_concise", &["check", "--no-cache", "news"]);
}

#[test]
fn check_full_marks_the_finding_in_its_line() {
    snapshot(
        "check_full",
        &["check", "--no-cache", "--format", "full", "news/dirty.txt"],
    );
}

#[test]
fn check_json() {
    snapshot(
        "check_json",
        &["check", "--no-cache", "--format", "json", "news"],
    );
}

#[test]
fn check_github_annotations() {
    snapshot(
        "check_github",
        &["check", "--no-cache", "--format", "github", "news"],
    );
}

#[test]
fn check_sarif() {
    snapshot(
        "check_sarif",
        &["check", "--no-cache", "--format", "sarif", "news/dirty.txt"],
    );
}

#[test]
fn check_clean_file_exits_0() {
    snapshot("check_clean", &["check", "--no-cache", "news/clean.txt"]);
}

#[test]
fn check_exit_zero_reports_but_exits_0() {
    snapshot(
        "check_exit_zero",
        &["check", "--no-cache", "--exit-zero", "news/dirty.txt"],
    );
}

#[test]
fn check_missing_file_exits_2_and_checks_the_rest() {
    snapshot(
        "check_missing_file",
        &[
            "check",
            "--no-cache",
            "news/nope.txt",
            "news/clean.txt",
            "news/dirty.txt",
        ],
    );
}

#[test]
fn check_diff_prints_what_clean_would_change() {
    snapshot(
        "check_diff",
        &["check", "--no-cache", "--diff", "news/dirty.txt"],
    );
}

#[test]
fn check_near_duplicate_against_a_corpus() {
    // Only the copy is checked; the corpus holds the original.
    snapshot(
        "check_near_duplicate_corpus",
        &[
            "check",
            "--no-cache",
            "--corpus",
            "news",
            "news/story-copy.txt",
        ],
    );
}

#[test]
fn check_near_duplicate_can_be_ignored() {
    snapshot(
        "check_near_duplicate_ignored",
        &[
            "check",
            "--no-cache",
            "--ignore",
            "N001",
            "news/story.txt",
            "news/story-copy.txt",
        ],
    );
}

#[test]
fn check_bad_config_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    corpus(dir.path());
    fs::write(dir.path().join("thresh.toml"), "selct = [\"D\"]\n").unwrap();
    insta::assert_snapshot!(
        "check_bad_config",
        run(dir.path(), &["check", "--no-cache", "news/clean.txt"])
    );
}

#[test]
fn check_cache_gives_the_same_output_on_the_second_run() {
    let dir = tempfile::tempdir().unwrap();
    corpus(dir.path());
    let first = run(dir.path(), &["check", "--corpus", "news", "news"]);
    assert!(dir.path().join(".thresh").is_dir());
    let second = run(dir.path(), &["check", "--corpus", "news", "news"]);
    assert_eq!(first, second);
    insta::assert_snapshot!("check_cached", second);
}
