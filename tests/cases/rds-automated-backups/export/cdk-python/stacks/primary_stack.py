"""Primary stack (us-east-1) of the drplan export of plan Feature: rds-automated-backups."""

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

        # component ledger
        # The existing VPC the plan's databases and endpoints go into (see README: Inputs).
        network = ec2.Vpc.from_vpc_attributes(
            self,
            "Network",
            vpc_id=settings.vpc_id,
            vpc_cidr_block=settings.vpc_cidr,
            availability_zones=settings.availability_zones,
            private_subnet_ids=settings.private_subnet_ids,
        )
        ledger_subnets = rds.SubnetGroup(
            self,
            "LedgerSubnets",
            description="drplan: private subnets of component ledger",
            vpc=network,
            vpc_subnets=ec2.SubnetSelection(subnets=network.private_subnets),
        )
        ledger_db_sg = ec2.SecurityGroup(
            self,
            "LedgerDbSg",
            vpc=network,
            description="drplan: database",
            allow_all_outbound=False,
        )
        ledger_db_sg.add_ingress_rule(
            ec2.Peer.ipv4(settings.vpc_cidr),
            ec2.Port.tcp(5432),
            "Clients in the VPC reach the database",
        )
        ledger_db = rds.DatabaseInstance(
            self,
            "LedgerDb",
            engine=rds.DatabaseInstanceEngine.postgres(
                version=rds.PostgresEngineVersion.of("17", "17"),
            ),
            instance_type=ec2.InstanceType("t4g.medium"),
            vpc=network,
            subnet_group=ledger_subnets,
            security_groups=[ledger_db_sg],
            allocated_storage=100,
            storage_type=rds.StorageType.GP2,
            storage_encrypted=True,
            storage_encryption_key=export_key,
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
        ledger_db_cfn = helpers.default_child(ledger_db)
        # On once the DR key's ARN is given (README, step two).
        if settings.dr_key_arn:
            ledger_db_cfn.add_property_override(
                "AutomaticBackupReplicationRegion",
                settings.dr_region,
            )
            ledger_db_cfn.add_property_override(
                "AutomaticBackupReplicationKmsKeyId",
                settings.dr_key_arn,
            )
            ledger_db_cfn.add_property_override("AutomaticBackupReplicationRetentionPeriod", 7)
        # cfn-lint W3691: RDS takes the major version alone and creates the instance with the preferred minor version (automatic minor upgrades keep it current); the linter's version list omits or misflags the ...
        helpers.cfn_lint_ignore(ledger_db, ["W3691"])
        cdk.Validations.of(ledger_db).acknowledge(
            cdk.Acknowledgment(
                id="AwsSolutions-RDS11",
                reason="the engine's default port is kept so that existing clients connect unchanged; only the VPC CIDR may reach it",
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
            "LedgerDbIdOutput",
            value=ledger_db.instance_identifier,
            description="Identifier of the RDS instance of component ledger",
        )
        cdk.CfnOutput(
            self,
            "LedgerDbArnOutput",
            value=ledger_db.instance_arn,
            description="ARN of the RDS instance of component ledger",
        )
