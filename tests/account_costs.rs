//! What a backup account costs (issue 13), on the AWS list sheet, each rule with its
//! source: copies and replicas are stored at the same rates as in the source account,
//! in the backup account's region; only a copy to another region is a transfer.

use drplan::cost::{estimate, CostLine};
use drplan::plan::*;
use drplan::pricing::PriceOrigin;

fn plan(components: Vec<Component>, account: BackupAccount) -> Plan {
    Plan {
        pricing: PricingChoice { sheet: "aws-list-2026".into(), ..Default::default() },
        horizon_months: 12,
        dr_region: None,
        components,
        backup_account: Some(account),
        ..Plan::default()
    }
}

/// A 10 GB table backed up daily, kept 1 day here and 7 days in the backup account.
fn table_copied() -> Vec<Component> {
    let table = DynamoDbTable { id: "t".into(), size_gb: 10.0, ..DynamoDbTable::default() };
    let rule = BackupRule {
        retention_days: 1,
        copy_to_backup_account: Some(CrossAccountCopy { retention_days: 7 }),
        ..BackupRule::default()
    };
    let backup = BackupPlan {
        id: "b".into(),
        rules: vec![rule],
        protects: vec!["t".into()],
        ..BackupPlan::default()
    };
    vec![Component::DynamodbTable(table), Component::BackupPlan(backup)]
}

fn lines_with<'a>(lines: &'a [CostLine], words: &str) -> Vec<&'a CostLine> {
    lines.iter().filter(|l| l.item.contains(words)).collect()
}

/// AWS Backup pricing: DynamoDB backup storage $0.10 per GB-month, every backup a full
/// copy: 7 copies of 10 GB in the backup account = 70 GB = $7.00. In the same region
/// there is no transfer; to another region each copy is billed as inter-region data
/// transfer ($0.02 per GB out of us-east-1): 30.42 copies a month × 10 GB.
#[test]
fn copies_in_the_backup_account_bill_storage_and_cross_region_transfer() {
    let same = estimate(&plan(table_copied(), BackupAccount::default()));
    let stored = lines_with(&same.lines, "copies in the backup account");
    assert_eq!(stored.len(), 1, "{stored:?}");
    assert_eq!(&*stored[0].price_id, "backup.warm.dynamodb");
    assert_eq!(stored[0].monthly.micros(), 7_000_000);
    assert_eq!(&*stored[0].region, "us-east-1");
    assert!(lines_with(&same.lines, "copy transfer").is_empty());

    let away = BackupAccount { region: Some("us-west-2".into()), ..BackupAccount::default() };
    let other = estimate(&plan(table_copied(), away));
    let stored = lines_with(&other.lines, "copies in the backup account");
    assert_eq!(&*stored[0].region, "us-west-2");
    let transfer = lines_with(&other.lines, "copy transfer to the backup account");
    assert_eq!(transfer.len(), 1);
    assert_eq!(&*transfer[0].price_id, "transfer.inter_region");
    // 30.4167 copies a month × 10 GB × $0.02 = $6.083…
    assert!((transfer[0].monthly.micros() - 6_083_333).abs() <= 10, "{:?}", transfer[0].monthly);
}

/// A logically air-gapped vault is priced apart from standard vaults (AWS Backup
/// pricing); the sheets hold no such price, so the line says so at zero rather than
/// borrowing the standard rate.
#[test]
fn air_gapped_vault_storage_is_not_priced_at_the_standard_rate() {
    let mut account = BackupAccount::default();
    account.vault.kind = AccountVaultKind::LogicallyAirGapped;
    account.vault.lock = Some(AccountVaultLock::default());
    let e = estimate(&plan(table_copied(), account));
    let stored = lines_with(&e.lines, "logically air-gapped vault");
    assert_eq!(stored.len(), 1, "{:?}", e.lines.iter().map(|l| &l.item).collect::<Vec<_>>());
    assert_eq!(&*stored[0].price_id, "backup.air_gapped.dynamodb");
    assert_eq!(stored[0].origin, PriceOrigin::Unpriced);
    assert!(stored[0].source.contains("override"));
}

/// S3 replication into the backup account: the replica's storage at the replica
/// class ($0.0125 per GB-month Standard-IA: 100 GB = $1.25) and its PUT requests.
/// Same-region replication moves no data between regions, so there is no transfer
/// line; to another region the replicated data is inter-region transfer.
#[test]
fn replicas_in_the_backup_account_bill_storage_and_transfer_only_across_regions() {
    let b = S3Bucket {
        id: "media".into(),
        stored_gb: 100.0,
        versioning: Versioning { enabled: true, ..Versioning::default() },
        backup_account_replica: Some(AccountReplica::default()),
        ..S3Bucket::default()
    };
    let same = estimate(&plan(vec![Component::S3Bucket(b.clone())], BackupAccount::default()));
    let stored: Vec<&CostLine> = lines_with(&same.lines, "Current data (replica, backup account");
    assert_eq!(stored.len(), 1);
    assert_eq!(&*stored[0].price_id, "s3.storage.standard_ia");
    assert_eq!(stored[0].monthly.micros(), 1_250_000);
    assert!(!lines_with(&same.lines, "Replica PUT requests in the backup account").is_empty());
    assert!(same.lines.iter().all(|l| &*l.price_id != "s3.replication.data"));

    let away = BackupAccount { region: Some("us-west-2".into()), ..BackupAccount::default() };
    let other = estimate(&plan(vec![Component::S3Bucket(b)], away));
    let transfer = lines_with(&other.lines, "Replication to the backup account");
    assert_eq!(transfer.len(), 1);
    assert_eq!(&*transfer[0].price_id, "s3.replication.data");
    let stored = lines_with(&other.lines, "Current data (replica, backup account");
    assert_eq!(&*stored[0].region, "us-west-2");
}
