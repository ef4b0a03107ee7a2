//! The runbook's commands for the copies in the backup account: they run with the
//! backup account's credentials (the compromised account's are not trusted), restore
//! the table from the locked vault's newest copy, and serve or thaw the replica
//! buckets the backup account owns.

use super::names::{Names, Want};
use super::shell::word;
use super::Commands;
use crate::plan::{Component, Plan, StorageClass};

/// The line every command block into the backup account starts with.
const CREDENTIALS: &str = "# With credentials of the backup account (its break-glass role), not of the compromised account.";

/// A restore of `component` from the newest copy of rule `rule` in the backup
/// account's vault in `region`, into a new resource named `<name>-restored`.
pub fn copy(
    plan: &Plan,
    component: &Component,
    rule: &str,
    region: &str,
    names: &mut Names,
    c: &mut Commands,
) {
    let id = component.id();
    let var = names.of(id, Want::Data);
    let vault = names.account_vault();
    let source = names.param(crate::export::model::account::SOURCE_ACCOUNT_ID);
    let at = format!("--region {}", word(region));
    let home = super::shell::in_double_quotes(&plan.primary_region);
    let (arn, resource_type, key) = match component {
        Component::S3Bucket(_) => {
            (format!("arn:aws:s3:::${{{var}}}"), "S3", "DestinationBucketName")
        }
        Component::DynamodbTable(_) => (
            format!("arn:aws:dynamodb:{home}:{source}:table/${{{var}}}"),
            "DynamoDB",
            "targetTableName",
        ),
        Component::AuroraCluster(_) => (
            format!("arn:aws:rds:{home}:{source}:cluster:${{{var}}}"),
            "Aurora",
            "DBClusterIdentifier",
        ),
        _ => (format!("arn:aws:rds:{home}:{source}:db:${{{var}}}"), "RDS", "DBInstanceIdentifier"),
    };
    c.last_good = format!(
        "the newest recovery point of rule \"{rule}\" copied to the backup account's vault in {region}"
    );
    let extra = if resource_type == "S3" { " | .NewBucket = \"true\"" } else { "" };
    c.restore.extend([
        CREDENTIALS.to_string(),
        format!("RECOVERY_POINT_ARN=$(aws backup list-recovery-points-by-backup-vault {at} --backup-vault-name \"${vault}\" --by-resource-arn \"{arn}\" --query 'sort_by(RecoveryPoints,&CreationDate)[-1].RecoveryPointArn' --output text)"),
        "RESTORE_ROLE_ARN=\"${RESTORE_ROLE_ARN:?set it to a role of the backup account that AWS Backup restores with (AWSBackupDefaultServiceRole)}\"".into(),
        format!("aws backup get-recovery-point-restore-metadata {at} --backup-vault-name \"${vault}\" --recovery-point-arn \"$RECOVERY_POINT_ARN\" --query RestoreMetadata > restore-metadata.json"),
        format!("jq --arg name \"${{{var}}}-restored\" '.{key} = $name{extra}' restore-metadata.json > restore-metadata.edited.json"),
        format!("RESTORE_JOB_ID=$(aws backup start-restore-job {at} --recovery-point-arn \"$RECOVERY_POINT_ARN\" --iam-role-arn \"$RESTORE_ROLE_ARN\" --resource-type {resource_type} --metadata file://restore-metadata.edited.json --query RestoreJobId --output text)"),
    ]);
    c.verify.push(format!("aws backup describe-restore-job {at} --restore-job-id \"$RESTORE_JOB_ID\" --query '[Status,CreatedResourceArn,CompletionDate]' --output text"));
    c.cleanup.push("rm -f restore-metadata.json restore-metadata.edited.json".into());
}

/// The replica bucket the backup account owns: served in place, after thawing its
/// objects when they are in an archive class.
pub fn replica(
    plan: &Plan,
    bucket: &crate::plan::S3Bucket,
    region: &str,
    names: &mut Names,
    c: &mut Commands,
) {
    let var = names.of(&bucket.id, Want::AccountReplica);
    let replica = format!("\"${var}\"");
    let at = format!("--region {}", word(region));
    c.last_good = format!("the replica bucket in the backup account, in {region}");
    let class =
        bucket.backup_account_replica.as_ref().map_or(StorageClass::Standard, |r| r.storage_class);
    c.restore.push(CREDENTIALS.into());
    if class.is_archive() {
        let request = format!(
            "{{\"Days\":7,\"GlacierJobParameters\":{{\"Tier\":\"{}\"}}}}",
            super::tier(plan, class)
        );
        c.restore.extend([
            format!("# The replica is in {}: restore each object for 7 days (tier as planned), then copy it into S3 Standard. For millions of objects, run the same through S3 Batch Operations.", class.label()),
            format!("aws s3api list-objects-v2 {at} --bucket {replica} --query 'Contents[].Key' --output text | tr '\\t' '\\n' > account-replica-keys.txt"),
            format!("while IFS= read -r key; do aws s3api restore-object {at} --bucket {replica} --key \"$key\" --restore-request {}; done < account-replica-keys.txt", word(&request)),
            format!("while IFS= read -r key; do aws s3api copy-object {at} --bucket {replica} --key \"$key\" --copy-source \"${{{var}}}/${{key}}\" --storage-class STANDARD; done < account-replica-keys.txt"),
        ]);
        c.cleanup.push("rm -f account-replica-keys.txt  # the restored temporary copies expire by themselves after 7 days".into());
    }
    c.restore.push("# Point the redeployed application at the replica bucket: the backup account owns it and its objects.".into());
    c.verify.push(format!("aws s3api get-bucket-versioning {at} --bucket {replica}"));
    c.verify.push(format!("aws s3api list-objects-v2 {at} --bucket {replica} --max-items 10 --query 'Contents[].[Key,LastModified,StorageClass]' --output text"));
}
