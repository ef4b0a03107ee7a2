//! CDK constructs for AWS Backup: vaults (locked, with an access policy, or logically
//! air-gapped), backup plans with their copy actions, selections, and restore testing
//! plans with their selections.

use super::build::B;
use super::{call, days, new, s, static_call, structure, var, V};
use crate::export::model::{
    Resource, RestoreTestingPlan, RestoreTestingSelection, Selection, Vault,
};

impl<'m> B<'m> {
    pub(super) fn vault(&mut self, r: &Resource, v: &Vault) {
        let id = self.construct_id(&r.name);
        let policy = (!v.policy.is_empty()).then(|| {
            let statements = v.policy.iter().map(|st| self.statement(st)).collect();
            new("iam", "PolicyDocument", vec![], vec![("statements", V::List(statements))])
        });
        if v.air_gapped {
            // No L2 construct yet: the L1 resource, always locked in compliance mode.
            let (min, max) = v.lock.as_ref().map(|l| (l.min_days, l.max_days)).unwrap_or((7, 365));
            let mut props = vec![
                ("backupVaultName", self.expr(&v.name)),
                ("minRetentionDays", V::Int(i64::from(min))),
                ("maxRetentionDays", V::Int(i64::from(max))),
            ];
            if let Some(p) = policy {
                props.push(("accessPolicy", p));
            }
            let vault =
                new("backup", "CfnLogicallyAirGappedBackupVault", vec![V::This, s(id)], props);
            self.let_(&r.name, vault);
            self.acknowledge(var(&r.name), &r.skips);
            return;
        }
        let mut props = vec![("backupVaultName", self.expr(&v.name))];
        if let Some(k) = &v.key_arn {
            let key = self.key(k, &r.name);
            props.push(("encryptionKey", key));
        }
        if let Some(p) = policy {
            props.push(("accessPolicy", p));
        }
        if let Some(l) = &v.lock {
            let mut lock = vec![
                ("minRetention", days(V::Int(i64::from(l.min_days)))),
                ("maxRetention", days(V::Int(i64::from(l.max_days)))),
            ];
            if let Some(d) = l.changeable_for_days {
                lock.push(("changeableFor", days(V::Int(i64::from(d)))));
            }
            props.push(("lockConfiguration", structure("backup", "LockConfiguration", lock)));
        }
        props.push(("removalPolicy", Self::removal_of(r)));
        self.let_(&r.name, new("backup", "BackupVault", vec![V::This, s(id)], props));
        self.acknowledge(var(&r.name), &r.skips);
    }

    pub(super) fn backup_plan(&mut self, r: &Resource, p: &crate::export::model::BackupPlan) {
        let id = self.construct_id(&r.name);
        let mut rules = Vec::new();
        for rule in &p.rules {
            let mut props = vec![
                ("ruleName", s(rule.name.clone())),
                (
                    "scheduleExpression",
                    static_call("events", "Schedule", "expression", vec![s(rule.schedule.clone())]),
                ),
                (
                    "startWindow",
                    static_call(
                        "cdk",
                        "Duration",
                        "minutes",
                        vec![V::Int(i64::from(rule.start_window_minutes))],
                    ),
                ),
                (
                    "completionWindow",
                    static_call(
                        "cdk",
                        "Duration",
                        "minutes",
                        vec![V::Int(i64::from(rule.completion_window_minutes))],
                    ),
                ),
                ("enableContinuousBackup", V::Bool(rule.continuous)),
                ("deleteAfter", days(self.num(&rule.delete_after_days))),
            ];
            if let Some(c) = rule.cold_storage_after_days {
                props.push(("moveToColdStorageAfter", days(V::Int(i64::from(c)))));
            }
            let mut actions = Vec::new();
            for (n, c) in rule.copies.iter().enumerate() {
                let suffix = if n == 0 { String::new() } else { format!("-{}", n + 1) };
                let dest_id =
                    self.construct_id(&format!("{}-{}-copy-vault{suffix}", r.name, rule.name));
                let vault = static_call(
                    "backup",
                    "BackupVault",
                    "fromBackupVaultArn",
                    vec![V::This, s(dest_id), self.expr(&c.vault_arn)],
                );
                let action = structure(
                    "backup",
                    "BackupPlanCopyActionProps",
                    vec![
                        ("destinationBackupVault", vault),
                        ("deleteAfter", days(V::Int(i64::from(c.delete_after_days)))),
                    ],
                );
                actions.push(action);
            }
            if !actions.is_empty() {
                props.push(("copyActions", V::List(actions)));
            }
            rules.push(new("backup", "BackupPlanRule", vec![], props));
        }
        let props = vec![
            ("backupPlanName", self.expr(&p.name)),
            ("backupVault", var(&p.vault)),
            ("backupPlanRules", V::List(rules)),
        ];
        self.let_(&r.name, new("backup", "BackupPlan", vec![V::This, s(id)], props));
        self.acknowledge(var(&r.name), &r.skips);
    }

    pub(super) fn selection(&mut self, r: &Resource, sel: &Selection) {
        let id = self.construct_id_of(r);
        let resources = V::List(
            sel.resources
                .iter()
                .map(|a| static_call("backup", "BackupResource", "fromArn", vec![self.expr(a)]))
                .collect(),
        );
        let props = vec![
            ("resources", resources),
            ("backupSelectionName", self.expr(&sel.name)),
            ("role", call(var(&sel.role), "withoutPolicyUpdates", vec![])),
            ("disableDefaultBackupPolicy", V::Bool(true)),
        ];
        self.let_(&r.name, super::call_props(var(&sel.plan), "addSelection", vec![id], props));
        self.acknowledge(var(&r.name), &r.skips);
    }

    /// aws-cdk-lib has no L2 construct for restore testing (only
    /// `CfnRestoreTestingPlan` and `CfnRestoreTestingSelection`): the L1 resources.
    pub(super) fn restore_testing_plan(&mut self, r: &Resource, p: &RestoreTestingPlan) {
        let id = self.construct_id(&r.name);
        let vaults = p.include_vaults.iter().map(|v| self.expr(v)).collect();
        let types = p.recovery_point_types.iter().map(|t| s(*t)).collect();
        let selection = structure(
            "backup",
            "CfnRestoreTestingPlan.RestoreTestingRecoveryPointSelectionProperty",
            vec![
                ("algorithm", s(p.algorithm)),
                ("includeVaults", V::List(vaults)),
                ("recoveryPointTypes", V::List(types)),
                ("selectionWindowDays", V::Int(i64::from(p.selection_window_days))),
            ],
        );
        let props = vec![
            ("restoreTestingPlanName", self.expr(&p.name)),
            ("scheduleExpression", s(p.schedule.clone())),
            ("startWindowHours", V::Int(i64::from(p.start_window_hours))),
            ("recoveryPointSelection", selection),
        ];
        self.let_(&r.name, new("backup", "CfnRestoreTestingPlan", vec![V::This, s(id)], props));
        self.acknowledge(var(&r.name), &r.skips);
    }

    /// The L1 selection (see [`Self::restore_testing_plan`]); the plan's `ref` (its
    /// name) also orders the selection after the plan.
    pub(super) fn restore_testing_selection(
        &mut self,
        r: &Resource,
        sel: &RestoreTestingSelection,
    ) {
        let id = self.construct_id(&r.name);
        let resources = sel.resources.iter().map(|a| self.expr(a)).collect();
        let props = vec![
            ("restoreTestingPlanName", super::member(var(&sel.plan), "ref")),
            ("restoreTestingSelectionName", s(sel.name.clone())),
            ("protectedResourceType", s(sel.resource_type)),
            ("protectedResourceArns", V::List(resources)),
            ("iamRoleArn", super::member(var(&sel.role), "roleArn")),
            ("validationWindowHours", V::Int(i64::from(sel.validation_window_hours))),
        ];
        let selection = new("backup", "CfnRestoreTestingSelection", vec![V::This, s(id)], props);
        self.let_(&r.name, selection);
        self.acknowledge(var(&r.name), &r.skips);
    }
}
