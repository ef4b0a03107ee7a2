//! Surviving a compromised account (issue 13): which copies count, what RPO and RTO
//! they give (worked out by hand from the figures each path cites), what they cost,
//! and that the fixes adding a backup account meet what they claim.

use drplan::cost::estimate;
use drplan::plan::*;
use drplan::presets::find;
use drplan::recovery::{self, apply_fix, PlanChange, Range, Scenario};

fn bucket(id: &str) -> S3Bucket {
    S3Bucket {
        id: id.into(),
        stored_gb: 100.0,
        versioning: Versioning { enabled: true, ..Versioning::default() },
        backup_account_replica: Some(AccountReplica {
            storage_class: StorageClass::StandardIa,
            replication_time_control: true,
            owner_override: true,
        }),
        ..S3Bucket::default()
    }
}

fn plan(components: Vec<Component>, account: Option<BackupAccount>) -> Plan {
    let mut all = components;
    all.push(Component::ConfigBackup(ConfigBackup {
        id: "config".into(),
        redeploy_minutes: 30,
        ..ConfigBackup::default()
    }));
    Plan { components: all, backup_account: account, ..Plan::default() }
}

fn figures(plan: &Plan, scenario: Scenario, id: &str) -> (Option<Range>, Option<Range>) {
    let report = recovery::assess(plan);
    let c = report.scenario(scenario).and_then(|s| s.component(id)).cloned();
    c.map_or((None, None), |c| (c.rpo_minutes, c.rto_minutes))
}

fn close(actual: Option<Range>, best: f64, worst: f64, what: &str) {
    let a = actual.unwrap_or_else(|| panic!("{what}: not recoverable"));
    assert!((a.best - best).abs() < 0.011 && (a.worst - worst).abs() < 0.011, "{what}: {a:?}");
}

/// A replica in a bucket the backup account owns survives the compromise: RPO the
/// replication lag (S3 RTC: 99.99% within 15 minutes), RTO detection 5 + taking over
/// the account 30 (the plan's figure) + serving the Standard-IA replica in place 0 +
/// redeploy 30 + manual cut-over 60 = 125 min. The same bucket without the backup
/// account has nothing outside the account.
#[test]
fn a_replica_in_the_backup_account_survives_a_compromise() {
    let with = plan(vec![Component::S3Bucket(bucket("media"))], Some(BackupAccount::default()));
    let (rpo, rto) = figures(&with, Scenario::AccountCompromise, "media");
    close(rpo, 0.0, 15.0, "RPO");
    close(rto, 125.0, 125.0, "RTO");
    let without = plan(vec![Component::S3Bucket(bucket("media"))], None);
    assert_eq!(figures(&without, Scenario::AccountCompromise, "media"), (None, None));
}

/// AWS Backup copies across accounts only within one organization: a copy action into
/// an account outside it gives no path. Inside, a daily rule's copy of a 10 GB table
/// gives RPO 24 h and RTO 5 + 30 + 5–10 (seed 004: DynamoDB backup restore) + 6
/// (10 GB at 100 GB/h) + 30 + 60 = 136–141 min.
#[test]
fn backup_copies_count_only_within_the_organization() {
    let table = DynamoDbTable { id: "t".into(), size_gb: 10.0, ..DynamoDbTable::default() };
    let rule = BackupRule {
        copy_to_backup_account: Some(CrossAccountCopy { retention_days: 7 }),
        ..BackupRule::default()
    };
    let backup = BackupPlan {
        id: "b".into(),
        rules: vec![rule],
        protects: vec!["t".into()],
        ..BackupPlan::default()
    };
    let components = vec![Component::DynamodbTable(table), Component::BackupPlan(backup)];
    let inside = plan(components.clone(), Some(BackupAccount::default()));
    let (rpo, rto) = figures(&inside, Scenario::AccountCompromise, "t");
    close(rpo, 0.0, 1440.0, "RPO");
    close(rto, 136.0, 141.0, "RTO");
    let outside = BackupAccount { same_organization: false, ..BackupAccount::default() };
    assert_eq!(
        figures(&plan(components, Some(outside)), Scenario::AccountCompromise, "t"),
        (None, None)
    );
}

/// A backup account in another region also survives the loss of the primary region
/// (its stack is redeployed there from the repository); one in the primary region
/// does not, and adding it never changes the region-loss figure.
#[test]
fn a_backup_account_in_another_region_also_survives_region_loss() {
    let mut b = bucket("media");
    b.replication = None;
    let single = Plan { dr_region: None, ..plan(vec![Component::S3Bucket(b.clone())], None) };
    assert_eq!(figures(&single, Scenario::RegionLoss, "media"), (None, None));
    let same = Plan { backup_account: Some(BackupAccount::default()), ..single.clone() };
    assert_eq!(figures(&same, Scenario::RegionLoss, "media"), (None, None));
    let away = BackupAccount { region: Some("us-west-2".into()), ..BackupAccount::default() };
    let other = Plan { backup_account: Some(away), ..single };
    let (rpo, rto) = figures(&other, Scenario::RegionLoss, "media");
    close(rpo, 0.0, 15.0, "RPO");
    // detection 5 + take over 30 + serve in place 0 + redeploy 30 + manual cut-over 60.
    close(rto, 125.0, 125.0, "RTO");
}

/// Seed 004's photo portfolio with the backup account its Scenario 3 calls for: the
/// preset's design, the media bucket and the archive replicated into buckets the
/// backup account owns, and a daily AWS Backup rule (kept 1 day here) copying the
/// table into the account's compliance-locked vault for 7 days.
fn photo_portfolio_with_backup_account() -> Plan {
    find("photo-portfolio").expect("preset").plan()
}

/// The preset as it was before it modelled seed 004's backup account.
fn photo_portfolio_without_backup_account() -> Plan {
    let mut plan = photo_portfolio_with_backup_account();
    plan.backup_account = None;
    plan.components.retain(|c| c.id() != "table-copies");
    for c in &mut plan.components {
        if let Component::S3Bucket(b) = c {
            b.backup_account_replica = None;
        }
    }
    plan
}

/// Seed 004, Scenario 3: "Complete Account Compromise — Cross-Account Recovery (Target:
/// 4 hours): activate backup AWS account; restore from cross-account S3 replicas;
/// deploy infrastructure from git repository; import DynamoDB data from backups;
/// update DNS". With the backup account the scenario is recoverable within 4 hours:
/// 5 detection + 30 taking over the account + 5–10 table restore (seed 004) + 6
/// (10 GB at 100 GB/h) + 30 redeploy + 60 cut-over = 136–141 min. Its RPO is the
/// table's daily copy (24 h); the preset without the account is not recoverable.
#[test]
fn photo_portfolio_recovers_from_a_compromise_within_four_hours() {
    let plan = photo_portfolio_with_backup_account();
    assert!(validate(&plan).iter().all(|d| d.severity != Severity::Error), "{:?}", validate(&plan));
    let report = recovery::assess(&plan);
    let s = report.scenario(Scenario::AccountCompromise).expect("scenario");
    assert!(s.not_recoverable.is_none(), "{:?}", s.not_recoverable);
    assert!(s.meets_rto, "{:?}", s.rto_minutes);
    close(s.rto_minutes, 136.0, 141.0, "RTO");
    close(s.rpo_minutes, 0.0, 1440.0, "RPO");
    // The other scenarios are unchanged by copies in the primary region's account.
    let preset = photo_portfolio_without_backup_account();
    let before = recovery::assess(&preset);
    assert!(before
        .scenario(Scenario::AccountCompromise)
        .is_some_and(|s| s.not_recoverable.is_some()));
    for scenario in [Scenario::Deletion, Scenario::AzLoss, Scenario::RegionLoss] {
        let (a, b) = (report.scenario(scenario), before.scenario(scenario));
        assert_eq!(a.map(|s| s.rto_minutes), b.map(|s| s.rto_minutes), "{scenario:?}");
        assert_eq!(a.map(|s| s.rpo_minutes), b.map(|s| s.rpo_minutes), "{scenario:?}");
    }
}

/// Every target creates what the recovery figures count on: a stack in the backup
/// account with the locked vault and the replica buckets (deployed first), and in the
/// source account the copy action and the replication rules that name that account.
#[test]
fn every_target_exports_the_backup_account_the_recovery_counts_on() {
    use drplan::export::Target;
    let plan = photo_portfolio_with_backup_account();
    let file = |target: Target, path: &str| {
        let files = drplan::export::export(&plan, target).expect("exports");
        files.into_iter().find(|f| f.path == path).map(|f| f.contents).unwrap_or_default()
    };
    let account = file(Target::Cloudformation, "backup-account.yaml");
    for needle in [
        "AWS::Backup::BackupVault",
        "backup:CopyIntoBackupVault",
        "ChangeableForDays: 3",
        "MediaAccountReplica:",
        "ComplianceArchiveAccountReplica:",
        "ObjectOwnership: BucketOwnerEnforced",
        "s3:ObjectOwnerOverrideToBucketOwner",
    ] {
        assert!(account.contains(needle), "backup-account.yaml lacks {needle}");
    }
    let readme = file(Target::Cloudformation, "README.md");
    assert!(readme.contains("put-bucket-replication"), "the existing media bucket's rules");
    assert!(
        readme.contains("\"Account\": \"${BACKUP_ACCOUNT_ID}\""),
        "media's rule names the account"
    );
    let primary = file(Target::Cloudformation, "primary.yaml");
    assert!(primary.contains("backup-vault:${ProjectName}-backup-vault"), "copy action");
    assert!(primary.contains("Owner: Destination"), "owner override");
    let providers = file(Target::Terraform, "providers.tf");
    assert!(providers.contains("alias  = \"backup_account\"") && providers.contains("assume_role"));
    let py = file(Target::CdkPython, "app.py");
    assert!(py.contains("primary.add_stack_dependency(backup_account)"));
    let ts = file(Target::CdkTypescript, "bin/app.ts");
    assert!(ts.contains("account: settings.backupAccountId"), "{ts}");
}

/// The fix list of a preset that cannot survive a compromise offers a backup account,
/// and that fix, applied, meets every target it claims at the cost it states.
#[test]
fn a_backup_account_fix_meets_what_it_claims() {
    let preset = find("s3-glacier-backup").expect("preset").plan();
    let before = recovery::assess(&preset);
    let found = recovery::fixes(&preset, &before, &estimate(&preset));
    let fix = found
        .fixes
        .iter()
        .find(|f| f.changes.iter().any(|c| matches!(c, PlanChange::AddBackupAccountReplica { .. })))
        .expect("a backup-account fix");
    assert!(fix.fixes_scenarios.contains(&Scenario::AccountCompromise));
    let after = apply_fix(&preset, fix);
    assert!(after.backup_account.is_some());
    assert!(validate(&after).iter().all(|d| d.severity != Severity::Error));
    let report = recovery::assess(&after);
    let s = report.scenario(Scenario::AccountCompromise).expect("scenario");
    for target in &fix.fixes_targets {
        assert!(s.meets(target.measure), "{target:?} claimed but missed: {:?}", s.explanation);
    }
    let delta = estimate(&after).monthly_total.saturating_sub(estimate(&preset).monthly_total);
    assert_eq!(delta, fix.monthly_cost_delta);
    // Applied, the fix exports in every target: its replica needs no DR region.
    let files = drplan::export::export_all(&after).expect("the fixed plan exports");
    assert!(files.iter().any(|f| f.path.ends_with("backup-account.yaml")));
}
