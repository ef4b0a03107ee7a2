//! Applying a plan change to a plan, in place. A change naming a component the plan
//! does not have (or one of another kind) does nothing.

use super::PlanChange;
use crate::plan::{
    AccountReplica, BackupAccount, BackupSchedule, Component, ConfigBackup, CrossAccountCopy,
    CrossRegionBackups, CrossRegionCopy, DnsFailover, GlobalTable, ManualSnapshots, Plan,
    Replication, VaultLock, VaultLockMode,
};

impl PlanChange {
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
