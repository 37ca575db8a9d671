//! Settling the result: the document as cleaning its output would read it (the *view*),
//! and the way back from the view's lines to the original ones.

use crate::document::{Action, Block, Document, Edit, LineRange};

/// How many times [`Pipeline::settle`](super::Pipeline::settle) re-reads the result at most.
pub(super) const MAX_ROUNDS: usize = 4;

/// The result of the stages as its text output reads back: one block per output line
/// once decoded, numbered like the output, a blank line before each article.
pub(super) struct View {
    doc: Document,
    /// The rendered text the view was read from.
    text: String,
    /// For each line of the view: the original lines behind it and the blank lines that
    /// preceded them in the input (`None` for the blank line between articles).
    origin: Vec<Option<(LineRange, u32)>>,
}

impl View {
    /// The view of `doc`, still to be decoded: the rendered text as input bytes, exactly
    /// what cleaning the output reads.
    pub(super) fn of(doc: &Document) -> View {
        let text = doc.render_text();
        let view = Document {
            id: doc.id.clone(),
            source: doc.source.clone(),
            raw: text.clone().into_bytes(),
            ..Document::default()
        };
        let mut origin = Vec::with_capacity(doc.blocks.len() + 1);
        for block in &doc.blocks {
            if block.starts_article && !origin.is_empty() {
                origin.push(None);
            }
            origin.push(Some((block.lines, block.blank_before)));
        }
        View {
            doc: view,
            text,
            origin,
        }
    }

    pub(super) fn doc_mut(&mut self) -> &mut Document {
        &mut self.doc
    }

    /// Whether the stages left the view as it was (a second clean changes nothing).
    pub(super) fn unchanged(&self) -> bool {
        self.doc.edits.is_empty() && self.doc.render_text() == self.text
    }

    /// Takes the view's blocks and edits into `doc`, in original line numbers.
    pub(super) fn apply_to(self, doc: &mut Document) {
        let repaired = self
            .doc
            .encoding
            .as_ref()
            .and_then(|e| e.mojibake_repaired.clone());
        if let (Some(verdict), Some(wrong)) = (doc.encoding.as_mut(), repaired) {
            verdict.mojibake_repaired.get_or_insert(wrong);
        }
        let mut blocks: Vec<Block> = Vec::with_capacity(self.doc.blocks.len());
        for block in &self.doc.blocks {
            let mut block = block.clone();
            block.blank_before = self
                .origin_of(block.lines.start)
                .map_or(0, |(_, blank)| blank);
            block.lines = self.map(block.lines).unwrap_or(block.lines);
            blocks.push(block);
        }
        doc.blocks = blocks;
        for edit in &self.doc.edits {
            let lines = self.map(edit.lines).unwrap_or(edit.lines);
            // A column of the view is one of the original only when both are one line.
            let one_line = edit.lines.start == edit.lines.end && lines.start == lines.end;
            doc.edits.push(Edit {
                lines,
                column: if one_line { edit.column } else { 1 },
                reason: self.map_reason(&edit.reason).into(),
                ..edit.clone()
            });
        }
    }

    fn origin_of(&self, line: u32) -> Option<(LineRange, u32)> {
        let index = usize::try_from(line).ok()?.checked_sub(1)?;
        self.origin.get(index).copied().flatten()
    }

    /// The original lines behind view lines `lines`.
    fn map(&self, lines: LineRange) -> Option<LineRange> {
        (lines.start..=lines.end)
            .filter_map(|n| self.origin_of(n))
            .map(|(range, _)| range)
            .reduce(LineRange::union)
    }

    /// A reason with the view's line numbers (`lines 3 and 4-5`, `line 7`) turned into
    /// original ones.
    pub(super) fn map_reason(&self, reason: &str) -> String {
        let mut out = String::with_capacity(reason.len());
        let mut rest = reason;
        while let Some(at) = rest.find("line") {
            let (head, tail) = rest.split_at(at);
            out.push_str(head);
            let word = if tail.starts_with("lines ") {
                "lines "
            } else if tail.starts_with("line ") {
                "line "
            } else {
                "line"
            };
            out.push_str(word);
            rest = &tail[word.len()..];
            if word == "line" {
                continue;
            }
            loop {
                let len = rest
                    .find(|c: char| !(c.is_ascii_digit() || c == '-'))
                    .unwrap_or(rest.len());
                let Some(range) = parse_range(&rest[..len]).and_then(|r| self.map(r)) else {
                    break;
                };
                out.push_str(&range.to_string());
                rest = &rest[len..];
                match rest.strip_prefix(" and ") {
                    Some(after) => {
                        out.push_str(" and ");
                        rest = after;
                    }
                    None => break,
                }
            }
        }
        out.push_str(rest);
        out
    }
}

/// `7` or `3-4`, as [`LineRange`] displays itself.
fn parse_range(text: &str) -> Option<LineRange> {
    let (start, end) = text.split_once('-').unwrap_or((text, text));
    let (start, end) = (start.parse().ok()?, end.parse().ok()?);
    (start >= 1 && start <= end).then(|| LineRange::new(start, end))
}

/// Whether the output of `doc` reads back as exactly the input the stages saw, so that a
/// second clean would repeat the first and find nothing: no stage changed anything, and
/// the input already had the output's layout (a blank line before each article but the
/// first, nowhere else). Text that was clean already (`thresh check` on a cleaned corpus)
/// is then not cleaned a second time.
pub(super) fn reads_back_as_is(doc: &Document) -> bool {
    doc.edits.is_empty()
        && doc.blocks.iter().enumerate().all(|(i, block)| {
            let blank = u32::from(i > 0 && block.starts_article);
            block.blank_before == blank && block.lines.start == block.lines.end
        })
}

/// Removes the reports of article boundaries that a later round took back (the block
/// they opened no longer opens an article).
pub(super) fn drop_reverted_splits(doc: &mut Document) {
    let starts: Vec<u32> = doc
        .blocks
        .iter()
        .skip(1)
        .filter(|b| b.starts_article)
        .map(|b| b.lines.start)
        .collect();
    doc.edits
        .retain(|e| e.action != Action::Split || starts.contains(&e.lines.start));
}
