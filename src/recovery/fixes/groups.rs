//! Candidates grouped for the search: the components that miss a scenario's targets
//! alike share one group (their candidates do the same to each), and the order in
//! which the search tries them.

use std::collections::btree_map::Entry;
use std::collections::{BTreeMap, BTreeSet};

use super::candidates::{for_component, key, unique_id};
use super::TargetRef;
use crate::plan::{Component, Objective, Plan};
use crate::recovery::backup::protecting;
use crate::recovery::changes::PlanChange;
use crate::recovery::context::Ctx;
use crate::recovery::{RecoveryReport, Scenario};

/// The candidates for the components that miss one scenario's targets alike.
pub struct Group {
    pub scenario: Scenario,
    /// Ids of components with the same settings, the same protecting backup plans and
    /// the same target: every candidate does to each what it does to the first, so
    /// only the first one's candidates are tried.
    pub members: Vec<String>,
    /// Each member's candidates, index-aligned: `options[m][k]` is candidate `k` made
    /// for `members[m]` (the same change, naming that component).
    pub options: Vec<Vec<Vec<PlanChange>>>,
}

impl Group {
    /// Candidate `k` of the group, made for `member`.
    pub fn for_member(&self, member: &str, k: usize) -> Option<&Vec<PlanChange>> {
        let m = self.members.iter().position(|id| id == member)?;
        self.options.get(m)?.get(k)
    }
}

/// Every candidate for the targets a plan misses.
pub struct Candidates {
    /// Plan-wide pieces a scenario needs (Route 53 failover, configuration backup).
    pub plan_wide: Vec<Vec<PlanChange>>,
    pub groups: Vec<Group>,
}

impl Candidates {
    /// The distinct candidates to try, in the order the search tries them: the
    /// plan-wide ones, then round robin over the groups (each group's first candidate,
    /// then each one's second…), scenarios with fewer groups first, so that a budget
    /// spent early still gives every failing component its most likely fixes, and
    /// completes the scenarios whose fix needs the fewest tries.
    pub fn in_order(&self) -> Vec<&[PlanChange]> {
        let order = self.scenarios_in_order();
        let mut groups: Vec<&Group> = self.groups.iter().collect();
        groups.sort_by_key(|g| order.iter().position(|s| *s == g.scenario));
        let longest = groups.iter().map(|g| g.options[0].len()).max().unwrap_or(0);
        let round_robin =
            (0..longest).flat_map(|k| groups.iter().filter_map(move |g| g.options[0].get(k)));
        let mut seen = BTreeSet::new();
        self.plan_wide
            .iter()
            .chain(round_robin)
            .filter(|c| seen.insert(key(c)))
            .map(Vec::as_slice)
            .collect()
    }

    /// The scenarios with failing components, those with fewer groups first.
    pub fn scenarios_in_order(&self) -> Vec<Scenario> {
        let mut out: Vec<Scenario> = self.groups.iter().map(|g| g.scenario).collect();
        out.sort();
        out.dedup();
        out.sort_by_key(|s| self.groups.iter().filter(|g| g.scenario == *s).count());
        out
    }

    /// Every candidate of every member (for tests of what the search may apply).
    #[cfg(test)]
    pub fn all(&self) -> impl Iterator<Item = &Vec<PlanChange>> {
        self.plan_wide.iter().chain(self.groups.iter().flat_map(|g| g.options.iter().flatten()))
    }
}

/// What makes two components' candidates do the same: their settings without the id,
/// the backup plans protecting them, and their target.
fn likeness(ctx: &Ctx, component: &Component, target: Objective) -> String {
    let mut blank = component.clone();
    blank.set_id("");
    let plans: Vec<&str> = protecting(ctx, component.id()).map(|p| p.id.as_str()).collect();
    format!("{}|{plans:?}|{target:?}", serde_json::to_string(&blank).unwrap_or_default())
}

/// Every candidate change for the targets `before` misses. Polynomial in the plan:
/// per scenario and failing component, its own mechanisms, a new backup plan, and
/// changes to at most [`RULES_PER_COMPONENT`] rules.
pub fn candidates(plan: &Plan, before: &RecoveryReport, missed: &[TargetRef]) -> Candidates {
    let ctx = Ctx::new(plan, false, None);
    let mut out = Candidates { plan_wide: Vec::new(), groups: Vec::new() };
    let mut group_of: BTreeMap<(Scenario, String), usize> = BTreeMap::new();
    let scenarios: BTreeSet<Scenario> = missed.iter().map(|t| t.scenario).collect();
    for scenario in scenarios {
        let Some(report) = before.scenario(scenario) else { continue };
        for outcome in report.components.iter().filter(|c| !c.meets_rpo || !c.meets_rto) {
            let (Some(target), Some(component)) =
                (outcome.target, plan.component(&outcome.component))
            else {
                continue;
            };
            let options = for_component(&ctx, component, target.rpo_minutes, scenario);
            let id = component.id().to_string();
            match group_of.entry((scenario, likeness(&ctx, component, target))) {
                Entry::Occupied(g) => {
                    let group = &mut out.groups[*g.get()];
                    group.members.push(id);
                    group.options.push(options);
                }
                Entry::Vacant(slot) => {
                    slot.insert(out.groups.len());
                    out.groups.push(Group { scenario, members: vec![id], options: vec![options] });
                }
            }
        }
        match scenario {
            Scenario::RegionLoss if ctx.dns.is_none() => out
                .plan_wide
                .push(vec![PlanChange::AddDnsFailover { id: unique_id(plan, "dr-failover") }]),
            Scenario::AccountCompromise if ctx.config.is_none() => out
                .plan_wide
                .push(vec![PlanChange::AddConfigBackup { id: unique_id(plan, "config-backup") }]),
            _ => {}
        }
    }
    out
}
