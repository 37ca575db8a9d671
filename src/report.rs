//! The JSON report of a `clean` run: per document its encoding verdict and every edit, and
//! counts per stage and per rule. Written as a stream (documents as they finish) so memory
//! stays bounded, into a temporary file that replaces the destination at the end.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::Path;

use serde::Serialize;

use crate::document::{Document, EncodingVerdict, Source};
use crate::io::atomic::AtomicFile;

/// Bumped whenever a field changes meaning or disappears.
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Serialize)]
struct DocumentEntry<'a> {
    id: &'a str,
    source: &'a Option<Source>,
    #[serde(skip_serializing_if = "Option::is_none")]
    encoding: Option<&'a EncodingVerdict>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<&'a str>,
    edits: &'a [crate::document::Edit],
}

#[derive(Serialize, Default)]
struct RuleCount {
    name: String,
    stage: &'static str,
    count: u64,
}

/// Streams a report to a file.
pub struct ReportWriter {
    file: io::BufWriter<AtomicFile>,
    first: bool,
    documents: u64,
    errors: u64,
    edits: u64,
    by_stage: BTreeMap<&'static str, u64>,
    by_rule: BTreeMap<String, RuleCount>,
}

impl ReportWriter {
    /// Starts a report at `dest` (nothing appears there until [`ReportWriter::finish`]).
    pub fn create(dest: &Path) -> io::Result<ReportWriter> {
        let mut file = io::BufWriter::new(AtomicFile::create(dest)?);
        write!(
            file,
            "{{\"schema_version\":{SCHEMA_VERSION},\"tool\":{{\"name\":\"thresh\",\"version\":\"{}\"}},\"documents\":[",
            env!("CARGO_PKG_VERSION")
        )?;
        Ok(ReportWriter {
            file,
            first: true,
            documents: 0,
            errors: 0,
            edits: 0,
            by_stage: BTreeMap::new(),
            by_rule: BTreeMap::new(),
        })
    }

    fn entry(&mut self, entry: &DocumentEntry) -> io::Result<()> {
        if !self.first {
            self.file.write_all(b",")?;
        }
        self.first = false;
        self.file.write_all(b"\n")?;
        serde_json::to_writer(&mut self.file, entry)?;
        Ok(())
    }

    /// Adds a processed document.
    pub fn document(&mut self, doc: &Document) -> io::Result<()> {
        self.documents += 1;
        for edit in &doc.edits {
            self.edits += 1;
            *self.by_stage.entry(edit.stage).or_default() += 1;
            // Looked up before inserting: a key is allocated once per rule, not per edit.
            match self.by_rule.get_mut(edit.code.as_ref()) {
                Some(count) => count.count += 1,
                None => {
                    self.by_rule.insert(
                        edit.code.to_string(),
                        RuleCount {
                            name: edit.rule.to_string(),
                            stage: edit.stage,
                            count: 1,
                        },
                    );
                }
            }
        }
        self.entry(&DocumentEntry {
            id: &doc.id,
            source: &doc.source,
            encoding: doc.encoding.as_ref(),
            error: None,
            edits: &doc.edits,
        })
    }

    /// Adds an input that failed.
    pub fn error(&mut self, id: &str, source: &Option<Source>, message: &str) -> io::Result<()> {
        self.errors += 1;
        self.entry(&DocumentEntry {
            id,
            source,
            encoding: None,
            error: Some(message),
            edits: &[],
        })
    }

    /// Writes the counts and `extra` top-level sections (name, JSON value), then moves the
    /// report into place.
    pub fn finish(mut self, extra: &[(&str, serde_json::Value)]) -> io::Result<()> {
        #[derive(Serialize)]
        struct Counts<'a> {
            documents: u64,
            errors: u64,
            edits: u64,
            by_stage: &'a BTreeMap<&'static str, u64>,
            by_rule: &'a BTreeMap<String, RuleCount>,
        }
        self.file.write_all(b"\n],\"counts\":")?;
        serde_json::to_writer(
            &mut self.file,
            &Counts {
                documents: self.documents,
                errors: self.errors,
                edits: self.edits,
                by_stage: &self.by_stage,
                by_rule: &self.by_rule,
            },
        )?;
        for (name, value) in extra {
            write!(self.file, ",{}:", crate::io::jsonl::json_string(name))?;
            serde_json::to_writer(&mut self.file, value)?;
        }
        self.file.write_all(b"}\n")?;
        let file = self.file.into_inner().map_err(|e| e.into_error())?;
        file.commit()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Settings;
    use crate::pipeline::Pipeline;

    #[test]
    fn report_is_valid_json_with_counts() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("report.json");
        let pipeline = Pipeline::new(Settings::default()).unwrap();
        let mut doc = Document::from_text("a.txt", "  first line\r\nsecond\n");
        pipeline.run(&mut doc).unwrap();
        let mut report = ReportWriter::create(&dest).unwrap();
        report.document(&doc).unwrap();
        report.error("b.txt", &None, "binary file").unwrap();
        report.finish(&[]).unwrap();
        let v: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&dest).unwrap()).unwrap();
        assert_eq!(v["schema_version"], SCHEMA_VERSION);
        assert_eq!(v["documents"][0]["id"], "a.txt");
        assert_eq!(v["documents"][1]["error"], "binary file");
        assert_eq!(v["counts"]["documents"], 1);
        assert_eq!(v["counts"]["errors"], 1);
        let edits = v["counts"]["edits"].as_u64().unwrap();
        assert_eq!(
            edits,
            v["documents"][0]["edits"].as_array().unwrap().len() as u64
        );
        assert!(edits >= 2, "line ends and edge spaces are both edits");
    }
}
