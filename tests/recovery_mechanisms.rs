//! Table tests of the recovery model, one per mechanism. Each case states the
//! documented figure it encodes and where it comes from; the expected minutes are
//! worked out by hand from those figures and the plan-wide defaults (detection 5 min
//! from seed 004's MTTD, restore throughput 100 GB/h, manual cut-over 60 min).

use drplan::plan::*;
use drplan::recovery::{self, ComponentOutcome, Range, Scenario, Strategy};

/// A plan of `components` with the default settings; `dr` is the DR region.
fn plan(components: Vec<Component>, dr: Option<&str>) -> Plan {
    Plan { components, dr_region: dr.map(String::from), ..Plan::default() }
}

fn outcome(plan: &Plan, scenario: Scenario, id: &str) -> ComponentOutcome {
    let report = recovery::assess(plan);
    report.scenario(scenario).and_then(|s| s.component(id)).cloned().expect("component assessed")
}

fn range(best: f64, worst: f64) -> Range {
    Range::between(best, worst)
}

fn assert_close(actual: Option<Range>, expected: Range, what: &str) {
    let a = actual.unwrap_or_else(|| panic!("{what}: not recoverable"));
    for (x, y, case) in [
        (a.best, expected.best, "best"),
        (a.expected, expected.expected, "expected"),
        (a.worst, expected.worst, "worst"),
    ] {
        assert!((x - y).abs() < 0.011, "{what} {case}: {x} ≠ {y} ({a:?})");
    }
}

fn bucket(id: &str) -> S3Bucket {
    // 100 GB that never changes: sizes at the horizon's end are exactly 100 GB.
    S3Bucket {
        id: id.into(),
        stored_gb: 100.0,
        average_object_size_kb: 4096.0,
        ..S3Bucket::default()
    }
}

fn table(id: &str) -> DynamoDbTable {
    DynamoDbTable { id: id.into(), size_gb: 10.0, ..DynamoDbTable::default() }
}

fn rds(id: &str) -> RdsInstance {
    RdsInstance { id: id.into(), storage_gb: 20.0, ..RdsInstance::default() }
}

fn backup_plan(protects: &str, rule: BackupRule, lock: Option<VaultLockMode>) -> Component {
    Component::BackupPlan(BackupPlan {
        id: "bp".into(),
        rules: vec![rule],
        vault_lock: lock.map(|mode| VaultLock { mode, ..VaultLock::default() }),
        protects: vec![protects.into()],
        notify_topic: None,
    })
}

// --- S3 -------------------------------------------------------------------------------

/// Seed 004: versioning gives an "immediate" RPO and S3 recovery from versions takes
/// 10 min; plus 5 min detection.
#[test]
fn s3_versioning_undoes_deletion_in_place() {
    let p = plan(vec![Component::S3Bucket(bucket("b"))], None);
    let o = outcome(&p, Scenario::Deletion, "b");
    assert_close(o.rpo_minutes, Range::exact(0.0), "RPO");
    assert_close(o.rto_minutes, Range::exact(15.0), "RTO");
}

#[test]
fn s3_without_versioning_or_backup_cannot_undo_deletion() {
    let mut b = bucket("b");
    b.versioning.enabled = false;
    let o = outcome(&plan(vec![Component::S3Bucket(b)], None), Scenario::Deletion, "b");
    assert!(
        o.rpo_minutes.is_none()
            && o.not_recoverable.as_deref().is_some_and(|w| w.contains("versioning is off")),
        "{o:?}"
    );
}

/// S3 user guide: objects are stored across at least three Availability Zones.
#[test]
fn s3_survives_az_loss_untouched() {
    let o = outcome(&plan(vec![Component::S3Bucket(bucket("b"))], None), Scenario::AzLoss, "b");
    assert_close(o.rpo_minutes, Range::ZERO, "RPO");
    assert_close(o.rto_minutes, Range::ZERO, "RTO");
}

/// RTC: 99.99% of objects within 15 min (S3 RTC SLA). Without RTC there is no bound;
/// "hours" is shown as 2 h. Failing over to a Standard-IA replica is detection (5) +
/// manual DNS cut-over (60).
#[test]
fn s3_replication_lag_with_and_without_rtc() {
    for (rtc, worst) in [(true, 15.0), (false, 120.0)] {
        let b = S3Bucket {
            replication: Some(Replication {
                storage_class: StorageClass::StandardIa,
                replication_time_control: rtc,
            }),
            ..bucket("b")
        };
        let o = outcome(
            &plan(vec![Component::S3Bucket(b)], Some("us-west-2")),
            Scenario::RegionLoss,
            "b",
        );
        assert_close(o.rpo_minutes, range(0.0, worst), "RPO");
        assert_close(o.rto_minutes, Range::exact(65.0), "RTO");
    }
}

#[test]
fn replication_without_a_dr_region_or_versioning_does_not_count() {
    let replicated = S3Bucket { replication: Some(Replication::default()), ..bucket("b") };
    let o = outcome(
        &plan(vec![Component::S3Bucket(replicated.clone())], None),
        Scenario::RegionLoss,
        "b",
    );
    assert!(o.not_recoverable.is_some());
    let mut unversioned = replicated;
    unversioned.versioning.enabled = false;
    let o = outcome(
        &plan(vec![Component::S3Bucket(unversioned)], Some("us-west-2")),
        Scenario::RegionLoss,
        "b",
    );
    assert!(o.not_recoverable.as_deref().is_some_and(|w| w.contains("versioning")), "{o:?}");
}

/// S3 user guide: Deep Archive standard retrieval within 12 h, bulk within 48 h, no
/// expedited tier. A Standard bucket whose only cross-region copy is in Deep Archive
/// can never promise less than 12 h: 5 + 720 + 100 GB at 100 GB/h (60) + 60 cut-over.
#[test]
fn a_deep_archive_replica_waits_at_least_twelve_hours() {
    for (tier, wait) in [
        (RetrievalTier::Expedited, 720.0),
        (RetrievalTier::Standard, 720.0),
        (RetrievalTier::Bulk, 2880.0),
    ] {
        let b = S3Bucket {
            replication: Some(Replication {
                storage_class: StorageClass::DeepArchive,
                replication_time_control: false,
            }),
            ..bucket("b")
        };
        let mut p = plan(vec![Component::S3Bucket(b)], Some("us-west-2"));
        p.recovery.archive_retrieval = tier;
        let o = outcome(&p, Scenario::RegionLoss, "b");
        assert_close(o.rto_minutes, Range::exact(5.0 + wait + 60.0 + 60.0), "RTO");
        assert!(o.rto_minutes.unwrap().best >= 720.0);
    }
}

/// S3 user guide: Glacier Flexible Retrieval expedited 1–5 min (objects under 250 MB),
/// standard 3–5 h, bulk 5–12 h.
#[test]
fn glacier_flexible_replica_retrieval_tiers() {
    let cases = [
        (RetrievalTier::Expedited, 4096.0, range(1.0, 5.0)),
        (RetrievalTier::Expedited, 300.0 * 1024.0, range(180.0, 300.0)),
        (RetrievalTier::Standard, 4096.0, range(180.0, 300.0)),
        (RetrievalTier::Bulk, 4096.0, range(300.0, 720.0)),
    ];
    for (tier, object_kb, wait) in cases {
        let b = S3Bucket {
            average_object_size_kb: object_kb,
            replication: Some(Replication {
                storage_class: StorageClass::GlacierFlexibleRetrieval,
                replication_time_control: false,
            }),
            ..bucket("b")
        };
        let mut p = plan(vec![Component::S3Bucket(b)], Some("us-west-2"));
        p.recovery.archive_retrieval = tier;
        let o = outcome(&p, Scenario::RegionLoss, "b");
        assert_close(
            o.rto_minutes,
            wait.plus(Range::exact(5.0 + 60.0 + 60.0)),
            &format!("{tier:?} {object_kb} KB"),
        );
    }
}

/// S3 user guide (restoring an archived object): objects in S3 Glacier Deep Archive
/// "are not available for real-time access"; a standard restore completes "within 12
/// hours". Serving an archive bucket from its Deep Archive replica waits for that
/// retrieval too, whatever class the primary kept the data in: 5 min detection +
/// 12 h retrieval + 100 GB at 100 GB/h + 60 min manual cut-over.
#[test]
fn an_archive_bucket_waits_for_retrieval_from_its_deep_archive_replica() {
    let b = S3Bucket {
        initial_storage_class: StorageClass::DeepArchive,
        replication: Some(Replication {
            storage_class: StorageClass::DeepArchive,
            replication_time_control: false,
        }),
        ..bucket("b")
    };
    let o =
        outcome(&plan(vec![Component::S3Bucket(b)], Some("us-west-2")), Scenario::RegionLoss, "b");
    assert_close(o.rto_minutes, Range::exact(5.0 + 720.0 + 60.0 + 60.0), "RTO");
}

// --- DynamoDB ---------------------------------------------------------------------

/// Seed 004: PITR RPO 5 min, recovery 10–20 min; 10 GB at 100 GB/h adds 6 min.
#[test]
fn dynamodb_pitr() {
    let o =
        outcome(&plan(vec![Component::DynamodbTable(table("t"))], None), Scenario::Deletion, "t");
    assert_close(o.rpo_minutes, Range::exact(5.0), "RPO");
    assert_close(o.rto_minutes, range(21.0, 31.0), "RTO");
}

/// Seed 004: daily backups, RPO 24 h, recovery 5–10 min. With PITR off they are the
/// only path.
#[test]
fn dynamodb_on_demand_backups() {
    let t = DynamoDbTable {
        pitr: Pitr { enabled: false, recovery_period_days: 35 },
        on_demand_backups: Some(BackupSchedule::default()),
        ..table("t")
    };
    let o = outcome(&plan(vec![Component::DynamodbTable(t)], None), Scenario::Deletion, "t");
    assert_close(o.rpo_minutes, range(0.0, 1440.0), "RPO");
    assert_close(o.rto_minutes, range(16.0, 21.0), "RTO");
}

/// Seed 004: global tables RPO "seconds" (shown as up to 1 min), failover 2–5 min;
/// Route 53 failover: 3 checks × 30 s = 1.5 min up to seed 004's 15-min target.
#[test]
fn dynamodb_global_table_fails_over() {
    let t = DynamoDbTable { global_table: Some(GlobalTable::default()), ..table("t") };
    let with_dns = plan(
        vec![
            Component::DynamodbTable(t.clone()),
            Component::DnsFailover(DnsFailover { id: "dns".into(), ..DnsFailover::default() }),
        ],
        Some("us-west-2"),
    );
    let o = outcome(&with_dns, Scenario::RegionLoss, "t");
    assert_close(o.rpo_minutes, range(0.0, 1.0), "RPO");
    assert_close(o.rto_minutes, range(5.0 + 2.0 + 1.5, 5.0 + 5.0 + 15.0), "RTO");
    let manual = plan(vec![Component::DynamodbTable(t)], Some("us-west-2"));
    assert_close(
        outcome(&manual, Scenario::RegionLoss, "t").rto_minutes,
        range(67.0, 70.0),
        "RTO without Route 53",
    );
}

#[test]
fn a_global_table_does_not_undo_deletion() {
    let t = DynamoDbTable {
        pitr: Pitr { enabled: false, recovery_period_days: 35 },
        global_table: Some(GlobalTable::default()),
        ..table("t")
    };
    let o = outcome(
        &plan(vec![Component::DynamodbTable(t)], Some("us-west-2")),
        Scenario::Deletion,
        "t",
    );
    assert!(
        o.not_recoverable.as_deref().is_some_and(|w| w.contains("global-table replica")),
        "{o:?}"
    );
}

/// DynamoDB developer guide: tables are replicated across three AZs.
#[test]
fn dynamodb_survives_az_loss_untouched() {
    let o = outcome(&plan(vec![Component::DynamodbTable(table("t"))], None), Scenario::AzLoss, "t");
    assert_close(o.rto_minutes, Range::ZERO, "RTO");
}

// --- RDS ------------------------------------------------------------------------------

/// RDS user guide: logs every 5 min; seed 002: PITR 15–30 min; 20 GB at 100 GB/h is
/// 12 min.
#[test]
fn rds_point_in_time_restore() {
    let o = outcome(&plan(vec![Component::RdsInstance(rds("db"))], None), Scenario::Deletion, "db");
    assert_close(o.rpo_minutes, Range::exact(5.0), "RPO");
    assert_close(o.rto_minutes, range(32.0, 47.0), "RTO");
}

/// RDS user guide: Multi-AZ failover typically completes in 1–2 minutes, with no
/// data loss (synchronous standby). Single-AZ restores into another AZ instead.
#[test]
fn rds_multi_az_failover() {
    let multi = RdsInstance { multi_az: true, ..rds("db") };
    let o = outcome(&plan(vec![Component::RdsInstance(multi)], None), Scenario::AzLoss, "db");
    assert_close(o.rpo_minutes, Range::ZERO, "RPO");
    assert_close(o.rto_minutes, range(1.0, 2.0), "RTO");
    let single =
        outcome(&plan(vec![Component::RdsInstance(rds("db"))], None), Scenario::AzLoss, "db");
    assert_close(single.rto_minutes, range(32.0, 47.0), "single-AZ RTO");
}

/// RDS user guide: cross-region automated backups copy logs as soon as they are
/// ready: 5-min RPO; restore as seed 002 plus manual cut-over.
#[test]
fn rds_cross_region_backups() {
    let db = RdsInstance { cross_region_backups: Some(CrossRegionBackups::default()), ..rds("db") };
    let o = outcome(
        &plan(vec![Component::RdsInstance(db.clone())], Some("us-west-2")),
        Scenario::RegionLoss,
        "db",
    );
    assert_close(o.rpo_minutes, Range::exact(5.0), "RPO");
    assert_close(o.rto_minutes, range(92.0, 107.0), "RTO");
    assert!(outcome(&plan(vec![Component::RdsInstance(db)], None), Scenario::RegionLoss, "db")
        .not_recoverable
        .is_some());
}

/// Manual snapshots every 2 days copied to the DR region: up to 2 days of data lost.
#[test]
fn rds_snapshot_copies() {
    let db = RdsInstance {
        manual_snapshots: Some(ManualSnapshots {
            every_days: 2,
            retention_days: 30,
            copy_to_dr_region: true,
        }),
        ..rds("db")
    };
    let o = outcome(
        &plan(vec![Component::RdsInstance(db)], Some("us-west-2")),
        Scenario::RegionLoss,
        "db",
    );
    assert_close(o.rpo_minutes, range(0.0, 2880.0), "RPO");
}

// --- Aurora -----------------------------------------------------------------------

/// Seed 001: replica promotion takes "minutes" (1–5 min); the volume keeps six copies
/// across three AZs. With one instance Aurora creates a new writer (15–30 min).
#[test]
fn aurora_az_failover() {
    let two = AuroraCluster { id: "a".into(), instance_count: 2, ..AuroraCluster::default() };
    assert_close(
        outcome(&plan(vec![Component::AuroraCluster(two)], None), Scenario::AzLoss, "a")
            .rto_minutes,
        range(1.0, 5.0),
        "two instances",
    );
    let one = AuroraCluster { id: "a".into(), instance_count: 1, ..AuroraCluster::default() };
    let o = outcome(&plan(vec![Component::AuroraCluster(one)], None), Scenario::AzLoss, "a");
    assert_close(o.rpo_minutes, Range::ZERO, "RPO");
    assert_close(o.rto_minutes, range(15.0, 30.0), "one instance");
}

/// Aurora user guide: backtrack rewinds in place "in minutes" (1–5 min), MySQL only.
#[test]
fn aurora_backtrack() {
    let mysql = AuroraCluster {
        id: "a".into(),
        engine: AuroraEngine::AuroraMysql,
        backtrack_window_hours: Some(24),
        ..AuroraCluster::default()
    };
    let o = outcome(&plan(vec![Component::AuroraCluster(mysql)], None), Scenario::Deletion, "a");
    assert_close(o.rpo_minutes, Range::ZERO, "RPO");
    assert_close(o.rto_minutes, range(6.0, 10.0), "RTO");
    let postgres = AuroraCluster {
        id: "a".into(),
        backtrack_window_hours: Some(24),
        ..AuroraCluster::default()
    };
    let o = outcome(&plan(vec![Component::AuroraCluster(postgres)], None), Scenario::Deletion, "a");
    assert!(o.explanation.iter().any(|l| l.contains("only for Aurora MySQL")));
    assert_close(o.rpo_minutes, Range::exact(5.0), "PITR only");
}

#[test]
fn aurora_has_no_native_cross_region_copy() {
    let a = AuroraCluster { id: "a".into(), ..AuroraCluster::default() };
    assert!(outcome(
        &plan(vec![Component::AuroraCluster(a)], Some("us-west-2")),
        Scenario::RegionLoss,
        "a"
    )
    .not_recoverable
    .is_some());
}

// --- AWS Backup -------------------------------------------------------------------

/// The rule's frequency is the RPO; a DynamoDB table restores through DynamoDB (seed
/// 004: 5–10 min; other kinds take seed 001's 2–4 h), plus 10 GB at 100 GB/h.
#[test]
fn aws_backup_frequency_and_restore_time() {
    let t = DynamoDbTable { pitr: Pitr { enabled: false, recovery_period_days: 35 }, ..table("t") };
    let rule = BackupRule { frequency_minutes: 240, ..BackupRule::default() };
    let p = plan(vec![Component::DynamodbTable(t), backup_plan("t", rule, None)], None);
    let o = outcome(&p, Scenario::Deletion, "t");
    assert_close(o.rpo_minutes, range(0.0, 240.0), "RPO");
    // A DynamoDB table comes back from an AWS Backup recovery point through DynamoDB's
    // own restore: 5 detection + 5–10 (seed 004: backup recovery) + 6 (10 GB).
    assert_close(o.rto_minutes, range(16.0, 21.0), "RTO");
}

/// AWS Backup continuous backup (RDS, Aurora, S3) trails by the 5-min log interval;
/// DynamoDB has none, so the rule stays periodic.
#[test]
fn aws_backup_continuous() {
    let rule = BackupRule { continuous: true, retention_days: 35, ..BackupRule::default() };
    let s3 = S3Bucket {
        versioning: Versioning { enabled: false, ..Versioning::default() },
        ..bucket("b")
    };
    let o = outcome(
        &plan(vec![Component::S3Bucket(s3), backup_plan("b", rule.clone(), None)], None),
        Scenario::Deletion,
        "b",
    );
    assert_close(o.rpo_minutes, Range::exact(5.0), "S3 RPO");
    let t = DynamoDbTable { pitr: Pitr { enabled: false, recovery_period_days: 35 }, ..table("t") };
    let o = outcome(
        &plan(vec![Component::DynamodbTable(t), backup_plan("t", rule, None)], None),
        Scenario::Deletion,
        "t",
    );
    assert_close(o.rpo_minutes, range(0.0, 1440.0), "DynamoDB RPO");
    assert!(o.explanation.iter().any(|l| l.contains("no continuous backup for dynamodb_table")));
}

/// Cross-region copies are snapshot recovery points on the rule's schedule: a
/// continuous rule's copy still loses up to one interval.
#[test]
fn aws_backup_copy_to_dr_region() {
    let rule = BackupRule {
        frequency_minutes: 720,
        continuous: true,
        retention_days: 35,
        copy_to_dr: Some(CrossRegionCopy::default()),
        ..BackupRule::default()
    };
    let a = AuroraCluster { id: "a".into(), storage_gb: 50.0, ..AuroraCluster::default() };
    let p =
        plan(vec![Component::AuroraCluster(a), backup_plan("a", rule, None)], Some("us-west-2"));
    let o = outcome(&p, Scenario::RegionLoss, "a");
    assert_close(o.rpo_minutes, range(0.0, 720.0), "RPO");
    // 5 + 120–240 + 50 GB at 100 GB/h (30) + 60 manual cut-over.
    assert_close(o.rto_minutes, range(215.0, 335.0), "RTO");
}

/// Only a compliance-mode vault lock survives compromised administrator credentials,
/// and a clean account needs the stack redeployed from git (seed 004: 30 min).
#[test]
fn account_compromise_needs_a_compliance_lock_and_a_config_backup() {
    let rule = BackupRule::default();
    let config =
        Component::ConfigBackup(ConfigBackup { id: "cfg".into(), ..ConfigBackup::default() });
    let locked = |mode| {
        plan(
            vec![
                Component::DynamodbTable(table("t")),
                backup_plan("t", rule.clone(), mode),
                config.clone(),
            ],
            None,
        )
    };
    let o = outcome(&locked(Some(VaultLockMode::Compliance)), Scenario::AccountCompromise, "t");
    assert_close(o.rpo_minutes, range(0.0, 1440.0), "RPO");
    // 5 + 5–10 (seed 004: DynamoDB backup restore) + 6 (10 GB) + 30 redeploy + 60
    // manual cut-over.
    assert_close(o.rto_minutes, range(106.0, 111.0), "RTO");
    let governance =
        outcome(&locked(Some(VaultLockMode::Governance)), Scenario::AccountCompromise, "t");
    assert!(
        governance.not_recoverable.as_deref().is_some_and(|w| w.contains("governance")),
        "{governance:?}"
    );
    assert!(outcome(&locked(None), Scenario::AccountCompromise, "t").not_recoverable.is_some());
    let no_config = plan(
        vec![
            Component::DynamodbTable(table("t")),
            backup_plan("t", rule, Some(VaultLockMode::Compliance)),
        ],
        None,
    );
    let o = outcome(&no_config, Scenario::AccountCompromise, "t");
    assert!(o.not_recoverable.as_deref().is_some_and(|w| w.contains("config_backup")), "{o:?}");
}

// --- Plan-wide parts and targets ------------------------------------------------------

/// Route 53 with 10-second checks and a threshold of 3 detects in 0.5 min.
#[test]
fn route53_health_checks_set_the_best_case() {
    let dns = DnsFailover {
        id: "dns".into(),
        request_interval_seconds: 10,
        failure_threshold: 3,
        ..DnsFailover::default()
    };
    let b = S3Bucket {
        replication: Some(Replication {
            storage_class: StorageClass::Standard,
            replication_time_control: true,
        }),
        ..bucket("b")
    };
    let p = plan(vec![Component::S3Bucket(b), Component::DnsFailover(dns)], Some("us-west-2"));
    assert_close(outcome(&p, Scenario::RegionLoss, "b").rto_minutes, range(5.5, 20.0), "RTO");
}

#[test]
fn settings_change_detection_and_throughput() {
    let mut p = plan(vec![Component::RdsInstance(rds("db"))], None);
    p.recovery.detection_minutes = 30;
    p.recovery.restore_throughput_gb_per_hour = 20.0;
    // 30 + 15–30 + 20 GB at 20 GB/h (60).
    assert_close(outcome(&p, Scenario::Deletion, "db").rto_minutes, range(105.0, 120.0), "RTO");
}

#[test]
fn data_class_targets_and_low_priority_data() {
    let logs = S3Bucket { data_class: Some(DataClass::LowPriority), ..bucket("logs") };
    let db = RdsInstance { data_class: Some(DataClass::Critical), ..rds("db") };
    let mut p = plan(vec![Component::RdsInstance(db), Component::S3Bucket(logs)], None);
    p.targets
        .by_data_class
        .insert(DataClass::Critical, Objective { rpo_minutes: 5, rto_minutes: 30 });
    let report = recovery::assess(&p);
    let deletion = report.scenario(Scenario::Deletion).unwrap();
    assert_eq!(
        deletion.component("db").unwrap().target,
        Some(Objective { rpo_minutes: 5, rto_minutes: 30 })
    );
    assert!(deletion.meets_rpo && !deletion.meets_rto, "47 min misses the critical class's 30");
    assert_eq!(deletion.rto_margin_minutes, Some(-17.0));
    // Low-priority data without a class target is held to the plan's objectives, and
    // region loss, which nothing here survives, is a miss rather than a silent pass...
    let region = report.scenario(Scenario::RegionLoss).unwrap();
    assert_eq!(
        region.component("logs").unwrap().target,
        Some(Objective { rpo_minutes: 60, rto_minutes: 240 })
    );
    assert!(!region.meets_rpo && !region.meets_rto);
    // ...and a looser class target does not make unrecoverable data pass either.
    p.targets
        .by_data_class
        .insert(DataClass::LowPriority, Objective { rpo_minutes: 1440, rto_minutes: 2880 });
    let region = recovery::assess(&p);
    let region = region.scenario(Scenario::RegionLoss).unwrap();
    assert_eq!(
        region.component("logs").unwrap().target,
        Some(Objective { rpo_minutes: 1440, rto_minutes: 2880 })
    );
    assert!(region.not_recoverable.as_deref().is_some_and(|w| w.contains("logs")));
}

#[test]
fn the_limiting_component_is_the_furthest_from_its_target() {
    let p = plan(vec![Component::S3Bucket(bucket("b")), Component::RdsInstance(rds("db"))], None);
    let report = recovery::assess(&p);
    let deletion = report.scenario(Scenario::Deletion).unwrap();
    assert_eq!(deletion.limiting_component.as_deref(), Some("db"));
    assert_close(deletion.rto_minutes, range(32.0, 47.0), "plan RTO is the database's");
    assert_eq!(deletion.rto_margin_minutes, Some(240.0 - 47.0));
}

#[test]
fn strategies_follow_the_weakest_component() {
    let replicated = S3Bucket { replication: Some(Replication::default()), ..bucket("b") };
    let global = DynamoDbTable { global_table: Some(GlobalTable::default()), ..table("t") };
    let dns = Component::DnsFailover(DnsFailover { id: "dns".into(), ..DnsFailover::default() });
    let xregion =
        RdsInstance { cross_region_backups: Some(CrossRegionBackups::default()), ..rds("db") };
    let cases = [
        (plan(vec![Component::S3Bucket(bucket("b"))], Some("us-west-2")), Strategy::None),
        (
            plan(
                vec![
                    Component::RdsInstance(xregion.clone()),
                    Component::S3Bucket(replicated.clone()),
                ],
                Some("us-west-2"),
            ),
            Strategy::BackupAndRestore,
        ),
        (
            plan(vec![Component::S3Bucket(replicated.clone())], Some("us-west-2")),
            Strategy::PilotLight,
        ),
        (
            plan(
                vec![
                    Component::S3Bucket(replicated),
                    Component::DynamodbTable(global.clone()),
                    dns.clone(),
                ],
                Some("us-west-2"),
            ),
            Strategy::WarmStandby,
        ),
        (plan(vec![Component::DynamodbTable(global), dns], Some("us-west-2")), Strategy::MultiSite),
        (plan(vec![], Some("us-west-2")), Strategy::None),
    ];
    for (p, expected) in cases {
        let got = recovery::assess(&p).strategy;
        assert_eq!(got.strategy, expected, "{}", got.why);
        assert!(!got.why.is_empty());
    }
}

#[test]
fn a_plan_without_data_has_nothing_to_recover() {
    let report = recovery::assess(&plan(
        vec![Component::SnsTopic(SnsTopic { id: "t".into(), ..SnsTopic::default() })],
        None,
    ));
    for s in &report.scenarios {
        assert!(
            s.meets_rpo && s.meets_rto && s.rpo_minutes.is_none() && s.not_recoverable.is_none()
        );
    }
}
