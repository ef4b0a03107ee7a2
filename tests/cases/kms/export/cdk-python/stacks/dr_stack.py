"""DR stack (deployed first) (us-west-2) of the drplan export of plan Feature: kms."""

import os

import aws_cdk as cdk
from aws_cdk import aws_kms as kms
from constructs import Construct

from . import helpers
from .settings import Settings

# The bundle's root: Lambda code lives in its lambda/ directory.
BUNDLE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class DrStack(cdk.Stack):
    """DR stack (deployed first) of the plan, in us-west-2."""

    def __init__(self, scope: Construct, construct_id: str, *, settings: Settings, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)
        # component keys
        dr_key = kms.Key(
            self,
            "DrKey",
            description="drplan: key for replicas and copies in the DR region",
            enable_key_rotation=True,
            removal_policy=cdk.RemovalPolicy.RETAIN,
            alias="alias/" + settings.project_name + "/dr",
        )

        cdk.CfnOutput(
            self,
            "DrKeyIdOutput",
            value=dr_key.key_id,
            description="Id of KMS key dr-key",
        )
        cdk.CfnOutput(
            self,
            "DrKeyArnOutput",
            value=dr_key.key_arn,
            description="ARN of KMS key dr-key",
        )
