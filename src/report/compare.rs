//! Two plans compared: what the app's review mode, `drplan diff` and the tests all show.
//! Cost by component and by line, the worst-case RPO and RTO per scenario with their
//! targets, and which verdicts changed. One implementation; renderings are in
//! `compare_text.rs` (table, Markdown) and here (`comparison_json_value`).

use serde_json::{json, Value};

use crate::cost::Estimate;
use crate::money::Money;
use crate::recovery::{fmt_minutes, Measure, RecoveryReport, Scenario};

/// A cost before and after; `None` where the thing does not exist on that side.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CostChange {
    pub before: Option<Money>,
    pub after: Option<Money>,
}

impl CostChange {
    /// After minus before, a missing side counting as zero.
    pub fn delta(&self) -> Money {
        self.after.unwrap_or_default().saturating_sub(self.before.unwrap_or_default())
    }

    /// Whether the amount moved by at least a cent, or appeared or went away.
    pub fn changed(&self) -> bool {
        self.before.is_some() != self.after.is_some() || self.delta().cents() != 0
    }

    /// Which way it moved, for styling: `up` (costs more), `down` or `""`.
    pub fn direction(&self) -> &'static str {
        match self.delta().cents().signum() {
            1 => "up",
            -1 => "down",
            _ => "",
        }
    }

    /// `+$1.25`, `-$0.40` or `no change`: the change in words.
    pub fn delta_text(&self) -> String {
        if self.changed() {
            self.delta().display_signed()
        } else {
            "no change".into()
        }
    }
}

/// One component's monthly cost on either side.
#[derive(Clone, Debug, PartialEq)]
pub struct ComponentChange {
    pub id: String,
    /// The kind's human label (from the new plan where it exists there).
    pub kind: &'static str,
    pub cost: CostChange,
}

/// One cost line (component, item, price id) on either side.
#[derive(Clone, Debug, PartialEq)]
pub struct LineChange {
    pub component: String,
    pub item: String,
    pub price_id: String,
    pub cost: CostChange,
}

/// A recovery time (minutes, worst case) before and after; `None`: not recoverable.
#[derive(Clone, Debug, PartialEq)]
pub struct ObjectiveChange {
    pub scenario: Scenario,
    pub measure: Measure,
    pub before: Option<f64>,
    pub after: Option<f64>,
    pub target_before: Option<u32>,
    pub target_after: Option<u32>,
    pub meets_before: bool,
    pub meets_after: bool,
}

impl ObjectiveChange {
    /// Whether the pass/fail verdict against the target changed.
    pub fn verdict_changed(&self) -> bool {
        self.meets_before != self.meets_after
    }

    /// `better`, `worse` or `""` (the same, within a thousandth of a minute).
    pub fn direction(&self) -> &'static str {
        match (self.before, self.after) {
            (Some(b), Some(a)) if (a - b).abs() < 1e-3 => "",
            (Some(b), Some(a)) if a < b => "better",
            (Some(_), Some(_)) => "worse",
            (None, Some(_)) => "better",
            (Some(_), None) => "worse",
            (None, None) => "",
        }
    }

    /// `2 h better`, `now recoverable`, `no change`: the change in words (less is better).
    pub fn change_text(&self) -> String {
        match (self.before, self.after, self.direction()) {
            (_, _, "") => "no change".into(),
            (Some(b), Some(a), "better") => format!("{} better", fmt_minutes(b - a)),
            (Some(b), Some(a), _) => format!("{} worse", fmt_minutes(a - b)),
            (None, Some(_), _) => "now recoverable".into(),
            _ => "no longer recoverable".into(),
        }
    }
}

/// `meets` / `misses`, for a verdict.
pub fn verdict_word(meets: bool) -> &'static str {
    if meets {
        "meets"
    } else {
        "misses"
    }
}

/// A worst-case figure in words: `15 min` or `not recoverable`.
pub fn minutes_text(minutes: Option<f64>) -> String {
    minutes.map_or("not recoverable".into(), fmt_minutes)
}

/// A target in words: `1 h` or `none`.
pub fn target_text(minutes: Option<u32>) -> String {
    minutes.map_or("none".into(), |m| fmt_minutes(f64::from(m)))
}

/// Everything that differs between a base plan and a new one (and what does not).
#[derive(Clone, Debug, PartialEq)]
pub struct PlanComparison {
    pub base_name: String,
    pub new_name: String,
    pub base_sheet: String,
    pub new_sheet: String,
    pub total: CostChange,
    /// Components in the base plan's order, then those only the new plan has.
    pub components: Vec<ComponentChange>,
    /// Lines in the base plan's order, then those only the new plan has.
    pub lines: Vec<LineChange>,
    /// Every scenario, RPO then RTO; empty when either side has no recovery report.
    pub recovery: Vec<ObjectiveChange>,
}

impl PlanComparison {
    /// The objectives whose verdict changed.
    pub fn verdict_changes(&self) -> impl Iterator<Item = &ObjectiveChange> {
        self.recovery.iter().filter(|o| o.verdict_changed())
    }

    /// Whether nothing a reviewer would see differs.
    pub fn is_unchanged(&self) -> bool {
        !self.total.changed()
            && self.components.iter().all(|c| !c.cost.changed())
            && self.lines.iter().all(|l| !l.cost.changed())
            && self.recovery.iter().all(|o| o.direction().is_empty() && !o.verdict_changed())
    }
}

/// Merges two keyed lists: base order first, then keys only `new` has.
#[allow(clippy::type_complexity)]
fn merged<'a, T, K: PartialEq>(
    base: &'a [T],
    new: &'a [T],
    key: impl Fn(&T) -> K,
) -> Vec<(K, Option<&'a T>, Option<&'a T>)> {
    let mut out: Vec<(K, Option<&'a T>, Option<&'a T>)> = Vec::new();
    for b in base {
        let k = key(b);
        if !out.iter().any(|(seen, _, _)| *seen == k) {
            let n = new.iter().find(|n| key(n) == k);
            out.push((k, Some(b), n));
        }
    }
    for n in new {
        let k = key(n);
        if !out.iter().any(|(seen, _, _)| *seen == k) {
            out.push((k, None, Some(n)));
        }
    }
    out
}

fn objective(
    report: &RecoveryReport,
    scenario: Scenario,
    measure: Measure,
) -> (Option<f64>, Option<u32>, bool) {
    let Some(s) = report.scenario(scenario) else {
        return (None, None, false);
    };
    let target = match measure {
        Measure::Rpo => s.rpo_target_minutes,
        Measure::Rto => s.rto_target_minutes,
    };
    (s.figure(measure).map(|r| r.worst), target, s.meets(measure))
}

/// Compares a base plan's estimate and recovery report with a new plan's. Lines are
/// matched by (component, item, price id); a line whose cost sums several tiers with
/// the same key keeps them apart by order of appearance.
pub fn compare(
    base: (&Estimate, Option<&RecoveryReport>),
    new: (&Estimate, Option<&RecoveryReport>),
) -> PlanComparison {
    let (base_estimate, base_recovery) = base;
    let (new_estimate, new_recovery) = new;
    let components = merged(&base_estimate.components, &new_estimate.components, |c| c.id.clone())
        .into_iter()
        .map(|(id, b, n)| ComponentChange {
            id,
            kind: n.or(b).map_or("", |c| c.kind.label()),
            cost: CostChange { before: b.map(|c| c.monthly), after: n.map(|c| c.monthly) },
        })
        .collect();
    let line_key =
        |lines: &[crate::cost::CostLine]| -> Vec<((String, String, String, usize), Money)> {
            let mut keyed: Vec<((String, String, String, usize), Money)> = Vec::new();
            for l in lines {
                let base = (l.component.to_string(), l.item.to_string(), l.price_id.to_string());
                let nth = keyed
                    .iter()
                    .filter(|(k, _)| (&k.0, &k.1, &k.2) == (&base.0, &base.1, &base.2))
                    .count();
                keyed.push(((base.0, base.1, base.2, nth), l.monthly));
            }
            keyed
        };
    let lines =
        merged(&line_key(&base_estimate.lines), &line_key(&new_estimate.lines), |l| l.0.clone())
            .into_iter()
            .map(|((component, item, price_id, _), b, n)| LineChange {
                component,
                item,
                price_id,
                cost: CostChange { before: b.map(|l| l.1), after: n.map(|l| l.1) },
            })
            .collect();
    let recovery = match (base_recovery, new_recovery) {
        (Some(before), Some(after)) => Scenario::ALL
            .iter()
            .flat_map(|s| [(*s, Measure::Rpo), (*s, Measure::Rto)])
            .map(|(scenario, measure)| {
                let (b, tb, mb) = objective(before, scenario, measure);
                let (a, ta, ma) = objective(after, scenario, measure);
                ObjectiveChange {
                    scenario,
                    measure,
                    before: b,
                    after: a,
                    target_before: tb,
                    target_after: ta,
                    meets_before: mb,
                    meets_after: ma,
                }
            })
            .collect(),
        _ => Vec::new(),
    };
    PlanComparison {
        base_name: base_estimate.plan_name.clone(),
        new_name: new_estimate.plan_name.clone(),
        base_sheet: base_estimate.price_sheet.clone(),
        new_sheet: new_estimate.price_sheet.clone(),
        total: CostChange {
            before: Some(base_estimate.monthly_total),
            after: Some(new_estimate.monthly_total),
        },
        components,
        lines,
        recovery,
    }
}

fn usd(m: Option<Money>) -> Value {
    m.map_or(Value::Null, |m| json!(m.as_f64()))
}

fn cost_json(c: &CostChange) -> Value {
    json!({
        "before_usd": usd(c.before),
        "after_usd": usd(c.after),
        "delta_usd": c.delta().as_f64(),
        "changed": c.changed(),
    })
}

/// The JSON contract of `drplan diff --format json`: every component, every changed
/// line, every objective, and the verdict changes.
pub fn comparison_json_value(c: &PlanComparison) -> Value {
    let objective_json = |o: &ObjectiveChange| {
        json!({
            "scenario": o.scenario.id(),
            "label": o.scenario.label(),
            "objective": o.measure.id(),
            "before_minutes": o.before,
            "after_minutes": o.after,
            "target_before_minutes": o.target_before,
            "target_after_minutes": o.target_after,
            "meets_before": o.meets_before,
            "meets_after": o.meets_after,
            "change": o.direction(),
        })
    };
    json!({
        "base": { "plan": c.base_name, "price_sheet": c.base_sheet },
        "new": { "plan": c.new_name, "price_sheet": c.new_sheet },
        "monthly_total": cost_json(&c.total),
        "components": c.components.iter().map(|x| {
            let mut v = cost_json(&x.cost);
            v["id"] = json!(x.id);
            v["kind"] = json!(x.kind);
            v
        }).collect::<Vec<_>>(),
        "lines": c.lines.iter().filter(|l| l.cost.changed()).map(|l| {
            let mut v = cost_json(&l.cost);
            v["component"] = json!(l.component);
            v["item"] = json!(l.item);
            v["price_id"] = json!(l.price_id);
            v
        }).collect::<Vec<_>>(),
        "recovery": c.recovery.iter().map(objective_json).collect::<Vec<_>>(),
        "verdict_changes": c.verdict_changes().map(objective_json).collect::<Vec<_>>(),
        "unchanged": c.is_unchanged(),
    })
}
