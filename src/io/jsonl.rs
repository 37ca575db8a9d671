//! JSONL records: one document per line. The text field is cleaned; every other field is
//! passed through byte for byte, in its original order.

use serde::de::{Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use serde_json::value::RawValue;

/// One parsed JSONL line: its fields in order, values kept as raw JSON.
#[derive(Debug)]
pub struct Record {
    fields: Vec<(String, Box<RawValue>)>,
}

/// What is wrong with a JSONL line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RecordError {
    #[error("invalid JSON: {0}")]
    Json(String),
    #[error("no {0:?} field")]
    MissingText(String),
    #[error("field {0:?} is not a string")]
    TextNotString(String),
}

impl Record {
    /// Parses one line.
    pub fn parse(line: &str) -> Result<Record, RecordError> {
        serde_json::from_str::<Record>(line).map_err(|e| RecordError::Json(e.to_string()))
    }

    fn raw(&self, name: &str) -> Option<&RawValue> {
        self.fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_ref())
    }

    /// The text field's string.
    pub fn text(&self, field: &str) -> Result<String, RecordError> {
        let raw = self
            .raw(field)
            .ok_or_else(|| RecordError::MissingText(field.to_string()))?;
        serde_json::from_str::<String>(raw.get())
            .map_err(|_| RecordError::TextNotString(field.to_string()))
    }

    /// The id field as a string (a number is written as is), if present.
    pub fn id(&self, field: &str) -> Option<String> {
        let raw = self.raw(field)?;
        match serde_json::from_str::<serde_json::Value>(raw.get()).ok()? {
            serde_json::Value::String(s) => Some(s),
            serde_json::Value::Null => None,
            other => Some(other.to_string()),
        }
    }

    /// The record with `text_field` set to `text` and `extra` fields set (replaced where
    /// present, appended otherwise), as one JSON line with its `\n`.
    pub fn render_with(&self, text_field: &str, text: &str, extra: &[(&str, String)]) -> String {
        let mut out = String::with_capacity(
            text.len()
                + 64
                + self
                    .fields
                    .iter()
                    .map(|(k, v)| k.len() + v.get().len() + 4)
                    .sum::<usize>(),
        );
        out.push('{');
        let mut first = true;
        let mut push_field = |out: &mut String, key: &str, raw_json: &str| {
            if !first {
                out.push(',');
            }
            first = false;
            out.push_str(&json_string(key));
            out.push(':');
            out.push_str(raw_json);
        };
        let mut wrote_text = false;
        for (key, value) in &self.fields {
            if key == text_field {
                push_field(&mut out, key, &json_string(text));
                wrote_text = true;
            } else if let Some((_, v)) = extra.iter().find(|(k, _)| k == key) {
                push_field(&mut out, key, v);
            } else {
                push_field(&mut out, key, value.get());
            }
        }
        if !wrote_text {
            push_field(&mut out, text_field, &json_string(text));
        }
        for (key, value) in extra {
            if !self.fields.iter().any(|(k, _)| k == key) {
                push_field(&mut out, key, value);
            }
        }
        out.push_str("}\n");
        out
    }
}

/// `s` as a JSON string literal.
pub fn json_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

impl<'de> Deserialize<'de> for Record {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct RecordVisitor;
        impl<'de> Visitor<'de> for RecordVisitor {
            type Value = Record;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Record, A::Error> {
                let mut fields = Vec::new();
                while let Some((k, v)) = map.next_entry::<String, Box<RawValue>>()? {
                    fields.push((k, v));
                }
                Ok(Record { fields })
            }
        }
        deserializer.deserialize_map(RecordVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passes_other_fields_through_byte_for_byte() {
        let line = r#"{"id": 7, "meta": {"b":1.50, "a":[1, 2]}, "text": "脏\u6587本", "z": null}"#;
        let rec = Record::parse(line).unwrap();
        assert_eq!(rec.text("text").unwrap(), "脏文本");
        assert_eq!(rec.id("id").as_deref(), Some("7"));
        assert_eq!(
            rec.render_with("text", "净", &[]),
            "{\"id\":7,\"meta\":{\"b\":1.50, \"a\":[1, 2]},\"text\":\"净\",\"z\":null}\n"
        );
    }

    #[test]
    fn extra_fields_replace_or_append() {
        let rec = Record::parse(r#"{"id":"a","text":"x"}"#).unwrap();
        let out = rec.render_with(
            "text",
            "y",
            &[("id", json_string("a/1")), ("article_index", "1".into())],
        );
        assert_eq!(out, "{\"id\":\"a/1\",\"text\":\"y\",\"article_index\":1}\n");
    }

    #[test]
    fn errors_name_the_problem() {
        assert!(matches!(
            Record::parse("{\"text\": "),
            Err(RecordError::Json(_))
        ));
        assert!(matches!(Record::parse("[1]"), Err(RecordError::Json(_))));
        let rec = Record::parse(r#"{"body":"x"}"#).unwrap();
        assert_eq!(
            rec.text("text"),
            Err(RecordError::MissingText("text".into()))
        );
        let rec = Record::parse(r#"{"text":3}"#).unwrap();
        assert_eq!(
            rec.text("text"),
            Err(RecordError::TextNotString("text".into()))
        );
    }
}
