//! The monthly cost delta of a candidate, exactly, without pricing the whole plan.
//!
//! The cost engine prices each usage series on its own, except for account-wide
//! free allowances. A data component's usage depends only on itself and the
//! plan-wide settings (the DR region, prices, horizon); an AWS Backup plan's usage is
//! one pile of recovery points per (rule, protected component), each depending only
//! on that rule, that component and the plan-wide settings. So the steady-state delta
//! of a change equals the delta between two sub-plans, before and after, holding the
//! components the change touches, every pile of a backup plan the change touches, and
//! the piles of other backup plans that concern a touched component (a sub-plan
//! leaves out the components it does not hold, and with them their piles). Both sides
//! are priced over the full horizon (without the outlook past it, which the
//! steady-state month does not need); they are small, whatever the plan's size, even
//! where one backup plan protects every component. When the shortcut's conditions do
//! not hold (prices or horizon change, ids repeat, or a free allowance is in play for
//! these components), it answers `None` and the caller prices the whole plan. Tests
//! compare it with full estimates for every fix of every preset and of random plans.

use std::collections::BTreeSet;

use crate::cost::{estimate_horizon, Estimate};
use crate::money::Money;
use crate::plan::reads::reads_dr_region;
use crate::plan::{Component, Plan};
use crate::recovery::reuse::components_by_id;

fn unique_ids(plan: &Plan) -> bool {
    let mut seen = BTreeSet::new();
    plan.components.iter().all(|c| seen.insert(c.id()))
}

fn backup_plans(plans: [&Plan; 2]) -> impl Iterator<Item = &crate::plan::BackupPlan> {
    plans.into_iter().flat_map(|p| &p.components).filter_map(|c| match c {
        Component::BackupPlan(p) => Some(p),
        _ => None,
    })
}

/// Ids of the components a sub-plan must hold so that its cost differs between
/// `before` and `after` exactly as the whole plan's does.
pub fn affected(before: &Plan, after: &Plan) -> BTreeSet<String> {
    let (old_by_id, new_by_id) = (components_by_id(before), components_by_id(after));
    // Components whose every series may change.
    let mut whole: BTreeSet<String> = BTreeSet::new();
    if before.dr_region != after.dr_region {
        for plan in [before, after] {
            whole.extend(
                plan.components
                    .iter()
                    .filter(|c| reads_dr_region(plan, c))
                    .map(|c| c.id().to_string()),
            );
        }
    }
    for c in &after.components {
        if old_by_id.get(c.id()).copied() != Some(c) {
            whole.insert(c.id().to_string());
        }
    }
    for c in &before.components {
        if !new_by_id.contains_key(c.id()) {
            whole.insert(c.id().to_string());
        }
    }
    // A backup plan changed as a whole brings every component it protects (all its
    // piles change); then any backup plan protecting a component in the set brings
    // its piles of that component, and no others.
    let protected: Vec<String> = backup_plans([before, after])
        .filter(|p| whole.contains(&p.id))
        .flat_map(|p| p.protects.iter().cloned())
        .collect();
    whole.extend(protected);
    let protecting: Vec<String> = backup_plans([before, after])
        .filter(|p| p.protects.iter().any(|x| whole.contains(x)))
        .map(|p| p.id.clone())
        .collect();
    whole.extend(protecting);
    whole
}

/// `plan`'s settings with only the components `ids`.
fn sub_plan(plan: &Plan, ids: &BTreeSet<String>) -> Plan {
    Plan {
        schema_version: plan.schema_version,
        name: plan.name.clone(),
        primary_region: plan.primary_region.clone(),
        dr_region: plan.dr_region.clone(),
        targets: plan.targets.clone(),
        pricing: plan.pricing.clone(),
        horizon_months: plan.horizon_months,
        notes: Vec::new(),
        components: plan.components.iter().filter(|c| ids.contains(c.id())).cloned().collect(),
        recovery: plan.recovery.clone(),
        network: plan.network.clone(),
        export: plan.export.clone(),
        // Priced by the recovery model, not by the estimate.
        recovery_tests: Vec::new(),
        drill_results: Vec::new(),
        backup_account: plan.backup_account.clone(),
        // The decision record prices nothing.
        decision: None,
    }
}

/// Whether any line of the given components depends on the rest of the account (a
/// free allowance it used, or a volume tier within reach): then their cost depends on
/// what else in the account uses it.
fn uses_free_allowance(e: &Estimate, ids: &BTreeSet<String>) -> bool {
    e.lines.iter().any(|l| l.account_dependent && ids.contains(&*l.component))
}

/// A delta found by the shortcut, and how much it priced.
pub struct Priced {
    pub delta: Money,
    /// Components and (rule, component) pairs of the two sub-plans priced.
    pub size: u64,
}

/// Components plus (rule, protected component) pairs of a plan: what pricing it costs.
fn size(plan: &Plan) -> u64 {
    let ids: BTreeSet<&str> = plan.components.iter().map(Component::id).collect();
    let pairs: u64 = plan
        .components
        .iter()
        .map(|c| match c {
            Component::BackupPlan(p) => {
                let present = p.protects.iter().filter(|x| ids.contains(x.as_str())).count();
                (p.rules.len() * present) as u64
            }
            _ => 0,
        })
        .sum();
    plan.components.len() as u64 + pairs
}

/// `after`'s steady-state monthly cost minus `before`'s, where `baseline` is the
/// estimate of `before`; `None` when only a full estimate can tell.
pub fn monthly_delta(before: &Plan, baseline: &Estimate, after: &Plan) -> Option<Priced> {
    let same_setting = before.primary_region == after.primary_region
        && before.pricing == after.pricing
        && before.horizon_months == after.horizon_months;
    if !same_setting
        || !unique_ids(before)
        || !unique_ids(after)
        || baseline.components.len() != before.components.len()
    {
        return None;
    }
    let ids = affected(before, after);
    if uses_free_allowance(baseline, &ids) {
        return None;
    }
    let (old_plan, new_plan) = (sub_plan(before, &ids), sub_plan(after, &ids));
    let (old, new) = (estimate_horizon(&old_plan), estimate_horizon(&new_plan));
    if uses_free_allowance(&old, &ids) || uses_free_allowance(&new, &ids) {
        return None;
    }
    Some(Priced {
        delta: new.monthly_total.saturating_sub(old.monthly_total),
        size: size(&old_plan) + size(&new_plan),
    })
}
