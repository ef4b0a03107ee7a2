"""Primary stack (us-east-1) of the drplan export of plan Feature: config-backup."""

import os

import aws_cdk as cdk
from aws_cdk import aws_codecommit as codecommit
from aws_cdk import aws_events as events
from aws_cdk import aws_events_targets as targets
from aws_cdk import aws_iam as iam
from aws_cdk import aws_kms as kms
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_logs as logs
from aws_cdk import aws_s3 as s3
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

        # component config
        config_config_bucket = s3.Bucket(
            self,
            "ConfigConfigBucket",
            encryption=s3.BucketEncryption.KMS,
            encryption_key=export_key,
            bucket_key_enabled=True,
            versioned=True,
            block_public_access=s3.BlockPublicAccess.BLOCK_ALL,
            object_ownership=s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
            enforce_ssl=True,
            server_access_logs_bucket=access_logs,
            server_access_logs_prefix="config-config/",
            lifecycle_rules=[
                s3.LifecycleRule(
                    id="drplan-lifecycle",
                    enabled=True,
                    expiration=cdk.Duration.days(30),
                    noncurrent_version_expiration=cdk.Duration.days(30),
                    abort_incomplete_multipart_upload_after=cdk.Duration.days(7),
                ),
            ],
            removal_policy=cdk.RemovalPolicy.RETAIN,
        )
        config_export_logs = logs.LogGroup(
            self,
            "ConfigExportLogs",
            log_group_name="/drplan/" + settings.project_name + "/config-export",
            retention=logs.RetentionDays.ONE_MONTH,
            encryption_key=export_key,
            removal_policy=cdk.RemovalPolicy.RETAIN,
        )
        config_export_role_statements = [
            iam.PolicyStatement(
                sid="WriteOwnLogs",
                effect=iam.Effect.ALLOW,
                actions=["logs:CreateLogStream", "logs:PutLogEvents"],
                resources=[config_export_logs.log_group_arn],
            ),
            iam.PolicyStatement(
                sid="ReadEncryptedEnvironment",
                effect=iam.Effect.ALLOW,
                actions=["kms:Decrypt"],
                resources=[export_key.key_arn],
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
                resources=[config_config_bucket.bucket_arn + "/parameter-store/*"],
            ),
            iam.PolicyStatement(
                sid="EncryptExports",
                effect=iam.Effect.ALLOW,
                actions=["kms:GenerateDataKey"],
                resources=[export_key.key_arn],
            ),
        ]
        config_export_role = iam.Role(
            self,
            "ConfigExportRole",
            assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"),
            description="Execution role of the Parameter Store export of component config",
            inline_policies={
                "permissions": iam.PolicyDocument(statements=config_export_role_statements),
            },
        )
        helpers.acknowledge_wildcards(
            config_export_role,
            config_export_role_statements,
            [
                "log streams are created at run time; the grant is limited to the function's own log group",
                "",
                "the export reads every parameter of the account and region, by design",
                "SecureString parameters may use any key of the account; the grant only works through Parameter Store (kms:ViaService)",
                "export objects are named by date; the grant is limited to the parameter-store/ prefix of one bucket",
                "",
            ],
        )
        config_export_function = lambda_.Function(
            self,
            "ConfigExportFunction",
            function_name=settings.project_name + "-config-export",
            description="drplan: daily Parameter Store export for component config",
            runtime=lambda_.Runtime.PYTHON_3_14,
            handler="handler.handler",
            code=lambda_.Code.from_asset(os.path.join(BUNDLE_DIR, "lambda", "config_export")),
            memory_size=256,
            timeout=cdk.Duration.seconds(300),
            architecture=lambda_.Architecture.ARM_64,
            role=config_export_role.without_policy_updates(),
            log_group=config_export_logs,
            environment={"BUCKET": config_config_bucket.bucket_name, "PREFIX": "parameter-store/"},
            environment_encryption=export_key,
        )
        # CDK makes the function depend on its role explicitly, on top of the Role reference; cfn-lint W3005 notes the
        # duplicate, which is harmless.
        helpers.cfn_lint_ignore(config_export_function, ["W3005"])
        config_daily_export = events.Rule(
            self,
            "ConfigDailyExport",
            description="drplan: runs config-export-function on rate(1 day)",
            schedule=events.Schedule.expression("rate(1 day)"),
            targets=[
                targets.LambdaFunction(
                    config_export_function,
                    event=events.RuleTargetInput.from_object(
                        {"backup_type": "parameter-store-export"},
                    ),
                ),
            ],
        )
        config_repository = codecommit.Repository(
            self,
            "ConfigRepository",
            repository_name=settings.project_name + "-config",
            description="drplan: mirror of the infrastructure repository, for redeploying after a disaster",
            kms_key=export_key,
        )
        config_repository.apply_removal_policy(cdk.RemovalPolicy.RETAIN)

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
            "ConfigConfigBucketNameOutput",
            value=config_config_bucket.bucket_name,
            description="Bucket of the Parameter Store exports of component config",
        )
        cdk.CfnOutput(
            self,
            "ConfigRepositoryNameOutput",
            value=config_repository.repository_name,
            description="CodeCommit mirror of component config",
        )
