//! The `backup_plan` component: an AWS Backup plan with its rules, vault lock and
//! the components it protects.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct BackupRule {
    /// Rule name (letters, digits, `-`, `_`, `.`). Default: "daily".
    pub name: String,
    /// Minutes between backups: 60 or more; a divisor of a day, a day, or a week. Default: 1440.
    pub frequency_minutes: u32,
    /// Hour of day (UTC) daily and weekly backups start. Default: 3.
    pub start_hour_utc: u32,
    /// Continuous backup (point-in-time restore) for RDS, Aurora and S3. Default: false.
    pub continuous: bool,
    /// Days a recovery point is kept. Default: 35.
    pub retention_days: u32,
    /// Days after which recovery points move to cold storage. Default: none.
    pub cold_storage_after_days: Option<u32>,
    /// Copy every recovery point to a vault in the DR region. Default: none.
    pub copy_to_dr: Option<CrossRegionCopy>,
    /// Copy every recovery point to the vault of the plan's backup account. Default: none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub copy_to_backup_account: Option<super::CrossAccountCopy>,
}

impl Default for BackupRule {
    fn default() -> Self {
        BackupRule {
            name: "daily".into(),
            frequency_minutes: 1440,
            start_hour_utc: 3,
            continuous: false,
            retention_days: 35,
            cold_storage_after_days: None,
            copy_to_dr: None,
            copy_to_backup_account: None,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CrossRegionCopy {
    /// Days the copy is kept in the DR vault. Default: 35.
    pub retention_days: u32,
}

impl Default for CrossRegionCopy {
    fn default() -> Self {
        CrossRegionCopy { retention_days: 35 }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VaultLockMode {
    /// Users with special permissions can still change or remove the lock.
    #[default]
    Governance,
    /// Nobody, not even the root user, can delete recovery points early.
    Compliance,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct VaultLock {
    pub mode: VaultLockMode,
    /// Default: 7.
    pub min_retention_days: u32,
    /// Default: 365.
    pub max_retention_days: u32,
}

impl Default for VaultLock {
    fn default() -> Self {
        VaultLock {
            mode: VaultLockMode::Governance,
            min_retention_days: 7,
            max_retention_days: 365,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct BackupPlan {
    pub id: String,
    /// Default: one daily rule kept 35 days.
    pub rules: Vec<BackupRule>,
    /// Default: none.
    pub vault_lock: Option<VaultLock>,
    /// Ids of the components this plan backs up.
    pub protects: Vec<String>,
    /// Id of an `sns_topic` told about failed backup and restore jobs. Default: none.
    pub notify_topic: Option<String>,
}

impl Default for BackupPlan {
    fn default() -> Self {
        BackupPlan {
            id: String::new(),
            rules: vec![BackupRule::default()],
            vault_lock: None,
            protects: Vec::new(),
            notify_topic: None,
        }
    }
}
