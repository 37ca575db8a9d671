//! normalize: line by line, makes characters and spacing canonical without changing what
//! the text says. Idempotent. Edits are recorded per line and rule, not per character.

use crate::config::Settings;
use crate::document::{Action, Document, Edit};
use crate::error::{ConfigError, DocumentError};
use crate::rules::RuleInfo;
use crate::stage::{Stage, StageInfo};

pub const STAGE: &str = "normalize";

pub static UNICODE_SPACES: RuleInfo = RuleInfo {
    code: "U101",
    name: "unicode-spaces",
    summary: "NBSP, ideographic space (U+3000) and other space characters become a plain space",
    explanation: "Web pages indent and pad with no-break spaces, ideographic spaces (U+3000) \
        and other Unicode space characters. They are replaced by an ASCII space (leading and \
        trailing ones are then trimmed by edge-spaces).",
};

pub static INVISIBLE_CHARACTERS: RuleInfo = RuleInfo {
    code: "U102",
    name: "invisible-characters",
    summary: "zero-width characters, soft hyphens, stray BOMs and control characters are removed",
    explanation: "Zero-width spaces and joiners, soft hyphens, byte order marks inside the text \
        and control characters (other than tab) carry no text and break matching and search. \
        They are removed; a line made only of them disappears.",
};

pub static EDGE_SPACES: RuleInfo = RuleInfo {
    code: "U103",
    name: "edge-spaces",
    summary: "leading and trailing spaces of a line are trimmed",
    explanation: "Indentation and trailing spaces left by page layout are not part of the \
        paragraph; the output has none.",
};

pub static FULLWIDTH_ASCII: RuleInfo = RuleInfo {
    code: "U104",
    name: "fullwidth-ascii",
    summary: "full-width Latin letters, digits and symbols are folded to ASCII",
    explanation: "Chinese input methods produce full-width forms of Latin letters and digits \
        (`ｗｗｗ３` for `www3`). They are folded to ASCII so that the same word is spelled one \
        way. Full-width punctuation inside Chinese text is kept (see cjk-punctuation).",
};

pub static CJK_PUNCTUATION: RuleInfo = RuleInfo {
    code: "U105",
    name: "cjk-punctuation",
    summary: "half-width , ; : ? ! ( ) inside Chinese text become full-width",
    explanation: "Chinese text uses full-width punctuation (，；：？！（）). Scraped pages often \
        carry half-width marks inside Chinese sentences. A mark next to Chinese text is made \
        full-width; English text keeps its ASCII punctuation, and numbers such as `2.5`, \
        `10:30` and `1,000` are never touched.",
};

pub static CJK_QUOTES: RuleInfo = RuleInfo {
    code: "U106",
    name: "cjk-quotes",
    summary: "ASCII double quotes inside Chinese text become “ ”",
    explanation:
        "A pair of ASCII `\"` around or beside Chinese text becomes the Chinese quotation \
        marks “ and ”. Quotes in English text are left alone.",
};

static RULES: &[RuleInfo] = &[
    UNICODE_SPACES,
    INVISIBLE_CHARACTERS,
    EDGE_SPACES,
    FULLWIDTH_ASCII,
    CJK_PUNCTUATION,
    CJK_QUOTES,
];

pub static INFO: StageInfo = StageInfo {
    name: STAGE,
    summary:
        "spaces, invisible characters, full-width forms and Chinese punctuation made canonical",
    rules: RULES,
    build: build_stage,
};

/// Which normalisations run (from rule selection).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NormalizeRules {
    pub unicode_spaces: bool,
    pub invisible_characters: bool,
    pub edge_spaces: bool,
    pub fullwidth_ascii: bool,
    pub cjk_punctuation: bool,
    pub cjk_quotes: bool,
}

impl NormalizeRules {
    pub const ALL: NormalizeRules = NormalizeRules {
        unicode_spaces: true,
        invisible_characters: true,
        edge_spaces: true,
        fullwidth_ascii: true,
        cjk_punctuation: true,
        cjk_quotes: true,
    };

    fn from_settings(settings: &Settings) -> Self {
        NormalizeRules {
            unicode_spaces: settings.rule_enabled(UNICODE_SPACES.code),
            invisible_characters: settings.rule_enabled(INVISIBLE_CHARACTERS.code),
            edge_spaces: settings.rule_enabled(EDGE_SPACES.code),
            fullwidth_ascii: settings.rule_enabled(FULLWIDTH_ASCII.code),
            cjk_punctuation: settings.rule_enabled(CJK_PUNCTUATION.code),
            cjk_quotes: settings.rule_enabled(CJK_QUOTES.code),
        }
    }
}

/// One kind of change made to a line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LineChange {
    pub rule: &'static RuleInfo,
    /// 1-based column (in characters of the input line) of the first change of this kind.
    pub column: u32,
    /// How many characters this rule changed on the line.
    pub count: u32,
}

/// Normalises one line. Returns `None` when the line is already normal.
pub fn normalize_line(line: &str, rules: &NormalizeRules) -> Option<(String, Vec<LineChange>)> {
    // Placeholder until the normalize work lands: trims edge spaces only.
    let trimmed = line.trim();
    if !rules.edge_spaces || trimmed.len() == line.len() {
        return None;
    }
    let column = if line.starts_with(trimmed) {
        trimmed.chars().count() as u32 + 1
    } else {
        1
    };
    Some((
        trimmed.to_string(),
        vec![LineChange {
            rule: &EDGE_SPACES,
            column,
            count: 1,
        }],
    ))
}

struct NormalizeStage {
    rules: NormalizeRules,
}

fn build_stage(settings: &Settings) -> Result<Box<dyn Stage>, ConfigError> {
    Ok(Box::new(NormalizeStage {
        rules: NormalizeRules::from_settings(settings),
    }))
}

impl Stage for NormalizeStage {
    fn name(&self) -> &'static str {
        STAGE
    }

    fn apply(&self, doc: &mut Document) -> Result<(), DocumentError> {
        let mut edits = Vec::new();
        doc.blocks.retain_mut(|block| {
            let Some((normal, changes)) = normalize_line(&block.text, &self.rules) else {
                return true;
            };
            for change in &changes {
                let action = if normal.is_empty() {
                    Action::Remove
                } else {
                    Action::Replace
                };
                edits.push(
                    Edit::new(STAGE, change.rule, action, block.lines)
                        .column(change.column)
                        .before(block.text.clone())
                        .after(normal.clone())
                        .reason(format!(
                            "{} character(s): {}",
                            change.count, change.rule.summary
                        )),
                );
            }
            block.text = normal;
            !block.text.is_empty()
        });
        doc.edits.extend(edits);
        Ok(())
    }
}
