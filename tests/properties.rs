//! Property tests of the core's invariants: totals add up, amounts are never negative,
//! cost never falls when data or retention grows, and no input makes loading,
//! validation or estimation panic.

mod support;

use drplan::cost::estimate;
use drplan::money::Money;
use drplan::plan::*;
use proptest::prelude::*;

fn gb() -> impl Strategy<Value = f64> {
    prop_oneof![Just(0.0), 0.0..5_000.0f64]
}

fn days() -> impl Strategy<Value = Option<u32>> {
    prop_oneof![Just(None), (1u32..800).prop_map(Some)]
}

fn class() -> impl Strategy<Value = StorageClass> {
    prop::sample::select(StorageClass::ALL.to_vec())
}

prop_compose! {
    fn s3_bucket()(stored in gb(), growth in 0.0..200.0f64, object_kb in 1.0..20_000.0f64, change in 0.0..100.0f64,
                   start in class(), versioning in any::<bool>(), nc_ia in days(), nc_exp in days(),
                   ia in days(), glacier in days(), deep in days(), expire in days(), existing in any::<bool>(),
                   replication in prop::option::of((class(), any::<bool>()))) -> S3Bucket {
        S3Bucket {
            id: "bucket".into(), existing, stored_gb: stored, monthly_growth_gb: growth, average_object_size_kb: object_kb,
            monthly_change_percent: change, initial_storage_class: start,
            versioning: Versioning { enabled: versioning, noncurrent_standard_ia_days: nc_ia, noncurrent_glacier_days: None, noncurrent_expiration_days: nc_exp },
            lifecycle: Lifecycle { standard_ia_days: ia, glacier_days: glacier, deep_archive_days: deep, expiration_days: expire, ..Lifecycle::default() },
            replication: replication.map(|(storage_class, rtc)| Replication { storage_class, replication_time_control: rtc }),
            ..S3Bucket::default()
        }
    }
}

prop_compose! {
    fn databases()(size in gb(), writes in 0.0..100.0f64, pitr in any::<bool>(), backups in prop::option::of((1u32..200, 1u32..400)),
                   retention in 1u32..36, storage in 20.0..2_000.0f64, change in 0.0..50.0f64, snaps in prop::option::of((1u32..30, 1u32..400)),
                   rule_freq in prop::sample::select(vec![60u32, 120, 360, 720, 1440, 10080]), rule_retention in 1u32..400,
                   cold in prop::option::of(1u32..100), copy in prop::option::of(1u32..400)) -> Vec<Component> {
        vec![
            Component::DynamodbTable(DynamoDbTable { id: "table".into(), size_gb: size, monthly_writes_millions: writes,
                pitr: Pitr { enabled: pitr, recovery_period_days: 35 },
                on_demand_backups: backups.map(|(every_hours, retention_days)| BackupSchedule { every_hours, retention_days }),
                global_table: Some(GlobalTable::default()), ..DynamoDbTable::default() }),
            Component::RdsInstance(RdsInstance { id: "db".into(), storage_gb: storage, daily_change_percent: change, backup_retention_days: retention,
                cross_region_backups: Some(CrossRegionBackups { retention_days: retention }),
                manual_snapshots: snaps.map(|(every_days, retention_days)| ManualSnapshots { every_days, retention_days, copy_to_dr_region: true }),
                ..RdsInstance::default() }),
            Component::BackupPlan(BackupPlan { id: "plan".into(), protects: vec!["table".into(), "db".into()],
                rules: vec![BackupRule { frequency_minutes: rule_freq, retention_days: rule_retention + cold.unwrap_or(0) + 90,
                    cold_storage_after_days: cold, copy_to_dr: copy.map(|retention_days| CrossRegionCopy { retention_days }), ..BackupRule::default() }],
                ..BackupPlan::default() }),
        ]
    }
}

fn plan_with(components: Vec<Component>, months: u32, sheet: &str) -> Plan {
    Plan {
        components,
        horizon_months: months,
        pricing: PricingChoice { sheet: sheet.into(), ..Default::default() },
        ..Plan::default()
    }
}

/// The case the property below once found: AWS Backup cold storage after 90 days in a
/// one-month horizon. Its first recovery point turns cold after the horizon, so
/// neither estimate lists it, whether or not the months after the horizon are priced;
/// in a year's horizon both do.
#[test]
fn cold_storage_that_starts_after_a_short_horizon_is_listed_the_same_by_both_estimates() {
    let table = DynamoDbTable { id: "table".into(), size_gb: 50.0, ..DynamoDbTable::default() };
    let rule = BackupRule {
        frequency_minutes: 1440,
        retention_days: 365,
        cold_storage_after_days: Some(90),
        ..BackupRule::default()
    };
    let backups = BackupPlan {
        id: "plan".into(),
        protects: vec!["table".into()],
        rules: vec![rule],
        ..BackupPlan::default()
    };
    let components = vec![Component::DynamodbTable(table), Component::BackupPlan(backups)];
    let cold =
        |e: &drplan::cost::Estimate| e.lines.iter().any(|l| l.item.ends_with("cold storage"));
    for (months, listed) in [(1, false), (12, true)] {
        let plan = plan_with(components.clone(), months, "aws-list-2026");
        let (full, short) = (estimate(&plan), drplan::cost::estimate_horizon(&plan));
        assert_eq!(full.lines, short.lines, "{months} months");
        assert_eq!(full.ledger, short.ledger, "{months} months");
        assert_eq!(cold(&full), listed, "{months} months");
    }
}

fn sheet() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec!["seed-documented", "aws-list-2026"])
}

fn check_totals(plan: &Plan) -> Result<(), TestCaseError> {
    let e = estimate(plan);
    let lines: Money = e.lines.iter().map(|l| l.monthly).sum();
    prop_assert_eq!(lines, e.monthly_total);
    let components: Money = e.components.iter().map(|c| c.monthly).sum();
    prop_assert_eq!(components, e.monthly_total);
    prop_assert_eq!(e.ledger.last().map(|m| m.total), Some(e.monthly_total));
    prop_assert_eq!(e.ledger.iter().map(|m| m.total).sum::<Money>(), e.horizon_total);
    for l in &e.lines {
        prop_assert!(l.monthly.micros() >= 0 && l.quantity.millionths() >= 0, "{:?}", l);
        prop_assert_eq!(l.monthly, l.unit_price.times(l.quantity));
    }
    for m in &e.ledger {
        prop_assert!(m.total.micros() >= 0);
        prop_assert!(m.storage_gb_by_class.values().all(|v| v.is_finite() && *v >= 0.0));
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn totals_add_up_and_nothing_is_negative(b in s3_bucket(), dbs in databases(), months in 1u32..=60, sheet in sheet()) {
        let mut components = vec![Component::S3Bucket(b)];
        components.extend(dbs);
        check_totals(&plan_with(components, months, sheet))?;
    }

    #[test]
    fn more_stored_data_never_costs_less(b in s3_bucket(), extra in 0.0..1_000.0f64, months in 1u32..=48) {
        let small = plan_with(vec![Component::S3Bucket(b.clone())], months, "aws-list-2026");
        let big = plan_with(vec![Component::S3Bucket(S3Bucket { stored_gb: b.stored_gb + extra, ..b })], months, "aws-list-2026");
        prop_assert!(estimate(&big).monthly_total >= estimate(&small).monthly_total);
    }

    #[test]
    fn bigger_databases_never_cost_less(dbs in databases(), factor in 1.0..4.0f64) {
        let bigger: Vec<Component> = dbs.iter().cloned().map(|c| match c {
            Component::DynamodbTable(t) => Component::DynamodbTable(DynamoDbTable { size_gb: t.size_gb * factor, ..t }),
            Component::RdsInstance(r) => Component::RdsInstance(RdsInstance { storage_gb: r.storage_gb * factor, ..r }),
            other => other,
        }).collect();
        prop_assert!(estimate(&plan_with(bigger, 36, "aws-list-2026")).monthly_total >= estimate(&plan_with(dbs, 36, "aws-list-2026")).monthly_total);
    }

    /// Backup retention (RDS, DynamoDB on-demand, AWS Backup) only ever adds recovery
    /// points. (S3 lifecycle expiration is left out on purpose: with growing data, a
    /// shorter stay can bill an early-deletion minimum on a younger, larger cohort.)
    #[test]
    fn longer_backup_retention_never_costs_less(dbs in databases(), more in 1u32..100) {
        let longer: Vec<Component> = dbs.iter().cloned().map(|c| match c {
            Component::DynamodbTable(mut t) => { if let Some(b) = &mut t.on_demand_backups { b.retention_days += more; } Component::DynamodbTable(t) }
            Component::RdsInstance(mut r) => { r.backup_retention_days = (r.backup_retention_days + more).min(35); Component::RdsInstance(r) }
            Component::BackupPlan(mut p) => { for rule in &mut p.rules { rule.retention_days += more; } Component::BackupPlan(p) }
            other => other,
        }).collect();
        prop_assert!(estimate(&plan_with(longer, 36, "aws-list-2026")).monthly_total >= estimate(&plan_with(dbs, 36, "aws-list-2026")).monthly_total);
    }

    /// Real plans with their values mutated (keeping each value's type, and a name
    /// where a field takes one of a set) always parse; then nothing that reads a plan
    /// panics on them: validation, the estimate and its totals, the recovery
    /// assessment, and every export target of a plan validation accepts.
    #[test]
    fn arbitrary_json_never_panics(text in support::mutate::mutated_plans()) {
        let plan = parse_plan(&text);
        prop_assert!(plan.is_ok(), "{:?}\n{}", plan.err(), text);
        let plan = plan.unwrap_or_default();
        let diagnostics = validate(&plan);
        check_totals(&plan)?;
        let _ = drplan::recovery::assess(&plan);
        if diagnostics.iter().all(|d| d.severity != Severity::Error) {
            for target in drplan::export::Target::ALL {
                let _ = drplan::export::export(&plan, target);
            }
        }
    }

    /// The app sizes an edit of one component from that component alone (the limit
    /// check on every keystroke); the size must be the file's, for edits of real plans'
    /// values (hostile texts, huge numbers, other booleans), for a component replaced
    /// by another (other fields, other lines), and whatever else changed.
    #[test]
    fn an_edited_plans_size_is_its_file_size(texts in support::mutate::versions_of_a_plan(3)) {
        use drplan::session::limits::{file_bytes, file_bytes_after};
        let versions: Vec<Plan> = texts.iter().filter_map(|t| parse_plan(t).ok()).collect();
        for pair in versions.windows(2) {
            let (before, after) = (&pair[0], &pair[1]);
            let before_bytes = file_bytes(before);
            prop_assert_eq!(file_bytes_after(before, before_bytes, after), file_bytes(after));
            // Each component of `after`, alone, put into `before` where it was and one
            // place up: one-component edits.
            let len = before.components.len().min(after.components.len());
            for at in 0..len {
                for from in [at, (at + 1) % len] {
                    let mut one = before.clone();
                    one.components[at] = after.components[from].clone();
                    prop_assert_eq!(file_bytes_after(before, before_bytes, &one), file_bytes(&one), "component {} from {}", at, from);
                }
            }
        }
    }

    /// Mutates one value of a real preset to an arbitrary JSON value: exercises every
    /// field's error path with otherwise well-formed plans.
    #[test]
    fn mutated_presets_never_panic(preset in 0usize..5, pick in any::<prop::sample::Index>(), replacement in json_value()) {
        let mut value: serde_json::Value = serde_json::from_str(drplan::presets::PRESETS[preset].json).unwrap();
        let mut slots = Vec::new();
        collect_paths(&value, String::new(), &mut slots);
        let target = pick.get(&slots).clone();
        if let Some(slot) = value.pointer_mut(&target) { *slot = replacement; }
        if let Ok(plan) = parse_plan(&value.to_string()) {
            let _ = validate(&plan);
            check_totals(&plan)?;
        }
    }
}

fn json_value() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::{json, Value};
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        (-1e12..1e12f64).prop_map(|n| json!(n)),
        prop::sample::select(vec![
            json!(0),
            json!(-1),
            json!(1e308),
            json!(u64::MAX),
            json!(0.5),
            json!(35),
            json!(36),
            json!(29)
        ]),
        ".{0,30}".prop_map(Value::String),
        prop::sample::select(vec![
            "${jndi}",
            "a--b",
            "Deep_Archive",
            "deep_archive",
            "cron(0 2 * * ? *)",
            "x@y.z",
            ""
        ])
        .prop_map(|s| json!(s)),
        Just(json!([])),
        Just(json!({})),
    ]
}

fn collect_paths(value: &serde_json::Value, at: String, out: &mut Vec<String>) {
    out.push(at.clone());
    match value {
        serde_json::Value::Object(map) => {
            map.iter().for_each(|(k, v)| collect_paths(v, format!("{at}/{k}"), out))
        }
        serde_json::Value::Array(items) => {
            items.iter().enumerate().for_each(|(i, v)| collect_paths(v, format!("{at}/{i}"), out))
        }
        _ => {}
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, failure_persistence: None, ..ProptestConfig::default() })]

    /// The fix search prices changed plans with `estimate_horizon` (no outlook): every
    /// figure of the horizon must be the full estimate's.
    #[test]
    fn the_horizon_only_estimate_agrees_with_the_full_one(b in s3_bucket(), dbs in databases(), months in 1u32..=60, sheet in sheet()) {
        let mut components = vec![Component::S3Bucket(b)];
        components.extend(dbs);
        let plan = plan_with(components, months, sheet);
        let (full, short) = (estimate(&plan), drplan::cost::estimate_horizon(&plan));
        prop_assert_eq!(&full.lines, &short.lines);
        prop_assert_eq!(&full.ledger, &short.ledger);
        prop_assert_eq!(full.horizon_total, short.horizon_total);
    }

    /// AWS's always-free allowances only ever take units off a bill.
    #[test]
    fn applying_the_free_tier_never_costs_more(b in s3_bucket(), dbs in databases(), sheet in sheet()) {
        let mut components = vec![Component::S3Bucket(b)];
        components.extend(dbs);
        let mut plan = plan_with(components, 13, sheet);
        let off = estimate(&plan).monthly_total;
        plan.pricing.apply_free_tier = true;
        prop_assert!(estimate(&plan).monthly_total <= off);
    }

    /// A plateau the outlook reports holds, within a cent, from its month to month 120.
    #[test]
    fn a_reported_plateau_holds_to_the_last_month(b in s3_bucket(), dbs in databases(), sheet in sheet()) {
        let mut components = vec![Component::S3Bucket(b)];
        components.extend(dbs);
        let plan = plan_with(components, 120, sheet);
        let e = estimate(&plan);
        if let Some((month, total)) = e.outlook.plateau {
            for m in &e.ledger[month as usize - 1..] {
                prop_assert!((m.total.micros() - total.micros()).abs() < 10_000, "month {}: {} vs {}", m.month, m.total, total);
            }
        }
    }
}
