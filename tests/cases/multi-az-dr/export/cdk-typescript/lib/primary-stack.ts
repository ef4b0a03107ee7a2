// Primary stack (us-east-1) of the drplan export of plan Single-region Multi-AZ DR.

import * as path from 'path';

import * as cdk from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cw_actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as rds from 'aws-cdk-lib/aws-rds';
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
    // component dr-keys
    const drKeysKey1 = new kms.Key(this, 'DrKeysKey1', {
      description: 'drplan: customer-managed key 1 of 3 (component dr-keys)',
      enableKeyRotation: true,
      removalPolicy: cdk.RemovalPolicy.RETAIN,
    });
    drKeysKey1.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowPublishFromEvents',
        effect: iam.Effect.ALLOW,
        actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
        resources: ['*'],
        principals: [new iam.ServicePrincipal('events.amazonaws.com')],
      }),
    );
    drKeysKey1.addToResourcePolicy(
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
    drKeysKey1.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowPublishFromCloudwatch',
        effect: iam.Effect.ALLOW,
        actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
        resources: ['*'],
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
      }),
    );
    const drKeysKey2 = new kms.Key(this, 'DrKeysKey2', {
      description: 'drplan: customer-managed key 2 of 3 (component dr-keys)',
      enableKeyRotation: true,
      removalPolicy: cdk.RemovalPolicy.RETAIN,
    });
    const drKeysKey3 = new kms.Key(this, 'DrKeysKey3', {
      description: 'drplan: customer-managed key 3 of 3 (component dr-keys)',
      enableKeyRotation: true,
      removalPolicy: cdk.RemovalPolicy.RETAIN,
    });

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

    // component dr-alerts
    const drAlertsTopic = new sns.Topic(this, 'DrAlertsTopic', {
      masterKey: drKeysKey1,
      enforceSSL: true,
    });
    drAlertsTopic.addSubscription(new subs.EmailSubscription(settings.notificationEmail));
    drAlertsTopic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowPublish2',
        effect: iam.Effect.ALLOW,
        actions: ['sns:Publish'],
        resources: [drAlertsTopic.topicArn],
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        conditions: {
          'ArnLike': {
            'aws:SourceArn': 'arn:' + cdk.Aws.PARTITION + ':cloudwatch:' + this.region + ':' + cdk.Aws.ACCOUNT_ID + ':alarm:*',
          },
        },
      }),
    );

    // added by the export
    const vpc = new ec2.Vpc(this, 'Vpc', {
      ipAddresses: ec2.IpAddresses.cidr('10.0.0.0/16'),
      maxAzs: 3,
      natGateways: 0,
      subnetConfiguration: [
        {
          name: 'public',
          subnetType: ec2.SubnetType.PUBLIC,
          cidrMask: 20,
          mapPublicIpOnLaunch: false,
        },
        {name: 'private', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 20},
      ],
      restrictDefaultSecurityGroup: false,
    });
    cdk.Validations.of(vpc).acknowledge(
      {
        id: 'AwsSolutions-VPC7',
        reason: 'VPC flow logs are not part of the plan (they add CloudWatch Logs charges); the VPC carries only the plan\'s functions and databases',
      },
    );

    // component dr-aurora
    const drAuroraSubnets = new rds.SubnetGroup(this, 'DrAuroraSubnets', {
      description: 'drplan: private subnets of component dr-aurora',
      vpc: vpc,
      vpcSubnets: {subnetType: ec2.SubnetType.PRIVATE_ISOLATED},
    });
    const drAuroraDbSg = new ec2.SecurityGroup(this, 'DrAuroraDbSg', {
      vpc: vpc,
      description: 'drplan: database',
      allowAllOutbound: false,
    });
    drAuroraDbSg.addIngressRule(
      ec2.Peer.ipv4('10.0.0.0/16'),
      ec2.Port.tcp(5432),
      'Clients in the VPC reach the database',
    );
    const drAuroraCluster = new rds.DatabaseCluster(this, 'DrAuroraCluster', {
      engine: rds.DatabaseClusterEngine.auroraPostgres({
        version: rds.AuroraPostgresEngineVersion.VER_17_5,
      }),
      writer: rds.ClusterInstance.provisioned('Writer', {
        instanceType: new ec2.InstanceType('t4g.medium'),
        publiclyAccessible: false,
        autoMinorVersionUpgrade: true,
      }),
      readers: [
        rds.ClusterInstance.provisioned('Reader1', {
          instanceType: new ec2.InstanceType('t4g.medium'),
          publiclyAccessible: false,
          autoMinorVersionUpgrade: true,
        }),
      ],
      vpc: vpc,
      subnetGroup: drAuroraSubnets,
      securityGroups: [drAuroraDbSg],
      storageEncrypted: true,
      storageEncryptionKey: drKeysKey1,
      deletionProtection: true,
      iamAuthentication: true,
      manageMasterUserPassword: true,
      credentials: rds.Credentials.fromUsername('dbadmin'),
      backup: {retention: cdk.Duration.days(7)},
      copyTagsToSnapshot: true,
      removalPolicy: cdk.RemovalPolicy.SNAPSHOT,
    });
    cdk.Validations.of(drAuroraCluster).acknowledge(
      {
        id: 'AwsSolutions-RDS11',
        reason: 'the engine\'s default port is kept so that existing clients connect unchanged; only the VPC CIDR may reach it',
      },
    );

    // component dr-table
    const drTableTable = new dynamodb.TableV2(this, 'DrTableTable', {
      tableName: 'dr-table-' + settings.environmentSuffix,
      partitionKey: {name: 'pk', type: dynamodb.AttributeType.STRING},
      sortKey: {name: 'sk', type: dynamodb.AttributeType.STRING},
      billing: dynamodb.Billing.onDemand(),
      encryption: dynamodb.TableEncryptionV2.customerManagedKey(drKeysKey2),
      pointInTimeRecoverySpecification: {pointInTimeRecoveryEnabled: true, recoveryPeriodInDays: 35},
      deletionProtection: true,
      removalPolicy: cdk.RemovalPolicy.RETAIN,
    });

    // component dr-bucket
    const drBucketBucket = new s3.Bucket(this, 'DrBucketBucket', {
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: drKeysKey3,
      bucketKeyEnabled: true,
      versioned: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'dr-bucket/',
      lifecycleRules: [
        {
          id: 'drplan-lifecycle',
          enabled: true,
          noncurrentVersionTransitions: [
            {
              storageClass: s3.StorageClass.INFREQUENT_ACCESS,
              transitionAfter: cdk.Duration.days(30),
            },
          ],
          noncurrentVersionExpiration: cdk.Duration.days(90),
          abortIncompleteMultipartUploadAfter: cdk.Duration.days(7),
        },
      ],
      removalPolicy: cdk.RemovalPolicy.RETAIN,
    });

    // component endpoints
    const endpointsS3Gateway = new ec2.GatewayVpcEndpoint(this, 'EndpointsS3Gateway', {
      vpc: vpc,
      service: ec2.GatewayVpcEndpointAwsService.S3,
      subnets: [{subnetType: ec2.SubnetType.PRIVATE_ISOLATED}],
    });
    const endpointsDynamodbGateway = new ec2.GatewayVpcEndpoint(this, 'EndpointsDynamodbGateway', {
      vpc: vpc,
      service: ec2.GatewayVpcEndpointAwsService.DYNAMODB,
      subnets: [{subnetType: ec2.SubnetType.PRIVATE_ISOLATED}],
    });
    const endpointsEndpointsSg = new ec2.SecurityGroup(this, 'EndpointsEndpointsSg', {
      vpc: vpc,
      description: 'drplan: interface endpoints (HTTPS)',
      allowAllOutbound: false,
    });
    endpointsEndpointsSg.addIngressRule(
      ec2.Peer.ipv4('10.0.0.0/16'),
      ec2.Port.tcp(443),
      'Clients in the VPC reach the interface endpoints (HTTPS)',
    );
    const endpointsMonitoringEndpoint = new ec2.InterfaceVpcEndpoint(this, 'EndpointsMonitoringEndpoint', {
      vpc: vpc,
      service: new ec2.InterfaceVpcEndpointAwsService('monitoring'),
      subnets: {subnetType: ec2.SubnetType.PRIVATE_ISOLATED},
      securityGroups: [endpointsEndpointsSg],
      privateDnsEnabled: true,
      open: false,
    });
    const endpointsRdsEndpoint = new ec2.InterfaceVpcEndpoint(this, 'EndpointsRdsEndpoint', {
      vpc: vpc,
      service: new ec2.InterfaceVpcEndpointAwsService('rds'),
      subnets: {subnetType: ec2.SubnetType.PRIVATE_ISOLATED},
      securityGroups: [endpointsEndpointsSg],
      privateDnsEnabled: true,
      open: false,
    });

    // component hourly-backups
    const hourlyBackupsVault = new backup.BackupVault(this, 'HourlyBackupsVault', {
      backupVaultName: 'hourly-backups-' + settings.environmentSuffix,
      encryptionKey: drKeysKey1,
      removalPolicy: cdk.RemovalPolicy.RETAIN,
    });
    const hourlyBackupsPlan = new backup.BackupPlan(this, 'HourlyBackupsPlan', {
      backupPlanName: 'hourly-backups-' + settings.environmentSuffix,
      backupVault: hourlyBackupsVault,
      backupPlanRules: [
        new backup.BackupPlanRule({
          ruleName: 'hourly',
          scheduleExpression: events.Schedule.expression('cron(0 * * * ? *)'),
          startWindow: cdk.Duration.minutes(60),
          completionWindow: cdk.Duration.minutes(120),
          enableContinuousBackup: false,
          deleteAfter: cdk.Duration.days(settings.backupRetentionDays),
        }),
      ],
    });
    const hourlyBackupsBackupRole = new iam.Role(this, 'HourlyBackupsBackupRole', {
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
    cdk.Validations.of(hourlyBackupsBackupRole).acknowledge(
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup]',
        reason: 'AWS Backup\'s documented service-role policy: AWS scopes it to the resource types Backup supports and keeps it current',
      },
    );
    cdk.Validations.of(hourlyBackupsBackupRole).acknowledge(
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores]',
        reason: 'AWS Backup\'s documented service-role policy: AWS scopes it to the resource types Backup supports and keeps it current',
      },
    );
    const hourlyBackupsSelection = hourlyBackupsPlan.addSelection('HourlyBackupsSelection', {
      resources: [
        backup.BackupResource.fromArn(drAuroraCluster.clusterArn),
        backup.BackupResource.fromArn(drTableTable.tableArn),
      ],
      backupSelectionName: 'hourly-backups-resources',
      role: hourlyBackupsBackupRole.withoutPolicyUpdates(),
      disableDefaultBackupPolicy: true,
    });
    const hourlyBackupsJobEvents = new events.Rule(this, 'HourlyBackupsJobEvents', {
      description: 'drplan: failed AWS Backup backup and copy jobs, to SNS',
      eventPattern: {
        source: ['aws.backup'],
        detailType: ['Backup Job State Change', 'Copy Job State Change'],
        detail: {'state': ['FAILED', 'ABORTED', 'EXPIRED']},
      },
      targets: [new targets.SnsTopic(drAlertsTopic)],
    });

    // component dr-function
    const drFunctionLogs = new logs.LogGroup(this, 'DrFunctionLogs', {
      logGroupName: '/drplan/' + settings.projectName + '/dr-function',
      retention: logs.RetentionDays.ONE_MONTH,
      encryptionKey: drKeysKey1,
      removalPolicy: cdk.RemovalPolicy.RETAIN,
    });
    const drFunctionFunctionSg = new ec2.SecurityGroup(this, 'DrFunctionFunctionSg', {
      vpc: vpc,
      description: 'drplan: backup function in the VPC',
      allowAllOutbound: false,
    });
    drFunctionFunctionSg.addEgressRule(
      ec2.Peer.ipv4('0.0.0.0/0'),
      ec2.Port.tcp(443),
      'HTTPS to the AWS APIs the function calls',
    );
    const drFunctionRoleStatements = [
      new iam.PolicyStatement({
        sid: 'WriteOwnLogs',
        effect: iam.Effect.ALLOW,
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [drFunctionLogs.logGroupArn],
      }),
      new iam.PolicyStatement({
        sid: 'ReadEncryptedEnvironment',
        effect: iam.Effect.ALLOW,
        actions: ['kms:Decrypt'],
        resources: [drKeysKey1.keyArn],
      }),
      new iam.PolicyStatement({
        sid: 'VerifyDrTable',
        effect: iam.Effect.ALLOW,
        actions: ['dynamodb:DescribeContinuousBackups'],
        resources: [drTableTable.tableArn],
      }),
      new iam.PolicyStatement({
        sid: 'VerifyDrBucket',
        effect: iam.Effect.ALLOW,
        actions: ['s3:GetBucketVersioning', 's3:GetReplicationConfiguration'],
        resources: [drBucketBucket.bucketArn],
      }),
      new iam.PolicyStatement({
        sid: 'DescribeSnapshots',
        effect: iam.Effect.ALLOW,
        actions: [
          'rds:DescribeDBSnapshots',
          'rds:DescribeDBClusterSnapshots',
          'rds:DescribeExportTasks',
        ],
        resources: ['*'],
      }),
      new iam.PolicyStatement({
        sid: 'PublishBackupMetrics',
        effect: iam.Effect.ALLOW,
        actions: ['cloudwatch:PutMetricData'],
        resources: ['*'],
        conditions: {'StringEquals': {'cloudwatch:namespace': 'CustomMetrics/DatabaseBackup'}},
      }),
      new iam.PolicyStatement({
        sid: 'ManageVpcNetworkInterfaces',
        effect: iam.Effect.ALLOW,
        actions: [
          'ec2:CreateNetworkInterface',
          'ec2:DescribeNetworkInterfaces',
          'ec2:DescribeSubnets',
          'ec2:DeleteNetworkInterface',
          'ec2:AssignPrivateIpAddresses',
          'ec2:UnassignPrivateIpAddresses',
        ],
        resources: ['*'],
      }),
    ];
    const drFunctionRole = new iam.Role(this, 'DrFunctionRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'Execution role of backup function dr-function',
      inlinePolicies: {
        'permissions': new iam.PolicyDocument({statements: drFunctionRoleStatements}),
      },
    });
    helpers.acknowledgeWildcards(
      drFunctionRole,
      drFunctionRoleStatements,
      [
        'log streams are created at run time; the grant is limited to the function\'s own log group',
        '',
        '',
        '',
        'RDS describe calls are read-only and are authorised against every snapshot of the account',
        'PutMetricData has no resource type; the cloudwatch:namespace condition limits it to the backup metrics',
        'Lambda creates the function\'s network interfaces in the VPC with these permissions; EC2 authorises the calls only on all resources',
      ],
    );
    const drFunctionFunction = new lambda.Function(this, 'DrFunctionFunction', {
      functionName: 'dr-function-' + settings.environmentSuffix,
      description: 'drplan backup orchestration (verify) for component dr-function',
      runtime: lambda.Runtime.PYTHON_3_14,
      handler: 'handler.handler',
      code: lambda.Code.fromAsset(path.join(__dirname, '..', 'lambda', 'backup')),
      memorySize: 128,
      timeout: cdk.Duration.seconds(30),
      architecture: lambda.Architecture.X86_64,
      role: drFunctionRole.withoutPolicyUpdates(),
      logGroup: drFunctionLogs,
      environment: {
        'TASKS': 'verify',
        'METRIC_NAMESPACE': 'CustomMetrics/DatabaseBackup',
        'SNAPSHOT_PREFIX': 'drplan',
        'TARGETS': '[{"copy_to_dr":false,"env":"TARGET_DR_AURORA","export":false,"id":"dr-aurora","kind":"aurora","retention_days":7},{"env":"TARGET_DR_TABLE","id":"dr-table","kind":"dynamodb","pitr":true},{"env":"TARGET_DR_BUCKET","id":"dr-bucket","kind":"s3","replication":false}]',
        'TARGET_DR_AURORA': drAuroraCluster.clusterIdentifier,
        'TARGET_DR_TABLE': drTableTable.tableName,
        'TARGET_DR_BUCKET': drBucketBucket.bucketName,
      },
      environmentEncryption: drKeysKey1,
      vpc: vpc,
      vpcSubnets: {subnetType: ec2.SubnetType.PRIVATE_ISOLATED},
      securityGroups: [drFunctionFunctionSg],
    });
    // CDK makes the function depend on its role explicitly, on top of the Role reference; cfn-lint W3005 notes the
    // duplicate, which is harmless.
    helpers.cfnLintIgnore(drFunctionFunction, ['W3005']);

    // component hourly-verify
    const hourlyVerifySchedule = new events.Rule(this, 'HourlyVerifySchedule', {
      description: 'drplan: runs dr-function-function on the backup_schedule setting',
      schedule: events.Schedule.expression(settings.backupSchedule),
      targets: [
        new targets.LambdaFunction(drFunctionFunction, {
          event: events.RuleTargetInput.fromObject({'backup_type': 'verify'}),
        }),
      ],
    });

    // component dr-dashboard
    const drDashboardAuroraHighCpuAlarm = new cloudwatch.Alarm(this, 'DrDashboardAuroraHighCpuAlarm', {
      alarmName: 'aurora-high-cpu-' + settings.environmentSuffix,
      alarmDescription: 'drplan: alarm aurora-high-cpu of component dr-dashboard',
      metric: new cloudwatch.Metric({
        namespace: 'AWS/RDS',
        metricName: 'CPUUtilization',
        statistic: 'Average',
        period: cdk.Duration.seconds(300),
        dimensionsMap: {'DBClusterIdentifier': drAuroraCluster.clusterIdentifier},
      }),
      threshold: 80,
      evaluationPeriods: 2,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    drDashboardAuroraHighCpuAlarm.addAlarmAction(new cw_actions.SnsAction(drAlertsTopic));
    const drDashboardDynamodbThrottlesAlarm = new cloudwatch.Alarm(this, 'DrDashboardDynamodbThrottlesAlarm', {
      alarmName: 'dynamodb-throttles-' + settings.environmentSuffix,
      alarmDescription: 'drplan: alarm dynamodb-throttles of component dr-dashboard',
      metric: new cloudwatch.MathExpression({
        expression: 'm1 + m2',
        usingMetrics: {
          'm1': new cloudwatch.Metric({
            namespace: 'AWS/DynamoDB',
            metricName: 'ReadThrottleEvents',
            statistic: 'Sum',
            period: cdk.Duration.seconds(300),
            dimensionsMap: {'TableName': drTableTable.tableName},
          }),
          'm2': new cloudwatch.Metric({
            namespace: 'AWS/DynamoDB',
            metricName: 'WriteThrottleEvents',
            statistic: 'Sum',
            period: cdk.Duration.seconds(300),
            dimensionsMap: {'TableName': drTableTable.tableName},
          }),
        },
        label: 'Throttled reads and writes',
        period: cdk.Duration.seconds(300),
      }),
      threshold: 10,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    drDashboardDynamodbThrottlesAlarm.addAlarmAction(new cw_actions.SnsAction(drAlertsTopic));
    const drDashboardLambdaErrorsAlarm = new cloudwatch.Alarm(this, 'DrDashboardLambdaErrorsAlarm', {
      alarmName: 'lambda-errors-' + settings.environmentSuffix,
      alarmDescription: 'drplan: alarm lambda-errors of component dr-dashboard',
      metric: new cloudwatch.Metric({
        namespace: 'AWS/Lambda',
        metricName: 'Errors',
        statistic: 'Sum',
        period: cdk.Duration.seconds(300),
        dimensionsMap: {'FunctionName': drFunctionFunction.functionName},
      }),
      threshold: 5,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    drDashboardLambdaErrorsAlarm.addAlarmAction(new cw_actions.SnsAction(drAlertsTopic));
    const drDashboardDashboard = new cloudwatch.Dashboard(this, 'DrDashboardDashboard', {
      dashboardName: 'dr-dashboard-' + settings.environmentSuffix,
      widgets: [
        [
          new cloudwatch.GraphWidget({
            title: 'aurora-high-cpu',
            left: [
              new cloudwatch.Metric({
                namespace: 'AWS/RDS',
                metricName: 'CPUUtilization',
                statistic: 'Average',
                period: cdk.Duration.seconds(300),
                dimensionsMap: {'DBClusterIdentifier': drAuroraCluster.clusterIdentifier},
              }),
            ],
            width: 12,
            height: 6,
          }),
          new cloudwatch.GraphWidget({
            title: 'dynamodb-throttles',
            left: [
              new cloudwatch.Metric({
                namespace: 'AWS/DynamoDB',
                metricName: 'ReadThrottleEvents',
                statistic: 'Sum',
                period: cdk.Duration.seconds(300),
                dimensionsMap: {'TableName': drTableTable.tableName},
              }),
              new cloudwatch.Metric({
                namespace: 'AWS/DynamoDB',
                metricName: 'WriteThrottleEvents',
                statistic: 'Sum',
                period: cdk.Duration.seconds(300),
                dimensionsMap: {'TableName': drTableTable.tableName},
              }),
            ],
            width: 12,
            height: 6,
          }),
        ],
        [
          new cloudwatch.GraphWidget({
            title: 'lambda-errors',
            left: [
              new cloudwatch.Metric({
                namespace: 'AWS/Lambda',
                metricName: 'Errors',
                statistic: 'Sum',
                period: cdk.Duration.seconds(300),
                dimensionsMap: {'FunctionName': drFunctionFunction.functionName},
              }),
            ],
            width: 12,
            height: 6,
          }),
        ],
      ],
    });

    new cdk.CfnOutput(this, 'DrKeysKey1IdOutput', {
      value: drKeysKey1.keyId,
      description: 'Id of KMS key dr-keys-key-1',
    });
    new cdk.CfnOutput(this, 'DrKeysKey1ArnOutput', {
      value: drKeysKey1.keyArn,
      description: 'ARN of KMS key dr-keys-key-1',
    });
    new cdk.CfnOutput(this, 'DrKeysKey2IdOutput', {
      value: drKeysKey2.keyId,
      description: 'Id of KMS key dr-keys-key-2',
    });
    new cdk.CfnOutput(this, 'DrKeysKey2ArnOutput', {
      value: drKeysKey2.keyArn,
      description: 'ARN of KMS key dr-keys-key-2',
    });
    new cdk.CfnOutput(this, 'DrKeysKey3IdOutput', {
      value: drKeysKey3.keyId,
      description: 'Id of KMS key dr-keys-key-3',
    });
    new cdk.CfnOutput(this, 'DrKeysKey3ArnOutput', {
      value: drKeysKey3.keyArn,
      description: 'ARN of KMS key dr-keys-key-3',
    });
    new cdk.CfnOutput(this, 'DrAlertsTopicArnOutput', {
      value: drAlertsTopic.topicArn,
      description: 'ARN of the SNS topic of component dr-alerts',
    });
    new cdk.CfnOutput(this, 'DrAlertsTopicNameOutput', {
      value: drAlertsTopic.topicName,
      description: 'Name of the SNS topic of component dr-alerts',
    });
    new cdk.CfnOutput(this, 'VpcIdOutput', {
      value: vpc.vpcId,
      description: 'Id of the VPC the bundle creates',
    });
    new cdk.CfnOutput(this, 'DrAuroraClusterIdOutput', {
      value: drAuroraCluster.clusterIdentifier,
      description: 'Identifier of the Aurora cluster of component dr-aurora',
    });
    new cdk.CfnOutput(this, 'DrAuroraClusterArnOutput', {
      value: drAuroraCluster.clusterArn,
      description: 'ARN of the Aurora cluster of component dr-aurora',
    });
    new cdk.CfnOutput(this, 'DrTableTableNameOutput', {
      value: drTableTable.tableName,
      description: 'Name of the DynamoDB table of component dr-table',
    });
    new cdk.CfnOutput(this, 'DrTableTableArnOutput', {
      value: drTableTable.tableArn,
      description: 'ARN of the DynamoDB table of component dr-table',
    });
    new cdk.CfnOutput(this, 'DrBucketBucketNameOutput', {
      value: drBucketBucket.bucketName,
      description: 'Name of the S3 bucket of component dr-bucket',
    });
    new cdk.CfnOutput(this, 'DrBucketBucketArnOutput', {
      value: drBucketBucket.bucketArn,
      description: 'ARN of the S3 bucket of component dr-bucket',
    });
    new cdk.CfnOutput(this, 'HourlyBackupsVaultNameOutput', {
      value: hourlyBackupsVault.backupVaultName,
      description: 'Name of backup vault hourly-backups-vault',
    });
    new cdk.CfnOutput(this, 'DrFunctionFunctionNameOutput', {
      value: drFunctionFunction.functionName,
      description: 'Name of the backup function of component dr-function',
    });
    new cdk.CfnOutput(this, 'DrFunctionFunctionArnOutput', {
      value: drFunctionFunction.functionArn,
      description: 'ARN of the backup function of component dr-function',
    });
    new cdk.CfnOutput(this, 'DrFunctionRoleArnOutput', {
      value: drFunctionRole.roleArn,
      description: 'ARN of the execution role of component dr-function',
    });
    new cdk.CfnOutput(this, 'DrFunctionLogGroupNameOutput', {
      value: drFunctionLogs.logGroupName,
      description: 'Log group of component dr-function',
    });
    new cdk.CfnOutput(this, 'DrFunctionLogGroupArnOutput', {
      value: drFunctionLogs.logGroupArn,
      description: 'ARN of the log group of component dr-function',
    });
    new cdk.CfnOutput(this, 'DrDashboardDashboardNameOutput', {
      value: drDashboardDashboard.dashboardName,
      description: 'Name of CloudWatch dashboard 1 of component dr-dashboard',
    });
  }
}
