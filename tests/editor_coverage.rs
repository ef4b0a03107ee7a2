//! Every plan field has an editor in the web app.
//!
//! The app declares the fields its editors bind (`src/ui/editor/coverage.rs`; a wasm
//! test checks the rendered editors carry exactly those paths). Here the declaration
//! is compared with the fields of `tests/browser/plans/all-fields.json`, a plan that
//! sets every field, and that plan is proved complete by the plan's own deserializer:
//! each struct, given an unknown field, names all the fields it has. So adding a field
//! to the plan model without an editor fails this test, with the field's path.

use std::collections::{BTreeMap, BTreeSet};

use drplan::plan::{parse_plan, ComponentKind};
use serde_json::Value;

#[path = "../src/ui/editor/coverage.rs"]
#[allow(dead_code)]
mod coverage;

use coverage::{nodes, Node, EDITOR_PATHS, MAP_PATHS, NOT_EDITED};

const ALL_FIELDS: &str = include_str!("browser/plans/all-fields.json");
const PROBE: &str = "zz_not_a_plan_field";

/// The fixture as the app saves it (every field written, defaults included).
fn saved_form() -> Value {
    let plan = parse_plan(ALL_FIELDS).unwrap_or_else(|e| panic!("all-fields.json: {e}"));
    serde_json::from_str(&plan.to_json_pretty()).unwrap()
}

/// The plan's deserializer on `json` changed at `pointer`.
fn parse_changed(
    json: &Value,
    pointer: &str,
    change: impl FnOnce(&mut Value),
) -> Result<(), String> {
    let mut copy = json.clone();
    change(copy.pointer_mut(pointer).unwrap_or_else(|| panic!("no node at {pointer}")));
    parse_plan(&copy.to_string()).map(|_| ()).map_err(|e| e.message)
}

/// The fields a struct at `pointer` has, if it is a struct (rather than a map): asked
/// of the deserializer with an unknown field.
fn struct_fields(json: &Value, pointer: &str) -> Option<Vec<String>> {
    let error = parse_changed(json, pointer, |v| {
        if let Some(map) = v.as_object_mut() {
            map.insert(PROBE.into(), Value::from(0));
        }
    })
    .err()?;
    let (_, expected) = error.split_once(&format!("unknown field `{PROBE}`"))?;
    Some(expected.split('`').skip(1).step_by(2).map(String::from).collect())
}

/// What an editor must bind: every leaf, and every optional part (an `Option` of a
/// struct, switched on and off as a whole), normalised.
fn bindable(json: &Value) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for node in nodes(json) {
        let value = json.pointer(&node.pointer).unwrap();
        let optional_part = if value.is_object() && !node.leaf {
            parse_changed(json, &node.pointer, |v| *v = Value::Null).is_ok()
        } else {
            value.is_null()
                && parse_changed(json, &node.pointer, |v| *v = serde_json::json!({})).is_ok()
        };
        if node.leaf || optional_part {
            out.insert(node.normalised);
        }
    }
    out
}

#[test]
fn every_plan_field_has_an_editor() {
    let fields = bindable(&saved_form());
    let declared: BTreeSet<String> = EDITOR_PATHS.iter().map(|p| p.to_string()).collect();
    let exempt: BTreeSet<String> = NOT_EDITED.iter().map(|(p, _)| p.to_string()).collect();
    let unbound: Vec<&String> =
        fields.iter().filter(|p| !declared.contains(*p) && !exempt.contains(*p)).collect();
    let stale: Vec<&String> =
        declared.iter().chain(&exempt).filter(|p| !fields.contains(*p)).collect();
    assert!(
        unbound.is_empty() && stale.is_empty(),
        "plan fields without an editor: {unbound:#?}\n\
         editor paths that are no plan field: {stale:#?}\n\
         (give the field an editor in src/ui/editor/ and its path in EDITOR_PATHS)"
    );
    assert_eq!(EDITOR_PATHS.len(), declared.len(), "EDITOR_PATHS lists a path twice");
}

#[test]
fn the_all_fields_plan_sets_every_field_the_plan_model_has() {
    let json = saved_form();
    let root = Node {
        path: String::new(),
        normalised: String::new(),
        pointer: String::new(),
        leaf: false,
    };
    let all = nodes(&json);
    // Per normalised struct path: the fields its type has, and those some instance sets.
    let mut structs: BTreeMap<String, (Vec<String>, BTreeSet<String>)> = BTreeMap::new();
    let mut problems = Vec::new();
    let mut maps_seen = BTreeSet::new();
    let mut left_out = BTreeSet::new();
    for node in std::iter::once(&root).chain(&all) {
        let is_map = MAP_PATHS.contains(&node.normalised.as_str());
        match json.pointer(&node.pointer).unwrap() {
            Value::Object(map) if !node.leaf || is_map => {
                match (struct_fields(&json, &node.pointer), is_map) {
                    (Some(_), true) => problems.push(format!(
                        "{} is a struct, not a map: drop it from MAP_PATHS",
                        node.path
                    )),
                    (Some(fields), false) => {
                        let entry = structs.entry(node.normalised.clone()).or_default();
                        entry.0 = fields;
                        entry.1.extend(map.keys().cloned());
                    }
                    (None, true) if map.is_empty() => {
                        problems.push(format!("{}: give the map an entry", node.path))
                    }
                    (None, true) => {
                        maps_seen.insert(node.normalised.clone());
                    }
                    (None, false) => {
                        problems.push(format!("{} is a map: add it to MAP_PATHS", node.path))
                    }
                }
            }
            // An optional part left out, or a list of parts without one, hides fields.
            Value::Null
                if parse_changed(&json, &node.pointer, |v| *v = serde_json::json!({})).is_ok() =>
            {
                left_out.insert(node.normalised.clone());
            }
            Value::Array(items)
                if items.is_empty()
                    && parse_changed(&json, &node.pointer, |v| *v = serde_json::json!([{}]))
                        .is_ok() =>
            {
                left_out.insert(format!("{}[]", node.normalised));
            }
            _ => {}
        }
    }
    for (path, (fields, set)) in &structs {
        for field in fields.iter().filter(|f| !set.contains(*f)) {
            let at = if path.is_empty() { field.clone() } else { format!("{path}.{field}") };
            problems.push(format!("{at}: no value (saved plans leave it out at its default)"));
        }
    }
    for path in left_out.iter().filter(|p| !structs.contains_key(*p)) {
        problems.push(format!("{path}: an optional part no instance sets"));
    }
    for map in MAP_PATHS.iter().filter(|m| !maps_seen.contains(**m)) {
        problems.push(format!("{map}: listed in MAP_PATHS but not in the plan"));
    }
    let kinds: BTreeSet<&str> =
        json["components"].as_array().unwrap().iter().filter_map(|c| c["kind"].as_str()).collect();
    for kind in ComponentKind::ALL.iter().filter(|k| !kinds.contains(k.id())) {
        problems.push(format!("no {} component", kind.id()));
    }
    assert!(
        problems.is_empty(),
        "tests/browser/plans/all-fields.json does not set every plan field:\n{}",
        problems.join("\n")
    );
}

#[test]
fn a_field_missing_from_the_fixture_is_found() {
    // The probe itself: the deserializer names a struct's fields, and a map is told apart.
    let json = saved_form();
    let fields = struct_fields(&json, "/components/0").expect("a component is a struct");
    assert!(fields.contains(&"replica_in_dr_region".to_string()), "{fields:?}");
    assert!(struct_fields(&json, "/export/inputs").is_none(), "a map has no field list");
    let mut without = json.clone();
    without["components"][0].as_object_mut().unwrap().remove("replica_in_dr_region");
    let fields = struct_fields(&without, "/components/0").unwrap();
    let present = without["components"][0].as_object().unwrap();
    assert!(fields.iter().any(|f| !present.contains_key(f)), "a dropped field is noticed");
}
