//! User rules from `thresh.toml`:
//!
//! ```toml
//! [[debris.rules]]
//! code = "D950"                 # D9xx, not a built-in code
//! name = "site-slogan"          # kebab-case, names the pattern
//! regex = "^本站口号.*$"         # or: literal = "本站口号"
//! kind = "line"                 # line | inline | block
//! zone = "edges"                # any | edges | header | body | footer
//! max-length = 80               # characters; longer lines are never matched
//! ```
//!
//! A `line` rule removes a line the pattern matches (anywhere in it — anchor it with `^…$`
//! to match whole lines); an `inline` rule removes the matched spans and keeps the line;
//! a `block` rule removes the matched line and every following line of the same zone.
//! Patterns compile while the configuration is parsed, so a bad regex is a configuration
//! error with the file and line, never a failure mid-run.

use std::fmt;

use regex::Regex;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::zones::Zone;

/// A regex compiled when the configuration is read.
#[derive(Clone)]
pub struct UserRegex {
    source: String,
    regex: Regex,
}

impl UserRegex {
    pub fn new(source: &str) -> Result<UserRegex, regex::Error> {
        Ok(UserRegex {
            source: source.to_string(),
            regex: Regex::new(source)?,
        })
    }

    pub fn regex(&self) -> &Regex {
        &self.regex
    }

    pub fn as_str(&self) -> &str {
        &self.source
    }
}

impl fmt::Debug for UserRegex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", self.source)
    }
}

impl PartialEq for UserRegex {
    fn eq(&self, other: &Self) -> bool {
        self.source == other.source
    }
}

impl<'de> Deserialize<'de> for UserRegex {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let source = String::deserialize(deserializer)?;
        UserRegex::new(&source)
            .map_err(|e| serde::de::Error::custom(format!("invalid regex {source:?}: {e}")))
    }
}

impl Serialize for UserRegex {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.source)
    }
}

/// What a user rule removes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum UserRuleKind {
    #[default]
    Line,
    Inline,
    Block,
}

/// One `[[debris.rules]]` entry.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct UserRule {
    pub code: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub regex: Option<UserRegex>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub literal: Option<String>,
    #[serde(default)]
    pub kind: UserRuleKind,
    #[serde(default = "any_zone")]
    pub zone: Zone,
    #[serde(default = "default_max_length")]
    pub max_length: usize,
}

fn any_zone() -> Zone {
    Zone::Any
}

fn default_max_length() -> usize {
    200
}

impl UserRule {
    /// Checks what serde cannot: code shape, name shape, exactly one pattern.
    pub fn validate(&self) -> Result<(), String> {
        let code_ok = self.code.len() == 4
            && self.code.starts_with("D9")
            && self.code[1..].chars().all(|c| c.is_ascii_digit());
        if !code_ok {
            return Err(format!(
                "debris.rules: code {:?} must be D9 followed by two digits",
                self.code
            ));
        }
        if crate::registry::find_rule(&self.code).is_some() {
            return Err(format!(
                "debris.rules: code {} is a built-in rule",
                self.code
            ));
        }
        let kebab = !self.name.is_empty()
            && self
                .name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !kebab {
            return Err(format!(
                "debris.rules: name {:?} ({}) must be kebab-case",
                self.name, self.code
            ));
        }
        match (&self.regex, &self.literal) {
            (Some(_), None) | (None, Some(_)) => Ok(()),
            _ => Err(format!(
                "debris.rules: {} needs exactly one of `regex` and `literal`",
                self.code
            )),
        }
    }

    /// The compiled pattern (a literal is escaped).
    pub fn compiled(&self) -> Result<Regex, String> {
        match (&self.regex, &self.literal) {
            (Some(re), _) => Ok(re.regex().clone()),
            (None, Some(lit)) => Regex::new(&regex::escape(lit)).map_err(|e| e.to_string()),
            (None, None) => Err(format!("debris.rules: {} has no pattern", self.code)),
        }
    }
}

/// The user rules, compiled.
pub struct UserRules {
    rules: Vec<(UserRule, Regex)>,
}

impl UserRules {
    pub fn new(rules: &[UserRule], enabled: impl Fn(&str) -> bool) -> Result<UserRules, String> {
        let mut out = Vec::new();
        for rule in rules {
            rule.validate()?;
            if enabled(&rule.code) {
                out.push((rule.clone(), rule.compiled()?));
            }
        }
        Ok(UserRules { rules: out })
    }

    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// The first line or block rule that matches a line of `chars` characters.
    pub fn line_hit(&self, line: &str, chars: usize) -> Option<usize> {
        self.rules.iter().position(|(rule, re)| {
            rule.kind != UserRuleKind::Inline && chars <= rule.max_length && re.is_match(line)
        })
    }

    pub fn rule(&self, i: usize) -> &UserRule {
        &self.rules[i].0
    }

    /// Inline spans `(rule index, start, end)` in `line`, in zone `zone`.
    pub fn inline_spans(&self, line: &str, chars: usize, zone: Zone) -> Vec<(usize, usize, usize)> {
        let mut out = Vec::new();
        for (i, (rule, re)) in self.rules.iter().enumerate() {
            if rule.kind == UserRuleKind::Inline
                && chars <= rule.max_length
                && rule.zone.allows(zone)
            {
                out.extend(
                    re.find_iter(line)
                        .filter(|m| !m.is_empty())
                        .map(|m| (i, m.start(), m.end())),
                );
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(toml_text: &str) -> Result<UserRule, String> {
        toml::from_str::<UserRule>(toml_text).map_err(|e| e.to_string())
    }

    #[test]
    fn literal_and_regex_rules_compile() {
        let r = rule("code = \"D950\"\nname = \"slogan\"\nliteral = \"本站(口号)\"\n").unwrap();
        assert!(r.validate().is_ok());
        let rules = UserRules::new(&[r], |_| true).unwrap();
        assert_eq!(rules.line_hit("本站(口号)", 6), Some(0));
        assert_eq!(rules.line_hit("本站口号", 4), None);
    }

    #[test]
    fn bad_regex_is_a_deserialisation_error() {
        let err = rule("code = \"D950\"\nname = \"x\"\nregex = \"(unclosed\"\n").unwrap_err();
        assert!(err.contains("invalid regex"), "{err}");
    }

    #[test]
    fn codes_names_and_patterns_are_checked() {
        let bad_code = rule("code = \"D101\"\nname = \"x\"\nliteral = \"a\"\n").unwrap();
        assert!(bad_code.validate().is_err());
        let bad_name = rule("code = \"D950\"\nname = \"Bad Name\"\nliteral = \"a\"\n").unwrap();
        assert!(bad_name.validate().is_err());
        let both = rule("code = \"D950\"\nname = \"x\"\nliteral = \"a\"\nregex = \"a\"\n").unwrap();
        assert!(both.validate().is_err());
    }

    #[test]
    fn inline_rules_give_spans_only_in_their_zone() {
        let r = rule("code = \"D951\"\nname = \"promo\"\nregex = \"【广告】\"\nkind = \"inline\"\nzone = \"body\"\n").unwrap();
        let rules = UserRules::new(&[r], |_| true).unwrap();
        assert_eq!(
            rules.inline_spans("正文【广告】", 6, Zone::Body),
            vec![(0, 6, 18)]
        );
        assert!(rules
            .inline_spans("正文【广告】", 6, Zone::Header)
            .is_empty());
        assert_eq!(rules.line_hit("正文【广告】", 6), None);
    }
}
