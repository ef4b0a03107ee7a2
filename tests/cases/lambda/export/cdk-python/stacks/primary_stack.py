"""Primary stack (us-east-1) of the drplan export of plan Feature: lambda."""

import os

import aws_cdk as cdk
from aws_cdk import aws_ec2 as ec2
from aws_cdk import aws_events as events
from aws_cdk import aws_events_targets as targets
from aws_cdk import aws_iam as iam
from aws_cdk import aws_kms as kms
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_logs as logs
from aws_cdk import aws_rds as rds
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

        # component orders-db
        # The existing VPC the plan's databases and endpoints go into (see README: Inputs).
        network = ec2.Vpc.from_vpc_attributes(
            self,
            "Network",
            vpc_id=settings.vpc_id,
            vpc_cidr_block=settings.vpc_cidr,
            availability_zones=settings.availability_zones,
            private_subnet_ids=settings.private_subnet_ids,
        )
        orders_db_subnets = rds.SubnetGroup(
            self,
            "OrdersDbSubnets",
            description="drplan: private subnets of component orders-db",
            vpc=network,
            vpc_subnets=ec2.SubnetSelection(subnets=network.private_subnets),
        )
        orders_db_db_sg = ec2.SecurityGroup(
            self,
            "OrdersDbDbSg",
            vpc=network,
            description="drplan: database",
            allow_all_outbound=False,
        )
        orders_db_db_sg.add_ingress_rule(
            ec2.Peer.ipv4(settings.vpc_cidr),
            ec2.Port.tcp(5432),
            "Clients in the VPC reach the database",
        )
        orders_db_db = rds.DatabaseInstance(
            self,
            "OrdersDbDb",
            engine=rds.DatabaseInstanceEngine.postgres(
                version=rds.PostgresEngineVersion.of("17", "17"),
            ),
            instance_type=ec2.InstanceType("t4g.small"),
            vpc=network,
            subnet_group=orders_db_subnets,
            security_groups=[orders_db_db_sg],
            allocated_storage=30,
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
        helpers.cfn_lint_ignore(orders_db_db, ["W3691"])
        cdk.Validations.of(orders_db_db).acknowledge(
            cdk.Acknowledgment(
                id="AwsSolutions-RDS11",
                reason="the engine's default port is kept so that existing clients connect unchanged; only the VPC CIDR may reach it",
            ),
        )
        cdk.Validations.of(orders_db_db).acknowledge(
            cdk.Acknowledgment(
                id="AwsSolutions-RDS3",
                reason="the plan runs this instance in one Availability Zone (multi_az: false); its backups are what the plan protects",
            ),
        )

        # component exports
        exports_bucket = s3.Bucket(
            self,
            "ExportsBucket",
            encryption=s3.BucketEncryption.S3_MANAGED,
            versioned=True,
            block_public_access=s3.BlockPublicAccess.BLOCK_ALL,
            object_ownership=s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
            enforce_ssl=True,
            server_access_logs_bucket=access_logs,
            server_access_logs_prefix="exports/",
            lifecycle_rules=[
                s3.LifecycleRule(
                    id="drplan-lifecycle",
                    enabled=True,
                    noncurrent_version_expiration=cdk.Duration.days(settings.backup_retention_days),
                    abort_incomplete_multipart_upload_after=cdk.Duration.days(7),
                ),
            ],
            removal_policy=cdk.RemovalPolicy.RETAIN,
        )

        # component snapshots
        snapshots_logs = logs.LogGroup(
            self,
            "SnapshotsLogs",
            log_group_name="/drplan/" + settings.project_name + "/snapshots",
            retention=logs.RetentionDays.THREE_MONTHS,
            encryption_key=export_key,
            removal_policy=cdk.RemovalPolicy.RETAIN,
        )
        snapshots_role_statements = [
            iam.PolicyStatement(
                sid="WriteOwnLogs",
                effect=iam.Effect.ALLOW,
                actions=["logs:CreateLogStream", "logs:PutLogEvents"],
                resources=[snapshots_logs.log_group_arn],
            ),
            iam.PolicyStatement(
                sid="ReadEncryptedEnvironment",
                effect=iam.Effect.ALLOW,
                actions=["kms:Decrypt"],
                resources=[export_key.key_arn],
            ),
            iam.PolicyStatement(
                sid="SnapshotOrdersDb",
                effect=iam.Effect.ALLOW,
                actions=["rds:CreateDBSnapshot", "rds:AddTagsToResource"],
                resources=[
                    "arn:" + cdk.Aws.PARTITION + ":rds:" + self.region + ":" + cdk.Aws.ACCOUNT_ID + ":snapshot:drplan-orders-db-*",
                    orders_db_db.instance_arn,
                ],
            ),
            iam.PolicyStatement(
                sid="DeleteExpiredOrdersDb",
                effect=iam.Effect.ALLOW,
                actions=["rds:DeleteDBSnapshot"],
                resources=[
                    "arn:" + cdk.Aws.PARTITION + ":rds:" + self.region + ":" + cdk.Aws.ACCOUNT_ID + ":snapshot:drplan-orders-db-*",
                ],
            ),
            iam.PolicyStatement(
                sid="DescribeSnapshots",
                effect=iam.Effect.ALLOW,
                actions=[
                    "rds:DescribeDBSnapshots",
                    "rds:DescribeDBClusterSnapshots",
                    "rds:DescribeExportTasks",
                ],
                resources=["*"],
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
        snapshots_role = iam.Role(
            self,
            "SnapshotsRole",
            assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"),
            description="Execution role of backup function snapshots",
            inline_policies={
                "permissions": iam.PolicyDocument(statements=snapshots_role_statements),
            },
        )
        helpers.acknowledge_wildcards(
            snapshots_role,
            snapshots_role_statements,
            [
                "log streams are created at run time; the grant is limited to the function's own log group",
                "",
                "snapshot names carry a timestamp: the grant covers this function's drplan-<target>- snapshots only",
                "cleanup deletes only this function's drplan-<target>- snapshots, whose names carry a timestamp",
                "RDS describe calls are read-only and are authorised against every snapshot of the account",
                "PutMetricData has no resource type; the cloudwatch:namespace condition limits it to the backup metrics",
            ],
        )
        snapshots_function = lambda_.Function(
            self,
            "SnapshotsFunction",
            function_name=settings.project_name + "-snapshots",
            description="drplan backup orchestration (snapshot,export,cleanup) for component snapshots",
            runtime=lambda_.Runtime.PYTHON_3_14,
            handler="handler.handler",
            code=lambda_.Code.from_asset(os.path.join(BUNDLE_DIR, "lambda", "backup")),
            memory_size=512,
            timeout=cdk.Duration.seconds(600),
            architecture=lambda_.Architecture.ARM_64,
            role=snapshots_role.without_policy_updates(),
            log_group=snapshots_logs,
            environment={
                "TASKS": "snapshot,export,cleanup",
                "METRIC_NAMESPACE": "CustomMetrics/DatabaseBackup",
                "SNAPSHOT_PREFIX": "drplan",
                "TARGETS": "[{\"copy_to_dr\":false,\"env\":\"TARGET_ORDERS_DB\",\"export\":false,\"id\":\"orders-db\",\"kind\":\"rds\",\"retention_days\":30}]",
                "TARGET_ORDERS_DB": orders_db_db.instance_identifier,
            },
            environment_encryption=export_key,
        )
        # CDK makes the function depend on its role explicitly, on top of the Role reference; cfn-lint W3005 notes the
        # duplicate, which is harmless.
        helpers.cfn_lint_ignore(snapshots_function, ["W3005"])

        # component nightly
        nightly_schedule = events.Rule(
            self,
            "NightlySchedule",
            description="drplan: runs snapshots-function on the backup_schedule setting",
            schedule=events.Schedule.expression(settings.backup_schedule),
            targets=[
                targets.LambdaFunction(
                    snapshots_function,
                    event=events.RuleTargetInput.from_object({"backup_type": "nightly"}),
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
            "OrdersDbDbIdOutput",
            value=orders_db_db.instance_identifier,
            description="Identifier of the RDS instance of component orders-db",
        )
        cdk.CfnOutput(
            self,
            "OrdersDbDbArnOutput",
            value=orders_db_db.instance_arn,
            description="ARN of the RDS instance of component orders-db",
        )
        cdk.CfnOutput(
            self,
            "ExportsBucketNameOutput",
            value=exports_bucket.bucket_name,
            description="Name of the S3 bucket of component exports",
        )
        cdk.CfnOutput(
            self,
            "ExportsBucketArnOutput",
            value=exports_bucket.bucket_arn,
            description="ARN of the S3 bucket of component exports",
        )
        cdk.CfnOutput(
            self,
            "SnapshotsFunctionNameOutput",
            value=snapshots_function.function_name,
            description="Name of the backup function of component snapshots",
        )
        cdk.CfnOutput(
            self,
            "SnapshotsFunctionArnOutput",
            value=snapshots_function.function_arn,
            description="ARN of the backup function of component snapshots",
        )
        cdk.CfnOutput(
            self,
            "SnapshotsRoleArnOutput",
            value=snapshots_role.role_arn,
            description="ARN of the execution role of component snapshots",
        )
        cdk.CfnOutput(
            self,
            "SnapshotsLogGroupNameOutput",
            value=snapshots_logs.log_group_name,
            description="Log group of component snapshots",
        )
        cdk.CfnOutput(
            self,
            "SnapshotsLogGroupArnOutput",
            value=snapshots_logs.log_group_arn,
            description="ARN of the log group of component snapshots",
        )
