// Primary stack (us-east-1) of the drplan export of plan Feature: route53-failover.

import * as path from 'path';

import * as cdk from 'aws-cdk-lib';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { Construct } from 'constructs';

import * as helpers from './helpers';
import { Settings } from './settings';

export interface PrimaryStackProps extends cdk.StackProps {
  readonly settings: Settings;
}

export class PrimaryStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props: PrimaryStackProps) {
    super(scope, id, props);
    const settings = props.settings;
    // component failover
    // Route 53 health checks have no L2 construct: this is the CloudFormation resource.
    const failoverPrimaryHealthCheck = new route53.CfnHealthCheck(this, 'FailoverPrimaryHealthCheck', {
      healthCheckConfig: {
        type: 'HTTPS',
        fullyQualifiedDomainName: settings.failoverPrimaryEndpoint,
        port: 443,
        resourcePath: '/',
        requestInterval: 10,
        failureThreshold: 3,
      },
      healthCheckTags: [{key: 'Name', value: settings.projectName + '-failover-primary'}],
    });
    // Route 53 health checks have no L2 construct: this is the CloudFormation resource.
    const failoverSecondaryHealthCheck = new route53.CfnHealthCheck(this, 'FailoverSecondaryHealthCheck', {
      healthCheckConfig: {
        type: 'HTTPS',
        fullyQualifiedDomainName: settings.failoverSecondaryEndpoint,
        port: 443,
        resourcePath: '/',
        requestInterval: 10,
        failureThreshold: 3,
      },
      healthCheckTags: [{key: 'Name', value: settings.projectName + '-failover-secondary'}],
    });
    const failoverPrimaryRecord = new route53.CnameRecord(this, 'FailoverPrimaryRecord', {
      zone: route53.HostedZone.fromHostedZoneId(
        this,
        'FailoverPrimaryRecordZone',
        settings.failoverHostedZoneId,
      ),
      recordName: settings.failoverRecordName + '.',
      domainName: settings.failoverPrimaryEndpoint,
      ttl: cdk.Duration.seconds(60),
      setIdentifier: 'failover-primary',
      failover: route53.Failover.PRIMARY,
      healthCheck: route53.HealthCheck.fromHealthCheckId(
        this,
        'FailoverPrimaryRecordCheck',
        failoverPrimaryHealthCheck.attrHealthCheckId,
      ),
    });
    const failoverSecondaryRecord = new route53.CnameRecord(this, 'FailoverSecondaryRecord', {
      zone: route53.HostedZone.fromHostedZoneId(
        this,
        'FailoverSecondaryRecordZone',
        settings.failoverHostedZoneId,
      ),
      recordName: settings.failoverRecordName + '.',
      domainName: settings.failoverSecondaryEndpoint,
      ttl: cdk.Duration.seconds(60),
      setIdentifier: 'failover-secondary',
      failover: route53.Failover.SECONDARY,
      healthCheck: route53.HealthCheck.fromHealthCheckId(
        this,
        'FailoverSecondaryRecordCheck',
        failoverSecondaryHealthCheck.attrHealthCheckId,
      ),
    });

    new cdk.CfnOutput(this, 'FailoverPrimaryHealthCheckIdOutput', {
      value: failoverPrimaryHealthCheck.attrHealthCheckId,
      description: 'Id of the Route 53 health check of the primary endpoint of component failover',
    });
    new cdk.CfnOutput(this, 'FailoverSecondaryHealthCheckIdOutput', {
      value: failoverSecondaryHealthCheck.attrHealthCheckId,
      description: 'Id of the Route 53 health check of the secondary endpoint of component failover',
    });
  }
}
