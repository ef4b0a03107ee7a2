// Primary stack (us-east-1) of the drplan export of plan Feature: aws-backup.

import * as path from 'path';

import * as cdk from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
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

    // component orders
    const ordersTable = new dynamodb.TableV2(this, 'OrdersTable', {
      tableName: settings.projectName + '-orders',
      partitionKey: {name: 'pk', type: dynamodb.AttributeType.STRING},
      sortKey: {name: 'sk', type: dynamodb.AttributeType.STRING},
      billing: dynamodb.Billing.onDemand(),
      encryption: dynamodb.TableEncryptionV2.customerManagedKey(exportKey),
      pointInTimeRecoverySpecification: {pointInTimeRecoveryEnabled: false},
      deletionProtection: true,
      removalPolicy: cdk.RemovalPolicy.RETAIN,
    });
    cdk.Validations.of(ordersTable).acknowledge(
      {
        id: 'AwsSolutions-DDB3',
        reason: 'the plan turns point-in-time recovery off for this table (pitr.enabled: false)',
      },
    );

    // component billing
    // The existing VPC the plan's databases and endpoints go into (see README: Inputs).
    const network = ec2.Vpc.fromVpcAttributes(this, 'Network', {
      vpcId: settings.vpcId,
      vpcCidrBlock: settings.vpcCidr,
      availabilityZones: settings.availabilityZones,
      privateSubnetIds: settings.privateSubnetIds,
    });
    const billingSubnets = new rds.SubnetGroup(this, 'BillingSubnets', {
      description: 'drplan: private subnets of component billing',
      vpc: network,
      vpcSubnets: {subnets: network.privateSubnets},
    });
    const billingDbSg = new ec2.SecurityGroup(this, 'BillingDbSg', {
      vpc: network,
      description: 'drplan: database',
      allowAllOutbound: false,
    });
    billingDbSg.addIngressRule(
      ec2.Peer.ipv4(settings.vpcCidr),
      ec2.Port.tcp(5432),
      'Clients in the VPC reach the database',
    );
    const billingDb = new rds.DatabaseInstance(this, 'BillingDb', {
      engine: rds.DatabaseInstanceEngine.postgres({
        version: rds.PostgresEngineVersion.of('17', '17'),
      }),
      instanceType: new ec2.InstanceType('t4g.medium'),
      vpc: network,
      subnetGroup: billingSubnets,
      securityGroups: [billingDbSg],
      allocatedStorage: 50,
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
    // cfn-lint W3691: RDS takes the major version alone and creates the instance with the preferred minor version (automatic minor upgrades keep it current); the linter's version list omits or misflags the ...
    helpers.cfnLintIgnore(billingDb, ['W3691']);
    cdk.Validations.of(billingDb).acknowledge(
      {
        id: 'AwsSolutions-RDS11',
        reason: 'the engine\'s default port is kept so that existing clients connect unchanged; only the VPC CIDR may reach it',
      },
    );
    cdk.Validations.of(billingDb).acknowledge(
      {
        id: 'AwsSolutions-RDS3',
        reason: 'the plan runs this instance in one Availability Zone (multi_az: false); its backups are what the plan protects',
      },
    );

    // component daily
    const dailyVault = new backup.BackupVault(this, 'DailyVault', {
      backupVaultName: settings.projectName + '-daily',
      encryptionKey: exportKey,
      lockConfiguration: {
        minRetention: cdk.Duration.days(7),
        maxRetention: cdk.Duration.days(400),
        changeableFor: cdk.Duration.days(3),
      },
      removalPolicy: cdk.RemovalPolicy.RETAIN,
    });
    const dailyPlan = new backup.BackupPlan(this, 'DailyPlan', {
      backupPlanName: settings.projectName + '-daily',
      backupVault: dailyVault,
      backupPlanRules: [
        new backup.BackupPlanRule({
          ruleName: 'daily',
          scheduleExpression: events.Schedule.expression('cron(0 3 * * ? *)'),
          startWindow: cdk.Duration.minutes(60),
          completionWindow: cdk.Duration.minutes(1440),
          enableContinuousBackup: false,
          deleteAfter: cdk.Duration.days(settings.backupRetentionDays),
          copyActions: [
            {
              destinationBackupVault: backup.BackupVault.fromBackupVaultArn(
                this,
                'DailyPlanDailyCopyVault',
                'arn:' + cdk.Aws.PARTITION + ':backup:' + settings.drRegion + ':' + cdk.Aws.ACCOUNT_ID + ':backup-vault:' + settings.projectName + '-daily-dr',
              ),
              deleteAfter: cdk.Duration.days(35),
            },
          ],
        }),
      ],
    });
    const dailyBackupRole = new iam.Role(this, 'DailyBackupRole', {
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
    cdk.Validations.of(dailyBackupRole).acknowledge(
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup]',
        reason: 'AWS Backup\'s documented service-role policy: AWS scopes it to the resource types Backup supports and keeps it current',
      },
    );
    cdk.Validations.of(dailyBackupRole).acknowledge(
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores]',
        reason: 'AWS Backup\'s documented service-role policy: AWS scopes it to the resource types Backup supports and keeps it current',
      },
    );
    const dailySelection = dailyPlan.addSelection('DailySelection', {
      resources: [
        backup.BackupResource.fromArn(ordersTable.tableArn),
        backup.BackupResource.fromArn(billingDb.instanceArn),
      ],
      backupSelectionName: 'daily-resources',
      role: dailyBackupRole.withoutPolicyUpdates(),
      disableDefaultBackupPolicy: true,
    });

    // component archive
    const archiveVault = new backup.BackupVault(this, 'ArchiveVault', {
      backupVaultName: settings.projectName + '-archive',
      encryptionKey: exportKey,
      removalPolicy: cdk.RemovalPolicy.RETAIN,
    });
    const archivePlan = new backup.BackupPlan(this, 'ArchivePlan', {
      backupPlanName: settings.projectName + '-archive',
      backupVault: archiveVault,
      backupPlanRules: [
        new backup.BackupPlanRule({
          ruleName: 'weekly',
          scheduleExpression: events.Schedule.expression('cron(0 4 ? * SUN *)'),
          startWindow: cdk.Duration.minutes(60),
          completionWindow: cdk.Duration.minutes(1440),
          enableContinuousBackup: false,
          deleteAfter: cdk.Duration.days(365),
          moveToColdStorageAfter: cdk.Duration.days(30),
        }),
      ],
    });
    const archiveBackupRole = new iam.Role(this, 'ArchiveBackupRole', {
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
    cdk.Validations.of(archiveBackupRole).acknowledge(
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup]',
        reason: 'AWS Backup\'s documented service-role policy: AWS scopes it to the resource types Backup supports and keeps it current',
      },
    );
    cdk.Validations.of(archiveBackupRole).acknowledge(
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores]',
        reason: 'AWS Backup\'s documented service-role policy: AWS scopes it to the resource types Backup supports and keeps it current',
      },
    );
    const archiveSelection = archivePlan.addSelection('ArchiveSelection', {
      resources: [backup.BackupResource.fromArn(ordersTable.tableArn)],
      backupSelectionName: 'archive-resources',
      role: archiveBackupRole.withoutPolicyUpdates(),
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
    new cdk.CfnOutput(this, 'OrdersTableNameOutput', {
      value: ordersTable.tableName,
      description: 'Name of the DynamoDB table of component orders',
    });
    new cdk.CfnOutput(this, 'OrdersTableArnOutput', {
      value: ordersTable.tableArn,
      description: 'ARN of the DynamoDB table of component orders',
    });
    new cdk.CfnOutput(this, 'BillingDbIdOutput', {
      value: billingDb.instanceIdentifier,
      description: 'Identifier of the RDS instance of component billing',
    });
    new cdk.CfnOutput(this, 'BillingDbArnOutput', {
      value: billingDb.instanceArn,
      description: 'ARN of the RDS instance of component billing',
    });
    new cdk.CfnOutput(this, 'DailyVaultNameOutput', {
      value: dailyVault.backupVaultName,
      description: 'Name of backup vault daily-vault',
    });
    new cdk.CfnOutput(this, 'ArchiveVaultNameOutput', {
      value: archiveVault.backupVaultName,
      description: 'Name of backup vault archive-vault',
    });
  }
}
