"""Primary stack (us-east-1) of the drplan export of plan Feature: dynamodb-backups."""

import os

import aws_cdk as cdk
from aws_cdk import aws_backup as backup
from aws_cdk import aws_dynamodb as dynamodb
from aws_cdk import aws_events as events
from aws_cdk import aws_iam as iam
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

        # component catalog
        catalog_table = dynamodb.TableV2(
            self,
            "CatalogTable",
            table_name=settings.project_name + "-catalog",
            partition_key=dynamodb.Attribute(name="pk", type=dynamodb.AttributeType.STRING),
            sort_key=dynamodb.Attribute(name="sk", type=dynamodb.AttributeType.STRING),
            billing=dynamodb.Billing.on_demand(),
            encryption=dynamodb.TableEncryptionV2.customer_managed_key(export_key),
            point_in_time_recovery_specification=dynamodb.PointInTimeRecoverySpecification(
                point_in_time_recovery_enabled=False,
            ),
            deletion_protection=True,
            removal_policy=cdk.RemovalPolicy.RETAIN,
        )
        cdk.Validations.of(catalog_table).acknowledge(
            cdk.Acknowledgment(
                id="AwsSolutions-DDB3",
                reason="the plan turns point-in-time recovery off for this table (pitr.enabled: false)",
            ),
        )
        catalog_backup_vault = backup.BackupVault(
            self,
            "CatalogBackupVault",
            backup_vault_name=settings.project_name + "-catalog-backups",
            encryption_key=export_key,
            removal_policy=cdk.RemovalPolicy.RETAIN,
        )
        catalog_backups_plan = backup.BackupPlan(
            self,
            "CatalogBackupsPlan",
            backup_plan_name=settings.project_name + "-catalog-backups",
            backup_vault=catalog_backup_vault,
            backup_plan_rules=[
                backup.BackupPlanRule(
                    rule_name="on-demand",
                    schedule_expression=events.Schedule.expression("cron(0 3 * * ? *)"),
                    start_window=cdk.Duration.minutes(60),
                    completion_window=cdk.Duration.minutes(1440),
                    enable_continuous_backup=False,
                    delete_after=cdk.Duration.days(settings.backup_retention_days),
                ),
            ],
        )
        catalog_backups_backup_role = iam.Role(
            self,
            "CatalogBackupsBackupRole",
            assumed_by=iam.ServicePrincipal("backup.amazonaws.com"),
            description="AWS Backup: back up and restore the selected resources",
            managed_policies=[
                iam.ManagedPolicy.from_aws_managed_policy_name(
                    "service-role/AWSBackupServiceRolePolicyForBackup",
                ),
                iam.ManagedPolicy.from_aws_managed_policy_name(
                    "service-role/AWSBackupServiceRolePolicyForRestores",
                ),
            ],
        )
        cdk.Validations.of(catalog_backups_backup_role).acknowledge(
            cdk.Acknowledgment(
                id="AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup]",
                reason="AWS Backup's documented service-role policy: AWS scopes it to the resource types Backup supports and keeps it current",
            ),
        )
        cdk.Validations.of(catalog_backups_backup_role).acknowledge(
            cdk.Acknowledgment(
                id="AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores]",
                reason="AWS Backup's documented service-role policy: AWS scopes it to the resource types Backup supports and keeps it current",
            ),
        )
        catalog_backups_selection = catalog_backups_plan.add_selection(
            "CatalogBackupsSelection",
            resources=[backup.BackupResource.from_arn(catalog_table.table_arn)],
            backup_selection_name="catalog-backups-resources",
            role=catalog_backups_backup_role.without_policy_updates(),
            disable_default_backup_policy=True,
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
            "CatalogTableNameOutput",
            value=catalog_table.table_name,
            description="Name of the DynamoDB table of component catalog",
        )
        cdk.CfnOutput(
            self,
            "CatalogTableArnOutput",
            value=catalog_table.table_arn,
            description="ARN of the DynamoDB table of component catalog",
        )
        cdk.CfnOutput(
            self,
            "CatalogBackupVaultNameOutput",
            value=catalog_backup_vault.backup_vault_name,
            description="Name of backup vault catalog-backup-vault",
        )
