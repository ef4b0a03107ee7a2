// Primary stack (us-east-1) of the drplan export of plan S3 and Glacier backup with CDK.

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
    const exportKey = new kms.Key(this, 'ExportKey', {
      description: 'drplan: key for topics, logs and backups',
      enableKeyRotation: true,
      removalPolicy: cdk.RemovalPolicy.RETAIN,
    });
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
    exportKey.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowPublishFromCloudwatch',
        effect: iam.Effect.ALLOW,
        actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
        resources: ['*'],
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
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

    // component backup-alerts
    const backupAlertsTopic = new sns.Topic(this, 'BackupAlertsTopic', {
      masterKey: exportKey,
      enforceSSL: true,
    });
    backupAlertsTopic.addSubscription(new subs.EmailSubscription(settings.notificationEmail));
    backupAlertsTopic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowPublish1',
        effect: iam.Effect.ALLOW,
        actions: ['sns:Publish'],
        resources: [backupAlertsTopic.topicArn],
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        conditions: {
          'ArnLike': {
            'aws:SourceArn': 'arn:' + cdk.Aws.PARTITION + ':cloudwatch:' + this.region + ':' + cdk.Aws.ACCOUNT_ID + ':alarm:*',
          },
        },
      }),
    );

    // component backup-bucket
    const backupBucketReplicationRole = new iam.Role(this, 'BackupBucketReplicationRole', {
      assumedBy: new iam.ServicePrincipal('s3.amazonaws.com'),
      description: 'S3 replication of component backup-bucket to the DR region',
    });
    const backupBucketBucket = new s3.Bucket(this, 'BackupBucketBucket', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      versioned: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'backup-bucket/',
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
          noncurrentVersionExpiration: cdk.Duration.days(settings.backupRetentionDays),
          abortIncompleteMultipartUploadAfter: cdk.Duration.days(7),
        },
      ],
      replicationRole: backupBucketReplicationRole.withoutPolicyUpdates(),
      replicationRules: [
        {
          id: 'drplan-replication',
          priority: 1,
          destination: s3.Bucket.fromBucketArn(
            this,
            'BackupBucketBucketReplicaDestination',
            'arn:' + cdk.Aws.PARTITION + ':s3:::' + settings.projectName + '-backup-bucket-' + cdk.Aws.ACCOUNT_ID,
          ),
          storageClass: s3.StorageClass.INFREQUENT_ACCESS,
          deleteMarkerReplication: false,
        },
      ],
      removalPolicy: cdk.RemovalPolicy.RETAIN,
    });

    // component backup-orchestrator
    const backupOrchestratorLogs = new logs.LogGroup(this, 'BackupOrchestratorLogs', {
      logGroupName: '/drplan/' + settings.projectName + '/backup-orchestrator',
      retention: logs.RetentionDays.ONE_MONTH,
      encryptionKey: exportKey,
      removalPolicy: cdk.RemovalPolicy.RETAIN,
    });
    const backupOrchestratorRoleStatements = [
      new iam.PolicyStatement({
        sid: 'WriteOwnLogs',
        effect: iam.Effect.ALLOW,
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [backupOrchestratorLogs.logGroupArn],
      }),
      new iam.PolicyStatement({
        sid: 'ReadEncryptedEnvironment',
        effect: iam.Effect.ALLOW,
        actions: ['kms:Decrypt'],
        resources: [exportKey.keyArn],
      }),
      new iam.PolicyStatement({
        sid: 'ListCopiesBackupBucket',
        effect: iam.Effect.ALLOW,
        actions: ['s3:ListBucket'],
        resources: [backupBucketBucket.bucketArn],
      }),
      new iam.PolicyStatement({
        sid: 'WriteCopiesBackupBucket',
        effect: iam.Effect.ALLOW,
        actions: ['s3:PutObject', 's3:PutObjectTagging', 's3:GetObject', 's3:AbortMultipartUpload'],
        resources: [backupBucketBucket.bucketArn + '/*'],
      }),
      new iam.PolicyStatement({
        sid: 'VerifyBackupBucket',
        effect: iam.Effect.ALLOW,
        actions: ['s3:GetBucketVersioning', 's3:GetReplicationConfiguration'],
        resources: [backupBucketBucket.bucketArn],
      }),
      new iam.PolicyStatement({
        sid: 'ListSource',
        effect: iam.Effect.ALLOW,
        actions: ['s3:ListBucket'],
        resources: ['arn:' + cdk.Aws.PARTITION + ':s3:::' + settings.sourceBucketName],
      }),
      new iam.PolicyStatement({
        sid: 'ReadSource',
        effect: iam.Effect.ALLOW,
        actions: ['s3:GetObject', 's3:GetObjectTagging'],
        resources: ['arn:' + cdk.Aws.PARTITION + ':s3:::' + settings.sourceBucketName + '/*'],
      }),
      new iam.PolicyStatement({
        sid: 'ContinueLongCopies',
        effect: iam.Effect.ALLOW,
        actions: ['lambda:InvokeFunction'],
        resources: [
          'arn:' + cdk.Aws.PARTITION + ':lambda:' + this.region + ':' + cdk.Aws.ACCOUNT_ID + ':function:' + settings.projectName + '-backup-orchestrator',
        ],
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
        resources: [backupAlertsTopic.topicArn],
      }),
      new iam.PolicyStatement({
        sid: 'EncryptNotifications',
        effect: iam.Effect.ALLOW,
        actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
        resources: [exportKey.keyArn],
      }),
    ];
    const backupOrchestratorRole = new iam.Role(this, 'BackupOrchestratorRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'Execution role of backup function backup-orchestrator',
      inlinePolicies: {
        'permissions': new iam.PolicyDocument({statements: backupOrchestratorRoleStatements}),
      },
    });
    helpers.acknowledgeWildcards(
      backupOrchestratorRole,
      backupOrchestratorRoleStatements,
      [
        'log streams are created at run time; the grant is limited to the function\'s own log group',
        '',
        '',
        'copies keep the source\'s keys, which are known only at run time; the grant covers one bucket',
        '',
        '',
        'manual runs may name any prefix of the source bucket; the grant is read-only and covers one bucket',
        '',
        'PutMetricData has no resource type; the cloudwatch:namespace condition limits it to the backup metrics',
        '',
        '',
      ],
    );
    const backupOrchestratorFunction = new lambda.Function(this, 'BackupOrchestratorFunction', {
      functionName: settings.projectName + '-backup-orchestrator',
      description: 'drplan backup orchestration (copy,verify) for component backup-orchestrator',
      runtime: lambda.Runtime.PYTHON_3_14,
      handler: 'handler.handler',
      code: lambda.Code.fromAsset(path.join(__dirname, '..', 'lambda', 'backup')),
      memorySize: 256,
      timeout: cdk.Duration.seconds(300),
      architecture: lambda.Architecture.X86_64,
      role: backupOrchestratorRole.withoutPolicyUpdates(),
      logGroup: backupOrchestratorLogs,
      environment: {
        'TASKS': 'copy,verify',
        'METRIC_NAMESPACE': 'CustomMetrics/DatabaseBackup',
        'SNAPSHOT_PREFIX': 'drplan',
        'TARGETS': '[{"copy":true,"env":"TARGET_BACKUP_BUCKET","id":"backup-bucket","kind":"s3","replication":true}]',
        'COPY_SOURCE_BUCKET': settings.sourceBucketName,
        'COPY_SOURCE_PREFIX': '',
        'NOTIFY_ON_SUCCESS': 'true',
        'NOTIFY_TOPIC_ARN': backupAlertsTopic.topicArn,
        'TARGET_BACKUP_BUCKET': backupBucketBucket.bucketName,
      },
      environmentEncryption: exportKey,
      deadLetterTopic: backupAlertsTopic,
    });
    // CDK makes the function depend on its role explicitly, on top of the Role reference; cfn-lint W3005 notes the
    // duplicate, which is harmless.
    helpers.cfnLintIgnore(backupOrchestratorFunction, ['W3005']);

    // component daily-backup
    const dailyBackupSchedule = new events.Rule(this, 'DailyBackupSchedule', {
      description: 'drplan: runs backup-orchestrator-function on the backup_schedule setting',
      schedule: events.Schedule.expression(settings.backupSchedule),
      targets: [
        new targets.LambdaFunction(backupOrchestratorFunction, {
          event: events.RuleTargetInput.fromObject({'backup_type': 'incremental'}),
        }),
      ],
    });

    // component weekly-backup
    const weeklyBackupSchedule = new events.Rule(this, 'WeeklyBackupSchedule', {
      description: 'drplan: runs backup-orchestrator-function on cron(0 1 ? * SUN *)',
      schedule: events.Schedule.expression('cron(0 1 ? * SUN *)'),
      targets: [
        new targets.LambdaFunction(backupOrchestratorFunction, {
          event: events.RuleTargetInput.fromObject({'backup_type': 'full'}),
        }),
      ],
    });

    // component backup-monitoring
    const backupMonitoringBackupFailureAlarm = new cloudwatch.Alarm(this, 'BackupMonitoringBackupFailureAlarm', {
      alarmName: settings.projectName + '-backup-failure',
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
    backupMonitoringBackupFailureAlarm.addAlarmAction(new cw_actions.SnsAction(backupAlertsTopic));
    const backupMonitoringOrchestratorErrorsAlarm = new cloudwatch.Alarm(this, 'BackupMonitoringOrchestratorErrorsAlarm', {
      alarmName: settings.projectName + '-orchestrator-errors',
      alarmDescription: 'drplan: alarm orchestrator-errors of component backup-monitoring',
      metric: new cloudwatch.Metric({
        namespace: 'AWS/Lambda',
        metricName: 'Errors',
        statistic: 'Sum',
        period: cdk.Duration.seconds(300),
        dimensionsMap: {'FunctionName': backupOrchestratorFunction.functionName},
      }),
      threshold: 0,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    backupMonitoringOrchestratorErrorsAlarm.addAlarmAction(
      new cw_actions.SnsAction(backupAlertsTopic),
    );
    const backupMonitoringDashboard = new cloudwatch.Dashboard(this, 'BackupMonitoringDashboard', {
      dashboardName: settings.projectName + '-backup-monitoring',
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
            title: 'orchestrator-errors',
            left: [
              new cloudwatch.Metric({
                namespace: 'AWS/Lambda',
                metricName: 'Errors',
                statistic: 'Sum',
                period: cdk.Duration.seconds(300),
                dimensionsMap: {'FunctionName': backupOrchestratorFunction.functionName},
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
    new cdk.CfnOutput(this, 'BackupAlertsTopicArnOutput', {
      value: backupAlertsTopic.topicArn,
      description: 'ARN of the SNS topic of component backup-alerts',
    });
    new cdk.CfnOutput(this, 'BackupAlertsTopicNameOutput', {
      value: backupAlertsTopic.topicName,
      description: 'Name of the SNS topic of component backup-alerts',
    });
    new cdk.CfnOutput(this, 'BackupBucketBucketNameOutput', {
      value: backupBucketBucket.bucketName,
      description: 'Name of the S3 bucket of component backup-bucket',
    });
    new cdk.CfnOutput(this, 'BackupBucketBucketArnOutput', {
      value: backupBucketBucket.bucketArn,
      description: 'ARN of the S3 bucket of component backup-bucket',
    });
    new cdk.CfnOutput(this, 'BackupOrchestratorFunctionNameOutput', {
      value: backupOrchestratorFunction.functionName,
      description: 'Name of the backup function of component backup-orchestrator',
    });
    new cdk.CfnOutput(this, 'BackupOrchestratorFunctionArnOutput', {
      value: backupOrchestratorFunction.functionArn,
      description: 'ARN of the backup function of component backup-orchestrator',
    });
    new cdk.CfnOutput(this, 'BackupOrchestratorRoleArnOutput', {
      value: backupOrchestratorRole.roleArn,
      description: 'ARN of the execution role of component backup-orchestrator',
    });
    new cdk.CfnOutput(this, 'BackupOrchestratorLogGroupNameOutput', {
      value: backupOrchestratorLogs.logGroupName,
      description: 'Log group of component backup-orchestrator',
    });
    new cdk.CfnOutput(this, 'BackupOrchestratorLogGroupArnOutput', {
      value: backupOrchestratorLogs.logGroupArn,
      description: 'ARN of the log group of component backup-orchestrator',
    });
    new cdk.CfnOutput(this, 'BackupMonitoringDashboardNameOutput', {
      value: backupMonitoringDashboard.dashboardName,
      description: 'Name of CloudWatch dashboard 1 of component backup-monitoring',
    });
    const backupBucketReplicationRoleStatements = [
      new iam.PolicyStatement({
        sid: 'ReadReplicationConfiguration',
        effect: iam.Effect.ALLOW,
        actions: ['s3:GetReplicationConfiguration', 's3:ListBucket'],
        resources: [backupBucketBucket.bucketArn],
      }),
      new iam.PolicyStatement({
        sid: 'ReadSourceVersions',
        effect: iam.Effect.ALLOW,
        actions: [
          's3:GetObjectVersionForReplication',
          's3:GetObjectVersionAcl',
          's3:GetObjectVersionTagging',
        ],
        resources: [backupBucketBucket.bucketArn + '/*'],
      }),
      new iam.PolicyStatement({
        sid: 'WriteReplicas',
        effect: iam.Effect.ALLOW,
        actions: ['s3:ReplicateObject', 's3:ReplicateDelete', 's3:ReplicateTags'],
        resources: [
          'arn:' + cdk.Aws.PARTITION + ':s3:::' + settings.projectName + '-backup-bucket-' + cdk.Aws.ACCOUNT_ID + '/*',
        ],
      }),
    ];
    const backupBucketReplicationRolePolicy = new iam.Policy(this, 'BackupBucketReplicationRolePolicy', {
      roles: [backupBucketReplicationRole],
      statements: backupBucketReplicationRoleStatements,
    });
    helpers.acknowledgeWildcards(
      backupBucketReplicationRolePolicy,
      backupBucketReplicationRoleStatements,
      [
        '',
        'replication reads and writes every object version of the bucket: the grant is limited to that bucket\'s objects',
        'replication reads and writes every object version of the bucket: the grant is limited to that bucket\'s objects',
      ],
    );
  }
}
