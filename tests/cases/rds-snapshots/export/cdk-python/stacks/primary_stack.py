"""Primary stack (us-east-1) of the drplan export of plan Feature: rds-snapshots."""

import os

import aws_cdk as cdk
from aws_cdk import aws_backup as backup
from aws_cdk import aws_ec2 as ec2
from aws_cdk import aws_events as events
from aws_cdk import aws_iam as iam
from aws_cdk import aws_kms as kms
from aws_cdk import aws_rds as rds
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

        # component reports
        # The existing VPC the plan's databases and endpoints go into (see README: Inputs).
        network = ec2.Vpc.from_vpc_attributes(
            self,
            "Network",
            vpc_id=settings.vpc_id,
            vpc_cidr_block=settings.vpc_cidr,
            availability_zones=settings.availability_zones,
            private_subnet_ids=settings.private_subnet_ids,
        )
        reports_subnets = rds.SubnetGroup(
            self,
            "ReportsSubnets",
            description="drplan: private subnets of component reports",
            vpc=network,
            vpc_subnets=ec2.SubnetSelection(subnets=network.private_subnets),
        )
        reports_db_sg = ec2.SecurityGroup(
            self,
            "ReportsDbSg",
            vpc=network,
            description="drplan: database",
            allow_all_outbound=False,
        )
        reports_db_sg.add_ingress_rule(
            ec2.Peer.ipv4(settings.vpc_cidr),
            ec2.Port.tcp(3306),
            "Clients in the VPC reach the database",
        )
        reports_db = rds.DatabaseInstance(
            self,
            "ReportsDb",
            engine=rds.DatabaseInstanceEngine.mysql(version=rds.MysqlEngineVersion.of("8.4", "8.4")),
            instance_type=ec2.InstanceType("t4g.small"),
            vpc=network,
            subnet_group=reports_subnets,
            security_groups=[reports_db_sg],
            allocated_storage=40,
            storage_type=rds.StorageType.GP2,
            storage_encrypted=True,
            storage_encryption_key=export_key,
            multi_az=False,
            publicly_accessible=False,
            deletion_protection=True,
            iam_authentication=True,
            manage_master_user_password=True,
            credentials=rds.Credentials.from_username("dbadmin"),
            backup_retention=cdk.Duration.days(7),
            copy_tags_to_snapshot=True,
            auto_minor_version_upgrade=True,
            removal_policy=cdk.RemovalPolicy.SNAPSHOT,
        )
        # cfn-lint E3691: RDS takes the major version alone and creates the instance with the preferred minor version (automatic minor upgrades keep it current); the linter's version list omits or misflags the ...
        helpers.cfn_lint_ignore(reports_db, ["E3691"])
        cdk.Validations.of(reports_db).acknowledge(
            cdk.Acknowledgment(
                id="AwsSolutions-RDS11",
                reason="the engine's default port is kept so that existing clients connect unchanged; only the VPC CIDR may reach it",
            ),
        )
        cdk.Validations.of(reports_db).acknowledge(
            cdk.Acknowledgment(
                id="AwsSolutions-RDS3",
                reason="the plan runs this instance in one Availability Zone (multi_az: false); its backups are what the plan protects",
            ),
        )
        cdk.Validations.of(reports_db).acknowledge(
            cdk.Acknowledgment(
                id="CloudFormation-Validate::E9006",
                reason="RDS takes the major version alone and creates the instance with the preferred minor version (automatic minor upgrades keep it current); the linter's version list omits or misflags the major-only form",
            ),
        )
        reports_snapshot_vault = backup.BackupVault(
            self,
            "ReportsSnapshotVault",
            backup_vault_name=settings.project_name + "-reports-snapshots",
            encryption_key=export_key,
            removal_policy=cdk.RemovalPolicy.RETAIN,
        )
        reports_snapshots_plan = backup.BackupPlan(
            self,
            "ReportsSnapshotsPlan",
            backup_plan_name=settings.project_name + "-reports-snapshots",
            backup_vault=reports_snapshot_vault,
            backup_plan_rules=[
                backup.BackupPlanRule(
                    rule_name="snapshots",
                    schedule_expression=events.Schedule.expression("cron(0 3 ? * SUN *)"),
                    start_window=cdk.Duration.minutes(60),
                    completion_window=cdk.Duration.minutes(1440),
                    enable_continuous_backup=False,
                    delete_after=cdk.Duration.days(settings.backup_retention_days),
                    copy_actions=[
                        backup.BackupPlanCopyActionProps(
                            destination_backup_vault=backup.BackupVault.from_backup_vault_arn(
                                self,
                                "ReportsSnapshotsPlanSnapshotsCopyVault",
                                "arn:" + cdk.Aws.PARTITION + ":backup:" + settings.dr_region + ":" + cdk.Aws.ACCOUNT_ID + ":backup-vault:" + settings.project_name + "-reports-snapshots-dr",
                            ),
                            delete_after=cdk.Duration.days(60),
                        ),
                    ],
                ),
            ],
        )
        reports_snapshots_backup_role = iam.Role(
            self,
            "ReportsSnapshotsBackupRole",
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
        cdk.Validations.of(reports_snapshots_backup_role).acknowledge(
            cdk.Acknowledgment(
                id="AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup]",
                reason="AWS Backup's documented service-role policy: AWS scopes it to the resource types Backup supports and keeps it current",
            ),
        )
        cdk.Validations.of(reports_snapshots_backup_role).acknowledge(
            cdk.Acknowledgment(
                id="AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores]",
                reason="AWS Backup's documented service-role policy: AWS scopes it to the resource types Backup supports and keeps it current",
            ),
        )
        reports_snapshots_selection = reports_snapshots_plan.add_selection(
            "ReportsSnapshotsSelection",
            resources=[backup.BackupResource.from_arn(reports_db.instance_arn)],
            backup_selection_name="reports-snapshots-resources",
            role=reports_snapshots_backup_role.without_policy_updates(),
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
            "ReportsDbIdOutput",
            value=reports_db.instance_identifier,
            description="Identifier of the RDS instance of component reports",
        )
        cdk.CfnOutput(
            self,
            "ReportsDbArnOutput",
            value=reports_db.instance_arn,
            description="ARN of the RDS instance of component reports",
        )
        cdk.CfnOutput(
            self,
            "ReportsSnapshotVaultNameOutput",
            value=reports_snapshot_vault.backup_vault_name,
            description="Name of backup vault reports-snapshot-vault",
        )
