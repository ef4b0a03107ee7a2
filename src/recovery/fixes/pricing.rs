//! The monthly cost delta of a candidate, exactly, without pricing the whole plan.
//!
//! The cost engine prices each usage series on its own, except for account-wide
//! free allowances, and a component's usage depends only on itself, the plan-wide
//! settings (the DR region, prices, horizon), the schedules that invoke it (Lambda)
//! and the components it protects (AWS Backup). So the steady-state delta of a change
//! equals the delta of a sub-plan holding just the components the change touches,
//! with those couplings, priced over the full horizon, minus what the same components
//! cost in the plan's own estimate (already computed, so only the changed side is
//! priced). When the shortcut's conditions do not hold (prices or horizon change, ids
//! repeat, or a free allowance is in play for these components), it answers `None`
//! and the caller prices the whole plan. Tests compare it with full estimates for
//! every fix of every preset and of random plans.
//!
//! By the same argument a combination of candidates costs, component by component,
//! what each component cost in the candidate that changed it, as long as that
//! candidate's whole sub-plan reappears unchanged in the combination
//! ([`combined_delta`]); combining then prices nothing again.

use std::collections::{BTreeMap, BTreeSet};

use crate::cost::{estimate_horizon, Estimate};
use crate::money::Money;
use crate::plan::{Component, Plan};
use crate::recovery::reuse::components_by_id;

fn unique_ids(plan: &Plan) -> bool {
    let mut seen = BTreeSet::new();
    plan.components.iter().all(|c| seen.insert(c.id()))
}

/// Whether a component's usage reads the plan's DR region (the cost engine's
/// replication, copies, cross-region backups, replica keys and replica tables).
fn uses_dr_region(c: &Component) -> bool {
    match c {
        Component::S3Bucket(b) => b.replication.is_some(),
        Component::DynamodbTable(t) => t.global_table.is_some(),
        Component::RdsInstance(r) => {
            r.cross_region_backups.is_some() || r.manual_snapshots.is_some()
        }
        Component::BackupPlan(p) => p.rules.iter().any(|r| r.copy_to_dr.is_some()),
        Component::KmsKey(k) => k.replica_in_dr_region,
        _ => false,
    }
}

/// Ids of the components whose cost can differ between `before` and `after`.
pub fn affected(before: &Plan, after: &Plan) -> BTreeSet<String> {
    let (old_by_id, new_by_id) = (components_by_id(before), components_by_id(after));
    let mut ids: BTreeSet<String> = BTreeSet::new();
    if before.dr_region != after.dr_region {
        for plan in [before, after] {
            ids.extend(
                plan.components.iter().filter(|c| uses_dr_region(c)).map(|c| c.id().to_string()),
            );
        }
    }
    for c in &after.components {
        if old_by_id.get(c.id()).copied() != Some(c) {
            ids.insert(c.id().to_string());
        }
    }
    for c in &before.components {
        if !new_by_id.contains_key(c.id()) {
            ids.insert(c.id().to_string());
        }
    }
    // AWS Backup usage is computed from the protected components: a changed component
    // brings the plans protecting it, and every plan in the set brings all it
    // protects (so that the plan costs in the sub-plan what it costs in the plan).
    let backup_plans = || {
        [before, after].into_iter().flat_map(|p| &p.components).filter_map(|c| {
            if let Component::BackupPlan(p) = c {
                Some(p)
            } else {
                None
            }
        })
    };
    let protecting: Vec<String> = backup_plans()
        .filter(|p| p.protects.iter().any(|x| ids.contains(x)))
        .map(|p| p.id.clone())
        .collect();
    ids.extend(protecting);
    let protected: Vec<String> = backup_plans()
        .filter(|p| ids.contains(&p.id))
        .flat_map(|p| p.protects.iter().cloned())
        .collect();
    ids.extend(protected);
    ids
}

fn sub_plan(plan: &Plan, ids: &BTreeSet<String>) -> Plan {
    let mut sub = plan.clone();
    sub.components.retain(|c| ids.contains(c.id()));
    sub
}

/// Whether any line of the given components depends on the rest of the account (a
/// free allowance it used, or a volume tier within reach): then their cost depends on
/// what else in the account uses it.
fn uses_free_allowance(e: &Estimate, ids: &BTreeSet<String>) -> bool {
    e.lines.iter().any(|l| l.account_dependent && ids.contains(&l.component))
}

/// The steady-state monthly cost of the components `ids` in `e`.
fn cost_of(e: &Estimate, ids: &BTreeSet<String>) -> Money {
    e.components.iter().filter(|c| ids.contains(&c.id)).map(|c| c.monthly).sum()
}

/// A delta found by the shortcut, with the sub-plan it priced.
pub struct Priced {
    pub delta: Money,
    /// The DR region of the changed plan (it shapes every cross-region cost).
    dr_region: Option<String>,
    /// The sub-plan's components (as changed) and their steady-state monthly cost.
    parts: BTreeMap<String, (Component, Money)>,
}

/// `after`'s steady-state monthly cost minus `before`'s, where `baseline` is the
/// estimate of `before`; `None` when only a full estimate can tell.
pub fn monthly_delta(before: &Plan, baseline: &Estimate, after: &Plan) -> Option<Priced> {
    let same_setting = before.primary_region == after.primary_region
        && before.pricing == after.pricing
        && before.horizon_months == after.horizon_months;
    if !same_setting || !unique_ids(before) || !unique_ids(after) {
        return None;
    }
    let ids = affected(before, after);
    let new = estimate_horizon(&sub_plan(after, &ids));
    if uses_free_allowance(baseline, &ids)
        || uses_free_allowance(&new, &ids)
        || baseline.components.len() != before.components.len()
    {
        return None;
    }
    let cost: BTreeMap<&str, Money> =
        new.components.iter().map(|c| (c.id.as_str(), c.monthly)).collect();
    let parts = after
        .components
        .iter()
        .filter(|c| ids.contains(c.id()))
        .map(|c| {
            (c.id().to_string(), (c.clone(), cost.get(c.id()).copied().unwrap_or(Money::ZERO)))
        })
        .collect();
    Some(Priced {
        delta: new.monthly_total.saturating_sub(cost_of(baseline, &ids)),
        dr_region: after.dr_region.clone(),
        parts,
    })
}

/// The delta of `combined`, a union of candidates already priced by the shortcut,
/// without pricing it: each component it touches costs what it cost in a candidate
/// whose whole sub-plan appears unchanged in `combined`. `None` when some component
/// has no such candidate.
pub fn combined_delta(
    before: &Plan,
    baseline: &Estimate,
    combined: &Plan,
    priced: &[&Priced],
) -> Option<Money> {
    let intact = |p: &&Priced| {
        p.dr_region == combined.dr_region
            && p.parts.iter().all(|(id, (c, _))| combined.component(id) == Some(c))
    };
    let usable: Vec<&Priced> = priced.iter().copied().filter(intact).collect();
    let ids = affected(before, combined);
    if uses_free_allowance(baseline, &ids) {
        return None;
    }
    let mut after = Money::ZERO;
    for id in &ids {
        let known = usable.iter().find_map(|p| p.parts.get(id).map(|(_, cost)| *cost));
        match (known, combined.component(id)) {
            (Some(cost), _) => after += cost,
            // A component gone from the combination costs nothing there.
            (None, None) => {}
            (None, Some(_)) => return None,
        }
    }
    Some(after.saturating_sub(cost_of(baseline, &ids)))
}
