// Primary stack (us-east-1) of the drplan export of plan Feature: lambda.

import * as path from 'path';

import * as cdk from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as s3 from 'aws-cdk-lib/aws-s3';
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

    // component orders-db
    // The existing VPC the plan's databases and endpoints go into (see README: Inputs).
    const network = ec2.Vpc.fromVpcAttributes(this, 'Network', {
      vpcId: settings.vpcId,
      vpcCidrBlock: settings.vpcCidr,
      availabilityZones: settings.availabilityZones,
      privateSubnetIds: settings.privateSubnetIds,
    });
    const ordersDbSubnets = new rds.SubnetGroup(this, 'OrdersDbSubnets', {
      description: 'drplan: private subnets of component orders-db',
      vpc: network,
      vpcSubnets: {subnets: network.privateSubnets},
    });
    const ordersDbDbSg = new ec2.SecurityGroup(this, 'OrdersDbDbSg', {
      vpc: network,
      description: 'drplan: database',
      allowAllOutbound: false,
    });
    ordersDbDbSg.addIngressRule(
      ec2.Peer.ipv4(settings.vpcCidr),
      ec2.Port.tcp(5432),
      'Clients in the VPC reach the database',
    );
    const ordersDbDb = new rds.DatabaseInstance(this, 'OrdersDbDb', {
      engine: rds.DatabaseInstanceEngine.postgres({
        version: rds.PostgresEngineVersion.of('17', '17'),
      }),
      instanceType: new ec2.InstanceType('t4g.small'),
      vpc: network,
      subnetGroup: ordersDbSubnets,
      securityGroups: [ordersDbDbSg],
      allocatedStorage: 30,
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
    helpers.cfnLintIgnore(ordersDbDb, ['W3691']);
    cdk.Validations.of(ordersDbDb).acknowledge(
      {
        id: 'AwsSolutions-RDS11',
        reason: 'the engine\'s default port is kept so that existing clients connect unchanged; only the VPC CIDR may reach it',
      },
    );
    cdk.Validations.of(ordersDbDb).acknowledge(
      {
        id: 'AwsSolutions-RDS3',
        reason: 'the plan runs this instance in one Availability Zone (multi_az: false); its backups are what the plan protects',
      },
    );

    // component exports
    const exportsBucket = new s3.Bucket(this, 'ExportsBucket', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      versioned: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'exports/',
      lifecycleRules: [
        {
          id: 'drplan-lifecycle',
          enabled: true,
          noncurrentVersionExpiration: cdk.Duration.days(settings.backupRetentionDays),
          abortIncompleteMultipartUploadAfter: cdk.Duration.days(7),
        },
      ],
      removalPolicy: cdk.RemovalPolicy.RETAIN,
    });

    // component snapshots
    const snapshotsLogs = new logs.LogGroup(this, 'SnapshotsLogs', {
      logGroupName: '/drplan/' + settings.projectName + '/snapshots',
      retention: logs.RetentionDays.THREE_MONTHS,
      encryptionKey: exportKey,
      removalPolicy: cdk.RemovalPolicy.RETAIN,
    });
    const snapshotsRoleStatements = [
      new iam.PolicyStatement({
        sid: 'WriteOwnLogs',
        effect: iam.Effect.ALLOW,
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [snapshotsLogs.logGroupArn],
      }),
      new iam.PolicyStatement({
        sid: 'ReadEncryptedEnvironment',
        effect: iam.Effect.ALLOW,
        actions: ['kms:Decrypt'],
        resources: [exportKey.keyArn],
      }),
      new iam.PolicyStatement({
        sid: 'SnapshotOrdersDb',
        effect: iam.Effect.ALLOW,
        actions: ['rds:CreateDBSnapshot', 'rds:AddTagsToResource'],
        resources: [
          'arn:' + cdk.Aws.PARTITION + ':rds:' + this.region + ':' + cdk.Aws.ACCOUNT_ID + ':snapshot:drplan-orders-db-*',
          ordersDbDb.instanceArn,
        ],
      }),
      new iam.PolicyStatement({
        sid: 'DeleteExpiredOrdersDb',
        effect: iam.Effect.ALLOW,
        actions: ['rds:DeleteDBSnapshot'],
        resources: [
          'arn:' + cdk.Aws.PARTITION + ':rds:' + this.region + ':' + cdk.Aws.ACCOUNT_ID + ':snapshot:drplan-orders-db-*',
        ],
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
    ];
    const snapshotsRole = new iam.Role(this, 'SnapshotsRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'Execution role of backup function snapshots',
      inlinePolicies: {'permissions': new iam.PolicyDocument({statements: snapshotsRoleStatements})},
    });
    helpers.acknowledgeWildcards(
      snapshotsRole,
      snapshotsRoleStatements,
      [
        'log streams are created at run time; the grant is limited to the function\'s own log group',
        '',
        'snapshot names carry a timestamp: the grant covers this function\'s drplan-<target>- snapshots only',
        'cleanup deletes only this function\'s drplan-<target>- snapshots, whose names carry a timestamp',
        'RDS describe calls are read-only and are authorised against every snapshot of the account',
        'PutMetricData has no resource type; the cloudwatch:namespace condition limits it to the backup metrics',
      ],
    );
    const snapshotsFunction = new lambda.Function(this, 'SnapshotsFunction', {
      functionName: settings.projectName + '-snapshots',
      description: 'drplan backup orchestration (snapshot,export,cleanup) for component snapshots',
      runtime: lambda.Runtime.PYTHON_3_14,
      handler: 'handler.handler',
      code: lambda.Code.fromAsset(path.join(__dirname, '..', 'lambda', 'backup')),
      memorySize: 512,
      timeout: cdk.Duration.seconds(600),
      architecture: lambda.Architecture.ARM_64,
      role: snapshotsRole.withoutPolicyUpdates(),
      logGroup: snapshotsLogs,
      environment: {
        'TASKS': 'snapshot,export,cleanup',
        'METRIC_NAMESPACE': 'CustomMetrics/DatabaseBackup',
        'SNAPSHOT_PREFIX': 'drplan',
        'TARGETS': '[{"copy_to_dr":false,"env":"TARGET_ORDERS_DB","export":false,"id":"orders-db","kind":"rds","retention_days":30}]',
        'TARGET_ORDERS_DB': ordersDbDb.instanceIdentifier,
      },
      environmentEncryption: exportKey,
    });
    // CDK makes the function depend on its role explicitly, on top of the Role reference; cfn-lint W3005 notes the
    // duplicate, which is harmless.
    helpers.cfnLintIgnore(snapshotsFunction, ['W3005']);

    // component nightly
    const nightlySchedule = new events.Rule(this, 'NightlySchedule', {
      description: 'drplan: runs snapshots-function on the backup_schedule setting',
      schedule: events.Schedule.expression(settings.backupSchedule),
      targets: [
        new targets.LambdaFunction(snapshotsFunction, {
          event: events.RuleTargetInput.fromObject({'backup_type': 'nightly'}),
        }),
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
    new cdk.CfnOutput(this, 'OrdersDbDbIdOutput', {
      value: ordersDbDb.instanceIdentifier,
      description: 'Identifier of the RDS instance of component orders-db',
    });
    new cdk.CfnOutput(this, 'OrdersDbDbArnOutput', {
      value: ordersDbDb.instanceArn,
      description: 'ARN of the RDS instance of component orders-db',
    });
    new cdk.CfnOutput(this, 'ExportsBucketNameOutput', {
      value: exportsBucket.bucketName,
      description: 'Name of the S3 bucket of component exports',
    });
    new cdk.CfnOutput(this, 'ExportsBucketArnOutput', {
      value: exportsBucket.bucketArn,
      description: 'ARN of the S3 bucket of component exports',
    });
    new cdk.CfnOutput(this, 'SnapshotsFunctionNameOutput', {
      value: snapshotsFunction.functionName,
      description: 'Name of the backup function of component snapshots',
    });
    new cdk.CfnOutput(this, 'SnapshotsFunctionArnOutput', {
      value: snapshotsFunction.functionArn,
      description: 'ARN of the backup function of component snapshots',
    });
    new cdk.CfnOutput(this, 'SnapshotsRoleArnOutput', {
      value: snapshotsRole.roleArn,
      description: 'ARN of the execution role of component snapshots',
    });
    new cdk.CfnOutput(this, 'SnapshotsLogGroupNameOutput', {
      value: snapshotsLogs.logGroupName,
      description: 'Log group of component snapshots',
    });
    new cdk.CfnOutput(this, 'SnapshotsLogGroupArnOutput', {
      value: snapshotsLogs.logGroupArn,
      description: 'ARN of the log group of component snapshots',
    });
  }
}
