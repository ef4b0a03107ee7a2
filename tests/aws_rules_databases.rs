//! AWS's billing rules for database backups, restores and requests, each case citing
//! the documentation or pricing sentence it follows. Prices are the aws-list-2026
//! sheet's (us-east-1).

use drplan::cost::{estimate, Estimate};
use drplan::plan::{
    AuroraCluster, AuroraEngine, BackupPlan, BackupRule, Component, CrossRegionCopy, DynamoDbTable,
    GlobalTable, Plan, PricingChoice, RdsInstance,
};
use drplan::recovery::{self, Scenario};

fn plan_of(components: Vec<Component>) -> Plan {
    Plan {
        pricing: PricingChoice { sheet: "aws-list-2026".into(), ..Default::default() },
        dr_region: Some("us-west-2".into()),
        components,
        ..Plan::default()
    }
}

/// Billed quantity of the lines whose item contains `item` and whose price is `price_id`.
fn quantity(e: &Estimate, price_id: &str, item: &str) -> f64 {
    e.lines
        .iter()
        .filter(|l| &*l.price_id == price_id && l.item.contains(item))
        .map(|l| l.quantity.as_f64())
        .sum()
}

fn aurora(storage_gb: f64, daily_change_percent: f64, retention_days: u32) -> AuroraCluster {
    AuroraCluster {
        id: "db".into(),
        existing: true,
        storage_gb,
        daily_change_percent,
        backup_retention_days: retention_days,
        ..AuroraCluster::default()
    }
}

/// Aurora user guide, "Understanding Aurora backup storage usage": automated backups
/// keep the volume and every change within the retention period; "for billing
/// purposes it doesn't exceed the cumulative cluster volume size during the retention
/// period" (100 GiB kept 2 days: at most 200 GiB); the free amount "is equal to the
/// latest cluster volume size"; "no charge for an automated backup whose retention
/// period is just 1 day".
#[test]
fn aurora_automated_backups_follow_the_user_guide() {
    // (volume GB, daily change %, retention days) → GB billed.
    let cases = [
        (100.0, 100.0, 2, 100.0), // the guide's example: 200 GiB used, 100 GiB free
        (100.0, 2.0, 1, 0.0),     // a 1-day retention is not charged
        (100.0, 2.0, 7, 12.0),    // 100 + 6 days × 2 GB − 100 free
        (100.0, 50.0, 7, 300.0),  // 100 + 6 × 50 = 400 (below the 700 cap) − 100
        (100.0, 100.0, 35, 3400.0), // capped at 35 × 100, less 100 free
    ];
    for (volume, change, retention, billed) in cases {
        let e =
            estimate(&plan_of(vec![Component::AuroraCluster(aurora(volume, change, retention))]));
        let q = quantity(&e, "aurora.backup_storage", "");
        assert!((q - billed).abs() < 1e-6, "{volume} GB, {change}%, {retention} d: {q}");
    }
}

fn aws_backup(every_minutes: u32, retention_days: u32, copy: Option<u32>) -> Component {
    Component::BackupPlan(BackupPlan {
        id: "bp".into(),
        protects: vec!["db".into()],
        rules: vec![BackupRule {
            frequency_minutes: every_minutes,
            retention_days,
            copy_to_dr: copy.map(|retention_days| CrossRegionCopy { retention_days }),
            ..BackupRule::default()
        }],
        ..BackupPlan::default()
    })
}

/// Aurora user guide: manual snapshots "don't count against your snapshot backup
/// storage while their creation timestamp is within the retention period"; each one
/// outside it is billed at "the size of the cluster volume at the time you take the
/// snapshot"; TotalBackupStorageBilled for 100 GiB, 2 days' retention and one snapshot
/// outside it is 200 GiB + 100 GiB − 100 GiB. AWS Backup's Aurora recovery points are
/// such cluster snapshots.
#[test]
fn aurora_snapshots_are_free_within_the_retention_period_and_full_size_beyond() {
    // The guide's example: daily snapshots kept 3 days, the cluster keeps 2 days and
    // rewrites its 100 GiB daily: two snapshots are within the period, one outside.
    let e = estimate(&plan_of(vec![
        Component::AuroraCluster(aurora(100.0, 100.0, 2)),
        aws_backup(1440, 3, None),
    ]));
    let automated = quantity(&e, "aurora.backup_storage", "");
    let snapshots = quantity(&e, "backup.warm.aurora", "warm storage");
    assert_eq!((automated, snapshots), (100.0, 100.0));
    assert!((automated + snapshots - 200.0).abs() < 1e-9, "TotalBackupStorageBilled");

    // (volume, cluster retention, snapshot every minutes, kept days) → GB billed.
    let cases = [
        (51_200.0, 7, 1440, 7, 0.0), // 50 TiB, all 7 snapshots within the period
        (50.0, 7, 60, 7, 0.0),       // hourly, kept as long as the cluster keeps
        (100.0, 7, 1440, 35, 28.0 * 100.0), // 28 of 35 daily snapshots are older
        (100.0, 1, 10_080, 35, 4.0 * 100.0), // weekly: ages 0, 7, 14, 21, 28 days
    ];
    for (volume, retention, every, kept, billed) in cases {
        let e = estimate(&plan_of(vec![
            Component::AuroraCluster(aurora(volume, 2.0, retention)),
            aws_backup(every, kept, None),
        ]));
        let q = quantity(&e, "backup.warm.aurora", "warm storage");
        assert!((q - billed).abs() < 1e-6, "{volume} GB every {every} min kept {kept} d: {q}");
    }
}

/// Copies in another region have no cluster, so none is within a retention period:
/// each is billed at full size; and Aurora copies a cluster snapshot in full each time
/// (Aurora user guide, copying a DB cluster snapshot: no incremental copies).
#[test]
fn aurora_snapshot_copies_in_the_dr_region_are_full_copies() {
    let e = estimate(&plan_of(vec![
        Component::AuroraCluster(aurora(100.0, 2.0, 7)),
        aws_backup(1440, 7, Some(14)),
    ]));
    assert_eq!(quantity(&e, "backup.warm.aurora", "copies in us-west-2"), 14.0 * 100.0);
    let transfer = quantity(&e, "transfer.inter_region", "copy transfer");
    assert!((transfer - 365.0 / 12.0 * 100.0).abs() < 1e-3, "{transfer}");
    let copies = e.lines.iter().find(|l| l.item.contains("copies in us-west-2")).unwrap();
    assert_eq!(&*copies.region, "us-west-2");
}

/// Aurora pricing: backtrack is "$0.012 per 1 million change records stored per hour"
/// (infracost's rds_cluster_test records 3.8 million records an hour × 24 h × 730 h =
/// 66,576 million, $798.91). The engine used to bill the hourly rate once a month.
#[test]
fn aurora_backtrack_is_billed_per_record_hour() {
    let a = AuroraCluster {
        engine: AuroraEngine::AuroraMysql,
        backtrack_window_hours: Some(24),
        backtrack_change_records_per_hour_millions: Some(3.8),
        ..aurora(100.0, 2.0, 5)
    };
    let e = estimate(&plan_of(vec![Component::AuroraCluster(a)]));
    let line = e.lines.iter().find(|l| &*l.price_id == "aurora.backtrack").unwrap();
    assert_eq!(line.quantity.as_f64(), 66_576.0);
    assert_eq!(line.monthly.display_usd(), "$798.91");
}

/// DynamoDB pricing, on-demand: writes are billed per write request unit ($0.625 per
/// million) and reads per read request unit ($0.125 per million) on a table the plan
/// creates; an existing table's requests are billed elsewhere.
#[test]
fn a_managed_table_bills_its_requests_and_an_existing_one_does_not() {
    let table = DynamoDbTable {
        id: "t".into(),
        monthly_writes_millions: 3.0,
        monthly_reads_millions: 8.0,
        ..DynamoDbTable::default()
    };
    let e = estimate(&plan_of(vec![Component::DynamodbTable(table.clone())]));
    let usd =
        |id: &str| e.lines.iter().find(|l| &*l.price_id == id).map(|l| l.monthly.display_usd());
    assert_eq!(usd("dynamodb.write_request").as_deref(), Some("$1.88"));
    assert_eq!(usd("dynamodb.read_request").as_deref(), Some("$1.00"));
    let existing = DynamoDbTable { existing: true, ..table };
    let e = estimate(&plan_of(vec![Component::DynamodbTable(existing)]));
    assert!(e.lines.iter().all(|l| !l.price_id.ends_with("_request")));
}

/// DynamoDB pricing: replicated writes are billed in the replica's region, and the
/// replication is data transferred between regions (one 1 KB write request unit each).
#[test]
fn global_table_replication_is_billed_in_the_replica_region_and_as_transfer() {
    let table = DynamoDbTable {
        id: "t".into(),
        existing: true,
        monthly_writes_millions: 1.0,
        global_table: Some(GlobalTable { replica_region: Some("us-east-2".into()) }),
        ..DynamoDbTable::default()
    };
    let mut p = plan_of(vec![Component::DynamodbTable(table)]);
    p.dr_region = Some("us-east-2".into());
    let e = estimate(&p);
    let replicated = e.lines.iter().find(|l| &*l.price_id == "dynamodb.replicated_write").unwrap();
    assert_eq!(&*replicated.region, "us-east-2");
    let transfer = e.lines.iter().find(|l| &*l.price_id == "transfer.inter_region").unwrap();
    assert!((transfer.quantity.as_f64() - 1e6 / 1_048_576.0).abs() < 1e-6);
    // us-east-1 to us-east-2 is $0.01 per GB (AWS data transfer pricing).
    assert_eq!(transfer.unit_price.to_string(), "0.01");
}

/// AWS Database Blog, "Demystifying Amazon RDS backup storage costs": "You are not
/// charged for the backup storage cost if the total backup storage doesn't exceed 100%
/// of your databases storage size within a Region. Amazon RDS automated backup and
/// manual snapshots contribute to the consumption of the backup storage."
#[test]
fn rds_backups_are_free_up_to_the_provisioned_storage() {
    // (storage GB, daily change %, retention, manual snapshots kept) → GB billed.
    let cases = [
        (100.0, 0.0, 7, None, 0.0),             // one full copy only: within 100%
        (100.0, 2.0, 7, None, 12.0),            // 100 + 6 × 2 − 100
        (100.0, 2.0, 7, Some(30), 12.0 + 60.0), // 30 daily snapshots of 2 GB each share it
    ];
    for (storage, change, retention, snapshots, billed) in cases {
        let r = RdsInstance {
            id: "db".into(),
            existing: true,
            storage_gb: storage,
            daily_change_percent: change,
            backup_retention_days: retention,
            manual_snapshots: snapshots.map(|retention_days| drplan::plan::ManualSnapshots {
                every_days: 1,
                retention_days,
                copy_to_dr_region: false,
            }),
            ..RdsInstance::default()
        };
        let e = estimate(&plan_of(vec![Component::RdsInstance(r)]));
        let q = quantity(&e, "rds.backup_storage", "beyond the free allowance");
        assert!((q - billed).abs() < 1e-6, "{storage} GB {change}% {snapshots:?}: {q}");
    }
}

/// DynamoDB pricing: restoring a table costs $0.15 per GB restored. The model's
/// recovery from a deletion restores the table from PITR: 230 GB → $34.50 (the figure
/// infracost's dynamodb_table_test records for 230 GB of "table data restored").
#[test]
fn a_pitr_restore_costs_its_size_at_the_restore_rate() {
    let table = DynamoDbTable { id: "t".into(), size_gb: 230.0, ..DynamoDbTable::default() };
    let p = plan_of(vec![Component::DynamodbTable(table)]);
    let report = recovery::assess(&p);
    let deletion = report.scenario(Scenario::Deletion).unwrap();
    assert_eq!(deletion.recovery_cost.display_usd(), "$34.50");
    let cost = deletion.component("t").unwrap().recovery_cost.as_ref().unwrap();
    assert_eq!(cost.path, "DynamoDB PITR");
    assert_eq!(&*cost.lines[0].price_id, "dynamodb.restore");
}

/// Restoring an RDS instance creates a new one (RDS user guide); there is no restore
/// fee, but the restored instance is billed by the hour until the recovery completes:
/// db.t3.micro at $0.017/h for the worst case less detection.
#[test]
fn an_rds_restore_costs_the_restored_instance_hours() {
    let r = RdsInstance { id: "db".into(), storage_gb: 100.0, ..RdsInstance::default() };
    let report = recovery::assess(&plan_of(vec![Component::RdsInstance(r)]));
    let c = report.scenario(Scenario::Deletion).unwrap().component("db").unwrap();
    let cost = c.recovery_cost.as_ref().unwrap();
    // 30 min restore step + 100 GB at 100 GB/h = 90 min after detection.
    assert_eq!(cost.lines[0].quantity.as_f64(), 1.5);
    assert_eq!(&*cost.lines[0].price_id, "rds.instance_hour.mysql.db.t3.micro");
    assert_eq!(cost.total.micros(), 25_500);
}
