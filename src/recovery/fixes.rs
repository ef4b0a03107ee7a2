//! Fixes: the cheapest plan changes that meet a missed target, found by trying them.
//!
//! For every missed target (a scenario's RPO or RTO), [`candidates`] proposes plan
//! changes for each component that misses it: the mechanisms of its kind the plan
//! does not use yet, stronger settings of those it uses, and the plan-wide pieces a
//! scenario needs (a DR region, Route 53 failover, a configuration backup). Each
//! candidate is applied to a copy of the plan and re-assessed; it is kept only if it
//! adds no validation error, breaks no target the plan met, and meets at least one
//! missed target. Only kept candidates are priced, with the full cost engine over the
//! plan's own horizon, so the (much cheaper) recovery check filters first.
//!
//! When no single change meets a target because several components miss it, the
//! cheapest change that fixes each component is combined and the combination
//! verified the same way. Targets nothing meets are listed as unfixed.
//!
//! The search is bounded whatever the plan's shape. Candidates grow polynomially
//! (per scenario and failing component: its own mechanisms, a new backup plan, and
//! changes to the few rules cheapest to change); components alike in settings,
//! protection and target share one set of tries, made for each member only when
//! combined; unaffected components' outcomes and simulated bucket sizes are reused
//! from one try to the next; and the search stops at [`MAX_EVALUATED`] candidates or
//! [`MAX_WORK`] units of counted work, reporting [`SearchStats::cut_short`].

mod account;
mod candidates;
mod groups;
mod pricing;
mod search;

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::changes::PlanChange;
use super::{Measure, RecoveryReport, Scenario};
use crate::cost::Estimate;
use crate::money::Money;
use crate::plan::Plan;
use candidates::key;
use search::{failing, Search, Tried};

/// Fixes kept per missed target, cheapest first.
const PER_TARGET: usize = 3;
/// Most fixes one report lists.
const MAX_FIXES: usize = 12;
/// Most candidates one search applies and re-assesses (besides one verified
/// combination per missed target).
pub const MAX_EVALUATED: usize = 800;
/// Most work units one search spends trying candidates (see `search.rs` for the
/// units: they follow the engines' real work on any shape of plan). With the plan
/// limits, the longest search stays well under a second native.
pub const MAX_WORK: u64 = 1_500_000;

/// A scenario's RPO or RTO target.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct TargetRef {
    pub scenario: Scenario,
    pub measure: Measure,
}

impl TargetRef {
    /// `region_loss.rpo`.
    pub fn id(self) -> String {
        format!("{}.{}", self.scenario.id(), self.measure.id())
    }
}

/// How a fix search went.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchStats {
    /// Distinct candidate changes generated for the missed targets.
    pub candidates: usize,
    /// Candidates applied to a copy of the plan and re-assessed.
    pub evaluated: usize,
    /// Work units spent, tries, pricing and validation together.
    pub work: u64,
    /// Whether the budget stopped the search before it tried every candidate: a
    /// missed target may then have a fix the search did not reach.
    pub cut_short: bool,
}

/// A verified change that meets at least one missed target.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Fix {
    /// The change in words.
    pub change: String,
    /// The change as data: [`super::apply_fix`] applies it.
    pub changes: Vec<PlanChange>,
    /// Steady-state monthly cost of the changed plan minus the plan's.
    pub monthly_cost_delta: Money,
    /// Scenarios in which the fix meets at least one missed target.
    pub fixes_scenarios: Vec<Scenario>,
    /// Exactly which missed targets it meets.
    pub fixes_targets: Vec<TargetRef>,
    /// Before → after of each fixed target, and what still misses in those scenarios.
    pub effects: Vec<String>,
}

/// What one fix search found, and how it went. Serialisable, so that a Web Worker can
/// run the search and hand the result back whole.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct FixSearch {
    /// Cheapest first, at most [`MAX_FIXES`].
    pub fixes: Vec<Fix>,
    /// Missed targets no candidate change met, in words.
    pub unfixed: Vec<String>,
    pub stats: SearchStats,
}

/// The cheapest verified fixes for every target `before` misses, and a line for each
/// missed target no candidate meets. `before` must be `assess(plan)` and `estimate`
/// the plan's own estimate: both are reused, not recomputed, so this is the one
/// expensive step of a recovery report and can run apart from the assessment (the web
/// app runs it off the UI thread). Its work is bounded whatever the plan's shape:
/// candidates are tried in an order that reaches every failing component early, and
/// the search stops at [`MAX_EVALUATED`] candidates or [`MAX_WORK`] units of work,
/// saying so in [`SearchStats::cut_short`].
pub fn fixes(plan: &Plan, before: &RecoveryReport, estimate: &Estimate) -> FixSearch {
    let missed = before.missed();
    if missed.is_empty() {
        return FixSearch::default();
    }
    let search = Search::new(plan, before, estimate);
    let generated = groups::candidates(plan, before, &missed);
    let order = generated.in_order();
    let mut tried: Vec<Tried> = Vec::new();
    // Key of each candidate tried → its index in `tried` if it was kept.
    let mut attempted: BTreeMap<String, Option<usize>> = BTreeMap::new();
    let mut attempt = |changes: &[PlanChange], tried: &mut Vec<Tried>| -> Option<Option<usize>> {
        let key = key(changes);
        if let Some(done) = attempted.get(&key) {
            return Some(*done);
        }
        if search.evaluated.get() >= MAX_EVALUATED || search.work.get() >= MAX_WORK {
            return None;
        }
        // Priced at once, so that the budget covers pricing too.
        let index = search.try_changes(changes.to_vec()).map(|t| {
            search.delta(&t);
            tried.push(t);
            tried.len() - 1
        });
        attempted.insert(key, index);
        Some(index)
    };
    // First, every group until its first member has a fix for each target it misses,
    // scenario by scenario (those with fewer groups first: a combination needs every
    // group); then the other candidates, which may be cheaper.
    for c in &generated.plan_wide {
        attempt(c, &mut tried);
    }
    'first: for scenario in generated.scenarios_in_order() {
        let groups: Vec<&groups::Group> =
            generated.groups.iter().filter(|g| g.scenario == scenario).collect();
        let mut needs: Vec<BTreeSet<Measure>> =
            groups.iter().map(|g| needed(before, &missed, scenario, &g.members[0])).collect();
        let longest = groups.iter().map(|g| g.options[0].len()).max().unwrap_or(0);
        for k in 0..longest {
            for (g, need) in groups.iter().zip(needs.iter_mut()) {
                let Some(changes) = g.options[0].get(k).filter(|_| !need.is_empty()) else {
                    continue;
                };
                let Some(result) = attempt(changes, &mut tried) else { break 'first };
                if let Some(t) = result.and_then(|i| tried.get(i)) {
                    need.retain(|&measure| {
                        let target = TargetRef { scenario, measure };
                        !t.fixed_components.contains(&(target, g.members[0].clone()))
                    });
                }
            }
        }
    }
    for changes in &order {
        if attempt(changes, &mut tried).is_none() {
            break;
        }
    }
    let cut_short = order.iter().any(|c| !attempted.contains_key(&key(c)));
    let kept: BTreeMap<String, usize> =
        attempted.into_iter().filter_map(|(k, i)| i.map(|i| (k, i))).collect();
    let mut unfixed = Vec::new();
    let mut chosen: Vec<usize> = Vec::new();
    for &target in &missed {
        let singles = search.rank(
            &tried,
            (0..tried.len()).filter(|&i| tried[i].fixed.contains(&target)).collect(),
            PER_TARGET,
        );
        if !singles.is_empty() {
            chosen.extend(singles);
            continue;
        }
        match combine(&search, &generated, &kept, &mut tried, target) {
            Some(index) => chosen.push(index),
            None => unfixed.push(format!(
                "{} {}: no candidate change {}",
                target.scenario.id(),
                target.measure.label(),
                if cut_short {
                    "tried meets it (the search stopped at its budget before trying them all)"
                } else {
                    "meets it"
                }
            )),
        }
    }
    let stats = SearchStats {
        candidates: order.len(),
        evaluated: search.evaluated.get(),
        work: search.work.get(),
        cut_short,
    };
    FixSearch { fixes: finish(&search, &tried, chosen), unfixed, stats }
}

/// The measures of `scenario` that component `id` misses among the missed targets.
fn needed(
    before: &RecoveryReport,
    missed: &[TargetRef],
    scenario: Scenario,
    id: &str,
) -> BTreeSet<Measure> {
    let outcome = before.scenario(scenario).and_then(|s| s.component(id));
    [Measure::Rpo, Measure::Rto]
        .into_iter()
        .filter(|&measure| missed.contains(&TargetRef { scenario, measure }))
        .filter(|measure| {
            outcome
                .is_some_and(|c| if *measure == Measure::Rpo { !c.meets_rpo } else { !c.meets_rto })
        })
        .collect()
}

/// When several components miss `target` and no single change meets it: the cheapest
/// tried fix of each group of like components, made for each of its members, combined
/// and verified like any candidate. The index of the combination in `tried`.
fn combine(
    search: &Search,
    generated: &groups::Candidates,
    kept: &BTreeMap<String, usize>,
    tried: &mut Vec<Tried>,
    target: TargetRef,
) -> Option<usize> {
    let mut best: BTreeMap<usize, Option<(usize, usize)>> = BTreeMap::new();
    let mut union: Vec<PlanChange> = Vec::new();
    for id in failing(search.before, target) {
        let (g, group) = generated
            .groups
            .iter()
            .enumerate()
            .find(|(_, g)| g.scenario == target.scenario && g.members.contains(&id))?;
        // (candidate number in the group, index in `tried`) of the group's cheapest fix.
        let (k, _) = (*best.entry(g).or_insert_with(|| {
            let first = &group.members[0];
            let options: Vec<(usize, usize)> = group.options[0]
                .iter()
                .enumerate()
                .filter_map(|(k, c)| kept.get(&key(c)).map(|&i| (k, i)))
                .filter(|&(_, i)| tried[i].fixed_components.contains(&(target, first.clone())))
                .collect();
            let ranked = search.rank(tried, options.iter().map(|o| o.1).collect(), 1);
            ranked.first().and_then(|&i| options.iter().copied().find(|o| o.1 == i))
        }))?;
        for change in group.for_member(&id, k)? {
            if !union.contains(change) {
                union.push(change.clone());
            }
        }
    }
    let combined = search.try_changes(union)?;
    if !combined.fixed.contains(&target) || !search.valid(&combined) {
        return None;
    }
    tried.push(combined);
    Some(tried.len() - 1)
}

/// The chosen candidates as fixes: each once, cheapest first, without fixes that cost
/// at least as much as an earlier one and meet nothing more, at most [`MAX_FIXES`].
fn finish(search: &Search, tried: &[Tried], chosen: Vec<usize>) -> Vec<Fix> {
    let mut seen = BTreeSet::new();
    let mut out: Vec<Fix> = chosen
        .into_iter()
        .filter(|&i| seen.insert(key(&tried[i].changes)))
        .map(|i| search.fix(&tried[i]))
        .collect();
    out.sort_by(|a, b| {
        a.monthly_cost_delta
            .cmp(&b.monthly_cost_delta)
            .then(a.changes.len().cmp(&b.changes.len()))
            .then(a.change.cmp(&b.change))
    });
    let mut kept: Vec<Fix> = Vec::new();
    for fix in out {
        if !kept.iter().any(|k| fix.fixes_targets.iter().all(|t| k.fixes_targets.contains(t))) {
            kept.push(fix);
        }
    }
    kept.truncate(MAX_FIXES);
    kept
}

/// `plan` with the fix applied: what the web app's one-click fix does.
pub fn apply_fix(plan: &Plan, fix: &Fix) -> Plan {
    super::apply_changes(plan, &fix.changes)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every component outcome's figures and verdicts, as text: what reuse must keep.
    fn figures(report: &RecoveryReport) -> Vec<String> {
        report
            .scenarios
            .iter()
            .flat_map(|s| {
                s.components.iter().map(move |c| {
                    format!(
                        "{:?} {} {:?} {:?} {} {}",
                        s.scenario,
                        c.component,
                        c.rpo_minutes,
                        c.rto_minutes,
                        c.meets_rpo,
                        c.meets_rto
                    )
                })
            })
            .collect()
    }

    /// A search's result survives the trip to and from a Web Worker as JSON.
    #[test]
    fn a_search_round_trips_through_json() {
        for preset in crate::presets::PRESETS {
            let plan = preset.plan();
            let before = crate::recovery::assess(&plan);
            let found = fixes(&plan, &before, &crate::cost::estimate_horizon(&plan));
            let json = serde_json::to_string(&found).unwrap();
            assert_eq!(serde_json::from_str::<FixSearch>(&json).unwrap(), found, "{}", preset.id);
        }
    }

    /// Reusing unaffected outcomes gives exactly the figures of a full assessment, for
    /// every candidate of every preset (and of the presets with their regions dropped,
    /// and with a backup account in another region that their buckets replicate to).
    #[test]
    fn reused_outcomes_match_a_full_assessment() {
        for preset in crate::presets::PRESETS {
            for variant in 0..3 {
                let mut plan = preset.plan();
                if variant == 1 {
                    plan.dr_region = None;
                }
                if variant == 2 {
                    plan.backup_account = Some(crate::plan::BackupAccount {
                        region: Some("eu-west-1".into()),
                        ..Default::default()
                    });
                    for c in &mut plan.components {
                        if let crate::plan::Component::S3Bucket(b) = c {
                            b.backup_account_replica = Some(Default::default());
                        }
                    }
                }
                let before = crate::recovery::assess(&plan);
                for changes in groups::candidates(&plan, &before, &before.missed()).all() {
                    let after_plan = crate::recovery::apply_changes(&plan, changes);
                    let Some(ids) = super::super::reuse::affected_data(&plan, &after_plan) else {
                        continue;
                    };
                    let reused =
                        super::super::assess_with(&after_plan, false, None, Some((&before, &ids)));
                    assert_eq!(
                        figures(&reused),
                        figures(&crate::recovery::assess(&after_plan)),
                        "{}: {}",
                        preset.id,
                        key(changes)
                    );
                }
            }
        }
    }
}
