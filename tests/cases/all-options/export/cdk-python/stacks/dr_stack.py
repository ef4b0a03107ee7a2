"""DR stack (deployed first) (eu-central-1) of the drplan export of plan Every export option: new and existing data stores, all alarm kinds."""

import os

import aws_cdk as cdk
from aws_cdk import aws_backup as backup
from aws_cdk import aws_kms as kms
from aws_cdk import aws_s3 as s3
from constructs import Construct

from . import helpers
from .settings import Settings

# The bundle's root: Lambda code lives in its lambda/ directory.
BUNDLE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class DrStack(cdk.Stack):
    """DR stack (deployed first) of the plan, in eu-central-1."""

    def __init__(self, scope: Construct, construct_id: str, *, settings: Settings, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)
        # component keys
        dr_key = kms.Key(
            self,
            "DrKey",
            description="drplan: key for replicas and copies in the DR region",
            enable_key_rotation=True,
            removal_policy=cdk.RemovalPolicy.RETAIN,
            alias="alias/" + settings.project_name + "/dr",
        )

        # added by the export
        dr_access_logs = s3.Bucket(
            self,
            "DrAccessLogs",
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
        cdk.Validations.of(dr_access_logs).acknowledge(
            cdk.Acknowledgment(
                id="AwsSolutions-S1",
                reason="this is the access-log bucket: logging it to itself would log its own log deliveries forever",
            ),
        )

        # component assets
        assets_replica = s3.Bucket(
            self,
            "AssetsReplica",
            bucket_name=settings.project_name + "-assets-" + cdk.Aws.ACCOUNT_ID,
            encryption=s3.BucketEncryption.KMS,
            encryption_key=dr_key,
            bucket_key_enabled=True,
            versioned=True,
            block_public_access=s3.BlockPublicAccess.BLOCK_ALL,
            object_ownership=s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
            enforce_ssl=True,
            server_access_logs_bucket=dr_access_logs,
            server_access_logs_prefix="assets-replica/",
            lifecycle_rules=[
                s3.LifecycleRule(
                    id="drplan-lifecycle",
                    enabled=True,
                    transitions=[
                        s3.Transition(
                            storage_class=s3.StorageClass.DEEP_ARCHIVE,
                            transition_after=cdk.Duration.days(180),
                        ),
                    ],
                    expiration=cdk.Duration.days(730),
                    noncurrent_version_transitions=[
                        s3.NoncurrentVersionTransition(
                            storage_class=s3.StorageClass.GLACIER,
                            transition_after=cdk.Duration.days(60),
                        ),
                    ],
                    noncurrent_version_expiration=cdk.Duration.days(365),
                    abort_incomplete_multipart_upload_after=cdk.Duration.days(7),
                ),
            ],
            removal_policy=cdk.RemovalPolicy.RETAIN,
        )

        # component billing-db
        billing_db_snapshot_dr_vault = backup.BackupVault(
            self,
            "BillingDbSnapshotDrVault",
            backup_vault_name=settings.project_name + "-" + settings.environment + "-billing-db-snapshots-dr",
            encryption_key=dr_key,
            removal_policy=cdk.RemovalPolicy.RETAIN,
        )

        # component central
        central_dr_vault = backup.BackupVault(
            self,
            "CentralDrVault",
            backup_vault_name=settings.project_name + "-" + settings.environment + "-central-dr",
            encryption_key=dr_key,
            removal_policy=cdk.RemovalPolicy.RETAIN,
        )

        cdk.CfnOutput(
            self,
            "DrKeyIdOutput",
            value=dr_key.key_id,
            description="Id of KMS key dr-key",
        )
        cdk.CfnOutput(
            self,
            "DrKeyArnOutput",
            value=dr_key.key_arn,
            description="ARN of KMS key dr-key",
        )
        cdk.CfnOutput(
            self,
            "AssetsReplicaBucketNameOutput",
            value=assets_replica.bucket_name,
            description="Name of the replica bucket of component assets",
        )
        cdk.CfnOutput(
            self,
            "BillingDbSnapshotDrVaultNameOutput",
            value=billing_db_snapshot_dr_vault.backup_vault_name,
            description="Name of backup vault billing-db-snapshot-dr-vault",
        )
        cdk.CfnOutput(
            self,
            "CentralDrVaultNameOutput",
            value=central_dr_vault.backup_vault_name,
            description="Name of backup vault central-dr-vault",
        )
