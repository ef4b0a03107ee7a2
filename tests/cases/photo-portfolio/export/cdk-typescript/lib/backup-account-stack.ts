// Backup account stack (deployed first, in the backup account) (us-east-1) of the drplan export of plan Photography portfolio: backup & DR.

import * as path from 'path';

import * as cdk from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

import * as helpers from './helpers';
import { Settings } from './settings';

export interface BackupAccountStackProps extends cdk.StackProps {
  readonly settings: Settings;
}

export class BackupAccountStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props: BackupAccountStackProps) {
    super(scope, id, props);
    const settings = props.settings;
    const backupAccountKey = new kms.Key(this, 'BackupAccountKey', {
      description: 'drplan: backup account key for the cross-account copies',
      enableKeyRotation: true,
      removalPolicy: cdk.RemovalPolicy.RETAIN,
      alias: 'alias/' + settings.projectName + '/backup-account',
    });
    backupAccountKey.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowSourceAccountCopies',
        effect: iam.Effect.ALLOW,
        actions: ['kms:Encrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
        resources: ['*'],
        principals: [
          new iam.ArnPrincipal(
            'arn:' + cdk.Aws.PARTITION + ':iam::' + settings.sourceAccountId + ':root',
          ),
        ],
        conditions: {
          'StringEquals': {
            'kms:ViaService': [
              'backup.' + this.region + '.amazonaws.com',
              's3.' + this.region + '.amazonaws.com',
            ],
          },
        },
      }),
    );
    const backupAccountAccessLogs = new s3.Bucket(this, 'BackupAccountAccessLogs', {
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
    cdk.Validations.of(backupAccountAccessLogs).acknowledge(
      {
        id: 'AwsSolutions-S1',
        reason: 'this is the access-log bucket: logging it to itself would log its own log deliveries forever',
      },
    );

    // component media
    const mediaAccountReplica = new s3.Bucket(this, 'MediaAccountReplica', {
      bucketName: settings.projectName + '-media-' + cdk.Aws.ACCOUNT_ID,
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: backupAccountKey,
      bucketKeyEnabled: true,
      versioned: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      serverAccessLogsBucket: backupAccountAccessLogs,
      serverAccessLogsPrefix: 'media-account-replica/',
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
    const complianceArchiveAccountReplica = new s3.Bucket(this, 'ComplianceArchiveAccountReplica', {
      bucketName: settings.projectName + '-compliance-archive-' + cdk.Aws.ACCOUNT_ID,
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: backupAccountKey,
      bucketKeyEnabled: true,
      versioned: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      serverAccessLogsBucket: backupAccountAccessLogs,
      serverAccessLogsPrefix: 'compliance-archive-account-replica/',
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

    // added by the export
    const backupVault = new backup.BackupVault(this, 'BackupVault', {
      backupVaultName: settings.projectName + '-backup-vault',
      encryptionKey: backupAccountKey,
      accessPolicy: new iam.PolicyDocument({
        statements: [
          new iam.PolicyStatement({
            sid: 'AllowCopiesFromSourceAccount',
            effect: iam.Effect.ALLOW,
            actions: ['backup:CopyIntoBackupVault'],
            resources: ['*'],
            principals: [
              new iam.ArnPrincipal(
                'arn:' + cdk.Aws.PARTITION + ':iam::' + settings.sourceAccountId + ':root',
              ),
            ],
            conditions: {'StringEquals': {'aws:PrincipalOrgID': settings.organizationId}},
          }),
        ],
      }),
      lockConfiguration: {
        minRetention: cdk.Duration.days(7),
        maxRetention: cdk.Duration.days(365),
        changeableFor: cdk.Duration.days(3),
      },
      removalPolicy: cdk.RemovalPolicy.RETAIN,
    });

    new cdk.CfnOutput(this, 'MediaAccountReplicaBucketNameOutput', {
      value: mediaAccountReplica.bucketName,
      description: 'Name of the backup account\'s replica of component media',
    });
    new cdk.CfnOutput(this, 'ComplianceArchiveAccountReplicaBucketNameOutput', {
      value: complianceArchiveAccountReplica.bucketName,
      description: 'Name of the backup account\'s replica of component compliance-archive',
    });
    new cdk.CfnOutput(this, 'BackupVaultArnOutput', {
      value: backupVault.backupVaultArn,
      description: 'ARN of backup vault backup-vault in the backup account',
    });
  }
}
