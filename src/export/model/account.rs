//! The backup account in exports (issue 13): a stack of its own, deployed first in
//! the backup account, and the copy actions of the source account that name it.
//!
//! The backup account's stack holds the vault AWS Backup copies into (standard with
//! its own KMS key, or logically air-gapped with an AWS-owned key), its Vault Lock
//! and an access policy that lets the source account (and, within one Organization,
//! only from it) call `backup:CopyIntoBackupVault`. In the source account, each backup
//! rule that copies there gets a copy action naming that vault by ARN, built from the
//! backup account's id (an input, never invented), and the source vault's key lets
//! the backup account use it: AWS Backup reads a copy with the source key.
//!
//! The replicas of buckets in the backup account are in `account_replica.rs`.

use super::super::ExportError;
use super::build::{param, Ctx};
use super::expr::{arn, attr, cross, lit, partition, region, Attr, Expr, Principal};
use super::expr::{Condition, Effect, Statement};
use super::kinds::{CopyAction, Kind, Vault, VaultLock};
use super::{ParamKind, Resource, StackId};
use crate::plan::{AccountVaultKind, CrossAccountCopy, VaultLockMode};

/// The backup account's id, in the source account's stack.
pub const BACKUP_ACCOUNT_ID: &str = "backup_account_id";
/// The workload's (source) account id, in the backup account's stack.
pub const SOURCE_ACCOUNT_ID: &str = "source_account_id";
/// The Organization both accounts belong to, for the vault policy's condition.
pub const ORGANIZATION_ID: &str = "organization_id";
/// The region of the backup account's vault, in the source account's stack.
pub const BACKUP_ACCOUNT_REGION: &str = "backup_account_region";

/// The id of the replication rule into the backup account.
pub const ACCOUNT_RULE_ID: &str = "drplan-backup-account";

/// The role the Terraform root assumes in the backup account (a provider input).
pub const BACKUP_ACCOUNT_ROLE: &str = "backup_account_role_name";

/// `arn:<partition>:iam::<account>:root`: an account as a policy principal.
pub(super) fn account_root(account_id: Expr) -> Expr {
    Expr::join(vec![lit("arn:"), partition(), lit(":iam::"), account_id, lit(":root")])
}

impl Ctx<'_> {
    /// Declares the backup account's inputs (a plan without one has none).
    pub(super) fn define_account_params(&mut self) {
        let Some(a) = self.plan.backup_account.clone() else { return };
        self.define_param(param(
            BACKUP_ACCOUNT_ID,
            ParamKind::AccountId,
            a.account_id.clone(),
            "Id of the backup account (12 digits) that holds the cross-account copies",
        ));
        self.define_param(param(
            BACKUP_ACCOUNT_REGION,
            ParamKind::Region,
            Some(a.region_or(&self.plan.primary_region).to_string()),
            "Region of the backup account's vault",
        ));
        self.define_param(param(
            SOURCE_ACCOUNT_ID,
            ParamKind::AccountId,
            None,
            "Id of the workload's account (12 digits) whose copies the backup account receives",
        ));
        // Read by the Terraform root's provider only: no stack uses it.
        self.define_param(param(
            BACKUP_ACCOUNT_ROLE,
            ParamKind::Identifier,
            a.same_organization.then(|| "OrganizationAccountAccessRole".to_string()),
            "Role in the backup account that Terraform assumes to create its resources",
        ));
        if a.same_organization {
            self.define_param(param(
                ORGANIZATION_ID,
                ParamKind::OrganizationId,
                None,
                "Id of the AWS Organization both accounts belong to (o-...): only its accounts may copy into the backup vault",
            ));
        }
    }

    /// The backup account's vault (created on first use) and its physical suffix.
    fn account_vault(&mut self) -> Option<(String, String)> {
        let a = self.plan.backup_account.clone()?;
        let suffix = format!("{}-vault", self.short(&a.name));
        if let Some(name) = self.lookup("backup_account", "vault") {
            return Some((name, suffix));
        }
        let stack = StackId::Account;
        let source = self.use_param(stack, SOURCE_ACCOUNT_ID);
        let mut allow = Statement::allow("AllowCopiesFromSourceAccount", &[], vec![lit("*")])
            .with_principal(Principal::Aws(account_root(source)));
        allow.actions = vec!["backup:CopyIntoBackupVault".into()];
        if a.same_organization {
            let org = self.use_param(stack, ORGANIZATION_ID);
            allow = allow.with_condition("StringEquals", "aws:PrincipalOrgID", vec![org]);
        }
        let air_gapped = a.vault.kind == AccountVaultKind::LogicallyAirGapped;
        let lock = a.vault.lock.as_ref().map(|l| VaultLock {
            min_days: l.min_retention_days,
            max_days: l.max_retention_days.max(l.min_retention_days),
            changeable_for_days: (l.mode == VaultLockMode::Compliance && !air_gapped)
                .then_some(l.changeable_for_days),
        });
        let key_arn = if air_gapped { None } else { Some(attr(&self.account_key(), Attr::Arn)) };
        let name = self.unique(&format!("{}-vault", self.short(&a.name)));
        let physical = self.physical(stack, &suffix);
        self.push(Resource::new(
            &name,
            stack,
            None,
            Kind::Vault(Vault { name: physical, key_arn, lock, policy: vec![allow], air_gapped }),
        ));
        self.output(
            &format!("{name}-arn"),
            stack,
            attr(&name, Attr::Arn),
            format!("ARN of backup vault {name} in the backup account"),
        );
        self.remember("backup_account", "vault", &name);
        let kind = a.vault.kind.label();
        self.notes.after_deploy.push(format!(
            "Backup account: its resources are created first, in the backup account (its {kind} and policy must exist before the source account's copy actions run): CloudFormation and CDK deploy its stack first with that account's credentials; Terraform creates them through the aws.backup_account provider, which assumes backup_account_role_name there."
        ));
        if a.same_organization {
            self.notes.after_deploy.push("Backup account: in the Organization's management account, turn on cross-account backup (AWS Backup console, Settings, Cross-account management; or `aws backup update-global-settings --global-settings isCrossAccountBackupEnabled=true`); AWS Backup copies across accounts only when it is on. The bundle does not change Organization settings.".into());
        }
        let copies_tables = self.plan.components.iter().any(|c| match c {
            crate::plan::Component::BackupPlan(p) => {
                p.rules.iter().any(|r| r.copy_to_backup_account.is_some())
                    && p.protects.iter().any(|id| {
                        matches!(
                            self.plan.component(id),
                            Some(crate::plan::Component::DynamodbTable(_))
                        )
                    })
            }
            _ => false,
        });
        if copies_tables {
            self.notes.after_deploy.push("Backup account: AWS Backup copies DynamoDB backups to another account only with its advanced features for DynamoDB on, in the source account (`aws backup update-region-settings --resource-type-management-preference DynamoDB=true`); without them the copy jobs fail.".into());
        }
        if let Some(l) = a.vault.lock.as_ref().filter(|l| l.mode == VaultLockMode::Compliance) {
            let days = if air_gapped { 0 } else { l.changeable_for_days };
            if days > 0 {
                self.notes.after_deploy.push(format!("Backup account: the vault's compliance-mode lock becomes immutable {days} days after the stack creates it; check its retention (`aws backup describe-backup-vault`) before then, because afterwards nobody, not even the root user, can change or remove it."));
            }
        }
        Some((name, suffix))
    }

    /// The backup account's KMS key for its standard vault (created on first use): the
    /// source account may use it through AWS Backup and S3 only.
    pub(super) fn account_key(&mut self) -> String {
        if let Some(k) = self.lookup("backup_account", "key") {
            return k;
        }
        let name = self.unique("backup-account-key");
        let stack = StackId::Account;
        let source = self.use_param(stack, SOURCE_ACCOUNT_ID);
        let via = |service: &str| {
            Expr::join(vec![lit(format!("{service}.")), region(), lit(".amazonaws.com")])
        };
        let statement = Statement {
            sid: "AllowSourceAccountCopies".into(),
            effect: Effect::Allow,
            principal: Some(Principal::Aws(account_root(source))),
            actions: ["kms:Encrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"]
                .map(String::from)
                .to_vec(),
            resources: vec![lit("*")],
            conditions: vec![Condition {
                test: "StringEquals",
                key: "kms:ViaService".into(),
                values: vec![via("backup"), via("s3")],
            }],
            nag_reason: None,
        };
        let alias = self.account_key_alias(stack);
        let key = super::kinds::Key {
            description: "drplan: backup account key for the cross-account copies".into(),
            rotation: true,
            statements: vec![statement],
            alias: Some(alias),
        };
        self.keys.push(Resource::new(&name, stack, None, Kind::Key(key)));
        self.remember("backup_account", "key", &name);
        name
    }

    /// `alias/<project>/backup-account`: the source account names the key by it.
    pub(super) fn account_key_alias(&mut self, stack: StackId) -> Expr {
        let project = self.use_param(stack, "project_name");
        Expr::join(vec![lit("alias/"), project, lit("/backup-account")])
    }

    /// Lets the backup account use a source-account key, as AWS Backup needs to copy
    /// recovery points encrypted with it into another account.
    fn share_key_with_backup_account(&mut self, key: &str) {
        let backup = self.use_param(StackId::Primary, BACKUP_ACCOUNT_ID);
        let principal = Principal::Aws(account_root(backup));
        let use_key = Statement::allow(
            "AllowBackupAccountCopies",
            &[
                "kms:DescribeKey",
                "kms:Encrypt",
                "kms:Decrypt",
                "kms:ReEncrypt*",
                "kms:GenerateDataKey*",
            ],
            vec![lit("*")],
        )
        .with_principal(principal.clone());
        let grants = Statement::allow(
            "AllowBackupAccountGrants",
            &["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"],
            vec![lit("*")],
        )
        .with_principal(principal)
        .with_condition("Bool", "kms:GrantIsForAWSResource", vec![lit("true")]);
        self.add_key_statement(key, use_key);
        self.add_key_statement(key, grants);
    }
}

/// A backup rule's copy action into the backup account's vault (in the source
/// account's stack), sharing the source vault's key with the backup account.
pub(super) fn copy_action(ctx: &mut Ctx, c: &CrossAccountCopy) -> Result<CopyAction, ExportError> {
    let Some((vault, suffix)) = ctx.account_vault() else {
        return Err(ExportError::unsupported(
            "backup_account",
            "a backup rule copies into the backup account, but the plan names none".into(),
        ));
    };
    let key = ctx.infra_key();
    ctx.share_key_with_backup_account(&key);
    let stack = StackId::Primary;
    let acct_region = ctx.use_param(stack, BACKUP_ACCOUNT_REGION);
    let backup = ctx.use_param(stack, BACKUP_ACCOUNT_ID);
    let name = ctx.physical(stack, &suffix);
    let by_name = arn("backup", acct_region, backup, vec![lit("backup-vault:"), name]);
    Ok(CopyAction {
        vault_arn: cross(&vault, Attr::Arn, by_name),
        delete_after_days: c.retention_days,
    })
}
