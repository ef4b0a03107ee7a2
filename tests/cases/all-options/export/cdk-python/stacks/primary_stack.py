"""Primary stack (eu-west-1) of the drplan export of plan Every export option: new and existing data stores, all alarm kinds."""

import os

import aws_cdk as cdk
from aws_cdk import aws_backup as backup
from aws_cdk import aws_cloudwatch as cloudwatch
from aws_cdk import aws_cloudwatch_actions as cw_actions
from aws_cdk import aws_codecommit as codecommit
from aws_cdk import aws_dynamodb as dynamodb
from aws_cdk import aws_ec2 as ec2
from aws_cdk import aws_events as events
from aws_cdk import aws_events_targets as targets
from aws_cdk import aws_iam as iam
from aws_cdk import aws_kms as kms
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_logs as logs
from aws_cdk import aws_rds as rds
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
    """Primary stack of the plan, in eu-west-1."""

    def __init__(self, scope: Construct, construct_id: str, *, settings: Settings, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)
        # component keys
        keys_key_1 = kms.Key(
            self,
            "KeysKey1",
            description="drplan: customer-managed key 1 of 2 (component keys)",
            enable_key_rotation=True,
            removal_policy=cdk.RemovalPolicy.RETAIN,
        )
        keys_key_1.add_to_resource_policy(
            iam.PolicyStatement(
                sid="AllowPublishFromEvents",
                effect=iam.Effect.ALLOW,
                actions=["kms:GenerateDataKey*", "kms:Decrypt"],
                resources=["*"],
                principals=[iam.ServicePrincipal("events.amazonaws.com")],
            ),
        )
        keys_key_1.add_to_resource_policy(
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
        keys_key_1.add_to_resource_policy(
            iam.PolicyStatement(
                sid="AllowPublishFromCloudwatch",
                effect=iam.Effect.ALLOW,
                actions=["kms:GenerateDataKey*", "kms:Decrypt"],
                resources=["*"],
                principals=[iam.ServicePrincipal("cloudwatch.amazonaws.com")],
            ),
        )
        keys_key_2 = kms.Key(
            self,
            "KeysKey2",
            description="drplan: customer-managed key 2 of 2 (component keys)",
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

        # component alerts
        alerts_topic = sns.Topic(self, "AlertsTopic", master_key=keys_key_1, enforce_ssl=True)
        alerts_topic.add_subscription(subs.EmailSubscription(settings.notification_email))
        alerts_topic.add_subscription(subs.EmailSubscription("oncall+backup@example.org"))
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

        # component assets
        assets_replication_role = iam.Role(
            self,
            "AssetsReplicationRole",
            assumed_by=iam.ServicePrincipal("s3.amazonaws.com"),
            description="S3 replication of component assets to the DR region",
        )
        assets_bucket = s3.Bucket(
            self,
            "AssetsBucket",
            encryption=s3.BucketEncryption.KMS,
            encryption_key=keys_key_1,
            bucket_key_enabled=True,
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
                    transitions=[
                        s3.Transition(
                            storage_class=s3.StorageClass.INFREQUENT_ACCESS,
                            transition_after=cdk.Duration.days(30),
                        ),
                        s3.Transition(
                            storage_class=s3.StorageClass.GLACIER_INSTANT_RETRIEVAL,
                            transition_after=cdk.Duration.days(60),
                        ),
                        s3.Transition(
                            storage_class=s3.StorageClass.DEEP_ARCHIVE,
                            transition_after=cdk.Duration.days(180),
                        ),
                    ],
                    expiration=cdk.Duration.days(730),
                    noncurrent_version_transitions=[
                        s3.NoncurrentVersionTransition(
                            storage_class=s3.StorageClass.INFREQUENT_ACCESS,
                            transition_after=cdk.Duration.days(30),
                        ),
                        s3.NoncurrentVersionTransition(
                            storage_class=s3.StorageClass.GLACIER,
                            transition_after=cdk.Duration.days(60),
                        ),
                    ],
                    noncurrent_version_expiration=cdk.Duration.days(365),
                    abort_incomplete_multipart_upload_after=cdk.Duration.days(7),
                ),
            ],
            replication_role=assets_replication_role.without_policy_updates(),
            replication_rules=[
                s3.ReplicationRule(
                    id="drplan-replication",
                    priority=1,
                    destination=s3.Bucket.from_bucket_arn(
                        self,
                        "AssetsBucketReplicaDestination",
                        "arn:" + cdk.Aws.PARTITION + ":s3:::" + settings.project_name + "-assets-" + cdk.Aws.ACCOUNT_ID,
                    ),
                    storage_class=s3.StorageClass.GLACIER_INSTANT_RETRIEVAL,
                    delete_marker_replication=False,
                    kms_key=kms.Key.from_key_arn(
                        self,
                        "AssetsBucketReplicaKeyRef",
                        "arn:" + cdk.Aws.PARTITION + ":kms:" + settings.dr_region + ":" + cdk.Aws.ACCOUNT_ID + ":alias/" + settings.project_name + "/dr",
                    ),
                    sse_kms_encrypted_objects=True,
                    replication_time_control=s3.ReplicationTimeValue.FIFTEEN_MINUTES,
                    metrics=s3.ReplicationTimeValue.FIFTEEN_MINUTES,
                ),
            ],
            removal_policy=cdk.RemovalPolicy.RETAIN,
        )

        # component legacy-uploads

        # component cold-archive
        cold_archive_bucket = s3.Bucket(
            self,
            "ColdArchiveBucket",
            encryption=s3.BucketEncryption.KMS,
            encryption_key=keys_key_1,
            bucket_key_enabled=True,
            versioned=False,
            block_public_access=s3.BlockPublicAccess.BLOCK_ALL,
            object_ownership=s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
            enforce_ssl=True,
            server_access_logs_bucket=access_logs,
            server_access_logs_prefix="cold-archive/",
            lifecycle_rules=[
                s3.LifecycleRule(
                    id="drplan-lifecycle",
                    enabled=True,
                    transitions=[
                        s3.Transition(
                            storage_class=s3.StorageClass.GLACIER,
                            transition_after=cdk.Duration.days(0),
                        ),
                        s3.Transition(
                            storage_class=s3.StorageClass.DEEP_ARCHIVE,
                            transition_after=cdk.Duration.days(120),
                        ),
                    ],
                    abort_incomplete_multipart_upload_after=cdk.Duration.days(7),
                ),
            ],
            removal_policy=cdk.RemovalPolicy.RETAIN,
        )

        # component orders
        orders_table = dynamodb.TableV2(
            self,
            "OrdersTable",
            table_name=settings.project_name + "-" + settings.environment + "-orders",
            partition_key=dynamodb.Attribute(name="pk", type=dynamodb.AttributeType.STRING),
            sort_key=dynamodb.Attribute(name="sk", type=dynamodb.AttributeType.STRING),
            billing=dynamodb.Billing.on_demand(),
            encryption=dynamodb.TableEncryptionV2.customer_managed_key(
                keys_key_2,
                helpers.region_map(
                    settings.dr_region,
                    "arn:" + cdk.Aws.PARTITION + ":kms:" + settings.dr_region + ":" + cdk.Aws.ACCOUNT_ID + ":alias/" + settings.project_name + "/dr",
                ),
            ),
            point_in_time_recovery_specification=dynamodb.PointInTimeRecoverySpecification(
                point_in_time_recovery_enabled=True,
                recovery_period_in_days=14,
            ),
            deletion_protection=True,
            replicas=[dynamodb.ReplicaTableProps(region=settings.dr_region)],
            removal_policy=cdk.RemovalPolicy.RETAIN,
        )

        # component sessions
        sessions_table = dynamodb.TableV2(
            self,
            "SessionsTable",
            table_name=settings.project_name + "-" + settings.environment + "-sessions",
            partition_key=dynamodb.Attribute(name="pk", type=dynamodb.AttributeType.STRING),
            sort_key=dynamodb.Attribute(name="sk", type=dynamodb.AttributeType.STRING),
            billing=dynamodb.Billing.on_demand(),
            encryption=dynamodb.TableEncryptionV2.customer_managed_key(keys_key_1),
            point_in_time_recovery_specification=dynamodb.PointInTimeRecoverySpecification(
                point_in_time_recovery_enabled=False,
            ),
            deletion_protection=True,
            removal_policy=cdk.RemovalPolicy.RETAIN,
        )
        cdk.Validations.of(sessions_table).acknowledge(
            cdk.Acknowledgment(
                id="AwsSolutions-DDB3",
                reason="the plan turns point-in-time recovery off for this table (pitr.enabled: false)",
            ),
        )

        # component billing-db
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
        billing_db_subnets = rds.SubnetGroup(
            self,
            "BillingDbSubnets",
            description="drplan: private subnets of component billing-db",
            vpc=network,
            vpc_subnets=ec2.SubnetSelection(subnets=network.private_subnets),
        )
        billing_db_db_sg = ec2.SecurityGroup(
            self,
            "BillingDbDbSg",
            vpc=network,
            description="drplan: database",
            allow_all_outbound=False,
        )
        billing_db_db_sg.add_ingress_rule(
            ec2.Peer.ipv4(settings.vpc_cidr),
            ec2.Port.tcp(5432),
            "Clients in the VPC reach the database",
        )
        billing_db_db = rds.DatabaseInstance(
            self,
            "BillingDbDb",
            engine=rds.DatabaseInstanceEngine.postgres(
                version=rds.PostgresEngineVersion.of("17", "17"),
            ),
            instance_type=ec2.InstanceType(settings.billing_db_class.replace("db.", "")),
            vpc=network,
            subnet_group=billing_db_subnets,
            security_groups=[billing_db_db_sg],
            allocated_storage=50,
            storage_type=rds.StorageType.GP2,
            storage_encrypted=True,
            storage_encryption_key=keys_key_2,
            multi_az=True,
            publicly_accessible=False,
            deletion_protection=True,
            iam_authentication=True,
            manage_master_user_password=True,
            credentials=rds.Credentials.from_username("dbadmin"),
            backup_retention=cdk.Duration.days(14),
            copy_tags_to_snapshot=True,
            auto_minor_version_upgrade=True,
            removal_policy=cdk.RemovalPolicy.SNAPSHOT,
        )
        billing_db_db_cfn = helpers.default_child(billing_db_db)
        # On once the DR key's ARN is given (README, step two).
        if settings.dr_key_arn:
            billing_db_db_cfn.add_property_override(
                "AutomaticBackupReplicationRegion",
                settings.dr_region,
            )
            billing_db_db_cfn.add_property_override(
                "AutomaticBackupReplicationKmsKeyId",
                settings.dr_key_arn,
            )
            billing_db_db_cfn.add_property_override("AutomaticBackupReplicationRetentionPeriod", 7)
        # cfn-lint W3691: RDS takes the major version alone and creates the instance with the preferred minor version (automatic minor upgrades keep it current); the linter's version list omits or misflags the ...
        helpers.cfn_lint_ignore(billing_db_db, ["W3691"])
        cdk.Validations.of(billing_db_db).acknowledge(
            cdk.Acknowledgment(
                id="AwsSolutions-RDS11",
                reason="the engine's default port is kept so that existing clients connect unchanged; only the VPC CIDR may reach it",
            ),
        )

        # component catalog
        catalog_subnets = rds.SubnetGroup(
            self,
            "CatalogSubnets",
            description="drplan: private subnets of component catalog",
            vpc=network,
            vpc_subnets=ec2.SubnetSelection(subnets=network.private_subnets),
        )
        catalog_db_sg = ec2.SecurityGroup(
            self,
            "CatalogDbSg",
            vpc=network,
            description="drplan: database",
            allow_all_outbound=False,
        )
        catalog_db_sg.add_ingress_rule(
            ec2.Peer.ipv4(settings.vpc_cidr),
            ec2.Port.tcp(3306),
            "Clients in the VPC reach the database",
        )
        catalog_cluster = rds.DatabaseCluster(
            self,
            "CatalogCluster",
            engine=rds.DatabaseClusterEngine.aurora_mysql(
                version=rds.AuroraMysqlEngineVersion.VER_3_10_3,
            ),
            writer=rds.ClusterInstance.provisioned(
                "Writer",
                instance_type=ec2.InstanceType("r6g.large"),
                publicly_accessible=False,
                auto_minor_version_upgrade=True,
            ),
            readers=[],
            vpc=network,
            subnet_group=catalog_subnets,
            security_groups=[catalog_db_sg],
            storage_encrypted=True,
            storage_encryption_key=keys_key_2,
            deletion_protection=True,
            iam_authentication=True,
            manage_master_user_password=True,
            credentials=rds.Credentials.from_username("dbadmin"),
            backup=rds.BackupProps(retention=cdk.Duration.days(21)),
            copy_tags_to_snapshot=True,
            removal_policy=cdk.RemovalPolicy.SNAPSHOT,
            backtrack_window=cdk.Duration.hours(24),
        )
        cdk.Validations.of(catalog_cluster).acknowledge(
            cdk.Acknowledgment(
                id="AwsSolutions-RDS11",
                reason="the engine's default port is kept so that existing clients connect unchanged; only the VPC CIDR may reach it",
            ),
        )
        cdk.Validations.of(catalog_cluster).acknowledge(
            cdk.Acknowledgment(
                id="AwsSolutions-RDS16",
                reason="audit log export to CloudWatch Logs is not part of the plan (it adds ingestion charges)",
            ),
        )

        # component endpoints
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

        # component orders
        orders_backup_vault = backup.BackupVault(
            self,
            "OrdersBackupVault",
            backup_vault_name=settings.project_name + "-" + settings.environment + "-orders-backups",
            encryption_key=keys_key_1,
            removal_policy=cdk.RemovalPolicy.RETAIN,
        )
        orders_backups_plan = backup.BackupPlan(
            self,
            "OrdersBackupsPlan",
            backup_plan_name=settings.project_name + "-" + settings.environment + "-orders-backups",
            backup_vault=orders_backup_vault,
            backup_plan_rules=[
                backup.BackupPlanRule(
                    rule_name="on-demand",
                    schedule_expression=events.Schedule.expression("cron(0 3/12 * * ? *)"),
                    start_window=cdk.Duration.minutes(60),
                    completion_window=cdk.Duration.minutes(120),
                    enable_continuous_backup=False,
                    delete_after=cdk.Duration.days(30),
                ),
            ],
        )
        orders_backups_backup_role = iam.Role(
            self,
            "OrdersBackupsBackupRole",
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
        cdk.Validations.of(orders_backups_backup_role).acknowledge(
            cdk.Acknowledgment(
                id="AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup]",
                reason="AWS Backup's documented service-role policy: AWS scopes it to the resource types Backup supports and keeps it current",
            ),
        )
        cdk.Validations.of(orders_backups_backup_role).acknowledge(
            cdk.Acknowledgment(
                id="AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores]",
                reason="AWS Backup's documented service-role policy: AWS scopes it to the resource types Backup supports and keeps it current",
            ),
        )
        orders_backups_selection = orders_backups_plan.add_selection(
            "OrdersBackupsSelection",
            resources=[backup.BackupResource.from_arn(orders_table.table_arn)],
            backup_selection_name="orders-backups-resources",
            role=orders_backups_backup_role.without_policy_updates(),
            disable_default_backup_policy=True,
        )

        # component billing-db
        billing_db_snapshot_vault = backup.BackupVault(
            self,
            "BillingDbSnapshotVault",
            backup_vault_name=settings.project_name + "-" + settings.environment + "-billing-db-snapshots",
            encryption_key=keys_key_1,
            removal_policy=cdk.RemovalPolicy.RETAIN,
        )
        billing_db_snapshots_plan = backup.BackupPlan(
            self,
            "BillingDbSnapshotsPlan",
            backup_plan_name=settings.project_name + "-" + settings.environment + "-billing-db-snapshots",
            backup_vault=billing_db_snapshot_vault,
            backup_plan_rules=[
                backup.BackupPlanRule(
                    rule_name="snapshots",
                    schedule_expression=events.Schedule.expression("cron(0 3 ? * SUN *)"),
                    start_window=cdk.Duration.minutes(60),
                    completion_window=cdk.Duration.minutes(1440),
                    enable_continuous_backup=False,
                    delete_after=cdk.Duration.days(60),
                    copy_actions=[
                        backup.BackupPlanCopyActionProps(
                            destination_backup_vault=backup.BackupVault.from_backup_vault_arn(
                                self,
                                "BillingDbSnapshotsPlanSnapshotsCopyVault",
                                "arn:" + cdk.Aws.PARTITION + ":backup:" + settings.dr_region + ":" + cdk.Aws.ACCOUNT_ID + ":backup-vault:" + settings.project_name + "-" + settings.environment + "-billing-db-snapshots-dr",
                            ),
                            delete_after=cdk.Duration.days(60),
                        ),
                    ],
                ),
            ],
        )
        billing_db_snapshots_backup_role = iam.Role(
            self,
            "BillingDbSnapshotsBackupRole",
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
        cdk.Validations.of(billing_db_snapshots_backup_role).acknowledge(
            cdk.Acknowledgment(
                id="AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup]",
                reason="AWS Backup's documented service-role policy: AWS scopes it to the resource types Backup supports and keeps it current",
            ),
        )
        cdk.Validations.of(billing_db_snapshots_backup_role).acknowledge(
            cdk.Acknowledgment(
                id="AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores]",
                reason="AWS Backup's documented service-role policy: AWS scopes it to the resource types Backup supports and keeps it current",
            ),
        )
        billing_db_snapshots_selection = billing_db_snapshots_plan.add_selection(
            "BillingDbSnapshotsSelection",
            resources=[backup.BackupResource.from_arn(billing_db_db.instance_arn)],
            backup_selection_name="billing-db-snapshots-resources",
            role=billing_db_snapshots_backup_role.without_policy_updates(),
            disable_default_backup_policy=True,
        )

        # component central
        central_vault = backup.BackupVault(
            self,
            "CentralVault",
            backup_vault_name=settings.project_name + "-" + settings.environment + "-central",
            encryption_key=keys_key_1,
            lock_configuration=backup.LockConfiguration(
                min_retention=cdk.Duration.days(7),
                max_retention=cdk.Duration.days(400),
                changeable_for=cdk.Duration.days(3),
            ),
            removal_policy=cdk.RemovalPolicy.RETAIN,
        )
        central_plan = backup.BackupPlan(
            self,
            "CentralPlan",
            backup_plan_name=settings.project_name + "-" + settings.environment + "-central",
            backup_vault=central_vault,
            backup_plan_rules=[
                backup.BackupPlanRule(
                    rule_name="hourly",
                    schedule_expression=events.Schedule.expression("cron(0 * * * ? *)"),
                    start_window=cdk.Duration.minutes(60),
                    completion_window=cdk.Duration.minutes(120),
                    enable_continuous_backup=True,
                    delete_after=cdk.Duration.days(settings.backup_retention_days),
                ),
                backup.BackupPlanRule(
                    rule_name="six-hourly",
                    schedule_expression=events.Schedule.expression("cron(0 1/6 * * ? *)"),
                    start_window=cdk.Duration.minutes(60),
                    completion_window=cdk.Duration.minutes(120),
                    enable_continuous_backup=False,
                    delete_after=cdk.Duration.days(7),
                ),
                backup.BackupPlanRule(
                    rule_name="weekly",
                    schedule_expression=events.Schedule.expression("cron(0 4 ? * SUN *)"),
                    start_window=cdk.Duration.minutes(60),
                    completion_window=cdk.Duration.minutes(1440),
                    enable_continuous_backup=False,
                    delete_after=cdk.Duration.days(120),
                    move_to_cold_storage_after=cdk.Duration.days(30),
                    copy_actions=[
                        backup.BackupPlanCopyActionProps(
                            destination_backup_vault=backup.BackupVault.from_backup_vault_arn(
                                self,
                                "CentralPlanWeeklyCopyVault",
                                "arn:" + cdk.Aws.PARTITION + ":backup:" + settings.dr_region + ":" + cdk.Aws.ACCOUNT_ID + ":backup-vault:" + settings.project_name + "-" + settings.environment + "-central-dr",
                            ),
                            delete_after=cdk.Duration.days(180),
                        ),
                    ],
                ),
            ],
        )
        central_backup_role = iam.Role(
            self,
            "CentralBackupRole",
            assumed_by=iam.ServicePrincipal("backup.amazonaws.com"),
            description="AWS Backup: back up and restore the selected resources",
            managed_policies=[
                iam.ManagedPolicy.from_aws_managed_policy_name(
                    "service-role/AWSBackupServiceRolePolicyForBackup",
                ),
                iam.ManagedPolicy.from_aws_managed_policy_name(
                    "service-role/AWSBackupServiceRolePolicyForRestores",
                ),
                iam.ManagedPolicy.from_aws_managed_policy_name(
                    "AWSBackupServiceRolePolicyForS3Backup",
                ),
                iam.ManagedPolicy.from_aws_managed_policy_name(
                    "AWSBackupServiceRolePolicyForS3Restore",
                ),
            ],
        )
        cdk.Validations.of(central_backup_role).acknowledge(
            cdk.Acknowledgment(
                id="AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup]",
                reason="AWS Backup's documented service-role policy: AWS scopes it to the resource types Backup supports and keeps it current",
            ),
        )
        cdk.Validations.of(central_backup_role).acknowledge(
            cdk.Acknowledgment(
                id="AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores]",
                reason="AWS Backup's documented service-role policy: AWS scopes it to the resource types Backup supports and keeps it current",
            ),
        )
        cdk.Validations.of(central_backup_role).acknowledge(
            cdk.Acknowledgment(
                id="AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/AWSBackupServiceRolePolicyForS3Backup]",
                reason="AWS Backup's documented service-role policy: AWS scopes it to the resource types Backup supports and keeps it current",
            ),
        )
        cdk.Validations.of(central_backup_role).acknowledge(
            cdk.Acknowledgment(
                id="AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/AWSBackupServiceRolePolicyForS3Restore]",
                reason="AWS Backup's documented service-role policy: AWS scopes it to the resource types Backup supports and keeps it current",
            ),
        )
        for list_item in settings.legacy_database_ids:
            central_legacy_database_ids_selection = central_plan.add_selection(
                "CentralLegacyDatabaseIdsSelection" + list_item,
                resources=[
                    backup.BackupResource.from_arn(
                        "arn:" + cdk.Aws.PARTITION + ":rds:" + self.region + ":" + cdk.Aws.ACCOUNT_ID + ":db:" + list_item,
                    ),
                ],
                backup_selection_name="central-" + list_item,
                role=central_backup_role.without_policy_updates(),
                disable_default_backup_policy=True,
            )
        central_selection = central_plan.add_selection(
            "CentralSelection",
            resources=[
                backup.BackupResource.from_arn(catalog_cluster.cluster_arn),
                backup.BackupResource.from_arn(assets_bucket.bucket_arn),
                backup.BackupResource.from_arn(sessions_table.table_arn),
            ],
            backup_selection_name="central-resources",
            role=central_backup_role.without_policy_updates(),
            disable_default_backup_policy=True,
        )
        central_job_events = events.Rule(
            self,
            "CentralJobEvents",
            description="drplan: failed AWS Backup backup and copy jobs, to SNS",
            event_pattern=events.EventPattern(
                source=["aws.backup"],
                detail_type=["Backup Job State Change", "Copy Job State Change"],
                detail={"state": ["FAILED", "ABORTED", "EXPIRED"]},
            ),
            targets=[targets.SnsTopic(alerts_topic)],
        )

        # component snapshots
        snapshots_logs = logs.LogGroup(
            self,
            "SnapshotsLogs",
            log_group_name="/drplan/" + settings.project_name + "/snapshots",
            retention=logs.RetentionDays.ONE_YEAR,
            encryption_key=keys_key_1,
            removal_policy=cdk.RemovalPolicy.RETAIN,
        )
        helpers.default_child(snapshots_logs).add_property_override(
            "RetentionInDays",
            settings.snapshot_log_retention_days,
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
                resources=[keys_key_1.key_arn],
            ),
            iam.PolicyStatement(
                sid="SnapshotCatalog",
                effect=iam.Effect.ALLOW,
                actions=["rds:CreateDBClusterSnapshot", "rds:AddTagsToResource"],
                resources=[
                    "arn:" + cdk.Aws.PARTITION + ":rds:" + self.region + ":" + cdk.Aws.ACCOUNT_ID + ":cluster-snapshot:drplan-catalog-*",
                    catalog_cluster.cluster_arn,
                ],
            ),
            iam.PolicyStatement(
                sid="DeleteExpiredCatalog",
                effect=iam.Effect.ALLOW,
                actions=["rds:DeleteDBClusterSnapshot"],
                resources=[
                    "arn:" + cdk.Aws.PARTITION + ":rds:" + self.region + ":" + cdk.Aws.ACCOUNT_ID + ":cluster-snapshot:drplan-catalog-*",
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
            iam.PolicyStatement(
                sid="NotifyFailures",
                effect=iam.Effect.ALLOW,
                actions=["sns:Publish"],
                resources=[alerts_topic.topic_arn],
            ),
            iam.PolicyStatement(
                sid="EncryptNotifications",
                effect=iam.Effect.ALLOW,
                actions=["kms:GenerateDataKey", "kms:Decrypt"],
                resources=[keys_key_1.key_arn],
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
                "",
                "",
            ],
        )
        for list_item in settings.legacy_database_ids:
            snapshots_legacy_database_ids_policy_statements = [
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
                    sid="DeleteExpired",
                    effect=iam.Effect.ALLOW,
                    actions=["rds:DeleteDBSnapshot"],
                    resources=[
                        "arn:" + cdk.Aws.PARTITION + ":rds:" + self.region + ":" + cdk.Aws.ACCOUNT_ID + ":snapshot:drplan-" + list_item + "-*",
                    ],
                ),
            ]
            snapshots_legacy_database_ids_policy = iam.Policy(
                self,
                "SnapshotsLegacyDatabaseIdsPolicy" + list_item,
                roles=[snapshots_role],
                statements=snapshots_legacy_database_ids_policy_statements,
            )
            helpers.acknowledge_wildcards(
                snapshots_legacy_database_ids_policy,
                snapshots_legacy_database_ids_policy_statements,
                [
                    "snapshot names carry a timestamp: the grant covers this function's drplan-<instance>- snapshots only",
                    "cleanup deletes only this function's drplan-<instance>- snapshots, whose names carry a timestamp",
                ],
            )
        snapshots_function = lambda_.Function(
            self,
            "SnapshotsFunction",
            function_name=settings.project_name + "-" + settings.environment + "-snapshots",
            description="drplan backup orchestration (snapshot,export,cleanup,verify) for component snapshots",
            runtime=lambda_.Runtime(settings.snapshot_runtime, lambda_.RuntimeFamily.PYTHON),
            handler="handler.handler",
            code=lambda_.Code.from_asset(os.path.join(BUNDLE_DIR, "lambda", "backup")),
            memory_size=settings.snapshot_memory_mb,
            timeout=cdk.Duration.seconds(settings.snapshot_timeout_seconds),
            architecture=lambda_.Architecture.ARM_64,
            role=snapshots_role.without_policy_updates(),
            log_group=snapshots_logs,
            environment={
                "TASKS": "snapshot,export,cleanup,verify",
                "METRIC_NAMESPACE": "CustomMetrics/DatabaseBackup",
                "SNAPSHOT_PREFIX": "drplan",
                "TARGETS": "[{\"copy_to_dr\":false,\"env\":\"TARGET_CATALOG\",\"export\":false,\"id\":\"catalog\",\"kind\":\"aurora\",\"retention_days\":21},{\"copy_to_dr\":false,\"env\":\"LEGACY_DATABASE_IDS\",\"export\":false,\"id\":\"legacy_database_ids\",\"kind\":\"rds\",\"list\":true,\"retention_days\":30}]",
                "NOTIFY_TOPIC_ARN": alerts_topic.topic_arn,
                "TARGET_CATALOG": catalog_cluster.cluster_identifier,
                "LEGACY_DATABASE_IDS": helpers.join_list(settings.legacy_database_ids),
            },
            environment_encryption=keys_key_1,
            dead_letter_topic=alerts_topic,
        )
        # CDK makes the function depend on its role explicitly, on top of the Role reference; cfn-lint W3005 notes the
        # duplicate, which is harmless.
        helpers.cfn_lint_ignore(snapshots_function, ["W3005"])

        # component verifier
        verifier_logs = logs.LogGroup(
            self,
            "VerifierLogs",
            log_group_name="/drplan/" + settings.project_name + "/verifier",
            retention=logs.RetentionDays.TWO_WEEKS,
            encryption_key=keys_key_1,
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
                resources=[keys_key_1.key_arn],
            ),
            iam.PolicyStatement(
                sid="VerifyOrders",
                effect=iam.Effect.ALLOW,
                actions=["dynamodb:DescribeContinuousBackups"],
                resources=[orders_table.table_arn],
            ),
            iam.PolicyStatement(
                sid="VerifyAssets",
                effect=iam.Effect.ALLOW,
                actions=["s3:GetBucketVersioning", "s3:GetReplicationConfiguration"],
                resources=[assets_bucket.bucket_arn],
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
            function_name=settings.project_name + "-" + settings.environment + "-verifier",
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
                "TARGETS": "[{\"env\":\"TARGET_ORDERS\",\"id\":\"orders\",\"kind\":\"dynamodb\",\"pitr\":true},{\"env\":\"TARGET_ASSETS\",\"id\":\"assets\",\"kind\":\"s3\",\"replication\":true}]",
                "TARGET_ORDERS": orders_table.table_name,
                "TARGET_ASSETS": assets_bucket.bucket_name,
            },
            environment_encryption=keys_key_1,
            reserved_concurrent_executions=2,
            vpc=network,
            vpc_subnets=ec2.SubnetSelection(subnets=network.private_subnets),
            security_groups=[verifier_function_sg],
        )
        # CDK makes the function depend on its role explicitly, on top of the Role reference; cfn-lint W3005 notes the
        # duplicate, which is harmless.
        helpers.cfn_lint_ignore(verifier_function, ["W3005"])

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

        # component hourly-check
        hourly_check_schedule = events.Rule(
            self,
            "HourlyCheckSchedule",
            description="drplan: runs verifier-function on rate(1 hour)",
            schedule=events.Schedule.expression("rate(1 hour)"),
            targets=[
                targets.LambdaFunction(
                    verifier_function,
                    event=events.RuleTargetInput.from_object({"backup_type": "verify"}),
                ),
            ],
        )

        # component config
        config_config_bucket = s3.Bucket(
            self,
            "ConfigConfigBucket",
            encryption=s3.BucketEncryption.KMS,
            encryption_key=keys_key_1,
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
            encryption_key=keys_key_1,
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
                resources=[keys_key_1.key_arn],
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
                resources=[keys_key_1.key_arn],
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
            function_name=settings.project_name + "-" + settings.environment + "-config-export",
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
            environment_encryption=keys_key_1,
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
            repository_name=settings.project_name + "-" + settings.environment + "-config",
            description="drplan: mirror of the infrastructure repository, for redeploying after a disaster",
            kms_key=keys_key_1,
        )
        config_repository.apply_removal_policy(cdk.RemovalPolicy.RETAIN)

        # component ops
        ops_backup_failure_alarm = cloudwatch.Alarm(
            self,
            "OpsBackupFailureAlarm",
            alarm_name=settings.project_name + "-" + settings.environment + "-backup-failure",
            alarm_description="drplan: alarm backup-failure of component ops",
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
        ops_backup_failure_alarm.add_alarm_action(cw_actions.SnsAction(alerts_topic))
        ops_snapshot_age_alarm = cloudwatch.Alarm(
            self,
            "OpsSnapshotAgeAlarm",
            alarm_name=settings.project_name + "-" + settings.environment + "-snapshot-age",
            alarm_description="drplan: alarm snapshot-age of component ops",
            metric=cloudwatch.Metric(
                namespace="CustomMetrics/DatabaseBackup",
                metric_name="SnapshotAge",
                statistic="Maximum",
                period=cdk.Duration.seconds(3600),
            ),
            threshold=30,
            evaluation_periods=1,
            comparison_operator=cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
            treat_missing_data=cloudwatch.TreatMissingData.BREACHING,
        )
        ops_snapshot_age_alarm.add_alarm_action(cw_actions.SnsAction(alerts_topic))
        ops_backup_jobs_alarm = cloudwatch.Alarm(
            self,
            "OpsBackupJobsAlarm",
            alarm_name=settings.project_name + "-" + settings.environment + "-backup-jobs",
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
        ops_replication_latency_alarm = cloudwatch.Alarm(
            self,
            "OpsReplicationLatencyAlarm",
            alarm_name=settings.project_name + "-" + settings.environment + "-replication-latency",
            alarm_description="drplan: alarm replication-latency of component ops",
            metric=cloudwatch.Metric(
                namespace="AWS/S3",
                metric_name="ReplicationLatency",
                statistic="Maximum",
                period=cdk.Duration.seconds(300),
                dimensions_map={
                    "SourceBucket": assets_bucket.bucket_name,
                    "DestinationBucket": settings.project_name + "-assets-" + cdk.Aws.ACCOUNT_ID,
                    "RuleId": "drplan-replication",
                },
            ),
            threshold=900,
            evaluation_periods=1,
            comparison_operator=cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
            treat_missing_data=cloudwatch.TreatMissingData.NOT_BREACHING,
        )
        ops_replication_latency_alarm.add_alarm_action(cw_actions.SnsAction(alerts_topic))
        ops_replication_failures_alarm = cloudwatch.Alarm(
            self,
            "OpsReplicationFailuresAlarm",
            alarm_name=settings.project_name + "-" + settings.environment + "-replication-failures",
            alarm_description="drplan: alarm replication-failures of component ops",
            metric=cloudwatch.Metric(
                namespace="AWS/S3",
                metric_name="OperationsFailedReplication",
                statistic="Sum",
                period=cdk.Duration.seconds(300),
                dimensions_map={
                    "SourceBucket": assets_bucket.bucket_name,
                    "DestinationBucket": settings.project_name + "-assets-" + cdk.Aws.ACCOUNT_ID,
                    "RuleId": "drplan-replication",
                },
            ),
            threshold=0,
            evaluation_periods=1,
            comparison_operator=cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
            treat_missing_data=cloudwatch.TreatMissingData.NOT_BREACHING,
        )
        ops_replication_failures_alarm.add_alarm_action(cw_actions.SnsAction(alerts_topic))
        ops_snapshot_errors_alarm = cloudwatch.Alarm(
            self,
            "OpsSnapshotErrorsAlarm",
            alarm_name=settings.project_name + "-" + settings.environment + "-snapshot-errors",
            alarm_description="drplan: alarm snapshot-errors of component ops",
            metric=cloudwatch.Metric(
                namespace="AWS/Lambda",
                metric_name="Errors",
                statistic="Sum",
                period=cdk.Duration.seconds(300),
                dimensions_map={"FunctionName": snapshots_function.function_name},
            ),
            threshold=0,
            evaluation_periods=1,
            comparison_operator=cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
            treat_missing_data=cloudwatch.TreatMissingData.NOT_BREACHING,
        )
        ops_snapshot_errors_alarm.add_alarm_action(cw_actions.SnsAction(alerts_topic))
        ops_catalog_cpu_alarm = cloudwatch.Alarm(
            self,
            "OpsCatalogCpuAlarm",
            alarm_name=settings.project_name + "-" + settings.environment + "-catalog-cpu",
            alarm_description="drplan: alarm catalog-cpu of component ops",
            metric=cloudwatch.Metric(
                namespace="AWS/RDS",
                metric_name="CPUUtilization",
                statistic="Average",
                period=cdk.Duration.seconds(300),
                dimensions_map={"DBClusterIdentifier": catalog_cluster.cluster_identifier},
            ),
            threshold=75,
            evaluation_periods=3,
            comparison_operator=cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
            treat_missing_data=cloudwatch.TreatMissingData.NOT_BREACHING,
        )
        ops_catalog_cpu_alarm.add_alarm_action(cw_actions.SnsAction(alerts_topic))
        ops_billing_connections_alarm = cloudwatch.Alarm(
            self,
            "OpsBillingConnectionsAlarm",
            alarm_name=settings.project_name + "-" + settings.environment + "-billing-connections",
            alarm_description="drplan: alarm billing-connections of component ops",
            metric=cloudwatch.Metric(
                namespace="AWS/RDS",
                metric_name="DatabaseConnections",
                statistic="Average",
                period=cdk.Duration.seconds(300),
                dimensions_map={"DBInstanceIdentifier": billing_db_db.instance_identifier},
            ),
            threshold=100,
            evaluation_periods=1,
            comparison_operator=cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
            treat_missing_data=cloudwatch.TreatMissingData.NOT_BREACHING,
        )
        ops_billing_connections_alarm.add_alarm_action(cw_actions.SnsAction(alerts_topic))
        ops_orders_throttles_alarm = cloudwatch.Alarm(
            self,
            "OpsOrdersThrottlesAlarm",
            alarm_name=settings.project_name + "-" + settings.environment + "-orders-throttles",
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
        ops_1_dashboard = cloudwatch.Dashboard(
            self,
            "Ops1Dashboard",
            dashboard_name=settings.project_name + "-" + settings.environment + "-ops-1",
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
                        title="replication-latency",
                        left=[
                            cloudwatch.Metric(
                                namespace="AWS/S3",
                                metric_name="ReplicationLatency",
                                statistic="Maximum",
                                period=cdk.Duration.seconds(300),
                                dimensions_map={
                                    "SourceBucket": assets_bucket.bucket_name,
                                    "DestinationBucket": settings.project_name + "-assets-" + cdk.Aws.ACCOUNT_ID,
                                    "RuleId": "drplan-replication",
                                },
                            ),
                        ],
                        width=12,
                        height=6,
                    ),
                    cloudwatch.GraphWidget(
                        title="replication-failures",
                        left=[
                            cloudwatch.Metric(
                                namespace="AWS/S3",
                                metric_name="OperationsFailedReplication",
                                statistic="Sum",
                                period=cdk.Duration.seconds(300),
                                dimensions_map={
                                    "SourceBucket": assets_bucket.bucket_name,
                                    "DestinationBucket": settings.project_name + "-assets-" + cdk.Aws.ACCOUNT_ID,
                                    "RuleId": "drplan-replication",
                                },
                            ),
                        ],
                        width=12,
                        height=6,
                    ),
                ],
                [
                    cloudwatch.GraphWidget(
                        title="snapshot-errors",
                        left=[
                            cloudwatch.Metric(
                                namespace="AWS/Lambda",
                                metric_name="Errors",
                                statistic="Sum",
                                period=cdk.Duration.seconds(300),
                                dimensions_map={"FunctionName": snapshots_function.function_name},
                            ),
                        ],
                        width=12,
                        height=6,
                    ),
                    cloudwatch.GraphWidget(
                        title="catalog-cpu",
                        left=[
                            cloudwatch.Metric(
                                namespace="AWS/RDS",
                                metric_name="CPUUtilization",
                                statistic="Average",
                                period=cdk.Duration.seconds(300),
                                dimensions_map={
                                    "DBClusterIdentifier": catalog_cluster.cluster_identifier,
                                },
                            ),
                        ],
                        width=12,
                        height=6,
                    ),
                ],
                [
                    cloudwatch.GraphWidget(
                        title="billing-connections",
                        left=[
                            cloudwatch.Metric(
                                namespace="AWS/RDS",
                                metric_name="DatabaseConnections",
                                statistic="Average",
                                period=cdk.Duration.seconds(300),
                                dimensions_map={
                                    "DBInstanceIdentifier": billing_db_db.instance_identifier,
                                },
                            ),
                        ],
                        width=12,
                        height=6,
                    ),
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
        ops_2_dashboard = cloudwatch.Dashboard(
            self,
            "Ops2Dashboard",
            dashboard_name=settings.project_name + "-" + settings.environment + "-ops-2",
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
                        title="replication-latency",
                        left=[
                            cloudwatch.Metric(
                                namespace="AWS/S3",
                                metric_name="ReplicationLatency",
                                statistic="Maximum",
                                period=cdk.Duration.seconds(300),
                                dimensions_map={
                                    "SourceBucket": assets_bucket.bucket_name,
                                    "DestinationBucket": settings.project_name + "-assets-" + cdk.Aws.ACCOUNT_ID,
                                    "RuleId": "drplan-replication",
                                },
                            ),
                        ],
                        width=12,
                        height=6,
                    ),
                    cloudwatch.GraphWidget(
                        title="replication-failures",
                        left=[
                            cloudwatch.Metric(
                                namespace="AWS/S3",
                                metric_name="OperationsFailedReplication",
                                statistic="Sum",
                                period=cdk.Duration.seconds(300),
                                dimensions_map={
                                    "SourceBucket": assets_bucket.bucket_name,
                                    "DestinationBucket": settings.project_name + "-assets-" + cdk.Aws.ACCOUNT_ID,
                                    "RuleId": "drplan-replication",
                                },
                            ),
                        ],
                        width=12,
                        height=6,
                    ),
                ],
                [
                    cloudwatch.GraphWidget(
                        title="snapshot-errors",
                        left=[
                            cloudwatch.Metric(
                                namespace="AWS/Lambda",
                                metric_name="Errors",
                                statistic="Sum",
                                period=cdk.Duration.seconds(300),
                                dimensions_map={"FunctionName": snapshots_function.function_name},
                            ),
                        ],
                        width=12,
                        height=6,
                    ),
                    cloudwatch.GraphWidget(
                        title="catalog-cpu",
                        left=[
                            cloudwatch.Metric(
                                namespace="AWS/RDS",
                                metric_name="CPUUtilization",
                                statistic="Average",
                                period=cdk.Duration.seconds(300),
                                dimensions_map={
                                    "DBClusterIdentifier": catalog_cluster.cluster_identifier,
                                },
                            ),
                        ],
                        width=12,
                        height=6,
                    ),
                ],
                [
                    cloudwatch.GraphWidget(
                        title="billing-connections",
                        left=[
                            cloudwatch.Metric(
                                namespace="AWS/RDS",
                                metric_name="DatabaseConnections",
                                statistic="Average",
                                period=cdk.Duration.seconds(300),
                                dimensions_map={
                                    "DBInstanceIdentifier": billing_db_db.instance_identifier,
                                },
                            ),
                        ],
                        width=12,
                        height=6,
                    ),
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

        # component failover
        # Route 53 health checks have no L2 construct: this is the CloudFormation resource.
        failover_primary_health_check = route53.CfnHealthCheck(
            self,
            "FailoverPrimaryHealthCheck",
            health_check_config=route53.CfnHealthCheck.HealthCheckConfigProperty(
                type="HTTPS",
                fully_qualified_domain_name=settings.failover_primary_endpoint,
                port=443,
                resource_path="/",
                request_interval=10,
                failure_threshold=2,
            ),
            health_check_tags=[
                route53.CfnHealthCheck.HealthCheckTagProperty(
                    key="Name",
                    value=settings.project_name + "-" + settings.environment + "-failover-primary",
                ),
            ],
        )
        # Route 53 health checks have no L2 construct: this is the CloudFormation resource.
        failover_secondary_health_check = route53.CfnHealthCheck(
            self,
            "FailoverSecondaryHealthCheck",
            health_check_config=route53.CfnHealthCheck.HealthCheckConfigProperty(
                type="HTTPS",
                fully_qualified_domain_name=settings.failover_secondary_endpoint,
                port=443,
                resource_path="/",
                request_interval=10,
                failure_threshold=2,
            ),
            health_check_tags=[
                route53.CfnHealthCheck.HealthCheckTagProperty(
                    key="Name",
                    value=settings.project_name + "-" + settings.environment + "-failover-secondary",
                ),
            ],
        )
        failover_primary_record = route53.CnameRecord(
            self,
            "FailoverPrimaryRecord",
            zone=route53.HostedZone.from_hosted_zone_id(
                self,
                "FailoverPrimaryRecordZone",
                settings.failover_hosted_zone_id,
            ),
            record_name=settings.failover_record_name + ".",
            domain_name=settings.failover_primary_endpoint,
            ttl=cdk.Duration.seconds(60),
            set_identifier="failover-primary",
            failover=route53.Failover.PRIMARY,
            health_check=route53.HealthCheck.from_health_check_id(
                self,
                "FailoverPrimaryRecordCheck",
                failover_primary_health_check.attr_health_check_id,
            ),
        )
        failover_secondary_record = route53.CnameRecord(
            self,
            "FailoverSecondaryRecord",
            zone=route53.HostedZone.from_hosted_zone_id(
                self,
                "FailoverSecondaryRecordZone",
                settings.failover_hosted_zone_id,
            ),
            record_name=settings.failover_record_name + ".",
            domain_name=settings.failover_secondary_endpoint,
            ttl=cdk.Duration.seconds(60),
            set_identifier="failover-secondary",
            failover=route53.Failover.SECONDARY,
            health_check=route53.HealthCheck.from_health_check_id(
                self,
                "FailoverSecondaryRecordCheck",
                failover_secondary_health_check.attr_health_check_id,
            ),
        )

        cdk.CfnOutput(
            self,
            "KeysKey1IdOutput",
            value=keys_key_1.key_id,
            description="Id of KMS key keys-key-1",
        )
        cdk.CfnOutput(
            self,
            "KeysKey1ArnOutput",
            value=keys_key_1.key_arn,
            description="ARN of KMS key keys-key-1",
        )
        cdk.CfnOutput(
            self,
            "KeysKey2IdOutput",
            value=keys_key_2.key_id,
            description="Id of KMS key keys-key-2",
        )
        cdk.CfnOutput(
            self,
            "KeysKey2ArnOutput",
            value=keys_key_2.key_arn,
            description="ARN of KMS key keys-key-2",
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
            "AssetsBucketOutput",
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
            "ColdArchiveBucketNameOutput",
            value=cold_archive_bucket.bucket_name,
            description="Name of the S3 bucket of component cold-archive",
        )
        cdk.CfnOutput(
            self,
            "ColdArchiveBucketArnOutput",
            value=cold_archive_bucket.bucket_arn,
            description="ARN of the S3 bucket of component cold-archive",
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
            "SessionsTableNameOutput",
            value=sessions_table.table_name,
            description="Name of the DynamoDB table of component sessions",
        )
        cdk.CfnOutput(
            self,
            "SessionsTableArnOutput",
            value=sessions_table.table_arn,
            description="ARN of the DynamoDB table of component sessions",
        )
        cdk.CfnOutput(
            self,
            "BillingDbDbIdOutput",
            value=billing_db_db.instance_identifier,
            description="Identifier of the RDS instance of component billing-db",
        )
        cdk.CfnOutput(
            self,
            "BillingDbDbArnOutput",
            value=billing_db_db.instance_arn,
            description="ARN of the RDS instance of component billing-db",
        )
        cdk.CfnOutput(
            self,
            "CatalogClusterIdOutput",
            value=catalog_cluster.cluster_identifier,
            description="Identifier of the Aurora cluster of component catalog",
        )
        cdk.CfnOutput(
            self,
            "CatalogClusterArnOutput",
            value=catalog_cluster.cluster_arn,
            description="ARN of the Aurora cluster of component catalog",
        )
        cdk.CfnOutput(
            self,
            "OrdersBackupVaultNameOutput",
            value=orders_backup_vault.backup_vault_name,
            description="Name of backup vault orders-backup-vault",
        )
        cdk.CfnOutput(
            self,
            "BillingDbSnapshotVaultNameOutput",
            value=billing_db_snapshot_vault.backup_vault_name,
            description="Name of backup vault billing-db-snapshot-vault",
        )
        cdk.CfnOutput(
            self,
            "CentralVaultNameOutput",
            value=central_vault.backup_vault_name,
            description="Name of backup vault central-vault",
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
        cdk.CfnOutput(
            self,
            "Ops1DashboardNameOutput",
            value=ops_1_dashboard.dashboard_name,
            description="Name of CloudWatch dashboard 1 of component ops",
        )
        cdk.CfnOutput(
            self,
            "Ops2DashboardNameOutput",
            value=ops_2_dashboard.dashboard_name,
            description="Name of CloudWatch dashboard 2 of component ops",
        )
        cdk.CfnOutput(
            self,
            "FailoverPrimaryHealthCheckIdOutput",
            value=failover_primary_health_check.attr_health_check_id,
            description="Id of the Route 53 health check of the primary endpoint of component failover",
        )
        cdk.CfnOutput(
            self,
            "FailoverSecondaryHealthCheckIdOutput",
            value=failover_secondary_health_check.attr_health_check_id,
            description="Id of the Route 53 health check of the secondary endpoint of component failover",
        )
        cdk.CfnOutput(
            self,
            "DeployedRegionOutput",
            value=self.region,
            description="Region of the primary stack",
        )
        assets_replication_role_statements = [
            iam.PolicyStatement(
                sid="ReadReplicationConfiguration",
                effect=iam.Effect.ALLOW,
                actions=["s3:GetReplicationConfiguration", "s3:ListBucket"],
                resources=[assets_bucket.bucket_arn],
            ),
            iam.PolicyStatement(
                sid="ReadSourceVersions",
                effect=iam.Effect.ALLOW,
                actions=[
                    "s3:GetObjectVersionForReplication",
                    "s3:GetObjectVersionAcl",
                    "s3:GetObjectVersionTagging",
                ],
                resources=[assets_bucket.bucket_arn + "/*"],
            ),
            iam.PolicyStatement(
                sid="WriteReplicas",
                effect=iam.Effect.ALLOW,
                actions=["s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags"],
                resources=[
                    "arn:" + cdk.Aws.PARTITION + ":s3:::" + settings.project_name + "-assets-" + cdk.Aws.ACCOUNT_ID + "/*",
                ],
            ),
            iam.PolicyStatement(
                sid="DecryptSourceObjects",
                effect=iam.Effect.ALLOW,
                actions=["kms:Decrypt"],
                resources=[keys_key_1.key_arn],
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
        ]
        assets_replication_role_policy = iam.Policy(
            self,
            "AssetsReplicationRolePolicy",
            roles=[assets_replication_role],
            statements=assets_replication_role_statements,
        )
        helpers.acknowledge_wildcards(
            assets_replication_role_policy,
            assets_replication_role_statements,
            [
                "",
                "replication reads and writes every object version of the bucket: the grant is limited to that bucket's objects",
                "replication reads and writes every object version of the bucket: the grant is limited to that bucket's objects",
                "",
                "the DR key is in another region and stack, so its id is unknown here; the kms:ResourceAliases condition limits the grant to the key with the DR alias",
            ],
        )
