//! Python syntax: string literals, identifiers and jsii's Python naming.
//!
//! Strings are double-quoted and ASCII-only: `\` and `"` are escaped, control
//! characters and every non-ASCII character are written as `\xNN`, `\uNNNN` or
//! `\UNNNNNNNN`. Nothing a plan contains can end the literal, start an f-string
//! expression (no f-strings are generated) or hide a line break.

use crate::export::cdk::render::{text, Doc, Syntax};
use crate::export::text::snake;

/// Python's keywords and the names the generated modules define themselves.
const RESERVED: [&str; 46] = [
    "False",
    "None",
    "True",
    "and",
    "as",
    "assert",
    "async",
    "await",
    "break",
    "class",
    "continue",
    "def",
    "del",
    "elif",
    "else",
    "except",
    "finally",
    "for",
    "from",
    "global",
    "if",
    "import",
    "in",
    "is",
    "lambda",
    "nonlocal",
    "not",
    "or",
    "pass",
    "raise",
    "return",
    "try",
    "while",
    "with",
    "yield",
    "match",
    "case",
    "type",
    "self",
    "settings",
    "cdk",
    "os",
    "helpers",
    "scope",
    "construct_id",
    "kwargs",
];

/// A double-quoted, ASCII-only Python string literal.
pub fn string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    // Written so that CDK reads the value back literally, never as one of its tokens.
    for c in crate::export::text::cdk_inert(text).chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c if c.is_ascii() => out.push(c),
            c if (c as u32) <= 0xffff => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push_str(&format!("\\U{:08x}", c as u32)),
        }
    }
    out.push('"');
    out
}

/// A snake_case Python identifier from a kebab name, never a keyword or a name
/// the generated code uses itself.
pub fn identifier(name: &str) -> String {
    let mut id = snake(name);
    if id.is_empty() || id.starts_with(|c: char| c.is_ascii_digit()) {
        id = format!("r_{id}");
    }
    if RESERVED.contains(&id.as_str())
        || crate::export::cdk::MODULES.iter().any(|(alias, _)| *alias == id)
    {
        id.push('_');
    }
    id
}

/// jsii's Python name for a camelCase member: `enforceSSL` → `enforce_ssl`,
/// `fromBucketArn` → `from_bucket_arn`; constants (`RETAIN`, `PYTHON_3_14`) unchanged.
pub fn member(name: &str) -> String {
    if name.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_') {
        return name.to_string();
    }
    let chars: Vec<char> = name.chars().collect();
    let mut out = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if c.is_ascii_uppercase() {
            let prev = i.checked_sub(1).map(|j| chars[j]);
            let next = chars.get(i + 1);
            let boundary = match prev {
                Some(p) if p.is_ascii_lowercase() || p.is_ascii_digit() => true,
                Some(p) if p.is_ascii_uppercase() => next.is_some_and(|n| n.is_ascii_lowercase()),
                _ => false,
            };
            if boundary {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

pub struct Python;

fn kwargs(props: Vec<(String, Doc)>) -> impl Iterator<Item = Doc> {
    props.into_iter().map(|(k, v)| Doc::Seq(vec![text(format!("{k}=")), v]))
}

impl Syntax for Python {
    const INDENT: usize = 4;

    fn string(&self, t: &str) -> String {
        string(t)
    }

    fn boolean(&self, b: bool) -> &'static str {
        if b {
            "True"
        } else {
            "False"
        }
    }

    fn this(&self) -> &'static str {
        "self"
    }

    fn variable(&self, name: &str) -> String {
        identifier(name)
    }

    fn member(&self, name: &str) -> String {
        member(name)
    }

    fn setting(&self, key: &str) -> String {
        format!("settings.{}", identifier(key))
    }

    fn module(&self, alias: &str) -> String {
        if alias == "lambda" {
            "lambda_".into()
        } else {
            alias.to_string()
        }
    }

    fn asset_path(&self, dir: &str) -> String {
        let parts: Vec<String> = dir.split('/').map(string).collect();
        format!("os.path.join(BUNDLE_DIR, {})", parts.join(", "))
    }

    fn helper(&self, name: &str) -> String {
        format!("helpers.{}", member(name))
    }

    fn as_text_open(&self) -> &'static str {
        "str("
    }

    fn instantiate(&self, class: String, args: Vec<Doc>, props: Vec<(String, Doc)>) -> Doc {
        self.call(class, args, props)
    }

    fn structure(&self, class: String, fields: Vec<(String, Doc)>) -> Doc {
        self.call(class, Vec::new(), fields)
    }

    fn call(&self, callee: String, args: Vec<Doc>, props: Vec<(String, Doc)>) -> Doc {
        let mut items = args;
        items.extend(kwargs(props));
        Doc::Group { open: format!("{callee}("), items, close: ")".into() }
    }

    fn dict(&self, entries: Vec<(String, Doc)>) -> Doc {
        Doc::Group {
            open: "{".into(),
            items: entries
                .into_iter()
                .map(|(k, v)| Doc::Seq(vec![text(format!("{k}: ")), v]))
                .collect(),
            close: "}".into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_inert() {
        assert_eq!(string("plain"), "\"plain\"");
        assert_eq!(string("a\"b\\c"), "\"a\\\"b\\\\c\"");
        assert_eq!(string("x\ny\r\t\u{0}"), "\"x\\ny\\r\\t\\x00\"");
        assert_eq!(string("{x} ${y} %s"), "\"{x} ${y} %s\"");
        assert_eq!(string("é☃\u{2028}𝄞"), "\"\\u00e9\\u2603\\u2028\\U0001d11e\"");
        assert_eq!(string("\"\"\"; import os"), "\"\\\"\\\"\\\"; import os\"");
        assert!(string("\u{7f}").contains("\\x7f"));
    }

    /// `${Token[...]}` in plan text once failed `cdk synth` ("Unrecognized token key").
    #[test]
    fn cdk_token_markers_stay_text() {
        assert_eq!(string("${Token[TOKEN.1]}"), "\"\\uff04{Token[TOKEN.1]}\"");
    }

    #[test]
    fn identifiers_avoid_keywords() {
        assert_eq!(identifier("media-bucket"), "media_bucket");
        assert_eq!(identifier("class"), "class_");
        assert_eq!(identifier("lambda"), "lambda_");
        assert_eq!(identifier("s3"), "s3_");
        assert_eq!(identifier("1-db"), "r_1_db");
        assert_eq!(identifier("${x}"), "x");
        assert_eq!(identifier(""), "r_");
    }

    #[test]
    fn jsii_member_names() {
        assert_eq!(member("enforceSSL"), "enforce_ssl");
        assert_eq!(member("fromBucketArn"), "from_bucket_arn");
        assert_eq!(member("sseKmsEncryptedObjects"), "sse_kms_encrypted_objects");
        assert_eq!(member("multiAz"), "multi_az");
        assert_eq!(member("ipv4"), "ipv4");
        assert_eq!(member("RETAIN"), "RETAIN");
        assert_eq!(member("PYTHON_3_14"), "PYTHON_3_14");
        assert_eq!(member("attrHealthCheckId"), "attr_health_check_id");
        assert_eq!(member("vpcCidrBlock"), "vpc_cidr_block");
    }
}
