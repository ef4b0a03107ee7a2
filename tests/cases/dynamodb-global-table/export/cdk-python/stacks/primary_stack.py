"""Primary stack (us-east-1) of the drplan export of plan Feature: dynamodb-global-table."""

import os

import aws_cdk as cdk
from aws_cdk import aws_dynamodb as dynamodb
from aws_cdk import aws_kms as kms
from constructs import Construct

from . import helpers
from .settings import Settings

# The bundle's root: Lambda code lives in its lambda/ directory.
BUNDLE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class PrimaryStack(cdk.Stack):
    """Primary stack of the plan, in us-east-1."""

    def __init__(self, scope: Construct, construct_id: str, *, settings: Settings, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)
        export_key = kms.Key(
            self,
            "ExportKey",
            description="drplan: key for topics, logs and backups",
            enable_key_rotation=True,
            removal_policy=cdk.RemovalPolicy.RETAIN,
        )

        # component profiles
        profiles_table = dynamodb.TableV2(
            self,
            "ProfilesTable",
            table_name=settings.project_name + "-profiles",
            partition_key=dynamodb.Attribute(name="pk", type=dynamodb.AttributeType.STRING),
            sort_key=dynamodb.Attribute(name="sk", type=dynamodb.AttributeType.STRING),
            billing=dynamodb.Billing.on_demand(),
            encryption=dynamodb.TableEncryptionV2.customer_managed_key(
                export_key,
                helpers.region_map(
                    settings.dr_region,
                    "arn:" + cdk.Aws.PARTITION + ":kms:" + settings.dr_region + ":" + cdk.Aws.ACCOUNT_ID + ":alias/" + settings.project_name + "/dr",
                ),
            ),
            point_in_time_recovery_specification=dynamodb.PointInTimeRecoverySpecification(
                point_in_time_recovery_enabled=True,
                recovery_period_in_days=7,
            ),
            deletion_protection=True,
            replicas=[dynamodb.ReplicaTableProps(region=settings.dr_region)],
            removal_policy=cdk.RemovalPolicy.RETAIN,
        )
        cdk.Validations.of(profiles_table).acknowledge(
            cdk.Acknowledgment(
                id="AwsSolutions-DDB4",
                reason="no AWS Backup plan protects this table in the plan; point-in-time recovery covers restores",
            ),
        )

        cdk.CfnOutput(
            self,
            "ExportKeyIdOutput",
            value=export_key.key_id,
            description="Id of KMS key export-key",
        )
        cdk.CfnOutput(
            self,
            "ExportKeyArnOutput",
            value=export_key.key_arn,
            description="ARN of KMS key export-key",
        )
        cdk.CfnOutput(
            self,
            "ProfilesTableNameOutput",
            value=profiles_table.table_name,
            description="Name of the DynamoDB table of component profiles",
        )
        cdk.CfnOutput(
            self,
            "ProfilesTableArnOutput",
            value=profiles_table.table_arn,
            description="ARN of the DynamoDB table of component profiles",
        )
