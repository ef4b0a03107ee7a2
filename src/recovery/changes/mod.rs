//! Machine-applicable plan changes: what a fix does, as data the web app can apply
//! with one click ([`super::apply_fix`]) and a sentence a person can read ([`PlanChange::describe`]).
//!
//! Applying never panics: a change that names a component the plan does not have (or
//! of another kind) does nothing. The sentence is in `describe.rs`, applying in
//! `apply.rs`.

use serde::{Deserialize, Serialize};

use crate::plan::{BackupPlan, Plan, StorageClass};

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

mod apply;
mod describe;

impl PlanChange {
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
}

/// `plan` with `changes` applied in order.
pub fn apply_changes(plan: &Plan, changes: &[PlanChange]) -> Plan {
    let mut out = plan.clone();
    for change in changes {
        change.apply(&mut out);
    }
    out
}
