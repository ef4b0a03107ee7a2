//! Property tests of the recovery model: adding protection never makes RPO or RTO
//! worse, less data never makes recovery slower, every fix really meets what it
//! claims (at the cost it states), a Standard bucket whose only cross-region copy is
//! in Deep Archive never promises less than 12 hours, and no plan makes it panic.

use drplan::cost::estimate;
use drplan::plan::*;
use drplan::recovery::{self, apply_fix, Range, RecoveryReport};
use proptest::prelude::*;

fn class() -> impl Strategy<Value = StorageClass> {
    prop::sample::select(StorageClass::ALL.to_vec())
}

fn data_class() -> impl Strategy<Value = Option<DataClass>> {
    prop::option::of(prop::sample::select(DataClass::ALL.to_vec()))
}

fn days() -> impl Strategy<Value = Option<u32>> {
    prop_oneof![Just(None), (30u32..800).prop_map(Some)]
}

prop_compose! {
    fn bucket()(stored in 0.0..2_000.0f64, growth in 0.0..100.0f64, change in 0.0..40.0f64, object_kb in 1.0..400_000.0f64,
                start in class(), versioning in any::<bool>(), ia in days(), glacier in days(), deep in days(),
                replication in prop::option::of((class(), any::<bool>())), dc in data_class()) -> S3Bucket {
        S3Bucket {
            id: "bucket".into(), data_class: dc, stored_gb: stored, monthly_growth_gb: growth, average_object_size_kb: object_kb,
            monthly_change_percent: change, initial_storage_class: start,
            versioning: Versioning { enabled: versioning, ..Versioning::default() },
            lifecycle: Lifecycle { standard_ia_days: ia, glacier_days: glacier, deep_archive_days: deep, ..Lifecycle::default() },
            replication: replication.map(|(storage_class, rtc)| Replication { storage_class, replication_time_control: rtc }),
            ..S3Bucket::default()
        }
    }
}

prop_compose! {
    fn databases()(size in 0.0..500.0f64, pitr in any::<bool>(), backups in prop::option::of(1u32..200), global in any::<bool>(),
                   storage in 20.0..2_000.0f64, multi_az in any::<bool>(), xregion in any::<bool>(),
                   snaps in prop::option::of((1u32..10, any::<bool>())), instances in 1u32..4, mysql in any::<bool>(),
                   backtrack in prop::option::of(1u32..72), dcs in (data_class(), data_class(), data_class())) -> Vec<Component> {
        vec![
            Component::DynamodbTable(DynamoDbTable { id: "table".into(), data_class: dcs.0, size_gb: size, pitr: Pitr { enabled: pitr, recovery_period_days: 35 },
                on_demand_backups: backups.map(|every_hours| BackupSchedule { every_hours, retention_days: 35 }),
                global_table: global.then(GlobalTable::default), ..DynamoDbTable::default() }),
            Component::RdsInstance(RdsInstance { id: "db".into(), data_class: dcs.1, storage_gb: storage, multi_az,
                cross_region_backups: xregion.then(CrossRegionBackups::default),
                manual_snapshots: snaps.map(|(every_days, copy)| ManualSnapshots { every_days, retention_days: 30, copy_to_dr_region: copy }),
                ..RdsInstance::default() }),
            Component::AuroraCluster(AuroraCluster { id: "aurora".into(), data_class: dcs.2, instance_count: instances, storage_gb: storage,
                engine: if mysql { AuroraEngine::AuroraMysql } else { AuroraEngine::AuroraPostgresql },
                backtrack_window_hours: backtrack.filter(|_| mysql), ..AuroraCluster::default() }),
        ]
    }
}

prop_compose! {
    fn backup()(freq in prop::sample::select(vec![60u32, 240, 720, 1440, 10_080]), continuous in any::<bool>(), copy in any::<bool>(),
                lock in prop::option::of(any::<bool>()), protects in prop::sample::subsequence(vec!["bucket", "table", "db", "aurora"], 1..=4)) -> Component {
        Component::BackupPlan(BackupPlan {
            id: "bp".into(),
            rules: vec![BackupRule { frequency_minutes: freq, continuous, retention_days: 30, copy_to_dr: copy.then(CrossRegionCopy::default), ..BackupRule::default() }],
            vault_lock: lock.map(|compliance| VaultLock { mode: if compliance { VaultLockMode::Compliance } else { VaultLockMode::Governance }, ..VaultLock::default() }),
            protects: protects.into_iter().map(String::from).collect(),
            notify_topic: None,
        })
    }
}

prop_compose! {
    fn any_plan()(b in bucket(), dbs in databases(), bp in prop::option::of(backup()), dns in any::<bool>(), config in any::<bool>(),
                  dr in prop::option::of(prop::sample::select(vec!["us-west-2", "eu-west-1"])),
                  rpo in prop::sample::select(vec![5u32, 60, 240, 1440]), rto in prop::sample::select(vec![30u32, 240, 480, 2880]),
                  detection in 0u32..60, throughput in 1.0..500.0f64,
                  tier in prop::sample::select(vec![RetrievalTier::Expedited, RetrievalTier::Standard, RetrievalTier::Bulk]),
                  manual in 0u32..180, months in 1u32..=48) -> Plan {
        let mut components = vec![Component::S3Bucket(b)];
        components.extend(dbs);
        components.extend(bp);
        if dns { components.push(Component::DnsFailover(DnsFailover { id: "dns".into(), ..DnsFailover::default() })); }
        if config { components.push(Component::ConfigBackup(ConfigBackup { id: "config".into(), ..ConfigBackup::default() })); }
        Plan {
            components,
            dr_region: dr.map(String::from),
            targets: Targets { rpo_minutes: rpo, rto_minutes: rto, ..Targets::default() },
            recovery: RecoverySettings { detection_minutes: detection, restore_throughput_gb_per_hour: throughput, archive_retrieval: tier, manual_cutover_minutes: manual },
            horizon_months: months,
            ..Plan::default()
        }
    }
}

/// One way of adding protection to a plan (never removing or weakening any).
fn protect(plan: &mut Plan, which: usize) {
    let dr = plan.dr_region.clone();
    for c in plan.components.iter_mut() {
        match (which, c) {
            (0, Component::S3Bucket(b)) => b.versioning.enabled = true,
            (1, Component::S3Bucket(b)) => {
                b.versioning.enabled = true;
                b.replication.get_or_insert_with(Replication::default);
            }
            (2, Component::S3Bucket(b)) => {
                if let Some(r) = &mut b.replication {
                    r.replication_time_control = true;
                }
            }
            (3, Component::DynamodbTable(t)) => t.pitr.enabled = true,
            (4, Component::DynamodbTable(t)) => {
                t.on_demand_backups.get_or_insert_with(BackupSchedule::default);
            }
            (5, Component::DynamodbTable(t)) => {
                t.global_table.get_or_insert_with(GlobalTable::default);
            }
            (6, Component::RdsInstance(r)) => r.multi_az = true,
            (7, Component::RdsInstance(r)) => {
                r.cross_region_backups.get_or_insert_with(CrossRegionBackups::default);
            }
            (8, Component::RdsInstance(r)) => {
                r.manual_snapshots.get_or_insert_with(ManualSnapshots::default).copy_to_dr_region =
                    true
            }
            (9, Component::AuroraCluster(a)) => a.instance_count += 1,
            (10, Component::BackupPlan(p)) => {
                p.rules.iter_mut().for_each(|r| r.copy_to_dr = Some(CrossRegionCopy::default()))
            }
            (11, Component::BackupPlan(p)) => {
                p.vault_lock =
                    Some(VaultLock { mode: VaultLockMode::Compliance, ..VaultLock::default() })
            }
            _ => {}
        }
    }
    let add = |plan: &mut Plan, c: Component| {
        if plan.component(c.id()).is_none() {
            plan.components.push(c);
        }
    };
    match which {
        12 => add(
            plan,
            Component::DnsFailover(DnsFailover { id: "dns".into(), ..DnsFailover::default() }),
        ),
        13 => add(
            plan,
            Component::ConfigBackup(ConfigBackup {
                id: "config".into(),
                ..ConfigBackup::default()
            }),
        ),
        14 if dr.is_none() => plan.dr_region = Some("us-west-2".into()),
        15 => add(
            plan,
            Component::BackupPlan(BackupPlan {
                id: "extra".into(),
                rules: vec![BackupRule {
                    frequency_minutes: 60,
                    copy_to_dr: Some(CrossRegionCopy::default()),
                    ..BackupRule::default()
                }],
                vault_lock: Some(VaultLock {
                    mode: VaultLockMode::Compliance,
                    ..VaultLock::default()
                }),
                protects: vec!["bucket".into(), "table".into(), "db".into(), "aurora".into()],
                notify_topic: None,
            }),
        ),
        _ => {}
    }
}

/// `after ≤ before` case by case; `None` (not recoverable) is worse than anything.
fn no_worse(before: Option<Range>, after: Option<Range>) -> bool {
    match (before, after) {
        (None, _) => true,
        (Some(_), None) => false,
        (Some(b), Some(a)) => {
            a.best <= b.best + 1e-6 && a.expected <= b.expected + 1e-6 && a.worst <= b.worst + 1e-6
        }
    }
}

fn check_no_worse(
    before: &RecoveryReport,
    after: &RecoveryReport,
    rto_only: bool,
) -> Result<(), TestCaseError> {
    for (b, a) in before.scenarios.iter().zip(&after.scenarios) {
        for cb in &b.components {
            let ca = a
                .component(&cb.component)
                .ok_or_else(|| TestCaseError::fail(format!("{} vanished", cb.component)))?;
            if !rto_only {
                prop_assert!(
                    no_worse(cb.rpo_minutes, ca.rpo_minutes),
                    "{:?} {} RPO {:?} → {:?}",
                    b.scenario,
                    cb.component,
                    cb.rpo_minutes,
                    ca.rpo_minutes
                );
            }
            prop_assert!(
                no_worse(cb.rto_minutes, ca.rto_minutes),
                "{:?} {} RTO {:?} → {:?}",
                b.scenario,
                cb.component,
                cb.rto_minutes,
                ca.rto_minutes
            );
        }
        if !rto_only {
            prop_assert!(
                !b.meets_rpo || a.meets_rpo,
                "{:?}: a met RPO target was lost",
                b.scenario
            );
        }
        prop_assert!(!b.meets_rto || a.meets_rto, "{:?}: a met RTO target was lost", b.scenario);
    }
    Ok(())
}

fn errors(plan: &Plan) -> usize {
    validate(plan).iter().filter(|d| d.severity == Severity::Error).count()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn adding_protection_never_makes_rpo_or_rto_worse(plan in any_plan(), which in 0usize..16) {
        let before = recovery::assess(&plan);
        let mut stronger = plan.clone();
        protect(&mut stronger, which);
        check_no_worse(&before, &recovery::assess(&stronger), false)?;
    }

    #[test]
    fn less_data_never_makes_rto_longer(plan in any_plan(), factor in 0.0..1.0f64) {
        let mut smaller = plan.clone();
        for c in smaller.components.iter_mut() {
            match c {
                Component::S3Bucket(b) => { b.stored_gb *= factor; b.monthly_growth_gb *= factor; }
                Component::DynamodbTable(t) => t.size_gb *= factor,
                Component::RdsInstance(r) => r.storage_gb *= factor,
                Component::AuroraCluster(a) => a.storage_gb *= factor,
                _ => {}
            }
        }
        check_no_worse(&recovery::assess(&plan), &recovery::assess(&smaller), true)?;
    }

    /// S3 user guide: Deep Archive has no expedited tier and standard retrieval takes
    /// up to 12 hours, so a bucket serving reads from Standard whose only copy outside
    /// the region is in Deep Archive never recovers from region loss in under 12 h.
    #[test]
    fn an_only_copy_in_deep_archive_never_promises_under_twelve_hours(b in bucket(), plan in any_plan()) {
        let b = S3Bucket {
            stored_gb: b.stored_gb + 1.0,
            initial_storage_class: StorageClass::Standard,
            versioning: Versioning { enabled: true, ..b.versioning },
            lifecycle: Lifecycle { glacier_days: None, deep_archive_days: None, ..b.lifecycle },
            replication: Some(Replication { storage_class: StorageClass::DeepArchive, replication_time_control: b.replication.is_some_and(|r| r.replication_time_control) }),
            ..b
        };
        let p = Plan { components: vec![Component::S3Bucket(b)], dr_region: Some("us-west-2".into()), ..plan };
        let report = recovery::assess(&p);
        let region = report.scenario(recovery::Scenario::RegionLoss).unwrap().component("bucket").unwrap();
        prop_assert!(region.rto_minutes.is_some_and(|r| r.best >= 720.0), "{:?}", region.rto_minutes);
    }
}

proptest! {
    // Each case runs the fix search and a full estimate per fix: fewer cases.
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    #[test]
    fn every_fix_really_meets_what_it_claims(plan in any_plan()) {
        let baseline = estimate(&plan);
        let report = recovery::report(&plan, &baseline);
        for fix in &report.fixes {
            let changed = apply_fix(&plan, fix);
            let after = recovery::assess(&changed);
            prop_assert!(!fix.fixes_targets.is_empty());
            for t in &fix.fixes_targets {
                prop_assert!(after.scenario(t.scenario).is_some_and(|s| s.meets(t.measure)), "\"{}\" claims {}", fix.change, t.id());
            }
            for (b, a) in report.scenarios.iter().zip(&after.scenarios) {
                prop_assert!((!b.meets_rpo || a.meets_rpo) && (!b.meets_rto || a.meets_rto), "\"{}\" breaks {:?}", fix.change, b.scenario);
            }
            prop_assert!(errors(&changed) <= errors(&plan), "\"{}\" adds validation errors", fix.change);
            let delta = estimate(&changed).monthly_total.saturating_sub(baseline.monthly_total);
            prop_assert_eq!(delta, fix.monthly_cost_delta, "\"{}\"", fix.change);
        }
    }

    /// Mutates one value of a real preset to an arbitrary JSON value: the recovery
    /// model and its fix search must never panic on what loads.
    #[test]
    fn mutated_presets_never_panic(preset in 0usize..5, pick in any::<prop::sample::Index>(), replacement in json_value()) {
        let mut value: serde_json::Value = serde_json::from_str(drplan::presets::PRESETS[preset].json).unwrap();
        let mut slots = Vec::new();
        collect_paths(&value, String::new(), &mut slots);
        let target = pick.get(&slots).clone();
        if let Some(slot) = value.pointer_mut(&target) { *slot = replacement; }
        if let Ok(plan) = parse_plan(&value.to_string()) {
            let report = recovery::report(&plan, &estimate(&plan));
            prop_assert_eq!(report.scenarios.len(), 4);
            let _ = drplan::report::recovery_table(&report);
        }
    }
}

#[test]
fn non_finite_values_never_panic() {
    let b = S3Bucket {
        id: "b".into(),
        stored_gb: f64::NAN,
        monthly_growth_gb: f64::INFINITY,
        average_object_size_kb: -1.0,
        replication: Some(Replication {
            storage_class: StorageClass::DeepArchive,
            replication_time_control: false,
        }),
        ..S3Bucket::default()
    };
    let t = DynamoDbTable { id: "t".into(), size_gb: f64::NAN, ..DynamoDbTable::default() };
    let mut plan = Plan {
        components: vec![Component::S3Bucket(b), Component::DynamodbTable(t)],
        ..Plan::default()
    };
    plan.recovery.restore_throughput_gb_per_hour = f64::NAN;
    plan.horizon_months = 0;
    let report = recovery::report(&plan, &estimate(&plan));
    for s in &report.scenarios {
        for r in [s.rpo_minutes, s.rto_minutes].into_iter().flatten() {
            assert!(
                r.best.is_finite()
                    && r.worst.is_finite()
                    && r.best <= r.expected
                    && r.expected <= r.worst,
                "{r:?}"
            );
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
            json!(0.5),
            json!(35),
            json!(60),
            json!(10080)
        ]),
        prop::sample::select(vec![
            "deep_archive",
            "glacier_flexible_retrieval",
            "compliance",
            "governance",
            "us-west-2",
            "us-east-1",
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
