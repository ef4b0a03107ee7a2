//! The plan's optional `recovery` settings: plan files without them load with the
//! documented defaults, saved plans leave defaults out, and validation checks the
//! ranges with paths.

use drplan::plan::*;

#[test]
fn a_plan_without_recovery_settings_loads_with_the_defaults() {
    let plan = parse_plan(
        r#"{"schema_version": 1, "components": [{"kind": "s3_bucket", "id": "media"}]}"#,
    )
    .unwrap();
    assert_eq!(plan.recovery, RecoverySettings::default());
    assert_eq!(plan.recovery.detection_minutes, 5, "seed 004's mean time to detect");
    assert!(validate(&plan).iter().all(|d| !d.path.starts_with("recovery")));
    assert!(
        !plan.to_json_pretty().contains("\"recovery\""),
        "defaults are left out of saved plans"
    );
}

#[test]
fn recovery_settings_load_round_trip_and_reject_unknown_fields() {
    let text = r#"{"schema_version": 1, "recovery": {"detection_minutes": 15, "archive_retrieval": "bulk"}}"#;
    let plan = parse_plan(text).unwrap();
    assert_eq!(plan.recovery.detection_minutes, 15);
    assert_eq!(plan.recovery.archive_retrieval, RetrievalTier::Bulk);
    assert_eq!(
        plan.recovery.restore_throughput_gb_per_hour,
        DEFAULT_RESTORE_THROUGHPUT_GB_PER_HOUR
    );
    assert_eq!(parse_plan(&plan.to_json_pretty()).unwrap(), plan);
    let err = parse_plan(r#"{"schema_version": 1, "recovery": {"detection": 15}}"#).unwrap_err();
    assert!(err.to_string().contains("recovery") && err.to_string().contains("detection"), "{err}");
    let err = parse_plan(r#"{"schema_version": 1, "recovery": {"archive_retrieval": "instant"}}"#)
        .unwrap_err();
    assert_eq!(err.path, "recovery.archive_retrieval");
}

#[test]
fn recovery_settings_are_validated_with_paths() {
    let settings = RecoverySettings {
        detection_minutes: 20_000,
        restore_throughput_gb_per_hour: 0.0,
        manual_cutover_minutes: 10_081,
        ..RecoverySettings::default()
    };
    let mut plan = Plan { recovery: settings, ..Plan::default() };
    let paths: Vec<String> = validate(&plan)
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| d.path)
        .collect();
    for path in [
        "recovery.detection_minutes",
        "recovery.restore_throughput_gb_per_hour",
        "recovery.manual_cutover_minutes",
    ] {
        assert!(paths.iter().any(|p| p == path), "{path} in {paths:?}");
    }
    plan.recovery.restore_throughput_gb_per_hour = f64::NAN;
    assert!(validate(&plan).iter().any(
        |d| d.path == "recovery.restore_throughput_gb_per_hour" && d.message.contains("number")
    ));
    plan.recovery = RecoverySettings {
        detection_minutes: 0,
        manual_cutover_minutes: 0,
        restore_throughput_gb_per_hour: 0.1,
        ..RecoverySettings::default()
    };
    assert!(
        validate(&plan).iter().all(|d| !d.path.starts_with("recovery")),
        "the edges of the ranges are accepted"
    );
}
