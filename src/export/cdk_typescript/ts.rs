//! TypeScript syntax: string literals and identifiers.
//!
//! Strings are single-quoted and ASCII-only: `\` and `'` are escaped, control
//! characters are `\xNN`, and every non-ASCII character is `\uNNNN` or `\u{...}`
//! (so U+2028 and U+2029, line terminators in older JavaScript, never appear raw).
//! No template literals are generated, so `${` in a plan is plain text.

use crate::export::cdk::render::{text, Doc, Syntax};
use crate::export::text::camel;

/// Reserved and strict-mode words, plus the names the generated code defines.
const RESERVED: [&str; 62] = [
    "break",
    "case",
    "catch",
    "class",
    "const",
    "continue",
    "debugger",
    "default",
    "delete",
    "do",
    "else",
    "enum",
    "export",
    "extends",
    "false",
    "finally",
    "for",
    "function",
    "if",
    "import",
    "in",
    "instanceof",
    "new",
    "null",
    "return",
    "super",
    "switch",
    "this",
    "throw",
    "true",
    "try",
    "typeof",
    "var",
    "void",
    "while",
    "with",
    "as",
    "implements",
    "interface",
    "let",
    "package",
    "private",
    "protected",
    "public",
    "static",
    "yield",
    "await",
    "async",
    "arguments",
    "eval",
    "undefined",
    "NaN",
    "Infinity",
    "constructor",
    "settings",
    "helpers",
    "path",
    "props",
    "scope",
    "id",
    "cdk",
    "Construct",
];

/// A single-quoted, ASCII-only TypeScript string literal.
pub fn string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('\'');
    // Written so that CDK reads the value back literally, never as one of its tokens.
    for c in crate::export::text::cdk_inert(text).chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\'' => out.push_str("\\'"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c if c.is_ascii() => out.push(c),
            c if (c as u32) <= 0xffff => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
        }
    }
    out.push('\'');
    out
}

/// A camelCase identifier from a kebab name, never a reserved word or a name the
/// generated code uses itself.
pub fn identifier(name: &str) -> String {
    let mut id = camel(name);
    if id.is_empty() || id.starts_with(|c: char| c.is_ascii_digit()) {
        id = format!("r{id}");
    }
    if RESERVED.contains(&id.as_str())
        || crate::export::cdk::MODULES.iter().any(|(alias, _)| *alias == id)
    {
        id.push('_');
    }
    id
}

pub struct TypeScript;

fn object(props: Vec<(String, Doc)>) -> Doc {
    Doc::Group {
        open: "{".into(),
        items: props.into_iter().map(|(k, v)| Doc::Seq(vec![text(format!("{k}: ")), v])).collect(),
        close: "}".into(),
    }
}

impl Syntax for TypeScript {
    const INDENT: usize = 2;

    fn string(&self, t: &str) -> String {
        string(t)
    }

    fn boolean(&self, b: bool) -> &'static str {
        if b {
            "true"
        } else {
            "false"
        }
    }

    fn this(&self) -> &'static str {
        "this"
    }

    fn variable(&self, name: &str) -> String {
        identifier(name)
    }

    fn member(&self, name: &str) -> String {
        name.to_string()
    }

    fn setting(&self, key: &str) -> String {
        format!("settings.{}", identifier(key))
    }

    fn module(&self, alias: &str) -> String {
        alias.to_string()
    }

    fn asset_path(&self, dir: &str) -> String {
        let parts: Vec<String> = dir.split('/').map(string).collect();
        format!("path.join(__dirname, '..', {})", parts.join(", "))
    }

    fn helper(&self, name: &str) -> String {
        format!("helpers.{name}")
    }

    fn as_text_open(&self) -> &'static str {
        "String("
    }

    fn instantiate(&self, class: String, args: Vec<Doc>, props: Vec<(String, Doc)>) -> Doc {
        if props.is_empty() {
            return Doc::Group { open: format!("new {class}("), items: args, close: ")".into() };
        }
        self.call(format!("new {class}"), args, props)
    }

    fn structure(&self, _class: String, fields: Vec<(String, Doc)>) -> Doc {
        object(fields)
    }

    fn call(&self, callee: String, args: Vec<Doc>, props: Vec<(String, Doc)>) -> Doc {
        if props.is_empty() {
            return Doc::Group { open: format!("{callee}("), items: args, close: ")".into() };
        }
        // Positional arguments stay on the call's line; the props object breaks.
        let mut parts = vec![text(format!("{callee}("))];
        for a in args {
            parts.push(text(format!("{}, ", crate::export::cdk::render::flat(&a))));
        }
        parts.push(object(props));
        parts.push(text(")"));
        Doc::Seq(parts)
    }

    fn dict(&self, entries: Vec<(String, Doc)>) -> Doc {
        object(entries)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_inert() {
        assert_eq!(string("plain"), "'plain'");
        assert_eq!(string("a'b\\c\"d"), "'a\\'b\\\\c\"d'");
        assert_eq!(string("x\ny\r\t\u{0}"), "'x\\ny\\r\\t\\x00'");
        assert_eq!(string("${y} `z`"), "'${y} `z`'");
        assert_eq!(string("é\u{2028}\u{2029}𝄞"), "'\\u00e9\\u2028\\u2029\\u{1d11e}'");
        assert_eq!(string("'); process.exit(1); ('"), "'\\'); process.exit(1); (\\''");
    }

    /// `${Token[...]}` in plan text once failed `cdk synth` ("Unrecognized token key").
    #[test]
    fn cdk_token_markers_stay_text() {
        assert_eq!(string("${Token[TOKEN.1]}"), "'\\uff04{Token[TOKEN.1]}'");
    }

    #[test]
    fn identifiers_avoid_reserved_words() {
        assert_eq!(identifier("media-bucket"), "mediaBucket");
        assert_eq!(identifier("delete"), "delete_");
        assert_eq!(identifier("lambda"), "lambda_");
        assert_eq!(identifier("1-db"), "r1Db");
        assert_eq!(identifier("constructor"), "constructor_");
        assert_eq!(identifier(""), "r");
    }
}
