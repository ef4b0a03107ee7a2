"""Primary stack (us-east-1) of the drplan export of plan Database backup module: RDS snapshots to S3."""

import os

import aws_cdk as cdk
from aws_cdk import aws_cloudwatch as cloudwatch
from aws_cdk import aws_cloudwatch_actions as cw_actions
from aws_cdk import aws_events as events
from aws_cdk import aws_events_targets as targets
from aws_cdk import aws_iam as iam
from aws_cdk import aws_kms as kms
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_logs as logs
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
        # component backup-key
        backup_key_key = kms.Key(
            self,
            "BackupKeyKey",
            description="drplan: customer-managed key 1 of 1 (component backup-key)",
            enable_key_rotation=True,
            removal_policy=cdk.RemovalPolicy.RETAIN,
        )
        backup_key_key.add_to_resource_policy(
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
        backup_key_key.add_to_resource_policy(
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

        # component backup-notifications
        backup_notifications_topic = sns.Topic(
            self,
            "BackupNotificationsTopic",
            master_key=backup_key_key,
            enforce_ssl=True,
        )
        backup_notifications_topic.add_subscription(
            subs.EmailSubscription(settings.notification_email),
        )
        backup_notifications_topic.add_to_resource_policy(
            iam.PolicyStatement(
                sid="AllowPublish1",
                effect=iam.Effect.ALLOW,
                actions=["sns:Publish"],
                resources=[backup_notifications_topic.topic_arn],
                principals=[iam.ServicePrincipal("cloudwatch.amazonaws.com")],
                conditions={
                    "ArnLike": {
                        "aws:SourceArn": "arn:" + cdk.Aws.PARTITION + ":cloudwatch:" + self.region + ":" + cdk.Aws.ACCOUNT_ID + ":alarm:*",
                    },
                },
            ),
        )

        # component db-backups
        db_backups_bucket = s3.Bucket(
            self,
            "DbBackupsBucket",
            bucket_name=settings.s3_bucket_name or None,
            encryption=s3.BucketEncryption.KMS,
            encryption_key=backup_key_key,
            bucket_key_enabled=True,
            versioned=True,
            block_public_access=s3.BlockPublicAccess.BLOCK_ALL,
            object_ownership=s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
            enforce_ssl=True,
            server_access_logs_bucket=access_logs,
            server_access_logs_prefix="db-backups/",
            lifecycle_rules=[
                s3.LifecycleRule(
                    id="drplan-lifecycle",
                    enabled=True,
                    transitions=[
                        s3.Transition(
                            storage_class=s3.StorageClass.INFREQUENT_ACCESS,
                            transition_after=cdk.Duration.days(30),
                        ),
                        s3.Transition(
                            storage_class=s3.StorageClass.GLACIER,
                            transition_after=cdk.Duration.days(90),
                        ),
                        s3.Transition(
                            storage_class=s3.StorageClass.DEEP_ARCHIVE,
                            transition_after=cdk.Duration.days(365),
                        ),
                    ],
                    expiration=cdk.Duration.days(2555),
                    noncurrent_version_expiration=cdk.Duration.days(30),
                    abort_incomplete_multipart_upload_after=cdk.Duration.days(7),
                ),
            ],
            removal_policy=cdk.RemovalPolicy.RETAIN,
        )

        # component backup-lambda
        backup_lambda_logs = logs.LogGroup(
            self,
            "BackupLambdaLogs",
            log_group_name="/drplan/" + settings.project_name + "/backup-lambda",
            retention=logs.RetentionDays.ONE_MONTH,
            encryption_key=backup_key_key,
            removal_policy=cdk.RemovalPolicy.RETAIN,
        )
        helpers.default_child(backup_lambda_logs).add_property_override(
            "RetentionInDays",
            settings.log_retention_days,
        )
        backup_lambda_export_role_statements = [
            iam.PolicyStatement(
                sid="ListExportBucket",
                effect=iam.Effect.ALLOW,
                actions=["s3:ListBucket", "s3:GetBucketLocation"],
                resources=[db_backups_bucket.bucket_arn],
            ),
            iam.PolicyStatement(
                sid="WriteExports",
                effect=iam.Effect.ALLOW,
                actions=[
                    "s3:PutObject",
                    "s3:GetObject",
                    "s3:AbortMultipartUpload",
                    "s3:DeleteObject",
                ],
                resources=[db_backups_bucket.bucket_arn + "/rds-exports/*"],
            ),
            iam.PolicyStatement(
                sid="EncryptExports",
                effect=iam.Effect.ALLOW,
                actions=["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey", "kms:DescribeKey"],
                resources=[backup_key_key.key_arn],
            ),
        ]
        backup_lambda_export_role = iam.Role(
            self,
            "BackupLambdaExportRole",
            assumed_by=iam.ServicePrincipal("export.rds.amazonaws.com"),
            description="RDS snapshot export to S3 for component backup-lambda",
            inline_policies={
                "permissions": iam.PolicyDocument(statements=backup_lambda_export_role_statements),
            },
        )
        helpers.acknowledge_wildcards(
            backup_lambda_export_role,
            backup_lambda_export_role_statements,
            [
                "",
                "export file names are chosen by RDS at run time; the grant is limited to the rds-exports/ prefix of one bucket",
                "",
            ],
        )
        backup_lambda_role_statements = [
            iam.PolicyStatement(
                sid="WriteOwnLogs",
                effect=iam.Effect.ALLOW,
                actions=["logs:CreateLogStream", "logs:PutLogEvents"],
                resources=[backup_lambda_logs.log_group_arn],
            ),
            iam.PolicyStatement(
                sid="ReadEncryptedEnvironment",
                effect=iam.Effect.ALLOW,
                actions=["kms:Decrypt"],
                resources=[backup_key_key.key_arn],
            ),
            iam.PolicyStatement(
                sid="DescribeSnapshots",
                effect=iam.Effect.ALLOW,
                actions=[
                    "rds:DescribeDBSnapshots",
                    "rds:DescribeDBClusterSnapshots",
                    "rds:DescribeExportTasks",
                    "rds:DescribeDBInstances",
                ],
                resources=["*"],
            ),
            iam.PolicyStatement(
                sid="UseDrKeyForCopies",
                effect=iam.Effect.ALLOW,
                actions=["kms:CreateGrant", "kms:DescribeKey"],
                resources=[
                    "arn:" + cdk.Aws.PARTITION + ":kms:" + settings.cross_region_destination + ":" + cdk.Aws.ACCOUNT_ID + ":key/*",
                ],
                conditions={
                    "ForAnyValue:StringEquals": {
                        "kms:ResourceAliases": "alias/" + settings.project_name + "/dr",
                    },
                },
            ),
            iam.PolicyStatement(
                sid="UseSourceKeysThroughRds",
                effect=iam.Effect.ALLOW,
                actions=["kms:CreateGrant", "kms:DescribeKey"],
                resources=[
                    "arn:" + cdk.Aws.PARTITION + ":kms:" + self.region + ":" + cdk.Aws.ACCOUNT_ID + ":key/*",
                ],
                conditions={
                    "StringEquals": {"kms:ViaService": "rds." + self.region + ".amazonaws.com"},
                },
            ),
            iam.PolicyStatement(
                sid="PassExportRole",
                effect=iam.Effect.ALLOW,
                actions=["iam:PassRole"],
                resources=[backup_lambda_export_role.role_arn],
                conditions={"StringEquals": {"iam:PassedToService": "export.rds.amazonaws.com"}},
            ),
            iam.PolicyStatement(
                sid="UseExportKey",
                effect=iam.Effect.ALLOW,
                actions=["kms:CreateGrant", "kms:DescribeKey"],
                resources=[backup_key_key.key_arn],
            ),
            iam.PolicyStatement(
                sid="PublishBackupMetrics",
                effect=iam.Effect.ALLOW,
                actions=["cloudwatch:PutMetricData"],
                resources=["*"],
                conditions={
                    "StringEquals": {"cloudwatch:namespace": "CustomMetrics/DatabaseBackup"},
                },
            ),
            iam.PolicyStatement(
                sid="NotifyFailures",
                effect=iam.Effect.ALLOW,
                actions=["sns:Publish"],
                resources=[backup_notifications_topic.topic_arn],
            ),
            iam.PolicyStatement(
                sid="EncryptNotifications",
                effect=iam.Effect.ALLOW,
                actions=["kms:GenerateDataKey", "kms:Decrypt"],
                resources=[backup_key_key.key_arn],
            ),
        ]
        backup_lambda_role = iam.Role(
            self,
            "BackupLambdaRole",
            assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"),
            description="Execution role of backup function backup-lambda",
            inline_policies={
                "permissions": iam.PolicyDocument(statements=backup_lambda_role_statements),
            },
        )
        helpers.acknowledge_wildcards(
            backup_lambda_role,
            backup_lambda_role_statements,
            [
                "log streams are created at run time; the grant is limited to the function's own log group",
                "",
                "RDS describe calls are read-only and are authorised against every snapshot and instance of the account",
                "the DR key lives in another stack and region; the kms:ResourceAliases condition limits the grant to the key with the DR alias",
                "existing databases use keys this bundle does not know; the grant only works through RDS (kms:ViaService)",
                "",
                "",
                "PutMetricData has no resource type; the cloudwatch:namespace condition limits it to the backup metrics",
                "",
                "",
            ],
        )
        for list_item in settings.rds_instance_ids:
            backup_lambda_rds_instance_ids_policy_statements = [
                iam.PolicyStatement(
                    sid="SnapshotInstance",
                    effect=iam.Effect.ALLOW,
                    actions=["rds:CreateDBSnapshot", "rds:AddTagsToResource"],
                    resources=[
                        "arn:" + cdk.Aws.PARTITION + ":rds:" + self.region + ":" + cdk.Aws.ACCOUNT_ID + ":snapshot:drplan-" + list_item + "-*",
                        "arn:" + cdk.Aws.PARTITION + ":rds:" + self.region + ":" + cdk.Aws.ACCOUNT_ID + ":db:" + list_item,
                    ],
                ),
                iam.PolicyStatement(
                    sid="CopyToDr",
                    effect=iam.Effect.ALLOW,
                    actions=["rds:CopyDBSnapshot", "rds:AddTagsToResource"],
                    resources=[
                        "arn:" + cdk.Aws.PARTITION + ":rds:" + self.region + ":" + cdk.Aws.ACCOUNT_ID + ":snapshot:drplan-" + list_item + "-*",
                        "arn:" + cdk.Aws.PARTITION + ":rds:" + settings.cross_region_destination + ":" + cdk.Aws.ACCOUNT_ID + ":snapshot:drplan-" + list_item + "-*",
                    ],
                ),
                iam.PolicyStatement(
                    sid="DeleteExpired",
                    effect=iam.Effect.ALLOW,
                    actions=["rds:DeleteDBSnapshot"],
                    resources=[
                        "arn:" + cdk.Aws.PARTITION + ":rds:" + self.region + ":" + cdk.Aws.ACCOUNT_ID + ":snapshot:drplan-" + list_item + "-*",
                        "arn:" + cdk.Aws.PARTITION + ":rds:" + settings.cross_region_destination + ":" + cdk.Aws.ACCOUNT_ID + ":snapshot:drplan-" + list_item + "-*",
                    ],
                ),
                iam.PolicyStatement(
                    sid="Export",
                    effect=iam.Effect.ALLOW,
                    actions=["rds:StartExportTask"],
                    resources=[
                        "arn:" + cdk.Aws.PARTITION + ":rds:" + self.region + ":" + cdk.Aws.ACCOUNT_ID + ":snapshot:drplan-" + list_item + "-*",
                    ],
                ),
            ]
            backup_lambda_rds_instance_ids_policy = iam.Policy(
                self,
                "BackupLambdaRdsInstanceIdsPolicy" + list_item,
                roles=[backup_lambda_role],
                statements=backup_lambda_rds_instance_ids_policy_statements,
            )
            helpers.acknowledge_wildcards(
                backup_lambda_rds_instance_ids_policy,
                backup_lambda_rds_instance_ids_policy_statements,
                [
                    "snapshot names carry a timestamp: the grant covers this function's drplan-<instance>- snapshots only",
                    "copies keep the snapshot's timestamped name: the grant covers this function's drplan-<instance>- snapshots only",
                    "cleanup deletes only this function's drplan-<instance>- snapshots, whose names carry a timestamp",
                    "exports start from this function's drplan-<instance>- snapshots, whose names carry a timestamp",
                ],
            )
        backup_lambda_function = lambda_.Function(
            self,
            "BackupLambdaFunction",
            function_name=settings.project_name + "-" + settings.environment + "-backup-lambda",
            description="drplan backup orchestration (snapshot,export,cleanup,verify) for component backup-lambda",
            runtime=lambda_.Runtime(settings.lambda_runtime, lambda_.RuntimeFamily.PYTHON),
            handler="handler.handler",
            code=lambda_.Code.from_asset(os.path.join(BUNDLE_DIR, "lambda", "backup")),
            memory_size=settings.lambda_memory_size,
            timeout=cdk.Duration.seconds(settings.lambda_timeout),
            architecture=lambda_.Architecture.X86_64,
            role=backup_lambda_role.without_policy_updates(),
            log_group=backup_lambda_logs,
            environment={
                "TASKS": "snapshot,export,cleanup,verify",
                "METRIC_NAMESPACE": "CustomMetrics/DatabaseBackup",
                "SNAPSHOT_PREFIX": "drplan",
                "TARGETS": "[{\"copy_to_dr\":true,\"env\":\"RDS_INSTANCE_IDS\",\"export\":true,\"id\":\"rds_instance_ids\",\"kind\":\"rds\",\"list\":true,\"retention_days\":null}]",
                "RETENTION_DAYS": str(settings.backup_retention_days),
                "COPY_TO_DR": settings.enable_cross_region_copy,
                "DR_REGION": settings.cross_region_destination,
                "DR_KMS_KEY_ARN": "arn:" + cdk.Aws.PARTITION + ":kms:" + settings.cross_region_destination + ":" + cdk.Aws.ACCOUNT_ID + ":alias/" + settings.project_name + "/dr",
                "EXPORT_BUCKET": db_backups_bucket.bucket_name,
                "EXPORT_ROLE_ARN": backup_lambda_export_role.role_arn,
                "EXPORT_KMS_KEY_ARN": backup_key_key.key_arn,
                "NOTIFY_TOPIC_ARN": backup_notifications_topic.topic_arn,
                "BACKUP_WINDOW": settings.backup_window,
                "DETAILED_METRICS": settings.enable_detailed_monitoring,
                "SLACK_WEBHOOK_PARAMETER": "",
                "RDS_INSTANCE_IDS": helpers.join_list(settings.rds_instance_ids),
            },
            environment_encryption=backup_key_key,
            reserved_concurrent_executions=settings.lambda_reserved_concurrency or None,
            dead_letter_topic=backup_notifications_topic,
        )
        # CDK makes the function depend on its role explicitly, on top of the Role reference; cfn-lint W3005 notes the
        # duplicate, which is harmless.
        helpers.cfn_lint_ignore(backup_lambda_function, ["W3005"])

        # component daily-backup
        daily_backup_schedule = events.Rule(
            self,
            "DailyBackupSchedule",
            description="drplan: runs backup-lambda-function on the backup_schedule setting",
            schedule=events.Schedule.expression(settings.backup_schedule),
            targets=[
                targets.LambdaFunction(
                    backup_lambda_function,
                    event=events.RuleTargetInput.from_object({"backup_type": "daily"}),
                ),
            ],
        )

        # component backup-monitoring
        backup_monitoring_backup_failure_alarm = cloudwatch.Alarm(
            self,
            "BackupMonitoringBackupFailureAlarm",
            alarm_name=settings.project_name + "-" + settings.environment + "-backup-failure",
            alarm_description="drplan: alarm backup-failure of component backup-monitoring",
            metric=cloudwatch.Metric(
                namespace="CustomMetrics/DatabaseBackup",
                metric_name="BackupFailure",
                statistic="Sum",
                period=cdk.Duration.seconds(300),
            ),
            threshold=0,
            evaluation_periods=1,
            comparison_operator=cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
            treat_missing_data=cloudwatch.TreatMissingData.NOT_BREACHING,
        )
        backup_monitoring_backup_failure_alarm.add_alarm_action(
            cw_actions.SnsAction(backup_notifications_topic),
        )
        backup_monitoring_snapshot_age_alarm = cloudwatch.Alarm(
            self,
            "BackupMonitoringSnapshotAgeAlarm",
            alarm_name=settings.project_name + "-" + settings.environment + "-snapshot-age",
            alarm_description="drplan: alarm snapshot-age of component backup-monitoring",
            metric=cloudwatch.Metric(
                namespace="CustomMetrics/DatabaseBackup",
                metric_name="SnapshotAge",
                statistic="Maximum",
                period=cdk.Duration.seconds(3600),
            ),
            threshold=26,
            evaluation_periods=1,
            comparison_operator=cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
            treat_missing_data=cloudwatch.TreatMissingData.BREACHING,
        )
        backup_monitoring_snapshot_age_alarm.add_alarm_action(
            cw_actions.SnsAction(backup_notifications_topic),
        )
        backup_monitoring_dashboard = cloudwatch.Dashboard(
            self,
            "BackupMonitoringDashboard",
            dashboard_name=settings.project_name + "-" + settings.environment + "-backup-monitoring",
            widgets=[
                [
                    cloudwatch.GraphWidget(
                        title="Backup metrics",
                        left=[
                            cloudwatch.Metric(
                                namespace="CustomMetrics/DatabaseBackup",
                                metric_name="BackupSuccess",
                                statistic="Sum",
                                period=cdk.Duration.seconds(300),
                            ),
                            cloudwatch.Metric(
                                namespace="CustomMetrics/DatabaseBackup",
                                metric_name="BackupFailure",
                                statistic="Sum",
                                period=cdk.Duration.seconds(300),
                            ),
                            cloudwatch.Metric(
                                namespace="CustomMetrics/DatabaseBackup",
                                metric_name="BackupDuration",
                                statistic="Sum",
                                period=cdk.Duration.seconds(300),
                            ),
                            cloudwatch.Metric(
                                namespace="CustomMetrics/DatabaseBackup",
                                metric_name="SnapshotAge",
                                statistic="Sum",
                                period=cdk.Duration.seconds(300),
                            ),
                        ],
                        width=12,
                        height=6,
                    ),
                    cloudwatch.GraphWidget(
                        title="backup-failure",
                        left=[
                            cloudwatch.Metric(
                                namespace="CustomMetrics/DatabaseBackup",
                                metric_name="BackupFailure",
                                statistic="Sum",
                                period=cdk.Duration.seconds(300),
                            ),
                        ],
                        width=12,
                        height=6,
                    ),
                ],
                [
                    cloudwatch.GraphWidget(
                        title="snapshot-age",
                        left=[
                            cloudwatch.Metric(
                                namespace="CustomMetrics/DatabaseBackup",
                                metric_name="SnapshotAge",
                                statistic="Maximum",
                                period=cdk.Duration.seconds(3600),
                            ),
                        ],
                        width=12,
                        height=6,
                    ),
                ],
            ],
        )

        cdk.CfnOutput(
            self,
            "KmsKeyIdOutput",
            value=backup_key_key.key_id,
            description="Id of KMS key backup-key-key",
        )
        cdk.CfnOutput(
            self,
            "KmsKeyArnOutput",
            value=backup_key_key.key_arn,
            description="ARN of KMS key backup-key-key",
        )
        cdk.CfnOutput(
            self,
            "SnsTopicArnOutput",
            value=backup_notifications_topic.topic_arn,
            description="ARN of the SNS topic of component backup-notifications",
        )
        cdk.CfnOutput(
            self,
            "SnsTopicNameOutput",
            value=backup_notifications_topic.topic_name,
            description="Name of the SNS topic of component backup-notifications",
        )
        cdk.CfnOutput(
            self,
            "S3BucketNameOutput",
            value=db_backups_bucket.bucket_name,
            description="Name of the S3 bucket of component db-backups",
        )
        cdk.CfnOutput(
            self,
            "S3BucketArnOutput",
            value=db_backups_bucket.bucket_arn,
            description="ARN of the S3 bucket of component db-backups",
        )
        cdk.CfnOutput(
            self,
            "LambdaFunctionNameOutput",
            value=backup_lambda_function.function_name,
            description="Name of the backup function of component backup-lambda",
        )
        cdk.CfnOutput(
            self,
            "LambdaFunctionArnOutput",
            value=backup_lambda_function.function_arn,
            description="ARN of the backup function of component backup-lambda",
        )
        cdk.CfnOutput(
            self,
            "LambdaRoleArnOutput",
            value=backup_lambda_role.role_arn,
            description="ARN of the execution role of component backup-lambda",
        )
        cdk.CfnOutput(
            self,
            "CloudwatchLogGroupNameOutput",
            value=backup_lambda_logs.log_group_name,
            description="Log group of component backup-lambda",
        )
        cdk.CfnOutput(
            self,
            "CloudwatchLogGroupArnOutput",
            value=backup_lambda_logs.log_group_arn,
            description="ARN of the log group of component backup-lambda",
        )
        cdk.CfnOutput(
            self,
            "BackupMonitoringDashboardNameOutput",
            value=backup_monitoring_dashboard.dashboard_name,
            description="Name of CloudWatch dashboard 1 of component backup-monitoring",
        )
        cdk.CfnOutput(
            self,
            "S3BucketRegionOutput",
            value=self.region,
            description="Region of the primary stack",
        )
