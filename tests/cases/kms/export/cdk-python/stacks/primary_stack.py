"""Primary stack (us-east-1) of the drplan export of plan Feature: kms."""

import os

import aws_cdk as cdk
from aws_cdk import aws_kms as kms
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
        # component keys
        keys_key_1 = kms.Key(
            self,
            "KeysKey1",
            description="drplan: customer-managed key 1 of 2 (component keys)",
            enable_key_rotation=True,
            removal_policy=cdk.RemovalPolicy.RETAIN,
        )
        keys_key_2 = kms.Key(
            self,
            "KeysKey2",
            description="drplan: customer-managed key 2 of 2 (component keys)",
            enable_key_rotation=True,
            removal_policy=cdk.RemovalPolicy.RETAIN,
        )

        # added by the export
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

        # component secure
        secure_bucket = s3.Bucket(
            self,
            "SecureBucket",
            encryption=s3.BucketEncryption.KMS,
            encryption_key=keys_key_1,
            bucket_key_enabled=True,
            versioned=True,
            block_public_access=s3.BlockPublicAccess.BLOCK_ALL,
            object_ownership=s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
            enforce_ssl=True,
            server_access_logs_bucket=access_logs,
            server_access_logs_prefix="secure/",
            lifecycle_rules=[
                s3.LifecycleRule(
                    id="drplan-lifecycle",
                    enabled=True,
                    noncurrent_version_expiration=cdk.Duration.days(settings.backup_retention_days),
                    abort_incomplete_multipart_upload_after=cdk.Duration.days(7),
                ),
            ],
            removal_policy=cdk.RemovalPolicy.RETAIN,
        )

        cdk.CfnOutput(
            self,
            "KeysKey1IdOutput",
            value=keys_key_1.key_id,
            description="Id of KMS key keys-key-1",
        )
        cdk.CfnOutput(
            self,
            "KeysKey1ArnOutput",
            value=keys_key_1.key_arn,
            description="ARN of KMS key keys-key-1",
        )
        cdk.CfnOutput(
            self,
            "KeysKey2IdOutput",
            value=keys_key_2.key_id,
            description="Id of KMS key keys-key-2",
        )
        cdk.CfnOutput(
            self,
            "KeysKey2ArnOutput",
            value=keys_key_2.key_arn,
            description="ARN of KMS key keys-key-2",
        )
        cdk.CfnOutput(
            self,
            "SecureBucketNameOutput",
            value=secure_bucket.bucket_name,
            description="Name of the S3 bucket of component secure",
        )
        cdk.CfnOutput(
            self,
            "SecureBucketArnOutput",
            value=secure_bucket.bucket_arn,
            description="ARN of the S3 bucket of component secure",
        )
