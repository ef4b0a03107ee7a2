//! Table tests of the database, backup and supporting-component cost models: each
//! row a small plan and the steady-state figure AWS's pricing gives for it.

use drplan::cost::estimate;
use drplan::plan::*;

fn plan_of(components: Vec<Component>) -> Plan {
    Plan {
        components,
        pricing: PricingChoice { sheet: "aws-list-2026".into(), ..Default::default() },
        ..Plan::default()
    }
}

fn line_usd(plan: &Plan, item_part: &str) -> f64 {
    let e = estimate(plan);
    e.lines.iter().filter(|l| l.item.contains(item_part)).map(|l| l.monthly.as_f64()).sum()
}

#[test]
fn table_of_steady_state_figures() {
    let rds = |f: &dyn Fn(&mut RdsInstance)| {
        let mut r = RdsInstance { id: "db".into(), ..RdsInstance::default() };
        f(&mut r);
        plan_of(vec![Component::RdsInstance(r)])
    };
    let dynamo = |f: &dyn Fn(&mut DynamoDbTable)| {
        let mut t = DynamoDbTable { id: "t".into(), ..DynamoDbTable::default() };
        f(&mut t);
        plan_of(vec![Component::DynamodbTable(t)])
    };
    let rows: Vec<(&str, Plan, &str, f64)> = vec![
        ("db.t3.micro at $0.017/h × 730 h", rds(&|_| {}), "db.t3.micro instance", 12.41),
        (
            "Multi-AZ doubles the instance",
            rds(&|r| r.multi_az = true),
            "db.t3.micro instance",
            24.82,
        ),
        ("gp2 20 GB × $0.115", rds(&|_| {}), "gp2 storage", 2.30),
        (
            "1-day retention stays in the free allowance",
            rds(&|r| r.backup_retention_days = 1),
            "Backup storage",
            0.0,
        ),
        // 20 GB + 2% × 6 days = 22.4 GB; 2.4 GB over the free 20 GB × $0.095.
        ("7-day retention beyond the allowance", rds(&|_| {}), "Backup storage", 0.228),
        (
            "existing instance is not billed",
            rds(&|r| r.existing = true),
            "db.t3.micro instance",
            0.0,
        ),
        ("PITR 10 GB × $0.20", dynamo(&|_| {}), "Point-in-time", 2.00),
        (
            "daily backups kept 35 days: 35 full copies",
            dynamo(&|t| t.on_demand_backups = Some(BackupSchedule::default())),
            "On-demand backups",
            35.0,
        ),
        (
            "global table 1M writes × $0.625",
            dynamo(&|t| t.global_table = Some(GlobalTable::default())),
            "replicated writes",
            0.625,
        ),
    ];
    let mut failures = Vec::new();
    for (name, plan, item, expected) in rows {
        let actual = line_usd(&plan, item);
        if (actual - expected).abs() > 0.005 {
            failures.push(format!("{name}: expected ${expected}, got ${actual}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn unknown_instance_class_is_shown_unpriced_with_a_way_out() {
    let plan = plan_of(vec![Component::RdsInstance(RdsInstance {
        id: "db".into(),
        instance_class: "db.m5.large".into(),
        ..RdsInstance::default()
    })]);
    let e = estimate(&plan);
    let line = e.lines.iter().find(|l| l.item.contains("db.m5.large")).unwrap();
    assert_eq!(line.monthly.micros(), 0);
    assert!(line.source.contains("rds.instance_hour.mysql.db.m5.large"), "{}", line.source);
    let mut priced = plan.clone();
    priced.pricing.overrides.insert("rds.instance_hour.mysql.db.m5.large".into(), 0.171);
    assert!(validate(&priced).is_empty());
    assert!((line_usd(&priced, "db.m5.large") - 124.83).abs() < 0.005);
}

#[test]
fn aws_backup_piles_up_and_copies_cross_region() {
    let db = Component::RdsInstance(RdsInstance {
        id: "db".into(),
        existing: true,
        ..RdsInstance::default()
    });
    let rule = BackupRule {
        copy_to_dr: Some(CrossRegionCopy { retention_days: 14 }),
        retention_days: 7,
        ..BackupRule::default()
    };
    let plan = plan_of(vec![
        db,
        Component::BackupPlan(BackupPlan {
            id: "bp".into(),
            rules: vec![rule],
            protects: vec!["db".into()],
            ..BackupPlan::default()
        }),
    ]);
    // 7 daily points: 20 GB + 6 × 0.4 GB = 22.4 GB × $0.095.
    assert!((line_usd(&plan, "warm storage") - 2.128).abs() < 0.001);
    // 14 copies: 20 + 13 × 0.4 = 25.2 GB × $0.095.
    assert!((line_usd(&plan, "copies in us-west-2") - 2.394).abs() < 0.001);
}

#[test]
fn free_allowances_apply_once_per_account() {
    let monitoring = |id: &str| {
        Component::Monitoring(Monitoring {
            id: id.into(),
            dashboards: 2,
            alarms: vec![],
            custom_metrics: vec![],
            log_ingestion_gb_per_month: 0.0,
            ..Monitoring::default()
        })
    };
    let mut plan = plan_of(vec![monitoring("m1"), monitoring("m2")]);
    // Off by default: the account's other workloads usually use the allowance first.
    assert_eq!(estimate(&plan).monthly_total.micros(), 12_000_000);
    plan.pricing.apply_free_tier = true;
    let e = estimate(&plan);
    // Four dashboards, three free: $3.00 in all, billed to the second component.
    assert_eq!(e.monthly_total.micros(), 3_000_000);
    assert_eq!(e.components[0].monthly.micros(), 0);
    assert_eq!(e.components[1].monthly.micros(), 3_000_000);
}

#[test]
fn schedules_drive_lambda_invocations() {
    let lambda = Component::LambdaFunction(LambdaFunction {
        id: "f".into(),
        memory_mb: 1024,
        average_duration_seconds: 10.0,
        ..LambdaFunction::default()
    });
    let daily =
        Component::Schedule(Schedule { id: "s".into(), target: "f".into(), ..Schedule::default() });
    let plan = plan_of(vec![lambda, daily]);
    let e = estimate(&plan);
    let compute = e.lines.iter().find(|l| l.item.starts_with("Compute")).unwrap();
    // 365 ÷ 12 runs × 10 s × 1 GB.
    assert!((compute.quantity.as_f64() - 365.0 / 12.0 * 10.0).abs() < 1e-5);
}

#[test]
fn overrides_change_the_price_and_say_so() {
    let mut plan = drplan::presets::default_plan();
    let before = estimate(&plan).monthly_total;
    plan.pricing.overrides.insert("dynamodb.backup".into(), 0.05);
    let after = estimate(&plan);
    let line = after.lines.iter().find(|l| &*l.price_id == "dynamodb.backup").unwrap();
    assert_eq!(&*line.source, "overridden in this plan (applies in every region)");
    assert_eq!(line.monthly.micros(), 45_000_000);
    assert_eq!(before.micros() - after.monthly_total.micros(), 45_000_000);
}
