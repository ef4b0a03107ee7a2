//! The AWS CLI commands of one recovery path: restore, verify, clean up, and where
//! its last good copy is. Every name is a variable of the runbook's setup
//! ([`super::names`]); every value from the plan is quoted by [`super::shell`].
//!
//! Restores go to a new resource (`<name>-restored`) next to the damaged one: the
//! damaged copy stays for the post-mortem, a drill never touches production, and
//! cleaning up is deleting what the restore made.

use super::names::{Names, Want};
use super::shell::{in_double_quotes, word};
use crate::plan::{AuroraEngine, Component, Plan, StorageClass};
use crate::recovery::{Mechanism, Path};

use super::{tier, Commands};

/// `--region 'r'`.
fn region(r: &str) -> String {
    format!("--region {}", word(r))
}

/// `to_time`: restore to the `$RESTORE_TIME` the Decide step sets (deletion or
/// corruption), rather than the latest restorable point.
pub fn for_path(
    plan: &Plan,
    component: &Component,
    path: &Path,
    to_time: bool,
    names: &mut Names,
) -> Commands {
    let primary = region(&plan.primary_region);
    let id = component.id();
    let var = names.of(id, Want::Data);
    let (name, restored) = (format!("\"${var}\""), format!("\"${{{var}}}-restored\""));
    let mut c = Commands::default();
    let mut run = |lines: &[String]| c.restore.extend(lines.iter().cloned());
    match (&path.mechanism, component) {
        (Mechanism::Automatic, _) => {
            c.last_good = "the live resource: its storage spans several Availability Zones".into();
            if let Component::RdsInstance(_) = component {
                c.verify.push(format!("aws rds describe-events {primary} --source-type db-instance --source-identifier {name} --duration 60"));
            }
            if let Component::AuroraCluster(_) = component {
                c.verify.push(format!("aws rds describe-db-clusters {primary} --db-cluster-identifier {name} --query 'DBClusters[0].DBClusterMembers[].[DBInstanceIdentifier,IsClusterWriter]' --output text"));
            }
        }
        (Mechanism::S3Versions, _) => {
            c.last_good = "the previous versions in the bucket itself".into();
            run(&[
                "# Deleted objects: list the delete markers, then remove each one (the previous version becomes current again).".into(),
                format!("aws s3api list-object-versions {primary} --bucket {name} --query 'DeleteMarkers[?IsLatest].[Key,VersionId,LastModified]' --output text"),
                format!("aws s3api delete-object {primary} --bucket {name} --key \"$KEY\" --version-id \"$DELETE_MARKER_VERSION_ID\""),
                "# Overwritten objects: copy the last good version over the current one.".into(),
                format!("aws s3api list-object-versions {primary} --bucket {name} --prefix \"$KEY\" --query 'Versions[].[Key,VersionId,LastModified,StorageClass]' --output text"),
                format!("aws s3api copy-object {primary} --bucket {name} --key \"$KEY\" --copy-source \"${{{var}}}/${{KEY}}?versionId=${{GOOD_VERSION_ID}}\""),
            ]);
            c.verify
                .push(format!("aws s3api head-object {primary} --bucket {name} --key \"$KEY\""));
        }
        (Mechanism::S3Replica { region: dr }, Component::S3Bucket(b)) => {
            let dr = region(dr);
            let replica_var = names.of(id, Want::Replica);
            let replica = format!("\"${replica_var}\"");
            c.last_good = "the replica bucket in the DR region".into();
            let class = b.replication.as_ref().map_or(StorageClass::Standard, |r| r.storage_class);
            if class.is_archive() {
                let request = format!(
                    "{{\"Days\":7,\"GlacierJobParameters\":{{\"Tier\":\"{}\"}}}}",
                    tier(plan, class)
                );
                run(&[
                    format!("# The replica is in {}: restore each object for 7 days (tier as planned), then copy it into S3 Standard. For millions of objects, run the same through S3 Batch Operations.", class.label()),
                    format!("aws s3api list-objects-v2 {dr} --bucket {replica} --query 'Contents[].Key' --output text | tr '\\t' '\\n' > replica-keys.txt"),
                    format!("while IFS= read -r key; do aws s3api restore-object {dr} --bucket {replica} --key \"$key\" --restore-request {}; done < replica-keys.txt", word(&request)),
                    format!("while IFS= read -r key; do aws s3api copy-object {dr} --bucket {replica} --key \"$key\" --copy-source \"${{{replica_var}}}/${{key}}\" --storage-class STANDARD; done < replica-keys.txt"),
                ]);
                c.cleanup.push("rm -f replica-keys.txt  # the restored temporary copies expire by themselves after 7 days".into());
            }
            run(&["# Point the application at the replica bucket (its configuration names the bucket and the region).".into()]);
            c.verify.push(format!("aws s3api list-objects-v2 {dr} --bucket {replica} --max-items 10 --query 'Contents[].[Key,LastModified,StorageClass]' --output text"));
        }
        (Mechanism::DynamodbPitr, _) => {
            c.last_good = "the table's point-in-time recovery log (35 days at most)".into();
            run(&[
                format!("aws dynamodb describe-continuous-backups {primary} --table-name {name} --query 'ContinuousBackupsDescription.PointInTimeRecoveryDescription.[EarliestRestorableDateTime,LatestRestorableDateTime]' --output text"),
                format!("aws dynamodb restore-table-to-point-in-time {primary} --source-table-name {name} --target-table-name {restored} --restore-date-time \"$RESTORE_TIME\""),
                format!("aws dynamodb wait table-exists {primary} --table-name {restored}"),
                "# The restored table has no PITR, TTL, streams or auto scaling: turn on what the application needs, then point it at the restored table (or copy the damaged items back).".into(),
                format!("aws dynamodb update-continuous-backups {primary} --table-name {restored} --point-in-time-recovery-specification PointInTimeRecoveryEnabled=true"),
            ]);
            c.verify.push(format!("aws dynamodb describe-table {primary} --table-name {restored} --query 'Table.[TableStatus,ItemCount,TableSizeBytes]' --output text"));
            c.cleanup.push(format!("aws dynamodb delete-table {primary} --table-name {restored}"));
        }
        (Mechanism::DynamodbBackups, _) => {
            c.last_good = "the newest on-demand backup taken before the incident".into();
            run(&[
                format!("BACKUP_ARN=$(aws dynamodb list-backups {primary} --table-name {name} --time-range-upper-bound \"$RESTORE_TIME\" --query 'sort_by(BackupSummaries,&BackupCreationDateTime)[-1].BackupArn' --output text)"),
                format!("aws dynamodb restore-table-from-backup {primary} --target-table-name {restored} --backup-arn \"$BACKUP_ARN\""),
                format!("aws dynamodb wait table-exists {primary} --table-name {restored}"),
            ]);
            c.verify.push(format!("aws dynamodb describe-table {primary} --table-name {restored} --query 'Table.[TableStatus,ItemCount]' --output text"));
            c.cleanup.push(format!("aws dynamodb delete-table {primary} --table-name {restored}"));
        }
        (Mechanism::DynamodbReplica { region: dr }, _) => {
            let dr = region(dr);
            c.last_good = "the global table's replica in the DR region (same name)".into();
            run(&["# The replica already takes reads and writes: point the application at the DR region's endpoint.".into()]);
            c.verify.push(format!("aws dynamodb describe-table {dr} --table-name {name} --query 'Table.[TableStatus,Replicas[].[RegionName,ReplicaStatus]]' --output text"));
        }
        (Mechanism::RdsPitr | Mechanism::RdsSnapshots, Component::RdsInstance(r)) => {
            let network = [
                format!("DB_SUBNET_GROUP=$(aws rds describe-db-instances {primary} --db-instance-identifier {name} --query 'DBInstances[0].DBSubnetGroup.DBSubnetGroupName' --output text)"),
                format!("DB_SECURITY_GROUPS=$(aws rds describe-db-instances {primary} --db-instance-identifier {name} --query 'DBInstances[0].VpcSecurityGroups[].VpcSecurityGroupId' --output text)"),
            ];
            run(&network);
            let multi_az = if r.multi_az { " --multi-az" } else { "" };
            let place = format!("--db-subnet-group-name \"$DB_SUBNET_GROUP\" --vpc-security-group-ids $DB_SECURITY_GROUPS{multi_az}");
            let when = if to_time {
                "--restore-time \"$RESTORE_TIME\""
            } else {
                "--use-latest-restorable-time"
            };
            if path.mechanism == Mechanism::RdsPitr {
                c.last_good = "the instance's automated backups and transaction logs".into();
                run(&[format!("aws rds restore-db-instance-to-point-in-time {primary} --source-db-instance-identifier {name} --target-db-instance-identifier {restored} {when} {place}")]);
            } else {
                c.last_good = "the newest manual snapshot taken before the incident".into();
                let pick = if to_time {
                    vec![
                        format!("aws rds describe-db-snapshots {primary} --db-instance-identifier {name} --snapshot-type manual --query 'DBSnapshots[].[SnapshotCreateTime,DBSnapshotIdentifier]' --output text | sort"),
                        "SNAPSHOT_ID=\"${SNAPSHOT_ID:?set SNAPSHOT_ID to the newest snapshot listed above that was taken before RESTORE_TIME}\"".to_string(),
                    ]
                } else {
                    vec![format!("SNAPSHOT_ID=$(aws rds describe-db-snapshots {primary} --db-instance-identifier {name} --snapshot-type manual --query 'sort_by(DBSnapshots,&SnapshotCreateTime)[-1].DBSnapshotIdentifier' --output text)")]
                };
                run(&pick);
                run(&[
                    format!("aws rds restore-db-instance-from-db-snapshot {primary} --db-instance-identifier {restored} --db-snapshot-identifier \"$SNAPSHOT_ID\" {place}"),
                ]);
            }
            rds_finish(&mut c, &primary, &restored);
        }
        (
            Mechanism::RdsCrossRegionBackups { region: dr }
            | Mechanism::RdsSnapshotCopies { region: dr },
            Component::RdsInstance(_),
        ) => {
            let dr = region(dr);
            let place = "--db-subnet-group-name \"${DR_DB_SUBNET_GROUP:?set DR_DB_SUBNET_GROUP to a DB subnet group in the DR region}\"";
            if matches!(path.mechanism, Mechanism::RdsCrossRegionBackups { .. }) {
                c.last_good = "the automated backups replicated to the DR region".into();
                run(&[
                    format!("BACKUP_ARN=$(aws rds describe-db-instance-automated-backups {dr} --db-instance-identifier {name} --query 'DBInstanceAutomatedBackups[0].DBInstanceAutomatedBackupsArn' --output text)"),
                    format!("aws rds restore-db-instance-to-point-in-time {dr} --source-db-instance-automated-backups-arn \"$BACKUP_ARN\" --target-db-instance-identifier {restored} --use-latest-restorable-time {place}"),
                ]);
            } else {
                c.last_good = "the newest snapshot copy in the DR region".into();
                run(&[
                    format!("SNAPSHOT_ID=$(aws rds describe-db-snapshots {dr} --db-instance-identifier {name} --snapshot-type manual --query 'sort_by(DBSnapshots,&SnapshotCreateTime)[-1].DBSnapshotIdentifier' --output text)"),
                    format!("aws rds restore-db-instance-from-db-snapshot {dr} --db-instance-identifier {restored} --db-snapshot-identifier \"$SNAPSHOT_ID\" {place}"),
                ]);
            }
            rds_finish(&mut c, &dr, &restored);
        }
        (Mechanism::AuroraBacktrack, _) => {
            c.last_good = "the cluster itself, rewound in place".into();
            run(&[format!("aws rds backtrack-db-cluster {primary} --db-cluster-identifier {name} --backtrack-to \"$RESTORE_TIME\"")]);
            c.verify.push(format!("aws rds describe-db-cluster-backtracks {primary} --db-cluster-identifier {name} --max-records 20 --query 'DBClusterBacktracks[0].[Status,BacktrackTo]' --output text"));
        }
        (Mechanism::AuroraPitr, Component::AuroraCluster(a)) => {
            c.last_good =
                "the cluster's automated backups (continuous within the retention period)".into();
            let engine = match a.engine {
                AuroraEngine::AuroraMysql => "aurora-mysql",
                AuroraEngine::AuroraPostgresql => "aurora-postgresql",
            };
            run(&[
                format!("DB_SUBNET_GROUP=$(aws rds describe-db-clusters {primary} --db-cluster-identifier {name} --query 'DBClusters[0].DBSubnetGroup' --output text)"),
                format!("DB_SECURITY_GROUPS=$(aws rds describe-db-clusters {primary} --db-cluster-identifier {name} --query 'DBClusters[0].VpcSecurityGroups[].VpcSecurityGroupId' --output text)"),
                format!("aws rds restore-db-cluster-to-point-in-time {primary} --source-db-cluster-identifier {name} --db-cluster-identifier {restored} --restore-to-time \"$RESTORE_TIME\" --db-subnet-group-name \"$DB_SUBNET_GROUP\" --vpc-security-group-ids $DB_SECURITY_GROUPS"),
                "# A restored cluster has no instances: add a writer.".into(),
                format!("aws rds create-db-instance {primary} --db-cluster-identifier {restored} --db-instance-identifier \"${{{var}}}-restored-1\" --engine {engine} --db-instance-class {}", word(&a.instance_class)),
                format!("aws rds wait db-instance-available {primary} --db-instance-identifier \"${{{var}}}-restored-1\""),
            ]);
            c.verify.push(format!("aws rds describe-db-clusters {primary} --db-cluster-identifier {restored} --query 'DBClusters[0].[Status,Endpoint]' --output text"));
            c.cleanup.push(format!("aws rds delete-db-instance {primary} --db-instance-identifier \"${{{var}}}-restored-1\" --skip-final-snapshot"));
            c.cleanup.push(format!("aws rds wait db-instance-deleted {primary} --db-instance-identifier \"${{{var}}}-restored-1\""));
            c.cleanup.push(format!("aws rds delete-db-cluster {primary} --db-cluster-identifier {restored} --skip-final-snapshot"));
        }
        (Mechanism::AwsBackup { plan: backup_plan, rule, copy_region }, _) => {
            let at = if to_time { Some("$RESTORE_TIME") } else { None };
            backup(plan, component, (backup_plan, rule, copy_region.as_deref()), at, names, &mut c);
        }
        (Mechanism::BackupAccountCopy { rule, region, .. }, _) => {
            super::account::copy(plan, component, rule, region, names, &mut c);
        }
        (Mechanism::BackupAccountReplica { region }, Component::S3Bucket(b)) => {
            super::account::replica(plan, b, region, names, &mut c);
        }
        _ => c.last_good = "see the recovery section of the plan's report".into(),
    }
    c
}

fn rds_finish(c: &mut Commands, region: &str, restored: &str) {
    c.restore.push(format!(
        "aws rds wait db-instance-available {region} --db-instance-identifier {restored}"
    ));
    c.restore.push("# Point the application at the restored instance's endpoint (or swap the identifiers with modify-db-instance --new-db-instance-identifier).".into());
    c.verify.push(format!("aws rds describe-db-instances {region} --db-instance-identifier {restored} --query 'DBInstances[0].[DBInstanceStatus,Endpoint.Address,LatestRestorableTime]' --output text"));
    c.cleanup.push(format!("aws rds delete-db-instance {region} --db-instance-identifier {restored} --skip-final-snapshot --delete-automated-backups"));
}

/// A restore from an AWS Backup recovery point of `rule`: the newest one before the
/// restore time (deletion) or the newest (other scenarios), in the primary vault or
/// its copy in the DR region.
fn backup(
    plan: &Plan,
    component: &Component,
    (backup_plan, rule, copy_region): (&str, &str, Option<&str>),
    at: Option<&str>,
    names: &mut Names,
    c: &mut Commands,
) {
    let id = component.id();
    let var = names.of(id, Want::Data);
    let (where_, vault) = match copy_region {
        Some(dr) => (region(dr), names.of(backup_plan, Want::DrVault)),
        None => (region(&plan.primary_region), names.of(backup_plan, Want::Vault)),
    };
    let account = names.account_id();
    let home = in_double_quotes(&plan.primary_region);
    let (arn, resource_type, key) = match component {
        Component::S3Bucket(_) => {
            (format!("arn:aws:s3:::${{{var}}}"), "S3", "DestinationBucketName")
        }
        Component::DynamodbTable(_) => (
            format!("arn:aws:dynamodb:{}:{account}:table/${{{var}}}", home),
            "DynamoDB",
            "targetTableName",
        ),
        Component::AuroraCluster(_) => (
            format!("arn:aws:rds:{}:{account}:cluster:${{{var}}}", home),
            "Aurora",
            "DBClusterIdentifier",
        ),
        _ => {
            (format!("arn:aws:rds:{}:{account}:db:${{{var}}}", home), "RDS", "DBInstanceIdentifier")
        }
    };
    c.last_good = match copy_region {
        Some(_) => {
            format!("the newest recovery point of rule \"{rule}\" copied to the DR vault")
        }
        None => format!("the newest recovery point of rule \"{rule}\" in the backup vault"),
    };
    let before = match at {
        Some(time) => format!(" --by-created-before \"{time}\""),
        None => String::new(),
    };
    // S3 restores make the new bucket themselves when told to.
    let extra = if resource_type == "S3" { " | .NewBucket = \"true\"" } else { "" };
    if copy_region.is_some() && matches!(resource_type, "RDS" | "Aurora") {
        c.restore.push("# In the DR region, set DBSubnetGroupName and VpcSecurityGroupIds in the metadata to a subnet group and security groups there.".into());
    }
    if resource_type == "Aurora" {
        c.restore.push("# A restored Aurora cluster has no instances: add a writer with aws rds create-db-instance --db-cluster-identifier once the job completes.".into());
    }
    c.restore.extend([
        format!("RECOVERY_POINT_ARN=$(aws backup list-recovery-points-by-backup-vault {where_} --backup-vault-name \"${vault}\" --by-resource-arn \"{arn}\"{before} --query 'sort_by(RecoveryPoints,&CreationDate)[-1].RecoveryPointArn' --output text)"),
        format!("RESTORE_ROLE_ARN=$(aws backup describe-recovery-point {where_} --backup-vault-name \"${vault}\" --recovery-point-arn \"$RECOVERY_POINT_ARN\" --query IamRoleArn --output text)"),
        format!("aws backup get-recovery-point-restore-metadata {where_} --backup-vault-name \"${vault}\" --recovery-point-arn \"$RECOVERY_POINT_ARN\" --query RestoreMetadata > restore-metadata.json"),
        format!("jq --arg name \"${{{var}}}-restored\" '.{key} = $name{extra}' restore-metadata.json > restore-metadata.edited.json"),
        format!("RESTORE_JOB_ID=$(aws backup start-restore-job {where_} --recovery-point-arn \"$RECOVERY_POINT_ARN\" --iam-role-arn \"$RESTORE_ROLE_ARN\" --resource-type {resource_type} --metadata file://restore-metadata.edited.json --query RestoreJobId --output text)"),
    ]);
    c.verify.push(format!("aws backup describe-restore-job {where_} --restore-job-id \"$RESTORE_JOB_ID\" --query '[Status,CreatedResourceArn,CompletionDate]' --output text"));
    let restored = format!("\"${{{var}}}-restored\"");
    c.cleanup.push(match component {
        Component::S3Bucket(_) => format!("aws s3api delete-bucket {where_} --bucket {restored}  # after emptying it (its objects and versions)"),
        Component::DynamodbTable(_) => format!("aws dynamodb delete-table {where_} --table-name {restored}"),
        Component::AuroraCluster(_) => format!("aws rds delete-db-cluster {where_} --db-cluster-identifier {restored} --skip-final-snapshot  # after deleting its instances"),
        _ => format!("aws rds delete-db-instance {where_} --db-instance-identifier {restored} --skip-final-snapshot --delete-automated-backups"),
    });
    c.cleanup.push("rm -f restore-metadata.json restore-metadata.edited.json".into());
}
