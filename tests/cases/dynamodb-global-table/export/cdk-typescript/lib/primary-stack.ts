// Primary stack (us-east-1) of the drplan export of plan Feature: dynamodb-global-table.

import * as path from 'path';

import * as cdk from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as kms from 'aws-cdk-lib/aws-kms';
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

    // component profiles
    const profilesTable = new dynamodb.TableV2(this, 'ProfilesTable', {
      tableName: settings.projectName + '-profiles',
      partitionKey: {name: 'pk', type: dynamodb.AttributeType.STRING},
      sortKey: {name: 'sk', type: dynamodb.AttributeType.STRING},
      billing: dynamodb.Billing.onDemand(),
      encryption: dynamodb.TableEncryptionV2.customerManagedKey(
        exportKey,
        helpers.regionMap(
          settings.drRegion,
          'arn:' + cdk.Aws.PARTITION + ':kms:' + settings.drRegion + ':' + cdk.Aws.ACCOUNT_ID + ':alias/' + settings.projectName + '/dr',
        ),
      ),
      pointInTimeRecoverySpecification: {pointInTimeRecoveryEnabled: true, recoveryPeriodInDays: 7},
      deletionProtection: true,
      replicas: [{region: settings.drRegion}],
      removalPolicy: cdk.RemovalPolicy.RETAIN,
    });
    cdk.Validations.of(profilesTable).acknowledge(
      {
        id: 'AwsSolutions-DDB4',
        reason: 'no AWS Backup plan protects this table in the plan; point-in-time recovery covers restores',
      },
    );

    new cdk.CfnOutput(this, 'ExportKeyIdOutput', {
      value: exportKey.keyId,
      description: 'Id of KMS key export-key',
    });
    new cdk.CfnOutput(this, 'ExportKeyArnOutput', {
      value: exportKey.keyArn,
      description: 'ARN of KMS key export-key',
    });
    new cdk.CfnOutput(this, 'ProfilesTableNameOutput', {
      value: profilesTable.tableName,
      description: 'Name of the DynamoDB table of component profiles',
    });
    new cdk.CfnOutput(this, 'ProfilesTableArnOutput', {
      value: profilesTable.tableArn,
      description: 'ARN of the DynamoDB table of component profiles',
    });
  }
}
