// Primary stack (us-east-1) of the drplan export of plan Feature: aurora-backtrack.

import * as path from 'path';

import * as cdk from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as rds from 'aws-cdk-lib/aws-rds';
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
    const exportKey = new kms.Key(this, 'ExportKey', {
      description: 'drplan: key for topics, logs and backups',
      enableKeyRotation: true,
      removalPolicy: cdk.RemovalPolicy.RETAIN,
    });

    // component catalog
    // The existing VPC the plan's databases and endpoints go into (see README: Inputs).
    const network = ec2.Vpc.fromVpcAttributes(this, 'Network', {
      vpcId: settings.vpcId,
      vpcCidrBlock: settings.vpcCidr,
      availabilityZones: settings.availabilityZones,
      privateSubnetIds: settings.privateSubnetIds,
    });
    const catalogSubnets = new rds.SubnetGroup(this, 'CatalogSubnets', {
      description: 'drplan: private subnets of component catalog',
      vpc: network,
      vpcSubnets: {subnets: network.privateSubnets},
    });
    const catalogDbSg = new ec2.SecurityGroup(this, 'CatalogDbSg', {
      vpc: network,
      description: 'drplan: database',
      allowAllOutbound: false,
    });
    catalogDbSg.addIngressRule(
      ec2.Peer.ipv4(settings.vpcCidr),
      ec2.Port.tcp(3306),
      'Clients in the VPC reach the database',
    );
    const catalogCluster = new rds.DatabaseCluster(this, 'CatalogCluster', {
      engine: rds.DatabaseClusterEngine.auroraMysql({
        version: rds.AuroraMysqlEngineVersion.VER_3_10_3,
      }),
      writer: rds.ClusterInstance.provisioned('Writer', {
        instanceType: new ec2.InstanceType('r6g.large'),
        publiclyAccessible: false,
        autoMinorVersionUpgrade: true,
      }),
      readers: [
        rds.ClusterInstance.provisioned('Reader1', {
          instanceType: new ec2.InstanceType('r6g.large'),
          publiclyAccessible: false,
          autoMinorVersionUpgrade: true,
        }),
      ],
      vpc: network,
      subnetGroup: catalogSubnets,
      securityGroups: [catalogDbSg],
      storageEncrypted: true,
      storageEncryptionKey: exportKey,
      deletionProtection: true,
      iamAuthentication: true,
      manageMasterUserPassword: true,
      credentials: rds.Credentials.fromUsername('dbadmin'),
      backup: {retention: cdk.Duration.days(21)},
      copyTagsToSnapshot: true,
      removalPolicy: cdk.RemovalPolicy.SNAPSHOT,
      backtrackWindow: cdk.Duration.hours(24),
    });
    cdk.Validations.of(catalogCluster).acknowledge(
      {
        id: 'AwsSolutions-RDS11',
        reason: 'the engine\'s default port is kept so that existing clients connect unchanged; only the VPC CIDR may reach it',
      },
    );
    cdk.Validations.of(catalogCluster).acknowledge(
      {
        id: 'AwsSolutions-RDS16',
        reason: 'audit log export to CloudWatch Logs is not part of the plan (it adds ingestion charges)',
      },
    );

    new cdk.CfnOutput(this, 'ExportKeyIdOutput', {
      value: exportKey.keyId,
      description: 'Id of KMS key export-key',
    });
    new cdk.CfnOutput(this, 'ExportKeyArnOutput', {
      value: exportKey.keyArn,
      description: 'ARN of KMS key export-key',
    });
    new cdk.CfnOutput(this, 'CatalogClusterIdOutput', {
      value: catalogCluster.clusterIdentifier,
      description: 'Identifier of the Aurora cluster of component catalog',
    });
    new cdk.CfnOutput(this, 'CatalogClusterArnOutput', {
      value: catalogCluster.clusterArn,
      description: 'ARN of the Aurora cluster of component catalog',
    });
  }
}
