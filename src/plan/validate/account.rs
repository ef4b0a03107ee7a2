//! AWS's rules for the backup account: the account itself, its vault and lock, and
//! every copy into it (AWS Backup copy actions, S3 replication). Each rule's AWS
//! sentence is quoted in its table test in `tests/aws_rules_account.rs`.

use super::Checker;
use crate::plan::regions::is_known_region;
use crate::plan::untrusted::quoted;
use crate::plan::{AccountVaultKind, BackupAccount, Component, VaultLockMode};

/// The longest retention Vault Lock accepts: "36500 days (approximately 100 years)".
const MAX_LOCK_DAYS: u32 = 36_500;
/// "Backup enforces a 72-hour cooling-off period … you must set ChangeableForDays to 3
/// or greater."
pub const MIN_CHANGEABLE_FOR_DAYS: u32 = 3;
/// The longest takeover of the backup account a plan may assume: a week.
const MAX_ACTIVATION_MINUTES: u32 = 10_080;

/// Checks `backup_account` and every copy that names it.
pub(super) fn check(c: &mut Checker) {
    let plan = c.plan;
    if let Some(account) = &plan.backup_account {
        account_fields(c, account);
    }
    let paths = std::rc::Rc::clone(&c.component_paths);
    for (component, at) in plan.components.iter().zip(paths.iter()) {
        match component {
            Component::BackupPlan(p) => {
                for (i, rule) in p.rules.iter().enumerate() {
                    if let Some(copy) = &rule.copy_to_backup_account {
                        copy_action(c, &format!("{at}.rules[{i}]"), copy.retention_days);
                    }
                }
            }
            Component::S3Bucket(b) if b.backup_account_replica.is_some() => {
                let r = format!("{at}.backup_account_replica");
                if plan.backup_account.is_none() {
                    c.error(r.clone(), "replicates into the backup account, but the plan has none: set backup_account");
                }
                if !b.versioning.enabled {
                    c.error(r.clone(), "S3 replication requires versioning: turn versioning on");
                }
                if b.backup_account_replica.as_ref().is_some_and(|x| !x.owner_override) {
                    c.warn(format!("{r}.owner_override"), "without the owner override the replicas stay owned by the source account, whose compromised credentials keep their object permissions; turn it on so the backup account owns them");
                }
            }
            _ => {}
        }
    }
}

fn account_fields(c: &mut Checker, account: &BackupAccount) {
    if !super::is_valid_id(&account.name) || account.name.len() > 20 {
        c.error(
            "backup_account.name",
            format!(
                "{}: 1–20 lowercase letters, digits and single hyphens, starting with a letter",
                quoted(&account.name)
            ),
        );
    }
    if let Some(id) = &account.account_id {
        if id.len() != 12 || !id.bytes().all(|b| b.is_ascii_digit()) {
            c.error(
                "backup_account.account_id",
                format!("{} is not a 12-digit AWS account id", quoted(id)),
            );
        }
    }
    if let Some(region) = &account.region {
        if !is_known_region(region) {
            c.error(
                "backup_account.region",
                format!("{} is not an AWS region code such as us-west-2", quoted(region)),
            );
        }
    }
    c.whole(
        &|| "backup_account.activation_minutes".into(),
        account.activation_minutes,
        0,
        MAX_ACTIVATION_MINUTES,
        "minutes",
    );
    let lock = account.vault.lock.as_ref();
    if account.vault.kind == AccountVaultKind::LogicallyAirGapped
        && lock.is_none_or(|l| l.mode != VaultLockMode::Compliance)
    {
        c.error(
            "backup_account.vault.lock",
            "a logically air-gapped vault is always locked in compliance mode: set the lock to compliance with its minimum and maximum retention",
        );
    }
    let Some(lock) = lock else { return };
    // CreateLogicallyAirGappedBackupVault, MinRetentionDays: "The minimum value
    // accepted is 7 days."
    let least = if account.vault.kind == AccountVaultKind::LogicallyAirGapped { 7 } else { 1 };
    c.whole(
        &|| "backup_account.vault.lock.min_retention_days".into(),
        lock.min_retention_days,
        least,
        MAX_LOCK_DAYS,
        "days",
    );
    if lock.max_retention_days < lock.min_retention_days || lock.max_retention_days > MAX_LOCK_DAYS
    {
        c.error(
            "backup_account.vault.lock.max_retention_days",
            format!(
                "is {}; must be between min_retention_days ({}) and {MAX_LOCK_DAYS} days",
                lock.max_retention_days, lock.min_retention_days
            ),
        );
    }
    if lock.mode == VaultLockMode::Compliance
        && account.vault.kind == AccountVaultKind::Standard
        && !(MIN_CHANGEABLE_FOR_DAYS..=MAX_LOCK_DAYS).contains(&lock.changeable_for_days)
    {
        c.error(
            "backup_account.vault.lock.changeable_for_days",
            format!(
                "is {}; AWS Backup enforces a 72-hour cooling-off period before a compliance-mode lock becomes immutable, so it must be {MIN_CHANGEABLE_FOR_DAYS} days or more",
                lock.changeable_for_days
            ),
        );
    }
}

/// A rule's `copy_to_backup_account` at `r` (the rule's path).
fn copy_action(c: &mut Checker, r: &str, retention_days: u32) {
    let at = format!("{r}.copy_to_backup_account");
    c.whole(&|| format!("{at}.retention_days"), retention_days, 1, MAX_LOCK_DAYS, "days");
    let Some(account) = &c.plan.backup_account else {
        c.error(at, "copies into the backup account, but the plan has none: set backup_account");
        return;
    };
    if !account.same_organization {
        c.error(at, "AWS Backup copies to another account only within one AWS Organization (cross-account backup is an organization setting): put the backup account in the workload's organization, or replicate instead");
        return;
    }
    if let Some(lock) = &account.vault.lock {
        if retention_days < lock.min_retention_days || retention_days > lock.max_retention_days {
            c.error(
                format!("{at}.retention_days"),
                format!(
                    "is {retention_days}; the backup account's vault lock fails copy jobs kept outside {}–{} days",
                    lock.min_retention_days, lock.max_retention_days
                ),
            );
        }
    }
}
