//! Renders a CDK program's values as source text: a small pretty-printer shared by
//! Python and TypeScript, with each language's syntax behind [`Syntax`].
//!
//! A group (call, list, map) is written on one line when it fits in the width,
//! otherwise one item per line with a trailing comma, indented one level deeper
//! than the line that opened it.

use super::V;

/// A document to print.
#[derive(Clone, Debug, PartialEq)]
pub enum Doc {
    Text(String),
    /// Concatenation.
    Seq(Vec<Doc>),
    /// `open item, item, ... close`, broken one item per line when too long.
    Group {
        open: String,
        items: Vec<Doc>,
        close: String,
    },
}

pub fn text(t: impl Into<String>) -> Doc {
    Doc::Text(t.into())
}

/// The syntax of one language.
pub trait Syntax {
    /// Spaces per indentation level.
    const INDENT: usize;
    fn string(&self, text: &str) -> String;
    fn boolean(&self, b: bool) -> &'static str;
    fn this(&self) -> &'static str;
    /// A local variable name from a kebab name.
    fn variable(&self, name: &str) -> String;
    /// A member, method or property name from its jsii camelCase name.
    fn member(&self, name: &str) -> String;
    fn setting(&self, key: &str) -> String;
    fn module(&self, alias: &str) -> String;
    fn asset_path(&self, dir: &str) -> String;
    fn helper(&self, name: &str) -> String;
    /// Opens a conversion of a number to text: `str(` / `String(`.
    fn as_text_open(&self) -> &'static str;
    /// A construct or class instantiation.
    fn instantiate(&self, class: String, args: Vec<Doc>, props: Vec<(String, Doc)>) -> Doc;
    /// A struct (data type) value.
    fn structure(&self, class: String, fields: Vec<(String, Doc)>) -> Doc;
    /// A call of `callee` (already rendered) with positional args and trailing props.
    fn call(&self, callee: String, args: Vec<Doc>, props: Vec<(String, Doc)>) -> Doc;
    fn dict(&self, entries: Vec<(String, Doc)>) -> Doc;

    /// `then` when a text setting equals `value`, else `otherwise`: Python's
    /// conditional expression, TypeScript's `?:` (the two languages are told apart by
    /// their indentation unit, so that the quoting modules need no change).
    fn when_setting(&self, key: &str, value: &str, then: Doc, otherwise: Doc) -> Doc {
        let setting = self.setting(key);
        let value = self.string(value);
        if Self::INDENT == 4 {
            Doc::Seq(vec![then, text(format!(" if {setting} == {value} else ")), otherwise])
        } else {
            Doc::Seq(vec![text(format!("{setting} === {value} ? ")), then, text(" : "), otherwise])
        }
    }
}

pub fn doc<S: Syntax>(syn: &S, v: &V) -> Doc {
    match v {
        V::Str(t) => text(syn.string(t)),
        V::Int(n) => text(n.to_string()),
        V::Float(x) => text(if x.is_finite() && x.fract() == 0.0 && x.abs() < 1e15 {
            format!("{}", *x as i64)
        } else if x.is_finite() {
            format!("{x}")
        } else {
            "0".into()
        }),
        V::Bool(b) => text(syn.boolean(*b)),
        V::Var(name) => text(syn.variable(name)),
        V::This => text(syn.this()),
        V::Setting(key) => text(syn.setting(key)),
        V::Class(m, name) => text(format!("{}.{name}", syn.module(m))),
        V::Member(o, name) => Doc::Seq(vec![doc(syn, o), text(format!(".{}", syn.member(name)))]),
        V::Call(o, method, args, props) => {
            let callee =
                flat(&Doc::Seq(vec![doc(syn, o), text(format!(".{}", syn.member(method)))]));
            syn.call(
                callee,
                args.iter().map(|a| doc(syn, a)).collect(),
                props.iter().map(|(k, p)| (syn.member(k), doc(syn, p))).collect(),
            )
        }
        V::AsText(inner) => Doc::Seq(vec![text(syn.as_text_open()), doc(syn, inner), text(")")]),
        V::New { class, args, props } => syn.instantiate(
            flat(&doc(syn, class)),
            args.iter().map(|a| doc(syn, a)).collect(),
            props.iter().map(|(k, p)| (syn.member(k), doc(syn, p))).collect(),
        ),
        V::Struct { class, fields } => syn.structure(
            flat(&doc(syn, class)),
            fields.iter().map(|(k, p)| (syn.member(k), doc(syn, p))).collect(),
        ),
        V::StaticCall { class, method, args, props } => {
            let callee = format!("{}.{}", flat(&doc(syn, class)), syn.member(method));
            syn.call(
                callee,
                args.iter().map(|a| doc(syn, a)).collect(),
                props.iter().map(|(k, p)| (syn.member(k), doc(syn, p))).collect(),
            )
        }
        V::List(items) => Doc::Group {
            open: "[".into(),
            items: items.iter().map(|i| doc(syn, i)).collect(),
            close: "]".into(),
        },
        V::Dict(entries) => {
            syn.dict(entries.iter().map(|(k, p)| (syn.string(k), doc(syn, p))).collect())
        }
        V::Concat(parts) => {
            let mut out = Vec::new();
            for (i, p) in parts.iter().enumerate() {
                if i > 0 {
                    out.push(text(" + "));
                }
                out.push(doc(syn, p));
            }
            if parts.is_empty() {
                out.push(text(syn.string("")));
            }
            Doc::Seq(out)
        }
        V::AssetPath(dir) => text(syn.asset_path(dir)),
        V::Helper(name, args) => {
            syn.call(syn.helper(name), args.iter().map(|a| doc(syn, a)).collect(), Vec::new())
        }
        V::WhenSetting { key, value, then, otherwise } => {
            syn.when_setting(key, value, doc(syn, then), doc(syn, otherwise))
        }
    }
}

/// The document on one line.
pub fn flat(d: &Doc) -> String {
    match d {
        Doc::Text(t) => t.clone(),
        Doc::Seq(parts) => parts.iter().map(flat).collect(),
        Doc::Group { open, items, close } => {
            format!("{open}{}{close}", items.iter().map(flat).collect::<Vec<_>>().join(", "))
        }
    }
}

/// Prints `d` starting at column `col` on a line indented `level` levels.
pub fn print(out: &mut String, d: &Doc, level: usize, unit: usize, width: usize) {
    let col = out.rsplit('\n').next().map(|l| l.chars().count()).unwrap_or(0);
    print_at(out, d, level, unit, width, col);
}

fn print_at(out: &mut String, d: &Doc, level: usize, unit: usize, width: usize, col: usize) {
    match d {
        Doc::Text(t) => out.push_str(t),
        Doc::Seq(parts) => {
            for p in parts {
                let c = out.rsplit('\n').next().map(|l| l.chars().count()).unwrap_or(col);
                print_at(out, p, level, unit, width, c);
            }
        }
        Doc::Group { open, items, close } => {
            let one_line = flat(d);
            if col + one_line.chars().count() <= width || items.is_empty() {
                out.push_str(&one_line);
                return;
            }
            out.push_str(open);
            out.push('\n');
            let inner = " ".repeat((level + 1) * unit);
            for item in items {
                out.push_str(&inner);
                print_at(out, item, level + 1, unit, width, inner.len());
                out.push_str(",\n");
            }
            out.push_str(&" ".repeat(level * unit));
            out.push_str(close);
        }
    }
}
