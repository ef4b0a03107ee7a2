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
use crate::recovery::report;
pub use crate::report::offers::{in_words, offers, AppliedPlan, FixOffer};

/// What the app asks for.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FixRequest {
    /// Echoed back: the app shows only the answer about its current plan.
    pub generation: u64,
    /// The plan in its file form.
    pub plan_json: String,
}

/// What the worker answers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FixAnswer {
    pub generation: u64,
    /// Cheapest first, each with the plan it makes (the app applies a fix by opening it).
    pub fixes: Vec<FixOffer<AppliedPlan>>,
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
    let fixes = fixes.into_iter().map(|offer| offer.applied_to(&plan)).collect();
    FixAnswer { generation: request.generation, fixes, unfixed, error: None }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::recovery::apply_changes;
    use crate::recovery::Scenario;

    fn applied(offer: &FixOffer<AppliedPlan>) -> crate::plan::Plan {
        crate::plan::parse_plan(&offer.changes.plan_json).unwrap()
    }

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
            // The plan the app opens to apply it is the core's changes applied, read
            // back from its file form.
            let fixed = applied(offer);
            assert_eq!(fixed, apply_changes(&plan, &fix.changes), "{}", offer.change);
            // Applied, an offer costs what it says.
            let after = estimate(&fixed).monthly_total;
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
            let after = crate::recovery::assess(&applied(offer));
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
