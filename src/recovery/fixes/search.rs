//! One fix search: candidates applied to copies of the plan, re-assessed, priced and
//! ranked, with every step's work counted against the budget.
//!
//! Work is counted in units that follow what the engines really do, whatever the
//! plan's shape: re-assessing a data component costs one unit per scenario and per
//! recovery path through AWS Backup it has (each (rule, component) pair), pricing a
//! sub-plan costs one unit per component and pair it holds, validating the changed
//! plan one per component and pair, and copying the plan and matching its outcomes
//! with those before a few per component.

use std::cell::{Cell, OnceCell};
use std::collections::{BTreeMap, BTreeSet};

use super::candidates::key;
use super::{pricing, Fix, TargetRef};
use crate::cost::Estimate;
use crate::money::Money;
use crate::plan::{validate, Component, Plan, Severity, MAX_HORIZON_MONTHS};
use crate::recovery::changes::{apply_changes, PlanChange};
use crate::recovery::range::{fmt_minutes, Range};
use crate::recovery::reuse::{affected_data_from, Baseline};
use crate::recovery::sizes::SizeCache;
use crate::recovery::{assess_with, Measure, RecoveryReport, Scenario};

/// Worst-case RPO and RTO of each scenario, in `Scenario::ALL` order.
type Figures = Vec<(Option<Range>, Option<Range>)>;

/// A candidate applied and re-assessed. Only its changes and figures are kept (the
/// changed plan is rebuilt when it is priced or validated): a search keeps hundreds.
pub(super) struct Tried {
    pub changes: Vec<PlanChange>,
    figures: Figures,
    pub fixed: BTreeSet<TargetRef>,
    /// (missed target, component id) pairs whose component meets the target after.
    pub fixed_components: BTreeSet<(TargetRef, String)>,
    /// The monthly cost delta and, when the pricing shortcut found it, what it covers.
    delta: OnceCell<(Money, Option<pricing::Priced>)>,
    /// Whether it adds no validation error; checked only for candidates worth pricing.
    valid: OnceCell<bool>,
}

impl Tried {
    /// The plan with the candidate applied.
    pub fn plan(&self, base: &Plan) -> Plan {
        apply_changes(base, &self.changes)
    }
}

fn error_count(plan: &Plan) -> usize {
    validate(plan).iter().filter(|d| d.severity == Severity::Error).count()
}

/// The components that miss `target`, with a target of their own.
pub(super) fn failing(before: &RecoveryReport, target: TargetRef) -> Vec<String> {
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

/// Work units of copying a plan and matching its outcomes, per component (measured:
/// the clones and lookups of a try cost about as much per component as re-assessing
/// eight recovery paths).
const TRY_UNITS_PER_COMPONENT: u64 = 8;

/// Work units of pricing one weight unit (a component or a (rule, component) pair)
/// over a year of the horizon.
const PRICING_UNITS_PER_YEAR: u64 = 3;

/// Each component's weight in work units: one, plus one per (rule, component) pair
/// it is part of (a data component's recovery paths through AWS Backup, a backup
/// plan's piles of recovery points).
fn weights(plan: &Plan) -> BTreeMap<String, u64> {
    let mut out: BTreeMap<String, u64> =
        plan.components.iter().map(|c| (c.id().to_string(), 1)).collect();
    for c in &plan.components {
        if let Component::BackupPlan(p) = c {
            let rules = p.rules.len() as u64;
            *out.entry(p.id.clone()).or_default() += rules * p.protects.len() as u64;
            for id in &p.protects {
                if let Some(w) = out.get_mut(id) {
                    *w += rules;
                }
            }
        }
    }
    out
}

pub(super) struct Search<'a> {
    pub plan: &'a Plan,
    /// `before` without the working: outcomes reused in every re-assessment are
    /// cloned, and cloning their explanations would dominate a large plan's search.
    lean: RecoveryReport,
    /// Each missed target with the components that miss it and their place in the
    /// scenario's outcomes, worked out once.
    failing: Vec<(TargetRef, Vec<(String, usize)>)>,
    sizes: SizeCache,
    estimate: &'a Estimate,
    pub before: &'a RecoveryReport,
    pub missed: Vec<TargetRef>,
    errors_before: usize,
    baseline: Money,
    weights: BTreeMap<String, u64>,
    base: Baseline<'a>,
    /// Work units spent so far.
    pub work: Cell<u64>,
    /// Candidates applied and re-assessed so far.
    pub evaluated: Cell<usize>,
}

impl<'a> Search<'a> {
    pub fn new(plan: &'a Plan, before: &'a RecoveryReport, estimate: &'a Estimate) -> Search<'a> {
        let missed = before.missed();
        let place = |t: TargetRef, id: String| {
            let s = before.scenario(t.scenario);
            let p = s.and_then(|s| s.components.iter().position(|c| c.component == id));
            (id, p.unwrap_or(usize::MAX))
        };
        let search = Search {
            plan,
            lean: assess_with(plan, false, None, None),
            failing: missed
                .iter()
                .map(|&t| (t, failing(before, t).into_iter().map(|id| place(t, id)).collect()))
                .collect(),
            sizes: SizeCache::default(),
            estimate,
            before,
            missed,
            errors_before: error_count(plan),
            baseline: estimate.monthly_total,
            weights: weights(plan),
            base: Baseline::new(plan),
            work: Cell::new(0),
            evaluated: Cell::new(0),
        };
        // The lean assessment and the validation of the plan itself.
        search.spend(search.plan_work() + search.assessment_work(None));
        search
    }

    fn spend(&self, units: u64) {
        self.work.set(self.work.get().saturating_add(units));
    }

    fn weight(&self, id: &str) -> u64 {
        self.weights.get(id).copied().unwrap_or(1)
    }

    /// Copying or validating the whole plan.
    fn plan_work(&self) -> u64 {
        self.weights.values().sum::<u64>().max(1)
    }

    /// Re-assessing the data components in `ids` (all of them for `None`).
    fn assessment_work(&self, ids: Option<&BTreeSet<String>>) -> u64 {
        let scenarios = Scenario::ALL.len() as u64;
        self.plan
            .components
            .iter()
            .filter(|c| c.holds_data() && ids.is_none_or(|ids| ids.contains(c.id())))
            .map(|c| scenarios * self.weight(c.id()))
            .sum()
    }

    /// Applies `changes` and re-assesses the plan; `None` unless it meets at least one
    /// missed target (or makes one failing component meet it) without breaking a met one.
    pub fn try_changes(&self, changes: Vec<PlanChange>) -> Option<Tried> {
        self.evaluated.set(self.evaluated.get() + 1);
        let plan = apply_changes(self.plan, &changes);
        let affected = affected_data_from(&self.base, &plan);
        let copy = TRY_UNITS_PER_COMPONENT * self.plan.components.len() as u64;
        self.spend(copy + self.assessment_work(affected.as_ref()));
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
            for (id, position) in ids {
                // Outcomes keep their place in the changed plan's report.
                let outcome = match s.components.get(*position) {
                    Some(c) if c.component == *id => Some(c),
                    _ => s.component(id),
                };
                let meets = outcome.is_some_and(|c| match t.measure {
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
        let figures = after.scenarios.iter().map(|s| (s.rpo_minutes, s.rto_minutes)).collect();
        Some(Tried {
            changes,
            figures,
            fixed,
            fixed_components,
            delta: OnceCell::new(),
            valid: OnceCell::new(),
        })
    }

    /// A candidate must not add a validation error (a fix the app applies must leave
    /// the plan deployable if it was).
    pub fn valid(&self, tried: &Tried) -> bool {
        *tried.valid.get_or_init(|| {
            self.spend(self.plan_work());
            error_count(&tried.plan(self.plan)) <= self.errors_before
        })
    }

    /// Monthly cost delta, priced once and only when needed.
    pub fn delta(&self, tried: &Tried) -> Money {
        tried
            .delta
            .get_or_init(|| {
                let changed = tried.plan(self.plan);
                self.price(&changed)
            })
            .0
    }

    /// The monthly cost delta of `changed`, with what the shortcut priced.
    pub fn price(&self, changed: &Plan) -> (Money, Option<pricing::Priced>) {
        // Pricing simulates every month of the horizon.
        let years = u64::from(self.plan.horizon_months.clamp(1, MAX_HORIZON_MONTHS)).div_ceil(12);
        match pricing::monthly_delta(self.plan, self.estimate, changed) {
            Some(priced) => {
                self.spend(PRICING_UNITS_PER_YEAR * years * priced.size.max(1));
                (priced.delta, Some(priced))
            }
            None => {
                self.spend(PRICING_UNITS_PER_YEAR * years * self.plan_work());
                let after = crate::cost::estimate_horizon(changed).monthly_total;
                (after.saturating_sub(self.baseline), None)
            }
        }
    }

    /// The `want` cheapest valid candidates among `indices`, cheapest first, then by
    /// fewer changes, then by words. Candidates that are another one plus changes
    /// that only add cost are dropped: they cannot be cheaper. Validation
    /// runs only on the candidates about to be returned; should one of them fail it
    /// (generated candidates are meant to be valid), the ranking starts over with
    /// every candidate validated first, so that nothing is lost to a dominance by an
    /// invalid candidate.
    pub fn rank(&self, tried: &[Tried], indices: Vec<usize>, want: usize) -> Vec<usize> {
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
                    (self.delta(&tried[i]), tried[i].changes.len(), key(&tried[i].changes))
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

    pub fn fix(&self, tried: &Tried) -> Fix {
        let fixes_targets: Vec<TargetRef> = tried.fixed.iter().copied().collect();
        let mut fixes_scenarios: Vec<Scenario> = fixes_targets.iter().map(|t| t.scenario).collect();
        fixes_scenarios.dedup();
        let before: Figures =
            self.before.scenarios.iter().map(|s| (s.rpo_minutes, s.rto_minutes)).collect();
        let figure = |figures: &Figures, t: TargetRef| {
            let i = Scenario::ALL.iter().position(|s| *s == t.scenario);
            let pair = i.and_then(|i| figures.get(i));
            let range = pair.and_then(|p| if t.measure == Measure::Rpo { p.0 } else { p.1 });
            range.map_or("not recoverable".to_string(), |r| fmt_minutes(r.worst))
        };
        let mut effects: Vec<String> = fixes_targets
            .iter()
            .map(|&t| {
                format!(
                    "{} {}: {} → {}",
                    t.scenario.id(),
                    t.measure.label(),
                    figure(&before, t),
                    figure(&tried.figures, t)
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
                        figure(&tried.figures, t)
                    ));
                }
            }
        }
        Fix {
            change: key(&tried.changes),
            changes: tried.changes.clone(),
            monthly_cost_delta: self.delta(tried),
            fixes_scenarios,
            fixes_targets,
            effects,
        }
    }
}
