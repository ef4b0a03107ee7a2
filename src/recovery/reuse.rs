//! Which data components a plan change can affect, so that the fix search
//! re-assesses only those and reuses the other outcomes of the plan it started from.
//!
//! A data component's recovery depends on its own settings, the backup plans that
//! protect it, and plan-wide things. The DR region and Route 53 failover only matter
//! to components with a cross-region mechanism; the configuration backup only to
//! those a compliance-locked vault protects (nothing else survives an account
//! compromise) and those copying into the backup account, whose own changes matter to
//! the latter too. A change to other plan-wide things (targets, recovery settings,
//! horizon, primary region), a removed component or repeated ids re-assess everything.

use std::collections::{BTreeMap, BTreeSet};

use crate::plan::reads::reads_dr_region;
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

/// Whether the component copies into the plan's backup account (a replica, or a
/// backup plan's copy action): its paths depend on the account and, like a
/// compliance-locked vault's, on the configuration backup.
fn uses_backup_account(plan: &Plan, c: &Component) -> bool {
    let replica = matches!(c, Component::S3Bucket(b) if b.backup_account_replica.is_some());
    replica
        || backup_plans(plan).any(|p| {
            p.protects.iter().any(|x| x == c.id())
                && p.rules.iter().any(|r| r.copy_to_backup_account.is_some())
        })
}

/// Whether the component has a mechanism that reaches another region: one that reads
/// the DR region ([`reads_dr_region`], shared with the fix pricing), or a copy into a
/// backup account kept in another region.
fn crosses_regions(plan: &Plan, c: &Component) -> bool {
    let account_elsewhere = plan
        .backup_account
        .as_ref()
        .is_some_and(|a| a.region.as_ref().is_some_and(|r| *r != plan.primary_region));
    reads_dr_region(plan, c) || (account_elsewhere && uses_backup_account(plan, c))
}

/// A plan the fix search starts from, indexed once for the many changed copies it
/// compares with it.
pub struct Baseline<'a> {
    plan: &'a Plan,
    by_id: BTreeMap<&'a str, &'a Component>,
    unique: bool,
}

impl<'a> Baseline<'a> {
    pub fn new(plan: &'a Plan) -> Baseline<'a> {
        Baseline { plan, by_id: components_by_id(plan), unique: unique_ids(plan) }
    }

    /// Whether `after` holds every component of the plan at the same place, with only
    /// new ones after them (what every plan change does), all ids unique.
    fn extended_in_place(&self, after: &Plan) -> bool {
        let before = &self.plan.components;
        if !self.unique
            || after.components.len() < before.len()
            || before.iter().zip(&after.components).any(|(a, b)| a.id() != b.id())
        {
            return false;
        }
        let mut added = BTreeSet::new();
        after.components[before.len()..]
            .iter()
            .all(|c| !self.by_id.contains_key(c.id()) && added.insert(c.id()))
    }
}

/// Ids of the data components whose outcomes can differ between `before` and
/// `after`; `None` when everything must be re-assessed.
#[cfg(test)]
pub fn affected_data(before: &Plan, after: &Plan) -> Option<BTreeSet<String>> {
    affected_data_from(&Baseline::new(before), after)
}

/// [`affected_data`] from an indexed `before`.
pub fn affected_data_from(base: &Baseline, after: &Plan) -> Option<BTreeSet<String>> {
    let before = base.plan;
    if !plan_wide_same(before, after) {
        return None;
    }
    if !base.extended_in_place(after) {
        // Components moved, removed or inserted before others: compared by position, so
        // that what reads the order (a component's backup plans, in plan order) is caught.
        return affected_by_position(before, after);
    }
    let pairs = after
        .components
        .iter()
        .enumerate()
        .map(|(index, c)| (before.components.get(index), Some(c)));
    Some(changed_data(before, after, pairs))
}

/// [`affected_data_from`] for any edit of a plan (the app's: renaming, removing,
/// moving or inserting components too), comparing the components at each position:
/// one that moved counts as changed where it was and where it is, so whatever reads
/// the order (the first DNS failover, the order of a component's backup plans) is
/// caught. `None` when ids repeat (outcomes are found by id) or a plan-wide setting
/// the affected set does not follow changed.
pub fn affected_by_position(before: &Plan, after: &Plan) -> Option<BTreeSet<String>> {
    if !plan_wide_same(before, after) || !unique_ids(before) || !unique_ids(after) {
        return None;
    }
    let (old, new) = (&before.components, &after.components);
    let pairs = (0..old.len().max(new.len())).map(|i| (old.get(i), new.get(i)));
    Some(changed_data(before, after, pairs))
}

/// Whether the plan-wide settings every outcome reads are the same.
fn plan_wide_same(before: &Plan, after: &Plan) -> bool {
    before.primary_region == after.primary_region
        && before.targets == after.targets
        && before.recovery == after.recovery
        && before.horizon_months == after.horizon_months
}

/// The data components whose outcomes can differ, given each component of `after`
/// or `before` paired with what it was or became (`None`: added or removed).
fn changed_data<'p>(
    before: &'p Plan,
    after: &'p Plan,
    pairs: impl Iterator<Item = (Option<&'p Component>, Option<&'p Component>)>,
) -> BTreeSet<String> {
    let mut ids = BTreeSet::new();
    let mut regions_changed = before.dr_region != after.dr_region;
    let mut config_changed = false;
    let account_changed = before.backup_account != after.backup_account;
    for (old, new) in pairs {
        if old == new {
            continue;
        }
        // What the component was counts as much as what it is: a plan text can give an
        // id another kind (a backup plan that stops protecting, a DNS failover gone).
        for side in [old, new].into_iter().flatten() {
            match side {
                Component::DnsFailover(_) => regions_changed = true,
                Component::ConfigBackup(_) => config_changed = true,
                Component::BackupPlan(p) => ids.extend(p.protects.iter().cloned()),
                c if c.holds_data() => {
                    ids.insert(c.id().to_string());
                }
                _ => {}
            }
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
        if config_changed || account_changed {
            ids.extend(
                plan.components
                    .iter()
                    .filter(|c| c.holds_data() && uses_backup_account(plan, c))
                    .map(|c| c.id().to_string()),
            );
        }
    }
    ids
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::{BackupRule, Component};

    /// Two backup plans of one bucket swapped: each plan is unchanged, but the bucket's
    /// paths come in plan order, so its outcome changes and must be assessed again.
    #[test]
    fn swapped_backup_plans_affect_what_they_protect() {
        let mut before = crate::presets::default_plan();
        let bucket = before
            .components
            .iter()
            .find(|c| matches!(c, Component::S3Bucket(_)))
            .map(|c| c.id().to_string())
            .unwrap_or_default();
        for (id, hours) in [("hourly-plan", 1), ("daily-plan", 24)] {
            before.components.push(Component::BackupPlan(BackupPlan {
                id: id.into(),
                rules: vec![BackupRule { frequency_minutes: hours * 60, ..BackupRule::default() }],
                protects: vec![bucket.clone()],
                ..BackupPlan::default()
            }));
        }
        let mut after = before.clone();
        let n = after.components.len();
        after.components.swap(n - 1, n - 2);
        let (old, fresh) = (crate::recovery::assess(&before), crate::recovery::assess(&after));
        assert!(old != fresh, "the swap must change the report for this test to mean anything");
        let affected = affected_data(&before, &after);
        assert!(affected.as_ref().is_none_or(|ids| ids.contains(&bucket)), "{affected:?}");
        let reused = crate::recovery::assess_with(
            &after,
            true,
            None,
            affected.as_ref().map(|ids| (&old, ids)),
        );
        assert!(reused == fresh, "reused outcomes differ from a fresh assessment");
    }
}
