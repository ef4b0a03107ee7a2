// Primary stack (us-east-1) of the drplan export of plan Feature: rds-automated-backups.

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

    // component ledger
    // The existing VPC the plan's databases and endpoints go into (see README: Inputs).
    const network = ec2.Vpc.fromVpcAttributes(this, 'Network', {
      vpcId: settings.vpcId,
      vpcCidrBlock: settings.vpcCidr,
      availabilityZones: settings.availabilityZones,
      privateSubnetIds: settings.privateSubnetIds,
    });
    const ledgerSubnets = new rds.SubnetGroup(this, 'LedgerSubnets', {
      description: 'drplan: private subnets of component ledger',
      vpc: network,
      vpcSubnets: {subnets: network.privateSubnets},
    });
    const ledgerDbSg = new ec2.SecurityGroup(this, 'LedgerDbSg', {
      vpc: network,
      description: 'drplan: database',
      allowAllOutbound: false,
    });
    ledgerDbSg.addIngressRule(
      ec2.Peer.ipv4(settings.vpcCidr),
      ec2.Port.tcp(5432),
      'Clients in the VPC reach the database',
    );
    const ledgerDb = new rds.DatabaseInstance(this, 'LedgerDb', {
      engine: rds.DatabaseInstanceEngine.postgres({
        version: rds.PostgresEngineVersion.of('17', '17'),
      }),
      instanceType: new ec2.InstanceType('t4g.medium'),
      vpc: network,
      subnetGroup: ledgerSubnets,
      securityGroups: [ledgerDbSg],
      allocatedStorage: 100,
      storageType: rds.StorageType.GP2,
      storageEncrypted: true,
      storageEncryptionKey: exportKey,
      multiAz: true,
      publiclyAccessible: false,
      deletionProtection: true,
      iamAuthentication: true,
      manageMasterUserPassword: true,
      credentials: rds.Credentials.fromUsername('dbadmin'),
      backupRetention: cdk.Duration.days(14),
      copyTagsToSnapshot: true,
      autoMinorVersionUpgrade: true,
      removalPolicy: cdk.RemovalPolicy.SNAPSHOT,
    });
    const ledgerDbCfn = helpers.defaultChild(ledgerDb);
    // On once the DR key's ARN is given (README, step two).
    if (settings.drKeyArn !== '') {
      ledgerDbCfn.addPropertyOverride('AutomaticBackupReplicationRegion', settings.drRegion);
      ledgerDbCfn.addPropertyOverride('AutomaticBackupReplicationKmsKeyId', settings.drKeyArn);
      ledgerDbCfn.addPropertyOverride('AutomaticBackupReplicationRetentionPeriod', 7);
    }
    // cfn-lint W3691: RDS takes the major version alone and creates the instance with the preferred minor version (automatic minor upgrades keep it current); the linter's version list omits or misflags the ...
    helpers.cfnLintIgnore(ledgerDb, ['W3691']);
    cdk.Validations.of(ledgerDb).acknowledge(
      {
        id: 'AwsSolutions-RDS11',
        reason: 'the engine\'s default port is kept so that existing clients connect unchanged; only the VPC CIDR may reach it',
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
    new cdk.CfnOutput(this, 'LedgerDbIdOutput', {
      value: ledgerDb.instanceIdentifier,
      description: 'Identifier of the RDS instance of component ledger',
    });
    new cdk.CfnOutput(this, 'LedgerDbArnOutput', {
      value: ledgerDb.instanceArn,
      description: 'ARN of the RDS instance of component ledger',
    });
  }
}
