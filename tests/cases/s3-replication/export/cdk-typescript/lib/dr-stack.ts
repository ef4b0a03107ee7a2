// DR stack (deployed first) (us-west-2) of the drplan export of plan Feature: s3-replication.

import * as path from 'path';

import * as cdk from 'aws-cdk-lib';
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

    // component assets
    const assetsReplica = new s3.Bucket(this, 'AssetsReplica', {
      bucketName: settings.projectName + '-assets-' + cdk.Aws.ACCOUNT_ID,
      encryption: s3.BucketEncryption.S3_MANAGED,
      versioned: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      serverAccessLogsBucket: drAccessLogs,
      serverAccessLogsPrefix: 'assets-replica/',
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

    new cdk.CfnOutput(this, 'AssetsReplicaBucketNameOutput', {
      value: assetsReplica.bucketName,
      description: 'Name of the replica bucket of component assets',
    });
  }
}
