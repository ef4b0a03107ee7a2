//! Plan-wide settings of the recovery model: the parts of a recovery time that depend
//! on how the team works rather than on any one component (how soon a problem is
//! noticed, how fast restores write data, which archive retrieval tier is paid for,
//! how long a manual DNS change takes). Every field has a documented default, so a plan
//! file without `recovery` loads unchanged.

use serde::{Deserialize, Serialize};

/// Speed of retrievals from S3 Glacier Flexible Retrieval and Deep Archive, which a
/// restore must wait for before archived objects can be read.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum RetrievalTier {
    /// Glacier Flexible Retrieval only, objects under 250 MB: 1–5 minutes (S3 user guide).
    /// Deep Archive has no expedited tier; such restores use standard.
    Expedited,
    /// Glacier Flexible Retrieval 3–5 hours; Deep Archive within 12 hours (S3 user guide).
    #[default]
    Standard,
    /// Glacier Flexible Retrieval 5–12 hours; Deep Archive within 48 hours (S3 user guide).
    Bulk,
}

impl RetrievalTier {
    pub fn id(self) -> &'static str {
        match self {
            RetrievalTier::Expedited => "expedited",
            RetrievalTier::Standard => "standard",
            RetrievalTier::Bulk => "bulk",
        }
    }
}

/// Default of [`RecoverySettings::detection_minutes`]: seed 004's mean time to detect ("< 5 minutes").
pub const DEFAULT_DETECTION_MINUTES: u32 = 5;
/// Default of [`RecoverySettings::restore_throughput_gb_per_hour`]. AWS publishes no
/// restore throughput (it says restore time grows with the data: "minutes to hours,
/// linear in database size"), so this is a planning assumption, meant to be replaced
/// by the figure of the team's own restore tests.
pub const DEFAULT_RESTORE_THROUGHPUT_GB_PER_HOUR: f64 = 100.0;
/// Default of [`RecoverySettings::manual_cutover_minutes`]: an assumption (no source
/// states how long a person takes to decide on a failover and repoint DNS).
pub const DEFAULT_MANUAL_CUTOVER_MINUTES: u32 = 60;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RecoverySettings {
    /// Minutes from the start of an incident until someone starts the recovery.
    /// Default: 5 (seed 004's mean time to detect).
    pub detection_minutes: u32,
    /// GB a restore writes per hour; restore time grows with data size at this rate.
    /// Default: 100 (an assumption: AWS states no figure).
    pub restore_throughput_gb_per_hour: f64,
    /// Retrieval tier used when a restore needs archived S3 objects. Default: standard.
    pub archive_retrieval: RetrievalTier,
    /// Minutes to point clients at a recovered copy by hand where no Route 53 failover
    /// does it (and after an account compromise, whose DNS the attacker holds).
    /// Default: 60 (an assumption).
    pub manual_cutover_minutes: u32,
}

impl Default for RecoverySettings {
    fn default() -> Self {
        RecoverySettings {
            detection_minutes: DEFAULT_DETECTION_MINUTES,
            restore_throughput_gb_per_hour: DEFAULT_RESTORE_THROUGHPUT_GB_PER_HOUR,
            archive_retrieval: RetrievalTier::Standard,
            manual_cutover_minutes: DEFAULT_MANUAL_CUTOVER_MINUTES,
        }
    }
}

impl RecoverySettings {
    /// Whether every field has its default; such settings are left out of saved plans.
    pub fn is_default(&self) -> bool {
        *self == RecoverySettings::default()
    }
}
