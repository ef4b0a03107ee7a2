//! A plan change in words, for the fix list and the report.

use super::PlanChange;
use crate::plan::VaultLockMode;
use crate::recovery::range::fmt_minutes;

fn hours(minutes: u32) -> String {
    fmt_minutes(minutes as f64)
}

impl PlanChange {
    /// The change in words, e.g. `turn on point-in-time recovery of "orders"`.
    pub fn describe(&self) -> String {
        match self {
            PlanChange::SetDrRegion { region } => format!("set the DR region to {region}"),
            PlanChange::EnableVersioning { component } => {
                format!("turn on versioning of \"{component}\"")
            }
            PlanChange::AddReplication { component, storage_class, replication_time_control } => {
                format!(
                    "replicate \"{component}\" to the DR region in {}{}",
                    storage_class.label(),
                    if *replication_time_control { " with Replication Time Control" } else { "" }
                )
            }
            PlanChange::SetReplicationTimeControl { component } => {
                format!("turn on Replication Time Control for \"{component}\"")
            }
            PlanChange::SetReplicaStorageClass { component, storage_class } => {
                format!("write the replicas of \"{component}\" in {}", storage_class.label())
            }
            PlanChange::EnablePitr { component } => {
                format!("turn on point-in-time recovery of \"{component}\"")
            }
            PlanChange::AddOnDemandBackups { component, every_hours, retention_days } => {
                format!(
                    "back \"{component}\" up on demand every {} h, kept {retention_days} days",
                    every_hours
                )
            }
            PlanChange::AddGlobalTable { component } => {
                format!("make \"{component}\" a global table with a replica in the DR region")
            }
            PlanChange::SetMultiAz { component } => format!("run \"{component}\" Multi-AZ"),
            PlanChange::AddCrossRegionBackups { component, retention_days } => {
                format!("replicate the automated backups of \"{component}\" to the DR region, kept {retention_days} days")
            }
            PlanChange::SetManualSnapshots {
                component,
                every_days,
                retention_days,
                copy_to_dr_region,
            } => format!(
                "snapshot \"{component}\" every {every_days} day(s), kept {retention_days} days{}",
                if *copy_to_dr_region { ", copied to the DR region" } else { "" }
            ),
            PlanChange::SetAuroraInstanceCount { component, instance_count } => format!(
                "run {instance_count} instances in \"{component}\" (a replica in another AZ)"
            ),
            PlanChange::SetBacktrack { component, hours } => {
                format!("turn on backtrack for \"{component}\" with a {hours}-hour window")
            }
            PlanChange::AddBackupPlan { plan } => {
                let rules: Vec<String> = plan
                    .rules
                    .iter()
                    .map(|r| {
                        let mut text = format!("every {}", hours(r.frequency_minutes));
                        if r.continuous {
                            text.push_str(" plus continuous backup");
                        }
                        text.push_str(&format!(", kept {} days", r.retention_days));
                        if r.copy_to_dr.is_some() {
                            text.push_str(", copied to the DR region");
                        }
                        text
                    })
                    .collect();
                let lock = match plan.vault_lock.as_ref().map(|l| l.mode) {
                    Some(VaultLockMode::Compliance) => ", vault locked in compliance mode",
                    Some(VaultLockMode::Governance) => ", vault locked in governance mode",
                    None => "",
                };
                format!(
                    "add AWS Backup plan \"{}\" for {}: {}{lock}",
                    plan.id,
                    plan.protects.iter().map(|p| format!("\"{p}\"")).collect::<Vec<_>>().join(", "),
                    rules.join("; ")
                )
            }
            PlanChange::SetRuleFrequency { backup_plan, rule, frequency_minutes } => {
                format!(
                    "run rule \"{rule}\" of \"{backup_plan}\" every {}",
                    hours(*frequency_minutes)
                )
            }
            PlanChange::SetRuleContinuous { backup_plan, rule } => {
                format!("turn on continuous backup in rule \"{rule}\" of \"{backup_plan}\"")
            }
            PlanChange::AddRuleCopyToDr { backup_plan, rule, retention_days } => {
                format!("copy the recovery points of rule \"{rule}\" of \"{backup_plan}\" to the DR region, kept {retention_days} days")
            }
            PlanChange::LockVaultCompliance { backup_plan } => {
                format!("lock the vault of \"{backup_plan}\" in compliance mode")
            }
            PlanChange::AddRuleCopyToBackupAccount { backup_plan, rule, retention_days } => {
                format!("copy the recovery points of rule \"{rule}\" of \"{backup_plan}\" to the backup account, kept {retention_days} days")
            }
            PlanChange::AddBackupAccountReplica {
                component,
                storage_class,
                replication_time_control,
            } => {
                format!(
                    "replicate \"{component}\" to a bucket in the backup account in {}{}",
                    storage_class.label(),
                    if *replication_time_control { " with Replication Time Control" } else { "" }
                )
            }
            PlanChange::AddDnsFailover { id } => {
                format!("add Route 53 failover \"{id}\" to a standby endpoint in the DR region")
            }
            PlanChange::AddConfigBackup { id } => {
                format!("add configuration backup \"{id}\" (redeploy from git)")
            }
        }
    }
}
