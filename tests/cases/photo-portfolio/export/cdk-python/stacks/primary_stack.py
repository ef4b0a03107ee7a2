"""Primary stack (us-east-1) of the drplan export of plan Photography portfolio: backup & DR."""

import os

import aws_cdk as cdk
from aws_cdk import aws_backup as backup
from aws_cdk import aws_cloudwatch as cloudwatch
from aws_cdk import aws_cloudwatch_actions as cw_actions
from aws_cdk import aws_codecommit as codecommit
from aws_cdk import aws_events as events
from aws_cdk import aws_events_targets as targets
from aws_cdk import aws_iam as iam
from aws_cdk import aws_kms as kms
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_logs as logs
from aws_cdk import aws_route53 as route53
from aws_cdk import aws_s3 as s3
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
                sid="AllowBackupAccountCopies",
                effect=iam.Effect.ALLOW,
                actions=[
                    "kms:DescribeKey",
                    "kms:Encrypt",
                    "kms:Decrypt",
                    "kms:ReEncrypt*",
                    "kms:GenerateDataKey*",
                ],
                resources=["*"],
                principals=[
                    iam.ArnPrincipal(
                        "arn:" + cdk.Aws.PARTITION + ":iam::" + settings.backup_account_id + ":root",
                    ),
                ],
            ),
        )
        backup_keys_key.add_to_resource_policy(
            iam.PolicyStatement(
                sid="AllowBackupAccountGrants",
                effect=iam.Effect.ALLOW,
                actions=["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"],
                resources=["*"],
                principals=[
                    iam.ArnPrincipal(
                        "arn:" + cdk.Aws.PARTITION + ":iam::" + settings.backup_account_id + ":root",
                    ),
                ],
                conditions={"Bool": {"kms:GrantIsForAWSResource": "true"}},
            ),
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
                sid="AllowCloudWatchLogs",
                effect=iam.Effect.ALLOW,
                actions=[
                    "kms:Encrypt*",
                    "kms:Decrypt*",
                    "kms:ReEncrypt*",
                    "kms:GenerateDataKey*",
                    "kms:Describe*",
                ],
                resources=["*"],
                principals=[iam.ServicePrincipal("logs." + self.region + ".amazonaws.com")],
                conditions={
                    "ArnLike": {
                        "kms:EncryptionContext:aws:logs:arn": "arn:" + cdk.Aws.PARTITION + ":logs:" + self.region + ":" + cdk.Aws.ACCOUNT_ID + ":log-group:*",
                    },
                },
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

        # component alerts
        alerts_topic = sns.Topic(self, "AlertsTopic", master_key=backup_keys_key, enforce_ssl=True)
        alerts_topic.add_subscription(subs.EmailSubscription(settings.notification_email))
        alerts_topic.add_to_resource_policy(
            iam.PolicyStatement(
                sid="AllowPublish2",
                effect=iam.Effect.ALLOW,
                actions=["sns:Publish"],
                resources=[alerts_topic.topic_arn],
                principals=[iam.ServicePrincipal("cloudwatch.amazonaws.com")],
                conditions={
                    "ArnLike": {
                        "aws:SourceArn": "arn:" + cdk.Aws.PARTITION + ":cloudwatch:" + self.region + ":" + cdk.Aws.ACCOUNT_ID + ":alarm:*",
                    },
                },
            ),
        )

        # component media
        media_replication_role = iam.Role(
            self,
            "MediaReplicationRole",
            assumed_by=iam.ServicePrincipal("s3.amazonaws.com"),
            description="S3 replication of component media to the DR region and the backup account",
            role_name=settings.project_name + "-media-replication",
        )

        # component compliance-archive
        compliance_archive_replication_role = iam.Role(
            self,
            "ComplianceArchiveReplicationRole",
            assumed_by=iam.ServicePrincipal("s3.amazonaws.com"),
            description="S3 replication of component compliance-archive to the DR region and the backup account",
            role_name=settings.project_name + "-compliance-archive-replication",
        )
        compliance_archive_bucket = s3.Bucket(
            self,
            "ComplianceArchiveBucket",
            encryption=s3.BucketEncryption.KMS,
            encryption_key=backup_keys_key,
            bucket_key_enabled=True,
            versioned=True,
            block_public_access=s3.BlockPublicAccess.BLOCK_ALL,
            object_ownership=s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
            enforce_ssl=True,
            server_access_logs_bucket=access_logs,
            server_access_logs_prefix="compliance-archive/",
            lifecycle_rules=[
                s3.LifecycleRule(
                    id="drplan-lifecycle",
                    enabled=True,
                    transitions=[
                        s3.Transition(
                            storage_class=s3.StorageClass.DEEP_ARCHIVE,
                            transition_after=cdk.Duration.days(0),
                        ),
                    ],
                    expiration=cdk.Duration.days(2555),
                    noncurrent_version_expiration=cdk.Duration.days(180),
                    abort_incomplete_multipart_upload_after=cdk.Duration.days(7),
                ),
            ],
            replication_role=compliance_archive_replication_role.without_policy_updates(),
            replication_rules=[
                s3.ReplicationRule(
                    id="drplan-replication",
                    priority=1,
                    destination=s3.Bucket.from_bucket_arn(
                        self,
                        "ComplianceArchiveBucketReplicaDestination",
                        "arn:" + cdk.Aws.PARTITION + ":s3:::" + settings.project_name + "-compliance-archive-" + cdk.Aws.ACCOUNT_ID,
                    ),
                    storage_class=s3.StorageClass.DEEP_ARCHIVE,
                    delete_marker_replication=False,
                    kms_key=kms.Key.from_key_arn(
                        self,
                        "ComplianceArchiveBucketReplicaKeyRef",
                        "arn:" + cdk.Aws.PARTITION + ":kms:" + settings.dr_region + ":" + cdk.Aws.ACCOUNT_ID + ":alias/" + settings.project_name + "/dr",
                    ),
                    sse_kms_encrypted_objects=True,
                ),
                s3.ReplicationRule(
                    id="drplan-backup-account",
                    priority=2,
                    destination=s3.Bucket.from_bucket_attributes(
                        self,
                        "ComplianceArchiveBucketReplicaDestination2",
                        bucket_arn="arn:" + cdk.Aws.PARTITION + ":s3:::" + settings.project_name + "-compliance-archive-" + settings.backup_account_id,
                        account=settings.backup_account_id,
                    ),
                    storage_class=s3.StorageClass.DEEP_ARCHIVE,
                    delete_marker_replication=False,
                    access_control_transition=True,
                    kms_key=kms.Key.from_key_arn(
                        self,
                        "ComplianceArchiveBucketReplica2KeyRef",
                        "arn:" + cdk.Aws.PARTITION + ":kms:" + settings.backup_account_region + ":" + settings.backup_account_id + ":alias/" + settings.project_name + "/backup-account",
                    ),
                    sse_kms_encrypted_objects=True,
                ),
            ],
            removal_policy=cdk.RemovalPolicy.RETAIN,
        )

        # component portfolio-table
        portfolio_table_backup_vault = backup.BackupVault(
            self,
            "PortfolioTableBackupVault",
            backup_vault_name=settings.project_name + "-portfolio-table-backups",
            encryption_key=backup_keys_key,
            removal_policy=cdk.RemovalPolicy.RETAIN,
        )
        portfolio_table_backups_plan = backup.BackupPlan(
            self,
            "PortfolioTableBackupsPlan",
            backup_plan_name=settings.project_name + "-portfolio-table-backups",
            backup_vault=portfolio_table_backup_vault,
            backup_plan_rules=[
                backup.BackupPlanRule(
                    rule_name="on-demand",
                    schedule_expression=events.Schedule.expression("cron(0 3 * * ? *)"),
                    start_window=cdk.Duration.minutes(60),
                    completion_window=cdk.Duration.minutes(1440),
                    enable_continuous_backup=False,
                    delete_after=cdk.Duration.days(90),
                ),
            ],
        )
        portfolio_table_backups_backup_role = iam.Role(
            self,
            "PortfolioTableBackupsBackupRole",
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
        cdk.Validations.of(portfolio_table_backups_backup_role).acknowledge(
            cdk.Acknowledgment(
                id="AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup]",
                reason="AWS Backup's documented service-role policy: AWS scopes it to the resource types Backup supports and keeps it current",
            ),
        )
        cdk.Validations.of(portfolio_table_backups_backup_role).acknowledge(
            cdk.Acknowledgment(
                id="AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores]",
                reason="AWS Backup's documented service-role policy: AWS scopes it to the resource types Backup supports and keeps it current",
            ),
        )
        portfolio_table_backups_selection = portfolio_table_backups_plan.add_selection(
            "PortfolioTableBackupsSelection",
            resources=[
                backup.BackupResource.from_arn(
                    "arn:" + cdk.Aws.PARTITION + ":dynamodb:" + self.region + ":" + cdk.Aws.ACCOUNT_ID + ":table/" + settings.portfolio_table_table_name,
                ),
            ],
            backup_selection_name="portfolio-table-backups-resources",
            role=portfolio_table_backups_backup_role.without_policy_updates(),
            disable_default_backup_policy=True,
        )

        # component table-copies
        table_copies_vault = backup.BackupVault(
            self,
            "TableCopiesVault",
            backup_vault_name=settings.project_name + "-table-copies",
            encryption_key=backup_keys_key,
            removal_policy=cdk.RemovalPolicy.RETAIN,
        )
        table_copies_plan = backup.BackupPlan(
            self,
            "TableCopiesPlan",
            backup_plan_name=settings.project_name + "-table-copies",
            backup_vault=table_copies_vault,
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
                                "TableCopiesPlanDailyCopyVault",
                                "arn:" + cdk.Aws.PARTITION + ":backup:" + settings.backup_account_region + ":" + settings.backup_account_id + ":backup-vault:" + settings.project_name + "-backup-vault",
                            ),
                            delete_after=cdk.Duration.days(7),
                        ),
                    ],
                ),
            ],
        )
        table_copies_backup_role = iam.Role(
            self,
            "TableCopiesBackupRole",
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
        cdk.Validations.of(table_copies_backup_role).acknowledge(
            cdk.Acknowledgment(
                id="AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup]",
                reason="AWS Backup's documented service-role policy: AWS scopes it to the resource types Backup supports and keeps it current",
            ),
        )
        cdk.Validations.of(table_copies_backup_role).acknowledge(
            cdk.Acknowledgment(
                id="AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores]",
                reason="AWS Backup's documented service-role policy: AWS scopes it to the resource types Backup supports and keeps it current",
            ),
        )
        table_copies_selection = table_copies_plan.add_selection(
            "TableCopiesSelection",
            resources=[
                backup.BackupResource.from_arn(
                    "arn:" + cdk.Aws.PARTITION + ":dynamodb:" + self.region + ":" + cdk.Aws.ACCOUNT_ID + ":table/" + settings.portfolio_table_table_name,
                ),
            ],
            backup_selection_name="table-copies-resources",
            role=table_copies_backup_role.without_policy_updates(),
            disable_default_backup_policy=True,
        )
        table_copies_job_events = events.Rule(
            self,
            "TableCopiesJobEvents",
            description="drplan: failed AWS Backup backup and copy jobs, to SNS",
            event_pattern=events.EventPattern(
                source=["aws.backup"],
                detail_type=["Backup Job State Change", "Copy Job State Change"],
                detail={"state": ["FAILED", "ABORTED", "EXPIRED"]},
            ),
            targets=[targets.SnsTopic(alerts_topic)],
        )

        # component site-config
        site_config_config_bucket = s3.Bucket(
            self,
            "SiteConfigConfigBucket",
            encryption=s3.BucketEncryption.KMS,
            encryption_key=backup_keys_key,
            bucket_key_enabled=True,
            versioned=True,
            block_public_access=s3.BlockPublicAccess.BLOCK_ALL,
            object_ownership=s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
            enforce_ssl=True,
            server_access_logs_bucket=access_logs,
            server_access_logs_prefix="site-config-config/",
            lifecycle_rules=[
                s3.LifecycleRule(
                    id="drplan-lifecycle",
                    enabled=True,
                    expiration=cdk.Duration.days(90),
                    noncurrent_version_expiration=cdk.Duration.days(30),
                    abort_incomplete_multipart_upload_after=cdk.Duration.days(7),
                ),
            ],
            removal_policy=cdk.RemovalPolicy.RETAIN,
        )
        site_config_export_logs = logs.LogGroup(
            self,
            "SiteConfigExportLogs",
            log_group_name="/drplan/" + settings.project_name + "/site-config-export",
            retention=logs.RetentionDays.ONE_MONTH,
            encryption_key=backup_keys_key,
            removal_policy=cdk.RemovalPolicy.RETAIN,
        )
        site_config_export_role_statements = [
            iam.PolicyStatement(
                sid="WriteOwnLogs",
                effect=iam.Effect.ALLOW,
                actions=["logs:CreateLogStream", "logs:PutLogEvents"],
                resources=[site_config_export_logs.log_group_arn],
            ),
            iam.PolicyStatement(
                sid="ReadEncryptedEnvironment",
                effect=iam.Effect.ALLOW,
                actions=["kms:Decrypt"],
                resources=[backup_keys_key.key_arn],
            ),
            iam.PolicyStatement(
                sid="ReadParameters",
                effect=iam.Effect.ALLOW,
                actions=["ssm:GetParametersByPath"],
                resources=[
                    "arn:" + cdk.Aws.PARTITION + ":ssm:" + self.region + ":" + cdk.Aws.ACCOUNT_ID + ":parameter/*",
                ],
            ),
            iam.PolicyStatement(
                sid="DecryptSecureStrings",
                effect=iam.Effect.ALLOW,
                actions=["kms:Decrypt"],
                resources=[
                    "arn:" + cdk.Aws.PARTITION + ":kms:" + self.region + ":" + cdk.Aws.ACCOUNT_ID + ":key/*",
                ],
                conditions={
                    "StringEquals": {"kms:ViaService": "ssm." + self.region + ".amazonaws.com"},
                },
            ),
            iam.PolicyStatement(
                sid="WriteExports",
                effect=iam.Effect.ALLOW,
                actions=["s3:PutObject"],
                resources=[site_config_config_bucket.bucket_arn + "/parameter-store/*"],
            ),
            iam.PolicyStatement(
                sid="EncryptExports",
                effect=iam.Effect.ALLOW,
                actions=["kms:GenerateDataKey"],
                resources=[backup_keys_key.key_arn],
            ),
        ]
        site_config_export_role = iam.Role(
            self,
            "SiteConfigExportRole",
            assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"),
            description="Execution role of the Parameter Store export of component site-config",
            inline_policies={
                "permissions": iam.PolicyDocument(statements=site_config_export_role_statements),
            },
        )
        helpers.acknowledge_wildcards(
            site_config_export_role,
            site_config_export_role_statements,
            [
                "log streams are created at run time; the grant is limited to the function's own log group",
                "",
                "the export reads every parameter of the account and region, by design",
                "SecureString parameters may use any key of the account; the grant only works through Parameter Store (kms:ViaService)",
                "export objects are named by date; the grant is limited to the parameter-store/ prefix of one bucket",
                "",
            ],
        )
        site_config_export_function = lambda_.Function(
            self,
            "SiteConfigExportFunction",
            function_name=settings.project_name + "-site-config-export",
            description="drplan: daily Parameter Store export for component site-config",
            runtime=lambda_.Runtime.PYTHON_3_14,
            handler="handler.handler",
            code=lambda_.Code.from_asset(os.path.join(BUNDLE_DIR, "lambda", "config_export")),
            memory_size=256,
            timeout=cdk.Duration.seconds(300),
            architecture=lambda_.Architecture.ARM_64,
            role=site_config_export_role.without_policy_updates(),
            log_group=site_config_export_logs,
            environment={
                "BUCKET": site_config_config_bucket.bucket_name,
                "PREFIX": "parameter-store/",
            },
            environment_encryption=backup_keys_key,
        )
        # CDK makes the function depend on its role explicitly, on top of the Role reference; cfn-lint W3005 notes the
        # duplicate, which is harmless.
        helpers.cfn_lint_ignore(site_config_export_function, ["W3005"])
        site_config_daily_export = events.Rule(
            self,
            "SiteConfigDailyExport",
            description="drplan: runs site-config-export-function on rate(1 day)",
            schedule=events.Schedule.expression("rate(1 day)"),
            targets=[
                targets.LambdaFunction(
                    site_config_export_function,
                    event=events.RuleTargetInput.from_object(
                        {"backup_type": "parameter-store-export"},
                    ),
                ),
            ],
        )
        site_config_repository = codecommit.Repository(
            self,
            "SiteConfigRepository",
            repository_name=settings.project_name + "-site-config",
            description="drplan: mirror of the infrastructure repository, for redeploying after a disaster",
            kms_key=backup_keys_key,
        )
        site_config_repository.apply_removal_policy(cdk.RemovalPolicy.RETAIN)

        # component backup-monitoring
        backup_monitoring_dynamodb_backup_failures_alarm = cloudwatch.Alarm(
            self,
            "BackupMonitoringDynamodbBackupFailuresAlarm",
            alarm_name=settings.project_name + "-dynamodb-backup-failures",
            alarm_description="drplan: alarm dynamodb-backup-failures of component backup-monitoring",
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
        backup_monitoring_dynamodb_backup_failures_alarm.add_alarm_action(
            cw_actions.SnsAction(alerts_topic),
        )
        backup_monitoring_s3_replication_lag_alarm = cloudwatch.Alarm(
            self,
            "BackupMonitoringS3ReplicationLagAlarm",
            alarm_name=settings.project_name + "-s3-replication-lag",
            alarm_description="drplan: alarm s3-replication-lag of component backup-monitoring",
            metric=cloudwatch.Metric(
                namespace="AWS/S3",
                metric_name="ReplicationLatency",
                statistic="Maximum",
                period=cdk.Duration.seconds(300),
                dimensions_map={
                    "SourceBucket": settings.media_bucket_name,
                    "DestinationBucket": settings.project_name + "-media-" + cdk.Aws.ACCOUNT_ID,
                    "RuleId": "drplan-replication",
                },
            ),
            threshold=3600,
            evaluation_periods=3,
            comparison_operator=cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
            treat_missing_data=cloudwatch.TreatMissingData.NOT_BREACHING,
        )
        backup_monitoring_s3_replication_lag_alarm.add_alarm_action(
            cw_actions.SnsAction(alerts_topic),
        )
        backup_monitoring_s3_replication_errors_alarm = cloudwatch.Alarm(
            self,
            "BackupMonitoringS3ReplicationErrorsAlarm",
            alarm_name=settings.project_name + "-s3-replication-errors",
            alarm_description="drplan: alarm s3-replication-errors of component backup-monitoring",
            metric=cloudwatch.Metric(
                namespace="AWS/S3",
                metric_name="OperationsFailedReplication",
                statistic="Sum",
                period=cdk.Duration.seconds(300),
                dimensions_map={
                    "SourceBucket": settings.media_bucket_name,
                    "DestinationBucket": settings.project_name + "-media-" + cdk.Aws.ACCOUNT_ID,
                    "RuleId": "drplan-replication",
                },
            ),
            threshold=0,
            evaluation_periods=1,
            comparison_operator=cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
            treat_missing_data=cloudwatch.TreatMissingData.NOT_BREACHING,
        )
        backup_monitoring_s3_replication_errors_alarm.add_alarm_action(
            cw_actions.SnsAction(alerts_topic),
        )

        # component site-failover
        # Route 53 health checks have no L2 construct: this is the CloudFormation resource.
        site_failover_primary_health_check = route53.CfnHealthCheck(
            self,
            "SiteFailoverPrimaryHealthCheck",
            health_check_config=route53.CfnHealthCheck.HealthCheckConfigProperty(
                type="HTTPS",
                fully_qualified_domain_name=settings.site_failover_primary_endpoint,
                port=443,
                resource_path="/",
                request_interval=30,
                failure_threshold=3,
            ),
            health_check_tags=[
                route53.CfnHealthCheck.HealthCheckTagProperty(
                    key="Name",
                    value=settings.project_name + "-site-failover-primary",
                ),
            ],
        )
        site_failover_primary_record = route53.CnameRecord(
            self,
            "SiteFailoverPrimaryRecord",
            zone=route53.HostedZone.from_hosted_zone_id(
                self,
                "SiteFailoverPrimaryRecordZone",
                settings.site_failover_hosted_zone_id,
            ),
            record_name=settings.site_failover_record_name + ".",
            domain_name=settings.site_failover_primary_endpoint,
            ttl=cdk.Duration.seconds(60),
            set_identifier="site-failover-primary",
            failover=route53.Failover.PRIMARY,
            health_check=route53.HealthCheck.from_health_check_id(
                self,
                "SiteFailoverPrimaryRecordCheck",
                site_failover_primary_health_check.attr_health_check_id,
            ),
        )
        site_failover_secondary_record = route53.CnameRecord(
            self,
            "SiteFailoverSecondaryRecord",
            zone=route53.HostedZone.from_hosted_zone_id(
                self,
                "SiteFailoverSecondaryRecordZone",
                settings.site_failover_hosted_zone_id,
            ),
            record_name=settings.site_failover_record_name + ".",
            domain_name=settings.site_failover_secondary_endpoint,
            ttl=cdk.Duration.seconds(60),
            set_identifier="site-failover-secondary",
            failover=route53.Failover.SECONDARY,
        )

        # component portfolio-table
        restore_test_role = iam.Role(
            self,
            "RestoreTestRole",
            assumed_by=iam.ServicePrincipal("backup.amazonaws.com"),
            description="AWS Backup restore testing: restore the tested recovery points",
            managed_policies=[
                iam.ManagedPolicy.from_aws_managed_policy_name(
                    "service-role/AWSBackupServiceRolePolicyForRestores",
                ),
            ],
        )
        cdk.Validations.of(restore_test_role).acknowledge(
            cdk.Acknowledgment(
                id="AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores]",
                reason="AWS Backup's documented service-role policy for restores: AWS scopes it to the resource types Backup restores and keeps it current",
            ),
        )
        weekly_pitr_restore_rt = backup.CfnRestoreTestingPlan(
            self,
            "WeeklyPitrRestoreRt",
            restore_testing_plan_name=cdk.Fn.join(
                "_",
                cdk.Fn.split("-", settings.project_name + "-weekly-pitr-restore-rt"),
            ),
            schedule_expression="cron(0 6 ? * SUN *)",
            start_window_hours=24,
            recovery_point_selection=backup.CfnRestoreTestingPlan.RestoreTestingRecoveryPointSelectionProperty(
                algorithm="LATEST_WITHIN_WINDOW",
                include_vaults=[
                    portfolio_table_backup_vault.backup_vault_arn,
                    table_copies_vault.backup_vault_arn,
                ],
                recovery_point_types=["SNAPSHOT"],
                selection_window_days=7,
            ),
        )
        weekly_pitr_restore_rt_selection = backup.CfnRestoreTestingSelection(
            self,
            "WeeklyPitrRestoreRtSelection",
            restore_testing_plan_name=weekly_pitr_restore_rt.ref,
            restore_testing_selection_name="portfolio_table",
            protected_resource_type="DynamoDB",
            protected_resource_arns=[
                "arn:" + cdk.Aws.PARTITION + ":dynamodb:" + self.region + ":" + cdk.Aws.ACCOUNT_ID + ":table/" + settings.portfolio_table_table_name,
            ],
            iam_role_arn=restore_test_role.role_arn,
            validation_window_hours=1,
        )
        weekly_pitr_restore_rt_duration_alarm = cloudwatch.Alarm(
            self,
            "WeeklyPitrRestoreRtDurationAlarm",
            alarm_name=settings.project_name + "-weekly-pitr-restore-rt-duration",
            alarm_description="drplan: weekly restore test of portfolio-table took longer than the 235 min its RTO target leaves the restore",
            metric=cloudwatch.Metric(
                namespace="CustomMetrics/DatabaseBackup",
                metric_name="RestoreTestDurationMinutes",
                statistic="Maximum",
                period=cdk.Duration.seconds(3600),
                dimensions_map={"RestoreTestingPlan": weekly_pitr_restore_rt.ref},
            ),
            threshold=235,
            evaluation_periods=1,
            comparison_operator=cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
            treat_missing_data=cloudwatch.TreatMissingData.NOT_BREACHING,
        )
        weekly_pitr_restore_rt_duration_alarm.add_alarm_action(cw_actions.SnsAction(alerts_topic))
        weekly_pitr_restore_rt_failure_alarm = cloudwatch.Alarm(
            self,
            "WeeklyPitrRestoreRtFailureAlarm",
            alarm_name=settings.project_name + "-weekly-pitr-restore-rt-failed",
            alarm_description="drplan: weekly restore test of portfolio-table failed or was aborted",
            metric=cloudwatch.Metric(
                namespace="CustomMetrics/DatabaseBackup",
                metric_name="RestoreTestFailures",
                statistic="Maximum",
                period=cdk.Duration.seconds(3600),
                dimensions_map={"RestoreTestingPlan": weekly_pitr_restore_rt.ref},
            ),
            threshold=0,
            evaluation_periods=1,
            comparison_operator=cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
            treat_missing_data=cloudwatch.TreatMissingData.NOT_BREACHING,
        )
        weekly_pitr_restore_rt_failure_alarm.add_alarm_action(cw_actions.SnsAction(alerts_topic))
        restore_tests_logs = logs.LogGroup(
            self,
            "RestoreTestsLogs",
            log_group_name="/drplan/" + settings.project_name + "/restore-tests",
            retention=logs.RetentionDays.ONE_YEAR,
            encryption_key=backup_keys_key,
            removal_policy=cdk.RemovalPolicy.RETAIN,
        )
        restore_test_function_role_statements = [
            iam.PolicyStatement(
                sid="WriteOwnLogs",
                effect=iam.Effect.ALLOW,
                actions=["logs:CreateLogStream", "logs:PutLogEvents"],
                resources=[restore_tests_logs.log_group_arn],
            ),
            iam.PolicyStatement(
                sid="ReadEncryptedEnvironment",
                effect=iam.Effect.ALLOW,
                actions=["kms:Decrypt"],
                resources=[backup_keys_key.key_arn],
            ),
            iam.PolicyStatement(
                sid="ReadAndValidateRestoreJobs",
                effect=iam.Effect.ALLOW,
                actions=["backup:DescribeRestoreJob", "backup:PutRestoreValidationResult"],
                resources=["*"],
            ),
            iam.PolicyStatement(
                sid="PublishRestoreTestMetrics",
                effect=iam.Effect.ALLOW,
                actions=["cloudwatch:PutMetricData"],
                resources=["*"],
                conditions={
                    "StringEquals": {"cloudwatch:namespace": "CustomMetrics/DatabaseBackup"},
                },
            ),
            iam.PolicyStatement(
                sid="DeadLetters",
                effect=iam.Effect.ALLOW,
                actions=["sns:Publish"],
                resources=[alerts_topic.topic_arn],
            ),
            iam.PolicyStatement(
                sid="EncryptDeadLetters",
                effect=iam.Effect.ALLOW,
                actions=["kms:GenerateDataKey", "kms:Decrypt"],
                resources=[backup_keys_key.key_arn],
            ),
        ]
        restore_test_function_role = iam.Role(
            self,
            "RestoreTestFunctionRole",
            assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"),
            description="Execution role of the restore test validation function",
            inline_policies={
                "permissions": iam.PolicyDocument(statements=restore_test_function_role_statements),
            },
        )
        helpers.acknowledge_wildcards(
            restore_test_function_role,
            restore_test_function_role_statements,
            [
                "log streams are created at run time; the grant is limited to the function's own log group",
                "",
                "restore jobs are not an IAM resource type: AWS Backup authorises these calls only on all resources; the function acts only on jobs of this bundle's restore testing plans",
                "PutMetricData has no resource type; the cloudwatch:namespace condition limits it to the bundle's metrics",
                "",
                "",
            ],
        )
        restore_test_function = lambda_.Function(
            self,
            "RestoreTestFunction",
            function_name=settings.project_name + "-restore-tests",
            description="drplan: measures and validates AWS Backup restore tests",
            runtime=lambda_.Runtime.PYTHON_3_14,
            handler="handler.handler",
            code=lambda_.Code.from_asset(os.path.join(BUNDLE_DIR, "lambda", "restore_test")),
            memory_size=128,
            timeout=cdk.Duration.seconds(60),
            architecture=lambda_.Architecture.ARM_64,
            role=restore_test_function_role.without_policy_updates(),
            log_group=restore_tests_logs,
            environment={
                "METRIC_NAMESPACE": "CustomMetrics/DatabaseBackup",
                "RESTORE_TESTS": "{\"" + weekly_pitr_restore_rt.attr_restore_testing_plan_arn + "\":{\"plan\":\"" + weekly_pitr_restore_rt.ref + "\",\"budget_minutes\":235.0,\"component\":\"portfolio-table\"}}",
            },
            environment_encryption=backup_keys_key,
            dead_letter_topic=alerts_topic,
        )
        # CDK makes the function depend on its role explicitly, on top of the Role reference; cfn-lint W3005 notes the
        # duplicate, which is harmless.
        helpers.cfn_lint_ignore(restore_test_function, ["W3005"])
        restore_test_events = events.Rule(
            self,
            "RestoreTestEvents",
            description="drplan: restore test jobs, to the validation function",
            event_pattern=events.EventPattern(
                source=["aws.backup"],
                detail_type=["Restore Job State Change"],
            ),
            targets=[targets.LambdaFunction(restore_test_function)],
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
            "AlertsTopicArnOutput",
            value=alerts_topic.topic_arn,
            description="ARN of the SNS topic of component alerts",
        )
        cdk.CfnOutput(
            self,
            "AlertsTopicNameOutput",
            value=alerts_topic.topic_name,
            description="Name of the SNS topic of component alerts",
        )
        cdk.CfnOutput(
            self,
            "MediaReplicationRoleArnOutput",
            value=media_replication_role.role_arn,
            description="ARN of the role S3 replicates component media with",
        )
        cdk.CfnOutput(
            self,
            "ComplianceArchiveBucketNameOutput",
            value=compliance_archive_bucket.bucket_name,
            description="Name of the S3 bucket of component compliance-archive",
        )
        cdk.CfnOutput(
            self,
            "ComplianceArchiveBucketArnOutput",
            value=compliance_archive_bucket.bucket_arn,
            description="ARN of the S3 bucket of component compliance-archive",
        )
        cdk.CfnOutput(
            self,
            "PortfolioTableBackupVaultNameOutput",
            value=portfolio_table_backup_vault.backup_vault_name,
            description="Name of backup vault portfolio-table-backup-vault",
        )
        cdk.CfnOutput(
            self,
            "TableCopiesVaultNameOutput",
            value=table_copies_vault.backup_vault_name,
            description="Name of backup vault table-copies-vault",
        )
        cdk.CfnOutput(
            self,
            "SiteConfigConfigBucketNameOutput",
            value=site_config_config_bucket.bucket_name,
            description="Bucket of the Parameter Store exports of component site-config",
        )
        cdk.CfnOutput(
            self,
            "SiteConfigRepositoryNameOutput",
            value=site_config_repository.repository_name,
            description="CodeCommit mirror of component site-config",
        )
        cdk.CfnOutput(
            self,
            "SiteFailoverPrimaryHealthCheckIdOutput",
            value=site_failover_primary_health_check.attr_health_check_id,
            description="Id of the Route 53 health check of the primary endpoint of component site-failover",
        )
        media_replication_role_statements = [
            iam.PolicyStatement(
                sid="ReadReplicationConfiguration",
                effect=iam.Effect.ALLOW,
                actions=["s3:GetReplicationConfiguration", "s3:ListBucket"],
                resources=["arn:" + cdk.Aws.PARTITION + ":s3:::" + settings.media_bucket_name],
            ),
            iam.PolicyStatement(
                sid="ReadSourceVersions",
                effect=iam.Effect.ALLOW,
                actions=[
                    "s3:GetObjectVersionForReplication",
                    "s3:GetObjectVersionAcl",
                    "s3:GetObjectVersionTagging",
                ],
                resources=[
                    "arn:" + cdk.Aws.PARTITION + ":s3:::" + settings.media_bucket_name + "/*",
                ],
            ),
            iam.PolicyStatement(
                sid="WriteReplicas",
                effect=iam.Effect.ALLOW,
                actions=["s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags"],
                resources=[
                    "arn:" + cdk.Aws.PARTITION + ":s3:::" + settings.project_name + "-media-" + cdk.Aws.ACCOUNT_ID + "/*",
                ],
            ),
            iam.PolicyStatement(
                sid="DecryptSourceObjects",
                effect=iam.Effect.ALLOW,
                actions=["kms:Decrypt"],
                resources=[
                    "arn:" + cdk.Aws.PARTITION + ":kms:" + self.region + ":" + cdk.Aws.ACCOUNT_ID + ":key/*",
                ],
                conditions={
                    "StringEquals": {"kms:ViaService": "s3." + self.region + ".amazonaws.com"},
                },
            ),
            iam.PolicyStatement(
                sid="EncryptReplicas",
                effect=iam.Effect.ALLOW,
                actions=["kms:Encrypt", "kms:GenerateDataKey"],
                resources=[
                    "arn:" + cdk.Aws.PARTITION + ":kms:" + settings.dr_region + ":" + cdk.Aws.ACCOUNT_ID + ":key/*",
                ],
                conditions={
                    "ForAnyValue:StringEquals": {
                        "kms:ResourceAliases": "alias/" + settings.project_name + "/dr",
                    },
                },
            ),
            iam.PolicyStatement(
                sid="WriteAccountReplicas",
                effect=iam.Effect.ALLOW,
                actions=[
                    "s3:ReplicateObject",
                    "s3:ReplicateDelete",
                    "s3:ReplicateTags",
                    "s3:ObjectOwnerOverrideToBucketOwner",
                ],
                resources=[
                    "arn:" + cdk.Aws.PARTITION + ":s3:::" + settings.project_name + "-media-" + settings.backup_account_id + "/*",
                ],
            ),
            iam.PolicyStatement(
                sid="EncryptAccountReplicas",
                effect=iam.Effect.ALLOW,
                actions=["kms:Encrypt", "kms:GenerateDataKey"],
                resources=[
                    "arn:" + cdk.Aws.PARTITION + ":kms:" + settings.backup_account_region + ":" + settings.backup_account_id + ":key/*",
                ],
                conditions={
                    "ForAnyValue:StringEquals": {
                        "kms:ResourceAliases": "alias/" + settings.project_name + "/backup-account",
                    },
                },
            ),
        ]
        media_replication_role_policy = iam.Policy(
            self,
            "MediaReplicationRolePolicy",
            roles=[media_replication_role],
            statements=media_replication_role_statements,
        )
        helpers.acknowledge_wildcards(
            media_replication_role_policy,
            media_replication_role_statements,
            [
                "",
                "replication reads and writes every object version of the bucket: the grant is limited to that bucket's objects",
                "replication reads and writes every object version of the bucket: the grant is limited to that bucket's objects",
                "the existing bucket's objects use a key the plan does not know; the grant works only through S3 (kms:ViaService)",
                "the DR key is in another region and stack, so its id is unknown here; the kms:ResourceAliases condition limits the grant to the key with the DR alias",
                "replication reads and writes every object version of the bucket: the grant is limited to that bucket's objects",
                "the backup account's key is in another account and stack, so its id is unknown here; the kms:ResourceAliases condition limits the grant to the key with the backup-account alias",
            ],
        )
        compliance_archive_replication_role_statements = [
            iam.PolicyStatement(
                sid="ReadReplicationConfiguration",
                effect=iam.Effect.ALLOW,
                actions=["s3:GetReplicationConfiguration", "s3:ListBucket"],
                resources=[compliance_archive_bucket.bucket_arn],
            ),
            iam.PolicyStatement(
                sid="ReadSourceVersions",
                effect=iam.Effect.ALLOW,
                actions=[
                    "s3:GetObjectVersionForReplication",
                    "s3:GetObjectVersionAcl",
                    "s3:GetObjectVersionTagging",
                ],
                resources=[compliance_archive_bucket.bucket_arn + "/*"],
            ),
            iam.PolicyStatement(
                sid="WriteReplicas",
                effect=iam.Effect.ALLOW,
                actions=["s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags"],
                resources=[
                    "arn:" + cdk.Aws.PARTITION + ":s3:::" + settings.project_name + "-compliance-archive-" + cdk.Aws.ACCOUNT_ID + "/*",
                ],
            ),
            iam.PolicyStatement(
                sid="DecryptSourceObjects",
                effect=iam.Effect.ALLOW,
                actions=["kms:Decrypt"],
                resources=[backup_keys_key.key_arn],
            ),
            iam.PolicyStatement(
                sid="EncryptReplicas",
                effect=iam.Effect.ALLOW,
                actions=["kms:Encrypt", "kms:GenerateDataKey"],
                resources=[
                    "arn:" + cdk.Aws.PARTITION + ":kms:" + settings.dr_region + ":" + cdk.Aws.ACCOUNT_ID + ":key/*",
                ],
                conditions={
                    "ForAnyValue:StringEquals": {
                        "kms:ResourceAliases": "alias/" + settings.project_name + "/dr",
                    },
                },
            ),
            iam.PolicyStatement(
                sid="WriteAccountReplicas",
                effect=iam.Effect.ALLOW,
                actions=[
                    "s3:ReplicateObject",
                    "s3:ReplicateDelete",
                    "s3:ReplicateTags",
                    "s3:ObjectOwnerOverrideToBucketOwner",
                ],
                resources=[
                    "arn:" + cdk.Aws.PARTITION + ":s3:::" + settings.project_name + "-compliance-archive-" + settings.backup_account_id + "/*",
                ],
            ),
            iam.PolicyStatement(
                sid="EncryptAccountReplicas",
                effect=iam.Effect.ALLOW,
                actions=["kms:Encrypt", "kms:GenerateDataKey"],
                resources=[
                    "arn:" + cdk.Aws.PARTITION + ":kms:" + settings.backup_account_region + ":" + settings.backup_account_id + ":key/*",
                ],
                conditions={
                    "ForAnyValue:StringEquals": {
                        "kms:ResourceAliases": "alias/" + settings.project_name + "/backup-account",
                    },
                },
            ),
        ]
        compliance_archive_replication_role_policy = iam.Policy(
            self,
            "ComplianceArchiveReplicationRolePolicy",
            roles=[compliance_archive_replication_role],
            statements=compliance_archive_replication_role_statements,
        )
        helpers.acknowledge_wildcards(
            compliance_archive_replication_role_policy,
            compliance_archive_replication_role_statements,
            [
                "",
                "replication reads and writes every object version of the bucket: the grant is limited to that bucket's objects",
                "replication reads and writes every object version of the bucket: the grant is limited to that bucket's objects",
                "",
                "the DR key is in another region and stack, so its id is unknown here; the kms:ResourceAliases condition limits the grant to the key with the DR alias",
                "replication reads and writes every object version of the bucket: the grant is limited to that bucket's objects",
                "the backup account's key is in another account and stack, so its id is unknown here; the kms:ResourceAliases condition limits the grant to the key with the backup-account alias",
            ],
        )
