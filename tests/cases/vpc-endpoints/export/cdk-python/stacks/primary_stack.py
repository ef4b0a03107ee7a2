"""Primary stack (us-east-1) of the drplan export of plan Feature: vpc-endpoints."""

import os

import aws_cdk as cdk
from aws_cdk import aws_dynamodb as dynamodb
from aws_cdk import aws_ec2 as ec2
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

        # component uploads
        uploads_bucket = s3.Bucket(
            self,
            "UploadsBucket",
            encryption=s3.BucketEncryption.S3_MANAGED,
            versioned=True,
            block_public_access=s3.BlockPublicAccess.BLOCK_ALL,
            object_ownership=s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
            enforce_ssl=True,
            server_access_logs_bucket=access_logs,
            server_access_logs_prefix="uploads/",
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

        # component endpoints
        # The existing VPC the plan's databases and endpoints go into (see README: Inputs).
        network = ec2.Vpc.from_vpc_attributes(
            self,
            "Network",
            vpc_id=settings.vpc_id,
            vpc_cidr_block=settings.vpc_cidr,
            availability_zones=settings.availability_zones,
            private_subnet_ids=settings.private_subnet_ids,
            private_subnet_route_table_ids=settings.private_route_table_ids,
        )
        endpoints_s3_gateway = ec2.GatewayVpcEndpoint(
            self,
            "EndpointsS3Gateway",
            vpc=network,
            service=ec2.GatewayVpcEndpointAwsService.S3,
            subnets=[ec2.SubnetSelection(subnets=network.private_subnets)],
        )
        endpoints_dynamodb_gateway = ec2.GatewayVpcEndpoint(
            self,
            "EndpointsDynamodbGateway",
            vpc=network,
            service=ec2.GatewayVpcEndpointAwsService.DYNAMODB,
            subnets=[ec2.SubnetSelection(subnets=network.private_subnets)],
        )
        endpoints_endpoints_sg = ec2.SecurityGroup(
            self,
            "EndpointsEndpointsSg",
            vpc=network,
            description="drplan: interface endpoints (HTTPS)",
            allow_all_outbound=False,
        )
        endpoints_endpoints_sg.add_ingress_rule(
            ec2.Peer.ipv4(settings.vpc_cidr),
            ec2.Port.tcp(443),
            "Clients in the VPC reach the interface endpoints (HTTPS)",
        )
        endpoints_monitoring_endpoint = ec2.InterfaceVpcEndpoint(
            self,
            "EndpointsMonitoringEndpoint",
            vpc=network,
            service=ec2.InterfaceVpcEndpointAwsService("monitoring"),
            subnets=ec2.SubnetSelection(subnets=network.private_subnets),
            security_groups=[endpoints_endpoints_sg],
            private_dns_enabled=True,
            open=False,
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
        verifier_function_sg = ec2.SecurityGroup(
            self,
            "VerifierFunctionSg",
            vpc=network,
            description="drplan: backup function in the VPC",
            allow_all_outbound=False,
        )
        verifier_function_sg.add_egress_rule(
            ec2.Peer.ipv4("0.0.0.0/0"),
            ec2.Port.tcp(443),
            "HTTPS to the AWS APIs the function calls",
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
                sid="VerifyOrders",
                effect=iam.Effect.ALLOW,
                actions=["dynamodb:DescribeContinuousBackups"],
                resources=[orders_table.table_arn],
            ),
            iam.PolicyStatement(
                sid="VerifyUploads",
                effect=iam.Effect.ALLOW,
                actions=["s3:GetBucketVersioning", "s3:GetReplicationConfiguration"],
                resources=[uploads_bucket.bucket_arn],
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
                sid="ManageVpcNetworkInterfaces",
                effect=iam.Effect.ALLOW,
                actions=[
                    "ec2:CreateNetworkInterface",
                    "ec2:DescribeNetworkInterfaces",
                    "ec2:DescribeSubnets",
                    "ec2:DeleteNetworkInterface",
                    "ec2:AssignPrivateIpAddresses",
                    "ec2:UnassignPrivateIpAddresses",
                ],
                resources=["*"],
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
                "",
                "PutMetricData has no resource type; the cloudwatch:namespace condition limits it to the backup metrics",
                "Lambda creates the function's network interfaces in the VPC with these permissions; EC2 authorises the calls only on all resources",
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
                "TARGETS": "[{\"env\":\"TARGET_ORDERS\",\"id\":\"orders\",\"kind\":\"dynamodb\",\"pitr\":true},{\"env\":\"TARGET_UPLOADS\",\"id\":\"uploads\",\"kind\":\"s3\",\"replication\":false}]",
                "TARGET_ORDERS": orders_table.table_name,
                "TARGET_UPLOADS": uploads_bucket.bucket_name,
            },
            environment_encryption=export_key,
            vpc=network,
            vpc_subnets=ec2.SubnetSelection(subnets=network.private_subnets),
            security_groups=[verifier_function_sg],
        )
        # CDK makes the function depend on its role explicitly, on top of the Role reference; cfn-lint W3005 notes the
        # duplicate, which is harmless.
        helpers.cfn_lint_ignore(verifier_function, ["W3005"])

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
            "UploadsBucketNameOutput",
            value=uploads_bucket.bucket_name,
            description="Name of the S3 bucket of component uploads",
        )
        cdk.CfnOutput(
            self,
            "UploadsBucketArnOutput",
            value=uploads_bucket.bucket_arn,
            description="ARN of the S3 bucket of component uploads",
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
