//! The backup account: a second AWS account that holds copies the workload's own
//! account cannot delete or re-encrypt, so that a compromise of that account (stolen
//! administrator credentials, ransomware) still leaves something to restore from.
//!
//! The plan names the account once ([`BackupAccount`]); each protection mechanism then
//! says whether it copies into it: an AWS Backup rule's `copy_to_backup_account`
//! ([`CrossAccountCopy`]) and an S3 bucket's `backup_account_replica`
//! ([`AccountReplica`]). AWS's rules about them are in `validate/account.rs`.

use serde::{Deserialize, Serialize};

use super::{StorageClass, VaultLockMode};

/// Default minutes to take over the backup account once a compromise is known.
pub const DEFAULT_ACTIVATION_MINUTES: u32 = 30;

/// What kind of AWS Backup vault receives the copies in the backup account.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AccountVaultKind {
    /// A standard backup vault, encrypted with a KMS key of the backup account.
    #[default]
    Standard,
    /// A logically air-gapped vault: always locked in compliance mode, encrypted by
    /// default with an AWS-owned key, and shareable with a recovery account.
    LogicallyAirGapped,
}

impl AccountVaultKind {
    pub fn label(self) -> &'static str {
        match self {
            AccountVaultKind::Standard => "standard vault",
            AccountVaultKind::LogicallyAirGapped => "logically air-gapped vault",
        }
    }
}

/// AWS Backup Vault Lock on the backup account's vault.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AccountVaultLock {
    /// Default: compliance (nobody can delete recovery points early once the lock date
    /// has passed).
    pub mode: VaultLockMode,
    /// Default: 7.
    pub min_retention_days: u32,
    /// Default: 365.
    pub max_retention_days: u32,
    /// Compliance mode only: days before the lock becomes immutable (the grace time),
    /// at least 3. Default: 3.
    pub changeable_for_days: u32,
}

impl Default for AccountVaultLock {
    fn default() -> Self {
        AccountVaultLock {
            mode: VaultLockMode::Compliance,
            min_retention_days: 7,
            max_retention_days: 365,
            changeable_for_days: 3,
        }
    }
}

/// The vault in the backup account that AWS Backup copies into.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AccountVault {
    /// Default: standard.
    pub kind: AccountVaultKind,
    /// Default: none (a logically air-gapped vault needs one, in compliance mode).
    pub lock: Option<AccountVaultLock>,
}

/// A second AWS account that holds the plan's cross-account copies.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct BackupAccount {
    /// A short label for the account, used in resource names ("backup").
    pub name: String,
    /// The 12-digit account id; none leaves it an input of the exported bundles.
    pub account_id: Option<String>,
    /// Region of the vault and replica buckets. Default: none, the plan's primary region.
    pub region: Option<String>,
    /// Whether the account belongs to the same AWS Organization as the workload's
    /// account (AWS Backup copies across accounts only within one). Default: true.
    pub same_organization: bool,
    /// Minutes to take over the backup account in an incident (break-glass sign-in,
    /// roles, quotas): the plan's own runbook figure. Default: 30.
    pub activation_minutes: u32,
    pub vault: AccountVault,
}

impl Default for BackupAccount {
    fn default() -> Self {
        BackupAccount {
            name: "backup".into(),
            account_id: None,
            region: None,
            same_organization: true,
            activation_minutes: DEFAULT_ACTIVATION_MINUTES,
            vault: AccountVault::default(),
        }
    }
}

impl BackupAccount {
    /// The region the account's copies live in.
    pub fn region_or<'a>(&'a self, primary: &'a str) -> &'a str {
        self.region.as_deref().unwrap_or(primary)
    }
}

/// An AWS Backup rule's copy action into the backup account's vault.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CrossAccountCopy {
    /// Days the copy is kept in the backup account. Default: 35.
    pub retention_days: u32,
}

impl Default for CrossAccountCopy {
    fn default() -> Self {
        CrossAccountCopy { retention_days: 35 }
    }
}

/// S3 replication of a bucket into a bucket in the backup account.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AccountReplica {
    /// Storage class of the replicas. Default: Standard-IA.
    pub storage_class: StorageClass,
    /// S3 Replication Time Control (99.99% of objects within 15 minutes). Default: false.
    pub replication_time_control: bool,
    /// Make the backup account the owner of the replicas (the owner override), so the
    /// source account keeps no access to them. Default: true.
    pub owner_override: bool,
}

impl Default for AccountReplica {
    fn default() -> Self {
        AccountReplica {
            storage_class: StorageClass::StandardIa,
            replication_time_control: false,
            owner_override: true,
        }
    }
}
