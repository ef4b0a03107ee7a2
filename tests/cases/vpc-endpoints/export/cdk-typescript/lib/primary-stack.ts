// Primary stack (us-east-1) of the drplan export of plan Feature: vpc-endpoints.

import * as path from 'path';

import * as cdk from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
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

    // component uploads
    const uploadsBucket = new s3.Bucket(this, 'UploadsBucket', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      versioned: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'uploads/',
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

    // component endpoints
    // The existing VPC the plan's databases and endpoints go into (see README: Inputs).
    const network = ec2.Vpc.fromVpcAttributes(this, 'Network', {
      vpcId: settings.vpcId,
      vpcCidrBlock: settings.vpcCidr,
      availabilityZones: settings.availabilityZones,
      privateSubnetIds: settings.privateSubnetIds,
      privateSubnetRouteTableIds: settings.privateRouteTableIds,
    });
    const endpointsS3Gateway = new ec2.GatewayVpcEndpoint(this, 'EndpointsS3Gateway', {
      vpc: network,
      service: ec2.GatewayVpcEndpointAwsService.S3,
      subnets: [{subnets: network.privateSubnets}],
    });
    const endpointsDynamodbGateway = new ec2.GatewayVpcEndpoint(this, 'EndpointsDynamodbGateway', {
      vpc: network,
      service: ec2.GatewayVpcEndpointAwsService.DYNAMODB,
      subnets: [{subnets: network.privateSubnets}],
    });
    const endpointsEndpointsSg = new ec2.SecurityGroup(this, 'EndpointsEndpointsSg', {
      vpc: network,
      description: 'drplan: interface endpoints (HTTPS)',
      allowAllOutbound: false,
    });
    endpointsEndpointsSg.addIngressRule(
      ec2.Peer.ipv4(settings.vpcCidr),
      ec2.Port.tcp(443),
      'Clients in the VPC reach the interface endpoints (HTTPS)',
    );
    const endpointsMonitoringEndpoint = new ec2.InterfaceVpcEndpoint(this, 'EndpointsMonitoringEndpoint', {
      vpc: network,
      service: new ec2.InterfaceVpcEndpointAwsService('monitoring'),
      subnets: {subnets: network.privateSubnets},
      securityGroups: [endpointsEndpointsSg],
      privateDnsEnabled: true,
      open: false,
    });

    // component verifier
    const verifierLogs = new logs.LogGroup(this, 'VerifierLogs', {
      logGroupName: '/drplan/' + settings.projectName + '/verifier',
      retention: logs.RetentionDays.TWO_WEEKS,
      encryptionKey: exportKey,
      removalPolicy: cdk.RemovalPolicy.RETAIN,
    });
    const verifierFunctionSg = new ec2.SecurityGroup(this, 'VerifierFunctionSg', {
      vpc: network,
      description: 'drplan: backup function in the VPC',
      allowAllOutbound: false,
    });
    verifierFunctionSg.addEgressRule(
      ec2.Peer.ipv4('0.0.0.0/0'),
      ec2.Port.tcp(443),
      'HTTPS to the AWS APIs the function calls',
    );
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
        sid: 'VerifyOrders',
        effect: iam.Effect.ALLOW,
        actions: ['dynamodb:DescribeContinuousBackups'],
        resources: [ordersTable.tableArn],
      }),
      new iam.PolicyStatement({
        sid: 'VerifyUploads',
        effect: iam.Effect.ALLOW,
        actions: ['s3:GetBucketVersioning', 's3:GetReplicationConfiguration'],
        resources: [uploadsBucket.bucketArn],
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
        '',
        'PutMetricData has no resource type; the cloudwatch:namespace condition limits it to the backup metrics',
        'Lambda creates the function\'s network interfaces in the VPC with these permissions; EC2 authorises the calls only on all resources',
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
        'TARGETS': '[{"env":"TARGET_ORDERS","id":"orders","kind":"dynamodb","pitr":true},{"env":"TARGET_UPLOADS","id":"uploads","kind":"s3","replication":false}]',
        'TARGET_ORDERS': ordersTable.tableName,
        'TARGET_UPLOADS': uploadsBucket.bucketName,
      },
      environmentEncryption: exportKey,
      vpc: network,
      vpcSubnets: {subnets: network.privateSubnets},
      securityGroups: [verifierFunctionSg],
    });
    // CDK makes the function depend on its role explicitly, on top of the Role reference; cfn-lint W3005 notes the
    // duplicate, which is harmless.
    helpers.cfnLintIgnore(verifierFunction, ['W3005']);

    new cdk.CfnOutput(this, 'ExportKeyIdOutput', {
      value: exportKey.keyId,
      description: 'Id of KMS key export-key',
    });
    new cdk.CfnOutput(this, 'ExportKeyArnOutput', {
      value: exportKey.keyArn,
      description: 'ARN of KMS key export-key',
    });
    new cdk.CfnOutput(this, 'OrdersTableNameOutput', {
      value: ordersTable.tableName,
      description: 'Name of the DynamoDB table of component orders',
    });
    new cdk.CfnOutput(this, 'OrdersTableArnOutput', {
      value: ordersTable.tableArn,
      description: 'ARN of the DynamoDB table of component orders',
    });
    new cdk.CfnOutput(this, 'UploadsBucketNameOutput', {
      value: uploadsBucket.bucketName,
      description: 'Name of the S3 bucket of component uploads',
    });
    new cdk.CfnOutput(this, 'UploadsBucketArnOutput', {
      value: uploadsBucket.bucketArn,
      description: 'ARN of the S3 bucket of component uploads',
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
