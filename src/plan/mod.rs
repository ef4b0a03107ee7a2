//! The plan: a versioned, serialisable description of a backup and DR design.
//!
//! A plan is plain data. It is read from and written to JSON (the CLI's plan files,
//! the web app's autosave and share links all use the same form), checked by
//! [`validate`], and consumed by the cost, recovery and export engines. Nothing here
//! does IO.

mod account;
pub mod admit;
mod backup;
mod component;
mod databases;
mod decision;
pub mod deployment;
mod drills;
mod edit;
pub mod limits;
mod load;
mod operations;
pub mod reads;
mod recovery;
pub mod regions;
pub mod schedule_expr;
mod storage;
mod testing;
pub mod untrusted;
pub mod validate;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub use account::{
    AccountReplica, AccountVault, AccountVaultKind, AccountVaultLock, BackupAccount,
    CrossAccountCopy, DEFAULT_ACTIVATION_MINUTES,
};
pub use backup::{BackupPlan, BackupRule, CrossRegionCopy, VaultLock, VaultLockMode};
pub use component::{Component, ComponentKind};
pub use databases::{
    AuroraCluster, AuroraEngine, BackupSchedule, CrossRegionBackups, DynamoDbTable, GlobalTable,
    ManualSnapshots, Pitr, RdsEngine, RdsInstance,
};
pub use decision::{
    check_date, Decision, DecisionRecord, MAX_DECISION_TEXT_CHARS, MAX_OWNER_CHARS,
};
pub use deployment::{ExportSettings, KeyCase, ModuleDefault, Naming, Network, VpcSource};
pub use drills::{is_iso_date, DrillResult, RestoreMechanism};
pub use limits::MAX_PLAN_BYTES;
pub use load::{parse_plan, LoadError};
pub use operations::{
    Alarm, AlarmMetric, Architecture, ConfigBackup, DnsFailover, KmsKey, LambdaFunction,
    LambdaTask, MirrorTarget, Monitoring, Schedule, SnsTopic, VpcEndpoints,
};
pub use recovery::{
    RecoverySettings, RetrievalTier, DEFAULT_DETECTION_MINUTES, DEFAULT_MANUAL_CUTOVER_MINUTES,
    DEFAULT_RESTORE_THROUGHPUT_GB_PER_HOUR,
};
pub use storage::{
    Encryption, ExistingManagement, GlacierClass, Lifecycle, Replication, S3Bucket, StorageClass,
    Versioning,
};
pub use testing::{RecoveryTest, RehearsedScenario, TestFrequency, DEFAULT_KEEP_RESTORED_HOURS};
pub use validate::{validate, Diagnostic, Severity};

/// The plan-file format this build reads and writes.
pub const SCHEMA_VERSION: u32 = 1;
/// Default projection horizon of the month-by-month ledger.
pub const DEFAULT_HORIZON_MONTHS: u32 = 36;
/// Longest projection horizon accepted.
pub const MAX_HORIZON_MONTHS: u32 = 120;

/// How important a component's data is; data classes may carry their own targets (seed 004).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DataClass {
    Critical,
    Important,
    LowPriority,
}

impl DataClass {
    pub const ALL: [DataClass; 3] =
        [DataClass::Critical, DataClass::Important, DataClass::LowPriority];

    pub fn id(self) -> &'static str {
        match self {
            DataClass::Critical => "critical",
            DataClass::Important => "important",
            DataClass::LowPriority => "low_priority",
        }
    }
}

/// Recovery point and recovery time objectives, in minutes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Objective {
    pub rpo_minutes: u32,
    pub rto_minutes: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Targets {
    /// Default: 60 (one hour).
    pub rpo_minutes: u32,
    /// Default: 240 (four hours).
    pub rto_minutes: u32,
    /// Optional tighter or looser objectives per data class (seed 004: critical,
    /// important, low priority). A component whose class has no entry is held to the
    /// plan's objectives.
    pub by_data_class: BTreeMap<DataClass, Objective>,
}

impl Default for Targets {
    fn default() -> Self {
        Targets { rpo_minutes: 60, rto_minutes: 240, by_data_class: BTreeMap::new() }
    }
}

/// Which price sheet to use, and any unit prices the user overrides by price id.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PricingChoice {
    /// `seed-documented` (default) or `aws-list-2026`.
    pub sheet: String,
    /// Price id → USD per unit.
    pub overrides: BTreeMap<String, f64>,
    /// Apply the account's always-free allowances (Lambda's million requests, 10
    /// CloudWatch alarms, 20,000 KMS requests, 25 GB of DynamoDB storage…). Default:
    /// false, because a DR plan usually shares its account with the workload it
    /// protects, whose own usage takes those allowances first.
    pub apply_free_tier: bool,
}

impl PricingChoice {
    /// The chosen sheet (the default one if the id is unknown, which validation
    /// reports) with the valid overrides.
    pub fn prices(&self) -> Option<crate::pricing::Prices> {
        crate::pricing::Prices::for_choice(&self.sheet, &self.overrides)
    }
}

impl Default for PricingChoice {
    fn default() -> Self {
        PricingChoice {
            sheet: crate::pricing::DEFAULT_SHEET_ID.into(),
            overrides: BTreeMap::new(),
            apply_free_tier: false,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Plan {
    pub schema_version: u32,
    pub name: String,
    /// Default: us-east-1.
    pub primary_region: String,
    /// Region for replicas and copies; none for a single-region design. Default: us-west-2.
    pub dr_region: Option<String>,
    pub targets: Targets,
    pub pricing: PricingChoice,
    /// Months the ledger projects. Default: 36, at most 120.
    pub horizon_months: u32,
    /// Free-text notes shown with the estimate (presets list where the seed's own figures disagree).
    pub notes: Vec<String>,
    /// Read each by its `kind`, as [`load::parse_plan`] reads them, rather than
    /// through `Component`'s derived, internally tagged reader: that reader buffers
    /// every component (losing the error's path) and was ~50 KB of the web app's
    /// WebAssembly for a path `parse_plan` never takes.
    #[serde(deserialize_with = "load::components_by_kind")]
    pub components: Vec<Component>,
    /// Settings of the recovery model (detection time, restore throughput, retrieval
    /// tier, manual cut-over). Optional; left out of saved plans while at the defaults.
    #[serde(skip_serializing_if = "RecoverySettings::is_default")]
    pub recovery: RecoverySettings,
    /// The VPC of the plan's databases, endpoints and VPC functions (exports only).
    /// Optional; left out of saved plans while at the default (an existing VPC).
    #[serde(skip_serializing_if = "Network::is_default")]
    pub network: Network,
    /// How the exported bundles name their inputs and resources (exports only).
    /// Optional; left out of saved plans while at the defaults.
    #[serde(skip_serializing_if = "ExportSettings::is_default")]
    pub export: ExportSettings,
    /// Restore tests and DR drills run on a schedule; priced monthly. Default: none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub recovery_tests: Vec<RecoveryTest>,
    /// Restore durations measured in drills, per component and mechanism; the
    /// recovery model uses them instead of its documented figures. Default: none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub drill_results: Vec<DrillResult>,
    /// A second AWS account for copies the workload's account cannot delete (backup
    /// rules' `copy_to_backup_account`, buckets' `backup_account_replica`). Default: none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub backup_account: Option<BackupAccount>,
    /// The review board's decision on this design (decision, owner, date, reasons),
    /// printed in the report. Default: none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decision: Option<DecisionRecord>,
}

impl Default for Plan {
    fn default() -> Self {
        Plan {
            schema_version: SCHEMA_VERSION,
            name: "Untitled plan".into(),
            primary_region: "us-east-1".into(),
            dr_region: Some("us-west-2".into()),
            targets: Targets::default(),
            pricing: PricingChoice::default(),
            horizon_months: DEFAULT_HORIZON_MONTHS,
            notes: Vec::new(),
            components: Vec::new(),
            recovery: RecoverySettings::default(),
            network: Network::default(),
            export: ExportSettings::default(),
            recovery_tests: Vec::new(),
            drill_results: Vec::new(),
            backup_account: None,
            decision: None,
        }
    }
}

impl Plan {
    /// Whether `other` is the same plan outside its components.
    pub fn same_outside_components(&self, other: &Plan) -> bool {
        self.pricing == other.pricing && self.same_outside_components_and_prices(other)
    }

    /// Whether `other` is the same plan outside its components and the prices chosen
    /// (`pricing`): what usage models read, which bill quantities that prices are
    /// applied to afterwards. Every field is named, so a new setting of the plan
    /// cannot be left out of the comparison.
    pub fn same_outside_components_and_prices(&self, other: &Plan) -> bool {
        let Plan {
            schema_version,
            name,
            primary_region,
            dr_region,
            targets,
            pricing: _,
            horizon_months,
            notes,
            components: _,
            recovery,
            network,
            export,
            recovery_tests,
            drill_results,
            backup_account,
            decision,
        } = self;
        *schema_version == other.schema_version
            && *name == other.name
            && *primary_region == other.primary_region
            && *dr_region == other.dr_region
            && *targets == other.targets
            && *horizon_months == other.horizon_months
            && *notes == other.notes
            && *recovery == other.recovery
            && *network == other.network
            && *export == other.export
            && *recovery_tests == other.recovery_tests
            && *drill_results == other.drill_results
            && *backup_account == other.backup_account
            && *decision == other.decision
    }

    pub fn component(&self, id: &str) -> Option<&Component> {
        self.components.iter().find(|c| c.id() == id)
    }

    /// The plan as pretty JSON, the form plan files are saved in. Deterministic.
    pub fn to_json_pretty(&self) -> String {
        // Serialising plain structs with string keys cannot fail.
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}
