// Primary stack (us-east-1) of the drplan export of plan Feature: dynamodb-backups.

import * as path from 'path';

import * as cdk from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
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
    const catalogTable = new dynamodb.TableV2(this, 'CatalogTable', {
      tableName: settings.projectName + '-catalog',
      partitionKey: {name: 'pk', type: dynamodb.AttributeType.STRING},
      sortKey: {name: 'sk', type: dynamodb.AttributeType.STRING},
      billing: dynamodb.Billing.onDemand(),
      encryption: dynamodb.TableEncryptionV2.customerManagedKey(exportKey),
      pointInTimeRecoverySpecification: {pointInTimeRecoveryEnabled: false},
      deletionProtection: true,
      removalPolicy: cdk.RemovalPolicy.RETAIN,
    });
    cdk.Validations.of(catalogTable).acknowledge(
      {
        id: 'AwsSolutions-DDB3',
        reason: 'the plan turns point-in-time recovery off for this table (pitr.enabled: false)',
      },
    );
    const catalogBackupVault = new backup.BackupVault(this, 'CatalogBackupVault', {
      backupVaultName: settings.projectName + '-catalog-backups',
      encryptionKey: exportKey,
      removalPolicy: cdk.RemovalPolicy.RETAIN,
    });
    const catalogBackupsPlan = new backup.BackupPlan(this, 'CatalogBackupsPlan', {
      backupPlanName: settings.projectName + '-catalog-backups',
      backupVault: catalogBackupVault,
      backupPlanRules: [
        new backup.BackupPlanRule({
          ruleName: 'on-demand',
          scheduleExpression: events.Schedule.expression('cron(0 3 * * ? *)'),
          startWindow: cdk.Duration.minutes(60),
          completionWindow: cdk.Duration.minutes(1440),
          enableContinuousBackup: false,
          deleteAfter: cdk.Duration.days(settings.backupRetentionDays),
        }),
      ],
    });
    const catalogBackupsBackupRole = new iam.Role(this, 'CatalogBackupsBackupRole', {
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
    cdk.Validations.of(catalogBackupsBackupRole).acknowledge(
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup]',
        reason: 'AWS Backup\'s documented service-role policy: AWS scopes it to the resource types Backup supports and keeps it current',
      },
    );
    cdk.Validations.of(catalogBackupsBackupRole).acknowledge(
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores]',
        reason: 'AWS Backup\'s documented service-role policy: AWS scopes it to the resource types Backup supports and keeps it current',
      },
    );
    const catalogBackupsSelection = catalogBackupsPlan.addSelection('CatalogBackupsSelection', {
      resources: [backup.BackupResource.fromArn(catalogTable.tableArn)],
      backupSelectionName: 'catalog-backups-resources',
      role: catalogBackupsBackupRole.withoutPolicyUpdates(),
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
    new cdk.CfnOutput(this, 'CatalogTableNameOutput', {
      value: catalogTable.tableName,
      description: 'Name of the DynamoDB table of component catalog',
    });
    new cdk.CfnOutput(this, 'CatalogTableArnOutput', {
      value: catalogTable.tableArn,
      description: 'ARN of the DynamoDB table of component catalog',
    });
    new cdk.CfnOutput(this, 'CatalogBackupVaultNameOutput', {
      value: catalogBackupVault.backupVaultName,
      description: 'Name of backup vault catalog-backup-vault',
    });
  }
}
