// DR stack (deployed first) (eu-central-1) of the drplan export of plan Every export option: new and existing data stores, all alarm kinds.

import * as path from 'path';

import * as cdk from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
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
    // component keys
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

    // component assets
    const assetsReplica = new s3.Bucket(this, 'AssetsReplica', {
      bucketName: settings.projectName + '-assets-' + cdk.Aws.ACCOUNT_ID,
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: drKey,
      bucketKeyEnabled: true,
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
          transitions: [
            {storageClass: s3.StorageClass.DEEP_ARCHIVE, transitionAfter: cdk.Duration.days(180)},
          ],
          expiration: cdk.Duration.days(730),
          noncurrentVersionTransitions: [
            {storageClass: s3.StorageClass.GLACIER, transitionAfter: cdk.Duration.days(60)},
          ],
          noncurrentVersionExpiration: cdk.Duration.days(365),
          abortIncompleteMultipartUploadAfter: cdk.Duration.days(7),
        },
      ],
      removalPolicy: cdk.RemovalPolicy.RETAIN,
    });

    // component billing-db
    const billingDbSnapshotDrVault = new backup.BackupVault(this, 'BillingDbSnapshotDrVault', {
      backupVaultName: settings.projectName + '-' + settings.environment + '-billing-db-snapshots-dr',
      encryptionKey: drKey,
      removalPolicy: cdk.RemovalPolicy.RETAIN,
    });

    // component central
    const centralDrVault = new backup.BackupVault(this, 'CentralDrVault', {
      backupVaultName: settings.projectName + '-' + settings.environment + '-central-dr',
      encryptionKey: drKey,
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
    new cdk.CfnOutput(this, 'AssetsReplicaBucketNameOutput', {
      value: assetsReplica.bucketName,
      description: 'Name of the replica bucket of component assets',
    });
    new cdk.CfnOutput(this, 'BillingDbSnapshotDrVaultNameOutput', {
      value: billingDbSnapshotDrVault.backupVaultName,
      description: 'Name of backup vault billing-db-snapshot-dr-vault',
    });
    new cdk.CfnOutput(this, 'CentralDrVaultNameOutput', {
      value: centralDrVault.backupVaultName,
      description: 'Name of backup vault central-dr-vault',
    });
  }
}
