"""Primary stack (us-east-1) of the drplan export of plan Single-region Multi-AZ DR."""

import os

import aws_cdk as cdk
from aws_cdk import aws_backup as backup
from aws_cdk import aws_cloudwatch as cloudwatch
from aws_cdk import aws_cloudwatch_actions as cw_actions
from aws_cdk import aws_dynamodb as dynamodb
from aws_cdk import aws_ec2 as ec2
from aws_cdk import aws_events as events
from aws_cdk import aws_events_targets as targets
from aws_cdk import aws_iam as iam
from aws_cdk import aws_kms as kms
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_logs as logs
from aws_cdk import aws_rds as rds
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
        # component dr-keys
        dr_keys_key_1 = kms.Key(
            self,
            "DrKeysKey1",
            description="drplan: customer-managed key 1 of 3 (component dr-keys)",
            enable_key_rotation=True,
            removal_policy=cdk.RemovalPolicy.RETAIN,
        )
        dr_keys_key_1.add_to_resource_policy(
            iam.PolicyStatement(
                sid="AllowPublishFromEvents",
                effect=iam.Effect.ALLOW,
                actions=["kms:GenerateDataKey*", "kms:Decrypt"],
                resources=["*"],
                principals=[iam.ServicePrincipal("events.amazonaws.com")],
            ),
        )
        dr_keys_key_1.add_to_resource_policy(
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
        dr_keys_key_1.add_to_resource_policy(
            iam.PolicyStatement(
                sid="AllowPublishFromCloudwatch",
                effect=iam.Effect.ALLOW,
                actions=["kms:GenerateDataKey*", "kms:Decrypt"],
                resources=["*"],
                principals=[iam.ServicePrincipal("cloudwatch.amazonaws.com")],
            ),
        )
        dr_keys_key_2 = kms.Key(
            self,
            "DrKeysKey2",
            description="drplan: customer-managed key 2 of 3 (component dr-keys)",
            enable_key_rotation=True,
            removal_policy=cdk.RemovalPolicy.RETAIN,
        )
        dr_keys_key_3 = kms.Key(
            self,
            "DrKeysKey3",
            description="drplan: customer-managed key 3 of 3 (component dr-keys)",
            enable_key_rotation=True,
            removal_policy=cdk.RemovalPolicy.RETAIN,
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

        # component dr-alerts
        dr_alerts_topic = sns.Topic(
            self,
            "DrAlertsTopic",
            master_key=dr_keys_key_1,
            enforce_ssl=True,
        )
        dr_alerts_topic.add_subscription(subs.EmailSubscription(settings.notification_email))
        dr_alerts_topic.add_to_resource_policy(
            iam.PolicyStatement(
                sid="AllowPublish2",
                effect=iam.Effect.ALLOW,
                actions=["sns:Publish"],
                resources=[dr_alerts_topic.topic_arn],
                principals=[iam.ServicePrincipal("cloudwatch.amazonaws.com")],
                conditions={
                    "ArnLike": {
                        "aws:SourceArn": "arn:" + cdk.Aws.PARTITION + ":cloudwatch:" + self.region + ":" + cdk.Aws.ACCOUNT_ID + ":alarm:*",
                    },
                },
            ),
        )

        # added by the export
        vpc = ec2.Vpc(
            self,
            "Vpc",
            ip_addresses=ec2.IpAddresses.cidr("10.0.0.0/16"),
            max_azs=3,
            nat_gateways=0,
            subnet_configuration=[
                ec2.SubnetConfiguration(
                    name="public",
                    subnet_type=ec2.SubnetType.PUBLIC,
                    cidr_mask=20,
                    map_public_ip_on_launch=False,
                ),
                ec2.SubnetConfiguration(
                    name="private",
                    subnet_type=ec2.SubnetType.PRIVATE_ISOLATED,
                    cidr_mask=20,
                ),
            ],
            restrict_default_security_group=False,
        )
        cdk.Validations.of(vpc).acknowledge(
            cdk.Acknowledgment(
                id="AwsSolutions-VPC7",
                reason="VPC flow logs are not part of the plan (they add CloudWatch Logs charges); the VPC carries only the plan's functions and databases",
            ),
        )

        # component dr-aurora
        dr_aurora_subnets = rds.SubnetGroup(
            self,
            "DrAuroraSubnets",
            description="drplan: private subnets of component dr-aurora",
            vpc=vpc,
            vpc_subnets=ec2.SubnetSelection(subnet_type=ec2.SubnetType.PRIVATE_ISOLATED),
        )
        dr_aurora_db_sg = ec2.SecurityGroup(
            self,
            "DrAuroraDbSg",
            vpc=vpc,
            description="drplan: database",
            allow_all_outbound=False,
        )
        dr_aurora_db_sg.add_ingress_rule(
            ec2.Peer.ipv4("10.0.0.0/16"),
            ec2.Port.tcp(5432),
            "Clients in the VPC reach the database",
        )
        dr_aurora_cluster = rds.DatabaseCluster(
            self,
            "DrAuroraCluster",
            engine=rds.DatabaseClusterEngine.aurora_postgres(
                version=rds.AuroraPostgresEngineVersion.VER_17_5,
            ),
            writer=rds.ClusterInstance.provisioned(
                "Writer",
                instance_type=ec2.InstanceType("t4g.medium"),
                publicly_accessible=False,
                auto_minor_version_upgrade=True,
            ),
            readers=[
                rds.ClusterInstance.provisioned(
                    "Reader1",
                    instance_type=ec2.InstanceType("t4g.medium"),
                    publicly_accessible=False,
                    auto_minor_version_upgrade=True,
                ),
            ],
            vpc=vpc,
            subnet_group=dr_aurora_subnets,
            security_groups=[dr_aurora_db_sg],
            storage_encrypted=True,
            storage_encryption_key=dr_keys_key_1,
            deletion_protection=True,
            iam_authentication=True,
            manage_master_user_password=True,
            credentials=rds.Credentials.from_username("dbadmin"),
            backup=rds.BackupProps(retention=cdk.Duration.days(7)),
            copy_tags_to_snapshot=True,
            removal_policy=cdk.RemovalPolicy.SNAPSHOT,
        )
        cdk.Validations.of(dr_aurora_cluster).acknowledge(
            cdk.Acknowledgment(
                id="AwsSolutions-RDS11",
                reason="the engine's default port is kept so that existing clients connect unchanged; only the VPC CIDR may reach it",
            ),
        )

        # component dr-table
        dr_table_table = dynamodb.TableV2(
            self,
            "DrTableTable",
            table_name="dr-table-" + settings.environment_suffix,
            partition_key=dynamodb.Attribute(name="pk", type=dynamodb.AttributeType.STRING),
            sort_key=dynamodb.Attribute(name="sk", type=dynamodb.AttributeType.STRING),
            billing=dynamodb.Billing.on_demand(),
            encryption=dynamodb.TableEncryptionV2.customer_managed_key(dr_keys_key_2),
            point_in_time_recovery_specification=dynamodb.PointInTimeRecoverySpecification(
                point_in_time_recovery_enabled=True,
                recovery_period_in_days=35,
            ),
            deletion_protection=True,
            removal_policy=cdk.RemovalPolicy.RETAIN,
        )

        # component dr-bucket
        dr_bucket_bucket = s3.Bucket(
            self,
            "DrBucketBucket",
            encryption=s3.BucketEncryption.KMS,
            encryption_key=dr_keys_key_3,
            bucket_key_enabled=True,
            versioned=True,
            block_public_access=s3.BlockPublicAccess.BLOCK_ALL,
            object_ownership=s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
            enforce_ssl=True,
            server_access_logs_bucket=access_logs,
            server_access_logs_prefix="dr-bucket/",
            lifecycle_rules=[
                s3.LifecycleRule(
                    id="drplan-lifecycle",
                    enabled=True,
                    noncurrent_version_transitions=[
                        s3.NoncurrentVersionTransition(
                            storage_class=s3.StorageClass.INFREQUENT_ACCESS,
                            transition_after=cdk.Duration.days(30),
                        ),
                    ],
                    noncurrent_version_expiration=cdk.Duration.days(90),
                    abort_incomplete_multipart_upload_after=cdk.Duration.days(7),
                ),
            ],
            removal_policy=cdk.RemovalPolicy.RETAIN,
        )

        # component endpoints
        endpoints_s3_gateway = ec2.GatewayVpcEndpoint(
            self,
            "EndpointsS3Gateway",
            vpc=vpc,
            service=ec2.GatewayVpcEndpointAwsService.S3,
            subnets=[ec2.SubnetSelection(subnet_type=ec2.SubnetType.PRIVATE_ISOLATED)],
        )
        endpoints_dynamodb_gateway = ec2.GatewayVpcEndpoint(
            self,
            "EndpointsDynamodbGateway",
            vpc=vpc,
            service=ec2.GatewayVpcEndpointAwsService.DYNAMODB,
            subnets=[ec2.SubnetSelection(subnet_type=ec2.SubnetType.PRIVATE_ISOLATED)],
        )
        endpoints_endpoints_sg = ec2.SecurityGroup(
            self,
            "EndpointsEndpointsSg",
            vpc=vpc,
            description="drplan: interface endpoints (HTTPS)",
            allow_all_outbound=False,
        )
        endpoints_endpoints_sg.add_ingress_rule(
            ec2.Peer.ipv4("10.0.0.0/16"),
            ec2.Port.tcp(443),
            "Clients in the VPC reach the interface endpoints (HTTPS)",
        )
        endpoints_monitoring_endpoint = ec2.InterfaceVpcEndpoint(
            self,
            "EndpointsMonitoringEndpoint",
            vpc=vpc,
            service=ec2.InterfaceVpcEndpointAwsService("monitoring"),
            subnets=ec2.SubnetSelection(subnet_type=ec2.SubnetType.PRIVATE_ISOLATED),
            security_groups=[endpoints_endpoints_sg],
            private_dns_enabled=True,
            open=False,
        )
        endpoints_rds_endpoint = ec2.InterfaceVpcEndpoint(
            self,
            "EndpointsRdsEndpoint",
            vpc=vpc,
            service=ec2.InterfaceVpcEndpointAwsService("rds"),
            subnets=ec2.SubnetSelection(subnet_type=ec2.SubnetType.PRIVATE_ISOLATED),
            security_groups=[endpoints_endpoints_sg],
            private_dns_enabled=True,
            open=False,
        )

        # component hourly-backups
        hourly_backups_vault = backup.BackupVault(
            self,
            "HourlyBackupsVault",
            backup_vault_name="hourly-backups-" + settings.environment_suffix,
            encryption_key=dr_keys_key_1,
            removal_policy=cdk.RemovalPolicy.RETAIN,
        )
        hourly_backups_plan = backup.BackupPlan(
            self,
            "HourlyBackupsPlan",
            backup_plan_name="hourly-backups-" + settings.environment_suffix,
            backup_vault=hourly_backups_vault,
            backup_plan_rules=[
                backup.BackupPlanRule(
                    rule_name="hourly",
                    schedule_expression=events.Schedule.expression("cron(0 * * * ? *)"),
                    start_window=cdk.Duration.minutes(60),
                    completion_window=cdk.Duration.minutes(120),
                    enable_continuous_backup=False,
                    delete_after=cdk.Duration.days(settings.backup_retention_days),
                ),
            ],
        )
        hourly_backups_backup_role = iam.Role(
            self,
            "HourlyBackupsBackupRole",
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
        cdk.Validations.of(hourly_backups_backup_role).acknowledge(
            cdk.Acknowledgment(
                id="AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup]",
                reason="AWS Backup's documented service-role policy: AWS scopes it to the resource types Backup supports and keeps it current",
            ),
        )
        cdk.Validations.of(hourly_backups_backup_role).acknowledge(
            cdk.Acknowledgment(
                id="AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores]",
                reason="AWS Backup's documented service-role policy: AWS scopes it to the resource types Backup supports and keeps it current",
            ),
        )
        hourly_backups_selection = hourly_backups_plan.add_selection(
            "HourlyBackupsSelection",
            resources=[
                backup.BackupResource.from_arn(dr_aurora_cluster.cluster_arn),
                backup.BackupResource.from_arn(dr_table_table.table_arn),
            ],
            backup_selection_name="hourly-backups-resources",
            role=hourly_backups_backup_role.without_policy_updates(),
            disable_default_backup_policy=True,
        )
        hourly_backups_job_events = events.Rule(
            self,
            "HourlyBackupsJobEvents",
            description="drplan: failed AWS Backup backup and copy jobs, to SNS",
            event_pattern=events.EventPattern(
                source=["aws.backup"],
                detail_type=["Backup Job State Change", "Copy Job State Change"],
                detail={"state": ["FAILED", "ABORTED", "EXPIRED"]},
            ),
            targets=[targets.SnsTopic(dr_alerts_topic)],
        )

        # component dr-function
        dr_function_logs = logs.LogGroup(
            self,
            "DrFunctionLogs",
            log_group_name="/drplan/" + settings.project_name + "/dr-function",
            retention=logs.RetentionDays.ONE_MONTH,
            encryption_key=dr_keys_key_1,
            removal_policy=cdk.RemovalPolicy.RETAIN,
        )
        dr_function_function_sg = ec2.SecurityGroup(
            self,
            "DrFunctionFunctionSg",
            vpc=vpc,
            description="drplan: backup function in the VPC",
            allow_all_outbound=False,
        )
        dr_function_function_sg.add_egress_rule(
            ec2.Peer.ipv4("0.0.0.0/0"),
            ec2.Port.tcp(443),
            "HTTPS to the AWS APIs the function calls",
        )
        dr_function_role_statements = [
            iam.PolicyStatement(
                sid="WriteOwnLogs",
                effect=iam.Effect.ALLOW,
                actions=["logs:CreateLogStream", "logs:PutLogEvents"],
                resources=[dr_function_logs.log_group_arn],
            ),
            iam.PolicyStatement(
                sid="ReadEncryptedEnvironment",
                effect=iam.Effect.ALLOW,
                actions=["kms:Decrypt"],
                resources=[dr_keys_key_1.key_arn],
            ),
            iam.PolicyStatement(
                sid="VerifyDrTable",
                effect=iam.Effect.ALLOW,
                actions=["dynamodb:DescribeContinuousBackups"],
                resources=[dr_table_table.table_arn],
            ),
            iam.PolicyStatement(
                sid="VerifyDrBucket",
                effect=iam.Effect.ALLOW,
                actions=["s3:GetBucketVersioning", "s3:GetReplicationConfiguration"],
                resources=[dr_bucket_bucket.bucket_arn],
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
        dr_function_role = iam.Role(
            self,
            "DrFunctionRole",
            assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"),
            description="Execution role of backup function dr-function",
            inline_policies={
                "permissions": iam.PolicyDocument(statements=dr_function_role_statements),
            },
        )
        helpers.acknowledge_wildcards(
            dr_function_role,
            dr_function_role_statements,
            [
                "log streams are created at run time; the grant is limited to the function's own log group",
                "",
                "",
                "",
                "RDS describe calls are read-only and are authorised against every snapshot of the account",
                "PutMetricData has no resource type; the cloudwatch:namespace condition limits it to the backup metrics",
                "Lambda creates the function's network interfaces in the VPC with these permissions; EC2 authorises the calls only on all resources",
            ],
        )
        dr_function_function = lambda_.Function(
            self,
            "DrFunctionFunction",
            function_name="dr-function-" + settings.environment_suffix,
            description="drplan backup orchestration (verify) for component dr-function",
            runtime=lambda_.Runtime.PYTHON_3_14,
            handler="handler.handler",
            code=lambda_.Code.from_asset(os.path.join(BUNDLE_DIR, "lambda", "backup")),
            memory_size=128,
            timeout=cdk.Duration.seconds(30),
            architecture=lambda_.Architecture.X86_64,
            role=dr_function_role.without_policy_updates(),
            log_group=dr_function_logs,
            environment={
                "TASKS": "verify",
                "METRIC_NAMESPACE": "CustomMetrics/DatabaseBackup",
                "SNAPSHOT_PREFIX": "drplan",
                "TARGETS": "[{\"copy_to_dr\":false,\"env\":\"TARGET_DR_AURORA\",\"export\":false,\"id\":\"dr-aurora\",\"kind\":\"aurora\",\"retention_days\":7},{\"env\":\"TARGET_DR_TABLE\",\"id\":\"dr-table\",\"kind\":\"dynamodb\",\"pitr\":true},{\"env\":\"TARGET_DR_BUCKET\",\"id\":\"dr-bucket\",\"kind\":\"s3\",\"replication\":false}]",
                "TARGET_DR_AURORA": dr_aurora_cluster.cluster_identifier,
                "TARGET_DR_TABLE": dr_table_table.table_name,
                "TARGET_DR_BUCKET": dr_bucket_bucket.bucket_name,
            },
            environment_encryption=dr_keys_key_1,
            vpc=vpc,
            vpc_subnets=ec2.SubnetSelection(subnet_type=ec2.SubnetType.PRIVATE_ISOLATED),
            security_groups=[dr_function_function_sg],
        )
        # CDK makes the function depend on its role explicitly, on top of the Role reference; cfn-lint W3005 notes the
        # duplicate, which is harmless.
        helpers.cfn_lint_ignore(dr_function_function, ["W3005"])

        # component hourly-verify
        hourly_verify_schedule = events.Rule(
            self,
            "HourlyVerifySchedule",
            description="drplan: runs dr-function-function on the backup_schedule setting",
            schedule=events.Schedule.expression(settings.backup_schedule),
            targets=[
                targets.LambdaFunction(
                    dr_function_function,
                    event=events.RuleTargetInput.from_object({"backup_type": "verify"}),
                ),
            ],
        )

        # component dr-dashboard
        dr_dashboard_aurora_high_cpu_alarm = cloudwatch.Alarm(
            self,
            "DrDashboardAuroraHighCpuAlarm",
            alarm_name="aurora-high-cpu-" + settings.environment_suffix,
            alarm_description="drplan: alarm aurora-high-cpu of component dr-dashboard",
            metric=cloudwatch.Metric(
                namespace="AWS/RDS",
                metric_name="CPUUtilization",
                statistic="Average",
                period=cdk.Duration.seconds(300),
                dimensions_map={"DBClusterIdentifier": dr_aurora_cluster.cluster_identifier},
            ),
            threshold=80,
            evaluation_periods=2,
            comparison_operator=cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
            treat_missing_data=cloudwatch.TreatMissingData.NOT_BREACHING,
        )
        dr_dashboard_aurora_high_cpu_alarm.add_alarm_action(cw_actions.SnsAction(dr_alerts_topic))
        dr_dashboard_dynamodb_throttles_alarm = cloudwatch.Alarm(
            self,
            "DrDashboardDynamodbThrottlesAlarm",
            alarm_name="dynamodb-throttles-" + settings.environment_suffix,
            alarm_description="drplan: alarm dynamodb-throttles of component dr-dashboard",
            metric=cloudwatch.MathExpression(
                expression="m1 + m2",
                using_metrics={
                    "m1": cloudwatch.Metric(
                        namespace="AWS/DynamoDB",
                        metric_name="ReadThrottleEvents",
                        statistic="Sum",
                        period=cdk.Duration.seconds(300),
                        dimensions_map={"TableName": dr_table_table.table_name},
                    ),
                    "m2": cloudwatch.Metric(
                        namespace="AWS/DynamoDB",
                        metric_name="WriteThrottleEvents",
                        statistic="Sum",
                        period=cdk.Duration.seconds(300),
                        dimensions_map={"TableName": dr_table_table.table_name},
                    ),
                },
                label="Throttled reads and writes",
                period=cdk.Duration.seconds(300),
            ),
            threshold=10,
            evaluation_periods=1,
            comparison_operator=cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
            treat_missing_data=cloudwatch.TreatMissingData.NOT_BREACHING,
        )
        dr_dashboard_dynamodb_throttles_alarm.add_alarm_action(
            cw_actions.SnsAction(dr_alerts_topic),
        )
        dr_dashboard_lambda_errors_alarm = cloudwatch.Alarm(
            self,
            "DrDashboardLambdaErrorsAlarm",
            alarm_name="lambda-errors-" + settings.environment_suffix,
            alarm_description="drplan: alarm lambda-errors of component dr-dashboard",
            metric=cloudwatch.Metric(
                namespace="AWS/Lambda",
                metric_name="Errors",
                statistic="Sum",
                period=cdk.Duration.seconds(300),
                dimensions_map={"FunctionName": dr_function_function.function_name},
            ),
            threshold=5,
            evaluation_periods=1,
            comparison_operator=cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
            treat_missing_data=cloudwatch.TreatMissingData.NOT_BREACHING,
        )
        dr_dashboard_lambda_errors_alarm.add_alarm_action(cw_actions.SnsAction(dr_alerts_topic))
        dr_dashboard_dashboard = cloudwatch.Dashboard(
            self,
            "DrDashboardDashboard",
            dashboard_name="dr-dashboard-" + settings.environment_suffix,
            widgets=[
                [
                    cloudwatch.GraphWidget(
                        title="aurora-high-cpu",
                        left=[
                            cloudwatch.Metric(
                                namespace="AWS/RDS",
                                metric_name="CPUUtilization",
                                statistic="Average",
                                period=cdk.Duration.seconds(300),
                                dimensions_map={
                                    "DBClusterIdentifier": dr_aurora_cluster.cluster_identifier,
                                },
                            ),
                        ],
                        width=12,
                        height=6,
                    ),
                    cloudwatch.GraphWidget(
                        title="dynamodb-throttles",
                        left=[
                            cloudwatch.Metric(
                                namespace="AWS/DynamoDB",
                                metric_name="ReadThrottleEvents",
                                statistic="Sum",
                                period=cdk.Duration.seconds(300),
                                dimensions_map={"TableName": dr_table_table.table_name},
                            ),
                            cloudwatch.Metric(
                                namespace="AWS/DynamoDB",
                                metric_name="WriteThrottleEvents",
                                statistic="Sum",
                                period=cdk.Duration.seconds(300),
                                dimensions_map={"TableName": dr_table_table.table_name},
                            ),
                        ],
                        width=12,
                        height=6,
                    ),
                ],
                [
                    cloudwatch.GraphWidget(
                        title="lambda-errors",
                        left=[
                            cloudwatch.Metric(
                                namespace="AWS/Lambda",
                                metric_name="Errors",
                                statistic="Sum",
                                period=cdk.Duration.seconds(300),
                                dimensions_map={"FunctionName": dr_function_function.function_name},
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
            "DrKeysKey1IdOutput",
            value=dr_keys_key_1.key_id,
            description="Id of KMS key dr-keys-key-1",
        )
        cdk.CfnOutput(
            self,
            "DrKeysKey1ArnOutput",
            value=dr_keys_key_1.key_arn,
            description="ARN of KMS key dr-keys-key-1",
        )
        cdk.CfnOutput(
            self,
            "DrKeysKey2IdOutput",
            value=dr_keys_key_2.key_id,
            description="Id of KMS key dr-keys-key-2",
        )
        cdk.CfnOutput(
            self,
            "DrKeysKey2ArnOutput",
            value=dr_keys_key_2.key_arn,
            description="ARN of KMS key dr-keys-key-2",
        )
        cdk.CfnOutput(
            self,
            "DrKeysKey3IdOutput",
            value=dr_keys_key_3.key_id,
            description="Id of KMS key dr-keys-key-3",
        )
        cdk.CfnOutput(
            self,
            "DrKeysKey3ArnOutput",
            value=dr_keys_key_3.key_arn,
            description="ARN of KMS key dr-keys-key-3",
        )
        cdk.CfnOutput(
            self,
            "DrAlertsTopicArnOutput",
            value=dr_alerts_topic.topic_arn,
            description="ARN of the SNS topic of component dr-alerts",
        )
        cdk.CfnOutput(
            self,
            "DrAlertsTopicNameOutput",
            value=dr_alerts_topic.topic_name,
            description="Name of the SNS topic of component dr-alerts",
        )
        cdk.CfnOutput(
            self,
            "VpcIdOutput",
            value=vpc.vpc_id,
            description="Id of the VPC the bundle creates",
        )
        cdk.CfnOutput(
            self,
            "DrAuroraClusterIdOutput",
            value=dr_aurora_cluster.cluster_identifier,
            description="Identifier of the Aurora cluster of component dr-aurora",
        )
        cdk.CfnOutput(
            self,
            "DrAuroraClusterArnOutput",
            value=dr_aurora_cluster.cluster_arn,
            description="ARN of the Aurora cluster of component dr-aurora",
        )
        cdk.CfnOutput(
            self,
            "DrTableTableNameOutput",
            value=dr_table_table.table_name,
            description="Name of the DynamoDB table of component dr-table",
        )
        cdk.CfnOutput(
            self,
            "DrTableTableArnOutput",
            value=dr_table_table.table_arn,
            description="ARN of the DynamoDB table of component dr-table",
        )
        cdk.CfnOutput(
            self,
            "DrBucketBucketNameOutput",
            value=dr_bucket_bucket.bucket_name,
            description="Name of the S3 bucket of component dr-bucket",
        )
        cdk.CfnOutput(
            self,
            "DrBucketBucketArnOutput",
            value=dr_bucket_bucket.bucket_arn,
            description="ARN of the S3 bucket of component dr-bucket",
        )
        cdk.CfnOutput(
            self,
            "HourlyBackupsVaultNameOutput",
            value=hourly_backups_vault.backup_vault_name,
            description="Name of backup vault hourly-backups-vault",
        )
        cdk.CfnOutput(
            self,
            "DrFunctionFunctionNameOutput",
            value=dr_function_function.function_name,
            description="Name of the backup function of component dr-function",
        )
        cdk.CfnOutput(
            self,
            "DrFunctionFunctionArnOutput",
            value=dr_function_function.function_arn,
            description="ARN of the backup function of component dr-function",
        )
        cdk.CfnOutput(
            self,
            "DrFunctionRoleArnOutput",
            value=dr_function_role.role_arn,
            description="ARN of the execution role of component dr-function",
        )
        cdk.CfnOutput(
            self,
            "DrFunctionLogGroupNameOutput",
            value=dr_function_logs.log_group_name,
            description="Log group of component dr-function",
        )
        cdk.CfnOutput(
            self,
            "DrFunctionLogGroupArnOutput",
            value=dr_function_logs.log_group_arn,
            description="ARN of the log group of component dr-function",
        )
        cdk.CfnOutput(
            self,
            "DrDashboardDashboardNameOutput",
            value=dr_dashboard_dashboard.dashboard_name,
            description="Name of CloudWatch dashboard 1 of component dr-dashboard",
        )
