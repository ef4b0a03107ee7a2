//! The plan shapes that stress the engines most (issue 8), shared by the budget
//! tests (`tests/fix_search_budget.rs`) and the benchmarks (`benches/limits.rs`).
//!
//! Each is valid and within the plan limits unless its name says otherwise: the
//! backup-heavy shapes sit at the (rule, component) pair limit, the wide ones at the
//! component limit, with settings that differ from component to component so that
//! no two share their fix search.

#![allow(dead_code)]

use drplan::plan::limits::{MAX_BACKUP_PAIRS, MAX_BACKUP_RULES, MAX_COMPONENTS};
use drplan::plan::{
    AuroraCluster, BackupPlan, BackupRule, Component, CrossRegionCopy, DynamoDbTable, Plan,
    RdsInstance, S3Bucket, Targets,
};

/// `n` data components, S3, DynamoDB, RDS and Aurora in turn, each a different size.
pub fn data(n: usize) -> Vec<Component> {
    (0..n)
        .map(|i| {
            let id = format!("d{i}");
            let gb = 100.0 + i as f64;
            match i % 4 {
                0 => Component::S3Bucket(S3Bucket { id, stored_gb: gb, ..Default::default() }),
                1 => Component::DynamodbTable(DynamoDbTable {
                    id,
                    size_gb: gb,
                    ..Default::default()
                }),
                2 => {
                    Component::RdsInstance(RdsInstance { id, storage_gb: gb, ..Default::default() })
                }
                _ => Component::AuroraCluster(AuroraCluster {
                    id,
                    storage_gb: gb,
                    ..Default::default()
                }),
            }
        })
        .collect()
}

/// A backup plan with `rules` rules (every frequency AWS Backup schedules evenly, in
/// turn) protecting `protects`.
pub fn backup_plan(id: &str, rules: usize, protects: Vec<String>, copy: bool) -> Component {
    const FREQUENCIES: [u32; 9] = [60, 120, 180, 240, 360, 480, 720, 1440, 10_080];
    Component::BackupPlan(BackupPlan {
        id: id.into(),
        rules: (0..rules)
            .map(|r| BackupRule {
                name: format!("r{r}"),
                frequency_minutes: FREQUENCIES[r % FREQUENCIES.len()],
                retention_days: 35 + r as u32,
                copy_to_dr: copy.then(CrossRegionCopy::default),
                ..BackupRule::default()
            })
            .collect(),
        protects,
        ..BackupPlan::default()
    })
}

fn ids(components: &[Component]) -> Vec<String> {
    components.iter().map(|c| c.id().to_string()).collect()
}

fn plan(name: &str, components: Vec<Component>) -> Plan {
    Plan {
        name: name.into(),
        targets: Targets { rpo_minutes: 60, rto_minutes: 240, ..Targets::default() },
        components,
        ..Plan::default()
    }
}

/// The issue's shape: 40 data components, 20 AWS Backup plans of 20 rules, each
/// protecting all 40 (16,000 pairs: past the limit, so only ever built in memory).
pub fn issue_40x20x20() -> Plan {
    let mut components = data(40);
    let all = ids(&components);
    components.extend((0..20).map(|p| backup_plan(&format!("bp{p}"), 20, all.clone(), false)));
    plan("40 × 20 × 20", components)
}

/// The issue's 160 plans: 40 data components and 160 plans of 20 rules protecting all.
pub fn issue_160_plans() -> Plan {
    let mut components = data(40);
    let all = ids(&components);
    components.extend((0..160).map(|p| backup_plan(&format!("bp{p}"), 20, all.clone(), false)));
    plan("160 plans", components)
}

/// 40 data components and 20 plans of 20 rules, each protecting two: 800 pairs.
pub fn rules_40x20x20() -> Plan {
    let mut components = data(40);
    let all = ids(&components);
    components.extend((0..20).map(|p| {
        let protects = vec![all[2 * p].clone(), all[2 * p + 1].clone()];
        backup_plan(&format!("bp{p}"), MAX_BACKUP_RULES, protects, false)
    }));
    plan("40 × 20 × 2", components)
}

/// 40 data components and 160 single-rule plans, each protecting six: 960 pairs and
/// the component limit.
pub fn plans_160() -> Plan {
    let mut components = data(40);
    let all = ids(&components);
    components.extend((0..MAX_COMPONENTS - 40).map(|p| {
        let protects = (0..6).map(|j| all[(p + j) % all.len()].clone()).collect();
        backup_plan(&format!("bp{p}"), 1, protects, false)
    }));
    plan("160 plans × 6", components)
}

/// 50 data components under one plan of 20 rules copied to the DR region, over the
/// longest horizon: 1,000 pairs, every one a pile in two regions for 120 months.
pub fn one_plan_protects_all() -> Plan {
    let mut components = data(MAX_BACKUP_PAIRS / MAX_BACKUP_RULES);
    let all = ids(&components);
    components.push(backup_plan("bp", MAX_BACKUP_RULES, all, true));
    Plan {
        horizon_months: drplan::plan::MAX_HORIZON_MONTHS,
        ..plan("one plan, 1,000 pairs", components)
    }
}

/// The component limit in S3 buckets with every default (alike: one search for all).
pub fn default_buckets() -> Plan {
    let buckets = (0..MAX_COMPONENTS)
        .map(|i| Component::S3Bucket(S3Bucket { id: format!("b{i}"), ..Default::default() }))
        .collect();
    plan("200 default buckets", buckets)
}

/// The component limit in data components that all differ.
pub fn distinct_data() -> Plan {
    plan("200 distinct", data(MAX_COMPONENTS))
}

/// The component limit in buckets with versioning, every lifecycle tier and replication
/// with RTC, over the longest horizon: the cost engine's heaviest simulation.
pub fn tiered_buckets() -> Plan {
    use drplan::plan::{Lifecycle, Replication, Versioning};
    let buckets = (0..MAX_COMPONENTS)
        .map(|i| {
            Component::S3Bucket(S3Bucket {
                id: format!("b{i}"),
                stored_gb: 10_000.0 + i as f64,
                monthly_growth_gb: 500.0,
                monthly_change_percent: 20.0,
                average_object_size_kb: 64.0,
                versioning: Versioning {
                    enabled: true,
                    noncurrent_standard_ia_days: Some(30),
                    noncurrent_glacier_days: Some(60),
                    noncurrent_expiration_days: Some(365),
                },
                lifecycle: Lifecycle {
                    standard_ia_days: Some(30),
                    glacier_days: Some(60),
                    deep_archive_days: Some(180),
                    expiration_days: Some(3000),
                    ..Lifecycle::default()
                },
                replication: Some(Replication {
                    replication_time_control: true,
                    ..Replication::default()
                }),
                ..S3Bucket::default()
            })
        })
        .collect();
    Plan {
        horizon_months: drplan::plan::MAX_HORIZON_MONTHS,
        ..plan("200 tiered buckets, 120 months", buckets)
    }
}

/// Every shape within the limits, by name.
pub fn within_limits() -> Vec<Plan> {
    vec![
        rules_40x20x20(),
        plans_160(),
        one_plan_protects_all(),
        default_buckets(),
        distinct_data(),
        tiered_buckets(),
    ]
}
