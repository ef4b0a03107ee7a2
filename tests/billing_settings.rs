//! The plan settings this billing model adds (the free-tier switch, scheduled recovery
//! tests, DynamoDB reads, Aurora backtrack change records): their defaults keep old plan
//! files loading unchanged, and every bad value is reported at its field in its unit.

use drplan::plan::{parse_plan, validate, Severity};

fn errors_at(json: &str) -> Vec<(String, String)> {
    let plan = parse_plan(json).unwrap();
    validate(&plan)
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| (d.path, d.message))
        .collect()
}

#[test]
fn old_plan_files_load_with_the_documented_defaults() {
    let plan = parse_plan(
        r#"{"schema_version": 1, "components": [{"kind": "dynamodb_table", "id": "t"}]}"#,
    )
    .unwrap();
    assert!(!plan.pricing.apply_free_tier, "free allowances are off unless the plan applies them");
    assert!(plan.recovery_tests.is_empty());
    // Saved again, the new settings stay out of the file while unused.
    let saved = plan.to_json_pretty();
    assert!(!saved.contains("recovery_tests") && !saved.contains("backtrack_change_records"));
    assert_eq!(parse_plan(&saved).unwrap(), plan);
}

#[test]
fn recovery_tests_are_checked_at_their_fields() {
    let json = r#"{"schema_version": 1,
      "components": [{"kind": "dynamodb_table", "id": "t"}, {"kind": "sns_topic", "id": "alerts", "email_subscriptions": ["a@example.com"]}],
      "recovery_tests": [
        {"name": "weekly", "frequency": "weekly", "components": ["t", "alerts", "gone"], "data_percent": 0},
        {"name": "weekly", "keep_restored_hours": 1000},
        {"name": "bad name!"}
      ]}"#;
    let errors = errors_at(json);
    let at = |path: &str| errors.iter().find(|(p, _)| p == path).map(|(_, m)| m.clone());
    assert!(at("recovery_tests[0].data_percent").unwrap().contains("between 0.01 and 100 percent"));
    assert!(at("recovery_tests[0].components[1]").unwrap().contains("holds no data"));
    assert!(at("recovery_tests[0].components[2]").unwrap().contains("not a component"));
    assert!(at("recovery_tests[1].name").unwrap().contains("another test"));
    assert!(at("recovery_tests[1].keep_restored_hours").unwrap().contains("hours"));
    assert!(at("recovery_tests[2].name").is_some());
    assert!(parse_plan(r#"{"schema_version": 1, "recovery_tests": [{"frequency": "hourly"}]}"#)
        .unwrap_err()
        .path
        .starts_with("recovery_tests[0].frequency"));
}

#[test]
fn reads_and_change_records_must_be_finite_and_non_negative() {
    let json = r#"{"schema_version": 1, "components": [
        {"kind": "dynamodb_table", "id": "t", "monthly_reads_millions": -1},
        {"kind": "aurora_cluster", "id": "a", "engine": "aurora_mysql", "backtrack_window_hours": 24, "backtrack_change_records_per_hour_millions": -3}]}"#;
    let errors = errors_at(json);
    assert!(errors
        .iter()
        .any(|(p, m)| p == "components[0].monthly_reads_millions" && m.contains("million reads")));
    assert!(errors
        .iter()
        .any(|(p, _)| p == "components[1].backtrack_change_records_per_hour_millions"));
}
