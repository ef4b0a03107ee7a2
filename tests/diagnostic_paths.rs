//! Every path the validator can emit reaches an editor field, so that no message is
//! counted on a component yet shown nowhere. The app shows a diagnostic at each field
//! whose declared path (`src/ui/editor/coverage.rs`) is the diagnostic's path or one
//! of its parents (`state.messages_at`). The plans: every corpus plan (presets,
//! feature cases, all-options) with each value in turn set to an extreme of its type,
//! and randomly mutated plans.

mod support;

use std::collections::BTreeMap;

use drplan::plan::{parse_plan, validate, Plan};
use proptest::prelude::*;
use serde_json::Value;

#[path = "../src/ui/editor/coverage.rs"]
#[allow(dead_code)]
mod coverage;

/// A validation path in the declared form (`components[3].rules[0].name` →
/// `components[backup_plan].rules[].name`), through the nodes of the plan's saved
/// form; the part past the deepest node is kept as written.
fn normalise(nodes: &[coverage::Node], path: &str) -> String {
    let deepest = nodes
        .iter()
        .filter(|n| {
            path == n.path
                || (path.starts_with(&n.path) && path[n.path.len()..].starts_with(['.', '[']))
        })
        .max_by_key(|n| n.path.len());
    match deepest {
        Some(n) => format!("{}{}", n.normalised, &path[n.path.len()..]),
        None => path.to_string(),
    }
}

/// Whether the app shows a message at `normalised`: a declared field is it or one of
/// its parents.
fn shown(normalised: &str) -> bool {
    coverage::EDITOR_PATHS.iter().any(|field| {
        normalised == *field
            || (normalised.starts_with(field) && normalised[field.len()..].starts_with(['.', '[']))
    })
}

/// Diagnostics of `plan` no field shows, by normalised path, with a message.
fn unshown(plan: &Plan, out: &mut BTreeMap<String, String>) {
    let diagnostics = validate(plan);
    if diagnostics.is_empty() {
        return;
    }
    let json: Value = serde_json::from_str(&plan.to_json_pretty()).unwrap_or(Value::Null);
    let nodes = coverage::nodes(&json);
    for d in diagnostics {
        let normalised = normalise(&nodes, &d.path);
        if !shown(&normalised) {
            out.entry(normalised).or_insert_with(|| format!("{}: {}", d.path, d.message));
        }
    }
}

#[test]
fn every_diagnostic_of_extreme_values_reaches_a_field() {
    let plans = support::mutate::single_extremes();
    assert!(plans.len() > 1000, "{} plans", plans.len());
    let mut missing = BTreeMap::new();
    for json in plans {
        if let Ok(plan) = parse_plan(&json.to_string()) {
            unshown(&plan, &mut missing);
        }
    }
    let list: Vec<String> = missing.iter().map(|(p, m)| format!("{p}  ({m})")).collect();
    assert!(list.is_empty(), "{} path(s) no editor field shows:\n{}", list.len(), list.join("\n"));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn every_diagnostic_of_mutated_plans_reaches_a_field(text in support::mutate::mutated_plans()) {
        let plan = parse_plan(&text).unwrap_or_default();
        let mut missing = BTreeMap::new();
        unshown(&plan, &mut missing);
        prop_assert!(missing.is_empty(), "{:?}", missing);
    }
}
