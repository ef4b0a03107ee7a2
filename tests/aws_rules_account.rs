//! AWS's rules for a backup account (issue 13), each a table test quoting the AWS
//! documentation sentence it enforces: cross-account copies within one organization,
//! Vault Lock's cooling-off and retention bounds, logically air-gapped vaults, and S3
//! replication into another account.

use drplan::plan::{
    parse_plan, validate, AccountReplica, AccountVaultKind, AccountVaultLock, BackupAccount,
    BackupPlan, BackupRule, Component, CrossAccountCopy, Plan, S3Bucket, Severity, VaultLockMode,
    Versioning,
};

fn plan_with(account: Option<BackupAccount>, copy_days: Option<u32>, replica: bool) -> Plan {
    let bucket = S3Bucket {
        id: "media".into(),
        versioning: Versioning { enabled: true, ..Versioning::default() },
        backup_account_replica: replica.then(AccountReplica::default),
        ..S3Bucket::default()
    };
    let backup = BackupPlan {
        id: "daily".into(),
        rules: vec![BackupRule {
            copy_to_backup_account: copy_days
                .map(|retention_days| CrossAccountCopy { retention_days }),
            ..BackupRule::default()
        }],
        protects: vec!["media".into()],
        ..BackupPlan::default()
    };
    Plan {
        components: vec![Component::S3Bucket(bucket), Component::BackupPlan(backup)],
        backup_account: account,
        ..Plan::default()
    }
}

/// The errors of a plan, as (path, message) pairs.
fn errors(plan: &Plan) -> Vec<(String, String)> {
    validate(plan)
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| (d.path, d.message))
        .collect()
}

fn locked(mode: VaultLockMode, min: u32, max: u32, changeable: u32) -> BackupAccount {
    let mut account = BackupAccount::default();
    account.vault.lock = Some(AccountVaultLock {
        mode,
        min_retention_days: min,
        max_retention_days: max,
        changeable_for_days: changeable,
    });
    account
}

/// AWS Backup API reference, DescribeGlobalSettings: "isCrossAccountBackupEnabled: Allow
/// accounts in your organization to copy backups to other accounts" and "Returns an error
/// if the account is not a member of an Organizations organization". A copy action into
/// an account outside the organization is refused; S3 replication has no such rule.
#[test]
fn cross_account_copies_need_one_organization() {
    let copy_at = "components[1].rules[0].copy_to_backup_account";
    for (same_org, copy, replica, refused) in
        [(true, true, false, false), (false, true, false, true), (false, false, true, false)]
    {
        let account = BackupAccount { same_organization: same_org, ..BackupAccount::default() };
        let plan = plan_with(Some(account), copy.then_some(35), replica);
        let found = errors(&plan).iter().any(|(p, m)| p == copy_at && m.contains("Organization"));
        assert_eq!(
            found,
            refused,
            "same_organization {same_org}, copy {copy}: {:?}",
            errors(&plan)
        );
    }
}

/// A copy or a replica into a backup account needs the account.
#[test]
fn copies_into_the_backup_account_need_one() {
    let plan = plan_with(None, Some(35), true);
    let paths: Vec<String> = errors(&plan).into_iter().map(|(p, _)| p).collect();
    assert!(paths.contains(&"components[1].rules[0].copy_to_backup_account".to_string()));
    assert!(paths.contains(&"components[0].backup_account_replica".to_string()));
    assert!(errors(&plan_with(Some(BackupAccount::default()), Some(35), true)).is_empty());
}

/// AWS::Backup::BackupVault LockConfigurationType, ChangeableForDays: "AWS Backup enforces
/// a 72-hour cooling-off period before Vault Lock takes effect and becomes immutable.
/// Therefore, you must set ChangeableForDays to 3 or greater." Governance mode has no
/// lock date, so the field is not checked there.
#[test]
fn compliance_lock_cooling_off_is_at_least_three_days() {
    let at = "backup_account.vault.lock.changeable_for_days";
    for (mode, days, refused) in [
        (VaultLockMode::Compliance, 2, true),
        (VaultLockMode::Compliance, 0, true),
        (VaultLockMode::Compliance, 3, false),
        (VaultLockMode::Compliance, 30, false),
        (VaultLockMode::Governance, 0, false),
    ] {
        let plan = plan_with(Some(locked(mode, 7, 365, days)), Some(35), false);
        let found = errors(&plan).iter().any(|(p, m)| p == at && m.contains("72-hour"));
        assert_eq!(found, refused, "{mode:?} {days} days");
    }
}

/// PutBackupVaultLockConfiguration, MaxRetentionDays: "If the job's retention period is
/// longer than that maximum retention period, then the vault fails the backup or copy
/// job … The longest maximum retention period you can specify is 36500 days"; and
/// MinRetentionDays: "If the job's retention period is shorter than that minimum
/// retention period, then the vault fails the backup or copy job".
#[test]
fn copies_must_fit_the_locks_retention_range() {
    let copy_at = "components[1].rules[0].copy_to_backup_account.retention_days";
    let max_at = "backup_account.vault.lock.max_retention_days";
    for (min, max, copy, path) in [
        (7, 365, 35, None),
        (7, 365, 7, None),
        (7, 365, 365, None),
        (7, 365, 6, Some(copy_at)),
        (7, 365, 366, Some(copy_at)),
        (30, 20, 25, Some(max_at)),
        (7, 36_501, 35, Some(max_at)),
    ] {
        let plan =
            plan_with(Some(locked(VaultLockMode::Compliance, min, max, 3)), Some(copy), false);
        let paths: Vec<String> = errors(&plan).into_iter().map(|(p, _)| p).collect();
        match path {
            None => assert!(paths.is_empty(), "{min}-{max}, copy {copy}: {paths:?}"),
            Some(p) => {
                assert!(paths.contains(&p.to_string()), "{min}-{max}, copy {copy}: {paths:?}")
            }
        }
    }
}

/// AWS Backup developer guide, logically air-gapped vault: "each vault is encrypted with
/// either an AWS owned key (default) or optionally with a customer-managed KMS key, and
/// each vault is equipped with AWS Backup Vault Lock's compliance mode". A plan's
/// air-gapped vault therefore needs a compliance lock with its retention range.
#[test]
fn air_gapped_vaults_are_locked_in_compliance_mode() {
    let at = "backup_account.vault.lock";
    for (lock, refused) in [
        (None, true),
        (Some(VaultLockMode::Governance), true),
        (Some(VaultLockMode::Compliance), false),
    ] {
        let mut account = BackupAccount::default();
        account.vault.kind = AccountVaultKind::LogicallyAirGapped;
        account.vault.lock =
            lock.map(|mode| AccountVaultLock { mode, ..AccountVaultLock::default() });
        let plan = plan_with(Some(account), Some(35), false);
        assert_eq!(errors(&plan).iter().any(|(p, _)| p == at), refused, "{lock:?}");
    }
}

/// CreateLogicallyAirGappedBackupVault, MinRetentionDays: "This setting specifies the
/// minimum retention period that the vault retains its recovery points. The minimum
/// value accepted is 7 days." A standard vault's lock accepts 1 day.
#[test]
fn air_gapped_vaults_keep_recovery_points_at_least_seven_days() {
    let at = "backup_account.vault.lock.min_retention_days";
    for (kind, min, refused) in [
        (AccountVaultKind::LogicallyAirGapped, 6, true),
        (AccountVaultKind::LogicallyAirGapped, 7, false),
        (AccountVaultKind::Standard, 1, false),
    ] {
        let mut account = locked(VaultLockMode::Compliance, min, 365, 3);
        account.vault.kind = kind;
        let plan = plan_with(Some(account), Some(35), false);
        assert_eq!(errors(&plan).iter().any(|(p, _)| p == at), refused, "{kind:?} {min}");
    }
}

/// S3 user guide, replication requirements: versioning must be enabled on the source
/// bucket. And "Changing the replica owner": "In replication, the owner of the source
/// object also owns the replica by default" — without the owner override the source
/// account keeps owning the replicas, which the plan warns about.
#[test]
fn replicas_in_the_backup_account_need_versioning_and_should_change_owner() {
    let mut plan = plan_with(Some(BackupAccount::default()), None, true);
    if let Some(Component::S3Bucket(b)) = plan.components.get_mut(0) {
        b.versioning.enabled = false;
        b.backup_account_replica =
            Some(AccountReplica { owner_override: false, ..AccountReplica::default() });
    }
    let all = validate(&plan);
    assert!(all.iter().any(|d| d.path == "components[0].backup_account_replica"
        && d.severity == Severity::Error
        && d.message.contains("versioning")));
    assert!(all.iter().any(|d| d.path == "components[0].backup_account_replica.owner_override"
        && d.severity == Severity::Warning));
}

/// The account's own fields: a 12-digit id, a known region, a short label.
#[test]
fn account_fields_are_checked_in_their_units() {
    for (account, path) in [
        (
            BackupAccount { account_id: Some("12345".into()), ..BackupAccount::default() },
            "backup_account.account_id",
        ),
        (
            BackupAccount { account_id: Some("12345678901a".into()), ..BackupAccount::default() },
            "backup_account.account_id",
        ),
        (
            BackupAccount { region: Some("moon-1".into()), ..BackupAccount::default() },
            "backup_account.region",
        ),
        (
            BackupAccount { name: "Backup Account".into(), ..BackupAccount::default() },
            "backup_account.name",
        ),
        (
            BackupAccount { activation_minutes: 20_000, ..BackupAccount::default() },
            "backup_account.activation_minutes",
        ),
    ] {
        let plan = plan_with(Some(account), None, false);
        assert!(errors(&plan).iter().any(|(p, _)| p == path), "{path}: {:?}", errors(&plan));
    }
    let good = BackupAccount {
        account_id: Some("123456789012".into()),
        region: Some("us-west-2".into()),
        ..BackupAccount::default()
    };
    assert!(errors(&plan_with(Some(good), Some(35), true)).is_empty());
}

/// Plans written before the backup account existed read and write unchanged, and a
/// plan with one round-trips through the plan file.
#[test]
fn plan_files_stay_backward_compatible() {
    let old = Plan::default();
    let json = old.to_json_pretty();
    assert!(!json.contains("backup_account"), "{json}");
    let with = plan_with(Some(locked(VaultLockMode::Compliance, 7, 365, 3)), Some(35), true);
    let read = parse_plan(&with.to_json_pretty()).map_err(|e| format!("{e:?}"));
    assert_eq!(read, Ok(with));
}
