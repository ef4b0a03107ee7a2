// DR stack (deployed first) (us-west-2) of the drplan export of plan Photography portfolio: backup & DR.

import * as path from 'path';

import * as cdk from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

import * as helpers from './helpers';
import { Settings } from './settings';

export interface DrStackProps extends cdk.StackProps {
  readonly settings: Settings;
}

export class DrStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props: DrStackProps) {
    super(scope, id, props);
    const settings = props.settings;
    // component backup-keys
    const drKey = new kms.Key(this, 'DrKey', {
      description: 'drplan: key for replicas and copies in the DR region',
      enableKeyRotation: true,
      removalPolicy: cdk.RemovalPolicy.RETAIN,
      alias: 'alias/' + settings.projectName + '/dr',
    });

    // added by the export
    const drAccessLogs = new s3.Bucket(this, 'DrAccessLogs', {
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
    cdk.Validations.of(drAccessLogs).acknowledge(
      {
        id: 'AwsSolutions-S1',
        reason: 'this is the access-log bucket: logging it to itself would log its own log deliveries forever',
      },
    );

    // component media
    const mediaReplica = new s3.Bucket(this, 'MediaReplica', {
      bucketName: settings.projectName + '-media-' + cdk.Aws.ACCOUNT_ID,
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: drKey,
      bucketKeyEnabled: true,
      versioned: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      serverAccessLogsBucket: drAccessLogs,
      serverAccessLogsPrefix: 'media-replica/',
      lifecycleRules: [
        {
          id: 'drplan-lifecycle',
          enabled: true,
          noncurrentVersionExpiration: cdk.Duration.days(90),
          abortIncompleteMultipartUploadAfter: cdk.Duration.days(7),
        },
      ],
      removalPolicy: cdk.RemovalPolicy.RETAIN,
    });

    // component compliance-archive
    const complianceArchiveReplica = new s3.Bucket(this, 'ComplianceArchiveReplica', {
      bucketName: settings.projectName + '-compliance-archive-' + cdk.Aws.ACCOUNT_ID,
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: drKey,
      bucketKeyEnabled: true,
      versioned: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      serverAccessLogsBucket: drAccessLogs,
      serverAccessLogsPrefix: 'compliance-archive-replica/',
      lifecycleRules: [
        {
          id: 'drplan-lifecycle',
          enabled: true,
          expiration: cdk.Duration.days(2555),
          noncurrentVersionExpiration: cdk.Duration.days(180),
          abortIncompleteMultipartUploadAfter: cdk.Duration.days(7),
        },
      ],
      removalPolicy: cdk.RemovalPolicy.RETAIN,
    });

    new cdk.CfnOutput(this, 'DrKeyIdOutput', {
      value: drKey.keyId,
      description: 'Id of KMS key dr-key',
    });
    new cdk.CfnOutput(this, 'DrKeyArnOutput', {
      value: drKey.keyArn,
      description: 'ARN of KMS key dr-key',
    });
    new cdk.CfnOutput(this, 'MediaReplicaBucketNameOutput', {
      value: mediaReplica.bucketName,
      description: 'Name of the replica bucket of component media',
    });
    new cdk.CfnOutput(this, 'ComplianceArchiveReplicaBucketNameOutput', {
      value: complianceArchiveReplica.bucketName,
      description: 'Name of the replica bucket of component compliance-archive',
    });
  }
}
