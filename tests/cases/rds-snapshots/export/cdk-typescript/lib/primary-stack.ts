// Primary stack (us-east-1) of the drplan export of plan Feature: rds-snapshots.

import * as path from 'path';

import * as cdk from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
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

    // component reports
    // The existing VPC the plan's databases and endpoints go into (see README: Inputs).
    const network = ec2.Vpc.fromVpcAttributes(this, 'Network', {
      vpcId: settings.vpcId,
      vpcCidrBlock: settings.vpcCidr,
      availabilityZones: settings.availabilityZones,
      privateSubnetIds: settings.privateSubnetIds,
    });
    const reportsSubnets = new rds.SubnetGroup(this, 'ReportsSubnets', {
      description: 'drplan: private subnets of component reports',
      vpc: network,
      vpcSubnets: {subnets: network.privateSubnets},
    });
    const reportsDbSg = new ec2.SecurityGroup(this, 'ReportsDbSg', {
      vpc: network,
      description: 'drplan: database',
      allowAllOutbound: false,
    });
    reportsDbSg.addIngressRule(
      ec2.Peer.ipv4(settings.vpcCidr),
      ec2.Port.tcp(3306),
      'Clients in the VPC reach the database',
    );
    const reportsDb = new rds.DatabaseInstance(this, 'ReportsDb', {
      engine: rds.DatabaseInstanceEngine.mysql({version: rds.MysqlEngineVersion.of('8.4', '8.4')}),
      instanceType: new ec2.InstanceType('t4g.small'),
      vpc: network,
      subnetGroup: reportsSubnets,
      securityGroups: [reportsDbSg],
      allocatedStorage: 40,
      storageType: rds.StorageType.GP2,
      storageEncrypted: true,
      storageEncryptionKey: exportKey,
      multiAz: false,
      publiclyAccessible: false,
      deletionProtection: true,
      iamAuthentication: true,
      manageMasterUserPassword: true,
      credentials: rds.Credentials.fromUsername('dbadmin'),
      backupRetention: cdk.Duration.days(7),
      copyTagsToSnapshot: true,
      autoMinorVersionUpgrade: true,
      removalPolicy: cdk.RemovalPolicy.SNAPSHOT,
    });
    // cfn-lint E3691: RDS takes the major version alone and creates the instance with the preferred minor version (automatic minor upgrades keep it current); the linter's version list omits or misflags the ...
    helpers.cfnLintIgnore(reportsDb, ['E3691']);
    cdk.Validations.of(reportsDb).acknowledge(
      {
        id: 'AwsSolutions-RDS11',
        reason: 'the engine\'s default port is kept so that existing clients connect unchanged; only the VPC CIDR may reach it',
      },
    );
    cdk.Validations.of(reportsDb).acknowledge(
      {
        id: 'AwsSolutions-RDS3',
        reason: 'the plan runs this instance in one Availability Zone (multi_az: false); its backups are what the plan protects',
      },
    );
    cdk.Validations.of(reportsDb).acknowledge(
      {
        id: 'CloudFormation-Validate::E9006',
        reason: 'RDS takes the major version alone and creates the instance with the preferred minor version (automatic minor upgrades keep it current); the linter\'s version list omits or misflags the major-only form',
      },
    );
    const reportsSnapshotVault = new backup.BackupVault(this, 'ReportsSnapshotVault', {
      backupVaultName: settings.projectName + '-reports-snapshots',
      encryptionKey: exportKey,
      removalPolicy: cdk.RemovalPolicy.RETAIN,
    });
    const reportsSnapshotsPlan = new backup.BackupPlan(this, 'ReportsSnapshotsPlan', {
      backupPlanName: settings.projectName + '-reports-snapshots',
      backupVault: reportsSnapshotVault,
      backupPlanRules: [
        new backup.BackupPlanRule({
          ruleName: 'snapshots',
          scheduleExpression: events.Schedule.expression('cron(0 3 ? * SUN *)'),
          startWindow: cdk.Duration.minutes(60),
          completionWindow: cdk.Duration.minutes(1440),
          enableContinuousBackup: false,
          deleteAfter: cdk.Duration.days(settings.backupRetentionDays),
          copyActions: [
            {
              destinationBackupVault: backup.BackupVault.fromBackupVaultArn(
                this,
                'ReportsSnapshotsPlanSnapshotsCopyVault',
                'arn:' + cdk.Aws.PARTITION + ':backup:' + settings.drRegion + ':' + cdk.Aws.ACCOUNT_ID + ':backup-vault:' + settings.projectName + '-reports-snapshots-dr',
              ),
              deleteAfter: cdk.Duration.days(60),
            },
          ],
        }),
      ],
    });
    const reportsSnapshotsBackupRole = new iam.Role(this, 'ReportsSnapshotsBackupRole', {
      assumedBy: new iam.ServicePrincipal('backup.amazonaws.com'),
      description: 'AWS Backup: back up and restore the selected resources',
      managedPolicies: [
        iam.ManagedPolicy.fromAwsManagedPolicyName(
          'service-role/AWSBackupServiceRolePolicyForBackup',
        ),
        iam.ManagedPolicy.fromAwsManagedPolicyName(
          'service-role/AWSBackupServiceRolePolicyForRestores',
        ),
      ],
    });
    cdk.Validations.of(reportsSnapshotsBackupRole).acknowledge(
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup]',
        reason: 'AWS Backup\'s documented service-role policy: AWS scopes it to the resource types Backup supports and keeps it current',
      },
    );
    cdk.Validations.of(reportsSnapshotsBackupRole).acknowledge(
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores]',
        reason: 'AWS Backup\'s documented service-role policy: AWS scopes it to the resource types Backup supports and keeps it current',
      },
    );
    const reportsSnapshotsSelection = reportsSnapshotsPlan.addSelection('ReportsSnapshotsSelection', {
      resources: [backup.BackupResource.fromArn(reportsDb.instanceArn)],
      backupSelectionName: 'reports-snapshots-resources',
      role: reportsSnapshotsBackupRole.withoutPolicyUpdates(),
      disableDefaultBackupPolicy: true,
    });

    new cdk.CfnOutput(this, 'ExportKeyIdOutput', {
      value: exportKey.keyId,
      description: 'Id of KMS key export-key',
    });
    new cdk.CfnOutput(this, 'ExportKeyArnOutput', {
      value: exportKey.keyArn,
      description: 'ARN of KMS key export-key',
    });
    new cdk.CfnOutput(this, 'ReportsDbIdOutput', {
      value: reportsDb.instanceIdentifier,
      description: 'Identifier of the RDS instance of component reports',
    });
    new cdk.CfnOutput(this, 'ReportsDbArnOutput', {
      value: reportsDb.instanceArn,
      description: 'ARN of the RDS instance of component reports',
    });
    new cdk.CfnOutput(this, 'ReportsSnapshotVaultNameOutput', {
      value: reportsSnapshotVault.backupVaultName,
      description: 'Name of backup vault reports-snapshot-vault',
    });
  }
}
