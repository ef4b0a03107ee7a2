"""Primary stack (us-east-1) of the drplan export of plan Feature: restore-testing."""

import os

import aws_cdk as cdk
from aws_cdk import aws_backup as backup
from aws_cdk import aws_cloudwatch as cloudwatch
from aws_cdk import aws_cloudwatch_actions as cw_actions
from aws_cdk import aws_dynamodb as dynamodb
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
                sid="AllowPublishFromEvents",
                effect=iam.Effect.ALLOW,
                actions=["kms:GenerateDataKey*", "kms:Decrypt"],
                resources=["*"],
                principals=[iam.ServicePrincipal("events.amazonaws.com")],
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
        alerts_topic = sns.Topic(self, "AlertsTopic", master_key=export_key, enforce_ssl=True)
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

        # component assets
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
                    noncurrent_version_expiration=cdk.Duration.days(30),
                    abort_incomplete_multipart_upload_after=cdk.Duration.days(7),
                ),
            ],
            removal_policy=cdk.RemovalPolicy.RETAIN,
        )

        # component nightly
        nightly_vault = backup.BackupVault(
            self,
            "NightlyVault",
            backup_vault_name=settings.project_name + "-nightly",
            encryption_key=export_key,
            removal_policy=cdk.RemovalPolicy.RETAIN,
        )
        nightly_plan = backup.BackupPlan(
            self,
            "NightlyPlan",
            backup_plan_name=settings.project_name + "-nightly",
            backup_vault=nightly_vault,
            backup_plan_rules=[
                backup.BackupPlanRule(
                    rule_name="daily",
                    schedule_expression=events.Schedule.expression("cron(0 3 * * ? *)"),
                    start_window=cdk.Duration.minutes(60),
                    completion_window=cdk.Duration.minutes(1440),
                    enable_continuous_backup=False,
                    delete_after=cdk.Duration.days(settings.backup_retention_days),
                ),
            ],
        )
        nightly_backup_role = iam.Role(
            self,
            "NightlyBackupRole",
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
        cdk.Validations.of(nightly_backup_role).acknowledge(
            cdk.Acknowledgment(
                id="AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup]",
                reason="AWS Backup's documented service-role policy: AWS scopes it to the resource types Backup supports and keeps it current",
            ),
        )
        cdk.Validations.of(nightly_backup_role).acknowledge(
            cdk.Acknowledgment(
                id="AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores]",
                reason="AWS Backup's documented service-role policy: AWS scopes it to the resource types Backup supports and keeps it current",
            ),
        )
        nightly_selection = nightly_plan.add_selection(
            "NightlySelection",
            resources=[backup.BackupResource.from_arn(orders_table.table_arn)],
            backup_selection_name="nightly-resources",
            role=nightly_backup_role.without_policy_updates(),
            disable_default_backup_policy=True,
        )
        nightly_job_events = events.Rule(
            self,
            "NightlyJobEvents",
            description="drplan: failed AWS Backup backup and copy jobs, to SNS",
            event_pattern=events.EventPattern(
                source=["aws.backup"],
                detail_type=["Backup Job State Change", "Copy Job State Change"],
                detail={"state": ["FAILED", "ABORTED", "EXPIRED"]},
            ),
            targets=[targets.SnsTopic(alerts_topic)],
        )

        # component orders
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
        weekly_restore_rt = backup.CfnRestoreTestingPlan(
            self,
            "WeeklyRestoreRt",
            restore_testing_plan_name=cdk.Fn.join(
                "_",
                cdk.Fn.split("-", settings.project_name + "-weekly-restore-rt"),
            ),
            schedule_expression="cron(0 6 ? * SUN *)",
            start_window_hours=24,
            recovery_point_selection=backup.CfnRestoreTestingPlan.RestoreTestingRecoveryPointSelectionProperty(
                algorithm="LATEST_WITHIN_WINDOW",
                include_vaults=[nightly_vault.backup_vault_arn],
                recovery_point_types=["SNAPSHOT"],
                selection_window_days=7,
            ),
        )
        weekly_restore_rt_selection = backup.CfnRestoreTestingSelection(
            self,
            "WeeklyRestoreRtSelection",
            restore_testing_plan_name=weekly_restore_rt.ref,
            restore_testing_selection_name="orders",
            protected_resource_type="DynamoDB",
            protected_resource_arns=[orders_table.table_arn],
            iam_role_arn=restore_test_role.role_arn,
            validation_window_hours=2,
        )
        weekly_restore_rt_duration_alarm = cloudwatch.Alarm(
            self,
            "WeeklyRestoreRtDurationAlarm",
            alarm_name=settings.project_name + "-weekly-restore-rt-duration",
            alarm_description="drplan: weekly restore test of orders took longer than the 175 min its RTO target leaves the restore",
            metric=cloudwatch.Metric(
                namespace="CustomMetrics/DatabaseBackup",
                metric_name="RestoreTestDurationMinutes",
                statistic="Maximum",
                period=cdk.Duration.seconds(3600),
                dimensions_map={"RestoreTestingPlan": weekly_restore_rt.ref},
            ),
            threshold=175,
            evaluation_periods=1,
            comparison_operator=cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
            treat_missing_data=cloudwatch.TreatMissingData.NOT_BREACHING,
        )
        weekly_restore_rt_duration_alarm.add_alarm_action(cw_actions.SnsAction(alerts_topic))
        weekly_restore_rt_failure_alarm = cloudwatch.Alarm(
            self,
            "WeeklyRestoreRtFailureAlarm",
            alarm_name=settings.project_name + "-weekly-restore-rt-failed",
            alarm_description="drplan: weekly restore test of orders failed or was aborted",
            metric=cloudwatch.Metric(
                namespace="CustomMetrics/DatabaseBackup",
                metric_name="RestoreTestFailures",
                statistic="Maximum",
                period=cdk.Duration.seconds(3600),
                dimensions_map={"RestoreTestingPlan": weekly_restore_rt.ref},
            ),
            threshold=0,
            evaluation_periods=1,
            comparison_operator=cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
            treat_missing_data=cloudwatch.TreatMissingData.NOT_BREACHING,
        )
        weekly_restore_rt_failure_alarm.add_alarm_action(cw_actions.SnsAction(alerts_topic))
        restore_tests_logs = logs.LogGroup(
            self,
            "RestoreTestsLogs",
            log_group_name="/drplan/" + settings.project_name + "/restore-tests",
            retention=logs.RetentionDays.ONE_YEAR,
            encryption_key=export_key,
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
                resources=[export_key.key_arn],
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
                resources=[export_key.key_arn],
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
                "RESTORE_TESTS": "{\"" + weekly_restore_rt.attr_restore_testing_plan_arn + "\":{\"plan\":\"" + weekly_restore_rt.ref + "\",\"budget_minutes\":175.0,\"component\":\"orders\"}}",
            },
            environment_encryption=export_key,
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
        cdk.CfnOutput(
            self,
            "NightlyVaultNameOutput",
            value=nightly_vault.backup_vault_name,
            description="Name of backup vault nightly-vault",
        )
