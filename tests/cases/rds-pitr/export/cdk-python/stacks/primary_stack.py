"""Primary stack (us-east-1) of the drplan export of plan RDS backup and point-in-time recovery."""

import os

import aws_cdk as cdk
from aws_cdk import aws_backup as backup
from aws_cdk import aws_cloudwatch as cloudwatch
from aws_cdk import aws_cloudwatch_actions as cw_actions
from aws_cdk import aws_ec2 as ec2
from aws_cdk import aws_events as events
from aws_cdk import aws_events_targets as targets
from aws_cdk import aws_iam as iam
from aws_cdk import aws_kms as kms
from aws_cdk import aws_rds as rds
from aws_cdk import aws_sns as sns
from aws_cdk import aws_sns_subscriptions as subs
from constructs import Construct

from . import helpers
from .settings import Settings

# The bundle's root: Lambda code lives in its lambda/ directory.
BUNDLE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class PrimaryStack(cdk.Stack):
    """Primary stack of the plan, in us-east-1."""

    def __init__(self, scope: Construct, construct_id: str, *, settings: Settings, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)
        # component backup-keys
        backup_keys_key = kms.Key(
            self,
            "BackupKeysKey",
            description="drplan: customer-managed key 1 of 1 (component backup-keys)",
            enable_key_rotation=True,
            removal_policy=cdk.RemovalPolicy.RETAIN,
        )
        backup_keys_key.add_to_resource_policy(
            iam.PolicyStatement(
                sid="AllowPublishFromEvents",
                effect=iam.Effect.ALLOW,
                actions=["kms:GenerateDataKey*", "kms:Decrypt"],
                resources=["*"],
                principals=[iam.ServicePrincipal("events.amazonaws.com")],
            ),
        )
        backup_keys_key.add_to_resource_policy(
            iam.PolicyStatement(
                sid="AllowPublishFromCloudwatch",
                effect=iam.Effect.ALLOW,
                actions=["kms:GenerateDataKey*", "kms:Decrypt"],
                resources=["*"],
                principals=[iam.ServicePrincipal("cloudwatch.amazonaws.com")],
            ),
        )

        # component backup-alerts
        backup_alerts_topic = sns.Topic(
            self,
            "BackupAlertsTopic",
            master_key=backup_keys_key,
            enforce_ssl=True,
        )
        backup_alerts_topic.add_subscription(subs.EmailSubscription(settings.notification_email))
        backup_alerts_topic.add_to_resource_policy(
            iam.PolicyStatement(
                sid="AllowPublish2",
                effect=iam.Effect.ALLOW,
                actions=["sns:Publish"],
                resources=[backup_alerts_topic.topic_arn],
                principals=[iam.ServicePrincipal("cloudwatch.amazonaws.com")],
                conditions={
                    "ArnLike": {
                        "aws:SourceArn": "arn:" + cdk.Aws.PARTITION + ":cloudwatch:" + self.region + ":" + cdk.Aws.ACCOUNT_ID + ":alarm:*",
                    },
                },
            ),
        )

        # component database
        # The existing VPC the plan's databases and endpoints go into (see README: Inputs).
        network = ec2.Vpc.from_vpc_attributes(
            self,
            "Network",
            vpc_id=settings.vpc_id,
            vpc_cidr_block=settings.vpc_cidr,
            availability_zones=settings.availability_zones,
            private_subnet_ids=settings.private_subnet_ids,
        )
        database_subnets = rds.SubnetGroup(
            self,
            "DatabaseSubnets",
            description="drplan: private subnets of component database",
            vpc=network,
            vpc_subnets=ec2.SubnetSelection(subnets=network.private_subnets),
        )
        database_db_sg = ec2.SecurityGroup(
            self,
            "DatabaseDbSg",
            vpc=network,
            description="drplan: database",
            allow_all_outbound=False,
        )
        database_db_sg.add_ingress_rule(
            ec2.Peer.ipv4(settings.vpc_cidr),
            ec2.Port.tcp(3306),
            "Clients in the VPC reach the database",
        )
        database_db = rds.DatabaseInstance(
            self,
            "DatabaseDb",
            engine=rds.DatabaseInstanceEngine.mysql(version=rds.MysqlEngineVersion.of("8.4", "8.4")),
            instance_type=ec2.InstanceType(settings.database_instance_class.replace("db.", "")),
            vpc=network,
            subnet_group=database_subnets,
            security_groups=[database_db_sg],
            allocated_storage=20,
            storage_type=rds.StorageType.GP2,
            storage_encrypted=True,
            storage_encryption_key=backup_keys_key,
            multi_az=False,
            publicly_accessible=False,
            deletion_protection=True,
            iam_authentication=True,
            manage_master_user_password=True,
            credentials=rds.Credentials.from_username("dbadmin"),
            backup_retention=cdk.Duration.days(settings.backup_retention_period),
            copy_tags_to_snapshot=True,
            auto_minor_version_upgrade=True,
            removal_policy=cdk.RemovalPolicy.SNAPSHOT,
        )
        database_db_cfn = helpers.default_child(database_db)
        # On once the DR key's ARN is given (README, step two).
        if settings.dr_key_arn:
            database_db_cfn.add_property_override(
                "AutomaticBackupReplicationRegion",
                settings.disaster_recovery_region,
            )
            database_db_cfn.add_property_override(
                "AutomaticBackupReplicationKmsKeyId",
                settings.dr_key_arn,
            )
            database_db_cfn.add_property_override(
                "AutomaticBackupReplicationRetentionPeriod",
                settings.cross_region_backup_retention,
            )
        # cfn-lint E3691: RDS takes the major version alone and creates the instance with the preferred minor version (automatic minor upgrades keep it current); the linter's version list omits or misflags the ...
        helpers.cfn_lint_ignore(database_db, ["E3691"])
        cdk.Validations.of(database_db).acknowledge(
            cdk.Acknowledgment(
                id="AwsSolutions-RDS11",
                reason="the engine's default port is kept so that existing clients connect unchanged; only the VPC CIDR may reach it",
            ),
        )
        cdk.Validations.of(database_db).acknowledge(
            cdk.Acknowledgment(
                id="AwsSolutions-RDS3",
                reason="the plan runs this instance in one Availability Zone (multi_az: false); its backups are what the plan protects",
            ),
        )
        cdk.Validations.of(database_db).acknowledge(
            cdk.Acknowledgment(
                id="CloudFormation-Validate::E9006",
                reason="RDS takes the major version alone and creates the instance with the preferred minor version (automatic minor upgrades keep it current); the linter's version list omits or misflags the major-only form",
            ),
        )

        # component rds-backup-plan
        rds_backup_plan_vault = backup.BackupVault(
            self,
            "RdsBackupPlanVault",
            backup_vault_name=settings.project_name + "-rds-backup-plan",
            encryption_key=backup_keys_key,
            removal_policy=cdk.RemovalPolicy.RETAIN,
        )
        rds_backup_plan_plan = backup.BackupPlan(
            self,
            "RdsBackupPlanPlan",
            backup_plan_name=settings.project_name + "-rds-backup-plan",
            backup_vault=rds_backup_plan_vault,
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
                                "RdsBackupPlanPlanDailyCopyVault",
                                "arn:" + cdk.Aws.PARTITION + ":backup:" + settings.disaster_recovery_region + ":" + cdk.Aws.ACCOUNT_ID + ":backup-vault:" + settings.project_name + "-rds-backup-plan-dr",
                            ),
                            delete_after=cdk.Duration.days(14),
                        ),
                    ],
                ),
            ],
        )
        rds_backup_plan_backup_role = iam.Role(
            self,
            "RdsBackupPlanBackupRole",
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
        cdk.Validations.of(rds_backup_plan_backup_role).acknowledge(
            cdk.Acknowledgment(
                id="AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup]",
                reason="AWS Backup's documented service-role policy: AWS scopes it to the resource types Backup supports and keeps it current",
            ),
        )
        cdk.Validations.of(rds_backup_plan_backup_role).acknowledge(
            cdk.Acknowledgment(
                id="AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores]",
                reason="AWS Backup's documented service-role policy: AWS scopes it to the resource types Backup supports and keeps it current",
            ),
        )
        rds_backup_plan_selection = rds_backup_plan_plan.add_selection(
            "RdsBackupPlanSelection",
            resources=[backup.BackupResource.from_arn(database_db.instance_arn)],
            backup_selection_name="rds-backup-plan-resources",
            role=rds_backup_plan_backup_role.without_policy_updates(),
            disable_default_backup_policy=True,
        )
        rds_backup_plan_job_events = events.Rule(
            self,
            "RdsBackupPlanJobEvents",
            description="drplan: failed AWS Backup backup and copy jobs, to SNS",
            event_pattern=events.EventPattern(
                source=["aws.backup"],
                detail_type=["Backup Job State Change", "Copy Job State Change"],
                detail={"state": ["FAILED", "ABORTED", "EXPIRED"]},
            ),
            targets=[targets.SnsTopic(backup_alerts_topic)],
        )

        # component backup-monitoring
        backup_monitoring_backup_job_failures_alarm = cloudwatch.Alarm(
            self,
            "BackupMonitoringBackupJobFailuresAlarm",
            alarm_name=settings.project_name + "-backup-job-failures",
            alarm_description="drplan: alarm backup-job-failures of component backup-monitoring",
            metric=cloudwatch.Metric(
                namespace="AWS/Backup",
                metric_name="NumberOfBackupJobsFailed",
                statistic="Sum",
                period=cdk.Duration.seconds(3600),
            ),
            threshold=0,
            evaluation_periods=1,
            comparison_operator=cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
            treat_missing_data=cloudwatch.TreatMissingData.NOT_BREACHING,
        )
        backup_monitoring_backup_job_failures_alarm.add_alarm_action(
            cw_actions.SnsAction(backup_alerts_topic),
        )
        backup_monitoring_database_cpu_alarm = cloudwatch.Alarm(
            self,
            "BackupMonitoringDatabaseCpuAlarm",
            alarm_name=settings.project_name + "-database-cpu",
            alarm_description="drplan: alarm database-cpu of component backup-monitoring",
            metric=cloudwatch.Metric(
                namespace="AWS/RDS",
                metric_name="CPUUtilization",
                statistic="Average",
                period=cdk.Duration.seconds(300),
                dimensions_map={"DBInstanceIdentifier": database_db.instance_identifier},
            ),
            threshold=80,
            evaluation_periods=2,
            comparison_operator=cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
            treat_missing_data=cloudwatch.TreatMissingData.NOT_BREACHING,
        )
        backup_monitoring_database_cpu_alarm.add_alarm_action(
            cw_actions.SnsAction(backup_alerts_topic),
        )
        backup_monitoring_database_connections_alarm = cloudwatch.Alarm(
            self,
            "BackupMonitoringDatabaseConnectionsAlarm",
            alarm_name=settings.project_name + "-database-connections",
            alarm_description="drplan: alarm database-connections of component backup-monitoring",
            metric=cloudwatch.Metric(
                namespace="AWS/RDS",
                metric_name="DatabaseConnections",
                statistic="Average",
                period=cdk.Duration.seconds(300),
                dimensions_map={"DBInstanceIdentifier": database_db.instance_identifier},
            ),
            threshold=50,
            evaluation_periods=2,
            comparison_operator=cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
            treat_missing_data=cloudwatch.TreatMissingData.NOT_BREACHING,
        )
        backup_monitoring_database_connections_alarm.add_alarm_action(
            cw_actions.SnsAction(backup_alerts_topic),
        )

        cdk.CfnOutput(
            self,
            "BackupKeysKeyIdOutput",
            value=backup_keys_key.key_id,
            description="Id of KMS key backup-keys-key",
        )
        cdk.CfnOutput(
            self,
            "BackupKeysKeyArnOutput",
            value=backup_keys_key.key_arn,
            description="ARN of KMS key backup-keys-key",
        )
        cdk.CfnOutput(
            self,
            "BackupAlertsTopicArnOutput",
            value=backup_alerts_topic.topic_arn,
            description="ARN of the SNS topic of component backup-alerts",
        )
        cdk.CfnOutput(
            self,
            "BackupAlertsTopicNameOutput",
            value=backup_alerts_topic.topic_name,
            description="Name of the SNS topic of component backup-alerts",
        )
        cdk.CfnOutput(
            self,
            "DatabaseDbIdOutput",
            value=database_db.instance_identifier,
            description="Identifier of the RDS instance of component database",
        )
        cdk.CfnOutput(
            self,
            "DatabaseDbArnOutput",
            value=database_db.instance_arn,
            description="ARN of the RDS instance of component database",
        )
        cdk.CfnOutput(
            self,
            "RdsBackupPlanVaultNameOutput",
            value=rds_backup_plan_vault.backup_vault_name,
            description="Name of backup vault rds-backup-plan-vault",
        )
