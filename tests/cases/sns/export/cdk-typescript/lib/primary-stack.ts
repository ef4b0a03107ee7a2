// Primary stack (us-east-1) of the drplan export of plan Feature: sns.

import * as path from 'path';

import * as cdk from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subs from 'aws-cdk-lib/aws-sns-subscriptions';
import * as targets from 'aws-cdk-lib/aws-events-targets';
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
    exportKey.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowPublishFromEvents',
        effect: iam.Effect.ALLOW,
        actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
        resources: ['*'],
        principals: [new iam.ServicePrincipal('events.amazonaws.com')],
      }),
    );

    // component alerts
    const alertsTopic = new sns.Topic(this, 'AlertsTopic', {masterKey: exportKey, enforceSSL: true});
    alertsTopic.addSubscription(new subs.EmailSubscription(settings.notificationEmail));
    alertsTopic.addSubscription(new subs.EmailSubscription('oncall@example.org'));

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

    // component daily
    const dailyVault = new backup.BackupVault(this, 'DailyVault', {
      backupVaultName: settings.projectName + '-daily',
      encryptionKey: exportKey,
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
      resources: [backup.BackupResource.fromArn(ordersTable.tableArn)],
      backupSelectionName: 'daily-resources',
      role: dailyBackupRole.withoutPolicyUpdates(),
      disableDefaultBackupPolicy: true,
    });
    const dailyJobEvents = new events.Rule(this, 'DailyJobEvents', {
      description: 'drplan: failed AWS Backup backup and copy jobs, to SNS',
      eventPattern: {
        source: ['aws.backup'],
        detailType: ['Backup Job State Change', 'Copy Job State Change'],
        detail: {'state': ['FAILED', 'ABORTED', 'EXPIRED']},
      },
      targets: [new targets.SnsTopic(alertsTopic)],
    });

    new cdk.CfnOutput(this, 'ExportKeyIdOutput', {
      value: exportKey.keyId,
      description: 'Id of KMS key export-key',
    });
    new cdk.CfnOutput(this, 'ExportKeyArnOutput', {
      value: exportKey.keyArn,
      description: 'ARN of KMS key export-key',
    });
    new cdk.CfnOutput(this, 'AlertsTopicArnOutput', {
      value: alertsTopic.topicArn,
      description: 'ARN of the SNS topic of component alerts',
    });
    new cdk.CfnOutput(this, 'AlertsTopicNameOutput', {
      value: alertsTopic.topicName,
      description: 'Name of the SNS topic of component alerts',
    });
    new cdk.CfnOutput(this, 'OrdersTableNameOutput', {
      value: ordersTable.tableName,
      description: 'Name of the DynamoDB table of component orders',
    });
    new cdk.CfnOutput(this, 'OrdersTableArnOutput', {
      value: ordersTable.tableArn,
      description: 'ARN of the DynamoDB table of component orders',
    });
    new cdk.CfnOutput(this, 'DailyVaultNameOutput', {
      value: dailyVault.backupVaultName,
      description: 'Name of backup vault daily-vault',
    });
  }
}
