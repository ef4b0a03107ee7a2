// Primary stack (us-east-1) of the drplan export of plan Photography portfolio: backup & DR.

import * as path from 'path';

import * as cdk from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as codecommit from 'aws-cdk-lib/aws-codecommit';
import * as cw_actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as route53 from 'aws-cdk-lib/aws-route53';
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
    // component backup-keys
    const backupKeysKey = new kms.Key(this, 'BackupKeysKey', {
      description: 'drplan: customer-managed key 1 of 1 (component backup-keys)',
      enableKeyRotation: true,
      removalPolicy: cdk.RemovalPolicy.RETAIN,
    });
    backupKeysKey.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowBackupAccountCopies',
        effect: iam.Effect.ALLOW,
        actions: [
          'kms:DescribeKey',
          'kms:Encrypt',
          'kms:Decrypt',
          'kms:ReEncrypt*',
          'kms:GenerateDataKey*',
        ],
        resources: ['*'],
        principals: [
          new iam.ArnPrincipal(
            'arn:' + cdk.Aws.PARTITION + ':iam::' + settings.backupAccountId + ':root',
          ),
        ],
      }),
    );
    backupKeysKey.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowBackupAccountGrants',
        effect: iam.Effect.ALLOW,
        actions: ['kms:CreateGrant', 'kms:ListGrants', 'kms:RevokeGrant'],
        resources: ['*'],
        principals: [
          new iam.ArnPrincipal(
            'arn:' + cdk.Aws.PARTITION + ':iam::' + settings.backupAccountId + ':root',
          ),
        ],
        conditions: {'Bool': {'kms:GrantIsForAWSResource': 'true'}},
      }),
    );
    backupKeysKey.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowPublishFromEvents',
        effect: iam.Effect.ALLOW,
        actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
        resources: ['*'],
        principals: [new iam.ServicePrincipal('events.amazonaws.com')],
      }),
    );
    backupKeysKey.addToResourcePolicy(
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
    backupKeysKey.addToResourcePolicy(
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

    // component alerts
    const alertsTopic = new sns.Topic(this, 'AlertsTopic', {
      masterKey: backupKeysKey,
      enforceSSL: true,
    });
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

    // component media
    const mediaReplicationRole = new iam.Role(this, 'MediaReplicationRole', {
      assumedBy: new iam.ServicePrincipal('s3.amazonaws.com'),
      description: 'S3 replication of component media to the DR region and the backup account',
      roleName: settings.projectName + '-media-replication',
    });

    // component compliance-archive
    const complianceArchiveReplicationRole = new iam.Role(this, 'ComplianceArchiveReplicationRole', {
      assumedBy: new iam.ServicePrincipal('s3.amazonaws.com'),
      description: 'S3 replication of component compliance-archive to the DR region and the backup account',
      roleName: settings.projectName + '-compliance-archive-replication',
    });
    const complianceArchiveBucket = new s3.Bucket(this, 'ComplianceArchiveBucket', {
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: backupKeysKey,
      bucketKeyEnabled: true,
      versioned: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'compliance-archive/',
      lifecycleRules: [
        {
          id: 'drplan-lifecycle',
          enabled: true,
          transitions: [
            {storageClass: s3.StorageClass.DEEP_ARCHIVE, transitionAfter: cdk.Duration.days(0)},
          ],
          expiration: cdk.Duration.days(2555),
          noncurrentVersionExpiration: cdk.Duration.days(180),
          abortIncompleteMultipartUploadAfter: cdk.Duration.days(7),
        },
      ],
      replicationRole: complianceArchiveReplicationRole.withoutPolicyUpdates(),
      replicationRules: [
        {
          id: 'drplan-replication',
          priority: 1,
          destination: s3.Bucket.fromBucketArn(
            this,
            'ComplianceArchiveBucketReplicaDestination',
            'arn:' + cdk.Aws.PARTITION + ':s3:::' + settings.projectName + '-compliance-archive-' + cdk.Aws.ACCOUNT_ID,
          ),
          storageClass: s3.StorageClass.DEEP_ARCHIVE,
          deleteMarkerReplication: false,
          kmsKey: kms.Key.fromKeyArn(
            this,
            'ComplianceArchiveBucketReplicaKeyRef',
            'arn:' + cdk.Aws.PARTITION + ':kms:' + settings.drRegion + ':' + cdk.Aws.ACCOUNT_ID + ':alias/' + settings.projectName + '/dr',
          ),
          sseKmsEncryptedObjects: true,
        },
        {
          id: 'drplan-backup-account',
          priority: 2,
          destination: s3.Bucket.fromBucketAttributes(this, 'ComplianceArchiveBucketReplicaDestination2', {
            bucketArn: 'arn:' + cdk.Aws.PARTITION + ':s3:::' + settings.projectName + '-compliance-archive-' + settings.backupAccountId,
            account: settings.backupAccountId,
          }),
          storageClass: s3.StorageClass.DEEP_ARCHIVE,
          deleteMarkerReplication: false,
          accessControlTransition: true,
          kmsKey: kms.Key.fromKeyArn(
            this,
            'ComplianceArchiveBucketReplica2KeyRef',
            'arn:' + cdk.Aws.PARTITION + ':kms:' + settings.backupAccountRegion + ':' + settings.backupAccountId + ':alias/' + settings.projectName + '/backup-account',
          ),
          sseKmsEncryptedObjects: true,
        },
      ],
      removalPolicy: cdk.RemovalPolicy.RETAIN,
    });

    // component portfolio-table
    const portfolioTableBackupVault = new backup.BackupVault(this, 'PortfolioTableBackupVault', {
      backupVaultName: settings.projectName + '-portfolio-table-backups',
      encryptionKey: backupKeysKey,
      removalPolicy: cdk.RemovalPolicy.RETAIN,
    });
    const portfolioTableBackupsPlan = new backup.BackupPlan(this, 'PortfolioTableBackupsPlan', {
      backupPlanName: settings.projectName + '-portfolio-table-backups',
      backupVault: portfolioTableBackupVault,
      backupPlanRules: [
        new backup.BackupPlanRule({
          ruleName: 'on-demand',
          scheduleExpression: events.Schedule.expression('cron(0 3 * * ? *)'),
          startWindow: cdk.Duration.minutes(60),
          completionWindow: cdk.Duration.minutes(1440),
          enableContinuousBackup: false,
          deleteAfter: cdk.Duration.days(90),
        }),
      ],
    });
    const portfolioTableBackupsBackupRole = new iam.Role(this, 'PortfolioTableBackupsBackupRole', {
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
    cdk.Validations.of(portfolioTableBackupsBackupRole).acknowledge(
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup]',
        reason: 'AWS Backup\'s documented service-role policy: AWS scopes it to the resource types Backup supports and keeps it current',
      },
    );
    cdk.Validations.of(portfolioTableBackupsBackupRole).acknowledge(
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores]',
        reason: 'AWS Backup\'s documented service-role policy: AWS scopes it to the resource types Backup supports and keeps it current',
      },
    );
    const portfolioTableBackupsSelection = portfolioTableBackupsPlan.addSelection('PortfolioTableBackupsSelection', {
      resources: [
        backup.BackupResource.fromArn(
          'arn:' + cdk.Aws.PARTITION + ':dynamodb:' + this.region + ':' + cdk.Aws.ACCOUNT_ID + ':table/' + settings.portfolioTableTableName,
        ),
      ],
      backupSelectionName: 'portfolio-table-backups-resources',
      role: portfolioTableBackupsBackupRole.withoutPolicyUpdates(),
      disableDefaultBackupPolicy: true,
    });

    // component table-copies
    const tableCopiesVault = new backup.BackupVault(this, 'TableCopiesVault', {
      backupVaultName: settings.projectName + '-table-copies',
      encryptionKey: backupKeysKey,
      removalPolicy: cdk.RemovalPolicy.RETAIN,
    });
    const tableCopiesPlan = new backup.BackupPlan(this, 'TableCopiesPlan', {
      backupPlanName: settings.projectName + '-table-copies',
      backupVault: tableCopiesVault,
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
                'TableCopiesPlanDailyCopyVault',
                'arn:' + cdk.Aws.PARTITION + ':backup:' + settings.backupAccountRegion + ':' + settings.backupAccountId + ':backup-vault:' + settings.projectName + '-backup-vault',
              ),
              deleteAfter: cdk.Duration.days(7),
            },
          ],
        }),
      ],
    });
    const tableCopiesBackupRole = new iam.Role(this, 'TableCopiesBackupRole', {
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
    cdk.Validations.of(tableCopiesBackupRole).acknowledge(
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup]',
        reason: 'AWS Backup\'s documented service-role policy: AWS scopes it to the resource types Backup supports and keeps it current',
      },
    );
    cdk.Validations.of(tableCopiesBackupRole).acknowledge(
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores]',
        reason: 'AWS Backup\'s documented service-role policy: AWS scopes it to the resource types Backup supports and keeps it current',
      },
    );
    const tableCopiesSelection = tableCopiesPlan.addSelection('TableCopiesSelection', {
      resources: [
        backup.BackupResource.fromArn(
          'arn:' + cdk.Aws.PARTITION + ':dynamodb:' + this.region + ':' + cdk.Aws.ACCOUNT_ID + ':table/' + settings.portfolioTableTableName,
        ),
      ],
      backupSelectionName: 'table-copies-resources',
      role: tableCopiesBackupRole.withoutPolicyUpdates(),
      disableDefaultBackupPolicy: true,
    });
    const tableCopiesJobEvents = new events.Rule(this, 'TableCopiesJobEvents', {
      description: 'drplan: failed AWS Backup backup and copy jobs, to SNS',
      eventPattern: {
        source: ['aws.backup'],
        detailType: ['Backup Job State Change', 'Copy Job State Change'],
        detail: {'state': ['FAILED', 'ABORTED', 'EXPIRED']},
      },
      targets: [new targets.SnsTopic(alertsTopic)],
    });

    // component site-config
    const siteConfigConfigBucket = new s3.Bucket(this, 'SiteConfigConfigBucket', {
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: backupKeysKey,
      bucketKeyEnabled: true,
      versioned: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'site-config-config/',
      lifecycleRules: [
        {
          id: 'drplan-lifecycle',
          enabled: true,
          expiration: cdk.Duration.days(90),
          noncurrentVersionExpiration: cdk.Duration.days(30),
          abortIncompleteMultipartUploadAfter: cdk.Duration.days(7),
        },
      ],
      removalPolicy: cdk.RemovalPolicy.RETAIN,
    });
    const siteConfigExportLogs = new logs.LogGroup(this, 'SiteConfigExportLogs', {
      logGroupName: '/drplan/' + settings.projectName + '/site-config-export',
      retention: logs.RetentionDays.ONE_MONTH,
      encryptionKey: backupKeysKey,
      removalPolicy: cdk.RemovalPolicy.RETAIN,
    });
    const siteConfigExportRoleStatements = [
      new iam.PolicyStatement({
        sid: 'WriteOwnLogs',
        effect: iam.Effect.ALLOW,
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [siteConfigExportLogs.logGroupArn],
      }),
      new iam.PolicyStatement({
        sid: 'ReadEncryptedEnvironment',
        effect: iam.Effect.ALLOW,
        actions: ['kms:Decrypt'],
        resources: [backupKeysKey.keyArn],
      }),
      new iam.PolicyStatement({
        sid: 'ReadParameters',
        effect: iam.Effect.ALLOW,
        actions: ['ssm:GetParametersByPath'],
        resources: [
          'arn:' + cdk.Aws.PARTITION + ':ssm:' + this.region + ':' + cdk.Aws.ACCOUNT_ID + ':parameter/*',
        ],
      }),
      new iam.PolicyStatement({
        sid: 'DecryptSecureStrings',
        effect: iam.Effect.ALLOW,
        actions: ['kms:Decrypt'],
        resources: [
          'arn:' + cdk.Aws.PARTITION + ':kms:' + this.region + ':' + cdk.Aws.ACCOUNT_ID + ':key/*',
        ],
        conditions: {'StringEquals': {'kms:ViaService': 'ssm.' + this.region + '.amazonaws.com'}},
      }),
      new iam.PolicyStatement({
        sid: 'WriteExports',
        effect: iam.Effect.ALLOW,
        actions: ['s3:PutObject'],
        resources: [siteConfigConfigBucket.bucketArn + '/parameter-store/*'],
      }),
      new iam.PolicyStatement({
        sid: 'EncryptExports',
        effect: iam.Effect.ALLOW,
        actions: ['kms:GenerateDataKey'],
        resources: [backupKeysKey.keyArn],
      }),
    ];
    const siteConfigExportRole = new iam.Role(this, 'SiteConfigExportRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'Execution role of the Parameter Store export of component site-config',
      inlinePolicies: {
        'permissions': new iam.PolicyDocument({statements: siteConfigExportRoleStatements}),
      },
    });
    helpers.acknowledgeWildcards(
      siteConfigExportRole,
      siteConfigExportRoleStatements,
      [
        'log streams are created at run time; the grant is limited to the function\'s own log group',
        '',
        'the export reads every parameter of the account and region, by design',
        'SecureString parameters may use any key of the account; the grant only works through Parameter Store (kms:ViaService)',
        'export objects are named by date; the grant is limited to the parameter-store/ prefix of one bucket',
        '',
      ],
    );
    const siteConfigExportFunction = new lambda.Function(this, 'SiteConfigExportFunction', {
      functionName: settings.projectName + '-site-config-export',
      description: 'drplan: daily Parameter Store export for component site-config',
      runtime: lambda.Runtime.PYTHON_3_14,
      handler: 'handler.handler',
      code: lambda.Code.fromAsset(path.join(__dirname, '..', 'lambda', 'config_export')),
      memorySize: 256,
      timeout: cdk.Duration.seconds(300),
      architecture: lambda.Architecture.ARM_64,
      role: siteConfigExportRole.withoutPolicyUpdates(),
      logGroup: siteConfigExportLogs,
      environment: {'BUCKET': siteConfigConfigBucket.bucketName, 'PREFIX': 'parameter-store/'},
      environmentEncryption: backupKeysKey,
    });
    // CDK makes the function depend on its role explicitly, on top of the Role reference; cfn-lint W3005 notes the
    // duplicate, which is harmless.
    helpers.cfnLintIgnore(siteConfigExportFunction, ['W3005']);
    const siteConfigDailyExport = new events.Rule(this, 'SiteConfigDailyExport', {
      description: 'drplan: runs site-config-export-function on rate(1 day)',
      schedule: events.Schedule.expression('rate(1 day)'),
      targets: [
        new targets.LambdaFunction(siteConfigExportFunction, {
          event: events.RuleTargetInput.fromObject({'backup_type': 'parameter-store-export'}),
        }),
      ],
    });
    const siteConfigRepository = new codecommit.Repository(this, 'SiteConfigRepository', {
      repositoryName: settings.projectName + '-site-config',
      description: 'drplan: mirror of the infrastructure repository, for redeploying after a disaster',
      kmsKey: backupKeysKey,
    });
    siteConfigRepository.applyRemovalPolicy(cdk.RemovalPolicy.RETAIN);

    // component backup-monitoring
    const backupMonitoringDynamodbBackupFailuresAlarm = new cloudwatch.Alarm(this, 'BackupMonitoringDynamodbBackupFailuresAlarm', {
      alarmName: settings.projectName + '-dynamodb-backup-failures',
      alarmDescription: 'drplan: alarm dynamodb-backup-failures of component backup-monitoring',
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
    backupMonitoringDynamodbBackupFailuresAlarm.addAlarmAction(
      new cw_actions.SnsAction(alertsTopic),
    );
    const backupMonitoringS3ReplicationLagAlarm = new cloudwatch.Alarm(this, 'BackupMonitoringS3ReplicationLagAlarm', {
      alarmName: settings.projectName + '-s3-replication-lag',
      alarmDescription: 'drplan: alarm s3-replication-lag of component backup-monitoring',
      metric: new cloudwatch.Metric({
        namespace: 'AWS/S3',
        metricName: 'ReplicationLatency',
        statistic: 'Maximum',
        period: cdk.Duration.seconds(300),
        dimensionsMap: {
          'SourceBucket': settings.mediaBucketName,
          'DestinationBucket': settings.projectName + '-media-' + cdk.Aws.ACCOUNT_ID,
          'RuleId': 'drplan-replication',
        },
      }),
      threshold: 3600,
      evaluationPeriods: 3,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    backupMonitoringS3ReplicationLagAlarm.addAlarmAction(new cw_actions.SnsAction(alertsTopic));
    const backupMonitoringS3ReplicationErrorsAlarm = new cloudwatch.Alarm(this, 'BackupMonitoringS3ReplicationErrorsAlarm', {
      alarmName: settings.projectName + '-s3-replication-errors',
      alarmDescription: 'drplan: alarm s3-replication-errors of component backup-monitoring',
      metric: new cloudwatch.Metric({
        namespace: 'AWS/S3',
        metricName: 'OperationsFailedReplication',
        statistic: 'Sum',
        period: cdk.Duration.seconds(300),
        dimensionsMap: {
          'SourceBucket': settings.mediaBucketName,
          'DestinationBucket': settings.projectName + '-media-' + cdk.Aws.ACCOUNT_ID,
          'RuleId': 'drplan-replication',
        },
      }),
      threshold: 0,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    backupMonitoringS3ReplicationErrorsAlarm.addAlarmAction(new cw_actions.SnsAction(alertsTopic));

    // component site-failover
    // Route 53 health checks have no L2 construct: this is the CloudFormation resource.
    const siteFailoverPrimaryHealthCheck = new route53.CfnHealthCheck(this, 'SiteFailoverPrimaryHealthCheck', {
      healthCheckConfig: {
        type: 'HTTPS',
        fullyQualifiedDomainName: settings.siteFailoverPrimaryEndpoint,
        port: 443,
        resourcePath: '/',
        requestInterval: 30,
        failureThreshold: 3,
      },
      healthCheckTags: [{key: 'Name', value: settings.projectName + '-site-failover-primary'}],
    });
    const siteFailoverPrimaryRecord = new route53.CnameRecord(this, 'SiteFailoverPrimaryRecord', {
      zone: route53.HostedZone.fromHostedZoneId(
        this,
        'SiteFailoverPrimaryRecordZone',
        settings.siteFailoverHostedZoneId,
      ),
      recordName: settings.siteFailoverRecordName + '.',
      domainName: settings.siteFailoverPrimaryEndpoint,
      ttl: cdk.Duration.seconds(60),
      setIdentifier: 'site-failover-primary',
      failover: route53.Failover.PRIMARY,
      healthCheck: route53.HealthCheck.fromHealthCheckId(
        this,
        'SiteFailoverPrimaryRecordCheck',
        siteFailoverPrimaryHealthCheck.attrHealthCheckId,
      ),
    });
    const siteFailoverSecondaryRecord = new route53.CnameRecord(this, 'SiteFailoverSecondaryRecord', {
      zone: route53.HostedZone.fromHostedZoneId(
        this,
        'SiteFailoverSecondaryRecordZone',
        settings.siteFailoverHostedZoneId,
      ),
      recordName: settings.siteFailoverRecordName + '.',
      domainName: settings.siteFailoverSecondaryEndpoint,
      ttl: cdk.Duration.seconds(60),
      setIdentifier: 'site-failover-secondary',
      failover: route53.Failover.SECONDARY,
    });

    // component portfolio-table
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
    const weeklyPitrRestoreRt = new backup.CfnRestoreTestingPlan(this, 'WeeklyPitrRestoreRt', {
      restoreTestingPlanName: cdk.Fn.join(
        '_',
        cdk.Fn.split('-', settings.projectName + '-weekly-pitr-restore-rt'),
      ),
      scheduleExpression: 'cron(0 6 ? * SUN *)',
      startWindowHours: 24,
      recoveryPointSelection: {
        algorithm: 'LATEST_WITHIN_WINDOW',
        includeVaults: [portfolioTableBackupVault.backupVaultArn, tableCopiesVault.backupVaultArn],
        recoveryPointTypes: ['SNAPSHOT'],
        selectionWindowDays: 7,
      },
    });
    const weeklyPitrRestoreRtSelection = new backup.CfnRestoreTestingSelection(this, 'WeeklyPitrRestoreRtSelection', {
      restoreTestingPlanName: weeklyPitrRestoreRt.ref,
      restoreTestingSelectionName: 'portfolio_table',
      protectedResourceType: 'DynamoDB',
      protectedResourceArns: [
        'arn:' + cdk.Aws.PARTITION + ':dynamodb:' + this.region + ':' + cdk.Aws.ACCOUNT_ID + ':table/' + settings.portfolioTableTableName,
      ],
      iamRoleArn: restoreTestRole.roleArn,
      validationWindowHours: 1,
    });
    const weeklyPitrRestoreRtDurationAlarm = new cloudwatch.Alarm(this, 'WeeklyPitrRestoreRtDurationAlarm', {
      alarmName: settings.projectName + '-weekly-pitr-restore-rt-duration',
      alarmDescription: 'drplan: weekly restore test of portfolio-table took longer than the 235 min its RTO target leaves the restore',
      metric: new cloudwatch.Metric({
        namespace: 'CustomMetrics/DatabaseBackup',
        metricName: 'RestoreTestDurationMinutes',
        statistic: 'Maximum',
        period: cdk.Duration.seconds(3600),
        dimensionsMap: {'RestoreTestingPlan': weeklyPitrRestoreRt.ref},
      }),
      threshold: 235,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    weeklyPitrRestoreRtDurationAlarm.addAlarmAction(new cw_actions.SnsAction(alertsTopic));
    const weeklyPitrRestoreRtFailureAlarm = new cloudwatch.Alarm(this, 'WeeklyPitrRestoreRtFailureAlarm', {
      alarmName: settings.projectName + '-weekly-pitr-restore-rt-failed',
      alarmDescription: 'drplan: weekly restore test of portfolio-table failed or was aborted',
      metric: new cloudwatch.Metric({
        namespace: 'CustomMetrics/DatabaseBackup',
        metricName: 'RestoreTestFailures',
        statistic: 'Maximum',
        period: cdk.Duration.seconds(3600),
        dimensionsMap: {'RestoreTestingPlan': weeklyPitrRestoreRt.ref},
      }),
      threshold: 0,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    weeklyPitrRestoreRtFailureAlarm.addAlarmAction(new cw_actions.SnsAction(alertsTopic));
    const restoreTestsLogs = new logs.LogGroup(this, 'RestoreTestsLogs', {
      logGroupName: '/drplan/' + settings.projectName + '/restore-tests',
      retention: logs.RetentionDays.ONE_YEAR,
      encryptionKey: backupKeysKey,
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
        resources: [backupKeysKey.keyArn],
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
        resources: [backupKeysKey.keyArn],
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
        'RESTORE_TESTS': '{"' + weeklyPitrRestoreRt.attrRestoreTestingPlanArn + '":{"plan":"' + weeklyPitrRestoreRt.ref + '","budget_minutes":235.0,"component":"portfolio-table"}}',
      },
      environmentEncryption: backupKeysKey,
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

    new cdk.CfnOutput(this, 'BackupKeysKeyIdOutput', {
      value: backupKeysKey.keyId,
      description: 'Id of KMS key backup-keys-key',
    });
    new cdk.CfnOutput(this, 'BackupKeysKeyArnOutput', {
      value: backupKeysKey.keyArn,
      description: 'ARN of KMS key backup-keys-key',
    });
    new cdk.CfnOutput(this, 'AlertsTopicArnOutput', {
      value: alertsTopic.topicArn,
      description: 'ARN of the SNS topic of component alerts',
    });
    new cdk.CfnOutput(this, 'AlertsTopicNameOutput', {
      value: alertsTopic.topicName,
      description: 'Name of the SNS topic of component alerts',
    });
    new cdk.CfnOutput(this, 'MediaReplicationRoleArnOutput', {
      value: mediaReplicationRole.roleArn,
      description: 'ARN of the role S3 replicates component media with',
    });
    new cdk.CfnOutput(this, 'ComplianceArchiveBucketNameOutput', {
      value: complianceArchiveBucket.bucketName,
      description: 'Name of the S3 bucket of component compliance-archive',
    });
    new cdk.CfnOutput(this, 'ComplianceArchiveBucketArnOutput', {
      value: complianceArchiveBucket.bucketArn,
      description: 'ARN of the S3 bucket of component compliance-archive',
    });
    new cdk.CfnOutput(this, 'PortfolioTableBackupVaultNameOutput', {
      value: portfolioTableBackupVault.backupVaultName,
      description: 'Name of backup vault portfolio-table-backup-vault',
    });
    new cdk.CfnOutput(this, 'TableCopiesVaultNameOutput', {
      value: tableCopiesVault.backupVaultName,
      description: 'Name of backup vault table-copies-vault',
    });
    new cdk.CfnOutput(this, 'SiteConfigConfigBucketNameOutput', {
      value: siteConfigConfigBucket.bucketName,
      description: 'Bucket of the Parameter Store exports of component site-config',
    });
    new cdk.CfnOutput(this, 'SiteConfigRepositoryNameOutput', {
      value: siteConfigRepository.repositoryName,
      description: 'CodeCommit mirror of component site-config',
    });
    new cdk.CfnOutput(this, 'SiteFailoverPrimaryHealthCheckIdOutput', {
      value: siteFailoverPrimaryHealthCheck.attrHealthCheckId,
      description: 'Id of the Route 53 health check of the primary endpoint of component site-failover',
    });
    const mediaReplicationRoleStatements = [
      new iam.PolicyStatement({
        sid: 'ReadReplicationConfiguration',
        effect: iam.Effect.ALLOW,
        actions: ['s3:GetReplicationConfiguration', 's3:ListBucket'],
        resources: ['arn:' + cdk.Aws.PARTITION + ':s3:::' + settings.mediaBucketName],
      }),
      new iam.PolicyStatement({
        sid: 'ReadSourceVersions',
        effect: iam.Effect.ALLOW,
        actions: [
          's3:GetObjectVersionForReplication',
          's3:GetObjectVersionAcl',
          's3:GetObjectVersionTagging',
        ],
        resources: ['arn:' + cdk.Aws.PARTITION + ':s3:::' + settings.mediaBucketName + '/*'],
      }),
      new iam.PolicyStatement({
        sid: 'WriteReplicas',
        effect: iam.Effect.ALLOW,
        actions: ['s3:ReplicateObject', 's3:ReplicateDelete', 's3:ReplicateTags'],
        resources: [
          'arn:' + cdk.Aws.PARTITION + ':s3:::' + settings.projectName + '-media-' + cdk.Aws.ACCOUNT_ID + '/*',
        ],
      }),
      new iam.PolicyStatement({
        sid: 'DecryptSourceObjects',
        effect: iam.Effect.ALLOW,
        actions: ['kms:Decrypt'],
        resources: [
          'arn:' + cdk.Aws.PARTITION + ':kms:' + this.region + ':' + cdk.Aws.ACCOUNT_ID + ':key/*',
        ],
        conditions: {'StringEquals': {'kms:ViaService': 's3.' + this.region + '.amazonaws.com'}},
      }),
      new iam.PolicyStatement({
        sid: 'EncryptReplicas',
        effect: iam.Effect.ALLOW,
        actions: ['kms:Encrypt', 'kms:GenerateDataKey'],
        resources: [
          'arn:' + cdk.Aws.PARTITION + ':kms:' + settings.drRegion + ':' + cdk.Aws.ACCOUNT_ID + ':key/*',
        ],
        conditions: {
          'ForAnyValue:StringEquals': {
            'kms:ResourceAliases': 'alias/' + settings.projectName + '/dr',
          },
        },
      }),
      new iam.PolicyStatement({
        sid: 'WriteAccountReplicas',
        effect: iam.Effect.ALLOW,
        actions: [
          's3:ReplicateObject',
          's3:ReplicateDelete',
          's3:ReplicateTags',
          's3:ObjectOwnerOverrideToBucketOwner',
        ],
        resources: [
          'arn:' + cdk.Aws.PARTITION + ':s3:::' + settings.projectName + '-media-' + settings.backupAccountId + '/*',
        ],
      }),
      new iam.PolicyStatement({
        sid: 'EncryptAccountReplicas',
        effect: iam.Effect.ALLOW,
        actions: ['kms:Encrypt', 'kms:GenerateDataKey'],
        resources: [
          'arn:' + cdk.Aws.PARTITION + ':kms:' + settings.backupAccountRegion + ':' + settings.backupAccountId + ':key/*',
        ],
        conditions: {
          'ForAnyValue:StringEquals': {
            'kms:ResourceAliases': 'alias/' + settings.projectName + '/backup-account',
          },
        },
      }),
    ];
    const mediaReplicationRolePolicy = new iam.Policy(this, 'MediaReplicationRolePolicy', {
      roles: [mediaReplicationRole],
      statements: mediaReplicationRoleStatements,
    });
    helpers.acknowledgeWildcards(
      mediaReplicationRolePolicy,
      mediaReplicationRoleStatements,
      [
        '',
        'replication reads and writes every object version of the bucket: the grant is limited to that bucket\'s objects',
        'replication reads and writes every object version of the bucket: the grant is limited to that bucket\'s objects',
        'the existing bucket\'s objects use a key the plan does not know; the grant works only through S3 (kms:ViaService)',
        'the DR key is in another region and stack, so its id is unknown here; the kms:ResourceAliases condition limits the grant to the key with the DR alias',
        'replication reads and writes every object version of the bucket: the grant is limited to that bucket\'s objects',
        'the backup account\'s key is in another account and stack, so its id is unknown here; the kms:ResourceAliases condition limits the grant to the key with the backup-account alias',
      ],
    );
    const complianceArchiveReplicationRoleStatements = [
      new iam.PolicyStatement({
        sid: 'ReadReplicationConfiguration',
        effect: iam.Effect.ALLOW,
        actions: ['s3:GetReplicationConfiguration', 's3:ListBucket'],
        resources: [complianceArchiveBucket.bucketArn],
      }),
      new iam.PolicyStatement({
        sid: 'ReadSourceVersions',
        effect: iam.Effect.ALLOW,
        actions: [
          's3:GetObjectVersionForReplication',
          's3:GetObjectVersionAcl',
          's3:GetObjectVersionTagging',
        ],
        resources: [complianceArchiveBucket.bucketArn + '/*'],
      }),
      new iam.PolicyStatement({
        sid: 'WriteReplicas',
        effect: iam.Effect.ALLOW,
        actions: ['s3:ReplicateObject', 's3:ReplicateDelete', 's3:ReplicateTags'],
        resources: [
          'arn:' + cdk.Aws.PARTITION + ':s3:::' + settings.projectName + '-compliance-archive-' + cdk.Aws.ACCOUNT_ID + '/*',
        ],
      }),
      new iam.PolicyStatement({
        sid: 'DecryptSourceObjects',
        effect: iam.Effect.ALLOW,
        actions: ['kms:Decrypt'],
        resources: [backupKeysKey.keyArn],
      }),
      new iam.PolicyStatement({
        sid: 'EncryptReplicas',
        effect: iam.Effect.ALLOW,
        actions: ['kms:Encrypt', 'kms:GenerateDataKey'],
        resources: [
          'arn:' + cdk.Aws.PARTITION + ':kms:' + settings.drRegion + ':' + cdk.Aws.ACCOUNT_ID + ':key/*',
        ],
        conditions: {
          'ForAnyValue:StringEquals': {
            'kms:ResourceAliases': 'alias/' + settings.projectName + '/dr',
          },
        },
      }),
      new iam.PolicyStatement({
        sid: 'WriteAccountReplicas',
        effect: iam.Effect.ALLOW,
        actions: [
          's3:ReplicateObject',
          's3:ReplicateDelete',
          's3:ReplicateTags',
          's3:ObjectOwnerOverrideToBucketOwner',
        ],
        resources: [
          'arn:' + cdk.Aws.PARTITION + ':s3:::' + settings.projectName + '-compliance-archive-' + settings.backupAccountId + '/*',
        ],
      }),
      new iam.PolicyStatement({
        sid: 'EncryptAccountReplicas',
        effect: iam.Effect.ALLOW,
        actions: ['kms:Encrypt', 'kms:GenerateDataKey'],
        resources: [
          'arn:' + cdk.Aws.PARTITION + ':kms:' + settings.backupAccountRegion + ':' + settings.backupAccountId + ':key/*',
        ],
        conditions: {
          'ForAnyValue:StringEquals': {
            'kms:ResourceAliases': 'alias/' + settings.projectName + '/backup-account',
          },
        },
      }),
    ];
    const complianceArchiveReplicationRolePolicy = new iam.Policy(this, 'ComplianceArchiveReplicationRolePolicy', {
      roles: [complianceArchiveReplicationRole],
      statements: complianceArchiveReplicationRoleStatements,
    });
    helpers.acknowledgeWildcards(
      complianceArchiveReplicationRolePolicy,
      complianceArchiveReplicationRoleStatements,
      [
        '',
        'replication reads and writes every object version of the bucket: the grant is limited to that bucket\'s objects',
        'replication reads and writes every object version of the bucket: the grant is limited to that bucket\'s objects',
        '',
        'the DR key is in another region and stack, so its id is unknown here; the kms:ResourceAliases condition limits the grant to the key with the DR alias',
        'replication reads and writes every object version of the bucket: the grant is limited to that bucket\'s objects',
        'the backup account\'s key is in another account and stack, so its id is unknown here; the kms:ResourceAliases condition limits the grant to the key with the backup-account alias',
      ],
    );
  }
}
