//! What in a plan reads its DR region: the one answer the fix search's two caches
//! share (`recovery::reuse` re-assesses these components when the DR region or Route 53
//! failover changes; `recovery::fixes::pricing` re-prices them when the DR region
//! does), so that the two cannot drift apart.

use super::{Component, Plan};

/// Whether the component's cost or recovery reads the plan's DR region: S3
/// replication, a DynamoDB global table (its replica defaults to the DR region), RDS
/// backups or manual snapshots copied there, a backup plan copying there and every
/// component it protects, a KMS key with a replica there.
pub fn reads_dr_region(plan: &Plan, c: &Component) -> bool {
    let own = match c {
        Component::S3Bucket(b) => b.replication.is_some(),
        Component::DynamodbTable(t) => t.global_table.is_some(),
        Component::RdsInstance(r) => {
            r.cross_region_backups.is_some()
                || r.manual_snapshots.as_ref().is_some_and(|s| s.copy_to_dr_region)
        }
        Component::BackupPlan(p) => p.rules.iter().any(|r| r.copy_to_dr.is_some()),
        Component::KmsKey(k) => k.replica_in_dr_region,
        Component::AuroraCluster(_)
        | Component::LambdaFunction(_)
        | Component::Schedule(_)
        | Component::SnsTopic(_)
        | Component::Monitoring(_)
        | Component::VpcEndpoints(_)
        | Component::ConfigBackup(_)
        | Component::DnsFailover(_) => false,
    };
    own || copied_by_a_backup_plan(plan, c.id())
}

/// Whether a backup plan protecting `id` copies its recovery points to the DR region.
fn copied_by_a_backup_plan(plan: &Plan, id: &str) -> bool {
    plan.components.iter().any(|c| match c {
        Component::BackupPlan(p) => {
            p.protects.iter().any(|x| x == id) && p.rules.iter().any(|r| r.copy_to_dr.is_some())
        }
        _ => false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::{
        BackupPlan, BackupRule, CrossRegionCopy, KmsKey, ManualSnapshots, RdsInstance,
    };

    fn reading(plan: &Plan) -> Vec<&str> {
        plan.components.iter().filter(|c| reads_dr_region(plan, c)).map(|c| c.id()).collect()
    }

    fn rds(id: &str, copy_to_dr_region: bool) -> Component {
        let snapshots = ManualSnapshots { copy_to_dr_region, ..ManualSnapshots::default() };
        Component::RdsInstance(RdsInstance {
            id: id.into(),
            manual_snapshots: Some(snapshots),
            ..RdsInstance::default()
        })
    }

    #[test]
    fn what_copies_or_replicates_to_the_dr_region_reads_it() {
        let copying = BackupPlan {
            id: "to-dr".into(),
            protects: vec!["guarded".into()],
            rules: vec![BackupRule {
                copy_to_dr: Some(CrossRegionCopy::default()),
                ..BackupRule::default()
            }],
            ..BackupPlan::default()
        };
        let key = KmsKey { id: "key".into(), replica_in_dr_region: true, ..KmsKey::default() };
        let plan = Plan {
            components: vec![
                rds("local-snapshots", false),
                rds("copied-snapshots", true),
                rds("guarded", false),
                Component::BackupPlan(copying),
                Component::KmsKey(key),
            ],
            ..Plan::default()
        };
        // Manual snapshots kept at home do not; a backup plan copying to the DR region
        // does, and so does what it protects (its recovery reaches the DR region).
        assert_eq!(reading(&plan), ["copied-snapshots", "guarded", "to-dr", "key"]);
    }

    #[test]
    fn a_single_region_preset_reads_no_dr_region() {
        let plan = crate::presets::find("multi-az-dr").map(|p| p.plan()).unwrap_or_default();
        assert!(!plan.components.is_empty());
        assert!(reading(&plan).is_empty(), "{:?}", reading(&plan));
    }
}
