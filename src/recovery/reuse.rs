//! Which data components a plan change can affect, so that the fix search
//! re-assesses only those and reuses the other outcomes of the plan it started from.
//!
//! A data component's recovery depends on its own settings, the backup plans that
//! protect it, and plan-wide things. The DR region and Route 53 failover only matter
//! to components with a cross-region mechanism; the configuration backup only to
//! those a compliance-locked vault protects (nothing else survives an account
//! compromise). A change to other plan-wide things (targets, recovery settings,
//! horizon, primary region), a removed component or repeated ids re-assess everything.

use std::collections::{BTreeMap, BTreeSet};

use crate::plan::{BackupPlan, Component, Plan, VaultLockMode};

/// The plan's components by id (the first of repeated ids).
pub fn components_by_id(plan: &Plan) -> BTreeMap<&str, &Component> {
    let mut out = BTreeMap::new();
    for c in &plan.components {
        out.entry(c.id()).or_insert(c);
    }
    out
}

fn unique_ids(plan: &Plan) -> bool {
    let mut seen = BTreeSet::new();
    plan.components.iter().all(|c| seen.insert(c.id()))
}

fn backup_plans(plan: &Plan) -> impl Iterator<Item = &BackupPlan> {
    plan.components
        .iter()
        .filter_map(|c| if let Component::BackupPlan(p) = c { Some(p) } else { None })
}

/// Whether the component has a mechanism that reaches another region.
fn crosses_regions(plan: &Plan, c: &Component) -> bool {
    let native = match c {
        Component::S3Bucket(b) => b.replication.is_some(),
        Component::DynamodbTable(t) => t.global_table.is_some(),
        Component::RdsInstance(r) => {
            r.cross_region_backups.is_some()
                || r.manual_snapshots.as_ref().is_some_and(|s| s.copy_to_dr_region)
        }
        _ => false,
    };
    native
        || backup_plans(plan).any(|p| {
            p.protects.iter().any(|x| x == c.id()) && p.rules.iter().any(|r| r.copy_to_dr.is_some())
        })
}

/// Ids of the data components whose outcomes can differ between `before` and
/// `after`; `None` when everything must be re-assessed.
pub fn affected_data(before: &Plan, after: &Plan) -> Option<BTreeSet<String>> {
    let plan_wide_same = before.primary_region == after.primary_region
        && before.targets == after.targets
        && before.recovery == after.recovery
        && before.horizon_months == after.horizon_months;
    let (old_by_id, new_by_id) = (components_by_id(before), components_by_id(after));
    if !plan_wide_same
        || !unique_ids(before)
        || !unique_ids(after)
        || before.components.iter().any(|c| !new_by_id.contains_key(c.id()))
    {
        return None;
    }
    let mut ids = BTreeSet::new();
    let mut regions_changed = before.dr_region != after.dr_region;
    let mut config_changed = false;
    for c in &after.components {
        let old = old_by_id.get(c.id()).copied();
        if old == Some(c) {
            continue;
        }
        match c {
            Component::DnsFailover(_) => regions_changed = true,
            Component::ConfigBackup(_) => config_changed = true,
            Component::BackupPlan(p) => {
                ids.extend(p.protects.iter().cloned());
                if let Some(Component::BackupPlan(was)) = old {
                    ids.extend(was.protects.iter().cloned());
                }
            }
            c if c.holds_data() => {
                ids.insert(c.id().to_string());
            }
            _ => {}
        }
    }
    for plan in [before, after] {
        if regions_changed {
            ids.extend(
                plan.components
                    .iter()
                    .filter(|c| c.holds_data() && crosses_regions(plan, c))
                    .map(|c| c.id().to_string()),
            );
        }
        if config_changed {
            let locked = backup_plans(plan).filter(|p| {
                p.vault_lock.as_ref().is_some_and(|l| l.mode == VaultLockMode::Compliance)
            });
            ids.extend(locked.flat_map(|p| p.protects.iter().cloned()));
        }
    }
    Some(ids)
}
