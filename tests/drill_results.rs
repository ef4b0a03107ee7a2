//! Drill results fed back into the plan (issue 14, item 3): a measured restore
//! duration replaces the model's documented figure and can change a verdict, the
//! working says which figures are measured and which assumed, a target met only on
//! assumed figures is flagged, bad results are refused at their field in their unit,
//! and plans without results load and assess as before.

use drplan::plan::*;
use drplan::recovery::{assess, Scenario};

/// A DynamoDB table with PITR, 10 GB, held to a 60-minute RTO: on documented figures
/// deletion recovers in at most 5 (detection) + 20 (seed 004's PITR restore) + 6
/// (10 GB at 100 GB/h) = 31 minutes.
fn plan(drills: &str) -> Plan {
    parse_plan(&format!(
        r#"{{"schema_version": 1, "dr_region": null,
            "targets": {{"rpo_minutes": 60, "rto_minutes": 60}},
            "components": [
              {{"kind": "dynamodb_table", "id": "orders", "size_gb": 10, "pitr": {{"enabled": true}}}},
              {{"kind": "dynamodb_table", "id": "sessions", "size_gb": 10, "pitr": {{"enabled": true}}}}
            ],
            "drill_results": [{drills}]}}"#
    ))
    .unwrap()
}

fn deletion(plan: &Plan) -> drplan::recovery::ScenarioReport {
    assert!(validate(plan).is_empty(), "{:?}", validate(plan));
    assess(plan).scenario(Scenario::Deletion).unwrap().clone()
}

#[test]
fn a_measured_restore_duration_changes_the_verdict() {
    let documented = deletion(&plan(""));
    assert!(documented.meets_rto, "{:?}", documented.explanation);
    assert_eq!(documented.rto_minutes.unwrap().worst, 31.0);

    let slow = r#"{"component": "orders", "mechanism": "dynamodb_pitr", "measured_on": "2026-11-02", "restore_minutes": 90}"#;
    let drilled = deletion(&plan(slow));
    assert!(!drilled.meets_rto, "a 90-minute restore misses a 60-minute RTO");
    let orders = drilled.component("orders").unwrap();
    assert_eq!(orders.rto_minutes.unwrap().worst, 95.0, "detection 5 + measured 90");
    assert!(!orders.meets_rto);
    assert!(
        orders
            .explanation
            .iter()
            .any(|l| l.contains("restore measured in the drill of 2026-11-02: 90 min")),
        "{:?}",
        orders.explanation
    );
    // The other table keeps its documented figures.
    assert_eq!(drilled.component("sessions").unwrap().rto_minutes.unwrap().worst, 31.0);
}

#[test]
fn the_latest_drill_counts() {
    let results = r#"{"component": "orders", "mechanism": "dynamodb_pitr", "measured_on": "2026-11-02", "restore_minutes": 12},
        {"component": "orders", "mechanism": "dynamodb_pitr", "measured_on": "2026-10-05", "restore_minutes": 90}"#;
    let report = deletion(&plan(results));
    assert_eq!(report.component("orders").unwrap().rto_minutes.unwrap().worst, 17.0);
    assert!(report.meets_rto);
}

#[test]
fn a_result_for_another_mechanism_changes_nothing() {
    let backups = r#"{"component": "orders", "mechanism": "dynamodb_backups", "measured_on": "2026-11-02", "restore_minutes": 500}"#;
    let report = deletion(&plan(backups));
    assert_eq!(report.component("orders").unwrap().rto_minutes.unwrap().worst, 31.0);
}

#[test]
fn a_target_met_only_on_assumed_figures_is_flagged() {
    let orders_only = r#"{"component": "orders", "mechanism": "dynamodb_pitr", "measured_on": "2026-11-02", "restore_minutes": 20}"#;
    let report = deletion(&plan(orders_only));
    assert!(report.meets_rto);
    assert!(report.rto_met_on_assumptions, "sessions' restore was never drilled");
    assert!(
        report.explanation.iter().any(|l| l.contains("met only on assumed restore figures")
            && l.contains("sessions")
            && !l.contains("orders")),
        "{:?}",
        report.explanation
    );
    let sessions = report.component("sessions").unwrap();
    assert!(sessions.explanation.iter().any(|l| l.starts_with("restore figure assumed")));
    let orders = report.component("orders").unwrap();
    assert!(orders.explanation.iter().any(|l| l.starts_with("restore figure measured")));
    let json = drplan::report::recovery_json_value(&assess(&plan(orders_only)));
    assert_eq!(json["scenarios"][0]["rto_met_on_assumptions"], true);

    let both = format!(
        r#"{orders_only}, {{"component": "sessions", "mechanism": "dynamodb_pitr", "measured_on": "2026-11-03", "restore_minutes": 25}}"#
    );
    let report = deletion(&plan(&both));
    assert!(report.meets_rto && !report.rto_met_on_assumptions, "{:?}", report.explanation);
}

#[test]
fn bad_results_are_refused_at_their_field_in_their_unit() {
    let bad = r#"{"component": "nope", "measured_on": "2026-02-30", "restore_minutes": -5},
        {"component": "orders", "mechanism": "rds_pitr", "measured_on": "2026-11-02", "restore_minutes": 1e9}"#;
    let diagnostics = validate(&plan(bad));
    let at = |path: &str| {
        diagnostics
            .iter()
            .find(|d| d.path == path)
            .unwrap_or_else(|| panic!("no diagnostic at {path}: {diagnostics:?}"))
            .message
            .clone()
    };
    assert!(at("drill_results[0].component").contains("not a component"));
    assert!(at("drill_results[0].measured_on").contains("YYYY-MM-DD"));
    assert!(at("drill_results[0].restore_minutes").contains("minutes"));
    assert!(at("drill_results[1].mechanism").contains("cannot restore"));
    assert!(at("drill_results[1].restore_minutes").contains("525600 minutes"));
    // An unvalidated plan still assesses without using them.
    let report = assess(&plan(bad));
    assert_eq!(report.scenario(Scenario::Deletion).unwrap().rto_minutes.unwrap().worst, 31.0);
    let err =
        parse_plan(r#"{"schema_version": 1, "drill_results": [{"component": "a", "minutes": 3}]}"#)
            .unwrap_err();
    assert!(err.to_string().contains("minutes"), "{err}");
}

#[test]
fn renaming_and_removing_a_component_carry_its_results() {
    let mut p = plan(
        r#"{"component": "orders", "mechanism": "dynamodb_pitr", "measured_on": "2026-11-02", "restore_minutes": 20}"#,
    );
    p.rename_component(0, "orders-v2");
    assert_eq!(p.drill_results[0].component, "orders-v2");
    p.remove_component(0);
    assert!(p.drill_results.is_empty());
    assert!(validate(&p).is_empty());
}

#[test]
fn plans_without_results_load_and_save_as_before() {
    for preset in drplan::presets::PRESETS {
        let plan = preset.plan();
        assert!(plan.drill_results.is_empty());
        assert!(!plan.to_json_pretty().contains("drill_results"), "{}", preset.id);
        for s in assess(&plan).scenarios {
            assert!(!s.rto_met_on_assumptions, "{}: no results, no flag", preset.id);
            assert!(s.explanation.iter().all(|l| !l.contains("assumed restore figures")));
        }
    }
}
