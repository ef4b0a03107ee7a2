//! The fix search as a job for the app's Web Worker: the app sends the plan with a
//! generation number, the worker answers with the cheapest fixes for that generation.
//!
//! The search re-runs the cost and recovery engines on many changed copies of the plan,
//! so the app never runs it on its own thread: the always-visible figures use the cheap
//! assessment ([`crate::recovery::assess`]) and the fix list waits for this answer. The
//! generation lets the app drop answers about a plan that has changed since.

use serde::{Deserialize, Serialize};

use super::limits::read_plan_text;
use crate::cost::estimate;
use crate::recovery::{report, PlanChange, Scenario};

/// What the app asks for.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FixRequest {
    /// Echoed back: the app shows only the answer about its current plan.
    pub generation: u64,
    /// The plan in its file form.
    pub plan_json: String,
}

/// One verified fix, as the fix list shows it and applies it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FixOffer {
    /// The change in words.
    pub change: String,
    /// The change as data, for [`crate::recovery::apply_changes`].
    pub changes: Vec<PlanChange>,
    /// Steady-state monthly cost of the changed plan minus the plan's, in micro-dollars.
    pub monthly_cost_delta_micros: i64,
    /// The scenarios in which it meets a missed target, in words.
    pub scenarios: Vec<String>,
    /// The scenarios whose every target (RPO and RTO) it meets once applied, in words:
    /// only these may be called fixed.
    #[serde(default)]
    pub resolves: Vec<String>,
    /// The scenarios in which it meets one missed target while another still misses:
    /// an improvement, not a fix.
    #[serde(default)]
    pub improves: Vec<String>,
    /// Before → after of each fixed target, scenarios named in words.
    pub effects: Vec<String>,
}

/// What the worker answers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FixAnswer {
    pub generation: u64,
    /// Cheapest first.
    pub fixes: Vec<FixOffer>,
    /// Missed targets no fix meets, and any note on the search, in words.
    pub unfixed: Vec<String>,
    /// Why there is no answer, when the plan could not be read.
    pub error: Option<String>,
}

/// Runs the fix search for one request. Never panics; a plan that cannot be read (or
/// is past the limits) is an answer with an error.
pub fn search(request: &FixRequest) -> FixAnswer {
    let plan = match read_plan_text(&request.plan_json) {
        Ok(plan) => plan,
        Err(why) => {
            return FixAnswer {
                generation: request.generation,
                fixes: Vec::new(),
                unfixed: Vec::new(),
                error: Some(format!("the plan cannot be read: {why}")),
            }
        }
    };
    let (fixes, unfixed) = offers(report(&plan, &estimate(&plan)));
    FixAnswer { generation: request.generation, fixes, unfixed, error: None }
}

/// The fixes of a full recovery report as the fix list and the review report show
/// them, and the missed targets no fix meets, scenarios in words.
pub fn offers(found: crate::recovery::RecoveryReport) -> (Vec<FixOffer>, Vec<String>) {
    let missed = found.missed();
    let fixes = found
        .fixes
        .into_iter()
        .map(|fix| {
            // A scenario is resolved when every target it missed is among those
            // the fix meets (a fix never breaks a target the plan met).
            let (resolves, improves): (Vec<Scenario>, Vec<Scenario>) =
                fix.fixes_scenarios.iter().partition(|&&s| {
                    missed.iter().filter(|t| t.scenario == s).all(|t| fix.fixes_targets.contains(t))
                });
            let words = |v: Vec<Scenario>| v.iter().map(|s| s.label().to_string()).collect();
            FixOffer {
                change: fix.change,
                changes: fix.changes,
                monthly_cost_delta_micros: fix.monthly_cost_delta.micros(),
                scenarios: fix.fixes_scenarios.iter().map(|s| s.label().to_string()).collect(),
                resolves: words(resolves),
                improves: words(improves),
                effects: fix.effects.iter().map(|e| in_words(e)).collect(),
            }
        })
        .collect();
    (fixes, found.unfixed.iter().map(|u| in_words(u)).collect())
}

/// A line of the core's fix report with its leading scenario id (`region_loss RPO: …`)
/// in words (`Loss of the primary region, RPO: …`), for people rather than scripts.
pub fn in_words(line: &str) -> String {
    for s in Scenario::ALL {
        if let Some(rest) = line.strip_prefix(s.id()).and_then(|r| r.strip_prefix(' ')) {
            let label = s.label();
            let mut chars = label.chars();
            let capital: String =
                chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default();
            return format!("{capital}, {rest}");
        }
    }
    line.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::recovery::apply_changes;

    #[test]
    fn the_answer_is_the_cores_fixes_for_that_generation() {
        let plan = crate::presets::find("rds-pitr").unwrap().plan();
        let answer = search(&FixRequest { generation: 42, plan_json: plan.to_json_pretty() });
        assert_eq!(answer.generation, 42);
        assert_eq!(answer.error, None);
        let direct = report(&plan, &estimate(&plan));
        assert_eq!(answer.fixes.len(), direct.fixes.len());
        assert!(!answer.fixes.is_empty(), "rds-pitr misses AZ-loss RTO");
        for (offer, fix) in answer.fixes.iter().zip(&direct.fixes) {
            assert_eq!(offer.change, fix.change);
            // Applied, an offer costs what it says.
            let after = estimate(&apply_changes(&plan, &offer.changes)).monthly_total;
            let before = estimate(&plan).monthly_total;
            assert_eq!(after.micros() - before.micros(), offer.monthly_cost_delta_micros);
        }
        assert_eq!(answer.unfixed.len(), direct.unfixed.len());
    }

    #[test]
    fn a_fix_resolves_a_scenario_only_if_every_target_of_it_is_met_once_applied() {
        let plan = crate::presets::find("s3-glacier-backup").unwrap().plan();
        let answer = search(&FixRequest { generation: 1, plan_json: plan.to_json_pretty() });
        assert!(!answer.fixes.is_empty());
        for offer in &answer.fixes {
            let after = crate::recovery::assess(&apply_changes(&plan, &offer.changes));
            for s in &after.scenarios {
                let met = s.meets_rpo && s.meets_rto;
                let label = s.scenario.label().to_string();
                if offer.resolves.contains(&label) {
                    assert!(met, "{} claims to resolve {label} but it still misses", offer.change);
                }
                if offer.improves.contains(&label) {
                    assert!(!met, "{} improves {label}, which it in fact resolves", offer.change);
                }
            }
            for line in offer.effects.iter().chain(&answer.unfixed) {
                for s in Scenario::ALL {
                    assert!(!line.contains(s.id()), "scenario id in words shown to people: {line}");
                }
            }
        }
    }

    #[test]
    fn unreadable_or_oversized_plans_are_answers() {
        let answer = search(&FixRequest { generation: 3, plan_json: "{".into() });
        assert_eq!(answer.generation, 3);
        assert!(answer.error.unwrap().contains("cannot be read"));
        let mut plan = crate::plan::Plan::default();
        for _ in 0..=crate::plan::validate::MAX_COMPONENTS {
            plan.add_component(crate::plan::ComponentKind::S3Bucket);
        }
        let answer = search(&FixRequest { generation: 4, plan_json: plan.to_json_pretty() });
        assert!(answer.error.unwrap().contains("at most 200"));
    }
}
