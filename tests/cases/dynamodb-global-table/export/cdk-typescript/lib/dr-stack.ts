// DR stack (deployed first) (eu-central-1) of the drplan export of plan Feature: dynamodb-global-table.

import * as path from 'path';

import * as cdk from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
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
    const drKey = new kms.Key(this, 'DrKey', {
      description: 'drplan: key for replicas and copies in the DR region',
      enableKeyRotation: true,
      removalPolicy: cdk.RemovalPolicy.RETAIN,
      alias: 'alias/' + settings.projectName + '/dr',
    });

    new cdk.CfnOutput(this, 'DrKeyIdOutput', {
      value: drKey.keyId,
      description: 'Id of KMS key dr-key',
    });
    new cdk.CfnOutput(this, 'DrKeyArnOutput', {
      value: drKey.keyArn,
      description: 'ARN of KMS key dr-key',
    });
  }
}
