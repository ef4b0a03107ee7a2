//! The recovery model: what data loss (RPO) and downtime (RTO) a plan really gives in
//! each kind of disaster, whether that meets its targets, and the cheapest changes
//! that would.
//!
//! [`assess`] walks every component that holds data through four [`Scenario`]s.
//! Each of the component's mechanisms that survives a scenario is a recovery path
//! with a documented RPO and an RTO built from shown parts (detection, archive
//! retrieval, size ÷ restore throughput, the restore or failover step, stack
//! redeploy, DNS cut-over). Every figure cites its source ([`facts`]). A scenario no
//! mechanism survives is *not recoverable*, with the reason, never a silent pass.
//!
//! Figures are ranges (best / expected / worst). Each case takes the best path for
//! that case, since after an incident the team restores from whichever copy serves
//! best; targets are met when the worst case is within them. The plan's figure per
//! scenario is its most limiting component relative to that component's target.
//!
//! [`report`] adds [`Fix`]es: candidate plan changes, each applied to a copy of the
//! plan and re-run through the cost and recovery engines, kept only if they really
//! meet a missed target, ranked by monthly cost delta. [`apply_fix`] applies one.
//!
//! Pure: no IO, no UI; never panics on any plan, valid or not.

mod account;
mod assessing;
mod backup;
mod changes;
mod charges;
mod context;
mod databases;
pub mod facts;
mod fixes;
mod kept;
mod measured;
mod price;
pub mod range;
mod reuse;
mod scenario;
mod sizes;
mod storage;
mod strategy;

pub(crate) use assessing::{assess_taking, assess_with};

use serde::{Deserialize, Serialize};

pub use changes::{apply_changes, PlanChange};
pub use context::{Mechanism, Path};
pub use fixes::{
    apply_fix, fixes, Fix, FixSearch, SearchStats, TargetRef, MAX_EVALUATED, MAX_WORK,
};
pub use kept::{assess_reusing, KeptAssessment};
pub use measured::restore_mechanism;
pub use price::assumed_path;
pub use price::{RecoveryCharge, RecoveryCost, TestCost};
pub use range::{fmt_minutes, fmt_range, Part, Range, Stage};
pub use scenario::within;

use crate::cost::Estimate;
use crate::money::Money;
use crate::plan::{ComponentKind, DataClass, Objective, Plan};

/// A kind of disaster.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scenario {
    /// Accidental deletion or corruption of data (seed 004, scenario 2).
    Deletion,
    /// Loss of one Availability Zone (seed 001).
    AzLoss,
    /// Loss of the primary region (seed 004, scenario 1).
    RegionLoss,
    /// Compromise of the AWS account (seed 004, scenario 3).
    AccountCompromise,
}

impl Scenario {
    pub const ALL: [Scenario; 4] =
        [Scenario::Deletion, Scenario::AzLoss, Scenario::RegionLoss, Scenario::AccountCompromise];

    pub fn id(self) -> &'static str {
        match self {
            Scenario::Deletion => "deletion",
            Scenario::AzLoss => "az_loss",
            Scenario::RegionLoss => "region_loss",
            Scenario::AccountCompromise => "account_compromise",
        }
    }

    /// What the scenario is, in one line for people who have not read the seeds.
    pub fn explain(self) -> &'static str {
        match self {
            Scenario::Deletion => "Someone or something deletes or overwrites data by mistake; the region and account are fine.",
            Scenario::AzLoss => "One data centre group (Availability Zone) of the primary region goes down.",
            Scenario::RegionLoss => "The whole primary AWS region is unavailable; only copies elsewhere help.",
            Scenario::AccountCompromise => "An attacker controls the AWS account and can delete what it holds; only copies out of its reach help.",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Scenario::Deletion => "accidental deletion or corruption",
            Scenario::AzLoss => "loss of an Availability Zone",
            Scenario::RegionLoss => "loss of the primary region",
            Scenario::AccountCompromise => "compromise of the account",
        }
    }
}

/// One of the two objectives.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    Rpo,
    Rto,
}

impl Measure {
    pub fn id(self) -> &'static str {
        match self {
            Measure::Rpo => "rpo",
            Measure::Rto => "rto",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Measure::Rpo => "RPO",
            Measure::Rto => "RTO",
        }
    }
}

/// One data component in one scenario.
#[derive(Clone, Debug, PartialEq)]
pub struct ComponentOutcome {
    pub component: String,
    pub kind: ComponentKind,
    pub data_class: Option<DataClass>,
    /// The objective it is held to; none for low-priority data without a class target.
    pub target: Option<Objective>,
    /// Worst-case data loss; `None` when not recoverable.
    pub rpo_minutes: Option<Range>,
    /// Time until it is back; `None` when not recoverable.
    pub rto_minutes: Option<Range>,
    /// True when the worst case is within the target, or there is no target.
    pub meets_rpo: bool,
    pub meets_rto: bool,
    pub not_recoverable: Option<String>,
    /// The working: every path's RPO and RTO with sources, and notes on what does not help.
    pub explanation: Vec<String>,
    /// The one-off cost of the recovery the model assumes (the path with the best
    /// worst-case RTO); `None` when not recoverable or assessed without the working.
    pub recovery_cost: Option<RecoveryCost>,
    /// Whether its RTO (the quickest path in the worst case) rests on a restore figure
    /// no recorded drill measured.
    pub rto_assumed: bool,
    /// Every path that recovers it (empty when assessed without the working): what
    /// the runbook turns into steps.
    pub paths: Vec<Path>,
}

/// The plan in one scenario.
#[derive(Clone, Debug, PartialEq)]
pub struct ScenarioReport {
    pub scenario: Scenario,
    /// The RPO of the component furthest from its RPO target; `None` when not recoverable.
    pub rpo_minutes: Option<Range>,
    pub rto_minutes: Option<Range>,
    pub meets_rpo: bool,
    pub meets_rto: bool,
    /// The target the shown figure is compared with (the limiting component's).
    pub rpo_target_minutes: Option<u32>,
    pub rto_target_minutes: Option<u32>,
    /// Target minus worst case: negative when missed.
    pub rpo_margin_minutes: Option<f64>,
    pub rto_margin_minutes: Option<f64>,
    pub limiting_component: Option<String>,
    pub not_recoverable: Option<String>,
    pub explanation: Vec<String>,
    pub components: Vec<ComponentOutcome>,
    /// The one-off cost of performing the recovery: every component's assumed path.
    pub recovery_cost: Money,
    /// The plan records drill results and meets the RTO target here, but some
    /// component's figure rests on a restore no drill measured.
    pub rto_met_on_assumptions: bool,
}

impl ScenarioReport {
    pub fn meets(&self, measure: Measure) -> bool {
        match measure {
            Measure::Rpo => self.meets_rpo,
            Measure::Rto => self.meets_rto,
        }
    }

    pub fn figure(&self, measure: Measure) -> Option<Range> {
        match measure {
            Measure::Rpo => self.rpo_minutes,
            Measure::Rto => self.rto_minutes,
        }
    }

    pub fn component(&self, id: &str) -> Option<&ComponentOutcome> {
        self.components.iter().find(|c| c.component == id)
    }
}

/// Disaster-recovery strategies of the AWS Well-Architected DR whitepaper, plus
/// `none` for a plan that keeps nothing outside its primary region.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Strategy {
    None,
    BackupAndRestore,
    PilotLight,
    WarmStandby,
    MultiSite,
}

impl Strategy {
    pub fn id(self) -> &'static str {
        match self {
            Strategy::None => "none",
            Strategy::BackupAndRestore => "backup_and_restore",
            Strategy::PilotLight => "pilot_light",
            Strategy::WarmStandby => "warm_standby",
            Strategy::MultiSite => "multi_site",
        }
    }

    /// The strategy's name as AWS's Well-Architected guidance writes it.
    pub fn label(self) -> &'static str {
        match self {
            Strategy::None => "No DR strategy",
            Strategy::BackupAndRestore => "Backup and restore",
            Strategy::PilotLight => "Pilot light",
            Strategy::WarmStandby => "Warm standby",
            Strategy::MultiSite => "Multi-site active/active",
        }
    }

    /// What the strategy means, in one line.
    pub fn explain(self) -> &'static str {
        match self {
            Strategy::None => "Nothing survives the loss of the primary region.",
            Strategy::BackupAndRestore => "Data is copied elsewhere; after a disaster the systems are rebuilt and the data restored (hours).",
            Strategy::PilotLight => "Data is replicated live and the core is ready in the DR region; the rest is started on failover (tens of minutes).",
            Strategy::WarmStandby => "A scaled-down but running copy waits in the DR region and is scaled up on failover (minutes).",
            Strategy::MultiSite => "Both regions serve traffic all the time; losing one loses almost nothing (seconds).",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct StrategyAssessment {
    pub strategy: Strategy,
    /// One line on why.
    pub why: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct RecoveryReport {
    pub strategy: StrategyAssessment,
    /// One per scenario, in [`Scenario::ALL`] order.
    pub scenarios: Vec<ScenarioReport>,
    /// Cheapest first; empty from [`assess`].
    pub fixes: Vec<Fix>,
    /// Missed targets no candidate change meets, said out loud.
    pub unfixed: Vec<String>,
    /// How the fix search went; `None` from [`assess`], which runs none.
    pub fix_search: Option<SearchStats>,
    /// The plan's scheduled restore tests and DR drills, priced for a month.
    pub testing: Vec<TestCost>,
    /// All of `testing` for a month.
    pub testing_monthly: Money,
}

impl RecoveryReport {
    pub fn scenario(&self, scenario: Scenario) -> Option<&ScenarioReport> {
        self.scenarios.iter().find(|s| s.scenario == scenario)
    }

    /// Every (scenario, objective) the plan misses.
    pub fn missed(&self) -> Vec<TargetRef> {
        let mut out = Vec::new();
        for s in &self.scenarios {
            for measure in [Measure::Rpo, Measure::Rto] {
                if !s.meets(measure) {
                    out.push(TargetRef { scenario: s.scenario, measure });
                }
            }
        }
        out
    }
}

/// Achieved RPO and RTO per scenario and the strategy, without fixes. Cheap: no cost
/// estimate; S3 buckets are simulated only where a restore needs their size.
pub fn assess(plan: &Plan) -> RecoveryReport {
    assess_with(plan, true, None, None)
}

/// The full recovery report: [`assess`] plus the cheapest [`fixes`] for every missed
/// target, priced against `estimate` (the plan's own estimate, already computed).
pub fn report(plan: &Plan, estimate: &Estimate) -> RecoveryReport {
    let mut report = assess(plan);
    let search = fixes(plan, &report, estimate);
    report.fixes = search.fixes;
    report.unfixed = search.unfixed;
    report.fix_search = Some(search.stats);
    report
}
