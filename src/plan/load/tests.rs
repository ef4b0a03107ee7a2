//! Reading plans: every error at its field, the limits refused while reading.

use super::*;
use crate::plan::limits::{MAX_BACKUP_PAIRS, MAX_LIST_ITEMS};

fn err(json: &str) -> LoadError {
    match parse_plan(json) {
        Ok(_) => panic!("accepted: {json}"),
        Err(e) => e,
    }
}

fn with_component(component: &str) -> String {
    format!(r#"{{"schema_version": 1, "components": [{component}]}}"#)
}

#[test]
fn a_type_error_inside_a_component_names_its_field() {
    let e = err(&with_component(r#"{"kind": "vpc_endpoints", "id": "v", "az_count": -1}"#));
    assert_eq!(e.path, "components[0].az_count");
    assert!(e.message.contains("-1") && e.message.contains("whole number"), "{e}");
    let e = err(&with_component(
        r#"{"kind": "backup_plan", "id": "p", "rules": [{"name": "r", "copy_to_dr": {"retention_days": "long"}}]}"#,
    ));
    assert_eq!(e.path, "components[0].rules[0].copy_to_dr.retention_days");
}

/// Every field of every kind, given a value of the wrong type, is named in the error.
#[test]
fn every_field_of_every_kind_is_named_when_its_type_is_wrong() {
    for kind in ComponentKind::ALL {
        let component = kind.new_component("c");
        let Value::Object(fields) = serde_json::to_value(&component).unwrap() else { panic!() };
        for field in fields.keys().filter(|k| *k != "kind") {
            let mut broken = fields.clone();
            // An object is the wrong type for every field (none is a free-form map).
            broken.insert(field.clone(), serde_json::json!({"wrong": true}));
            let json = with_component(&Value::Object(broken).to_string());
            let e = err(&json);
            assert!(
                e.path == format!("components[0].{field}")
                    || e.path.starts_with(&format!("components[0].{field}.")),
                "{}.{field}: {e}",
                kind.id()
            );
        }
    }
}

#[test]
fn unknown_and_missing_kinds_say_which_exist() {
    let e = err(&with_component(r#"{"id": "x"}"#));
    assert_eq!(e.path, "components[0].kind");
    assert!(e.message.contains("s3_bucket"), "{e}");
    let e = err(&with_component(r#"{"kind": "bucket\u001b[2J", "id": "x"}"#));
    assert!(e.message.contains("\"bucket\\u{1b}[2J\" is not a component kind"), "{e}");
    let e = err(&with_component(r#"{"kind": "s3_bucket", "id": "x", "colour": 1}"#));
    assert_eq!(e.path, "components[0].colour");
    assert!(e.message.contains("unknown field `colour`"), "{e}");
}

#[test]
fn a_byte_order_mark_gets_its_own_message() {
    let e = err("\u{feff}{\"schema_version\": 1}");
    assert!(e.message.contains("byte-order mark"), "{e}");
}

#[test]
fn duplicate_keys_are_refused_at_their_path() {
    let e = err(r#"{"schema_version": 1, "name": "a", "name": "b"}"#);
    assert_eq!(e.path, "name");
    assert!(e.message.contains("appears twice"), "{e}");
    let e =
        err(&with_component(r#"{"kind": "s3_bucket", "id": "a", "stored_gb": 1, "stored_gb": 2}"#));
    assert_eq!(e.path, "components[0].stored_gb");
}

#[test]
fn syntax_errors_give_the_place_and_the_field() {
    let e = err("{\"schema_version\": 1,\n \"components\": [{\"kind\": \"s3_bucket\", \"stored_gb\": 12x}]}");
    // The number is read; the error is in the object that holds it.
    assert_eq!(e.path, "components[0]");
    assert!(
        e.message.starts_with("not valid JSON at line 2, column 54: expected `,` or `}`"),
        "{e}"
    );
    let e = err(
        "{\"schema_version\": 1, \"components\": [{\"kind\": \"s3_bucket\", \"stored_gb\": tru}]}",
    );
    assert_eq!(e.path, "components[0].stored_gb");
    let e = err("{\"schema_version\": 1} trailing");
    assert!(e.message.contains("trailing characters"), "{e}");
}

#[test]
fn nesting_text_and_lists_are_bounded_while_reading() {
    let deep =
        format!(r#"{{"schema_version": 1, "notes": {}1{}}}"#, "[".repeat(100), "]".repeat(100));
    let e = err(&deep);
    assert!(e.message.contains("nests deeper than 16"), "{e}");
    assert!(e.path.starts_with("notes[0][0]"), "{e}");
    // serde_json's own limit (128) is never what the user sees.
    let deeper = format!(r#"{{"schema_version": 1, "notes": {}}}"#, "[".repeat(10_000));
    assert!(err(&deeper).message.contains("nests deeper"));

    let long = format!(r#"{{"schema_version": 1, "name": "{}"}}"#, "é".repeat(2_001));
    let e = err(&long);
    assert_eq!(e.path, "name");
    assert!(e.message.contains("2001 characters"), "{e}");
    let long_key = format!(r#"{{"schema_version": 1, "{}": 1}}"#, "k".repeat(2_001));
    assert!(err(&long_key).message.contains("a key of 2001 characters"));

    let many = vec!["\"n\""; MAX_LIST_ITEMS + 1].join(",");
    let e = err(&format!(r#"{{"schema_version": 1, "notes": [{many}]}}"#));
    assert_eq!(e.path, "notes");
}

#[test]
fn component_and_backup_pair_limits_are_refused_while_reading() {
    let buckets: Vec<String> =
        (0..=MAX_COMPONENTS).map(|i| format!(r#"{{"kind": "s3_bucket", "id": "b{i}"}}"#)).collect();
    let e = err(&format!(r#"{{"schema_version": 1, "components": [{}]}}"#, buckets.join(",")));
    assert_eq!(e.path, "components");
    assert!(e.message.contains("201 components"), "{e}");

    let ids: Vec<String> = (0..50).map(|i| format!("\"b{i}\"")).collect();
    let rules: Vec<String> = (0..20).map(|i| format!(r#"{{"name": "r{i}"}}"#)).collect();
    let plans: Vec<String> = (0..=MAX_BACKUP_PAIRS / 1000)
        .map(|p| {
            format!(
                r#"{{"kind": "backup_plan", "id": "p{p}", "rules": [{}], "protects": [{}]}}"#,
                rules.join(","),
                ids.join(",")
            )
        })
        .collect();
    let e = err(&format!(r#"{{"schema_version": 1, "components": [{}]}}"#, plans.join(",")));
    assert_eq!(e.path, "components[1].protects", "{e}");
}

#[test]
fn presets_and_saved_plans_still_read() {
    for preset in crate::presets::PRESETS {
        let plan = preset.plan();
        assert_eq!(parse_plan(&plan.to_json_pretty()).unwrap(), plan);
    }
}

#[test]
fn a_plan_deserialized_directly_reads_its_components_as_parse_plan_does() {
    // `Plan`'s own `Deserialize` (serde_json::from_str, from_value) reads components by
    // their `kind` with parse_plan's reader, errors at the field included.
    for preset in crate::presets::PRESETS {
        let plan = preset.plan();
        let direct: Plan = serde_json::from_str(&plan.to_json_pretty()).unwrap();
        assert_eq!(direct, plan);
    }
    let bad = r#"{"schema_version": 1, "components": [{"kind": "s3_bucket", "id": "a"},
        {"kind": "rds_instance", "id": "b", "multi_az": "yes"}]}"#;
    let e = serde_json::from_str::<Plan>(bad).unwrap_err().to_string();
    assert!(e.contains("components[1].multi_az"), "{e}");
    assert!(e.contains("expected true or false"), "{e}");
}

/// The tracked reader words every error and places it exactly as `serde_path_to_error`
/// over serde_json's value reader did (the reader it replaced): on every preset, with
/// each value in turn replaced by a wrong one, each key removed, and an unknown key added.
/// (Its one deliberate difference is below.) Native only: the old reader is a native
/// dev-dependency.
#[cfg(not(target_arch = "wasm32"))]
#[test]
fn the_tracked_reader_reports_what_serde_path_to_error_reported() {
    use crate::plan::*;
    use serde::de::DeserializeOwned;

    fn old_path(path: &serde_path_to_error::Path) -> String {
        let mut out = String::new();
        for segment in path.iter() {
            match segment {
                serde_path_to_error::Segment::Seq { index } => out += &format!("[{index}]"),
                serde_path_to_error::Segment::Map { key }
                | serde_path_to_error::Segment::Enum { variant: key } => push_key(&mut out, key),
                serde_path_to_error::Segment::Unknown => {}
            }
        }
        out
    }
    fn same<T: DeserializeOwned + PartialEq + std::fmt::Debug>(value: &Value) -> usize {
        let new = typed::from_value::<T>(value.clone())
            .map_err(|(steps, e)| (display_path(&steps), e.to_string()));
        let old = serde_path_to_error::deserialize::<_, T>(value.clone())
            .map_err(|e| (old_path(e.path()), e.inner().to_string()));
        // One deliberate difference: in a map keyed by an enum (the targets by data
        // class), the old reader lost the key of an entry and reported the map; this
        // one reports the entry (`targets.by_data_class.low_priority`).
        let failed = new.is_err();
        let new_as_old = new.map_err(|(path, message)| {
            let Some((before, after)) = path.split_once("by_data_class.") else {
                return (path, message);
            };
            let rest = after.find(['.', '[']).map_or("", |at| &after[at..]);
            (format!("{before}by_data_class{rest}"), message)
        });
        assert_eq!(new_as_old, old, "{value}");
        usize::from(failed)
    }
    fn check(kind: Option<&str>, value: &Value) -> usize {
        match kind {
            None => same::<Plan>(value),
            Some("s3_bucket") => same::<S3Bucket>(value),
            Some("dynamodb_table") => same::<DynamoDbTable>(value),
            Some("rds_instance") => same::<RdsInstance>(value),
            Some("aurora_cluster") => same::<AuroraCluster>(value),
            Some("backup_plan") => same::<BackupPlan>(value),
            Some("lambda_function") => same::<LambdaFunction>(value),
            Some("schedule") => same::<Schedule>(value),
            Some("sns_topic") => same::<SnsTopic>(value),
            Some("monitoring") => same::<Monitoring>(value),
            Some("kms_key") => same::<KmsKey>(value),
            Some("vpc_endpoints") => same::<VpcEndpoints>(value),
            Some("config_backup") => same::<ConfigBackup>(value),
            Some("dns_failover") => same::<DnsFailover>(value),
            Some(other) => panic!("a preset has a component kind the test lacks: {other}"),
        }
    }
    /// Every variant of `value` with one change somewhere inside it.
    fn variants(value: &Value) -> Vec<Value> {
        let wrong = [
            Value::Null,
            Value::Bool(true),
            Value::from(-1),
            Value::from(1.5),
            Value::from(4_294_967_296u64),
            Value::from("x"),
            Value::Array(vec![Value::from(1)]),
            Value::Object(Map::new()),
        ];
        let mut out: Vec<Value> = wrong.to_vec();
        match value {
            Value::Object(object) => {
                let mut extra = object.clone();
                extra.insert("zz_unknown".into(), Value::from(1));
                out.push(Value::Object(extra));
                for (key, inner) in object {
                    let mut without = object.clone();
                    without.remove(key);
                    out.push(Value::Object(without));
                    for changed in variants(inner) {
                        let mut with = object.clone();
                        with.insert(key.clone(), changed);
                        out.push(Value::Object(with));
                    }
                }
            }
            Value::Array(items) => {
                for (index, inner) in items.iter().enumerate() {
                    for changed in variants(inner) {
                        let mut with = items.clone();
                        with[index] = changed;
                        out.push(Value::Array(with));
                    }
                }
            }
            _ => {}
        }
        out
    }

    let (mut cases, mut errors) = (0, 0);
    for preset in crate::presets::PRESETS {
        let Ok(Value::Object(mut plan)) = serde_json::from_str::<Value>(preset.json) else {
            panic!("{} is not a JSON object", preset.id)
        };
        let components = match plan.insert("components".into(), Value::Array(Vec::new())) {
            Some(Value::Array(items)) => items,
            _ => Vec::new(),
        };
        for variant in variants(&Value::Object(plan)) {
            cases += 1;
            errors += check(None, &variant);
        }
        for component in components {
            let Value::Object(mut object) = component else { panic!("{}", preset.id) };
            let kind = object.remove("kind").and_then(|k| k.as_str().map(String::from));
            for variant in variants(&Value::Object(object)) {
                cases += 1;
                errors += check(kind.as_deref(), &variant);
            }
        }
    }
    // The changes reach every field: most make an error, some are still a valid plan.
    assert!(cases > 5_000 && errors > cases / 2, "{cases} cases, {errors} errors");
}
