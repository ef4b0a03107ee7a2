// Primary stack (us-east-1) of the drplan export of plan Feature: restore-testing.

import * as path from 'path';

import * as cdk from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cw_actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
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
    exportKey.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowPublishFromCloudwatch',
        effect: iam.Effect.ALLOW,
        actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
        resources: ['*'],
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
      }),
    );
    exportKey.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowCloudWatchLogs',
        effect: iam.Effect.ALLOW,
        actions: [
          'kms:Encrypt*',
          'kms:Decrypt*',
          'kms:ReEncrypt*',
          'kms:GenerateDataKey*',
          'kms:Describe*',
        ],
        resources: ['*'],
        principals: [new iam.ServicePrincipal('logs.' + this.region + '.amazonaws.com')],
        conditions: {
          'ArnLike': {
            'kms:EncryptionContext:aws:logs:arn': 'arn:' + cdk.Aws.PARTITION + ':logs:' + this.region + ':' + cdk.Aws.ACCOUNT_ID + ':log-group:*',
          },
        },
      }),
    );
    const accessLogs = new s3.Bucket(this, 'AccessLogs', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      versioned: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      lifecycleRules: [
        {
          id: 'drplan-lifecycle',
          enabled: true,
          expiration: cdk.Duration.days(90),
          noncurrentVersionExpiration: cdk.Duration.days(1),
          abortIncompleteMultipartUploadAfter: cdk.Duration.days(7),
        },
      ],
      removalPolicy: cdk.RemovalPolicy.RETAIN,
    });
    cdk.Validations.of(accessLogs).acknowledge(
      {
        id: 'AwsSolutions-S1',
        reason: 'this is the access-log bucket: logging it to itself would log its own log deliveries forever',
      },
    );

    // component alerts
    const alertsTopic = new sns.Topic(this, 'AlertsTopic', {masterKey: exportKey, enforceSSL: true});
    alertsTopic.addSubscription(new subs.EmailSubscription(settings.notificationEmail));
    alertsTopic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowPublish2',
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

    // component assets
    const assetsBucket = new s3.Bucket(this, 'AssetsBucket', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      versioned: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'assets/',
      lifecycleRules: [
        {
          id: 'drplan-lifecycle',
          enabled: true,
          noncurrentVersionExpiration: cdk.Duration.days(30),
          abortIncompleteMultipartUploadAfter: cdk.Duration.days(7),
        },
      ],
      removalPolicy: cdk.RemovalPolicy.RETAIN,
    });

    // component nightly
    const nightlyVault = new backup.BackupVault(this, 'NightlyVault', {
      backupVaultName: settings.projectName + '-nightly',
      encryptionKey: exportKey,
      removalPolicy: cdk.RemovalPolicy.RETAIN,
    });
    const nightlyPlan = new backup.BackupPlan(this, 'NightlyPlan', {
      backupPlanName: settings.projectName + '-nightly',
      backupVault: nightlyVault,
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
    const nightlyBackupRole = new iam.Role(this, 'NightlyBackupRole', {
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
    cdk.Validations.of(nightlyBackupRole).acknowledge(
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup]',
        reason: 'AWS Backup\'s documented service-role policy: AWS scopes it to the resource types Backup supports and keeps it current',
      },
    );
    cdk.Validations.of(nightlyBackupRole).acknowledge(
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores]',
        reason: 'AWS Backup\'s documented service-role policy: AWS scopes it to the resource types Backup supports and keeps it current',
      },
    );
    const nightlySelection = nightlyPlan.addSelection('NightlySelection', {
      resources: [backup.BackupResource.fromArn(ordersTable.tableArn)],
      backupSelectionName: 'nightly-resources',
      role: nightlyBackupRole.withoutPolicyUpdates(),
      disableDefaultBackupPolicy: true,
    });
    const nightlyJobEvents = new events.Rule(this, 'NightlyJobEvents', {
      description: 'drplan: failed AWS Backup backup and copy jobs, to SNS',
      eventPattern: {
        source: ['aws.backup'],
        detailType: ['Backup Job State Change', 'Copy Job State Change'],
        detail: {'state': ['FAILED', 'ABORTED', 'EXPIRED']},
      },
      targets: [new targets.SnsTopic(alertsTopic)],
    });

    // component orders
    const restoreTestRole = new iam.Role(this, 'RestoreTestRole', {
      assumedBy: new iam.ServicePrincipal('backup.amazonaws.com'),
      description: 'AWS Backup restore testing: restore the tested recovery points',
      managedPolicies: [
        iam.ManagedPolicy.fromAwsManagedPolicyName(
          'service-role/AWSBackupServiceRolePolicyForRestores',
        ),
      ],
    });
    cdk.Validations.of(restoreTestRole).acknowledge(
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores]',
        reason: 'AWS Backup\'s documented service-role policy for restores: AWS scopes it to the resource types Backup restores and keeps it current',
      },
    );
    const weeklyRestoreRt = new backup.CfnRestoreTestingPlan(this, 'WeeklyRestoreRt', {
      restoreTestingPlanName: cdk.Fn.join(
        '_',
        cdk.Fn.split('-', settings.projectName + '-weekly-restore-rt'),
      ),
      scheduleExpression: 'cron(0 6 ? * SUN *)',
      startWindowHours: 24,
      recoveryPointSelection: {
        algorithm: 'LATEST_WITHIN_WINDOW',
        includeVaults: [nightlyVault.backupVaultArn],
        recoveryPointTypes: ['SNAPSHOT'],
        selectionWindowDays: 7,
      },
    });
    const weeklyRestoreRtSelection = new backup.CfnRestoreTestingSelection(this, 'WeeklyRestoreRtSelection', {
      restoreTestingPlanName: weeklyRestoreRt.ref,
      restoreTestingSelectionName: 'orders',
      protectedResourceType: 'DynamoDB',
      protectedResourceArns: [ordersTable.tableArn],
      iamRoleArn: restoreTestRole.roleArn,
      validationWindowHours: 2,
    });
    const weeklyRestoreRtDurationAlarm = new cloudwatch.Alarm(this, 'WeeklyRestoreRtDurationAlarm', {
      alarmName: settings.projectName + '-weekly-restore-rt-duration',
      alarmDescription: 'drplan: weekly restore test of orders took longer than the 175 min its RTO target leaves the restore',
      metric: new cloudwatch.Metric({
        namespace: 'CustomMetrics/DatabaseBackup',
        metricName: 'RestoreTestDurationMinutes',
        statistic: 'Maximum',
        period: cdk.Duration.seconds(3600),
        dimensionsMap: {'RestoreTestingPlan': weeklyRestoreRt.ref},
      }),
      threshold: 175,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    weeklyRestoreRtDurationAlarm.addAlarmAction(new cw_actions.SnsAction(alertsTopic));
    const weeklyRestoreRtFailureAlarm = new cloudwatch.Alarm(this, 'WeeklyRestoreRtFailureAlarm', {
      alarmName: settings.projectName + '-weekly-restore-rt-failed',
      alarmDescription: 'drplan: weekly restore test of orders failed or was aborted',
      metric: new cloudwatch.Metric({
        namespace: 'CustomMetrics/DatabaseBackup',
        metricName: 'RestoreTestFailures',
        statistic: 'Maximum',
        period: cdk.Duration.seconds(3600),
        dimensionsMap: {'RestoreTestingPlan': weeklyRestoreRt.ref},
      }),
      threshold: 0,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    weeklyRestoreRtFailureAlarm.addAlarmAction(new cw_actions.SnsAction(alertsTopic));
    const restoreTestsLogs = new logs.LogGroup(this, 'RestoreTestsLogs', {
      logGroupName: '/drplan/' + settings.projectName + '/restore-tests',
      retention: logs.RetentionDays.ONE_YEAR,
      encryptionKey: exportKey,
      removalPolicy: cdk.RemovalPolicy.RETAIN,
    });
    const restoreTestFunctionRoleStatements = [
      new iam.PolicyStatement({
        sid: 'WriteOwnLogs',
        effect: iam.Effect.ALLOW,
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [restoreTestsLogs.logGroupArn],
      }),
      new iam.PolicyStatement({
        sid: 'ReadEncryptedEnvironment',
        effect: iam.Effect.ALLOW,
        actions: ['kms:Decrypt'],
        resources: [exportKey.keyArn],
      }),
      new iam.PolicyStatement({
        sid: 'ReadAndValidateRestoreJobs',
        effect: iam.Effect.ALLOW,
        actions: ['backup:DescribeRestoreJob', 'backup:PutRestoreValidationResult'],
        resources: ['*'],
      }),
      new iam.PolicyStatement({
        sid: 'PublishRestoreTestMetrics',
        effect: iam.Effect.ALLOW,
        actions: ['cloudwatch:PutMetricData'],
        resources: ['*'],
        conditions: {'StringEquals': {'cloudwatch:namespace': 'CustomMetrics/DatabaseBackup'}},
      }),
      new iam.PolicyStatement({
        sid: 'DeadLetters',
        effect: iam.Effect.ALLOW,
        actions: ['sns:Publish'],
        resources: [alertsTopic.topicArn],
      }),
      new iam.PolicyStatement({
        sid: 'EncryptDeadLetters',
        effect: iam.Effect.ALLOW,
        actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
        resources: [exportKey.keyArn],
      }),
    ];
    const restoreTestFunctionRole = new iam.Role(this, 'RestoreTestFunctionRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'Execution role of the restore test validation function',
      inlinePolicies: {
        'permissions': new iam.PolicyDocument({statements: restoreTestFunctionRoleStatements}),
      },
    });
    helpers.acknowledgeWildcards(
      restoreTestFunctionRole,
      restoreTestFunctionRoleStatements,
      [
        'log streams are created at run time; the grant is limited to the function\'s own log group',
        '',
        'restore jobs are not an IAM resource type: AWS Backup authorises these calls only on all resources; the function acts only on jobs of this bundle\'s restore testing plans',
        'PutMetricData has no resource type; the cloudwatch:namespace condition limits it to the bundle\'s metrics',
        '',
        '',
      ],
    );
    const restoreTestFunction = new lambda.Function(this, 'RestoreTestFunction', {
      functionName: settings.projectName + '-restore-tests',
      description: 'drplan: measures and validates AWS Backup restore tests',
      runtime: lambda.Runtime.PYTHON_3_14,
      handler: 'handler.handler',
      code: lambda.Code.fromAsset(path.join(__dirname, '..', 'lambda', 'restore_test')),
      memorySize: 128,
      timeout: cdk.Duration.seconds(60),
      architecture: lambda.Architecture.ARM_64,
      role: restoreTestFunctionRole.withoutPolicyUpdates(),
      logGroup: restoreTestsLogs,
      environment: {
        'METRIC_NAMESPACE': 'CustomMetrics/DatabaseBackup',
        'RESTORE_TESTS': '{"' + weeklyRestoreRt.attrRestoreTestingPlanArn + '":{"plan":"' + weeklyRestoreRt.ref + '","budget_minutes":175.0,"component":"orders"}}',
      },
      environmentEncryption: exportKey,
      deadLetterTopic: alertsTopic,
    });
    // CDK makes the function depend on its role explicitly, on top of the Role reference; cfn-lint W3005 notes the
    // duplicate, which is harmless.
    helpers.cfnLintIgnore(restoreTestFunction, ['W3005']);
    const restoreTestEvents = new events.Rule(this, 'RestoreTestEvents', {
      description: 'drplan: restore test jobs, to the validation function',
      eventPattern: {source: ['aws.backup'], detailType: ['Restore Job State Change']},
      targets: [new targets.LambdaFunction(restoreTestFunction)],
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
    new cdk.CfnOutput(this, 'AssetsBucketNameOutput', {
      value: assetsBucket.bucketName,
      description: 'Name of the S3 bucket of component assets',
    });
    new cdk.CfnOutput(this, 'AssetsBucketArnOutput', {
      value: assetsBucket.bucketArn,
      description: 'ARN of the S3 bucket of component assets',
    });
    new cdk.CfnOutput(this, 'NightlyVaultNameOutput', {
      value: nightlyVault.backupVaultName,
      description: 'Name of backup vault nightly-vault',
    });
  }
}
