//! The fix list as people read it: each verified fix of the recovery report with the
//! scenarios it resolves (every missed target met) apart from those it only improves,
//! its cost change, and the core's scenario ids in words. The app's fix list (through
//! the fix-search worker), the CLI and the review report all show these.

use serde::{Deserialize, Serialize};

use crate::recovery::{PlanChange, Scenario};

/// One verified fix, as the fix list shows it and applies it. `Apply` is how it is
/// applied: the changes as data everywhere but in the fix-search worker's answer to
/// the app, which carries the changed plan instead ([`FixOffer::applied_to`]).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FixOffer<Apply = Vec<PlanChange>> {
    /// The change in words.
    pub change: String,
    /// The change as data, for [`crate::recovery::apply_changes`].
    pub changes: Apply,
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

impl FixOffer {
    /// The same offer carrying `plan` with the fix applied, in its file form, instead
    /// of the changes: what the fix-search worker sends the app, which then applies a
    /// fix by reading that plan with the reader it has anyway. Reading the changes
    /// themselves (an internally tagged enum) was ~50 KB of the app's WebAssembly.
    pub fn applied_to(self, plan: &crate::plan::Plan) -> FixOffer<AppliedPlan> {
        let applied = crate::recovery::apply_changes(plan, &self.changes);
        FixOffer {
            change: self.change,
            changes: AppliedPlan { plan_json: applied.to_json_pretty() },
            monthly_cost_delta_micros: self.monthly_cost_delta_micros,
            scenarios: self.scenarios,
            resolves: self.resolves,
            improves: self.improves,
            effects: self.effects,
        }
    }
}

/// A plan with a fix applied, in its file form (see [`FixOffer::applied_to`]).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AppliedPlan {
    pub plan_json: String,
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
