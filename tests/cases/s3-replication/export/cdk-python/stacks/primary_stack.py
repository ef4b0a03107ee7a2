"""Primary stack (us-east-1) of the drplan export of plan Feature: s3-replication."""

import os

import aws_cdk as cdk
from aws_cdk import aws_iam as iam
from aws_cdk import aws_s3 as s3
from constructs import Construct

from . import helpers
from .settings import Settings

# The bundle's root: Lambda code lives in its lambda/ directory.
BUNDLE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class PrimaryStack(cdk.Stack):
    """Primary stack of the plan, in us-east-1."""

    def __init__(self, scope: Construct, construct_id: str, *, settings: Settings, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)
        access_logs = s3.Bucket(
            self,
            "AccessLogs",
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
        cdk.Validations.of(access_logs).acknowledge(
            cdk.Acknowledgment(
                id="AwsSolutions-S1",
                reason="this is the access-log bucket: logging it to itself would log its own log deliveries forever",
            ),
        )

        # component assets
        assets_replication_role = iam.Role(
            self,
            "AssetsReplicationRole",
            assumed_by=iam.ServicePrincipal("s3.amazonaws.com"),
            description="S3 replication of component assets to the DR region",
        )
        assets_bucket = s3.Bucket(
            self,
            "AssetsBucket",
            encryption=s3.BucketEncryption.S3_MANAGED,
            versioned=True,
            block_public_access=s3.BlockPublicAccess.BLOCK_ALL,
            object_ownership=s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
            enforce_ssl=True,
            server_access_logs_bucket=access_logs,
            server_access_logs_prefix="assets/",
            lifecycle_rules=[
                s3.LifecycleRule(
                    id="drplan-lifecycle",
                    enabled=True,
                    noncurrent_version_expiration=cdk.Duration.days(settings.backup_retention_days),
                    abort_incomplete_multipart_upload_after=cdk.Duration.days(7),
                ),
            ],
            replication_role=assets_replication_role.without_policy_updates(),
            replication_rules=[
                s3.ReplicationRule(
                    id="drplan-replication",
                    priority=1,
                    destination=s3.Bucket.from_bucket_arn(
                        self,
                        "AssetsBucketReplicaDestination",
                        "arn:" + cdk.Aws.PARTITION + ":s3:::" + settings.project_name + "-assets-" + cdk.Aws.ACCOUNT_ID,
                    ),
                    storage_class=s3.StorageClass.INFREQUENT_ACCESS,
                    delete_marker_replication=False,
                    replication_time_control=s3.ReplicationTimeValue.FIFTEEN_MINUTES,
                    metrics=s3.ReplicationTimeValue.FIFTEEN_MINUTES,
                ),
            ],
            removal_policy=cdk.RemovalPolicy.RETAIN,
        )

        cdk.CfnOutput(
            self,
            "AssetsBucketNameOutput",
            value=assets_bucket.bucket_name,
            description="Name of the S3 bucket of component assets",
        )
        cdk.CfnOutput(
            self,
            "AssetsBucketArnOutput",
            value=assets_bucket.bucket_arn,
            description="ARN of the S3 bucket of component assets",
        )
        assets_replication_role_statements = [
            iam.PolicyStatement(
                sid="ReadReplicationConfiguration",
                effect=iam.Effect.ALLOW,
                actions=["s3:GetReplicationConfiguration", "s3:ListBucket"],
                resources=[assets_bucket.bucket_arn],
            ),
            iam.PolicyStatement(
                sid="ReadSourceVersions",
                effect=iam.Effect.ALLOW,
                actions=[
                    "s3:GetObjectVersionForReplication",
                    "s3:GetObjectVersionAcl",
                    "s3:GetObjectVersionTagging",
                ],
                resources=[assets_bucket.bucket_arn + "/*"],
            ),
            iam.PolicyStatement(
                sid="WriteReplicas",
                effect=iam.Effect.ALLOW,
                actions=["s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags"],
                resources=[
                    "arn:" + cdk.Aws.PARTITION + ":s3:::" + settings.project_name + "-assets-" + cdk.Aws.ACCOUNT_ID + "/*",
                ],
            ),
        ]
        assets_replication_role_policy = iam.Policy(
            self,
            "AssetsReplicationRolePolicy",
            roles=[assets_replication_role],
            statements=assets_replication_role_statements,
        )
        helpers.acknowledge_wildcards(
            assets_replication_role_policy,
            assets_replication_role_statements,
            [
                "",
                "replication reads and writes every object version of the bucket: the grant is limited to that bucket's objects",
                "replication reads and writes every object version of the bucket: the grant is limited to that bucket's objects",
            ],
        )
