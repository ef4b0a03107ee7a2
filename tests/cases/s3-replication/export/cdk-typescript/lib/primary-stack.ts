// Primary stack (us-east-1) of the drplan export of plan Feature: s3-replication.

import * as path from 'path';

import * as cdk from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
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

    // component assets
    const assetsReplicationRole = new iam.Role(this, 'AssetsReplicationRole', {
      assumedBy: new iam.ServicePrincipal('s3.amazonaws.com'),
      description: 'S3 replication of component assets to the DR region',
    });
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
          noncurrentVersionExpiration: cdk.Duration.days(settings.backupRetentionDays),
          abortIncompleteMultipartUploadAfter: cdk.Duration.days(7),
        },
      ],
      replicationRole: assetsReplicationRole.withoutPolicyUpdates(),
      replicationRules: [
        {
          id: 'drplan-replication',
          priority: 1,
          destination: s3.Bucket.fromBucketArn(
            this,
            'AssetsBucketReplicaDestination',
            'arn:' + cdk.Aws.PARTITION + ':s3:::' + settings.projectName + '-assets-' + cdk.Aws.ACCOUNT_ID,
          ),
          storageClass: s3.StorageClass.INFREQUENT_ACCESS,
          deleteMarkerReplication: false,
          replicationTimeControl: s3.ReplicationTimeValue.FIFTEEN_MINUTES,
          metrics: s3.ReplicationTimeValue.FIFTEEN_MINUTES,
        },
      ],
      removalPolicy: cdk.RemovalPolicy.RETAIN,
    });

    new cdk.CfnOutput(this, 'AssetsBucketNameOutput', {
      value: assetsBucket.bucketName,
      description: 'Name of the S3 bucket of component assets',
    });
    new cdk.CfnOutput(this, 'AssetsBucketArnOutput', {
      value: assetsBucket.bucketArn,
      description: 'ARN of the S3 bucket of component assets',
    });
    const assetsReplicationRoleStatements = [
      new iam.PolicyStatement({
        sid: 'ReadReplicationConfiguration',
        effect: iam.Effect.ALLOW,
        actions: ['s3:GetReplicationConfiguration', 's3:ListBucket'],
        resources: [assetsBucket.bucketArn],
      }),
      new iam.PolicyStatement({
        sid: 'ReadSourceVersions',
        effect: iam.Effect.ALLOW,
        actions: [
          's3:GetObjectVersionForReplication',
          's3:GetObjectVersionAcl',
          's3:GetObjectVersionTagging',
        ],
        resources: [assetsBucket.bucketArn + '/*'],
      }),
      new iam.PolicyStatement({
        sid: 'WriteReplicas',
        effect: iam.Effect.ALLOW,
        actions: ['s3:ReplicateObject', 's3:ReplicateDelete', 's3:ReplicateTags'],
        resources: [
          'arn:' + cdk.Aws.PARTITION + ':s3:::' + settings.projectName + '-assets-' + cdk.Aws.ACCOUNT_ID + '/*',
        ],
      }),
    ];
    const assetsReplicationRolePolicy = new iam.Policy(this, 'AssetsReplicationRolePolicy', {
      roles: [assetsReplicationRole],
      statements: assetsReplicationRoleStatements,
    });
    helpers.acknowledgeWildcards(
      assetsReplicationRolePolicy,
      assetsReplicationRoleStatements,
      [
        '',
        'replication reads and writes every object version of the bucket: the grant is limited to that bucket\'s objects',
        'replication reads and writes every object version of the bucket: the grant is limited to that bucket\'s objects',
      ],
    );
  }
}
