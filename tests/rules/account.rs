//! The backup account (issue 13): a copy action into another account names that
//! account's vault, whose access policy lets the source account copy into it; Vault
//! Lock in compliance mode keeps a cooling-off time of at least 3 days; a logically
//! air-gapped vault states its minimum and maximum retention.

use serde_json::Value;

use super::cfn::{prop, statements, Template};
use super::{Bundle, Rule};
use drplan::plan::*;

pub const COPIES_NAME_THE_BACKUP_ACCOUNT: Rule = Rule {
    id: "account-copies-allowed",
    requires: "a plan with a backup account has a stack for it, deployed in that account, whose vault's access policy allows backup:CopyIntoBackupVault (within the Organization where both belong to one), and every copy action into it names that account (the backup account id input, never the source account's own id)",
    source_says: "To copy a backup to another account, the destination vault must have an access policy that allows the source account to copy into it. [...] Assign a vault access policy that allows backup:CopyIntoBackupVault to the destination vault. — Cross-account backup must be enabled in the management account of the organization.",
    source: "https://docs.aws.amazon.com/aws-backup/latest/devguide/create-cross-account-backup.html",
    check: copies,
};

pub const LOCK_COOLING_OFF: Rule = Rule {
    id: "vault-lock-cooling-off",
    requires: "every Vault Lock with a cooling-off time (compliance mode) sets ChangeableForDays to at least 3, and every logically air-gapped vault sets its minimum and maximum retention",
    source_says: "ChangeableForDays: The AWS Backup Vault Lock configuration that specifies the number of days before the lock date. [...] This value must be at least 3 days (72 hours). — MinRetentionDays / MaxRetentionDays: required for a logically air-gapped backup vault.",
    source: "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-backup-backupvault-lockconfigurationtype.html; https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-backup-logicallyairgappedbackupvault.html",
    check: locks,
};

const VAULT_TYPES: [&str; 2] =
    ["AWS::Backup::BackupVault", "AWS::Backup::LogicallyAirGappedBackupVault"];

/// Whether a vault's access policy lets another account copy into it.
fn accepts_copies(vault: &Value, same_org: bool) -> bool {
    prop(vault, "AccessPolicy").is_some_and(|doc| {
        statements(doc).iter().any(|s| {
            let action = s.get("Action").map(Value::to_string).unwrap_or_default();
            let org = s.to_string().contains("aws:PrincipalOrgID");
            s.get("Effect").and_then(Value::as_str) == Some("Allow")
                && action.contains("backup:CopyIntoBackupVault")
                && (org || !same_org)
        })
    })
}

fn copies(bundle: &Bundle) -> Vec<String> {
    let Some(account) = &bundle.plan.backup_account else { return Vec::new() };
    let mut out = Vec::new();
    let account_templates: Vec<&Template> =
        bundle.templates.iter().filter(|t| t.stack == "backup-account").collect();
    if account_templates.is_empty() {
        out.push("no backup-account stack".into());
    }
    let copies = bundle.plan.components.iter().any(|c| matches!(c, Component::BackupPlan(p) if p.rules.iter().any(|r| r.copy_to_backup_account.is_some())));
    for t in account_templates.iter().filter(|_| copies) {
        let vaults: Vec<_> = VAULT_TYPES.iter().flat_map(|ty| t.of_type(ty)).collect();
        if !vaults.iter().any(|(_, v)| accepts_copies(v, account.same_organization)) {
            out.push(format!("{}: no vault allows backup:CopyIntoBackupVault", t.label()));
        }
    }
    for t in bundle.templates.iter().filter(|t| t.stack == "primary") {
        for (id, plan) in t.of_type("AWS::Backup::BackupPlan") {
            let rules = plan.pointer("/Properties/BackupPlan/BackupPlanRule");
            for rule in rules.and_then(Value::as_array).into_iter().flatten() {
                let actions = rule.get("CopyActions").and_then(Value::as_array);
                for a in actions.into_iter().flatten() {
                    let arn = a.get("DestinationBackupVaultArn").map(Value::to_string);
                    let arn = arn.unwrap_or_default();
                    if arn.contains("BackupAccountId") && arn.contains("AWS::AccountId") {
                        out.push(format!("{}: {id}: copy names both accounts", t.label()));
                    }
                }
            }
            let text = plan.to_string();
            let wants = bundle.plan.components.iter().any(|c| matches!(c, Component::BackupPlan(p) if p.rules.iter().any(|r| r.copy_to_backup_account.is_some())));
            if wants && !text.contains("BackupAccountId") && t.stack == "primary" {
                let any = t
                    .of_type("AWS::Backup::BackupPlan")
                    .iter()
                    .any(|(_, p)| p.to_string().contains("BackupAccountId"));
                if !any {
                    out.push(format!("{}: no copy action names the backup account", t.label()));
                }
            }
        }
    }
    out
}

fn locks(bundle: &Bundle) -> Vec<String> {
    let mut out = Vec::new();
    for t in &bundle.templates {
        for (id, v) in t.of_type("AWS::Backup::BackupVault") {
            let days = prop(v, "LockConfiguration").and_then(|l| l.get("ChangeableForDays"));
            if let Some(d) = days.and_then(Value::as_u64).filter(|d| *d < 3) {
                out.push(format!("{}: {id}: ChangeableForDays {d}", t.label()));
            }
        }
        for (id, v) in t.of_type("AWS::Backup::LogicallyAirGappedBackupVault") {
            if prop(v, "MinRetentionDays").is_none() || prop(v, "MaxRetentionDays").is_none() {
                out.push(format!("{}: {id}: no minimum or maximum retention", t.label()));
            }
        }
    }
    for b in bundle.terraform.resources("aws_backup_vault_lock_configuration") {
        if let Some(d) = b.text("changeable_for_days").and_then(|d| d.parse::<u64>().ok()) {
            if d < 3 {
                out.push(format!("{}: changeable_for_days {d}", b.at()));
            }
        }
    }
    for b in bundle.terraform.resources("aws_backup_logically_air_gapped_vault") {
        if b.attr("min_retention_days").is_none() || b.attr("max_retention_days").is_none() {
            out.push(format!("{}: no minimum or maximum retention", b.at()));
        }
    }
    out
}

/// Seed 004's backup account (the photo-portfolio preset) with the given vault kind.
pub fn photo_portfolio_account(kind: AccountVaultKind) -> Plan {
    let mut plan = super::preset("photo-portfolio");
    if let Some(a) = plan.backup_account.as_mut() {
        a.vault.kind = kind;
    }
    plan
}

/// A plan whose bucket replicates only into the backup account (no DR region), in
/// another region, outside the Organization, without a lock.
pub fn replica_only() -> Plan {
    let mut plan = super::preset("s3-glacier-backup");
    plan.backup_account = Some(BackupAccount {
        region: Some("eu-west-1".into()),
        same_organization: false,
        account_id: Some("123456789012".into()),
        ..BackupAccount::default()
    });
    for c in &mut plan.components {
        if let Component::S3Bucket(b) = c {
            b.backup_account_replica = Some(AccountReplica::default());
        }
    }
    plan
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bundle(kind: AccountVaultKind) -> Bundle {
        Bundle::of("photo-portfolio-air-gapped", &photo_portfolio_account(kind))
    }

    #[test]
    fn a_vault_without_its_access_policy_is_found() {
        let mut b = bundle(AccountVaultKind::Standard);
        assert!(copies(&b).is_empty(), "{:?}", copies(&b));
        for t in b.templates.iter_mut().filter(|t| t.stack == "backup-account") {
            for (_, r) in t.json["Resources"].as_object_mut().into_iter().flatten() {
                if let Some(p) = r.get_mut("Properties").and_then(Value::as_object_mut) {
                    p.remove("AccessPolicy");
                }
            }
        }
        assert!(copies(&b).iter().any(|f| f.contains("CopyIntoBackupVault")), "{:?}", copies(&b));
    }

    #[test]
    fn a_short_cooling_off_and_an_unbounded_air_gapped_vault_are_found() {
        let mut b = bundle(AccountVaultKind::Standard);
        assert!(locks(&b).is_empty(), "{:?}", locks(&b));
        for t in b.templates.iter_mut() {
            for (_, r) in t.json["Resources"].as_object_mut().into_iter().flatten() {
                if let Some(l) = r.pointer_mut("/Properties/LockConfiguration/ChangeableForDays") {
                    *l = Value::from(2);
                }
            }
        }
        assert!(locks(&b).iter().any(|f| f.contains("ChangeableForDays 2")), "{:?}", locks(&b));
        let mut b = bundle(AccountVaultKind::LogicallyAirGapped);
        assert!(locks(&b).is_empty(), "{:?}", locks(&b));
        for t in b.templates.iter_mut() {
            for (_, r) in t.json["Resources"].as_object_mut().into_iter().flatten() {
                if let Some(p) = r.get_mut("Properties").and_then(Value::as_object_mut) {
                    p.remove("MinRetentionDays");
                }
            }
        }
        assert!(locks(&b).iter().any(|f| f.contains("no minimum")), "{:?}", locks(&b));
    }
}
