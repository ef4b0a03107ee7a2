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

mod candidates;
mod pricing;

use std::cell::OnceCell;
use std::collections::BTreeSet;

use serde::Serialize;

use super::changes::{apply_changes, PlanChange};
use super::range::fmt_minutes;
use super::storage::SizeCache;
use super::{assess_with, Measure, RecoveryReport, Scenario};
use crate::cost::Estimate;
use crate::money::Money;
use crate::plan::{validate, Plan, Severity};

/// Fixes kept per missed target, cheapest first.
const PER_TARGET: usize = 3;
/// Most fixes one report lists.
const MAX_FIXES: usize = 12;
/// Most candidates one search tries, and the most component assessments it spends
/// (candidates × data components), so that a plan of hundreds of components keeps
/// the app responsive; a search cut short says so.
const MAX_CANDIDATES: usize = 400;
const MAX_ASSESSMENTS: usize = 40_000;

/// A scenario's RPO or RTO target.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
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

/// A verified change that meets at least one missed target.
#[derive(Clone, Debug, PartialEq)]
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

/// A candidate applied and re-assessed.
struct Tried {
    changes: Vec<PlanChange>,
    plan: Plan,
    after: RecoveryReport,
    fixed: BTreeSet<TargetRef>,
    /// (missed target, component id) pairs whose component meets the target after.
    fixed_components: BTreeSet<(TargetRef, String)>,
    /// The monthly cost delta and, when the pricing shortcut found it, what it covers.
    delta: OnceCell<(Money, Option<pricing::Priced>)>,
    /// Whether it adds no validation error; checked only for candidates worth pricing.
    valid: OnceCell<bool>,
}

fn error_count(plan: &Plan) -> usize {
    validate(plan).iter().filter(|d| d.severity == Severity::Error).count()
}

/// The components that miss `target`, with a target of their own.
fn failing(before: &RecoveryReport, target: TargetRef) -> Vec<String> {
    before.scenario(target.scenario).map_or(Vec::new(), |s| {
        s.components
            .iter()
            .filter(|c| c.target.is_some())
            .filter(|c| match target.measure {
                Measure::Rpo => !c.meets_rpo,
                Measure::Rto => !c.meets_rto,
            })
            .map(|c| c.component.clone())
            .collect()
    })
}

struct Search<'a> {
    plan: &'a Plan,
    /// `before` without the working: outcomes reused in every re-assessment are
    /// cloned, and cloning their explanations would dominate a large plan's search.
    lean: RecoveryReport,
    /// Each missed target with the components that miss it, worked out once.
    failing: Vec<(TargetRef, Vec<String>)>,
    sizes: SizeCache,
    estimate: &'a Estimate,
    before: &'a RecoveryReport,
    missed: Vec<TargetRef>,
    errors_before: usize,
    baseline: Money,
}

impl Search<'_> {
    fn try_changes(&self, changes: Vec<PlanChange>) -> Option<Tried> {
        let plan = apply_changes(self.plan, &changes);
        let affected = super::reuse::affected_data(self.plan, &plan);
        let after = assess_with(
            &plan,
            false,
            Some(&self.sizes),
            affected.as_ref().map(|ids| (&self.lean, ids)),
        );
        // Never trade a target the plan meets for another.
        for s in &self.before.scenarios {
            for measure in [Measure::Rpo, Measure::Rto] {
                if s.meets(measure) && !after.scenario(s.scenario).is_some_and(|a| a.meets(measure))
                {
                    return None;
                }
            }
        }
        let fixed: BTreeSet<TargetRef> = self
            .missed
            .iter()
            .copied()
            .filter(|t| after.scenario(t.scenario).is_some_and(|s| s.meets(t.measure)))
            .collect();
        let mut fixed_components = BTreeSet::new();
        for (t, ids) in &self.failing {
            let Some(s) = after.scenario(t.scenario) else { continue };
            let by_id: std::collections::BTreeMap<&str, &super::ComponentOutcome> =
                s.components.iter().map(|c| (c.component.as_str(), c)).collect();
            for id in ids {
                let meets = by_id.get(id.as_str()).is_some_and(|c| match t.measure {
                    Measure::Rpo => c.meets_rpo,
                    Measure::Rto => c.meets_rto,
                });
                if meets {
                    fixed_components.insert((*t, id.clone()));
                }
            }
        }
        if fixed.is_empty() && fixed_components.is_empty() {
            return None;
        }
        Some(Tried {
            changes,
            plan,
            after,
            fixed,
            fixed_components,
            delta: OnceCell::new(),
            valid: OnceCell::new(),
        })
    }

    /// A candidate must not add a validation error (a fix the app applies must leave
    /// the plan deployable if it was).
    fn valid(&self, tried: &Tried) -> bool {
        *tried.valid.get_or_init(|| error_count(&tried.plan) <= self.errors_before)
    }

    /// Monthly cost delta, priced once and only when needed.
    fn delta(&self, tried: &Tried) -> Money {
        tried
            .delta
            .get_or_init(|| match pricing::monthly_delta(self.plan, self.estimate, &tried.plan) {
                Some(priced) => (priced.delta, Some(priced)),
                None => (
                    crate::cost::estimate_horizon(&tried.plan)
                        .monthly_total
                        .saturating_sub(self.baseline),
                    None,
                ),
            })
            .0
    }

    /// The `want` cheapest valid candidates among `indices`, cheapest first, then by
    /// fewer changes, then by words. Candidates that are another one plus changes
    /// that only add cost are dropped unpriced: they cannot be cheaper. Validation
    /// runs only on the candidates about to be returned; should one of them fail it
    /// (generated candidates are meant to be valid), the ranking starts over with
    /// every candidate validated first, so that nothing is lost to a dominance by an
    /// invalid candidate.
    fn rank(&self, tried: &[Tried], indices: Vec<usize>, want: usize) -> Vec<usize> {
        let ordered = |indices: &[usize]| {
            // `b` is dominated by a different `a` when each change of `a` has a change
            // in `b` that costs at least as much, and `b`'s other changes only add cost.
            let dominated = |b: &Tried| {
                indices.iter().map(|&i| &tried[i]).any(|a| {
                    a.changes != b.changes
                        && a.changes.len() <= b.changes.len()
                        && a.changes.iter().all(|x| b.changes.iter().any(|y| x.no_dearer_than(y)))
                        && b.changes
                            .iter()
                            .filter(|y| !a.changes.iter().any(|x| x.no_dearer_than(y)))
                            .all(PlanChange::never_lowers_cost)
                })
            };
            let mut kept: Vec<usize> =
                indices.iter().copied().filter(|&i| !dominated(&tried[i])).collect();
            if kept.len() > 1 {
                kept.sort_by_cached_key(|&i| {
                    (self.delta(&tried[i]), tried[i].changes.len(), describe(&tried[i].changes))
                });
            }
            kept
        };
        let first = ordered(&indices);
        if first.iter().take(want).all(|&i| self.valid(&tried[i])) {
            return first.into_iter().take(want).collect();
        }
        let valid: Vec<usize> = indices.into_iter().filter(|&i| self.valid(&tried[i])).collect();
        ordered(&valid).into_iter().take(want).collect()
    }

    fn fix(&self, tried: &Tried) -> Fix {
        let fixes_targets: Vec<TargetRef> = tried.fixed.iter().copied().collect();
        let mut fixes_scenarios: Vec<Scenario> = fixes_targets.iter().map(|t| t.scenario).collect();
        fixes_scenarios.dedup();
        let figure = |report: &RecoveryReport, t: TargetRef| {
            report
                .scenario(t.scenario)
                .and_then(|s| s.figure(t.measure))
                .map_or("not recoverable".to_string(), |r| fmt_minutes(r.worst))
        };
        let mut effects: Vec<String> = fixes_targets
            .iter()
            .map(|&t| {
                format!(
                    "{} {}: {} → {}",
                    t.scenario.id(),
                    t.measure.label(),
                    figure(self.before, t),
                    figure(&tried.after, t)
                )
            })
            .collect();
        for &scenario in &fixes_scenarios {
            for measure in [Measure::Rpo, Measure::Rto] {
                let t = TargetRef { scenario, measure };
                if !tried.fixed.contains(&t) && self.missed.contains(&t) {
                    effects.push(format!(
                        "{} {}: still misses ({})",
                        scenario.id(),
                        measure.label(),
                        figure(&tried.after, t)
                    ));
                }
            }
        }
        Fix {
            change: describe(&tried.changes),
            changes: tried.changes.clone(),
            monthly_cost_delta: self.delta(tried),
            fixes_scenarios,
            fixes_targets,
            effects,
        }
    }
}

fn describe(changes: &[PlanChange]) -> String {
    changes.iter().map(PlanChange::describe).collect::<Vec<_>>().join("; ")
}

/// The cheapest verified fixes for every target `before` misses, and a line for each
/// missed target no candidate meets. `before` must be `assess(plan)` and `estimate`
/// the plan's own estimate: both are reused, not recomputed.
pub fn fixes(plan: &Plan, before: &RecoveryReport, estimate: &Estimate) -> (Vec<Fix>, Vec<String>) {
    let missed = before.missed();
    if missed.is_empty() {
        return (Vec::new(), Vec::new());
    }
    let search = Search {
        plan,
        lean: assess_with(plan, false, None, None),
        failing: missed.iter().map(|&t| (t, failing(before, t))).collect(),
        sizes: SizeCache::default(),
        estimate,
        before,
        errors_before: error_count(plan),
        baseline: estimate.monthly_total,
        missed: missed.clone(),
    };
    let all = candidates::candidates(plan, before, &missed);
    let data_components = plan.components.iter().filter(|c| c.holds_data()).count().max(1);
    let budget = (MAX_ASSESSMENTS / data_components).clamp(50, MAX_CANDIDATES);
    let mut unfixed = Vec::new();
    if all.len() > budget {
        unfixed.push(format!(
            "the fix search tried the first {budget} of {} candidate changes",
            all.len()
        ));
    }
    let mut tried: Vec<Tried> =
        all.into_iter().take(budget).filter_map(|c| search.try_changes(c)).collect();
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
        // Several components miss it: combine the cheapest fix of each, once every
        // one of them has some fix (before pricing anything).
        let options: Vec<Vec<usize>> = failing(before, target)
            .into_iter()
            .map(|id| {
                (0..tried.len())
                    .filter(|&i| tried[i].fixed_components.contains(&(target, id.clone())))
                    .collect()
            })
            .collect();
        let mut union: Vec<PlanChange> = Vec::new();
        let mut parts: Vec<usize> = Vec::new();
        if options.iter().all(|o| !o.is_empty()) {
            for o in options {
                if let Some(&best) = search.rank(&tried, o, 1).first() {
                    parts.push(best);
                    for change in &tried[best].changes {
                        if !union.contains(change) {
                            union.push(change.clone());
                        }
                    }
                }
            }
        }
        let combined = if union.is_empty() { None } else { search.try_changes(union) };
        match combined {
            Some(t) if t.fixed.contains(&target) && search.valid(&t) => {
                // Price the combination from its parts when the shortcut priced them.
                parts.iter().for_each(|&i| {
                    search.delta(&tried[i]);
                });
                let priced: Vec<&pricing::Priced> = parts
                    .iter()
                    .filter_map(|&i| tried[i].delta.get().and_then(|d| d.1.as_ref()))
                    .collect();
                if let Some(delta) = pricing::combined_delta(plan, estimate, &t.plan, &priced) {
                    let _ = t.delta.set((delta, None));
                }
                tried.push(t);
                chosen.push(tried.len() - 1);
            }
            _ => unfixed.push(format!(
                "{} {}: no candidate change meets it",
                target.scenario.id(),
                target.measure.label()
            )),
        }
    }
    let mut seen = BTreeSet::new();
    let mut out: Vec<Fix> = chosen
        .into_iter()
        .filter(|&i| seen.insert(describe(&tried[i].changes)))
        .map(|i| search.fix(&tried[i]))
        .collect();
    out.sort_by(|a, b| {
        a.monthly_cost_delta
            .cmp(&b.monthly_cost_delta)
            .then(a.changes.len().cmp(&b.changes.len()))
            .then(a.change.cmp(&b.change))
    });
    // A fix that costs at least as much as an earlier one and meets no target the
    // earlier one does not is noise: drop it.
    let mut kept: Vec<Fix> = Vec::new();
    for fix in out {
        if !kept.iter().any(|k| fix.fixes_targets.iter().all(|t| k.fixes_targets.contains(t))) {
            kept.push(fix);
        }
    }
    let mut out = kept;
    out.truncate(MAX_FIXES);
    (out, unfixed)
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

    /// Reusing unaffected outcomes gives exactly the figures of a full assessment, for
    /// every candidate of every preset (and of the presets with their regions dropped).
    #[test]
    fn reused_outcomes_match_a_full_assessment() {
        for preset in crate::presets::PRESETS {
            for drop_dr in [false, true] {
                let mut plan = preset.plan();
                if drop_dr {
                    plan.dr_region = None;
                }
                let before = crate::recovery::assess(&plan);
                for changes in candidates::candidates(&plan, &before, &before.missed()) {
                    let after_plan = apply_changes(&plan, &changes);
                    let Some(ids) = super::super::reuse::affected_data(&plan, &after_plan) else {
                        continue;
                    };
                    let reused = assess_with(&after_plan, false, None, Some((&before, &ids)));
                    assert_eq!(
                        figures(&reused),
                        figures(&crate::recovery::assess(&after_plan)),
                        "{}: {}",
                        preset.id,
                        describe(&changes)
                    );
                }
            }
        }
    }
}
