//! Targets and verdicts: each component's objective (by data class), its figures from
//! the paths found, and the plan's figure per scenario, which is its most limiting
//! component.

use std::fmt::Write as _;

use super::context::{Found, Path};
use super::range::{fmt_minutes, fmt_range, fmt_sum, Range};
use super::{ComponentOutcome, Measure, Scenario, ScenarioReport};
use crate::plan::{Component, Objective, Plan};

/// Tolerance of target comparisons: figures are sums of floats.
const EPSILON_MINUTES: f64 = 1e-6;

/// The objective a component is held to: its data class's, else the plan's. Every
/// component holding data has one, low-priority data included: looser objectives for
/// a class are set in `targets.by_data_class`, never assumed, so nothing passes silently.
pub fn objective_for(plan: &Plan, component: &Component) -> Option<Objective> {
    let class = component.data_class();
    Some(match class.and_then(|c| plan.targets.by_data_class.get(&c)) {
        Some(objective) => *objective,
        None => Objective {
            rpo_minutes: plan.targets.rpo_minutes,
            rto_minutes: plan.targets.rto_minutes,
        },
    })
}

/// Whether a worst case meets a target in minutes.
pub fn within(worst: f64, target_minutes: u32) -> bool {
    worst <= target_minutes as f64 + EPSILON_MINUTES
}

/// The path whose range is smallest in the worst case (then expected), for naming.
fn best_path(paths: &[Path], figure: impl Fn(&Path) -> Range) -> Option<&Path> {
    paths.iter().min_by(|a, b| {
        let (ra, rb) = (figure(a), figure(b));
        ra.worst.total_cmp(&rb.worst).then(ra.expected.total_cmp(&rb.expected))
    })
}

pub fn component_outcome(
    plan: &Plan,
    component: &Component,
    scenario: Scenario,
    found: Found,
    explain: bool,
) -> ComponentOutcome {
    let target = objective_for(plan, component);
    let mut explanation = Vec::new();
    for path in found.paths.iter().filter(|_| explain) {
        explanation.push(format!("{}: RPO {}: {}", path.name, fmt_range(path.rpo), path.rpo_basis));
        explanation.push(format!(
            "{}: RTO {} = {}",
            path.name,
            fmt_range(path.rto()),
            fmt_sum(&path.rto_parts)
        ));
    }
    let quickest = super::price::assumed_path(&found.paths);
    let rto_assumed = quickest.is_some_and(super::measured::assumed);
    if explain && !plan.drill_results.is_empty() {
        explanation.extend(quickest.map(super::measured::working_line));
    }
    let mut notes = found.notes;
    notes.dedup();
    if explain {
        explanation.extend(notes.iter().cloned());
    }
    let (rpo, rto, not_recoverable) = if found.paths.is_empty() {
        let reason = if notes.is_empty() {
            format!("nothing in the plan protects it against {}", scenario.label())
        } else {
            notes.join("; ")
        };
        (None, None, Some(reason))
    } else {
        let rpo = found.paths.iter().map(|p| p.rpo).reduce(Range::min).unwrap_or(Range::ZERO);
        let rto = found.paths.iter().map(Path::rto).reduce(Range::min).unwrap_or(Range::ZERO);
        let name = |figure: fn(&Path) -> Range| {
            best_path(&found.paths, figure).map_or(String::new(), |p| p.name.clone())
        };
        let (rpo_by, rto_by) = (name(|p| p.rpo), name(Path::rto));
        if explain && found.paths.len() > 1 {
            explanation.push(format!(
                "each case takes the best of {} paths: RPO {} (worst case via {rpo_by}), RTO {} (worst case via {rto_by})",
                found.paths.len(),
                fmt_range(rpo),
                fmt_range(rto)
            ));
        }
        (Some(rpo.rounded()), Some(rto.rounded()), None)
    };
    let meets = |figure: Option<Range>, goal: Option<u32>| match (figure, goal) {
        (_, None) => true,
        (Some(r), Some(t)) => within(r.worst, t),
        (None, Some(_)) => false,
    };
    ComponentOutcome {
        component: component.id().to_string(),
        kind: component.kind(),
        data_class: component.data_class(),
        target,
        meets_rpo: meets(rpo, target.map(|t| t.rpo_minutes)),
        meets_rto: meets(rto, target.map(|t| t.rto_minutes)),
        rpo_minutes: rpo,
        rto_minutes: rto,
        not_recoverable,
        explanation,
        recovery_cost: None,
        rto_assumed,
        paths: if explain { found.paths } else { Vec::new() },
    }
}

/// How far a component's worst case is from its target, as a share of the target:
/// above 1 misses. Unrecoverable counts as infinitely far.
fn ratio(c: &ComponentOutcome, measure: Measure) -> f64 {
    let (figure, target) = match measure {
        Measure::Rpo => (c.rpo_minutes, c.target.map(|t| t.rpo_minutes)),
        Measure::Rto => (c.rto_minutes, c.target.map(|t| t.rto_minutes)),
    };
    match (figure, target) {
        (_, None) => 0.0,
        (None, Some(_)) => f64::INFINITY,
        (Some(r), Some(t)) => r.worst / (t.max(1) as f64),
    }
}

/// The first component with the largest value of `key`.
fn most(
    components: &[ComponentOutcome],
    key: impl Fn(&ComponentOutcome) -> f64,
) -> Option<&ComponentOutcome> {
    components.iter().filter(|c| c.target.is_some()).fold(
        None,
        |best: Option<&ComponentOutcome>, c| match best {
            Some(b) if key(b) >= key(c) => Some(b),
            _ => Some(c),
        },
    )
}

/// The plan in one scenario. Without `explain`, figures and verdicts only.
///
/// `drilled`: the plan records drill results, so a target met only on assumed restore
/// figures is flagged.
pub fn scenario_report(
    scenario: Scenario,
    components: Vec<ComponentOutcome>,
    explain: bool,
    drilled: bool,
) -> ScenarioReport {
    let mut report = ScenarioReport {
        scenario,
        rpo_minutes: None,
        rto_minutes: None,
        meets_rpo: true,
        meets_rto: true,
        rpo_target_minutes: None,
        rto_target_minutes: None,
        rpo_margin_minutes: None,
        rto_margin_minutes: None,
        limiting_component: None,
        not_recoverable: None,
        explanation: Vec::new(),
        components: Vec::new(),
        recovery_cost: crate::money::Money::ZERO,
        rto_met_on_assumptions: false,
    };
    if components.is_empty() {
        report.explanation.push("no component holds data: nothing to lose or restore".into());
        return report;
    }
    let unrecoverable: Vec<&ComponentOutcome> =
        components.iter().filter(|c| c.target.is_some() && c.not_recoverable.is_some()).collect();
    if let Some(first) = unrecoverable.first() {
        // One text for every component's reason (a plan of 200 buckets lists 200).
        let mut reasons = String::new();
        for c in &unrecoverable {
            if !reasons.is_empty() {
                reasons.push_str(" | ");
            }
            let _ = write!(
                reasons,
                "{}: {}",
                c.component,
                c.not_recoverable.as_deref().unwrap_or_default()
            );
        }
        report.meets_rpo = false;
        report.meets_rto = false;
        report.limiting_component = Some(first.component.clone());
        report.rpo_target_minutes = first.target.map(|t| t.rpo_minutes);
        report.rto_target_minutes = first.target.map(|t| t.rto_minutes);
        report.explanation.push(format!("not recoverable: {reasons}"));
        report.not_recoverable = Some(reasons);
    } else if components.iter().all(|c| c.target.is_none()) {
        report.explanation.push("no component has a target (all are low priority without a class target): nothing to meet".into());
    } else {
        for measure in [Measure::Rpo, Measure::Rto] {
            let Some(limit) = most(&components, |c| ratio(c, measure)) else { continue };
            let (figure, target) = match measure {
                Measure::Rpo => (limit.rpo_minutes, limit.target.map_or(0, |t| t.rpo_minutes)),
                Measure::Rto => (limit.rto_minutes, limit.target.map_or(0, |t| t.rto_minutes)),
            };
            let Some(r) = figure else { continue };
            // `+ 0.0` turns a rounded -0.0 into 0.0 for the JSON output.
            let margin = ((target as f64 - r.worst) * 100.0).round() / 100.0 + 0.0;
            let meets = within(r.worst, target);
            if explain {
                let verdict = if meets {
                    format!("meets it with {} to spare", fmt_minutes(margin))
                } else {
                    format!("misses it by {}", fmt_minutes(-margin))
                };
                report.explanation.push(format!(
                    "{} {} limited by {}; target {}: {verdict}",
                    measure.label(),
                    fmt_range(r),
                    limit.component,
                    fmt_minutes(target as f64)
                ));
            }
            match measure {
                Measure::Rpo => {
                    (
                        report.rpo_minutes,
                        report.rpo_target_minutes,
                        report.rpo_margin_minutes,
                        report.meets_rpo,
                    ) = (Some(r), Some(target), Some(margin), meets)
                }
                Measure::Rto => {
                    (
                        report.rto_minutes,
                        report.rto_target_minutes,
                        report.rto_margin_minutes,
                        report.meets_rto,
                    ) = (Some(r), Some(target), Some(margin), meets)
                }
            }
        }
        // Every component is held to its own target, so the plan meets a target only
        // if all of them do (the limiting one decides, by construction).
        report.meets_rpo &= components.iter().all(|c| c.meets_rpo);
        report.meets_rto &= components.iter().all(|c| c.meets_rto);
        let assumed = super::measured::assumed_components(&components);
        if drilled && report.meets_rto && !assumed.is_empty() {
            report.rto_met_on_assumptions = true;
            if explain {
                report.explanation.push(format!(
                    "RTO target met only on assumed restore figures: no drill result for the restore of {}",
                    assumed.join(", ")
                ));
            }
        }
        report.limiting_component =
            most(&components, |c| ratio(c, Measure::Rpo).max(ratio(c, Measure::Rto)))
                .map(|c| c.component.clone());
    }
    report.recovery_cost =
        components.iter().filter_map(|c| c.recovery_cost.as_ref()).map(|c| c.total).sum();
    report.components = components;
    report
}
