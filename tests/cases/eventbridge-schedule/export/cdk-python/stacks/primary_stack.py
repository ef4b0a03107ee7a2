"""Primary stack (us-east-1) of the drplan export of plan Feature: eventbridge-schedule."""

import os

import aws_cdk as cdk
from aws_cdk import aws_dynamodb as dynamodb
from aws_cdk import aws_events as events
from aws_cdk import aws_events_targets as targets
from aws_cdk import aws_iam as iam
from aws_cdk import aws_kms as kms
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_logs as logs
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

        # component events
        events_table = dynamodb.TableV2(
            self,
            "EventsTable",
            table_name=settings.project_name + "-events",
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
        cdk.Validations.of(events_table).acknowledge(
            cdk.Acknowledgment(
                id="AwsSolutions-DDB4",
                reason="no AWS Backup plan protects this table in the plan; point-in-time recovery covers restores",
            ),
        )

        # component verifier
        verifier_logs = logs.LogGroup(
            self,
            "VerifierLogs",
            log_group_name="/drplan/" + settings.project_name + "/verifier",
            retention=logs.RetentionDays.TWO_WEEKS,
            encryption_key=export_key,
            removal_policy=cdk.RemovalPolicy.RETAIN,
        )
        verifier_role_statements = [
            iam.PolicyStatement(
                sid="WriteOwnLogs",
                effect=iam.Effect.ALLOW,
                actions=["logs:CreateLogStream", "logs:PutLogEvents"],
                resources=[verifier_logs.log_group_arn],
            ),
            iam.PolicyStatement(
                sid="ReadEncryptedEnvironment",
                effect=iam.Effect.ALLOW,
                actions=["kms:Decrypt"],
                resources=[export_key.key_arn],
            ),
            iam.PolicyStatement(
                sid="VerifyEvents",
                effect=iam.Effect.ALLOW,
                actions=["dynamodb:DescribeContinuousBackups"],
                resources=[events_table.table_arn],
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
        ]
        verifier_role = iam.Role(
            self,
            "VerifierRole",
            assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"),
            description="Execution role of backup function verifier",
            inline_policies={"permissions": iam.PolicyDocument(statements=verifier_role_statements)},
        )
        helpers.acknowledge_wildcards(
            verifier_role,
            verifier_role_statements,
            [
                "log streams are created at run time; the grant is limited to the function's own log group",
                "",
                "",
                "PutMetricData has no resource type; the cloudwatch:namespace condition limits it to the backup metrics",
            ],
        )
        verifier_function = lambda_.Function(
            self,
            "VerifierFunction",
            function_name=settings.project_name + "-verifier",
            description="drplan backup orchestration (verify) for component verifier",
            runtime=lambda_.Runtime.PYTHON_3_14,
            handler="handler.handler",
            code=lambda_.Code.from_asset(os.path.join(BUNDLE_DIR, "lambda", "backup")),
            memory_size=256,
            timeout=cdk.Duration.seconds(300),
            architecture=lambda_.Architecture.X86_64,
            role=verifier_role.without_policy_updates(),
            log_group=verifier_logs,
            environment={
                "TASKS": "verify",
                "METRIC_NAMESPACE": "CustomMetrics/DatabaseBackup",
                "SNAPSHOT_PREFIX": "drplan",
                "TARGETS": "[{\"env\":\"TARGET_EVENTS\",\"id\":\"events\",\"kind\":\"dynamodb\",\"pitr\":true}]",
                "TARGET_EVENTS": events_table.table_name,
            },
            environment_encryption=export_key,
        )
        # CDK makes the function depend on its role explicitly, on top of the Role reference; cfn-lint W3005 notes the
        # duplicate, which is harmless.
        helpers.cfn_lint_ignore(verifier_function, ["W3005"])

        # component every-six-hours
        every_six_hours_schedule = events.Rule(
            self,
            "EverySixHoursSchedule",
            description="drplan: runs verifier-function on the backup_schedule setting",
            schedule=events.Schedule.expression(settings.backup_schedule),
            targets=[
                targets.LambdaFunction(
                    verifier_function,
                    event=events.RuleTargetInput.from_object({"backup_type": "verify"}),
                ),
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
            "EventsTableNameOutput",
            value=events_table.table_name,
            description="Name of the DynamoDB table of component events",
        )
        cdk.CfnOutput(
            self,
            "EventsTableArnOutput",
            value=events_table.table_arn,
            description="ARN of the DynamoDB table of component events",
        )
        cdk.CfnOutput(
            self,
            "VerifierFunctionNameOutput",
            value=verifier_function.function_name,
            description="Name of the backup function of component verifier",
        )
        cdk.CfnOutput(
            self,
            "VerifierFunctionArnOutput",
            value=verifier_function.function_arn,
            description="ARN of the backup function of component verifier",
        )
        cdk.CfnOutput(
            self,
            "VerifierRoleArnOutput",
            value=verifier_role.role_arn,
            description="ARN of the execution role of component verifier",
        )
        cdk.CfnOutput(
            self,
            "VerifierLogGroupNameOutput",
            value=verifier_logs.log_group_name,
            description="Log group of component verifier",
        )
        cdk.CfnOutput(
            self,
            "VerifierLogGroupArnOutput",
            value=verifier_logs.log_group_arn,
            description="ARN of the log group of component verifier",
        )
