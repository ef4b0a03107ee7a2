//! Reading a plan document: JSON text to a [`Plan`], within the [`limits`], with
//! every error at the field it is about.
//!
//! The text is read once into a JSON value by a checking reader that refuses, as soon
//! as it meets them, a byte-order mark, nesting deeper than [`MAX_JSON_DEPTH`], a
//! string longer than [`MAX_TEXT_CHARS`], a list longer than [`MAX_LIST_ITEMS`], and a
//! key repeated in one object (JSON parsers disagree on which copy wins, so a plan
//! with one would mean different things to different tools). Each error carries the
//! path of the value being read. The value is then turned into a plan: components one
//! by one, by their `kind`, so that a type error inside a component names its field
//! (`components[0].az_count`); serde's internally tagged enums buffer the component
//! and lose that path. All user text in messages is escaped ([`untrusted`]).

mod typed;

use std::cell::RefCell;
use std::fmt::Write as _;

use serde::de::{self, DeserializeOwned, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

use super::limits::{
    self, MAX_COMPONENTS, MAX_JSON_DEPTH, MAX_LIST_ITEMS, MAX_PLAN_BYTES, MAX_TEXT_CHARS,
};
use super::untrusted::{self, quoted};
use super::{Component, ComponentKind, Plan, SCHEMA_VERSION};

/// Why a plan file could not be read. `path` points into the document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadError {
    pub path: String,
    pub message: String,
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.path.is_empty() || self.path == "." {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

impl std::error::Error for LoadError {}

fn error(path: impl Into<String>, message: impl Into<String>) -> LoadError {
    LoadError { path: path.into(), message: message.into() }
}

/// Reads a plan from JSON text. Errors name the field they are about, in the same
/// path syntax as validation diagnostics (`components[2].lifecycle.glacier_days`).
/// This checks the shape and the [`limits`]; call [`super::validate`] for AWS's rules.
pub fn parse_plan(json: &str) -> Result<Plan, LoadError> {
    if json.len() > MAX_PLAN_BYTES {
        return Err(error(
            "",
            format!("the plan is {} bytes; the limit is {MAX_PLAN_BYTES}", json.len()),
        ));
    }
    if json.starts_with('\u{feff}') {
        return Err(error(
            "",
            "the file starts with a byte-order mark (U+FEFF); save it as UTF-8 without a BOM",
        ));
    }
    let value = read_value(json)?;
    let Value::Object(mut object) = value else {
        return Err(error("", "a plan must be a JSON object ({ … })"));
    };
    // Look at the version first so that a newer file gets a clear message rather
    // than a complaint about a field this build does not know.
    match object.get("schema_version") {
        None => return Err(error("schema_version", "missing; this build reads schema_version 1")),
        Some(v) if v.as_u64() != Some(SCHEMA_VERSION as u64) => {
            let shown = untrusted::escape(&v.to_string(), untrusted::QUOTE_CHARS);
            return Err(error(
                "schema_version",
                format!("is {shown}; this build reads schema_version {SCHEMA_VERSION}"),
            ));
        }
        Some(_) => {}
    }
    let components = match object.get_mut("components") {
        Some(Value::Array(items)) => std::mem::take(items),
        _ => Vec::new(),
    };
    if components.len() > MAX_COMPONENTS {
        return Err(error(
            "components",
            format!(
                "the plan has {} components; at most {MAX_COMPONENTS} are supported",
                components.len()
            ),
        ));
    }
    let mut plan: Plan = typed(Value::Object(object), "")?;
    for (index, value) in components.into_iter().enumerate() {
        plan.components.push(component(index, value)?);
    }
    if let Some(first) = limits::check(&plan).into_iter().next() {
        return Err(error(first.path, first.message));
    }
    Ok(plan)
}

/// One component, read as the struct its `kind` names.
fn component(index: usize, value: Value) -> Result<Component, LoadError> {
    let at = format!("components[{index}]");
    let Value::Object(mut object) = value else {
        return Err(error(at, "a component must be a JSON object with a \"kind\""));
    };
    let kinds = || ComponentKind::ALL.iter().map(|k| k.id()).collect::<Vec<_>>().join(", ");
    let kind = match object.remove("kind") {
        None => return Err(error(format!("{at}.kind"), format!("missing; one of: {}", kinds()))),
        Some(Value::String(text)) => {
            ComponentKind::ALL.into_iter().find(|k| k.id() == text).ok_or_else(|| {
                error(
                    format!("{at}.kind"),
                    format!("{} is not a component kind; one of: {}", quoted(&text), kinds()),
                )
            })?
        }
        Some(_) => {
            return Err(error(
                format!("{at}.kind"),
                format!("must be a string, one of: {}", kinds()),
            ))
        }
    };
    let value = Value::Object(object);
    Ok(match kind {
        ComponentKind::S3Bucket => Component::S3Bucket(typed(value, &at)?),
        ComponentKind::DynamodbTable => Component::DynamodbTable(typed(value, &at)?),
        ComponentKind::RdsInstance => Component::RdsInstance(typed(value, &at)?),
        ComponentKind::AuroraCluster => Component::AuroraCluster(typed(value, &at)?),
        ComponentKind::BackupPlan => Component::BackupPlan(typed(value, &at)?),
        ComponentKind::LambdaFunction => Component::LambdaFunction(typed(value, &at)?),
        ComponentKind::Schedule => Component::Schedule(typed(value, &at)?),
        ComponentKind::SnsTopic => Component::SnsTopic(typed(value, &at)?),
        ComponentKind::Monitoring => Component::Monitoring(typed(value, &at)?),
        ComponentKind::KmsKey => Component::KmsKey(typed(value, &at)?),
        ComponentKind::VpcEndpoints => Component::VpcEndpoints(typed(value, &at)?),
        ComponentKind::ConfigBackup => Component::ConfigBackup(typed(value, &at)?),
        ComponentKind::DnsFailover => Component::DnsFailover(typed(value, &at)?),
    })
}

/// [`Plan`]'s `components` when a plan is deserialized directly rather than through
/// [`parse_plan`] (which takes them out and reads them itself): each by its `kind`,
/// with the same reader, so the app links one component reader rather than two.
pub(super) fn components_by_kind<'de, D: de::Deserializer<'de>>(
    d: D,
) -> Result<Vec<Component>, D::Error> {
    let values: Vec<Value> = serde::Deserialize::deserialize(d)?;
    values
        .into_iter()
        .enumerate()
        .map(|(index, value)| component(index, value).map_err(de::Error::custom))
        .collect()
}

/// `value` as a `T`, with the path of any error below `at`.
fn typed<T: DeserializeOwned>(value: Value, at: &str) -> Result<T, LoadError> {
    typed::from_value::<T>(value).map_err(|(steps, e)| {
        let inner = display_path(&steps);
        let path = match (at.is_empty(), inner.is_empty()) {
            (_, true) => at.to_string(),
            (true, false) => inner,
            (false, false) if inner.starts_with('[') => format!("{at}{inner}"),
            (false, false) => format!("{at}.{inner}"),
        };
        error(path, plain_message(&e.to_string()))
    })
}

/// serde's wording of a type error, in the plan's terms, with user text escaped.
fn plain_message(message: &str) -> String {
    let replaced = message
        .replace("expected u32", "expected a whole number from 0 to 4294967295")
        .replace("expected f64", "expected a number")
        .replace("expected a boolean", "expected true or false")
        .replace("expected a string", "expected text in quotes")
        .replace("expected a sequence", "expected a list [ … ]")
        .replace("expected struct ", "expected an object ");
    untrusted::escape(&replaced, 400)
}

/// `components[2].lifecycle.glacier_days`, as validation writes paths.
fn display_path(steps: &[typed::Step]) -> String {
    let mut out = String::new();
    for step in steps {
        match step {
            typed::Step::Index(index) => {
                let _ = write!(out, "[{index}]");
            }
            typed::Step::Key(key) => push_key(&mut out, key),
        }
    }
    out
}

fn push_key(out: &mut String, key: &str) {
    if !out.is_empty() {
        out.push('.');
    }
    out.push_str(&untrusted::escape(key, untrusted::QUOTE_CHARS));
}

/// The JSON text as a value, within the reading limits.
fn read_value(json: &str) -> Result<Value, LoadError> {
    let reader = Reader::default();
    let mut de = serde_json::Deserializer::from_str(json);
    let result = Node { reader: &reader, at: At::Root, depth: 0 }
        .deserialize(&mut de)
        .and_then(|value| de.end().map(|()| value));
    result.map_err(|e| {
        if let Some(problem) = reader.problem.borrow_mut().take() {
            return problem;
        }
        let text = e.to_string();
        let what = text.rsplit_once(" at line ").map_or(text.as_str(), |(what, _)| what);
        let path = reader.error_path.borrow_mut().take().unwrap_or_default();
        error(
            path,
            format!(
                "not valid JSON at line {}, column {}: {}",
                e.line(),
                e.column(),
                untrusted::escape(what, 200)
            ),
        )
    })
}

/// What the reader found wrong, kept outside serde's error type so that the path and
/// message reach the user as written.
#[derive(Default)]
struct Reader {
    problem: RefCell<Option<LoadError>>,
    /// Path of the innermost value being read when a syntax error surfaced.
    error_path: RefCell<Option<String>>,
}

impl Reader {
    fn refuse<E: de::Error>(&self, path: String, message: String) -> E {
        *self.problem.borrow_mut() = Some(error(path, message));
        E::custom("limit")
    }

    fn note_path(&self, at: &At) {
        let mut slot = self.error_path.borrow_mut();
        if slot.is_none() {
            *slot = Some(at.render());
        }
    }
}

/// Where a value sits, as a chain of parents (no allocation until an error).
enum At<'a> {
    Root,
    Key(&'a At<'a>, &'a str),
    Index(&'a At<'a>, usize),
}

impl At<'_> {
    fn render(&self) -> String {
        match self {
            At::Root => String::new(),
            At::Key(parent, key) => {
                let mut out = parent.render();
                push_key(&mut out, key);
                out
            }
            At::Index(parent, index) => format!("{}[{index}]", parent.render()),
        }
    }
}

/// Reads one JSON value at `at`, nested `depth` containers deep.
struct Node<'r, 'a> {
    reader: &'r Reader,
    at: At<'a>,
    depth: usize,
}

impl<'de> DeserializeSeed<'de> for Node<'_, '_> {
    type Value = Value;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl Node<'_, '_> {
    fn enter<E: de::Error>(&self) -> Result<(), E> {
        if self.depth >= MAX_JSON_DEPTH {
            return Err(self.reader.refuse(
                self.at.render(),
                format!("nests deeper than {MAX_JSON_DEPTH} levels of objects and lists"),
            ));
        }
        Ok(())
    }

    fn text<E: de::Error>(&self, text: &str, what: &str) -> Result<(), E> {
        let chars = text.chars().count();
        if chars > MAX_TEXT_CHARS {
            return Err(self.reader.refuse(
                self.at.render(),
                format!("{what} of {chars} characters; at most {MAX_TEXT_CHARS} are accepted"),
            ));
        }
        Ok(())
    }
}

impl<'de> Visitor<'de> for Node<'_, '_> {
    type Value = Value;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        // serde_json never reads a non-finite number; `from` would make one null.
        Ok(Value::from(v))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Value, E> {
        self.text(v, "text")?;
        Ok(Value::String(v.to_string()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Value, E> {
        self.text(&v, "text")?;
        Ok(Value::String(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        self.enter()?;
        let mut items = Vec::new();
        loop {
            let index = items.len();
            if index == MAX_LIST_ITEMS {
                return Err(self
                    .reader
                    .refuse(self.at.render(), format!("lists more than {MAX_LIST_ITEMS} items")));
            }
            let child = At::Index(&self.at, index);
            let node = Node { reader: self.reader, at: child, depth: self.depth + 1 };
            match seq.next_element_seed(node) {
                Ok(Some(item)) => items.push(item),
                Ok(None) => break,
                Err(e) => {
                    self.reader.note_path(&At::Index(&self.at, index));
                    return Err(e);
                }
            }
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        self.enter()?;
        let mut object = Map::new();
        loop {
            let key = match map.next_key::<String>() {
                Ok(Some(key)) => key,
                Ok(None) => break,
                Err(e) => {
                    self.reader.note_path(&self.at);
                    return Err(e);
                }
            };
            let child = At::Key(&self.at, &key);
            let node = Node { reader: self.reader, at: child, depth: self.depth + 1 };
            node.text(&key, "a key")?;
            if object.contains_key(&key) {
                return Err(self.reader.refuse(
                    node.at.render(),
                    format!(
                        "the key {} appears twice in one object; keep one (tools disagree on which wins)",
                        quoted(&key)
                    ),
                ));
            }
            match map.next_value_seed(node) {
                Ok(value) => {
                    object.insert(key, value);
                }
                Err(e) => {
                    self.reader.note_path(&At::Key(&self.at, &key));
                    return Err(e);
                }
            }
        }
        Ok(Value::Object(object))
    }
}

#[cfg(test)]
mod tests;
