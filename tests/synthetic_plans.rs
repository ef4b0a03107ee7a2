//! The synthetic plans the scaling benchmarks measure (`tests/support/synthetic.rs`)
//! are plans a user could have written: valid without a single diagnostic, readable
//! back from their JSON, of exactly the size asked for, holding every component kind
//! and within the AWS Backup pair limit. A benchmark of an invalid plan would time
//! error paths instead of the engines.

#[path = "support/synthetic.rs"]
mod synthetic;

use drplan::plan::{parse_plan, validate, ComponentKind, Plan};
use std::collections::BTreeSet;

fn check(plan: &Plan, n: usize) {
    assert_eq!(plan.components.len(), n, "{}", plan.name);
    let diagnostics = validate(plan);
    assert!(diagnostics.is_empty(), "{}: {diagnostics:#?}", plan.name);
    assert!(synthetic::backup_pairs(plan) <= synthetic::MAX_BACKUP_PAIRS, "{}", plan.name);
    let read = parse_plan(&plan.to_json_pretty());
    assert_eq!(read.as_ref(), Ok(plan), "{}", plan.name);
}

fn kinds(plan: &Plan) -> BTreeSet<ComponentKind> {
    plan.components.iter().map(|c| c.kind()).collect()
}

#[test]
fn mixed_plans_are_valid_at_every_size() {
    for n in 1..=200 {
        check(&synthetic::mixed(n), n);
    }
}

#[test]
fn backup_heavy_plans_are_valid_at_every_size() {
    for n in 1..=200 {
        check(&synthetic::backup_heavy(n), n);
    }
}

#[test]
fn mixed_plans_hold_every_kind_and_vary() {
    for n in [13, 50, 100, 200] {
        let plan = synthetic::mixed(n);
        assert_eq!(kinds(&plan).len(), ComponentKind::ALL.len(), "{n} components");
    }
    // Ten components: the first workload's core, with data and its backup plan.
    let ten = kinds(&synthetic::mixed(10));
    for kind in [ComponentKind::S3Bucket, ComponentKind::DynamodbTable, ComponentKind::BackupPlan] {
        assert!(ten.contains(&kind), "{kind:?}");
    }
    // Components of one kind differ from each other: no two buckets alike but for the id.
    let plan = synthetic::mixed(200);
    let buckets: BTreeSet<String> = plan
        .components
        .iter()
        .filter_map(|c| match c {
            drplan::plan::Component::S3Bucket(b) => {
                let mut b = b.clone();
                b.id.clear();
                Some(format!("{b:?}"))
            }
            _ => None,
        })
        .collect();
    let count = kinds_count(&plan, ComponentKind::S3Bucket);
    assert_eq!(buckets.len(), count, "every bucket differs");
}

fn kinds_count(plan: &Plan, kind: ComponentKind) -> usize {
    plan.components.iter().filter(|c| c.kind() == kind).count()
}

#[test]
fn backup_heavy_plans_put_the_work_in_aws_backup() {
    for n in [50, 100, 200] {
        let plan = synthetic::backup_heavy(n);
        let pairs = synthetic::backup_pairs(&plan);
        assert!(pairs >= 4 * n, "{n} components: {pairs} pairs");
    }
    assert!(synthetic::backup_pairs(&synthetic::backup_heavy(200)) > 900);
}
