// Primary stack (us-east-1) of the drplan export of plan Feature: cloudwatch.

import * as path from 'path';

import * as cdk from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cw_actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subs from 'aws-cdk-lib/aws-sns-subscriptions';
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
        sid: 'AllowPublishFromCloudwatch',
        effect: iam.Effect.ALLOW,
        actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
        resources: ['*'],
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
      }),
    );

    // component alerts
    const alertsTopic = new sns.Topic(this, 'AlertsTopic', {masterKey: exportKey, enforceSSL: true});
    alertsTopic.addSubscription(new subs.EmailSubscription(settings.notificationEmail));
    alertsTopic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowPublish1',
        effect: iam.Effect.ALLOW,
        actions: ['sns:Publish'],
        resources: [alertsTopic.topicArn],
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        conditions: {
          'ArnLike': {
            'aws:SourceArn': 'arn:' + cdk.Aws.PARTITION + ':cloudwatch:' + this.region + ':' + cdk.Aws.ACCOUNT_ID + ':alarm:*',
          },
        },
      }),
    );

    // component orders
    const ordersTable = new dynamodb.TableV2(this, 'OrdersTable', {
      tableName: settings.projectName + '-orders',
      partitionKey: {name: 'pk', type: dynamodb.AttributeType.STRING},
      sortKey: {name: 'sk', type: dynamodb.AttributeType.STRING},
      billing: dynamodb.Billing.onDemand(),
      encryption: dynamodb.TableEncryptionV2.customerManagedKey(exportKey),
      pointInTimeRecoverySpecification: {pointInTimeRecoveryEnabled: true, recoveryPeriodInDays: 35},
      deletionProtection: true,
      removalPolicy: cdk.RemovalPolicy.RETAIN,
    });
    cdk.Validations.of(ordersTable).acknowledge(
      {
        id: 'AwsSolutions-DDB4',
        reason: 'no AWS Backup plan protects this table in the plan; point-in-time recovery covers restores',
      },
    );

    // component ops
    const opsBackupJobsAlarm = new cloudwatch.Alarm(this, 'OpsBackupJobsAlarm', {
      alarmName: settings.projectName + '-backup-jobs',
      alarmDescription: 'drplan: alarm backup-jobs of component ops',
      metric: new cloudwatch.Metric({
        namespace: 'AWS/Backup',
        metricName: 'NumberOfBackupJobsFailed',
        statistic: 'Sum',
        period: cdk.Duration.seconds(3600),
      }),
      threshold: 0,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    opsBackupJobsAlarm.addAlarmAction(new cw_actions.SnsAction(alertsTopic));
    const opsOrdersThrottlesAlarm = new cloudwatch.Alarm(this, 'OpsOrdersThrottlesAlarm', {
      alarmName: settings.projectName + '-orders-throttles',
      alarmDescription: 'drplan: alarm orders-throttles of component ops',
      metric: new cloudwatch.MathExpression({
        expression: 'm1 + m2',
        usingMetrics: {
          'm1': new cloudwatch.Metric({
            namespace: 'AWS/DynamoDB',
            metricName: 'ReadThrottleEvents',
            statistic: 'Sum',
            period: cdk.Duration.seconds(300),
            dimensionsMap: {'TableName': ordersTable.tableName},
          }),
          'm2': new cloudwatch.Metric({
            namespace: 'AWS/DynamoDB',
            metricName: 'WriteThrottleEvents',
            statistic: 'Sum',
            period: cdk.Duration.seconds(300),
            dimensionsMap: {'TableName': ordersTable.tableName},
          }),
        },
        label: 'Throttled reads and writes',
        period: cdk.Duration.seconds(300),
      }),
      threshold: 5,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    opsOrdersThrottlesAlarm.addAlarmAction(new cw_actions.SnsAction(alertsTopic));
    const opsDashboard = new cloudwatch.Dashboard(this, 'OpsDashboard', {
      dashboardName: settings.projectName + '-ops',
      widgets: [
        [
          new cloudwatch.GraphWidget({
            title: 'Backup metrics',
            left: [
              new cloudwatch.Metric({
                namespace: 'CustomMetrics/DatabaseBackup',
                metricName: 'BackupSuccess',
                statistic: 'Sum',
                period: cdk.Duration.seconds(300),
              }),
              new cloudwatch.Metric({
                namespace: 'CustomMetrics/DatabaseBackup',
                metricName: 'SnapshotAge',
                statistic: 'Sum',
                period: cdk.Duration.seconds(300),
              }),
            ],
            width: 12,
            height: 6,
          }),
          new cloudwatch.GraphWidget({
            title: 'backup-jobs',
            left: [
              new cloudwatch.Metric({
                namespace: 'AWS/Backup',
                metricName: 'NumberOfBackupJobsFailed',
                statistic: 'Sum',
                period: cdk.Duration.seconds(3600),
              }),
            ],
            width: 12,
            height: 6,
          }),
        ],
        [
          new cloudwatch.GraphWidget({
            title: 'orders-throttles',
            left: [
              new cloudwatch.Metric({
                namespace: 'AWS/DynamoDB',
                metricName: 'ReadThrottleEvents',
                statistic: 'Sum',
                period: cdk.Duration.seconds(300),
                dimensionsMap: {'TableName': ordersTable.tableName},
              }),
              new cloudwatch.Metric({
                namespace: 'AWS/DynamoDB',
                metricName: 'WriteThrottleEvents',
                statistic: 'Sum',
                period: cdk.Duration.seconds(300),
                dimensionsMap: {'TableName': ordersTable.tableName},
              }),
            ],
            width: 12,
            height: 6,
          }),
        ],
      ],
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
    new cdk.CfnOutput(this, 'OpsDashboardNameOutput', {
      value: opsDashboard.dashboardName,
      description: 'Name of CloudWatch dashboard 1 of component ops',
    });
  }
}
