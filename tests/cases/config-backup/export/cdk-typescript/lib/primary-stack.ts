// Primary stack (us-east-1) of the drplan export of plan Feature: config-backup.

import * as path from 'path';

import * as cdk from 'aws-cdk-lib';
import * as codecommit from 'aws-cdk-lib/aws-codecommit';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
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

    // component config
    const configConfigBucket = new s3.Bucket(this, 'ConfigConfigBucket', {
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: exportKey,
      bucketKeyEnabled: true,
      versioned: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'config-config/',
      lifecycleRules: [
        {
          id: 'drplan-lifecycle',
          enabled: true,
          expiration: cdk.Duration.days(30),
          noncurrentVersionExpiration: cdk.Duration.days(30),
          abortIncompleteMultipartUploadAfter: cdk.Duration.days(7),
        },
      ],
      removalPolicy: cdk.RemovalPolicy.RETAIN,
    });
    const configExportLogs = new logs.LogGroup(this, 'ConfigExportLogs', {
      logGroupName: '/drplan/' + settings.projectName + '/config-export',
      retention: logs.RetentionDays.ONE_MONTH,
      encryptionKey: exportKey,
      removalPolicy: cdk.RemovalPolicy.RETAIN,
    });
    const configExportRoleStatements = [
      new iam.PolicyStatement({
        sid: 'WriteOwnLogs',
        effect: iam.Effect.ALLOW,
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [configExportLogs.logGroupArn],
      }),
      new iam.PolicyStatement({
        sid: 'ReadEncryptedEnvironment',
        effect: iam.Effect.ALLOW,
        actions: ['kms:Decrypt'],
        resources: [exportKey.keyArn],
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
        resources: [configConfigBucket.bucketArn + '/parameter-store/*'],
      }),
      new iam.PolicyStatement({
        sid: 'EncryptExports',
        effect: iam.Effect.ALLOW,
        actions: ['kms:GenerateDataKey'],
        resources: [exportKey.keyArn],
      }),
    ];
    const configExportRole = new iam.Role(this, 'ConfigExportRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'Execution role of the Parameter Store export of component config',
      inlinePolicies: {
        'permissions': new iam.PolicyDocument({statements: configExportRoleStatements}),
      },
    });
    helpers.acknowledgeWildcards(
      configExportRole,
      configExportRoleStatements,
      [
        'log streams are created at run time; the grant is limited to the function\'s own log group',
        '',
        'the export reads every parameter of the account and region, by design',
        'SecureString parameters may use any key of the account; the grant only works through Parameter Store (kms:ViaService)',
        'export objects are named by date; the grant is limited to the parameter-store/ prefix of one bucket',
        '',
      ],
    );
    const configExportFunction = new lambda.Function(this, 'ConfigExportFunction', {
      functionName: settings.projectName + '-config-export',
      description: 'drplan: daily Parameter Store export for component config',
      runtime: lambda.Runtime.PYTHON_3_14,
      handler: 'handler.handler',
      code: lambda.Code.fromAsset(path.join(__dirname, '..', 'lambda', 'config_export')),
      memorySize: 256,
      timeout: cdk.Duration.seconds(300),
      architecture: lambda.Architecture.ARM_64,
      role: configExportRole.withoutPolicyUpdates(),
      logGroup: configExportLogs,
      environment: {'BUCKET': configConfigBucket.bucketName, 'PREFIX': 'parameter-store/'},
      environmentEncryption: exportKey,
    });
    // CDK makes the function depend on its role explicitly, on top of the Role reference; cfn-lint W3005 notes the
    // duplicate, which is harmless.
    helpers.cfnLintIgnore(configExportFunction, ['W3005']);
    const configDailyExport = new events.Rule(this, 'ConfigDailyExport', {
      description: 'drplan: runs config-export-function on rate(1 day)',
      schedule: events.Schedule.expression('rate(1 day)'),
      targets: [
        new targets.LambdaFunction(configExportFunction, {
          event: events.RuleTargetInput.fromObject({'backup_type': 'parameter-store-export'}),
        }),
      ],
    });
    const configRepository = new codecommit.Repository(this, 'ConfigRepository', {
      repositoryName: settings.projectName + '-config',
      description: 'drplan: mirror of the infrastructure repository, for redeploying after a disaster',
      kmsKey: exportKey,
    });
    configRepository.applyRemovalPolicy(cdk.RemovalPolicy.RETAIN);

    new cdk.CfnOutput(this, 'ExportKeyIdOutput', {
      value: exportKey.keyId,
      description: 'Id of KMS key export-key',
    });
    new cdk.CfnOutput(this, 'ExportKeyArnOutput', {
      value: exportKey.keyArn,
      description: 'ARN of KMS key export-key',
    });
    new cdk.CfnOutput(this, 'ConfigConfigBucketNameOutput', {
      value: configConfigBucket.bucketName,
      description: 'Bucket of the Parameter Store exports of component config',
    });
    new cdk.CfnOutput(this, 'ConfigRepositoryNameOutput', {
      value: configRepository.repositoryName,
      description: 'CodeCommit mirror of component config',
    });
  }
}
