//! Machine-applicable plan changes: what a fix does, as data the web app can apply
//! with one click ([`super::apply_fix`]) and a sentence a person can read ([`PlanChange::describe`]).
//!
//! Applying never panics: a change that names a component the plan does not have (or
//! of another kind) does nothing.

use serde::{Deserialize, Serialize};

use crate::plan::{
    AccountReplica, BackupAccount, BackupPlan, BackupSchedule, Component, ConfigBackup,
    CrossAccountCopy, CrossRegionBackups, CrossRegionCopy, DnsFailover, GlobalTable,
    ManualSnapshots, Plan, Replication, StorageClass, VaultLock, VaultLockMode,
};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum PlanChange {
    SetDrRegion {
        region: String,
    },
    EnableVersioning {
        component: String,
    },
    AddReplication {
        component: String,
        storage_class: StorageClass,
        replication_time_control: bool,
    },
    SetReplicationTimeControl {
        component: String,
    },
    SetReplicaStorageClass {
        component: String,
        storage_class: StorageClass,
    },
    EnablePitr {
        component: String,
    },
    AddOnDemandBackups {
        component: String,
        every_hours: u32,
        retention_days: u32,
    },
    AddGlobalTable {
        component: String,
    },
    SetMultiAz {
        component: String,
    },
    AddCrossRegionBackups {
        component: String,
        retention_days: u32,
    },
    SetManualSnapshots {
        component: String,
        every_days: u32,
        retention_days: u32,
        copy_to_dr_region: bool,
    },
    SetAuroraInstanceCount {
        component: String,
        instance_count: u32,
    },
    SetBacktrack {
        component: String,
        hours: u32,
    },
    AddBackupPlan {
        plan: BackupPlan,
    },
    SetRuleFrequency {
        backup_plan: String,
        rule: String,
        frequency_minutes: u32,
    },
    SetRuleContinuous {
        backup_plan: String,
        rule: String,
    },
    AddRuleCopyToDr {
        backup_plan: String,
        rule: String,
        retention_days: u32,
    },
    LockVaultCompliance {
        backup_plan: String,
    },
    /// Copy a rule's recovery points into the backup account (added at its defaults
    /// if the plan has none).
    AddRuleCopyToBackupAccount {
        backup_plan: String,
        rule: String,
        retention_days: u32,
    },
    /// Replicate a bucket into the backup account (added at its defaults if the plan
    /// has none), the backup account owning the replicas.
    AddBackupAccountReplica {
        component: String,
        storage_class: StorageClass,
        replication_time_control: bool,
    },
    AddDnsFailover {
        id: String,
    },
    AddConfigBackup {
        id: String,
    },
}

fn hours(minutes: u32) -> String {
    super::range::fmt_minutes(minutes as f64)
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

    /// Whether the change only ever adds billed usage (a new component, a new copy,
    /// a feature turned on): then a candidate with it on top of another that already
    /// meets a target can never be cheaper, and the fix search skips pricing it.
    /// Changes that replace a setting (a storage class, a frequency, a snapshot
    /// schedule, continuous instead of periodic backups) may cost less and say no.
    pub fn never_lowers_cost(&self) -> bool {
        !matches!(
            self,
            PlanChange::SetReplicaStorageClass { .. }
                | PlanChange::SetManualSnapshots { .. }
                | PlanChange::SetRuleFrequency { .. }
                | PlanChange::SetRuleContinuous { .. }
                | PlanChange::SetAuroraInstanceCount { .. }
                | PlanChange::SetBacktrack { .. }
        )
    }

    /// Whether this change never costs more than `other`: the same change, or the
    /// same replication without Replication Time Control (RTC only adds its fee).
    pub fn no_dearer_than(&self, other: &PlanChange) -> bool {
        match (self, other) {
            (
                PlanChange::AddReplication {
                    component: a,
                    storage_class: ca,
                    replication_time_control: false,
                },
                PlanChange::AddReplication {
                    component: b,
                    storage_class: cb,
                    replication_time_control: true,
                },
            ) => a == b && ca == cb,
            (
                PlanChange::AddBackupAccountReplica {
                    component: a,
                    storage_class: ca,
                    replication_time_control: false,
                },
                PlanChange::AddBackupAccountReplica {
                    component: b,
                    storage_class: cb,
                    replication_time_control: true,
                },
            ) => a == b && ca == cb,
            _ => self == other,
        }
    }

    /// Applies the change to `plan` in place.
    pub fn apply(&self, plan: &mut Plan) {
        match self {
            PlanChange::SetDrRegion { region } => plan.dr_region = Some(region.clone()),
            PlanChange::EnableVersioning { component } => {
                if let Some(Component::S3Bucket(b)) = slot(plan, component) {
                    b.versioning.enabled = true;
                }
            }
            PlanChange::AddReplication { component, storage_class, replication_time_control } => {
                if let Some(Component::S3Bucket(b)) = slot(plan, component) {
                    b.replication = Some(Replication {
                        storage_class: *storage_class,
                        replication_time_control: *replication_time_control,
                    });
                }
            }
            PlanChange::SetReplicationTimeControl { component } => {
                if let Some(Component::S3Bucket(b)) = slot(plan, component) {
                    if let Some(r) = &mut b.replication {
                        r.replication_time_control = true;
                    }
                }
            }
            PlanChange::SetReplicaStorageClass { component, storage_class } => {
                if let Some(Component::S3Bucket(b)) = slot(plan, component) {
                    if let Some(r) = &mut b.replication {
                        r.storage_class = *storage_class;
                    }
                }
            }
            PlanChange::EnablePitr { component } => {
                if let Some(Component::DynamodbTable(t)) = slot(plan, component) {
                    t.pitr.enabled = true;
                }
            }
            PlanChange::AddOnDemandBackups { component, every_hours, retention_days } => {
                if let Some(Component::DynamodbTable(t)) = slot(plan, component) {
                    t.on_demand_backups = Some(BackupSchedule {
                        every_hours: *every_hours,
                        retention_days: *retention_days,
                    });
                }
            }
            PlanChange::AddGlobalTable { component } => {
                if let Some(Component::DynamodbTable(t)) = slot(plan, component) {
                    t.global_table = Some(GlobalTable::default());
                }
            }
            PlanChange::SetMultiAz { component } => {
                if let Some(Component::RdsInstance(r)) = slot(plan, component) {
                    r.multi_az = true;
                }
            }
            PlanChange::AddCrossRegionBackups { component, retention_days } => {
                if let Some(Component::RdsInstance(r)) = slot(plan, component) {
                    r.cross_region_backups =
                        Some(CrossRegionBackups { retention_days: *retention_days });
                }
            }
            PlanChange::SetManualSnapshots {
                component,
                every_days,
                retention_days,
                copy_to_dr_region,
            } => {
                if let Some(Component::RdsInstance(r)) = slot(plan, component) {
                    r.manual_snapshots = Some(ManualSnapshots {
                        every_days: *every_days,
                        retention_days: *retention_days,
                        copy_to_dr_region: *copy_to_dr_region,
                    });
                }
            }
            PlanChange::SetAuroraInstanceCount { component, instance_count } => {
                if let Some(Component::AuroraCluster(a)) = slot(plan, component) {
                    a.instance_count = *instance_count;
                }
            }
            PlanChange::SetBacktrack { component, hours } => {
                if let Some(Component::AuroraCluster(a)) = slot(plan, component) {
                    a.backtrack_window_hours = Some(*hours);
                }
            }
            PlanChange::AddBackupPlan { plan: backup } => {
                if find(plan, &backup.id).is_none() {
                    plan.components.push(Component::BackupPlan(backup.clone()));
                }
            }
            PlanChange::SetRuleFrequency { backup_plan, rule, frequency_minutes } => {
                if let Some(Component::BackupPlan(p)) = slot(plan, backup_plan) {
                    p.rules
                        .iter_mut()
                        .filter(|r| r.name == *rule)
                        .for_each(|r| r.frequency_minutes = *frequency_minutes);
                }
            }
            PlanChange::SetRuleContinuous { backup_plan, rule } => {
                if let Some(Component::BackupPlan(p)) = slot(plan, backup_plan) {
                    p.rules
                        .iter_mut()
                        .filter(|r| r.name == *rule)
                        .for_each(|r| r.continuous = true);
                }
            }
            PlanChange::AddRuleCopyToDr { backup_plan, rule, retention_days } => {
                if let Some(Component::BackupPlan(p)) = slot(plan, backup_plan) {
                    p.rules.iter_mut().filter(|r| r.name == *rule).for_each(|r| {
                        r.copy_to_dr = Some(CrossRegionCopy { retention_days: *retention_days })
                    });
                }
            }
            PlanChange::LockVaultCompliance { backup_plan } => {
                if let Some(Component::BackupPlan(p)) = slot(plan, backup_plan) {
                    // Keep every existing rule inside the lock's retention bounds, so
                    // the lock accepts the recovery points the plan already makes.
                    let base = p.vault_lock.clone().unwrap_or_default();
                    let shortest = p
                        .rules
                        .iter()
                        .map(|r| r.retention_days)
                        .min()
                        .unwrap_or(base.min_retention_days);
                    let longest = p
                        .rules
                        .iter()
                        .map(|r| r.retention_days)
                        .max()
                        .unwrap_or(base.max_retention_days);
                    p.vault_lock = Some(VaultLock {
                        mode: VaultLockMode::Compliance,
                        min_retention_days: base.min_retention_days.min(shortest).max(1),
                        max_retention_days: base.max_retention_days.max(longest),
                    });
                }
            }
            PlanChange::AddRuleCopyToBackupAccount { backup_plan, rule, retention_days } => {
                plan.backup_account.get_or_insert_with(BackupAccount::default);
                if let Some(Component::BackupPlan(p)) = slot(plan, backup_plan) {
                    p.rules.iter_mut().filter(|r| r.name == *rule).for_each(|r| {
                        r.copy_to_backup_account =
                            Some(CrossAccountCopy { retention_days: *retention_days })
                    });
                }
            }
            PlanChange::AddBackupAccountReplica {
                component,
                storage_class,
                replication_time_control,
            } => {
                plan.backup_account.get_or_insert_with(BackupAccount::default);
                if let Some(Component::S3Bucket(b)) = slot(plan, component) {
                    b.backup_account_replica = Some(AccountReplica {
                        storage_class: *storage_class,
                        replication_time_control: *replication_time_control,
                        ..AccountReplica::default()
                    });
                }
            }
            PlanChange::AddDnsFailover { id } => {
                if find(plan, id).is_none() {
                    plan.components.push(Component::DnsFailover(DnsFailover {
                        id: id.clone(),
                        ..DnsFailover::default()
                    }));
                }
            }
            PlanChange::AddConfigBackup { id } => {
                if find(plan, id).is_none() {
                    plan.components.push(Component::ConfigBackup(ConfigBackup {
                        id: id.clone(),
                        ..ConfigBackup::default()
                    }));
                }
            }
        }
    }
}

fn find(plan: &Plan, id: &str) -> Option<usize> {
    plan.components.iter().position(|c| c.id() == id)
}

fn slot<'a>(plan: &'a mut Plan, id: &str) -> Option<&'a mut Component> {
    plan.components.iter_mut().find(|c| c.id() == id)
}

/// `plan` with `changes` applied in order.
pub fn apply_changes(plan: &Plan, changes: &[PlanChange]) -> Plan {
    let mut out = plan.clone();
    for change in changes {
        change.apply(&mut out);
    }
    out
}
