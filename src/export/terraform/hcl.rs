//! A small HCL writer whose output is already `terraform fmt` clean, with the
//! quoting rules that keep user text inert.
//!
//! In an HCL string, `"` and `\` are special as in most languages, and so are the
//! template sequences `${` (interpolation) and `%{` (directives): a literal one is
//! written `$${` / `%%{`. Control characters are written as `\uNNNN`.
//!
//! Formatting follows `terraform fmt`: two-space indentation, and the `=` of
//! consecutive single-line attributes aligned; a multi-line attribute, a block, a
//! comment or a blank line ends an alignment group.

/// An HCL expression.
#[derive(Clone, Debug, PartialEq)]
pub enum H {
    /// A string literal.
    Str(String),
    /// A template: literal text and `${...}` interpolations of raw expressions.
    Tpl(Vec<Part>),
    /// A raw expression the emitter built (reference, number, boolean, call); never user text.
    Raw(String),
    List(Vec<H>),
    /// An object constructor; keys are identifiers or quoted when they are not.
    Object(Vec<(String, H)>),
    /// A function call on one argument written multi-line when it is (`jsonencode({...})`).
    Call(&'static str, Box<H>),
}

#[derive(Clone, Debug, PartialEq)]
pub enum Part {
    Lit(String),
    Interp(String),
}

#[derive(Clone, Debug, PartialEq)]
pub enum Item {
    Attr(String, H),
    Block(Block),
    Blank,
    /// A comment line (already comment-safe text).
    Comment(String),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Block {
    pub kind: String,
    pub labels: Vec<String>,
    pub body: Vec<Item>,
}

impl Block {
    pub fn new(kind: &str, labels: &[&str]) -> Block {
        Block {
            kind: kind.to_string(),
            labels: labels.iter().map(|l| l.to_string()).collect(),
            body: Vec::new(),
        }
    }

    pub fn attr(mut self, name: &str, value: H) -> Block {
        self.body.push(Item::Attr(name.to_string(), value));
        self
    }

    pub fn block(mut self, block: Block) -> Block {
        self.body.push(Item::Block(block));
        self
    }

    pub fn push(&mut self, item: Item) {
        self.body.push(item);
    }
}

pub fn s(text: impl Into<String>) -> H {
    H::Str(text.into())
}

pub fn raw(text: impl Into<String>) -> H {
    H::Raw(text.into())
}

pub fn num(n: impl std::fmt::Display) -> H {
    H::Raw(n.to_string())
}

pub fn boolean(b: bool) -> H {
    H::Raw(if b { "true" } else { "false" }.into())
}

/// A float as HCL reads it back.
pub fn float(x: f64) -> H {
    if x.is_finite() && x.fract() == 0.0 && x.abs() < 1e15 {
        H::Raw(format!("{}", x as i64))
    } else if x.is_finite() {
        H::Raw(format!("{x}"))
    } else {
        H::Raw("0".into())
    }
}

/// The body of a quoted HCL string (without the quotes).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '$' | '%' if chars.peek() == Some(&'{') => {
                out.push(c);
                out.push(c);
            }
            // Line and paragraph separators, bidi controls and zero-width characters
            // are escaped too: harmless to HCL, but they end lines, reorder or hide
            // text in editors and in other tools that read the file.
            c if (c as u32) < 0x20
                || (0x7f..=0x9f).contains(&(c as u32))
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
    out
}

/// `text` as a quoted HCL string.
pub fn quote(text: &str) -> String {
    format!("\"{}\"", escape(text))
}

fn is_identifier(text: &str) -> bool {
    let mut chars = text.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

fn object_key(text: &str) -> String {
    if is_identifier(text) {
        text.to_string()
    } else {
        quote(text)
    }
}

/// The expression on one line, if it has one.
fn inline(h: &H) -> Option<String> {
    match h {
        H::Str(t) => Some(quote(t)),
        H::Raw(t) => Some(t.clone()),
        H::Tpl(parts) => {
            let mut out = String::from("\"");
            for p in parts {
                match p {
                    Part::Lit(t) => out.push_str(&escape(t)),
                    Part::Interp(e) => out.push_str(&format!("${{{e}}}")),
                }
            }
            out.push('"');
            Some(out)
        }
        H::List(items) => {
            let parts: Option<Vec<String>> = items
                .iter()
                .map(|i| if matches!(i, H::Object(_) | H::List(_)) { None } else { inline(i) })
                .collect();
            let parts = parts?;
            let line = format!("[{}]", parts.join(", "));
            (line.len() <= 100).then_some(line)
        }
        H::Object(entries) if entries.is_empty() => Some("{}".into()),
        H::Object(_) => None,
        H::Call(name, arg) => inline(arg).map(|a| format!("{name}({a})")),
    }
}

fn pad(n: usize) -> String {
    " ".repeat(n)
}

/// Writes a value that starts after `name = ` on the current line.
fn write_multiline(out: &mut String, h: &H, indent: usize) {
    match h {
        H::List(items) => {
            out.push_str("[\n");
            for item in items {
                out.push_str(&pad(indent + 2));
                match inline(item) {
                    Some(v) => out.push_str(&v),
                    None => write_multiline(out, item, indent + 2),
                }
                out.push_str(",\n");
            }
            out.push_str(&pad(indent));
            out.push(']');
        }
        H::Object(entries) => {
            out.push_str("{\n");
            let items: Vec<Item> =
                entries.iter().map(|(k, v)| Item::Attr(object_key(k), v.clone())).collect();
            write_items(out, &items, indent + 2);
            out.push_str(&pad(indent));
            out.push('}');
        }
        H::Call(name, arg) => {
            out.push_str(name);
            out.push('(');
            write_multiline(out, arg, indent);
            out.push(')');
        }
        other => out.push_str(&inline(other).unwrap_or_default()),
    }
}

fn write_items(out: &mut String, items: &[Item], indent: usize) {
    // Width of each run of single-line attributes, for aligning their `=`.
    let mut widths = vec![0usize; items.len()];
    let mut start = 0;
    while start < items.len() {
        let single = |i: &Item| matches!(i, Item::Attr(_, v) if inline(v).is_some());
        if !single(&items[start]) {
            start += 1;
            continue;
        }
        let mut end = start;
        while end < items.len() && single(&items[end]) {
            end += 1;
        }
        let width = items[start..end]
            .iter()
            .map(|i| if let Item::Attr(n, _) = i { n.len() } else { 0 })
            .max()
            .unwrap_or(0);
        for w in widths.iter_mut().take(end).skip(start) {
            *w = width;
        }
        start = end;
    }
    for (i, item) in items.iter().enumerate() {
        match item {
            Item::Attr(name, value) => match inline(value) {
                Some(v) => out.push_str(&format!(
                    "{}{:<width$} = {v}\n",
                    pad(indent),
                    name,
                    width = widths[i]
                )),
                None => {
                    out.push_str(&format!("{}{name} = ", pad(indent)));
                    write_multiline(out, value, indent);
                    out.push('\n');
                }
            },
            Item::Block(b) => write_block(out, b, indent),
            Item::Blank => out.push('\n'),
            Item::Comment(c) => out.push_str(&format!("{}# {c}\n", pad(indent))),
        }
    }
}

fn write_block(out: &mut String, b: &Block, indent: usize) {
    out.push_str(&pad(indent));
    out.push_str(&b.kind);
    for l in &b.labels {
        out.push(' ');
        out.push_str(&quote(l));
    }
    if b.body.is_empty() {
        out.push_str(" {}\n");
        return;
    }
    out.push_str(" {\n");
    write_items(out, &b.body, indent + 2);
    out.push_str(&pad(indent));
    out.push_str("}\n");
}

/// A file of top-level items, blocks separated by blank lines.
pub fn render(items: &[Item]) -> String {
    let mut spaced: Vec<Item> = Vec::with_capacity(items.len() * 2);
    for (i, item) in items.iter().enumerate() {
        if i > 0 && matches!(item, Item::Block(_)) && matches!(items[i - 1], Item::Block(_)) {
            spaced.push(Item::Blank);
        }
        spaced.push(item.clone());
    }
    let mut out = String::new();
    write_items(&mut out, &spaced, 0);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_inert() {
        assert_eq!(quote("plain"), "\"plain\"");
        assert_eq!(quote("${var.x} %{ if } $x %y"), "\"$${var.x} %%{ if } $x %y\"");
        assert_eq!(quote("a\"b\\c"), "\"a\\\"b\\\\c\"");
        assert_eq!(quote("l1\nl2\r\t"), "\"l1\\nl2\\r\\t\"");
        assert_eq!(quote("\u{0}\u{1b}\u{85}"), "\"\\u0000\\u001b\\u0085\"");
        assert_eq!(quote("héllo ☃ 𝄞 \u{2028}"), "\"héllo ☃ 𝄞 \\u2028\"");
        assert_eq!(quote("$${already}"), "\"$$${already}\"");
    }

    #[test]
    fn hidden_characters_are_escaped() {
        assert_eq!(quote("a\u{2067}b\u{feff}c\u{e0041}"), "\"a\\u2067b\\ufeffc\\U000e0041\"");
    }

    #[test]
    fn alignment_follows_terraform_fmt() {
        let b = Block::new("resource", &["aws_x", "y"])
            .attr("a", num(1))
            .attr(
                "policy",
                H::Call(
                    "jsonencode",
                    Box::new(H::Object(vec![("x".into(), num(1)), ("longer_key".into(), s("v"))])),
                ),
            )
            .attr("bbbbbb", num(2))
            .attr("cc", num(3))
            .block(Block::new("nested", &[]).attr("c", num(1)).attr("dd", num(2)))
            .attr("e", H::List(vec![H::Object(vec![("k".into(), s("v"))])]));
        let expected = "resource \"aws_x\" \"y\" {\n  a = 1\n  policy = jsonencode({\n    x          = 1\n    longer_key = \"v\"\n  })\n  bbbbbb = 2\n  cc     = 3\n  nested {\n    c  = 1\n    dd = 2\n  }\n  e = [\n    {\n      k = \"v\"\n    },\n  ]\n}\n";
        assert_eq!(render(&[Item::Block(b)]), expected);
    }

    #[test]
    fn templates_and_lists() {
        let t = H::Tpl(vec![Part::Lit("arn:${x}:".into()), Part::Interp("var.region".into())]);
        assert_eq!(inline(&t).unwrap(), "\"arn:$${x}:${var.region}\"");
        assert_eq!(inline(&H::List(vec![s("a"), raw("b")])).unwrap(), "[\"a\", b]");
        assert_eq!(object_key("Name"), "Name");
        assert_eq!(object_key("aws:x"), "\"aws:x\"");
        assert_eq!(
            render(&[Item::Block(Block::new("data", &["a", "b"]))]),
            "data \"a\" \"b\" {}\n"
        );
    }
}
