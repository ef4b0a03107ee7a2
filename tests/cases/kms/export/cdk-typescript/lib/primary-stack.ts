// Primary stack (us-east-1) of the drplan export of plan Feature: kms.

import * as path from 'path';

import * as cdk from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
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
    // component keys
    const keysKey1 = new kms.Key(this, 'KeysKey1', {
      description: 'drplan: customer-managed key 1 of 2 (component keys)',
      enableKeyRotation: true,
      removalPolicy: cdk.RemovalPolicy.RETAIN,
    });
    const keysKey2 = new kms.Key(this, 'KeysKey2', {
      description: 'drplan: customer-managed key 2 of 2 (component keys)',
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

    // component secure
    const secureBucket = new s3.Bucket(this, 'SecureBucket', {
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: keysKey1,
      bucketKeyEnabled: true,
      versioned: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'secure/',
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

    new cdk.CfnOutput(this, 'KeysKey1IdOutput', {
      value: keysKey1.keyId,
      description: 'Id of KMS key keys-key-1',
    });
    new cdk.CfnOutput(this, 'KeysKey1ArnOutput', {
      value: keysKey1.keyArn,
      description: 'ARN of KMS key keys-key-1',
    });
    new cdk.CfnOutput(this, 'KeysKey2IdOutput', {
      value: keysKey2.keyId,
      description: 'Id of KMS key keys-key-2',
    });
    new cdk.CfnOutput(this, 'KeysKey2ArnOutput', {
      value: keysKey2.keyArn,
      description: 'ARN of KMS key keys-key-2',
    });
    new cdk.CfnOutput(this, 'SecureBucketNameOutput', {
      value: secureBucket.bucketName,
      description: 'Name of the S3 bucket of component secure',
    });
    new cdk.CfnOutput(this, 'SecureBucketArnOutput', {
      value: secureBucket.bucketArn,
      description: 'ARN of the S3 bucket of component secure',
    });
  }
}
