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

pub const REPLICAS_ACCEPT_THE_SOURCE_ROLE: Rule = Rule {
    id: "account-replicas-accept-the-source-role",
    requires: "every replication rule into another account names that account with the owner override (AccessControlTranslation Owner Destination), and the destination bucket in the backup account's stack has a bucket policy that lets the source's replication role (by its fixed name) replicate objects and override their owner",
    source_says: "When the source and destination buckets aren't owned by the same accounts, the owner of the destination bucket must also add a bucket policy to grant the owner of the source bucket permissions to perform replication actions. [...] If you add the owner override option to the replication configuration, you must grant Amazon S3 permission for the s3:ObjectOwnerOverrideToBucketOwner action. [...] AccessControlTranslation: Specify this only in a cross-account scenario (where source and destination bucket owners are not the same), and you must also specify the Account element.",
    source: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-walkthrough-2.html; https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-change-owner.html",
    check: replicas,
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
    use super::order::text_of;
    let Some(account) = &bundle.plan.backup_account else { return Vec::new() };
    let copies = bundle.plan.components.iter().any(|c| matches!(c, Component::BackupPlan(p) if p.rules.iter().any(|r| r.copy_to_backup_account.is_some())));
    let mut out = Vec::new();
    let targets: Vec<_> = bundle.templates.iter().map(|t| t.target).collect();
    for target in targets.into_iter().collect::<std::collections::BTreeSet<_>>() {
        let in_target: Vec<&Template> =
            bundle.templates.iter().filter(|t| t.target == target).collect();
        let Some(t) = in_target.iter().find(|t| t.stack == "backup-account") else {
            out.push(format!("{}: no backup-account stack", target.id()));
            continue;
        };
        if !copies {
            continue;
        }
        let vaults: Vec<_> = VAULT_TYPES.iter().flat_map(|ty| t.of_type(ty)).collect();
        if !vaults.iter().any(|(_, v)| accepts_copies(v, account.same_organization)) {
            out.push(format!("{}: no vault allows backup:CopyIntoBackupVault", t.label()));
        }
        let names: Vec<String> = vaults
            .iter()
            .filter_map(|(_, v)| prop(v, "BackupVaultName").map(text_of))
            .map(|n| format!("backup-vault:{n}"))
            .collect();
        let Some(primary) = in_target.iter().find(|t| t.stack == "primary") else { continue };
        let mut named = false;
        for (id, plan) in primary.of_type("AWS::Backup::BackupPlan") {
            let rules = plan.pointer("/Properties/BackupPlan/BackupPlanRule");
            for rule in rules.and_then(Value::as_array).into_iter().flatten() {
                let actions = rule.get("CopyActions").and_then(Value::as_array);
                for a in actions.into_iter().flatten() {
                    let arn = text_of(a.get("DestinationBackupVaultArn").unwrap_or(&Value::Null));
                    if !names.iter().any(|n| arn.ends_with(n.as_str())) {
                        continue;
                    }
                    named = true;
                    // In the source account's stack its own id is AWS::AccountId.
                    if arn.contains("AWS::AccountId") {
                        out.push(format!("{}: {id}: copy into the backup account's vault names the source account: {arn}", primary.label()));
                    }
                }
            }
        }
        if !named {
            out.push(format!(
                "{}: no copy action names the backup account's vault",
                primary.label()
            ));
        }
    }
    out
}

/// The policy statements of the bucket policy of bucket `id` in a template.
fn bucket_policy<'a>(t: &'a Template, id: &str) -> Vec<&'a Value> {
    t.of_type("AWS::S3::BucketPolicy")
        .into_iter()
        .filter(|(_, p)| {
            super::cfn::referenced(prop(p, "Bucket").unwrap_or(&Value::Null)) == Some(id)
        })
        .flat_map(|(_, p)| prop(p, "PolicyDocument").map(statements).unwrap_or_default())
        .collect()
}

fn replicas(bundle: &Bundle) -> Vec<String> {
    use super::order::text_of;
    let mut out = Vec::new();
    for target in [drplan::export::Target::Cloudformation] {
        let in_target: Vec<&Template> =
            bundle.templates.iter().filter(|t| t.target == target).collect();
        let Some(primary) = in_target.iter().find(|t| t.stack == "primary") else { continue };
        let account = in_target.iter().find(|t| t.stack == "backup-account");
        for (id, b) in primary.of_type("AWS::S3::Bucket") {
            let config = prop(b, "ReplicationConfiguration");
            let role = config.and_then(|c| c.get("Role")).and_then(super::cfn::referenced);
            let role_name = role
                .and_then(|r| primary.resource(r.split('.').next().unwrap_or(r)))
                .and_then(|r| prop(r, "RoleName"))
                .map(text_of);
            for rule in super::cfn::as_list(config.and_then(|c| c.get("Rules"))) {
                let Some(dest) = rule.get("Destination") else { continue };
                let owner = dest.pointer("/AccessControlTranslation/Owner").and_then(Value::as_str);
                match (dest.get("Account"), owner) {
                    (None, Some(_)) => out
                        .push(format!("{}: {id}: owner override without Account", primary.label())),
                    (Some(_), o) if o != Some("Destination") => out.push(format!(
                        "{}: {id}: rule into another account without the owner override",
                        primary.label()
                    )),
                    _ => {}
                }
                if dest.get("Account").is_none() {
                    continue;
                }
                let name = text_of(dest.get("Bucket").unwrap_or(&Value::Null));
                let name = name.rsplit(":::").next().unwrap_or("").to_string();
                let Some(account) = account else {
                    out.push(format!(
                        "{}: {id}: replicates into {name}, but there is no backup-account stack",
                        primary.label()
                    ));
                    continue;
                };
                let replica = account.of_type("AWS::S3::Bucket").into_iter().find(|(_, r)| {
                    prop(r, "BucketName")
                        .map(text_of)
                        .map(|n| n.replace("${AWS::AccountId}", "${BackupAccountId}"))
                        == Some(name.clone())
                });
                let Some((replica_id, _)) = replica else {
                    out.push(format!(
                        "{}: {id}: the backup account's stack has no bucket {name}",
                        primary.label()
                    ));
                    continue;
                };
                let allowed = bucket_policy(account, replica_id).iter().any(|st| {
                    let text = st.to_string();
                    st.get("Effect").and_then(Value::as_str) == Some("Allow")
                        && text.contains("s3:ReplicateObject")
                        && text.contains("s3:ObjectOwnerOverrideToBucketOwner")
                        && role_name.as_ref().is_some_and(|r| text.contains(&format!("role/{r}")))
                });
                if !allowed {
                    out.push(format!("{}: {replica_id}: its bucket policy does not let the replication role of {id} ({role_name:?}) replicate with the owner override", account.label()));
                }
            }
        }
    }
    for b in bundle.terraform.resources("aws_s3_bucket_replication_configuration") {
        let text = hcl::format::to_string(&b.body).unwrap_or_default();
        for rule in text.split("rule {").skip(1) {
            if rule.contains("account") != rule.contains("access_control_translation") {
                out.push(format!(
                    "{}: a rule names an account without the owner override, or the reverse",
                    b.at()
                ));
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
        // A copy action that names the source account's own id.
        let mut b = bundle(AccountVaultKind::Standard);
        for t in b.templates.iter_mut().filter(|t| t.stack == "primary") {
            let text = t.json.to_string().replace("${BackupAccountId}", "${AWS::AccountId}");
            t.json = serde_json::from_str(&text).unwrap_or_default();
        }
        assert!(
            copies(&b).iter().any(|f| f.contains("names the source account")),
            "{:?}",
            copies(&b)
        );
    }

    #[test]
    fn a_replica_policy_without_the_source_role_is_found() {
        let mut b = bundle(AccountVaultKind::Standard);
        assert!(replicas(&b).is_empty(), "{:?}", replicas(&b));
        for t in b.templates.iter_mut().filter(|t| t.stack == "primary") {
            for (_, r) in t.json["Resources"].as_object_mut().into_iter().flatten() {
                if let Some(n) = r.pointer_mut("/Properties/RoleName") {
                    *n = Value::from("someone-else");
                }
            }
        }
        assert!(
            replicas(&b).iter().any(|f| f.contains("does not let the replication role")),
            "{:?}",
            replicas(&b)
        );
        let mut b = bundle(AccountVaultKind::Standard);
        for t in b.templates.iter_mut().filter(|t| t.stack == "primary") {
            for (_, r) in t.json["Resources"].as_object_mut().into_iter().flatten() {
                let rules = r.pointer_mut("/Properties/ReplicationConfiguration/Rules");
                for rule in rules.and_then(Value::as_array_mut).into_iter().flatten() {
                    if let Some(d) = rule.get_mut("Destination").and_then(Value::as_object_mut) {
                        d.remove("AccessControlTranslation");
                    }
                }
            }
        }
        assert!(
            replicas(&b).iter().any(|f| f.contains("without the owner override")),
            "{:?}",
            replicas(&b)
        );
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
