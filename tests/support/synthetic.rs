//! Synthetic plans of any size for the scaling benchmarks (issue 15), shared by
//! `benches/*.rs` (through `#[path]`) and `tests/synthetic_plans.rs`, which checks
//! that every plan built here stays valid (no error, no warning) and holds what its
//! name says.
//!
//! [`mixed`] grows a plan the way real designs grow: one set of plan-wide parts
//! (endpoints, configuration backup, DNS failover) and then workloads of data
//! components with their AWS Backup plan, Lambda orchestrator and schedule, keys,
//! alarms and alert topic. Sizes, lifecycles, versioning, replication and backup
//! settings differ from component to component (a fixed pseudo-random sequence, so
//! every run builds the same plan), so that no two components share one simulation
//! and every branch of the usage models is taken. [`backup_heavy`] puts most of the
//! engines' work in AWS Backup: every data component is protected by a plan of six
//! rules (the hourly-to-yearly ladder plus continuous backup).

#![allow(dead_code)]

use drplan::plan::{
    Alarm, AlarmMetric, Architecture, AuroraCluster, AuroraEngine, BackupPlan, BackupRule,
    BackupSchedule, Component, ConfigBackup, CrossRegionBackups, CrossRegionCopy, DataClass,
    DnsFailover, DynamoDbTable, Encryption, ExistingManagement, GlacierClass, GlobalTable, KmsKey,
    LambdaFunction, LambdaTask, Lifecycle, ManualSnapshots, MirrorTarget, Monitoring, Objective,
    Pitr, Plan, RdsEngine, RdsInstance, Replication, S3Bucket, Schedule, SnsTopic, StorageClass,
    Targets, Versioning, VpcEndpoints,
};

/// The plan sizes the scaling benchmarks measure.
pub const SIZES: [usize; 4] = [10, 50, 100, 200];

/// Issue 8's limit on (AWS Backup rule, protected component) pairs in one plan; the
/// backup-heavy plans stay within it at every size.
pub const MAX_BACKUP_PAIRS: usize = 1_000;

/// A fixed pseudo-random choice for component `i` and setting `salt` (SplitMix64).
fn pick(i: usize, salt: u64, choices: usize) -> usize {
    let mut z = (i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15).wrapping_add(salt);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    ((z ^ (z >> 31)) % choices.max(1) as u64) as usize
}

fn class_of(i: usize) -> Option<DataClass> {
    [Some(DataClass::Critical), Some(DataClass::Important), Some(DataClass::LowPriority), None]
        [pick(i, 1, 4)]
}

fn bucket(i: usize) -> Component {
    let stored_gb = [5.0, 50.0, 200.0, 1_000.0, 4_000.0][pick(i, 2, 5)] + i as f64;
    let lifecycle = match pick(i, 3, 4) {
        0 => Lifecycle::default(),
        1 => {
            Lifecycle { standard_ia_days: Some(30), glacier_days: Some(90), ..Lifecycle::default() }
        }
        2 => Lifecycle {
            standard_ia_days: Some(30),
            glacier_days: Some(120),
            glacier_class: GlacierClass::InstantRetrieval,
            deep_archive_days: Some(365),
            expiration_days: Some(2_555),
        },
        _ => {
            Lifecycle { glacier_days: Some(60), expiration_days: Some(730), ..Lifecycle::default() }
        }
    };
    let versioning = match pick(i, 4, 3) {
        0 => Versioning::default(),
        1 => Versioning {
            noncurrent_standard_ia_days: Some(30),
            noncurrent_glacier_days: Some(90),
            noncurrent_expiration_days: Some(365),
            ..Versioning::default()
        },
        _ => {
            Versioning { enabled: false, noncurrent_expiration_days: None, ..Versioning::default() }
        }
    };
    // Replication needs versioning (S3 user guide).
    let replication = (versioning.enabled && pick(i, 5, 3) > 0).then(|| Replication {
        storage_class: [StorageClass::StandardIa, StorageClass::Standard][pick(i, 6, 2)],
        replication_time_control: pick(i, 7, 4) == 0,
    });
    Component::S3Bucket(S3Bucket {
        id: format!("bucket-{i}"),
        backup_account_replica: None,
        existing: pick(i, 8, 5) == 0,
        data_class: class_of(i),
        stored_gb,
        monthly_growth_gb: [0.0, 2.0, 25.0, 100.0][pick(i, 9, 4)],
        average_object_size_kb: [64.0, 512.0, 4_096.0, 65_536.0][pick(i, 10, 4)],
        monthly_change_percent: if versioning.enabled {
            [0.0, 5.0, 20.0][pick(i, 11, 3)]
        } else {
            0.0
        },
        initial_storage_class: StorageClass::Standard,
        versioning,
        lifecycle,
        encryption: Encryption::SseKms,
        replication,
        bucket_name: None,
        manage_existing: ExistingManagement::default(),
    })
}

fn table(i: usize) -> Component {
    Component::DynamodbTable(DynamoDbTable {
        id: format!("table-{i}"),
        existing: pick(i, 12, 4) == 0,
        data_class: class_of(i),
        size_gb: [1.0, 10.0, 80.0, 400.0][pick(i, 13, 4)],
        monthly_writes_millions: [0.5, 5.0, 40.0][pick(i, 14, 3)],
        monthly_reads_millions: [0.0, 20.0, 200.0][pick(i, 15, 3)],
        pitr: Pitr { enabled: pick(i, 16, 3) > 0, recovery_period_days: [7, 35][pick(i, 17, 2)] },
        on_demand_backups: (pick(i, 18, 3) == 0)
            .then_some(BackupSchedule { every_hours: 24, retention_days: 30 }),
        global_table: (pick(i, 19, 4) == 0).then_some(GlobalTable { replica_region: None }),
    })
}

fn rds(i: usize) -> Component {
    let engine = [RdsEngine::Mysql, RdsEngine::Postgres][pick(i, 20, 2)];
    Component::RdsInstance(RdsInstance {
        id: format!("db-{i}"),
        existing: pick(i, 21, 4) == 0,
        data_class: class_of(i),
        engine,
        instance_class: "db.t3.micro".into(),
        multi_az: pick(i, 22, 2) == 0,
        storage_gb: [20.0, 100.0, 500.0][pick(i, 23, 3)],
        daily_change_percent: [1.0, 2.0, 5.0][pick(i, 24, 3)],
        backup_retention_days: [7, 14, 35][pick(i, 25, 3)],
        cross_region_backups: (pick(i, 26, 3) == 0)
            .then_some(CrossRegionBackups { retention_days: 14 }),
        manual_snapshots: (pick(i, 27, 3) == 0).then(|| ManualSnapshots {
            every_days: 1,
            retention_days: 30,
            copy_to_dr_region: pick(i, 28, 2) == 0,
        }),
        snapshot_export_to_s3: false,
    })
}

fn aurora(i: usize) -> Component {
    let mysql = pick(i, 29, 2) == 0;
    Component::AuroraCluster(AuroraCluster {
        id: format!("cluster-{i}"),
        existing: pick(i, 30, 4) == 0,
        data_class: class_of(i),
        engine: if mysql { AuroraEngine::AuroraMysql } else { AuroraEngine::AuroraPostgresql },
        instance_class: "db.t4g.medium".into(),
        instance_count: [1, 2, 3][pick(i, 31, 3)],
        storage_gb: [50.0, 300.0, 1_500.0][pick(i, 32, 3)],
        monthly_io_millions: [10.0, 200.0][pick(i, 33, 2)],
        daily_change_percent: [1.0, 3.0][pick(i, 34, 2)],
        backup_retention_days: [1, 7, 35][pick(i, 35, 3)],
        backtrack_window_hours: (mysql && pick(i, 36, 2) == 0).then_some(24),
        backtrack_change_records_per_hour_millions: None,
    })
}

/// Rule `step` of the usual ladder: daily (copied to the DR region when `copy`),
/// hourly, weekly, every four hours, a weekly archive kept seven years, and
/// continuous backup (only when `continuous`: AWS Backup has none for DynamoDB).
fn ladder_rule(step: usize, copy: bool, continuous: bool) -> BackupRule {
    let (name, frequency_minutes, retention_days, continuous) = match step % 6 {
        0 => ("daily", 1_440, 35, false),
        1 => ("hourly", 60, 2, false),
        2 => ("weekly", 10_080, 90, false),
        3 => ("four-hourly", 240, 7, false),
        4 => ("weekly-archive", 10_080, 2_555, false),
        _ if continuous => ("continuous", 60, 35, true),
        _ => ("twice-daily", 720, 14, false),
    };
    BackupRule {
        name: name.into(),
        frequency_minutes,
        start_hour_utc: (3 + step as u32) % 24,
        continuous,
        retention_days,
        cold_storage_after_days: None,
        copy_to_backup_account: None,
        copy_to_dr: (copy && step.is_multiple_of(6))
            .then_some(CrossRegionCopy { retention_days: 35 }),
    }
}

/// An AWS Backup plan of `rules` ladder rules protecting `protects`.
fn backup_plan(i: usize, rules: usize, protects: Vec<String>, topic: &str) -> Component {
    let continuous = protects.iter().all(|id| !id.starts_with("table-"));
    Component::BackupPlan(BackupPlan {
        id: format!("backup-{i}"),
        rules: (0..rules).map(|r| ladder_rule(r, pick(i, 37, 2) == 0, continuous)).collect(),
        vault_lock: None,
        protects,
        notify_topic: Some(topic.into()),
    })
}

fn lambda(i: usize, targets: Vec<String>, topic: &str) -> Component {
    Component::LambdaFunction(LambdaFunction {
        id: format!("orchestrator-{i}"),
        tasks: vec![LambdaTask::Snapshot, LambdaTask::Verify],
        targets,
        memory_mb: [128, 256, 512][pick(i, 38, 3)],
        average_duration_seconds: [2.0, 30.0, 120.0][pick(i, 39, 3)],
        timeout_seconds: 300,
        architecture: [Architecture::Arm64, Architecture::X86_64][pick(i, 40, 2)],
        extra_invocations_per_month: [0.0, 10_000.0][pick(i, 41, 2)],
        log_retention_days: 30,
        notify_topic: Some(topic.into()),
        reserved_concurrency: None,
        // In the plan's VPC, so its endpoints serve something (validation warns otherwise).
        in_vpc: true,
        source_bucket: None,
        source_prefix: String::new(),
    })
}

fn schedule(i: usize, target: &str) -> Component {
    let expression = ["cron(0 2 * * ? *)", "rate(6 hours)", "cron(0 1 ? * SUN *)"][pick(i, 42, 3)];
    Component::Schedule(Schedule {
        id: format!("schedule-{i}"),
        expression: expression.into(),
        target: target.into(),
        backup_type: "daily".into(),
    })
}

fn topic(i: usize) -> Component {
    Component::SnsTopic(SnsTopic {
        id: format!("alerts-{i}"),
        email_subscriptions: vec!["ops@example.com".into()],
        notifications_per_month: [40.0, 800.0][pick(i, 43, 2)],
    })
}

fn keys(i: usize) -> Component {
    Component::KmsKey(KmsKey {
        id: format!("keys-{i}"),
        count: [1, 3][pick(i, 44, 2)],
        rotation: true,
        monthly_requests_thousands: [10.0, 100.0][pick(i, 45, 2)],
        replica_in_dr_region: pick(i, 46, 2) == 0,
    })
}

fn monitoring(i: usize, watched: &[Component], topic: &str) -> Component {
    let alarms = watched
        .iter()
        .filter_map(|c| {
            let metric = match c {
                Component::DynamodbTable(_) => AlarmMetric::DynamodbThrottles,
                Component::RdsInstance(_) | Component::AuroraCluster(_) => {
                    AlarmMetric::DatabaseCpuPercent
                }
                Component::LambdaFunction(_) => AlarmMetric::LambdaErrors,
                _ => return None,
            };
            Some(Alarm {
                name: format!("{}-alarm", c.id()),
                metric,
                component: Some(c.id().into()),
                threshold: 80.0,
                period_minutes: 5,
                evaluation_periods: 2,
            })
        })
        .collect();
    Component::Monitoring(Monitoring {
        id: format!("monitoring-{i}"),
        dashboards: 1,
        alarms,
        custom_metrics: vec!["BackupSuccess".into()],
        log_ingestion_gb_per_month: [0.5, 2.0][pick(i, 47, 2)],
        log_retention_days: 30,
        notify_topic: Some(topic.into()),
    })
}

/// The parts a plan has once, whatever its size.
fn plan_wide() -> Vec<Component> {
    vec![
        Component::VpcEndpoints(VpcEndpoints {
            id: "endpoints".into(),
            gateway: Vec::new(),
            interface: vec!["sns".into(), "monitoring".into()],
            az_count: 2,
            interface_processed_gb_per_month: 5.0,
        }),
        Component::ConfigBackup(ConfigBackup {
            id: "config".into(),
            parameter_store_export: true,
            export_retention_days: 90,
            codecommit_mirror: true,
            codecommit_users: 1,
            redeploy_minutes: 30,
            mirror_to: MirrorTarget::Codecommit,
        }),
        Component::DnsFailover(DnsFailover {
            id: "failover".into(),
            domain_name: "www.example.com".into(),
            health_checks: 2,
            aws_endpoints: true,
            request_interval_seconds: 30,
            failure_threshold: 3,
            hosted_zone_id: None,
            primary_endpoint: None,
            secondary_endpoint: None,
        }),
    ]
}

/// One workload at index `w`: its keys, its `data` components (a bucket, a table, an
/// RDS instance, an Aurora cluster, then more buckets and tables; the first four
/// before the rest, so that a plan cut short still holds each), its alert topic, one
/// AWS Backup plan of `rules` rules, a Lambda orchestrator snapshotting its databases
/// and the schedule that runs it, and its alarms. Ids are unique for `w` twelve apart.
fn workload(w: usize, data: usize, rules: usize) -> Vec<Component> {
    let makers: [fn(usize) -> Component; 6] = [bucket, table, rds, aurora, bucket, table];
    let data: Vec<Component> = (0..data).map(|k| makers[k % makers.len()](w + k)).collect();
    let ids: Vec<String> = data.iter().map(|c| c.id().to_string()).collect();
    let databases = data
        .iter()
        .filter(|c| matches!(c, Component::RdsInstance(_) | Component::AuroraCluster(_)))
        .map(|c| c.id().to_string())
        .collect();
    let alerts = format!("alerts-{w}");
    let orchestrator = lambda(w, databases, &alerts);
    let mut watched = vec![orchestrator.clone()];
    watched.extend(data.iter().cloned());
    let mut out = vec![keys(w)];
    let mut data = data.into_iter();
    out.extend(data.by_ref().take(4));
    out.push(topic(w));
    out.push(backup_plan(w, rules, ids, &alerts));
    let runs = schedule(w, orchestrator.id());
    out.push(orchestrator);
    out.push(runs);
    out.push(monitoring(w, &watched, &alerts));
    out.extend(data);
    out
}

/// The first `n` components, with references to components cut off dropped (a
/// backup plan left protecting nothing goes too, and a schedule whose Lambda was cut
/// off: buckets take their places).
fn assemble(name: String, mut components: Vec<Component>, n: usize) -> Plan {
    components.truncate(n);
    let ids: std::collections::BTreeSet<String> =
        components.iter().map(|c| c.id().to_string()).collect();
    let kept = |id: &String| ids.contains(id);
    for c in &mut components {
        match c {
            Component::BackupPlan(p) => p.protects.retain(kept),
            Component::LambdaFunction(f) => f.targets.retain(kept),
            Component::Monitoring(m) => m.alarms.retain(|a| a.component.as_ref().is_none_or(kept)),
            _ => {}
        }
    }
    // The schedule is cut off only with its orchestrator: both go.
    components.retain(|c| match c {
        Component::BackupPlan(p) => !p.protects.is_empty(),
        Component::Schedule(s) => ids.contains(&s.target),
        _ => true,
    });
    let mut plan = Plan {
        name,
        primary_region: "us-east-1".into(),
        dr_region: Some("us-west-2".into()),
        targets: Targets {
            rpo_minutes: 60,
            rto_minutes: 240,
            by_data_class: [(
                DataClass::LowPriority,
                Objective { rpo_minutes: 1_440, rto_minutes: 4_320 },
            )]
            .into(),
        },
        components,
        ..Plan::default()
    };
    fill_to(&mut plan, n);
    plan
}

/// A realistic plan of exactly `n` components: every kind from 13 components on.
pub fn mixed(n: usize) -> Plan {
    let mut components = workload(0, 6, 2);
    // After the first workload's core (ten components), the plan-wide parts.
    components.splice(10..10, plan_wide());
    let mut w = 12;
    while components.len() < n {
        components.extend(workload(w, 6, 2));
        w += 12;
    }
    assemble(format!("Synthetic plan of {n} components"), components, n)
}

/// A plan of `n` components where the data components are backed up by six-rule AWS
/// Backup plans (the ladder from hourly to yearly, and continuous), five data
/// components each: about five (rule, component) pairs per component.
pub fn backup_heavy(n: usize) -> Plan {
    let mut components = vec![keys(0), topic(0)];
    let mut w = 0usize;
    while components.len() < n {
        // Every other group holds tables (no continuous rule), the others none.
        let makers: [fn(usize) -> Component; 5] = if w.is_multiple_of(10) {
            [bucket, rds, aurora, bucket, rds]
        } else {
            [table, bucket, aurora, table, rds]
        };
        let data: Vec<Component> = makers.iter().enumerate().map(|(k, f)| f(w + k)).collect();
        let ids = data.iter().map(|c| c.id().to_string()).collect();
        components.push(backup_plan(w, 6, ids, "alerts-0"));
        components.extend(data);
        w += 5;
    }
    assemble(format!("Backup-heavy plan of {n} components"), components, n)
}

/// Tops a plan up with buckets when dropping an empty backup plan left it short.
fn fill_to(plan: &mut Plan, n: usize) {
    let mut i = 10_000;
    while plan.components.len() < n {
        plan.components.push(bucket(i));
        i += 1;
    }
}

/// (AWS Backup rule, protected component) pairs of a plan.
pub fn backup_pairs(plan: &Plan) -> usize {
    plan.components
        .iter()
        .map(|c| match c {
            Component::BackupPlan(p) => p.rules.len() * p.protects.len(),
            _ => 0,
        })
        .sum()
}

/// `n` components taken in turn from the five presets, renamed to stay unique (the
/// 50-component plan of the first estimate benchmark; references between the copies
/// are left as they are, so the plan is not valid: kept for comparable figures).
pub fn preset_copies(n: usize) -> Plan {
    let mut plan = drplan::presets::default_plan();
    let base: Vec<Component> =
        drplan::presets::PRESETS.iter().flat_map(|p| p.plan().components).collect();
    plan.components = base
        .iter()
        .cycle()
        .take(n)
        .enumerate()
        .map(|(i, c)| {
            let mut c = c.clone();
            c.set_id(&format!("c{i}"));
            c
        })
        .collect();
    plan
}
