//! The incremental `thresh check`: 10 changed files against an already indexed corpus.
//!
//! ```text
//! cargo bench --bench check                      # a generated corpus of 100k documents
//! cargo bench --bench check -- DIR               # a folder of .txt documents (e.g. the
//!                                                # txt/ folder of make_corpus.py's output)
//! cargo bench --bench check -- --docs N          # a generated corpus of N documents
//! ```
//!
//! Runs the release `thresh` binary the way a pre-commit hook does: once to index the
//! corpus (timed, printed), then three rounds of "change 10 files, check them against the
//! corpus", printing each round's wall time. The generated corpus (short Chinese news-like
//! documents) is kept in `target/bench-check/` between runs.

use std::error::Error;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

const CHANGED: usize = 10;

fn main() -> Result<(), Box<dyn Error>> {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let work = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-check");
    let corpus = match args.as_slice() {
        [flag, n] if flag == "--docs" => generated(&work, n.parse()?)?,
        [dir] => PathBuf::from(dir),
        [] => generated(&work, 100_000)?,
        _ => return Err("usage: cargo bench --bench check -- [DIR | --docs N]".into()),
    };
    let files = text_files(&corpus)?;
    if files.len() < CHANGED {
        return Err(format!("{}: fewer than {CHANGED} .txt files", corpus.display()).into());
    }
    let thresh = env!("CARGO_BIN_EXE_thresh");
    let cache = work.join("cache");
    let staged = work.join("staged");
    let _ = fs::remove_dir_all(&staged);
    fs::create_dir_all(&staged)?;
    // The "commit": copies of corpus documents, each edited a little per round.
    let step = files.len() / CHANGED;
    let originals: Vec<String> = (0..CHANGED)
        .map(|i| fs::read_to_string(&files[i * step]))
        .collect::<Result<_, _>>()?;
    let write_staged = |round: usize| -> std::io::Result<()> {
        for (i, text) in originals.iter().enumerate() {
            let edited = format!("{text}第{round}轮补充的一句话。\n");
            fs::write(staged.join(format!("staged-{i}.txt")), edited)?;
        }
        Ok(())
    };
    let check = || -> Result<f64, Box<dyn Error>> {
        let start = Instant::now();
        let out = Command::new(thresh)
            .arg("check")
            .arg("--exit-zero")
            .arg("--cache-dir")
            .arg(&cache)
            .arg("--corpus")
            .arg(&corpus)
            .arg(&staged)
            .output()?;
        let seconds = start.elapsed().as_secs_f64();
        if !out.status.success() {
            return Err(format!(
                "thresh check failed: {}",
                String::from_utf8_lossy(&out.stderr)
            )
            .into());
        }
        let near = String::from_utf8_lossy(&out.stdout)
            .lines()
            .filter(|l| l.contains(" N001 "))
            .count();
        if near != CHANGED {
            return Err(format!("expected {CHANGED} N001 findings, got {near}").into());
        }
        Ok(seconds)
    };

    write_staged(0)?;
    let indexed = check()?;
    println!(
        "index {} documents ({}) once: {indexed:.2} s",
        files.len(),
        corpus.display()
    );
    let mut best = f64::INFINITY;
    for round in 1..=3 {
        write_staged(round)?;
        let seconds = check()?;
        best = best.min(seconds);
        println!("round {round}: check {CHANGED} changed files against the index: {seconds:.3} s");
    }
    println!("best of 3: {best:.3} s");
    Ok(())
}

/// Every `.txt` file under `dir`, sorted.
fn text_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d)? {
            let path = entry?.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "txt") {
                out.push(path);
            }
        }
    }
    out.sort();
    Ok(out)
}

/// A corpus of `n` short generated documents under `work` (reused when already there).
fn generated(work: &Path, n: usize) -> std::io::Result<PathBuf> {
    let dir = work.join(format!("corpus-{n}"));
    let done = dir.join(".complete");
    if done.exists() {
        return Ok(dir);
    }
    fs::create_dir_all(&dir)?;
    let pool: Vec<char> = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严"
        .chars()
        .collect();
    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = move |bound: usize| {
        // xorshift64*: deterministic, good enough to make distinct documents.
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        (state.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 33) as usize % bound
    };
    for i in 0..n {
        let mut text = String::new();
        for _ in 0..3 + next(3) {
            for _ in 0..2 + next(3) {
                let len = 12 + next(20);
                text.extend((0..len).map(|_| pool[next(pool.len())]));
                text.push_str(if next(2) == 0 { "，" } else { "。" });
            }
            text.push_str("。\n");
        }
        fs::write(dir.join(format!("d{i:06}.txt")), text)?;
    }
    fs::write(&done, b"")?;
    Ok(dir)
}
