//! Structurally valid plans with mutated field values, for property tests: a corpus of
//! real plans (the presets, the per-feature cases, the all-options plan), and
//! mutations that keep each value's JSON type and, for fields that hold one of a set
//! of names (`engine`, `storage_class`…), pick another name that field takes
//! elsewhere in the corpus. Every mutated plan parses; what it exercises is each
//! field's range checks, cross-references and the engines on odd values.

use std::collections::{BTreeMap, BTreeSet};

use proptest::prelude::*;
use serde_json::{json, Value};

/// The plans mutations start from, as JSON values.
pub fn corpus() -> Vec<Value> {
    let mut texts: Vec<String> =
        drplan::presets::PRESETS.iter().map(|p| p.json.to_string()).collect();
    texts.push(include_str!("../iac/plans/all-options.json").to_string());
    let cases = super::cases_dir();
    let mut names: Vec<_> =
        std::fs::read_dir(&cases).into_iter().flatten().flatten().map(|e| e.path()).collect();
    names.sort();
    texts
        .extend(names.iter().filter_map(|dir| std::fs::read_to_string(dir.join("plan.json")).ok()));
    texts.iter().filter_map(|t| serde_json::from_str(t).ok()).collect()
}

/// Keys whose value is structure, never mutated.
const FIXED: &[&str] = &["kind", "schema_version"];

/// The leaves of a plan: each one's JSON pointer and its field, the key it sits under
/// (an array item's is its array's) qualified by its component's kind
/// (`rds_instance.engine` and `aurora_cluster.engine` take different names).
fn leaves(value: &Value, at: String, field: &str, out: &mut Vec<(String, String)>) {
    match value {
        Value::Object(map) => {
            let kind = map.get("kind").and_then(Value::as_str);
            for (k, v) in map {
                let field = match (kind, field.split_once('.')) {
                    (Some(kind), _) => format!("{kind}.{k}"),
                    (None, Some((kind, _))) => format!("{kind}.{k}"),
                    (None, None) => k.clone(),
                };
                leaves(v, format!("{at}/{k}"), &field, out);
            }
        }
        Value::Array(items) => {
            items.iter().enumerate().for_each(|(i, v)| leaves(v, format!("{at}/{i}"), field, out))
        }
        _ if FIXED.iter().any(|f| field.rsplit('.').next() == Some(f)) => {}
        _ => out.push((at, field.to_string())),
    }
}

/// Every string value each key takes in the corpus.
fn names_by_key(corpus: &[Value]) -> BTreeMap<String, BTreeSet<String>> {
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for plan in corpus {
        let mut found = Vec::new();
        leaves(plan, String::new(), "", &mut found);
        for (at, key) in found {
            if let Some(Value::String(s)) = plan.pointer(&at) {
                out.entry(key).or_default().insert(s.clone());
            }
        }
    }
    out
}

/// Keys that hold one of a set of names: the plan reader refuses other text there.
fn named_keys(corpus: &[Value]) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for plan in corpus {
        let mut found = Vec::new();
        leaves(plan, String::new(), "", &mut found);
        for (at, key) in found {
            let mut changed = plan.clone();
            match changed.pointer_mut(&at) {
                Some(slot @ Value::String(_)) => *slot = json!("zz-not-a-name"),
                _ => continue,
            }
            if drplan::plan::parse_plan(&changed.to_string()).is_err() {
                out.insert(key);
            }
        }
    }
    out
}

/// One mutation, chosen by the strategy and applied to whatever leaf it lands on.
#[derive(Clone, Debug)]
pub struct Mutation {
    pick: prop::sample::Index,
    choice: prop::sample::Index,
    text: String,
    factor: f64,
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let text = prop_oneof![
        ".{0,40}",
        prop::sample::select(vec![
            "",
            "${jndi:ldap://x}",
            "a\u{202e}b",
            "x\"; rm -rf /",
            "}}{{",
            "<script>",
            "\u{200b}",
            "é ü 漢字",
            "--"
        ])
        .prop_map(String::from),
    ];
    (
        any::<prop::sample::Index>(),
        any::<prop::sample::Index>(),
        text,
        prop_oneof![Just(0.0), Just(0.5), Just(2.0), Just(1e6), 0.0..10.0f64],
    )
        .prop_map(|(pick, choice, text, factor)| Mutation { pick, choice, text, factor })
}

/// A plan of the corpus with up to eight of its values mutated, as JSON text.
pub fn mutated_plans() -> impl Strategy<Value = String> {
    let corpus = corpus();
    let names = names_by_key(&corpus);
    let named = named_keys(&corpus);
    let plans = corpus.len();
    (0..plans, prop::collection::vec(mutation(), 1..=8))
        .prop_map(move |(n, mutations)| mutate(&corpus[n], mutations, &names, &named))
}

/// Versions of one plan of the corpus, each with up to three of its values mutated, as
/// JSON text: what an estimate sees from one edit to the next (most components
/// unchanged, some changed, sometimes a setting).
pub fn versions_of_a_plan(versions: usize) -> impl Strategy<Value = Vec<String>> {
    let corpus = corpus();
    let names = names_by_key(&corpus);
    let named = named_keys(&corpus);
    let plans = corpus.len();
    (0..plans, prop::collection::vec(prop::collection::vec(mutation(), 0..=3), versions)).prop_map(
        move |(n, edits)| {
            edits
                .into_iter()
                .map(|mutations| mutate(&corpus[n], mutations, &names, &named))
                .collect()
        },
    )
}

/// `base` with each of `mutations` applied, as JSON text.
fn mutate(
    base: &Value,
    mutations: Vec<Mutation>,
    names: &BTreeMap<String, BTreeSet<String>>,
    named: &BTreeSet<String>,
) -> String {
    let mut plan = base.clone();
    let mut found = Vec::new();
    leaves(&plan, String::new(), "", &mut found);
    for m in mutations {
        let (at, key) = m.pick.get(&found).clone();
        let Some(slot) = plan.pointer_mut(&at) else { continue };
        *slot = match slot.clone() {
            Value::Bool(b) => Value::Bool(!b),
            Value::Number(x) => match x.as_u64() {
                Some(u) => {
                    let options = [
                        0,
                        1,
                        u,
                        u.saturating_mul(2) + 1,
                        35,
                        36,
                        365,
                        100_000,
                        u64::from(u32::MAX),
                    ];
                    json!((*m.choice.get(&options)).min(u64::from(u32::MAX)))
                }
                None => json!(x.as_f64().unwrap_or(0.0) * m.factor),
            },
            Value::String(_) if named.contains(&key) => {
                let options: Vec<&String> =
                    names.get(&key).map(|s| s.iter().collect()).unwrap_or_default();
                if options.is_empty() {
                    continue;
                }
                json!(m.choice.get(&options))
            }
            Value::String(_) => json!(m.text),
            // Null: an unset option stays unset.
            other => other,
        };
    }
    plan.to_string()
}

/// Each plan of the corpus with one value at a time set to an extreme of its type (a
/// zero and a huge number, an empty and a hostile text, the other boolean): the
/// plans as JSON values (a text where the field takes a name does not parse).
pub fn single_extremes() -> Vec<Value> {
    let mut out = Vec::new();
    for plan in corpus() {
        let mut found = Vec::new();
        leaves(&plan, String::new(), "", &mut found);
        for (at, _) in found {
            let extremes = match plan.pointer(&at) {
                Some(Value::Number(x)) if x.is_u64() => vec![json!(0), json!(u32::MAX)],
                Some(Value::Number(_)) => vec![json!(0.0), json!(1e15), json!(-1.0)],
                Some(Value::String(_)) => vec![json!(""), json!("zz \u{202e} not valid")],
                Some(Value::Bool(b)) => vec![json!(!b)],
                _ => continue,
            };
            for extreme in extremes {
                let mut changed = plan.clone();
                if let Some(slot) = changed.pointer_mut(&at) {
                    *slot = extreme;
                }
                out.push(changed);
            }
        }
    }
    out
}
