//! Throughput of the reflow and articles stages on generated newspaper-like pages
//! (column breaks, interposed headlines and credits, hard-wrapped posts, English hyphen
//! breaks, several articles per page). Prints MB/s; run with `cargo bench --bench reflow`.

use std::time::Instant;

use thresh::document::Document;
use thresh::stages::articles::split_articles;
use thresh::stages::reflow::{reflow, ReflowRules};

const CJK: &str = "社区居民议事会今天召开第三次会议讨论老旧小区加装电梯和停车位改造方案";

/// One generated page: a few articles, each with a headline, a byline, paragraphs (some
/// broken across a column, some around a headline and a credit) and a hard-wrapped tail.
fn page(seed: usize) -> String {
    let mut out = String::new();
    for article in 0..4 {
        let rot = (seed + article * 7) % CJK.chars().count();
        let words: String = CJK.chars().cycle().skip(rot).take(18).collect();
        out.push_str(&format!(
            "{} 第{}版\n\n本报记者 张某\n\n",
            &words[..12],
            article + 1
        ));
        for p in 0..6 {
            let body: String = CJK.chars().cycle().skip(rot + p).take(60).collect();
            match p % 3 {
                0 => out.push_str(&format!("{body}，{body}。\n\n")),
                1 => out.push_str(&format!(
                    "{body}，{}\n\n小标题 插在这里\n\n受访者供图\n\n{}，完成了。\n\n",
                    &body[..30],
                    &body[30..]
                )),
                _ => out.push_str(&format!(
                    "The council said the new library would open in the spring after manu-\n\nfacturing delays, and that {seed} readers had signed up.\n\n"
                )),
            }
        }
        let wrapped: String = CJK.chars().cycle().skip(rot).take(30).collect();
        out.push_str(&format!("{wrapped}，\n{wrapped}\n{wrapped}。\n\n"));
    }
    out
}

fn main() {
    let pages: Vec<String> = (0..3000).map(page).collect();
    let bytes: usize = pages.iter().map(String::len).sum();
    let docs: Vec<Document> = pages
        .iter()
        .map(|text| {
            let mut doc = Document::default();
            doc.set_text(text);
            doc
        })
        .collect();
    let start = Instant::now();
    let mut blocks = 0;
    for mut doc in docs {
        reflow(&mut doc, &ReflowRules::ALL);
        split_articles(&mut doc, true, true);
        blocks += doc.blocks.len();
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "reflow+articles: {} pages, {:.1} MB in {:.3} s = {:.1} MB/s ({} paragraphs out)",
        pages.len(),
        bytes as f64 / 1e6,
        secs,
        bytes as f64 / 1e6 / secs,
        blocks
    );
}
