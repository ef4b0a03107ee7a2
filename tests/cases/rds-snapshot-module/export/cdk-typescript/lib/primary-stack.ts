// Primary stack (us-east-1) of the drplan export of plan Database backup module: RDS snapshots to S3.

import * as path from 'path';

import * as cdk from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cw_actions from 'aws-cdk-lib/aws-cloudwatch-actions';
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
    // component backup-key
    const backupKeyKey = new kms.Key(this, 'BackupKeyKey', {
      description: 'drplan: customer-managed key 1 of 1 (component backup-key)',
      enableKeyRotation: true,
      removalPolicy: cdk.RemovalPolicy.RETAIN,
    });
    backupKeyKey.addToResourcePolicy(
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
    backupKeyKey.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowPublishFromCloudwatch',
        effect: iam.Effect.ALLOW,
        actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
        resources: ['*'],
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
      }),
    );

    // added by the export
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

    // component backup-notifications
    const backupNotificationsTopic = new sns.Topic(this, 'BackupNotificationsTopic', {
      masterKey: backupKeyKey,
      enforceSSL: true,
    });
    backupNotificationsTopic.addSubscription(new subs.EmailSubscription(settings.notificationEmail));
    backupNotificationsTopic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowPublish1',
        effect: iam.Effect.ALLOW,
        actions: ['sns:Publish'],
        resources: [backupNotificationsTopic.topicArn],
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        conditions: {
          'ArnLike': {
            'aws:SourceArn': 'arn:' + cdk.Aws.PARTITION + ':cloudwatch:' + this.region + ':' + cdk.Aws.ACCOUNT_ID + ':alarm:*',
          },
        },
      }),
    );

    // component db-backups
    const dbBackupsBucket = new s3.Bucket(this, 'DbBackupsBucket', {
      bucketName: settings.s3BucketName || undefined,
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: backupKeyKey,
      bucketKeyEnabled: true,
      versioned: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'db-backups/',
      lifecycleRules: [
        {
          id: 'drplan-lifecycle',
          enabled: true,
          transitions: [
            {
              storageClass: s3.StorageClass.INFREQUENT_ACCESS,
              transitionAfter: cdk.Duration.days(30),
            },
            {storageClass: s3.StorageClass.GLACIER, transitionAfter: cdk.Duration.days(90)},
            {storageClass: s3.StorageClass.DEEP_ARCHIVE, transitionAfter: cdk.Duration.days(365)},
          ],
          expiration: cdk.Duration.days(2555),
          noncurrentVersionExpiration: cdk.Duration.days(30),
          abortIncompleteMultipartUploadAfter: cdk.Duration.days(7),
        },
      ],
      removalPolicy: cdk.RemovalPolicy.RETAIN,
    });

    // component backup-lambda
    const backupLambdaLogs = new logs.LogGroup(this, 'BackupLambdaLogs', {
      logGroupName: '/drplan/' + settings.projectName + '/backup-lambda',
      retention: logs.RetentionDays.ONE_MONTH,
      encryptionKey: backupKeyKey,
      removalPolicy: cdk.RemovalPolicy.RETAIN,
    });
    helpers.defaultChild(backupLambdaLogs).addPropertyOverride(
      'RetentionInDays',
      settings.logRetentionDays,
    );
    const backupLambdaExportRoleStatements = [
      new iam.PolicyStatement({
        sid: 'ListExportBucket',
        effect: iam.Effect.ALLOW,
        actions: ['s3:ListBucket', 's3:GetBucketLocation'],
        resources: [dbBackupsBucket.bucketArn],
      }),
      new iam.PolicyStatement({
        sid: 'WriteExports',
        effect: iam.Effect.ALLOW,
        actions: ['s3:PutObject', 's3:GetObject', 's3:AbortMultipartUpload', 's3:DeleteObject'],
        resources: [dbBackupsBucket.bucketArn + '/rds-exports/*'],
      }),
      new iam.PolicyStatement({
        sid: 'EncryptExports',
        effect: iam.Effect.ALLOW,
        actions: ['kms:Encrypt', 'kms:Decrypt', 'kms:GenerateDataKey', 'kms:DescribeKey'],
        resources: [backupKeyKey.keyArn],
      }),
    ];
    const backupLambdaExportRole = new iam.Role(this, 'BackupLambdaExportRole', {
      assumedBy: new iam.ServicePrincipal('export.rds.amazonaws.com'),
      description: 'RDS snapshot export to S3 for component backup-lambda',
      inlinePolicies: {
        'permissions': new iam.PolicyDocument({statements: backupLambdaExportRoleStatements}),
      },
    });
    helpers.acknowledgeWildcards(
      backupLambdaExportRole,
      backupLambdaExportRoleStatements,
      [
        '',
        'export file names are chosen by RDS at run time; the grant is limited to the rds-exports/ prefix of one bucket',
        '',
      ],
    );
    const backupLambdaRoleStatements = [
      new iam.PolicyStatement({
        sid: 'WriteOwnLogs',
        effect: iam.Effect.ALLOW,
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [backupLambdaLogs.logGroupArn],
      }),
      new iam.PolicyStatement({
        sid: 'ReadEncryptedEnvironment',
        effect: iam.Effect.ALLOW,
        actions: ['kms:Decrypt'],
        resources: [backupKeyKey.keyArn],
      }),
      new iam.PolicyStatement({
        sid: 'DescribeSnapshots',
        effect: iam.Effect.ALLOW,
        actions: [
          'rds:DescribeDBSnapshots',
          'rds:DescribeDBClusterSnapshots',
          'rds:DescribeExportTasks',
          'rds:DescribeDBInstances',
        ],
        resources: ['*'],
      }),
      new iam.PolicyStatement({
        sid: 'UseDrKeyForCopies',
        effect: iam.Effect.ALLOW,
        actions: ['kms:CreateGrant', 'kms:DescribeKey'],
        resources: [
          'arn:' + cdk.Aws.PARTITION + ':kms:' + settings.crossRegionDestination + ':' + cdk.Aws.ACCOUNT_ID + ':key/*',
        ],
        conditions: {
          'ForAnyValue:StringEquals': {
            'kms:ResourceAliases': 'alias/' + settings.projectName + '/dr',
          },
        },
      }),
      new iam.PolicyStatement({
        sid: 'UseSourceKeysThroughRds',
        effect: iam.Effect.ALLOW,
        actions: ['kms:CreateGrant', 'kms:DescribeKey'],
        resources: [
          'arn:' + cdk.Aws.PARTITION + ':kms:' + this.region + ':' + cdk.Aws.ACCOUNT_ID + ':key/*',
        ],
        conditions: {'StringEquals': {'kms:ViaService': 'rds.' + this.region + '.amazonaws.com'}},
      }),
      new iam.PolicyStatement({
        sid: 'PassExportRole',
        effect: iam.Effect.ALLOW,
        actions: ['iam:PassRole'],
        resources: [backupLambdaExportRole.roleArn],
        conditions: {'StringEquals': {'iam:PassedToService': 'export.rds.amazonaws.com'}},
      }),
      new iam.PolicyStatement({
        sid: 'UseExportKey',
        effect: iam.Effect.ALLOW,
        actions: ['kms:CreateGrant', 'kms:DescribeKey'],
        resources: [backupKeyKey.keyArn],
      }),
      new iam.PolicyStatement({
        sid: 'PublishBackupMetrics',
        effect: iam.Effect.ALLOW,
        actions: ['cloudwatch:PutMetricData'],
        resources: ['*'],
        conditions: {'StringEquals': {'cloudwatch:namespace': 'CustomMetrics/DatabaseBackup'}},
      }),
      new iam.PolicyStatement({
        sid: 'NotifyFailures',
        effect: iam.Effect.ALLOW,
        actions: ['sns:Publish'],
        resources: [backupNotificationsTopic.topicArn],
      }),
      new iam.PolicyStatement({
        sid: 'EncryptNotifications',
        effect: iam.Effect.ALLOW,
        actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
        resources: [backupKeyKey.keyArn],
      }),
    ];
    const backupLambdaRole = new iam.Role(this, 'BackupLambdaRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'Execution role of backup function backup-lambda',
      inlinePolicies: {
        'permissions': new iam.PolicyDocument({statements: backupLambdaRoleStatements}),
      },
    });
    helpers.acknowledgeWildcards(
      backupLambdaRole,
      backupLambdaRoleStatements,
      [
        'log streams are created at run time; the grant is limited to the function\'s own log group',
        '',
        'RDS describe calls are read-only and are authorised against every snapshot and instance of the account',
        'the DR key lives in another stack and region; the kms:ResourceAliases condition limits the grant to the key with the DR alias',
        'existing databases use keys this bundle does not know; the grant only works through RDS (kms:ViaService)',
        '',
        '',
        'PutMetricData has no resource type; the cloudwatch:namespace condition limits it to the backup metrics',
        '',
        '',
      ],
    );
    for (const listItem of settings.rdsInstanceIds) {
      const backupLambdaRdsInstanceIdsPolicyStatements = [
        new iam.PolicyStatement({
          sid: 'SnapshotInstance',
          effect: iam.Effect.ALLOW,
          actions: ['rds:CreateDBSnapshot', 'rds:AddTagsToResource'],
          resources: [
            'arn:' + cdk.Aws.PARTITION + ':rds:' + this.region + ':' + cdk.Aws.ACCOUNT_ID + ':snapshot:drplan-' + listItem + '-*',
            'arn:' + cdk.Aws.PARTITION + ':rds:' + this.region + ':' + cdk.Aws.ACCOUNT_ID + ':db:' + listItem,
          ],
        }),
        new iam.PolicyStatement({
          sid: 'CopyToDr',
          effect: iam.Effect.ALLOW,
          actions: ['rds:CopyDBSnapshot', 'rds:AddTagsToResource'],
          resources: [
            'arn:' + cdk.Aws.PARTITION + ':rds:' + this.region + ':' + cdk.Aws.ACCOUNT_ID + ':snapshot:drplan-' + listItem + '-*',
            'arn:' + cdk.Aws.PARTITION + ':rds:' + settings.crossRegionDestination + ':' + cdk.Aws.ACCOUNT_ID + ':snapshot:drplan-' + listItem + '-*',
          ],
        }),
        new iam.PolicyStatement({
          sid: 'DeleteExpired',
          effect: iam.Effect.ALLOW,
          actions: ['rds:DeleteDBSnapshot'],
          resources: [
            'arn:' + cdk.Aws.PARTITION + ':rds:' + this.region + ':' + cdk.Aws.ACCOUNT_ID + ':snapshot:drplan-' + listItem + '-*',
            'arn:' + cdk.Aws.PARTITION + ':rds:' + settings.crossRegionDestination + ':' + cdk.Aws.ACCOUNT_ID + ':snapshot:drplan-' + listItem + '-*',
          ],
        }),
        new iam.PolicyStatement({
          sid: 'Export',
          effect: iam.Effect.ALLOW,
          actions: ['rds:StartExportTask'],
          resources: [
            'arn:' + cdk.Aws.PARTITION + ':rds:' + this.region + ':' + cdk.Aws.ACCOUNT_ID + ':snapshot:drplan-' + listItem + '-*',
          ],
        }),
      ];
      const backupLambdaRdsInstanceIdsPolicy = new iam.Policy(this, 'BackupLambdaRdsInstanceIdsPolicy' + listItem, {
        roles: [backupLambdaRole],
        statements: backupLambdaRdsInstanceIdsPolicyStatements,
      });
      helpers.acknowledgeWildcards(
        backupLambdaRdsInstanceIdsPolicy,
        backupLambdaRdsInstanceIdsPolicyStatements,
        [
          'snapshot names carry a timestamp: the grant covers this function\'s drplan-<instance>- snapshots only',
          'copies keep the snapshot\'s timestamped name: the grant covers this function\'s drplan-<instance>- snapshots only',
          'cleanup deletes only this function\'s drplan-<instance>- snapshots, whose names carry a timestamp',
          'exports start from this function\'s drplan-<instance>- snapshots, whose names carry a timestamp',
        ],
      );
    }
    const backupLambdaFunction = new lambda.Function(this, 'BackupLambdaFunction', {
      functionName: settings.projectName + '-' + settings.environment + '-backup-lambda',
      description: 'drplan backup orchestration (snapshot,export,cleanup,verify) for component backup-lambda',
      runtime: new lambda.Runtime(settings.lambdaRuntime, lambda.RuntimeFamily.PYTHON),
      handler: 'handler.handler',
      code: lambda.Code.fromAsset(path.join(__dirname, '..', 'lambda', 'backup')),
      memorySize: settings.lambdaMemorySize,
      timeout: cdk.Duration.seconds(settings.lambdaTimeout),
      architecture: lambda.Architecture.X86_64,
      role: backupLambdaRole.withoutPolicyUpdates(),
      logGroup: backupLambdaLogs,
      environment: {
        'TASKS': 'snapshot,export,cleanup,verify',
        'METRIC_NAMESPACE': 'CustomMetrics/DatabaseBackup',
        'SNAPSHOT_PREFIX': 'drplan',
        'TARGETS': '[{"copy_to_dr":true,"env":"RDS_INSTANCE_IDS","export":true,"id":"rds_instance_ids","kind":"rds","list":true,"retention_days":null}]',
        'RETENTION_DAYS': String(settings.backupRetentionDays),
        'COPY_TO_DR': settings.enableCrossRegionCopy,
        'DR_REGION': settings.crossRegionDestination,
        'DR_KMS_KEY_ARN': 'arn:' + cdk.Aws.PARTITION + ':kms:' + settings.crossRegionDestination + ':' + cdk.Aws.ACCOUNT_ID + ':alias/' + settings.projectName + '/dr',
        'EXPORT_BUCKET': dbBackupsBucket.bucketName,
        'EXPORT_ROLE_ARN': backupLambdaExportRole.roleArn,
        'EXPORT_KMS_KEY_ARN': backupKeyKey.keyArn,
        'NOTIFY_TOPIC_ARN': backupNotificationsTopic.topicArn,
        'BACKUP_WINDOW': settings.backupWindow,
        'DETAILED_METRICS': settings.enableDetailedMonitoring,
        'SLACK_WEBHOOK_PARAMETER': '',
        'RDS_INSTANCE_IDS': helpers.joinList(settings.rdsInstanceIds),
      },
      environmentEncryption: backupKeyKey,
      reservedConcurrentExecutions: settings.lambdaReservedConcurrency || undefined,
      deadLetterTopic: backupNotificationsTopic,
    });
    // CDK makes the function depend on its role explicitly, on top of the Role reference; cfn-lint W3005 notes the
    // duplicate, which is harmless.
    helpers.cfnLintIgnore(backupLambdaFunction, ['W3005']);

    // component daily-backup
    const dailyBackupSchedule = new events.Rule(this, 'DailyBackupSchedule', {
      description: 'drplan: runs backup-lambda-function on the backup_schedule setting',
      schedule: events.Schedule.expression(settings.backupSchedule),
      targets: [
        new targets.LambdaFunction(backupLambdaFunction, {
          event: events.RuleTargetInput.fromObject({'backup_type': 'daily'}),
        }),
      ],
    });

    // component backup-monitoring
    const backupMonitoringBackupFailureAlarm = new cloudwatch.Alarm(this, 'BackupMonitoringBackupFailureAlarm', {
      alarmName: settings.projectName + '-' + settings.environment + '-backup-failure',
      alarmDescription: 'drplan: alarm backup-failure of component backup-monitoring',
      metric: new cloudwatch.Metric({
        namespace: 'CustomMetrics/DatabaseBackup',
        metricName: 'BackupFailure',
        statistic: 'Sum',
        period: cdk.Duration.seconds(300),
      }),
      threshold: 0,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    backupMonitoringBackupFailureAlarm.addAlarmAction(
      new cw_actions.SnsAction(backupNotificationsTopic),
    );
    const backupMonitoringSnapshotAgeAlarm = new cloudwatch.Alarm(this, 'BackupMonitoringSnapshotAgeAlarm', {
      alarmName: settings.projectName + '-' + settings.environment + '-snapshot-age',
      alarmDescription: 'drplan: alarm snapshot-age of component backup-monitoring',
      metric: new cloudwatch.Metric({
        namespace: 'CustomMetrics/DatabaseBackup',
        metricName: 'SnapshotAge',
        statistic: 'Maximum',
        period: cdk.Duration.seconds(3600),
      }),
      threshold: 26,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.BREACHING,
    });
    backupMonitoringSnapshotAgeAlarm.addAlarmAction(
      new cw_actions.SnsAction(backupNotificationsTopic),
    );
    const backupMonitoringDashboard = new cloudwatch.Dashboard(this, 'BackupMonitoringDashboard', {
      dashboardName: settings.projectName + '-' + settings.environment + '-backup-monitoring',
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
                metricName: 'BackupFailure',
                statistic: 'Sum',
                period: cdk.Duration.seconds(300),
              }),
              new cloudwatch.Metric({
                namespace: 'CustomMetrics/DatabaseBackup',
                metricName: 'BackupDuration',
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
            title: 'backup-failure',
            left: [
              new cloudwatch.Metric({
                namespace: 'CustomMetrics/DatabaseBackup',
                metricName: 'BackupFailure',
                statistic: 'Sum',
                period: cdk.Duration.seconds(300),
              }),
            ],
            width: 12,
            height: 6,
          }),
        ],
        [
          new cloudwatch.GraphWidget({
            title: 'snapshot-age',
            left: [
              new cloudwatch.Metric({
                namespace: 'CustomMetrics/DatabaseBackup',
                metricName: 'SnapshotAge',
                statistic: 'Maximum',
                period: cdk.Duration.seconds(3600),
              }),
            ],
            width: 12,
            height: 6,
          }),
        ],
      ],
    });

    new cdk.CfnOutput(this, 'KmsKeyIdOutput', {
      value: backupKeyKey.keyId,
      description: 'Id of KMS key backup-key-key',
    });
    new cdk.CfnOutput(this, 'KmsKeyArnOutput', {
      value: backupKeyKey.keyArn,
      description: 'ARN of KMS key backup-key-key',
    });
    new cdk.CfnOutput(this, 'SnsTopicArnOutput', {
      value: backupNotificationsTopic.topicArn,
      description: 'ARN of the SNS topic of component backup-notifications',
    });
    new cdk.CfnOutput(this, 'SnsTopicNameOutput', {
      value: backupNotificationsTopic.topicName,
      description: 'Name of the SNS topic of component backup-notifications',
    });
    new cdk.CfnOutput(this, 'S3BucketNameOutput', {
      value: dbBackupsBucket.bucketName,
      description: 'Name of the S3 bucket of component db-backups',
    });
    new cdk.CfnOutput(this, 'S3BucketArnOutput', {
      value: dbBackupsBucket.bucketArn,
      description: 'ARN of the S3 bucket of component db-backups',
    });
    new cdk.CfnOutput(this, 'LambdaFunctionNameOutput', {
      value: backupLambdaFunction.functionName,
      description: 'Name of the backup function of component backup-lambda',
    });
    new cdk.CfnOutput(this, 'LambdaFunctionArnOutput', {
      value: backupLambdaFunction.functionArn,
      description: 'ARN of the backup function of component backup-lambda',
    });
    new cdk.CfnOutput(this, 'LambdaRoleArnOutput', {
      value: backupLambdaRole.roleArn,
      description: 'ARN of the execution role of component backup-lambda',
    });
    new cdk.CfnOutput(this, 'CloudwatchLogGroupNameOutput', {
      value: backupLambdaLogs.logGroupName,
      description: 'Log group of component backup-lambda',
    });
    new cdk.CfnOutput(this, 'CloudwatchLogGroupArnOutput', {
      value: backupLambdaLogs.logGroupArn,
      description: 'ARN of the log group of component backup-lambda',
    });
    new cdk.CfnOutput(this, 'BackupMonitoringDashboardNameOutput', {
      value: backupMonitoringDashboard.dashboardName,
      description: 'Name of CloudWatch dashboard 1 of component backup-monitoring',
    });
    new cdk.CfnOutput(this, 'S3BucketRegionOutput', {
      value: this.region,
      description: 'Region of the primary stack',
    });
  }
}
