// Primary stack (us-east-1) of the drplan export of plan Feature: eventbridge-schedule.

import * as path from 'path';

import * as cdk from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
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

    // component events
    const eventsTable = new dynamodb.TableV2(this, 'EventsTable', {
      tableName: settings.projectName + '-events',
      partitionKey: {name: 'pk', type: dynamodb.AttributeType.STRING},
      sortKey: {name: 'sk', type: dynamodb.AttributeType.STRING},
      billing: dynamodb.Billing.onDemand(),
      encryption: dynamodb.TableEncryptionV2.customerManagedKey(exportKey),
      pointInTimeRecoverySpecification: {pointInTimeRecoveryEnabled: true, recoveryPeriodInDays: 35},
      deletionProtection: true,
      removalPolicy: cdk.RemovalPolicy.RETAIN,
    });
    cdk.Validations.of(eventsTable).acknowledge(
      {
        id: 'AwsSolutions-DDB4',
        reason: 'no AWS Backup plan protects this table in the plan; point-in-time recovery covers restores',
      },
    );

    // component verifier
    const verifierLogs = new logs.LogGroup(this, 'VerifierLogs', {
      logGroupName: '/drplan/' + settings.projectName + '/verifier',
      retention: logs.RetentionDays.TWO_WEEKS,
      encryptionKey: exportKey,
      removalPolicy: cdk.RemovalPolicy.RETAIN,
    });
    const verifierRoleStatements = [
      new iam.PolicyStatement({
        sid: 'WriteOwnLogs',
        effect: iam.Effect.ALLOW,
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [verifierLogs.logGroupArn],
      }),
      new iam.PolicyStatement({
        sid: 'ReadEncryptedEnvironment',
        effect: iam.Effect.ALLOW,
        actions: ['kms:Decrypt'],
        resources: [exportKey.keyArn],
      }),
      new iam.PolicyStatement({
        sid: 'VerifyEvents',
        effect: iam.Effect.ALLOW,
        actions: ['dynamodb:DescribeContinuousBackups'],
        resources: [eventsTable.tableArn],
      }),
      new iam.PolicyStatement({
        sid: 'PublishBackupMetrics',
        effect: iam.Effect.ALLOW,
        actions: ['cloudwatch:PutMetricData'],
        resources: ['*'],
        conditions: {'StringEquals': {'cloudwatch:namespace': 'CustomMetrics/DatabaseBackup'}},
      }),
    ];
    const verifierRole = new iam.Role(this, 'VerifierRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'Execution role of backup function verifier',
      inlinePolicies: {'permissions': new iam.PolicyDocument({statements: verifierRoleStatements})},
    });
    helpers.acknowledgeWildcards(
      verifierRole,
      verifierRoleStatements,
      [
        'log streams are created at run time; the grant is limited to the function\'s own log group',
        '',
        '',
        'PutMetricData has no resource type; the cloudwatch:namespace condition limits it to the backup metrics',
      ],
    );
    const verifierFunction = new lambda.Function(this, 'VerifierFunction', {
      functionName: settings.projectName + '-verifier',
      description: 'drplan backup orchestration (verify) for component verifier',
      runtime: lambda.Runtime.PYTHON_3_14,
      handler: 'handler.handler',
      code: lambda.Code.fromAsset(path.join(__dirname, '..', 'lambda', 'backup')),
      memorySize: 256,
      timeout: cdk.Duration.seconds(300),
      architecture: lambda.Architecture.X86_64,
      role: verifierRole.withoutPolicyUpdates(),
      logGroup: verifierLogs,
      environment: {
        'TASKS': 'verify',
        'METRIC_NAMESPACE': 'CustomMetrics/DatabaseBackup',
        'SNAPSHOT_PREFIX': 'drplan',
        'TARGETS': '[{"env":"TARGET_EVENTS","id":"events","kind":"dynamodb","pitr":true}]',
        'TARGET_EVENTS': eventsTable.tableName,
      },
      environmentEncryption: exportKey,
    });
    // CDK makes the function depend on its role explicitly, on top of the Role reference; cfn-lint W3005 notes the
    // duplicate, which is harmless.
    helpers.cfnLintIgnore(verifierFunction, ['W3005']);

    // component every-six-hours
    const everySixHoursSchedule = new events.Rule(this, 'EverySixHoursSchedule', {
      description: 'drplan: runs verifier-function on the backup_schedule setting',
      schedule: events.Schedule.expression(settings.backupSchedule),
      targets: [
        new targets.LambdaFunction(verifierFunction, {
          event: events.RuleTargetInput.fromObject({'backup_type': 'verify'}),
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
    new cdk.CfnOutput(this, 'EventsTableNameOutput', {
      value: eventsTable.tableName,
      description: 'Name of the DynamoDB table of component events',
    });
    new cdk.CfnOutput(this, 'EventsTableArnOutput', {
      value: eventsTable.tableArn,
      description: 'ARN of the DynamoDB table of component events',
    });
    new cdk.CfnOutput(this, 'VerifierFunctionNameOutput', {
      value: verifierFunction.functionName,
      description: 'Name of the backup function of component verifier',
    });
    new cdk.CfnOutput(this, 'VerifierFunctionArnOutput', {
      value: verifierFunction.functionArn,
      description: 'ARN of the backup function of component verifier',
    });
    new cdk.CfnOutput(this, 'VerifierRoleArnOutput', {
      value: verifierRole.roleArn,
      description: 'ARN of the execution role of component verifier',
    });
    new cdk.CfnOutput(this, 'VerifierLogGroupNameOutput', {
      value: verifierLogs.logGroupName,
      description: 'Log group of component verifier',
    });
    new cdk.CfnOutput(this, 'VerifierLogGroupArnOutput', {
      value: verifierLogs.logGroupArn,
      description: 'ARN of the log group of component verifier',
    });
  }
}
