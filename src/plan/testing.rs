//! Recovery exercises a team runs on a schedule: restore tests (seed 004: "Weekly
//! Automated Tests — Restore small dataset from PITR") and DR drills ("Monthly DR
//! Drills — Simulate regional failure"). Each run performs the recovery the model
//! assumes for a scenario, on some of the plan's data, and costs what that recovery
//! costs; the estimate prices the schedule monthly.
//!
//! The list is meant to grow: a later version adds how a test runs (by hand, or by an
//! AWS Backup restore testing plan the export deploys) without changing what is here.

use serde::{Deserialize, Serialize};

use super::schedule_expr::DAYS_PER_MONTH;

/// The failure a test rehearses (the recovery model's scenarios).
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum RehearsedScenario {
    /// Restore data as after an accidental deletion or corruption.
    #[default]
    Deletion,
    AzLoss,
    /// Fail over to the DR region, as after the loss of the primary region.
    RegionLoss,
    AccountCompromise,
}

impl RehearsedScenario {
    pub fn id(self) -> &'static str {
        match self {
            RehearsedScenario::Deletion => "deletion",
            RehearsedScenario::AzLoss => "az_loss",
            RehearsedScenario::RegionLoss => "region_loss",
            RehearsedScenario::AccountCompromise => "account_compromise",
        }
    }
}

/// How often a test runs.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum TestFrequency {
    Weekly,
    #[default]
    Monthly,
    Quarterly,
    Yearly,
}

impl TestFrequency {
    pub fn id(self) -> &'static str {
        match self {
            TestFrequency::Weekly => "weekly",
            TestFrequency::Monthly => "monthly",
            TestFrequency::Quarterly => "quarterly",
            TestFrequency::Yearly => "yearly",
        }
    }

    /// Runs in an average month (365 ÷ 12 days).
    pub fn runs_per_month(self) -> f64 {
        match self {
            TestFrequency::Weekly => DAYS_PER_MONTH / 7.0,
            TestFrequency::Monthly => 1.0,
            TestFrequency::Quarterly => 1.0 / 3.0,
            TestFrequency::Yearly => 1.0 / 12.0,
        }
    }
}

/// Default of [`RecoveryTest::keep_restored_hours`]: an assumption (no source states
/// how long a team checks a restored copy before deleting it).
pub const DEFAULT_KEEP_RESTORED_HOURS: f64 = 1.0;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RecoveryTest {
    /// Name (letters, digits, `-`, `_`). Default: "restore-test".
    pub name: String,
    /// The scenario whose recovery a run performs. Default: deletion.
    pub scenario: RehearsedScenario,
    /// Default: monthly.
    pub frequency: TestFrequency,
    /// Ids of the components a run restores; empty for every component that holds data.
    pub components: Vec<String>,
    /// Share of each component's data a run restores, in percent (seed 004's "small
    /// dataset"). Default: 100.
    pub data_percent: f64,
    /// Hours restored databases are kept running for checks once restored, before they
    /// are deleted. Default: 1 (an assumption).
    pub keep_restored_hours: f64,
}

impl Default for RecoveryTest {
    fn default() -> Self {
        RecoveryTest {
            name: "restore-test".into(),
            scenario: RehearsedScenario::Deletion,
            frequency: TestFrequency::Monthly,
            components: Vec::new(),
            data_percent: 100.0,
            keep_restored_hours: DEFAULT_KEEP_RESTORED_HOURS,
        }
    }
}
