"""Primary stack (us-east-1) of the drplan export of plan S3 and Glacier backup with CDK."""

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
        export_key = kms.Key(
            self,
            "ExportKey",
            description="drplan: key for topics, logs and backups",
            enable_key_rotation=True,
            removal_policy=cdk.RemovalPolicy.RETAIN,
        )
        export_key.add_to_resource_policy(
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
        export_key.add_to_resource_policy(
            iam.PolicyStatement(
                sid="AllowPublishFromCloudwatch",
                effect=iam.Effect.ALLOW,
                actions=["kms:GenerateDataKey*", "kms:Decrypt"],
                resources=["*"],
                principals=[iam.ServicePrincipal("cloudwatch.amazonaws.com")],
            ),
        )
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

        # component backup-alerts
        backup_alerts_topic = sns.Topic(
            self,
            "BackupAlertsTopic",
            master_key=export_key,
            enforce_ssl=True,
        )
        backup_alerts_topic.add_subscription(subs.EmailSubscription(settings.notification_email))
        backup_alerts_topic.add_to_resource_policy(
            iam.PolicyStatement(
                sid="AllowPublish1",
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

        # component backup-bucket
        backup_bucket_replication_role = iam.Role(
            self,
            "BackupBucketReplicationRole",
            assumed_by=iam.ServicePrincipal("s3.amazonaws.com"),
            description="S3 replication of component backup-bucket to the DR region",
        )
        backup_bucket_bucket = s3.Bucket(
            self,
            "BackupBucketBucket",
            encryption=s3.BucketEncryption.S3_MANAGED,
            versioned=True,
            block_public_access=s3.BlockPublicAccess.BLOCK_ALL,
            object_ownership=s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
            enforce_ssl=True,
            server_access_logs_bucket=access_logs,
            server_access_logs_prefix="backup-bucket/",
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
                    noncurrent_version_expiration=cdk.Duration.days(settings.backup_retention_days),
                    abort_incomplete_multipart_upload_after=cdk.Duration.days(7),
                ),
            ],
            replication_role=backup_bucket_replication_role.without_policy_updates(),
            replication_rules=[
                s3.ReplicationRule(
                    id="drplan-replication",
                    priority=1,
                    destination=s3.Bucket.from_bucket_arn(
                        self,
                        "BackupBucketBucketReplicaDestination",
                        "arn:" + cdk.Aws.PARTITION + ":s3:::" + settings.project_name + "-backup-bucket-" + cdk.Aws.ACCOUNT_ID,
                    ),
                    storage_class=s3.StorageClass.INFREQUENT_ACCESS,
                    delete_marker_replication=False,
                ),
            ],
            removal_policy=cdk.RemovalPolicy.RETAIN,
        )

        # component backup-orchestrator
        backup_orchestrator_logs = logs.LogGroup(
            self,
            "BackupOrchestratorLogs",
            log_group_name="/drplan/" + settings.project_name + "/backup-orchestrator",
            retention=logs.RetentionDays.ONE_MONTH,
            encryption_key=export_key,
            removal_policy=cdk.RemovalPolicy.RETAIN,
        )
        backup_orchestrator_role_statements = [
            iam.PolicyStatement(
                sid="WriteOwnLogs",
                effect=iam.Effect.ALLOW,
                actions=["logs:CreateLogStream", "logs:PutLogEvents"],
                resources=[backup_orchestrator_logs.log_group_arn],
            ),
            iam.PolicyStatement(
                sid="ReadEncryptedEnvironment",
                effect=iam.Effect.ALLOW,
                actions=["kms:Decrypt"],
                resources=[export_key.key_arn],
            ),
            iam.PolicyStatement(
                sid="ListCopiesBackupBucket",
                effect=iam.Effect.ALLOW,
                actions=["s3:ListBucket"],
                resources=[backup_bucket_bucket.bucket_arn],
            ),
            iam.PolicyStatement(
                sid="WriteCopiesBackupBucket",
                effect=iam.Effect.ALLOW,
                actions=[
                    "s3:PutObject",
                    "s3:PutObjectTagging",
                    "s3:GetObject",
                    "s3:AbortMultipartUpload",
                ],
                resources=[backup_bucket_bucket.bucket_arn + "/*"],
            ),
            iam.PolicyStatement(
                sid="VerifyBackupBucket",
                effect=iam.Effect.ALLOW,
                actions=["s3:GetBucketVersioning", "s3:GetReplicationConfiguration"],
                resources=[backup_bucket_bucket.bucket_arn],
            ),
            iam.PolicyStatement(
                sid="ListSource",
                effect=iam.Effect.ALLOW,
                actions=["s3:ListBucket"],
                resources=["arn:" + cdk.Aws.PARTITION + ":s3:::" + settings.source_bucket_name],
            ),
            iam.PolicyStatement(
                sid="ReadSource",
                effect=iam.Effect.ALLOW,
                actions=["s3:GetObject", "s3:GetObjectTagging"],
                resources=[
                    "arn:" + cdk.Aws.PARTITION + ":s3:::" + settings.source_bucket_name + "/*",
                ],
            ),
            iam.PolicyStatement(
                sid="ContinueLongCopies",
                effect=iam.Effect.ALLOW,
                actions=["lambda:InvokeFunction"],
                resources=[
                    "arn:" + cdk.Aws.PARTITION + ":lambda:" + self.region + ":" + cdk.Aws.ACCOUNT_ID + ":function:" + settings.project_name + "-backup-orchestrator",
                ],
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
                resources=[backup_alerts_topic.topic_arn],
            ),
            iam.PolicyStatement(
                sid="EncryptNotifications",
                effect=iam.Effect.ALLOW,
                actions=["kms:GenerateDataKey", "kms:Decrypt"],
                resources=[export_key.key_arn],
            ),
        ]
        backup_orchestrator_role = iam.Role(
            self,
            "BackupOrchestratorRole",
            assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"),
            description="Execution role of backup function backup-orchestrator",
            inline_policies={
                "permissions": iam.PolicyDocument(statements=backup_orchestrator_role_statements),
            },
        )
        helpers.acknowledge_wildcards(
            backup_orchestrator_role,
            backup_orchestrator_role_statements,
            [
                "log streams are created at run time; the grant is limited to the function's own log group",
                "",
                "",
                "copies keep the source's keys, which are known only at run time; the grant covers one bucket",
                "",
                "",
                "manual runs may name any prefix of the source bucket; the grant is read-only and covers one bucket",
                "",
                "PutMetricData has no resource type; the cloudwatch:namespace condition limits it to the backup metrics",
                "",
                "",
            ],
        )
        backup_orchestrator_function = lambda_.Function(
            self,
            "BackupOrchestratorFunction",
            function_name=settings.project_name + "-backup-orchestrator",
            description="drplan backup orchestration (copy,verify) for component backup-orchestrator",
            runtime=lambda_.Runtime.PYTHON_3_14,
            handler="handler.handler",
            code=lambda_.Code.from_asset(os.path.join(BUNDLE_DIR, "lambda", "backup")),
            memory_size=256,
            timeout=cdk.Duration.seconds(300),
            architecture=lambda_.Architecture.X86_64,
            role=backup_orchestrator_role.without_policy_updates(),
            log_group=backup_orchestrator_logs,
            environment={
                "TASKS": "copy,verify",
                "METRIC_NAMESPACE": "CustomMetrics/DatabaseBackup",
                "SNAPSHOT_PREFIX": "drplan",
                "TARGETS": "[{\"copy\":true,\"env\":\"TARGET_BACKUP_BUCKET\",\"id\":\"backup-bucket\",\"kind\":\"s3\",\"replication\":true}]",
                "COPY_SOURCE_BUCKET": settings.source_bucket_name,
                "COPY_SOURCE_PREFIX": "",
                "NOTIFY_ON_SUCCESS": "true",
                "NOTIFY_TOPIC_ARN": backup_alerts_topic.topic_arn,
                "TARGET_BACKUP_BUCKET": backup_bucket_bucket.bucket_name,
            },
            environment_encryption=export_key,
            dead_letter_topic=backup_alerts_topic,
        )
        # CDK makes the function depend on its role explicitly, on top of the Role reference; cfn-lint W3005 notes the
        # duplicate, which is harmless.
        helpers.cfn_lint_ignore(backup_orchestrator_function, ["W3005"])

        # component daily-backup
        daily_backup_schedule = events.Rule(
            self,
            "DailyBackupSchedule",
            description="drplan: runs backup-orchestrator-function on the backup_schedule setting",
            schedule=events.Schedule.expression(settings.backup_schedule),
            targets=[
                targets.LambdaFunction(
                    backup_orchestrator_function,
                    event=events.RuleTargetInput.from_object({"backup_type": "incremental"}),
                ),
            ],
        )

        # component weekly-backup
        weekly_backup_schedule = events.Rule(
            self,
            "WeeklyBackupSchedule",
            description="drplan: runs backup-orchestrator-function on cron(0 1 ? * SUN *)",
            schedule=events.Schedule.expression("cron(0 1 ? * SUN *)"),
            targets=[
                targets.LambdaFunction(
                    backup_orchestrator_function,
                    event=events.RuleTargetInput.from_object({"backup_type": "full"}),
                ),
            ],
        )

        # component backup-monitoring
        backup_monitoring_backup_failure_alarm = cloudwatch.Alarm(
            self,
            "BackupMonitoringBackupFailureAlarm",
            alarm_name=settings.project_name + "-backup-failure",
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
            cw_actions.SnsAction(backup_alerts_topic),
        )
        backup_monitoring_orchestrator_errors_alarm = cloudwatch.Alarm(
            self,
            "BackupMonitoringOrchestratorErrorsAlarm",
            alarm_name=settings.project_name + "-orchestrator-errors",
            alarm_description="drplan: alarm orchestrator-errors of component backup-monitoring",
            metric=cloudwatch.Metric(
                namespace="AWS/Lambda",
                metric_name="Errors",
                statistic="Sum",
                period=cdk.Duration.seconds(300),
                dimensions_map={"FunctionName": backup_orchestrator_function.function_name},
            ),
            threshold=0,
            evaluation_periods=1,
            comparison_operator=cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
            treat_missing_data=cloudwatch.TreatMissingData.NOT_BREACHING,
        )
        backup_monitoring_orchestrator_errors_alarm.add_alarm_action(
            cw_actions.SnsAction(backup_alerts_topic),
        )
        backup_monitoring_dashboard = cloudwatch.Dashboard(
            self,
            "BackupMonitoringDashboard",
            dashboard_name=settings.project_name + "-backup-monitoring",
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
                        title="orchestrator-errors",
                        left=[
                            cloudwatch.Metric(
                                namespace="AWS/Lambda",
                                metric_name="Errors",
                                statistic="Sum",
                                period=cdk.Duration.seconds(300),
                                dimensions_map={
                                    "FunctionName": backup_orchestrator_function.function_name,
                                },
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
            "BackupBucketBucketNameOutput",
            value=backup_bucket_bucket.bucket_name,
            description="Name of the S3 bucket of component backup-bucket",
        )
        cdk.CfnOutput(
            self,
            "BackupBucketBucketArnOutput",
            value=backup_bucket_bucket.bucket_arn,
            description="ARN of the S3 bucket of component backup-bucket",
        )
        cdk.CfnOutput(
            self,
            "BackupOrchestratorFunctionNameOutput",
            value=backup_orchestrator_function.function_name,
            description="Name of the backup function of component backup-orchestrator",
        )
        cdk.CfnOutput(
            self,
            "BackupOrchestratorFunctionArnOutput",
            value=backup_orchestrator_function.function_arn,
            description="ARN of the backup function of component backup-orchestrator",
        )
        cdk.CfnOutput(
            self,
            "BackupOrchestratorRoleArnOutput",
            value=backup_orchestrator_role.role_arn,
            description="ARN of the execution role of component backup-orchestrator",
        )
        cdk.CfnOutput(
            self,
            "BackupOrchestratorLogGroupNameOutput",
            value=backup_orchestrator_logs.log_group_name,
            description="Log group of component backup-orchestrator",
        )
        cdk.CfnOutput(
            self,
            "BackupOrchestratorLogGroupArnOutput",
            value=backup_orchestrator_logs.log_group_arn,
            description="ARN of the log group of component backup-orchestrator",
        )
        cdk.CfnOutput(
            self,
            "BackupMonitoringDashboardNameOutput",
            value=backup_monitoring_dashboard.dashboard_name,
            description="Name of CloudWatch dashboard 1 of component backup-monitoring",
        )
        backup_bucket_replication_role_statements = [
            iam.PolicyStatement(
                sid="ReadReplicationConfiguration",
                effect=iam.Effect.ALLOW,
                actions=["s3:GetReplicationConfiguration", "s3:ListBucket"],
                resources=[backup_bucket_bucket.bucket_arn],
            ),
            iam.PolicyStatement(
                sid="ReadSourceVersions",
                effect=iam.Effect.ALLOW,
                actions=[
                    "s3:GetObjectVersionForReplication",
                    "s3:GetObjectVersionAcl",
                    "s3:GetObjectVersionTagging",
                ],
                resources=[backup_bucket_bucket.bucket_arn + "/*"],
            ),
            iam.PolicyStatement(
                sid="WriteReplicas",
                effect=iam.Effect.ALLOW,
                actions=["s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags"],
                resources=[
                    "arn:" + cdk.Aws.PARTITION + ":s3:::" + settings.project_name + "-backup-bucket-" + cdk.Aws.ACCOUNT_ID + "/*",
                ],
            ),
        ]
        backup_bucket_replication_role_policy = iam.Policy(
            self,
            "BackupBucketReplicationRolePolicy",
            roles=[backup_bucket_replication_role],
            statements=backup_bucket_replication_role_statements,
        )
        helpers.acknowledge_wildcards(
            backup_bucket_replication_role_policy,
            backup_bucket_replication_role_statements,
            [
                "",
                "replication reads and writes every object version of the bucket: the grant is limited to that bucket's objects",
                "replication reads and writes every object version of the bucket: the grant is limited to that bucket's objects",
            ],
        )
