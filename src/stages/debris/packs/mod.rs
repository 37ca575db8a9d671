//! The built-in rule packs. Each pack is a list of patterns for the rules of `catalog.rs`;
//! a pack can be switched off in `thresh.toml` (`[debris] packs = [...]`), a rule with
//! `select` / `ignore`.
//!
//! Patterns describe the *shape* of a debris line (role words, separators, numbers, length),
//! never a particular site's strings.

pub(crate) mod english;
pub(crate) mod markup;
pub(crate) mod social;
pub(crate) mod zh_hant;
pub(crate) mod zh_news;

use super::engine::Pattern;

/// A named pack of patterns.
pub struct Pack {
    pub name: &'static str,
    pub summary: &'static str,
    pub patterns: fn() -> Vec<Pattern>,
}

/// Every built-in pack, in matching order (earlier packs win when two rules match a line).
pub static PACKS: &[Pack] = &[
    Pack {
        name: "markup",
        summary: "markup residue: image file names, placeholders, URLs, ornaments",
        patterns: markup::patterns,
    },
    Pack {
        name: "social",
        summary: "WeChat, Weibo, Discuz and PTT chrome",
        patterns: social::patterns,
    },
    Pack {
        name: "zh-hant",
        summary: "Taiwan and Hong Kong portals (Traditional Chinese forms)",
        patterns: zh_hant::patterns,
    },
    Pack {
        name: "english",
        summary: "English news and magazine pages",
        patterns: english::patterns,
    },
    Pack {
        name: "zh-news",
        summary: "Chinese news, government and portal pages",
        patterns: zh_news::patterns,
    },
];

/// The names of all packs (the default of `packs`).
pub fn all_pack_names() -> Vec<String> {
    PACKS.iter().map(|p| p.name.to_string()).collect()
}

/// Shared regex fragments.
pub(crate) mod frag {
    /// A Chinese personal name: two to four Han characters, maybe spaced or with a dot.
    pub const NAME: &str = r"\p{Han}(?:[·•]?\s?\p{Han}){1,3}";
    /// Opening and closing brackets that may wrap a label.
    pub const OPEN: &str = r"[（(【\[〔「]?\s*";
    pub const CLOSE: &str = r"\s*[）)】\]〕」]?";
    /// A field separator: colon, bar or slash, full or half width.
    pub const SEP: &str = r"\s*[:：|｜/／﹕]\s*";
    /// A bullet some extractors put before list items.
    pub const BULLET: &str = r"(?:[•·▪►\-*]\s*)?";
    /// A numeric date: 2024-05-06, 2024/5/6, 2024.05.06, 2024年5月6日.
    pub const DATE: &str = r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?";
    /// A clock time: 16:05 or 22:14:05.
    pub const TIME: &str = r"\d{1,2}[:：]\d{2}(?:[:：]\d{2})?";

    /// Several names separated by 、，, or spaces.
    pub fn names() -> String {
        format!(r"{NAME}(?:\s*[、，,]\s*{NAME}|\s+{NAME}){{0,4}}")
    }

    /// `(?:a|b|c)` from a list of alternatives (already valid regex).
    pub fn any(words: &[&str]) -> String {
        format!("(?:{})", words.join("|"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_pack_compiles_and_names_are_unique() {
        let mut names = std::collections::HashSet::new();
        for pack in PACKS {
            assert!(names.insert(pack.name));
            let patterns = (pack.patterns)();
            assert!(!patterns.is_empty(), "{}", pack.name);
            for p in &patterns {
                regex::Regex::new(&p.regex)
                    .unwrap_or_else(|e| panic!("{} {}: {e}", pack.name, p.rule.code));
            }
        }
    }
}
