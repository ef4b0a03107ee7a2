"""Primary stack (us-east-1) of the drplan export of plan Feature: route53-failover."""

import os

import aws_cdk as cdk
from aws_cdk import aws_route53 as route53
from constructs import Construct

from . import helpers
from .settings import Settings

# The bundle's root: Lambda code lives in its lambda/ directory.
BUNDLE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class PrimaryStack(cdk.Stack):
    """Primary stack of the plan, in us-east-1."""

    def __init__(self, scope: Construct, construct_id: str, *, settings: Settings, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)
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
                failure_threshold=3,
            ),
            health_check_tags=[
                route53.CfnHealthCheck.HealthCheckTagProperty(
                    key="Name",
                    value=settings.project_name + "-failover-primary",
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
                failure_threshold=3,
            ),
            health_check_tags=[
                route53.CfnHealthCheck.HealthCheckTagProperty(
                    key="Name",
                    value=settings.project_name + "-failover-secondary",
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
