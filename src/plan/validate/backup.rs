//! Checks of AWS Backup plans: rule names, schedules, retention and cold storage,
//! copies, the vault lock, and what a plan protects.

use super::data::MAX_DAYS;
use super::rules::is_simple_name;
use super::Checker;
use crate::plan::limits::MAX_BACKUP_RULES;
use crate::plan::untrusted::quoted;
use crate::plan::{BackupPlan, ComponentKind};

/// Backup frequencies AWS Backup's cron schedules can express evenly.
fn is_supported_frequency(minutes: u32) -> bool {
    minutes >= 60 && minutes.is_multiple_of(60) && (1440 % minutes == 0 || minutes == 10_080)
}

pub(super) fn backup_plan(c: &mut Checker, at: &str, p: &BackupPlan) {
    if p.rules.is_empty() {
        c.error(format!("{at}.rules"), "a backup plan needs at least one rule");
    }
    let mut names = std::collections::BTreeSet::new();
    for (i, rule) in p.rules.iter().enumerate().take(MAX_BACKUP_RULES) {
        let r = format!("{at}.rules[{i}]");
        if !is_simple_name(&rule.name, 50) {
            c.error(format!("{r}.name"), "rule names are 1–50 letters, digits, '-', '_' or '.'");
        } else if !names.insert(rule.name.as_str()) {
            c.error(
                format!("{r}.name"),
                format!("{} names another rule of this plan already", quoted(&rule.name)),
            );
        }
        if rule.frequency_minutes < 60 {
            c.error(
                format!("{r}.frequency_minutes"),
                format!(
                    "is {}; AWS Backup runs at most hourly, so use 60 or more",
                    rule.frequency_minutes
                ),
            );
        } else if !is_supported_frequency(rule.frequency_minutes) {
            c.error(format!("{r}.frequency_minutes"), "must be whole hours dividing a day (60, 120, 180, 240, 360, 480, 720), a day (1440) or a week (10080)");
        }
        c.whole(&|| format!("{r}.start_hour_utc"), rule.start_hour_utc, 0, 23, "");
        if rule.continuous {
            c.whole(
                &|| format!("{r}.retention_days"),
                rule.retention_days,
                1,
                35,
                "days (continuous backups are kept 1–35 days)",
            );
            if rule.cold_storage_after_days.is_some() {
                c.error(
                    format!("{r}.cold_storage_after_days"),
                    "continuous backups cannot move to cold storage",
                );
            }
        } else {
            c.whole(&|| format!("{r}.retention_days"), rule.retention_days, 1, MAX_DAYS, "days");
        }
        if let Some(cold) = rule.cold_storage_after_days {
            if cold == 0 || cold > MAX_DAYS {
                c.error(
                    format!("{r}.cold_storage_after_days"),
                    format!("must be between 1 and {MAX_DAYS} days"),
                );
            } else if rule.retention_days < cold.saturating_add(90) {
                c.error(
                    format!("{r}.retention_days"),
                    format!("is {}; recovery points stay at least 90 days in cold storage, so keep them {} days or more", rule.retention_days, cold.saturating_add(90)),
                );
            }
            for id in &p.protects {
                if let Some(kind) = c.component(id).map(|k| k.kind()) {
                    if kind != ComponentKind::DynamodbTable {
                        c.warn(format!("{r}.cold_storage_after_days"), format!("AWS Backup keeps {} backups warm (no cold tier for {}): {} stays in warm storage", kind.label(), kind.id(), quoted(id)));
                    }
                }
            }
        }
        if let Some(copy) = &rule.copy_to_dr {
            c.needs_dr_region(&|| format!("{r}.copy_to_dr"), "A cross-region copy");
            c.whole(
                &|| format!("{r}.copy_to_dr.retention_days"),
                copy.retention_days,
                1,
                MAX_DAYS,
                "days",
            );
        }
        if rule.continuous {
            for id in &p.protects {
                if c.component(id).is_some_and(|k| k.kind() == ComponentKind::DynamodbTable) {
                    c.warn(format!("{r}.continuous"), format!("AWS Backup has no continuous backup for DynamoDB: {} gets periodic backups; use the table's own PITR for point-in-time restore", quoted(id)));
                }
            }
        }
        if let Some(lock) = &p.vault_lock {
            if rule.retention_days < lock.min_retention_days
                || rule.retention_days > lock.max_retention_days
            {
                c.error(
                    format!("{r}.retention_days"),
                    format!(
                        "is {}; the vault lock only accepts recovery points kept {}–{} days",
                        rule.retention_days, lock.min_retention_days, lock.max_retention_days
                    ),
                );
            }
        }
    }
    if let Some(lock) = &p.vault_lock {
        c.whole(
            &|| format!("{at}.vault_lock.min_retention_days"),
            lock.min_retention_days,
            1,
            MAX_DAYS,
            "days",
        );
        if lock.max_retention_days < lock.min_retention_days || lock.max_retention_days > MAX_DAYS {
            c.error(
                format!("{at}.vault_lock.max_retention_days"),
                format!(
                    "must be between min_retention_days ({}) and {MAX_DAYS}",
                    lock.min_retention_days
                ),
            );
        }
    }
    if p.protects.is_empty() {
        c.warn(
            format!("{at}.protects"),
            "protects nothing: list the ids of the buckets, tables and databases to back up",
        );
    }
    let data_kinds = [
        ComponentKind::S3Bucket,
        ComponentKind::DynamodbTable,
        ComponentKind::RdsInstance,
        ComponentKind::AuroraCluster,
    ];
    let mut seen = std::collections::BTreeSet::new();
    for (i, id) in p.protects.iter().enumerate() {
        if !seen.insert(id.as_str()) {
            c.error(format!("{at}.protects[{i}]"), format!("{} is listed twice", quoted(id)));
            continue;
        }
        c.reference(&|| format!("{at}.protects[{i}]"), id, &data_kinds);
    }
    if let Some(topic) = &p.notify_topic {
        c.reference(&|| format!("{at}.notify_topic"), topic, &[ComponentKind::SnsTopic]);
    }
}
