"""Primary stack (us-east-1) of the drplan export of plan Feature: cloudwatch."""

import os

import aws_cdk as cdk
from aws_cdk import aws_cloudwatch as cloudwatch
from aws_cdk import aws_cloudwatch_actions as cw_actions
from aws_cdk import aws_dynamodb as dynamodb
from aws_cdk import aws_iam as iam
from aws_cdk import aws_kms as kms
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
                sid="AllowPublishFromCloudwatch",
                effect=iam.Effect.ALLOW,
                actions=["kms:GenerateDataKey*", "kms:Decrypt"],
                resources=["*"],
                principals=[iam.ServicePrincipal("cloudwatch.amazonaws.com")],
            ),
        )

        # component alerts
        alerts_topic = sns.Topic(self, "AlertsTopic", master_key=export_key, enforce_ssl=True)
        alerts_topic.add_subscription(subs.EmailSubscription(settings.notification_email))
        alerts_topic.add_to_resource_policy(
            iam.PolicyStatement(
                sid="AllowPublish1",
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
                point_in_time_recovery_enabled=True,
                recovery_period_in_days=35,
            ),
            deletion_protection=True,
            removal_policy=cdk.RemovalPolicy.RETAIN,
        )
        cdk.Validations.of(orders_table).acknowledge(
            cdk.Acknowledgment(
                id="AwsSolutions-DDB4",
                reason="no AWS Backup plan protects this table in the plan; point-in-time recovery covers restores",
            ),
        )

        # component ops
        ops_backup_jobs_alarm = cloudwatch.Alarm(
            self,
            "OpsBackupJobsAlarm",
            alarm_name=settings.project_name + "-backup-jobs",
            alarm_description="drplan: alarm backup-jobs of component ops",
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
        ops_backup_jobs_alarm.add_alarm_action(cw_actions.SnsAction(alerts_topic))
        ops_orders_throttles_alarm = cloudwatch.Alarm(
            self,
            "OpsOrdersThrottlesAlarm",
            alarm_name=settings.project_name + "-orders-throttles",
            alarm_description="drplan: alarm orders-throttles of component ops",
            metric=cloudwatch.MathExpression(
                expression="m1 + m2",
                using_metrics={
                    "m1": cloudwatch.Metric(
                        namespace="AWS/DynamoDB",
                        metric_name="ReadThrottleEvents",
                        statistic="Sum",
                        period=cdk.Duration.seconds(300),
                        dimensions_map={"TableName": orders_table.table_name},
                    ),
                    "m2": cloudwatch.Metric(
                        namespace="AWS/DynamoDB",
                        metric_name="WriteThrottleEvents",
                        statistic="Sum",
                        period=cdk.Duration.seconds(300),
                        dimensions_map={"TableName": orders_table.table_name},
                    ),
                },
                label="Throttled reads and writes",
                period=cdk.Duration.seconds(300),
            ),
            threshold=5,
            evaluation_periods=1,
            comparison_operator=cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
            treat_missing_data=cloudwatch.TreatMissingData.NOT_BREACHING,
        )
        ops_orders_throttles_alarm.add_alarm_action(cw_actions.SnsAction(alerts_topic))
        ops_dashboard = cloudwatch.Dashboard(
            self,
            "OpsDashboard",
            dashboard_name=settings.project_name + "-ops",
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
                                metric_name="SnapshotAge",
                                statistic="Sum",
                                period=cdk.Duration.seconds(300),
                            ),
                        ],
                        width=12,
                        height=6,
                    ),
                    cloudwatch.GraphWidget(
                        title="backup-jobs",
                        left=[
                            cloudwatch.Metric(
                                namespace="AWS/Backup",
                                metric_name="NumberOfBackupJobsFailed",
                                statistic="Sum",
                                period=cdk.Duration.seconds(3600),
                            ),
                        ],
                        width=12,
                        height=6,
                    ),
                ],
                [
                    cloudwatch.GraphWidget(
                        title="orders-throttles",
                        left=[
                            cloudwatch.Metric(
                                namespace="AWS/DynamoDB",
                                metric_name="ReadThrottleEvents",
                                statistic="Sum",
                                period=cdk.Duration.seconds(300),
                                dimensions_map={"TableName": orders_table.table_name},
                            ),
                            cloudwatch.Metric(
                                namespace="AWS/DynamoDB",
                                metric_name="WriteThrottleEvents",
                                statistic="Sum",
                                period=cdk.Duration.seconds(300),
                                dimensions_map={"TableName": orders_table.table_name},
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
            "OpsDashboardNameOutput",
            value=ops_dashboard.dashboard_name,
            description="Name of CloudWatch dashboard 1 of component ops",
        )
