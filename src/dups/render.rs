//! Output formats of a near-duplicate report: text, JSON, JSONL.

use std::io::{self, Write};

use serde_json::{json, Value};

use super::search::DupReport;
use super::DupSettings;

/// The settings a report was made with, as shown in JSON output.
pub fn parameters(settings: &DupSettings, report: &DupReport) -> Value {
    json!({
        "shingle": settings.shingle,
        "weighted": settings.weighted,
        "min_paragraph_chars": settings.min_paragraph_chars,
        "per_sentence": settings.per_sentence,
        "hamming": settings.hamming,
        "bands": settings.bands,
        "rows": settings.rows,
        "jaccard": settings.threshold.jaccard,
        "containment": settings.threshold.containment,
        "containment_min_jaccard": settings.threshold.containment_min_jaccard,
        "documents": report.documents,
        "candidates": report.candidates,
    })
}

/// One line per pair (`a  b  distance  jaccard  containment`), a blank line, then one line
/// per cluster: `representative: member member …`.
pub fn write_text(out: &mut dyn Write, report: &DupReport) -> io::Result<()> {
    for p in &report.pairs {
        writeln!(
            out,
            "{}  {}  {}  {:.3}  {:.3}",
            p.a, p.b, p.distance, p.jaccard, p.containment
        )?;
    }
    if !report.clusters.is_empty() {
        writeln!(out)?;
    }
    for c in &report.clusters {
        writeln!(out, "{}: {}", c.representative, c.members.join(" "))?;
    }
    Ok(())
}

/// `{"parameters": {...}, "pairs": [...], "clusters": [...]}`.
pub fn write_json(
    out: &mut dyn Write,
    settings: &DupSettings,
    report: &DupReport,
) -> io::Result<()> {
    let value = json!({
        "parameters": parameters(settings, report),
        "pairs": report.pairs,
        "clusters": report.clusters,
    });
    serde_json::to_writer_pretty(&mut *out, &value)?;
    writeln!(out)
}

/// One JSON object per line: each pair (`"kind": "pair"`), then each cluster
/// (`"kind": "cluster"`).
pub fn write_jsonl(out: &mut dyn Write, report: &DupReport) -> io::Result<()> {
    for p in &report.pairs {
        let line = json!({"kind": "pair", "a": p.a, "b": p.b, "distance": p.distance,
            "jaccard": p.jaccard, "containment": p.containment});
        writeln!(out, "{line}")?;
    }
    for c in &report.clusters {
        let line =
            json!({"kind": "cluster", "representative": c.representative, "members": c.members});
        writeln!(out, "{line}")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dups::{DupCluster, DupPair};

    fn report() -> DupReport {
        DupReport {
            documents: 3,
            candidates: 2,
            pairs: vec![DupPair {
                a: "a.txt".into(),
                b: "b.txt".into(),
                distance: 7,
                jaccard: 0.81,
                containment: 0.9,
            }],
            clusters: vec![DupCluster {
                representative: "b.txt".into(),
                members: vec!["b.txt".into(), "a.txt".into()],
            }],
        }
    }

    #[test]
    fn text_format() {
        let mut out = Vec::new();
        write_text(&mut out, &report()).expect("write");
        assert_eq!(
            String::from_utf8(out).expect("utf-8"),
            "a.txt  b.txt  7  0.810  0.900\n\nb.txt: b.txt a.txt\n"
        );
    }

    #[test]
    fn json_format_has_the_documented_fields() {
        let mut out = Vec::new();
        write_json(&mut out, &DupSettings::default(), &report()).expect("write");
        let v: Value = serde_json::from_slice(&out).expect("json");
        assert_eq!(v["pairs"][0]["a"], "a.txt");
        assert_eq!(v["pairs"][0]["distance"], 7);
        assert_eq!(v["pairs"][0]["containment"], 0.9);
        assert_eq!(v["clusters"][0]["representative"], "b.txt");
        assert_eq!(v["clusters"][0]["members"][1], "a.txt");
        assert_eq!(v["parameters"]["shingle"], 3);
    }

    #[test]
    fn jsonl_is_one_object_per_line() {
        let mut out = Vec::new();
        write_jsonl(&mut out, &report()).expect("write");
        let text = String::from_utf8(out).expect("utf-8");
        let lines: Vec<Value> = text
            .lines()
            .map(|l| serde_json::from_str(l).expect("json"))
            .collect();
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0]["kind"], "pair");
        assert_eq!(lines[1]["members"][0], "b.txt");
    }
}
