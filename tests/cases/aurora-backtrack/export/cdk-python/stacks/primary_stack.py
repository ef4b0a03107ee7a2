"""Primary stack (us-east-1) of the drplan export of plan Feature: aurora-backtrack."""

import os

import aws_cdk as cdk
from aws_cdk import aws_ec2 as ec2
from aws_cdk import aws_kms as kms
from aws_cdk import aws_rds as rds
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

        # component catalog
        # The existing VPC the plan's databases and endpoints go into (see README: Inputs).
        network = ec2.Vpc.from_vpc_attributes(
            self,
            "Network",
            vpc_id=settings.vpc_id,
            vpc_cidr_block=settings.vpc_cidr,
            availability_zones=settings.availability_zones,
            private_subnet_ids=settings.private_subnet_ids,
        )
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
            readers=[
                rds.ClusterInstance.provisioned(
                    "Reader1",
                    instance_type=ec2.InstanceType("r6g.large"),
                    publicly_accessible=False,
                    auto_minor_version_upgrade=True,
                ),
            ],
            vpc=network,
            subnet_group=catalog_subnets,
            security_groups=[catalog_db_sg],
            storage_encrypted=True,
            storage_encryption_key=export_key,
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
