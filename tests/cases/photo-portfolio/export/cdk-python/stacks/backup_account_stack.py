"""Backup account stack (deployed first, in the backup account) (us-east-1) of the drplan export of plan Photography portfolio: backup & DR."""

import os

import aws_cdk as cdk
from aws_cdk import aws_backup as backup
from aws_cdk import aws_iam as iam
from aws_cdk import aws_kms as kms
from aws_cdk import aws_s3 as s3
from constructs import Construct

from . import helpers
from .settings import Settings

# The bundle's root: Lambda code lives in its lambda/ directory.
BUNDLE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class BackupAccountStack(cdk.Stack):
    """Backup account stack (deployed first, in the backup account) of the plan, in us-east-1."""

    def __init__(self, scope: Construct, construct_id: str, *, settings: Settings, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)
        backup_account_key = kms.Key(
            self,
            "BackupAccountKey",
            description="drplan: backup account key for the cross-account copies",
            enable_key_rotation=True,
            removal_policy=cdk.RemovalPolicy.RETAIN,
            alias="alias/" + settings.project_name + "/backup-account",
        )
        backup_account_key.add_to_resource_policy(
            iam.PolicyStatement(
                sid="AllowSourceAccountCopies",
                effect=iam.Effect.ALLOW,
                actions=["kms:Encrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],
                resources=["*"],
                principals=[
                    iam.ArnPrincipal(
                        "arn:" + cdk.Aws.PARTITION + ":iam::" + settings.source_account_id + ":root",
                    ),
                ],
                conditions={
                    "StringEquals": {
                        "kms:ViaService": [
                            "backup." + self.region + ".amazonaws.com",
                            "s3." + self.region + ".amazonaws.com",
                        ],
                    },
                },
            ),
        )
        backup_account_access_logs = s3.Bucket(
            self,
            "BackupAccountAccessLogs",
            encryption=s3.BucketEncryption.S3_MANAGED,
            versioned=True,
            block_public_access=s3.BlockPublicAccess.BLOCK_ALL,
            object_ownership=s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
            enforce_ssl=True,
            lifecycle_rules=[
                s3.LifecycleRule(
                    id="drplan-lifecycle",
                    enabled=True,
                    expiration=cdk.Duration.days(90),
                    noncurrent_version_expiration=cdk.Duration.days(1),
                    abort_incomplete_multipart_upload_after=cdk.Duration.days(7),
                ),
            ],
            removal_policy=cdk.RemovalPolicy.RETAIN,
        )
        cdk.Validations.of(backup_account_access_logs).acknowledge(
            cdk.Acknowledgment(
                id="AwsSolutions-S1",
                reason="this is the access-log bucket: logging it to itself would log its own log deliveries forever",
            ),
        )

        # component media
        media_account_replica = s3.Bucket(
            self,
            "MediaAccountReplica",
            bucket_name=settings.project_name + "-media-" + cdk.Aws.ACCOUNT_ID,
            encryption=s3.BucketEncryption.KMS,
            encryption_key=backup_account_key,
            bucket_key_enabled=True,
            versioned=True,
            block_public_access=s3.BlockPublicAccess.BLOCK_ALL,
            object_ownership=s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
            enforce_ssl=True,
            server_access_logs_bucket=backup_account_access_logs,
            server_access_logs_prefix="media-account-replica/",
            lifecycle_rules=[
                s3.LifecycleRule(
                    id="drplan-lifecycle",
                    enabled=True,
                    noncurrent_version_expiration=cdk.Duration.days(90),
                    abort_incomplete_multipart_upload_after=cdk.Duration.days(7),
                ),
            ],
            removal_policy=cdk.RemovalPolicy.RETAIN,
        )

        # component compliance-archive
        compliance_archive_account_replica = s3.Bucket(
            self,
            "ComplianceArchiveAccountReplica",
            bucket_name=settings.project_name + "-compliance-archive-" + cdk.Aws.ACCOUNT_ID,
            encryption=s3.BucketEncryption.KMS,
            encryption_key=backup_account_key,
            bucket_key_enabled=True,
            versioned=True,
            block_public_access=s3.BlockPublicAccess.BLOCK_ALL,
            object_ownership=s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
            enforce_ssl=True,
            server_access_logs_bucket=backup_account_access_logs,
            server_access_logs_prefix="compliance-archive-account-replica/",
            lifecycle_rules=[
                s3.LifecycleRule(
                    id="drplan-lifecycle",
                    enabled=True,
                    expiration=cdk.Duration.days(2555),
                    noncurrent_version_expiration=cdk.Duration.days(180),
                    abort_incomplete_multipart_upload_after=cdk.Duration.days(7),
                ),
            ],
            removal_policy=cdk.RemovalPolicy.RETAIN,
        )

        # added by the export
        backup_vault = backup.BackupVault(
            self,
            "BackupVault",
            backup_vault_name=settings.project_name + "-backup-vault",
            encryption_key=backup_account_key,
            access_policy=iam.PolicyDocument(
                statements=[
                    iam.PolicyStatement(
                        sid="AllowCopiesFromSourceAccount",
                        effect=iam.Effect.ALLOW,
                        actions=["backup:CopyIntoBackupVault"],
                        resources=["*"],
                        principals=[
                            iam.ArnPrincipal(
                                "arn:" + cdk.Aws.PARTITION + ":iam::" + settings.source_account_id + ":root",
                            ),
                        ],
                        conditions={
                            "StringEquals": {"aws:PrincipalOrgID": settings.organization_id},
                        },
                    ),
                ],
            ),
            lock_configuration=backup.LockConfiguration(
                min_retention=cdk.Duration.days(7),
                max_retention=cdk.Duration.days(365),
                changeable_for=cdk.Duration.days(3),
            ),
            removal_policy=cdk.RemovalPolicy.RETAIN,
        )

        cdk.CfnOutput(
            self,
            "MediaAccountReplicaBucketNameOutput",
            value=media_account_replica.bucket_name,
            description="Name of the backup account's replica of component media",
        )
        cdk.CfnOutput(
            self,
            "ComplianceArchiveAccountReplicaBucketNameOutput",
            value=compliance_archive_account_replica.bucket_name,
            description="Name of the backup account's replica of component compliance-archive",
        )
        cdk.CfnOutput(
            self,
            "BackupVaultArnOutput",
            value=backup_vault.backup_vault_arn,
            description="ARN of backup vault backup-vault in the backup account",
        )
