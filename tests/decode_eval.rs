//! Every page of the shared eval sets (`../shared/eval/{dev,seeds}` beside the crate)
//! decodes to the right text: the ideographs of every gold line are found in the decoded
//! text, no U+FFFD appears and no mojibake is left. Skipped with a note when the shared
//! folder is absent.

use std::fs;
use std::path::{Path, PathBuf};

use thresh::stages::decode::{decode_bytes, DecodeOptions};

/// `$THRESH_EVAL_DIR`, else `../shared/eval` beside the clone (as in CI), else two levels
/// up (a git worktree inside a folder of worktrees).
fn eval_root() -> PathBuf {
    if let Some(dir) = std::env::var_os("THRESH_EVAL_DIR") {
        return PathBuf::from(dir);
    }
    let crate_root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let beside = crate_root.join("../shared/eval");
    let above = crate_root.join("../../shared/eval");
    if !beside.is_dir() && above.is_dir() {
        above
    } else {
        beside
    }
}

fn is_ideograph(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F)
}

fn ideographs(text: &str) -> String {
    text.chars().filter(|&c| is_ideograph(c)).collect()
}

/// Signs of text read with the wrong encoding: C1 controls, or an accented capital or
/// vowel followed by a windows-1252 punctuation character.
fn has_mojibake_marks(text: &str) -> bool {
    text.chars().any(|c| ('\u{80}'..='\u{9F}').contains(&c))
        || text.contains("Ã")
        || text.contains("â€")
}

struct Outcome {
    name: String,
    encoding: String,
    mojibake: Option<String>,
    gold_lines: usize,
    contiguous: usize,
}

fn check_set(set: &str) -> Option<Vec<Outcome>> {
    let dir = eval_root().join(set);
    let inputs = dir.join("input");
    if !inputs.is_dir() {
        println!(
            "note: {} is absent; eval decode test skipped",
            inputs.display()
        );
        return None;
    }
    let options = DecodeOptions {
        repair_mojibake: true,
        ..DecodeOptions::default()
    };
    let mut names: Vec<_> = fs::read_dir(&inputs)
        .expect("input folder is readable")
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    names.sort();
    assert!(!names.is_empty(), "no inputs in {}", inputs.display());
    let mut outcomes = Vec::new();
    for path in names {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let bytes = fs::read(&path).expect("input is readable");
        let decoded = decode_bytes(&bytes, &options)
            .unwrap_or_else(|e| panic!("{set}/{name}: decode failed: {e}"));
        let text = &decoded.text;
        assert!(!text.contains('\u{FFFD}'), "{set}/{name}: U+FFFD in output");
        assert!(!has_mojibake_marks(text), "{set}/{name}: mojibake left");
        let gold = fs::read_to_string(dir.join("gold").join(&name)).expect("gold file");
        let all = ideographs(text);
        let (mut gold_lines, mut contiguous) = (0, 0);
        for line in gold.lines() {
            let wanted = ideographs(line);
            if wanted.is_empty() {
                continue;
            }
            gold_lines += 1;
            for c in wanted.chars() {
                assert!(
                    all.contains(c),
                    "{set}/{name}: {c} of gold line {line:?} not decoded"
                );
            }
            contiguous += usize::from(all.contains(&wanted));
        }
        // Gold joins paragraphs across debris and moves headlines, so not every gold line
        // is one contiguous piece of the input; nearly all are.
        assert!(
            contiguous * 10 >= gold_lines * 8,
            "{set}/{name}: only {contiguous} of {gold_lines} gold lines found whole"
        );
        outcomes.push(Outcome {
            name,
            encoding: decoded.verdict.encoding.clone(),
            mojibake: decoded.verdict.mojibake_repaired.clone(),
            gold_lines,
            contiguous,
        });
    }
    for o in &outcomes {
        println!(
            "{set}/{}: {} mojibake={:?} gold lines {}/{} whole",
            o.name, o.encoding, o.mojibake, o.contiguous, o.gold_lines
        );
    }
    Some(outcomes)
}

#[test]
fn dev_inputs_decode_to_gold_text() {
    let Some(outcomes) = check_set("dev") else {
        return;
    };
    // The label file names each page's real encoding.
    for o in &outcomes {
        let label_path = eval_root()
            .join("dev/labels")
            .join(o.name.replace(".txt", ".json"));
        let label: serde_json::Value =
            serde_json::from_str(&fs::read_to_string(label_path).expect("label file"))
                .expect("label is JSON");
        let encoding = label["input_encoding"].as_str().unwrap_or("utf-8");
        let expected = if encoding.starts_with("mojibake") {
            assert!(
                o.mojibake.is_some(),
                "{}: mojibake was not repaired",
                o.name
            );
            "UTF-8"
        } else {
            match encoding {
                "gbk" => "GBK",
                "gb18030" => "gb18030",
                "big5" | "big5hkscs" => "Big5",
                _ => "UTF-8",
            }
        };
        assert_eq!(o.encoding, expected, "{}", o.name);
    }
}

#[test]
fn seed_inputs_decode_to_gold_text() {
    check_set("seeds");
}
