"""Primary stack (us-east-1) of the drplan export of plan Feature: aws-backup."""

import os

import aws_cdk as cdk
from aws_cdk import aws_backup as backup
from aws_cdk import aws_dynamodb as dynamodb
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

        # component orders
        orders_table = dynamodb.TableV2(
            self,
            "OrdersTable",
            table_name=settings.project_name + "-orders",
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
        cdk.Validations.of(orders_table).acknowledge(
            cdk.Acknowledgment(
                id="AwsSolutions-DDB3",
                reason="the plan turns point-in-time recovery off for this table (pitr.enabled: false)",
            ),
        )

        # component billing
        # The existing VPC the plan's databases and endpoints go into (see README: Inputs).
        network = ec2.Vpc.from_vpc_attributes(
            self,
            "Network",
            vpc_id=settings.vpc_id,
            vpc_cidr_block=settings.vpc_cidr,
            availability_zones=settings.availability_zones,
            private_subnet_ids=settings.private_subnet_ids,
        )
        billing_subnets = rds.SubnetGroup(
            self,
            "BillingSubnets",
            description="drplan: private subnets of component billing",
            vpc=network,
            vpc_subnets=ec2.SubnetSelection(subnets=network.private_subnets),
        )
        billing_db_sg = ec2.SecurityGroup(
            self,
            "BillingDbSg",
            vpc=network,
            description="drplan: database",
            allow_all_outbound=False,
        )
        billing_db_sg.add_ingress_rule(
            ec2.Peer.ipv4(settings.vpc_cidr),
            ec2.Port.tcp(5432),
            "Clients in the VPC reach the database",
        )
        billing_db = rds.DatabaseInstance(
            self,
            "BillingDb",
            engine=rds.DatabaseInstanceEngine.postgres(
                version=rds.PostgresEngineVersion.of("17", "17"),
            ),
            instance_type=ec2.InstanceType("t4g.medium"),
            vpc=network,
            subnet_group=billing_subnets,
            security_groups=[billing_db_sg],
            allocated_storage=50,
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
        # cfn-lint W3691: RDS takes the major version alone and creates the instance with the preferred minor version (automatic minor upgrades keep it current); the linter's version list omits or misflags the ...
        helpers.cfn_lint_ignore(billing_db, ["W3691"])
        cdk.Validations.of(billing_db).acknowledge(
            cdk.Acknowledgment(
                id="AwsSolutions-RDS11",
                reason="the engine's default port is kept so that existing clients connect unchanged; only the VPC CIDR may reach it",
            ),
        )
        cdk.Validations.of(billing_db).acknowledge(
            cdk.Acknowledgment(
                id="AwsSolutions-RDS3",
                reason="the plan runs this instance in one Availability Zone (multi_az: false); its backups are what the plan protects",
            ),
        )

        # component daily
        daily_vault = backup.BackupVault(
            self,
            "DailyVault",
            backup_vault_name=settings.project_name + "-daily",
            encryption_key=export_key,
            lock_configuration=backup.LockConfiguration(
                min_retention=cdk.Duration.days(7),
                max_retention=cdk.Duration.days(400),
                changeable_for=cdk.Duration.days(3),
            ),
            removal_policy=cdk.RemovalPolicy.RETAIN,
        )
        daily_plan = backup.BackupPlan(
            self,
            "DailyPlan",
            backup_plan_name=settings.project_name + "-daily",
            backup_vault=daily_vault,
            backup_plan_rules=[
                backup.BackupPlanRule(
                    rule_name="daily",
                    schedule_expression=events.Schedule.expression("cron(0 3 * * ? *)"),
                    start_window=cdk.Duration.minutes(60),
                    completion_window=cdk.Duration.minutes(1440),
                    enable_continuous_backup=False,
                    delete_after=cdk.Duration.days(settings.backup_retention_days),
                    copy_actions=[
                        backup.BackupPlanCopyActionProps(
                            destination_backup_vault=backup.BackupVault.from_backup_vault_arn(
                                self,
                                "DailyPlanDailyCopyVault",
                                "arn:" + cdk.Aws.PARTITION + ":backup:" + settings.dr_region + ":" + cdk.Aws.ACCOUNT_ID + ":backup-vault:" + settings.project_name + "-daily-dr",
                            ),
                            delete_after=cdk.Duration.days(35),
                        ),
                    ],
                ),
            ],
        )
        daily_backup_role = iam.Role(
            self,
            "DailyBackupRole",
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
        cdk.Validations.of(daily_backup_role).acknowledge(
            cdk.Acknowledgment(
                id="AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup]",
                reason="AWS Backup's documented service-role policy: AWS scopes it to the resource types Backup supports and keeps it current",
            ),
        )
        cdk.Validations.of(daily_backup_role).acknowledge(
            cdk.Acknowledgment(
                id="AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores]",
                reason="AWS Backup's documented service-role policy: AWS scopes it to the resource types Backup supports and keeps it current",
            ),
        )
        daily_selection = daily_plan.add_selection(
            "DailySelection",
            resources=[
                backup.BackupResource.from_arn(orders_table.table_arn),
                backup.BackupResource.from_arn(billing_db.instance_arn),
            ],
            backup_selection_name="daily-resources",
            role=daily_backup_role.without_policy_updates(),
            disable_default_backup_policy=True,
        )

        # component archive
        archive_vault = backup.BackupVault(
            self,
            "ArchiveVault",
            backup_vault_name=settings.project_name + "-archive",
            encryption_key=export_key,
            removal_policy=cdk.RemovalPolicy.RETAIN,
        )
        archive_plan = backup.BackupPlan(
            self,
            "ArchivePlan",
            backup_plan_name=settings.project_name + "-archive",
            backup_vault=archive_vault,
            backup_plan_rules=[
                backup.BackupPlanRule(
                    rule_name="weekly",
                    schedule_expression=events.Schedule.expression("cron(0 4 ? * SUN *)"),
                    start_window=cdk.Duration.minutes(60),
                    completion_window=cdk.Duration.minutes(1440),
                    enable_continuous_backup=False,
                    delete_after=cdk.Duration.days(365),
                    move_to_cold_storage_after=cdk.Duration.days(30),
                ),
            ],
        )
        archive_backup_role = iam.Role(
            self,
            "ArchiveBackupRole",
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
        cdk.Validations.of(archive_backup_role).acknowledge(
            cdk.Acknowledgment(
                id="AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup]",
                reason="AWS Backup's documented service-role policy: AWS scopes it to the resource types Backup supports and keeps it current",
            ),
        )
        cdk.Validations.of(archive_backup_role).acknowledge(
            cdk.Acknowledgment(
                id="AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores]",
                reason="AWS Backup's documented service-role policy: AWS scopes it to the resource types Backup supports and keeps it current",
            ),
        )
        archive_selection = archive_plan.add_selection(
            "ArchiveSelection",
            resources=[backup.BackupResource.from_arn(orders_table.table_arn)],
            backup_selection_name="archive-resources",
            role=archive_backup_role.without_policy_updates(),
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
            "OrdersTableNameOutput",
            value=orders_table.table_name,
            description="Name of the DynamoDB table of component orders",
        )
        cdk.CfnOutput(
            self,
            "OrdersTableArnOutput",
            value=orders_table.table_arn,
            description="ARN of the DynamoDB table of component orders",
        )
        cdk.CfnOutput(
            self,
            "BillingDbIdOutput",
            value=billing_db.instance_identifier,
            description="Identifier of the RDS instance of component billing",
        )
        cdk.CfnOutput(
            self,
            "BillingDbArnOutput",
            value=billing_db.instance_arn,
            description="ARN of the RDS instance of component billing",
        )
        cdk.CfnOutput(
            self,
            "DailyVaultNameOutput",
            value=daily_vault.backup_vault_name,
            description="Name of backup vault daily-vault",
        )
        cdk.CfnOutput(
            self,
            "ArchiveVaultNameOutput",
            value=archive_vault.backup_vault_name,
            description="Name of backup vault archive-vault",
        )
