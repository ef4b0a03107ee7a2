// Primary stack (us-east-1) of the drplan export of plan RDS backup and point-in-time recovery.

import * as path from 'path';

import * as cdk from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cw_actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subs from 'aws-cdk-lib/aws-sns-subscriptions';
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
    // component backup-keys
    const backupKeysKey = new kms.Key(this, 'BackupKeysKey', {
      description: 'drplan: customer-managed key 1 of 1 (component backup-keys)',
      enableKeyRotation: true,
      removalPolicy: cdk.RemovalPolicy.RETAIN,
    });
    backupKeysKey.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowPublishFromEvents',
        effect: iam.Effect.ALLOW,
        actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
        resources: ['*'],
        principals: [new iam.ServicePrincipal('events.amazonaws.com')],
      }),
    );
    backupKeysKey.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowPublishFromCloudwatch',
        effect: iam.Effect.ALLOW,
        actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
        resources: ['*'],
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
      }),
    );

    // component backup-alerts
    const backupAlertsTopic = new sns.Topic(this, 'BackupAlertsTopic', {
      masterKey: backupKeysKey,
      enforceSSL: true,
    });
    backupAlertsTopic.addSubscription(new subs.EmailSubscription(settings.notificationEmail));
    backupAlertsTopic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowPublish2',
        effect: iam.Effect.ALLOW,
        actions: ['sns:Publish'],
        resources: [backupAlertsTopic.topicArn],
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        conditions: {
          'ArnLike': {
            'aws:SourceArn': 'arn:' + cdk.Aws.PARTITION + ':cloudwatch:' + this.region + ':' + cdk.Aws.ACCOUNT_ID + ':alarm:*',
          },
        },
      }),
    );

    // component database
    // The existing VPC the plan's databases and endpoints go into (see README: Inputs).
    const network = ec2.Vpc.fromVpcAttributes(this, 'Network', {
      vpcId: settings.vpcId,
      vpcCidrBlock: settings.vpcCidr,
      availabilityZones: settings.availabilityZones,
      privateSubnetIds: settings.privateSubnetIds,
    });
    const databaseSubnets = new rds.SubnetGroup(this, 'DatabaseSubnets', {
      description: 'drplan: private subnets of component database',
      vpc: network,
      vpcSubnets: {subnets: network.privateSubnets},
    });
    const databaseDbSg = new ec2.SecurityGroup(this, 'DatabaseDbSg', {
      vpc: network,
      description: 'drplan: database',
      allowAllOutbound: false,
    });
    databaseDbSg.addIngressRule(
      ec2.Peer.ipv4(settings.vpcCidr),
      ec2.Port.tcp(3306),
      'Clients in the VPC reach the database',
    );
    const databaseDb = new rds.DatabaseInstance(this, 'DatabaseDb', {
      engine: rds.DatabaseInstanceEngine.mysql({version: rds.MysqlEngineVersion.of('8.4', '8.4')}),
      instanceType: new ec2.InstanceType(settings.databaseInstanceClass.replace('db.', '')),
      vpc: network,
      subnetGroup: databaseSubnets,
      securityGroups: [databaseDbSg],
      allocatedStorage: 20,
      storageType: rds.StorageType.GP2,
      storageEncrypted: true,
      storageEncryptionKey: backupKeysKey,
      multiAz: false,
      publiclyAccessible: false,
      deletionProtection: true,
      iamAuthentication: true,
      manageMasterUserPassword: true,
      credentials: rds.Credentials.fromUsername('dbadmin'),
      backupRetention: cdk.Duration.days(settings.backupRetentionPeriod),
      copyTagsToSnapshot: true,
      autoMinorVersionUpgrade: true,
      removalPolicy: cdk.RemovalPolicy.SNAPSHOT,
    });
    const databaseDbCfn = helpers.defaultChild(databaseDb);
    // On once the DR key's ARN is given (README, step two).
    if (settings.drKeyArn !== '') {
      databaseDbCfn.addPropertyOverride(
        'AutomaticBackupReplicationRegion',
        settings.disasterRecoveryRegion,
      );
      databaseDbCfn.addPropertyOverride('AutomaticBackupReplicationKmsKeyId', settings.drKeyArn);
      databaseDbCfn.addPropertyOverride(
        'AutomaticBackupReplicationRetentionPeriod',
        settings.crossRegionBackupRetention,
      );
    }
    // cfn-lint E3691: RDS takes the major version alone and creates the instance with the preferred minor version (automatic minor upgrades keep it current); the linter's version list omits or misflags the ...
    helpers.cfnLintIgnore(databaseDb, ['E3691']);
    cdk.Validations.of(databaseDb).acknowledge(
      {
        id: 'AwsSolutions-RDS11',
        reason: 'the engine\'s default port is kept so that existing clients connect unchanged; only the VPC CIDR may reach it',
      },
    );
    cdk.Validations.of(databaseDb).acknowledge(
      {
        id: 'AwsSolutions-RDS3',
        reason: 'the plan runs this instance in one Availability Zone (multi_az: false); its backups are what the plan protects',
      },
    );
    cdk.Validations.of(databaseDb).acknowledge(
      {
        id: 'CloudFormation-Validate::E9006',
        reason: 'RDS takes the major version alone and creates the instance with the preferred minor version (automatic minor upgrades keep it current); the linter\'s version list omits or misflags the major-only form',
      },
    );

    // component rds-backup-plan
    const rdsBackupPlanVault = new backup.BackupVault(this, 'RdsBackupPlanVault', {
      backupVaultName: settings.projectName + '-rds-backup-plan',
      encryptionKey: backupKeysKey,
      removalPolicy: cdk.RemovalPolicy.RETAIN,
    });
    const rdsBackupPlanPlan = new backup.BackupPlan(this, 'RdsBackupPlanPlan', {
      backupPlanName: settings.projectName + '-rds-backup-plan',
      backupVault: rdsBackupPlanVault,
      backupPlanRules: [
        new backup.BackupPlanRule({
          ruleName: 'daily',
          scheduleExpression: events.Schedule.expression('cron(0 3 * * ? *)'),
          startWindow: cdk.Duration.minutes(60),
          completionWindow: cdk.Duration.minutes(1440),
          enableContinuousBackup: false,
          deleteAfter: cdk.Duration.days(settings.backupRetentionDays),
          copyActions: [
            {
              destinationBackupVault: backup.BackupVault.fromBackupVaultArn(
                this,
                'RdsBackupPlanPlanDailyCopyVault',
                'arn:' + cdk.Aws.PARTITION + ':backup:' + settings.disasterRecoveryRegion + ':' + cdk.Aws.ACCOUNT_ID + ':backup-vault:' + settings.projectName + '-rds-backup-plan-dr',
              ),
              deleteAfter: cdk.Duration.days(14),
            },
          ],
        }),
      ],
    });
    const rdsBackupPlanBackupRole = new iam.Role(this, 'RdsBackupPlanBackupRole', {
      assumedBy: new iam.ServicePrincipal('backup.amazonaws.com'),
      description: 'AWS Backup: back up and restore the selected resources',
      managedPolicies: [
        iam.ManagedPolicy.fromAwsManagedPolicyName(
          'service-role/AWSBackupServiceRolePolicyForBackup',
        ),
        iam.ManagedPolicy.fromAwsManagedPolicyName(
          'service-role/AWSBackupServiceRolePolicyForRestores',
        ),
      ],
    });
    cdk.Validations.of(rdsBackupPlanBackupRole).acknowledge(
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup]',
        reason: 'AWS Backup\'s documented service-role policy: AWS scopes it to the resource types Backup supports and keeps it current',
      },
    );
    cdk.Validations.of(rdsBackupPlanBackupRole).acknowledge(
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores]',
        reason: 'AWS Backup\'s documented service-role policy: AWS scopes it to the resource types Backup supports and keeps it current',
      },
    );
    const rdsBackupPlanSelection = rdsBackupPlanPlan.addSelection('RdsBackupPlanSelection', {
      resources: [backup.BackupResource.fromArn(databaseDb.instanceArn)],
      backupSelectionName: 'rds-backup-plan-resources',
      role: rdsBackupPlanBackupRole.withoutPolicyUpdates(),
      disableDefaultBackupPolicy: true,
    });
    const rdsBackupPlanJobEvents = new events.Rule(this, 'RdsBackupPlanJobEvents', {
      description: 'drplan: failed AWS Backup backup and copy jobs, to SNS',
      eventPattern: {
        source: ['aws.backup'],
        detailType: ['Backup Job State Change', 'Copy Job State Change'],
        detail: {'state': ['FAILED', 'ABORTED', 'EXPIRED']},
      },
      targets: [new targets.SnsTopic(backupAlertsTopic)],
    });

    // component backup-monitoring
    const backupMonitoringBackupJobFailuresAlarm = new cloudwatch.Alarm(this, 'BackupMonitoringBackupJobFailuresAlarm', {
      alarmName: settings.projectName + '-backup-job-failures',
      alarmDescription: 'drplan: alarm backup-job-failures of component backup-monitoring',
      metric: new cloudwatch.Metric({
        namespace: 'AWS/Backup',
        metricName: 'NumberOfBackupJobsFailed',
        statistic: 'Sum',
        period: cdk.Duration.seconds(3600),
      }),
      threshold: 0,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    backupMonitoringBackupJobFailuresAlarm.addAlarmAction(
      new cw_actions.SnsAction(backupAlertsTopic),
    );
    const backupMonitoringDatabaseCpuAlarm = new cloudwatch.Alarm(this, 'BackupMonitoringDatabaseCpuAlarm', {
      alarmName: settings.projectName + '-database-cpu',
      alarmDescription: 'drplan: alarm database-cpu of component backup-monitoring',
      metric: new cloudwatch.Metric({
        namespace: 'AWS/RDS',
        metricName: 'CPUUtilization',
        statistic: 'Average',
        period: cdk.Duration.seconds(300),
        dimensionsMap: {'DBInstanceIdentifier': databaseDb.instanceIdentifier},
      }),
      threshold: 80,
      evaluationPeriods: 2,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    backupMonitoringDatabaseCpuAlarm.addAlarmAction(new cw_actions.SnsAction(backupAlertsTopic));
    const backupMonitoringDatabaseConnectionsAlarm = new cloudwatch.Alarm(this, 'BackupMonitoringDatabaseConnectionsAlarm', {
      alarmName: settings.projectName + '-database-connections',
      alarmDescription: 'drplan: alarm database-connections of component backup-monitoring',
      metric: new cloudwatch.Metric({
        namespace: 'AWS/RDS',
        metricName: 'DatabaseConnections',
        statistic: 'Average',
        period: cdk.Duration.seconds(300),
        dimensionsMap: {'DBInstanceIdentifier': databaseDb.instanceIdentifier},
      }),
      threshold: 50,
      evaluationPeriods: 2,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    backupMonitoringDatabaseConnectionsAlarm.addAlarmAction(
      new cw_actions.SnsAction(backupAlertsTopic),
    );

    new cdk.CfnOutput(this, 'BackupKeysKeyIdOutput', {
      value: backupKeysKey.keyId,
      description: 'Id of KMS key backup-keys-key',
    });
    new cdk.CfnOutput(this, 'BackupKeysKeyArnOutput', {
      value: backupKeysKey.keyArn,
      description: 'ARN of KMS key backup-keys-key',
    });
    new cdk.CfnOutput(this, 'BackupAlertsTopicArnOutput', {
      value: backupAlertsTopic.topicArn,
      description: 'ARN of the SNS topic of component backup-alerts',
    });
    new cdk.CfnOutput(this, 'BackupAlertsTopicNameOutput', {
      value: backupAlertsTopic.topicName,
      description: 'Name of the SNS topic of component backup-alerts',
    });
    new cdk.CfnOutput(this, 'DatabaseDbIdOutput', {
      value: databaseDb.instanceIdentifier,
      description: 'Identifier of the RDS instance of component database',
    });
    new cdk.CfnOutput(this, 'DatabaseDbArnOutput', {
      value: databaseDb.instanceArn,
      description: 'ARN of the RDS instance of component database',
    });
    new cdk.CfnOutput(this, 'RdsBackupPlanVaultNameOutput', {
      value: rdsBackupPlanVault.backupVaultName,
      description: 'Name of backup vault rds-backup-plan-vault',
    });
  }
}
