//! A small YAML writer for CloudFormation templates, with the quoting rules that
//! keep user text inert.
//!
//! Every string is written double-quoted (`"..."`), never plain: a plain scalar
//! would let text such as `yes`, `!Ref x`, `{a: b}` or `key: value` change meaning.
//! Inside double quotes only `\` and `"` are special, plus the characters YAML
//! treats as line breaks or does not allow raw (PyYAML, which cfn-lint uses, follows
//! YAML 1.1: NEL, LS and PS are line breaks there), all written as escapes.

/// A YAML node.
#[derive(Clone, Debug, PartialEq)]
pub enum Y {
    /// A string, always double-quoted.
    Str(String),
    /// A plain scalar the emitter knows is safe: numbers, booleans, CloudFormation
    /// type names and enum values. Never user text.
    Raw(String),
    Seq(Vec<Y>),
    Map(Vec<Entry>),
    /// A short-form intrinsic function applied to a scalar: `!Ref X`, `!GetAtt X.Arn`, `!Sub "..."`.
    Tag(&'static str, Box<Y>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub key: String,
    pub value: Y,
    /// A comment line written above the key (already comment-safe text).
    pub comment: Option<String>,
}

pub fn s(text: impl Into<String>) -> Y {
    Y::Str(text.into())
}

pub fn raw(text: impl Into<String>) -> Y {
    Y::Raw(text.into())
}

pub fn int(n: impl Into<i64>) -> Y {
    Y::Raw(n.into().to_string())
}

pub fn boolean(b: bool) -> Y {
    Y::Raw(if b { "true" } else { "false" }.into())
}

pub fn seq(items: Vec<Y>) -> Y {
    Y::Seq(items)
}

pub fn map(entries: Vec<(&str, Y)>) -> Y {
    Y::Map(
        entries
            .into_iter()
            .map(|(k, v)| Entry { key: k.to_string(), value: v, comment: None })
            .collect(),
    )
}

/// A float written so YAML reads it back as the same number.
pub fn number(x: f64) -> Y {
    if x.is_finite() && x.fract() == 0.0 && x.abs() < 1e15 {
        Y::Raw(format!("{}", x as i64))
    } else if x.is_finite() {
        Y::Raw(format!("{x}"))
    } else {
        Y::Raw("0".into())
    }
}

/// `text` as a double-quoted YAML scalar.
pub fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{0}' => out.push_str("\\0"),
            '\u{85}' => out.push_str("\\N"),
            '\u{2028}' => out.push_str("\\L"),
            '\u{2029}' => out.push_str("\\P"),
            c if (c as u32) < 0x20 || (0x7f..=0x9f).contains(&(c as u32)) => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            // Bidi controls and zero-width characters too: written raw they reorder or
            // hide text in every editor that shows the template.
            c if matches!(c, '\u{feff}' | '\u{fffe}' | '\u{ffff}')
                || crate::plan::untrusted::is_hidden(c) =>
            {
                match u16::try_from(c as u32) {
                    Ok(unit) => out.push_str(&format!("\\u{unit:04x}")),
                    Err(_) => out.push_str(&format!("\\U{:08x}", c as u32)),
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A mapping key: plain when it is an identifier-like word, quoted otherwise.
fn key(text: &str) -> String {
    let plain = !text.is_empty()
        && text.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-' || b == b'.')
        && !text.starts_with('-');
    if plain {
        text.to_string()
    } else {
        quote(text)
    }
}

fn scalar(y: &Y) -> Option<String> {
    match y {
        Y::Str(t) => Some(quote(t)),
        Y::Raw(t) => Some(t.clone()),
        Y::Seq(items) if items.is_empty() => Some("[]".into()),
        Y::Map(entries) if entries.is_empty() => Some("{}".into()),
        Y::Tag(tag, inner) => scalar(inner).map(|v| format!("{tag} {v}")),
        _ => None,
    }
}

/// Renders a document (a top-level map) with two-space indentation.
pub fn render(doc: &Y) -> String {
    let mut out = String::new();
    write_value(&mut out, doc, 0);
    out
}

fn pad(n: usize) -> String {
    " ".repeat(n)
}

fn write_value(out: &mut String, y: &Y, indent: usize) {
    match y {
        Y::Map(entries) if !entries.is_empty() => {
            for e in entries {
                write_entry(out, e, indent);
            }
        }
        Y::Seq(items) if !items.is_empty() => {
            for item in items {
                write_item(out, item, indent);
            }
        }
        other => {
            out.push_str(&pad(indent));
            out.push_str(&scalar(other).unwrap_or_default());
            out.push('\n');
        }
    }
}

fn write_entry(out: &mut String, e: &Entry, indent: usize) {
    if let Some(c) = &e.comment {
        out.push_str(&format!("{}# {}\n", pad(indent), c));
    }
    match scalar(&e.value) {
        Some(v) => out.push_str(&format!("{}{}: {}\n", pad(indent), key(&e.key), v)),
        None => {
            out.push_str(&format!("{}{}:\n", pad(indent), key(&e.key)));
            write_value(out, &e.value, indent + 2);
        }
    }
}

/// `- item`; a map item starts on the dash line and continues indented under it.
fn write_item(out: &mut String, item: &Y, indent: usize) {
    match item {
        Y::Map(entries) if !entries.is_empty() => {
            let mut nested = String::new();
            for e in entries {
                write_entry(&mut nested, e, indent + 2);
            }
            // Replace the first line's indentation with the dash.
            let body = nested.strip_prefix(&pad(indent + 2)).unwrap_or(&nested);
            out.push_str(&format!("{}- {}", pad(indent), body));
        }
        Y::Seq(_) => {
            out.push_str(&format!("{}-\n", pad(indent)));
            write_value(out, item, indent + 2);
        }
        other => out.push_str(&format!("{}- {}\n", pad(indent), scalar(other).unwrap_or_default())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_keeps_text_inert() {
        assert_eq!(quote("plain"), "\"plain\"");
        assert_eq!(quote("a\"b\\c"), "\"a\\\"b\\\\c\"");
        assert_eq!(quote("line\nbreak\r\t"), "\"line\\nbreak\\r\\t\"");
        assert_eq!(quote("\u{85}\u{2028}\u{2029}"), "\"\\N\\L\\P\"");
        assert_eq!(quote("\u{1}\u{7f}\u{9b}"), "\"\\x01\\x7f\\x9b\"");
        assert_eq!(quote("\u{feff}x"), "\"\\ufeffx\"");
        assert_eq!(quote("héllo ☃ 𝄞"), "\"héllo ☃ 𝄞\"");
        assert_eq!(quote("!Ref x: {a: b} # c"), "\"!Ref x: {a: b} # c\"");
    }

    #[test]
    fn hidden_characters_are_escaped() {
        assert_eq!(quote("a\u{202e}b\u{200b}c\u{e0041}"), "\"a\\u202eb\\u200bc\\U000e0041\"");
    }

    #[test]
    fn keys_are_quoted_unless_plain() {
        assert_eq!(key("BucketName"), "BucketName");
        assert_eq!(key("aws:SecureTransport"), "\"aws:SecureTransport\"");
        assert_eq!(key("AWS::CloudFormation::Interface"), "\"AWS::CloudFormation::Interface\"");
        assert_eq!(key("-x"), "\"-x\"");
        assert_eq!(key(""), "\"\"");
    }

    #[test]
    fn renders_block_style() {
        let doc = map(vec![
            ("A", s("x")),
            (
                "B",
                map(vec![
                    ("C", int(1)),
                    ("D", seq(vec![s("p"), map(vec![("E", boolean(true)), ("F", raw("G"))])])),
                ]),
            ),
            ("H", Y::Tag("!Ref", Box::new(raw("Param")))),
            ("I", seq(vec![])),
        ]);
        let expected = "A: \"x\"\nB:\n  C: 1\n  D:\n    - \"p\"\n    - E: true\n      F: G\nH: !Ref Param\nI: []\n";
        assert_eq!(render(&doc), expected);
    }

    #[test]
    fn comments_sit_above_their_key() {
        let doc =
            Y::Map(vec![Entry { key: "K".into(), value: s("v"), comment: Some("why".into()) }]);
        assert_eq!(render(&doc), "# why\nK: \"v\"\n");
    }

    #[test]
    fn numbers_round_trip() {
        assert_eq!(number(3600.0), Y::Raw("3600".into()));
        assert_eq!(number(0.5), Y::Raw("0.5".into()));
        assert_eq!(number(f64::NAN), Y::Raw("0".into()));
    }
}
