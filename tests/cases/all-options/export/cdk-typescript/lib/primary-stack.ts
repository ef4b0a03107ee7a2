// Primary stack (eu-west-1) of the drplan export of plan Every export option: new and existing data stores, all alarm kinds.

import * as path from 'path';

import * as cdk from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as codecommit from 'aws-cdk-lib/aws-codecommit';
import * as cw_actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as s3 from 'aws-cdk-lib/aws-s3';
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
    // component keys
    const keysKey1 = new kms.Key(this, 'KeysKey1', {
      description: 'drplan: customer-managed key 1 of 2 (component keys)',
      enableKeyRotation: true,
      removalPolicy: cdk.RemovalPolicy.RETAIN,
    });
    keysKey1.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowPublishFromEvents',
        effect: iam.Effect.ALLOW,
        actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
        resources: ['*'],
        principals: [new iam.ServicePrincipal('events.amazonaws.com')],
      }),
    );
    keysKey1.addToResourcePolicy(
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
    keysKey1.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowPublishFromCloudwatch',
        effect: iam.Effect.ALLOW,
        actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
        resources: ['*'],
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
      }),
    );
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

    // component alerts
    const alertsTopic = new sns.Topic(this, 'AlertsTopic', {masterKey: keysKey1, enforceSSL: true});
    alertsTopic.addSubscription(new subs.EmailSubscription(settings.notificationEmail));
    alertsTopic.addSubscription(new subs.EmailSubscription('oncall+backup@example.org'));
    alertsTopic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowPublish2',
        effect: iam.Effect.ALLOW,
        actions: ['sns:Publish'],
        resources: [alertsTopic.topicArn],
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        conditions: {
          'ArnLike': {
            'aws:SourceArn': 'arn:' + cdk.Aws.PARTITION + ':cloudwatch:' + this.region + ':' + cdk.Aws.ACCOUNT_ID + ':alarm:*',
          },
        },
      }),
    );

    // component assets
    const assetsReplicationRole = new iam.Role(this, 'AssetsReplicationRole', {
      assumedBy: new iam.ServicePrincipal('s3.amazonaws.com'),
      description: 'S3 replication of component assets to the DR region',
    });
    const assetsBucket = new s3.Bucket(this, 'AssetsBucket', {
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: keysKey1,
      bucketKeyEnabled: true,
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
          transitions: [
            {
              storageClass: s3.StorageClass.INFREQUENT_ACCESS,
              transitionAfter: cdk.Duration.days(30),
            },
            {
              storageClass: s3.StorageClass.GLACIER_INSTANT_RETRIEVAL,
              transitionAfter: cdk.Duration.days(60),
            },
            {storageClass: s3.StorageClass.DEEP_ARCHIVE, transitionAfter: cdk.Duration.days(180)},
          ],
          expiration: cdk.Duration.days(730),
          noncurrentVersionTransitions: [
            {
              storageClass: s3.StorageClass.INFREQUENT_ACCESS,
              transitionAfter: cdk.Duration.days(30),
            },
            {storageClass: s3.StorageClass.GLACIER, transitionAfter: cdk.Duration.days(60)},
          ],
          noncurrentVersionExpiration: cdk.Duration.days(365),
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
          storageClass: s3.StorageClass.GLACIER_INSTANT_RETRIEVAL,
          deleteMarkerReplication: false,
          kmsKey: kms.Key.fromKeyArn(
            this,
            'AssetsBucketReplicaKeyRef',
            'arn:' + cdk.Aws.PARTITION + ':kms:' + settings.drRegion + ':' + cdk.Aws.ACCOUNT_ID + ':alias/' + settings.projectName + '/dr',
          ),
          sseKmsEncryptedObjects: true,
          replicationTimeControl: s3.ReplicationTimeValue.FIFTEEN_MINUTES,
          metrics: s3.ReplicationTimeValue.FIFTEEN_MINUTES,
        },
      ],
      removalPolicy: cdk.RemovalPolicy.RETAIN,
    });

    // component legacy-uploads

    // component cold-archive
    const coldArchiveBucket = new s3.Bucket(this, 'ColdArchiveBucket', {
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: keysKey1,
      bucketKeyEnabled: true,
      versioned: false,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'cold-archive/',
      lifecycleRules: [
        {
          id: 'drplan-lifecycle',
          enabled: true,
          transitions: [
            {storageClass: s3.StorageClass.GLACIER, transitionAfter: cdk.Duration.days(0)},
            {storageClass: s3.StorageClass.DEEP_ARCHIVE, transitionAfter: cdk.Duration.days(120)},
          ],
          abortIncompleteMultipartUploadAfter: cdk.Duration.days(7),
        },
      ],
      removalPolicy: cdk.RemovalPolicy.RETAIN,
    });

    // component orders
    const ordersTable = new dynamodb.TableV2(this, 'OrdersTable', {
      tableName: settings.projectName + '-' + settings.environment + '-orders',
      partitionKey: {name: 'pk', type: dynamodb.AttributeType.STRING},
      sortKey: {name: 'sk', type: dynamodb.AttributeType.STRING},
      billing: dynamodb.Billing.onDemand(),
      encryption: dynamodb.TableEncryptionV2.customerManagedKey(
        keysKey2,
        helpers.regionMap(
          settings.drRegion,
          'arn:' + cdk.Aws.PARTITION + ':kms:' + settings.drRegion + ':' + cdk.Aws.ACCOUNT_ID + ':alias/' + settings.projectName + '/dr',
        ),
      ),
      pointInTimeRecoverySpecification: {pointInTimeRecoveryEnabled: true, recoveryPeriodInDays: 14},
      deletionProtection: true,
      replicas: [{region: settings.drRegion}],
      removalPolicy: cdk.RemovalPolicy.RETAIN,
    });

    // component sessions
    const sessionsTable = new dynamodb.TableV2(this, 'SessionsTable', {
      tableName: settings.projectName + '-' + settings.environment + '-sessions',
      partitionKey: {name: 'pk', type: dynamodb.AttributeType.STRING},
      sortKey: {name: 'sk', type: dynamodb.AttributeType.STRING},
      billing: dynamodb.Billing.onDemand(),
      encryption: dynamodb.TableEncryptionV2.customerManagedKey(keysKey1),
      pointInTimeRecoverySpecification: {pointInTimeRecoveryEnabled: false},
      deletionProtection: true,
      removalPolicy: cdk.RemovalPolicy.RETAIN,
    });
    cdk.Validations.of(sessionsTable).acknowledge(
      {
        id: 'AwsSolutions-DDB3',
        reason: 'the plan turns point-in-time recovery off for this table (pitr.enabled: false)',
      },
    );

    // component billing-db
    // The existing VPC the plan's databases and endpoints go into (see README: Inputs).
    const network = ec2.Vpc.fromVpcAttributes(this, 'Network', {
      vpcId: settings.vpcId,
      vpcCidrBlock: settings.vpcCidr,
      availabilityZones: settings.availabilityZones,
      privateSubnetIds: settings.privateSubnetIds,
      privateSubnetRouteTableIds: settings.privateRouteTableIds,
    });
    const billingDbSubnets = new rds.SubnetGroup(this, 'BillingDbSubnets', {
      description: 'drplan: private subnets of component billing-db',
      vpc: network,
      vpcSubnets: {subnets: network.privateSubnets},
    });
    const billingDbDbSg = new ec2.SecurityGroup(this, 'BillingDbDbSg', {
      vpc: network,
      description: 'drplan: database',
      allowAllOutbound: false,
    });
    billingDbDbSg.addIngressRule(
      ec2.Peer.ipv4(settings.vpcCidr),
      ec2.Port.tcp(5432),
      'Clients in the VPC reach the database',
    );
    const billingDbDb = new rds.DatabaseInstance(this, 'BillingDbDb', {
      engine: rds.DatabaseInstanceEngine.postgres({
        version: rds.PostgresEngineVersion.of('17', '17'),
      }),
      instanceType: new ec2.InstanceType(settings.billingDbClass.replace('db.', '')),
      vpc: network,
      subnetGroup: billingDbSubnets,
      securityGroups: [billingDbDbSg],
      allocatedStorage: 50,
      storageType: rds.StorageType.GP2,
      storageEncrypted: true,
      storageEncryptionKey: keysKey2,
      multiAz: true,
      publiclyAccessible: false,
      deletionProtection: true,
      iamAuthentication: true,
      manageMasterUserPassword: true,
      credentials: rds.Credentials.fromUsername('dbadmin'),
      backupRetention: cdk.Duration.days(14),
      copyTagsToSnapshot: true,
      autoMinorVersionUpgrade: true,
      removalPolicy: cdk.RemovalPolicy.SNAPSHOT,
    });
    const billingDbDbCfn = helpers.defaultChild(billingDbDb);
    // On once the DR key's ARN is given (README, step two).
    if (settings.drKeyArn !== '') {
      billingDbDbCfn.addPropertyOverride('AutomaticBackupReplicationRegion', settings.drRegion);
      billingDbDbCfn.addPropertyOverride('AutomaticBackupReplicationKmsKeyId', settings.drKeyArn);
      billingDbDbCfn.addPropertyOverride('AutomaticBackupReplicationRetentionPeriod', 7);
    }
    // cfn-lint W3691: RDS takes the major version alone and creates the instance with the preferred minor version (automatic minor upgrades keep it current); the linter's version list omits or misflags the ...
    helpers.cfnLintIgnore(billingDbDb, ['W3691']);
    cdk.Validations.of(billingDbDb).acknowledge(
      {
        id: 'AwsSolutions-RDS11',
        reason: 'the engine\'s default port is kept so that existing clients connect unchanged; only the VPC CIDR may reach it',
      },
    );

    // component catalog
    const catalogSubnets = new rds.SubnetGroup(this, 'CatalogSubnets', {
      description: 'drplan: private subnets of component catalog',
      vpc: network,
      vpcSubnets: {subnets: network.privateSubnets},
    });
    const catalogDbSg = new ec2.SecurityGroup(this, 'CatalogDbSg', {
      vpc: network,
      description: 'drplan: database',
      allowAllOutbound: false,
    });
    catalogDbSg.addIngressRule(
      ec2.Peer.ipv4(settings.vpcCidr),
      ec2.Port.tcp(3306),
      'Clients in the VPC reach the database',
    );
    const catalogCluster = new rds.DatabaseCluster(this, 'CatalogCluster', {
      engine: rds.DatabaseClusterEngine.auroraMysql({
        version: rds.AuroraMysqlEngineVersion.VER_3_10_3,
      }),
      writer: rds.ClusterInstance.provisioned('Writer', {
        instanceType: new ec2.InstanceType('r6g.large'),
        publiclyAccessible: false,
        autoMinorVersionUpgrade: true,
      }),
      readers: [],
      vpc: network,
      subnetGroup: catalogSubnets,
      securityGroups: [catalogDbSg],
      storageEncrypted: true,
      storageEncryptionKey: keysKey2,
      deletionProtection: true,
      iamAuthentication: true,
      manageMasterUserPassword: true,
      credentials: rds.Credentials.fromUsername('dbadmin'),
      backup: {retention: cdk.Duration.days(21)},
      copyTagsToSnapshot: true,
      removalPolicy: cdk.RemovalPolicy.SNAPSHOT,
      backtrackWindow: cdk.Duration.hours(24),
    });
    cdk.Validations.of(catalogCluster).acknowledge(
      {
        id: 'AwsSolutions-RDS11',
        reason: 'the engine\'s default port is kept so that existing clients connect unchanged; only the VPC CIDR may reach it',
      },
    );
    cdk.Validations.of(catalogCluster).acknowledge(
      {
        id: 'AwsSolutions-RDS16',
        reason: 'audit log export to CloudWatch Logs is not part of the plan (it adds ingestion charges)',
      },
    );

    // component endpoints
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

    // component orders
    const ordersBackupVault = new backup.BackupVault(this, 'OrdersBackupVault', {
      backupVaultName: settings.projectName + '-' + settings.environment + '-orders-backups',
      encryptionKey: keysKey1,
      removalPolicy: cdk.RemovalPolicy.RETAIN,
    });
    const ordersBackupsPlan = new backup.BackupPlan(this, 'OrdersBackupsPlan', {
      backupPlanName: settings.projectName + '-' + settings.environment + '-orders-backups',
      backupVault: ordersBackupVault,
      backupPlanRules: [
        new backup.BackupPlanRule({
          ruleName: 'on-demand',
          scheduleExpression: events.Schedule.expression('cron(0 3/12 * * ? *)'),
          startWindow: cdk.Duration.minutes(60),
          completionWindow: cdk.Duration.minutes(120),
          enableContinuousBackup: false,
          deleteAfter: cdk.Duration.days(30),
        }),
      ],
    });
    const ordersBackupsBackupRole = new iam.Role(this, 'OrdersBackupsBackupRole', {
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
    cdk.Validations.of(ordersBackupsBackupRole).acknowledge(
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup]',
        reason: 'AWS Backup\'s documented service-role policy: AWS scopes it to the resource types Backup supports and keeps it current',
      },
    );
    cdk.Validations.of(ordersBackupsBackupRole).acknowledge(
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores]',
        reason: 'AWS Backup\'s documented service-role policy: AWS scopes it to the resource types Backup supports and keeps it current',
      },
    );
    const ordersBackupsSelection = ordersBackupsPlan.addSelection('OrdersBackupsSelection', {
      resources: [backup.BackupResource.fromArn(ordersTable.tableArn)],
      backupSelectionName: 'orders-backups-resources',
      role: ordersBackupsBackupRole.withoutPolicyUpdates(),
      disableDefaultBackupPolicy: true,
    });

    // component billing-db
    const billingDbSnapshotVault = new backup.BackupVault(this, 'BillingDbSnapshotVault', {
      backupVaultName: settings.projectName + '-' + settings.environment + '-billing-db-snapshots',
      encryptionKey: keysKey1,
      removalPolicy: cdk.RemovalPolicy.RETAIN,
    });
    const billingDbSnapshotsPlan = new backup.BackupPlan(this, 'BillingDbSnapshotsPlan', {
      backupPlanName: settings.projectName + '-' + settings.environment + '-billing-db-snapshots',
      backupVault: billingDbSnapshotVault,
      backupPlanRules: [
        new backup.BackupPlanRule({
          ruleName: 'snapshots',
          scheduleExpression: events.Schedule.expression('cron(0 3 ? * SUN *)'),
          startWindow: cdk.Duration.minutes(60),
          completionWindow: cdk.Duration.minutes(1440),
          enableContinuousBackup: false,
          deleteAfter: cdk.Duration.days(60),
          copyActions: [
            {
              destinationBackupVault: backup.BackupVault.fromBackupVaultArn(
                this,
                'BillingDbSnapshotsPlanSnapshotsCopyVault',
                'arn:' + cdk.Aws.PARTITION + ':backup:' + settings.drRegion + ':' + cdk.Aws.ACCOUNT_ID + ':backup-vault:' + settings.projectName + '-' + settings.environment + '-billing-db-snapshots-dr',
              ),
              deleteAfter: cdk.Duration.days(60),
            },
          ],
        }),
      ],
    });
    const billingDbSnapshotsBackupRole = new iam.Role(this, 'BillingDbSnapshotsBackupRole', {
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
    cdk.Validations.of(billingDbSnapshotsBackupRole).acknowledge(
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup]',
        reason: 'AWS Backup\'s documented service-role policy: AWS scopes it to the resource types Backup supports and keeps it current',
      },
    );
    cdk.Validations.of(billingDbSnapshotsBackupRole).acknowledge(
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores]',
        reason: 'AWS Backup\'s documented service-role policy: AWS scopes it to the resource types Backup supports and keeps it current',
      },
    );
    const billingDbSnapshotsSelection = billingDbSnapshotsPlan.addSelection('BillingDbSnapshotsSelection', {
      resources: [backup.BackupResource.fromArn(billingDbDb.instanceArn)],
      backupSelectionName: 'billing-db-snapshots-resources',
      role: billingDbSnapshotsBackupRole.withoutPolicyUpdates(),
      disableDefaultBackupPolicy: true,
    });

    // component central
    const centralVault = new backup.BackupVault(this, 'CentralVault', {
      backupVaultName: settings.projectName + '-' + settings.environment + '-central',
      encryptionKey: keysKey1,
      lockConfiguration: {
        minRetention: cdk.Duration.days(7),
        maxRetention: cdk.Duration.days(400),
        changeableFor: cdk.Duration.days(3),
      },
      removalPolicy: cdk.RemovalPolicy.RETAIN,
    });
    const centralPlan = new backup.BackupPlan(this, 'CentralPlan', {
      backupPlanName: settings.projectName + '-' + settings.environment + '-central',
      backupVault: centralVault,
      backupPlanRules: [
        new backup.BackupPlanRule({
          ruleName: 'hourly',
          scheduleExpression: events.Schedule.expression('cron(0 * * * ? *)'),
          startWindow: cdk.Duration.minutes(60),
          completionWindow: cdk.Duration.minutes(120),
          enableContinuousBackup: true,
          deleteAfter: cdk.Duration.days(settings.backupRetentionDays),
        }),
        new backup.BackupPlanRule({
          ruleName: 'six-hourly',
          scheduleExpression: events.Schedule.expression('cron(0 1/6 * * ? *)'),
          startWindow: cdk.Duration.minutes(60),
          completionWindow: cdk.Duration.minutes(120),
          enableContinuousBackup: false,
          deleteAfter: cdk.Duration.days(7),
        }),
        new backup.BackupPlanRule({
          ruleName: 'weekly',
          scheduleExpression: events.Schedule.expression('cron(0 4 ? * SUN *)'),
          startWindow: cdk.Duration.minutes(60),
          completionWindow: cdk.Duration.minutes(1440),
          enableContinuousBackup: false,
          deleteAfter: cdk.Duration.days(120),
          moveToColdStorageAfter: cdk.Duration.days(30),
          copyActions: [
            {
              destinationBackupVault: backup.BackupVault.fromBackupVaultArn(
                this,
                'CentralPlanWeeklyCopyVault',
                'arn:' + cdk.Aws.PARTITION + ':backup:' + settings.drRegion + ':' + cdk.Aws.ACCOUNT_ID + ':backup-vault:' + settings.projectName + '-' + settings.environment + '-central-dr',
              ),
              deleteAfter: cdk.Duration.days(180),
            },
          ],
        }),
      ],
    });
    const centralBackupRole = new iam.Role(this, 'CentralBackupRole', {
      assumedBy: new iam.ServicePrincipal('backup.amazonaws.com'),
      description: 'AWS Backup: back up and restore the selected resources',
      managedPolicies: [
        iam.ManagedPolicy.fromAwsManagedPolicyName(
          'service-role/AWSBackupServiceRolePolicyForBackup',
        ),
        iam.ManagedPolicy.fromAwsManagedPolicyName(
          'service-role/AWSBackupServiceRolePolicyForRestores',
        ),
        iam.ManagedPolicy.fromAwsManagedPolicyName('AWSBackupServiceRolePolicyForS3Backup'),
        iam.ManagedPolicy.fromAwsManagedPolicyName('AWSBackupServiceRolePolicyForS3Restore'),
      ],
    });
    cdk.Validations.of(centralBackupRole).acknowledge(
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup]',
        reason: 'AWS Backup\'s documented service-role policy: AWS scopes it to the resource types Backup supports and keeps it current',
      },
    );
    cdk.Validations.of(centralBackupRole).acknowledge(
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores]',
        reason: 'AWS Backup\'s documented service-role policy: AWS scopes it to the resource types Backup supports and keeps it current',
      },
    );
    cdk.Validations.of(centralBackupRole).acknowledge(
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/AWSBackupServiceRolePolicyForS3Backup]',
        reason: 'AWS Backup\'s documented service-role policy: AWS scopes it to the resource types Backup supports and keeps it current',
      },
    );
    cdk.Validations.of(centralBackupRole).acknowledge(
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/AWSBackupServiceRolePolicyForS3Restore]',
        reason: 'AWS Backup\'s documented service-role policy: AWS scopes it to the resource types Backup supports and keeps it current',
      },
    );
    for (const listItem of settings.legacyDatabaseIds) {
      const centralLegacyDatabaseIdsSelection = centralPlan.addSelection('CentralLegacyDatabaseIdsSelection' + listItem, {
        resources: [
          backup.BackupResource.fromArn(
            'arn:' + cdk.Aws.PARTITION + ':rds:' + this.region + ':' + cdk.Aws.ACCOUNT_ID + ':db:' + listItem,
          ),
        ],
        backupSelectionName: 'central-' + listItem,
        role: centralBackupRole.withoutPolicyUpdates(),
        disableDefaultBackupPolicy: true,
      });
    }
    const centralSelection = centralPlan.addSelection('CentralSelection', {
      resources: [
        backup.BackupResource.fromArn(catalogCluster.clusterArn),
        backup.BackupResource.fromArn(assetsBucket.bucketArn),
        backup.BackupResource.fromArn(sessionsTable.tableArn),
      ],
      backupSelectionName: 'central-resources',
      role: centralBackupRole.withoutPolicyUpdates(),
      disableDefaultBackupPolicy: true,
    });
    const centralJobEvents = new events.Rule(this, 'CentralJobEvents', {
      description: 'drplan: failed AWS Backup backup and copy jobs, to SNS',
      eventPattern: {
        source: ['aws.backup'],
        detailType: ['Backup Job State Change', 'Copy Job State Change'],
        detail: {'state': ['FAILED', 'ABORTED', 'EXPIRED']},
      },
      targets: [new targets.SnsTopic(alertsTopic)],
    });

    // component snapshots
    const snapshotsLogs = new logs.LogGroup(this, 'SnapshotsLogs', {
      logGroupName: '/drplan/' + settings.projectName + '/snapshots',
      retention: logs.RetentionDays.ONE_YEAR,
      encryptionKey: keysKey1,
      removalPolicy: cdk.RemovalPolicy.RETAIN,
    });
    helpers.defaultChild(snapshotsLogs).addPropertyOverride(
      'RetentionInDays',
      settings.snapshotLogRetentionDays,
    );
    const snapshotsRoleStatements = [
      new iam.PolicyStatement({
        sid: 'WriteOwnLogs',
        effect: iam.Effect.ALLOW,
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [snapshotsLogs.logGroupArn],
      }),
      new iam.PolicyStatement({
        sid: 'ReadEncryptedEnvironment',
        effect: iam.Effect.ALLOW,
        actions: ['kms:Decrypt'],
        resources: [keysKey1.keyArn],
      }),
      new iam.PolicyStatement({
        sid: 'SnapshotCatalog',
        effect: iam.Effect.ALLOW,
        actions: ['rds:CreateDBClusterSnapshot', 'rds:AddTagsToResource'],
        resources: [
          'arn:' + cdk.Aws.PARTITION + ':rds:' + this.region + ':' + cdk.Aws.ACCOUNT_ID + ':cluster-snapshot:drplan-catalog-*',
          catalogCluster.clusterArn,
        ],
      }),
      new iam.PolicyStatement({
        sid: 'DeleteExpiredCatalog',
        effect: iam.Effect.ALLOW,
        actions: ['rds:DeleteDBClusterSnapshot'],
        resources: [
          'arn:' + cdk.Aws.PARTITION + ':rds:' + this.region + ':' + cdk.Aws.ACCOUNT_ID + ':cluster-snapshot:drplan-catalog-*',
        ],
      }),
      new iam.PolicyStatement({
        sid: 'DescribeSnapshots',
        effect: iam.Effect.ALLOW,
        actions: [
          'rds:DescribeDBSnapshots',
          'rds:DescribeDBClusterSnapshots',
          'rds:DescribeExportTasks',
        ],
        resources: ['*'],
      }),
      new iam.PolicyStatement({
        sid: 'PublishBackupMetrics',
        effect: iam.Effect.ALLOW,
        actions: ['cloudwatch:PutMetricData'],
        resources: ['*'],
        conditions: {'StringEquals': {'cloudwatch:namespace': 'CustomMetrics/DatabaseBackup'}},
      }),
      new iam.PolicyStatement({
        sid: 'NotifyFailures',
        effect: iam.Effect.ALLOW,
        actions: ['sns:Publish'],
        resources: [alertsTopic.topicArn],
      }),
      new iam.PolicyStatement({
        sid: 'EncryptNotifications',
        effect: iam.Effect.ALLOW,
        actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
        resources: [keysKey1.keyArn],
      }),
    ];
    const snapshotsRole = new iam.Role(this, 'SnapshotsRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'Execution role of backup function snapshots',
      inlinePolicies: {'permissions': new iam.PolicyDocument({statements: snapshotsRoleStatements})},
    });
    helpers.acknowledgeWildcards(
      snapshotsRole,
      snapshotsRoleStatements,
      [
        'log streams are created at run time; the grant is limited to the function\'s own log group',
        '',
        'snapshot names carry a timestamp: the grant covers this function\'s drplan-<target>- snapshots only',
        'cleanup deletes only this function\'s drplan-<target>- snapshots, whose names carry a timestamp',
        'RDS describe calls are read-only and are authorised against every snapshot of the account',
        'PutMetricData has no resource type; the cloudwatch:namespace condition limits it to the backup metrics',
        '',
        '',
      ],
    );
    for (const listItem of settings.legacyDatabaseIds) {
      const snapshotsLegacyDatabaseIdsPolicyStatements = [
        new iam.PolicyStatement({
          sid: 'SnapshotInstance',
          effect: iam.Effect.ALLOW,
          actions: ['rds:CreateDBSnapshot', 'rds:AddTagsToResource'],
          resources: [
            'arn:' + cdk.Aws.PARTITION + ':rds:' + this.region + ':' + cdk.Aws.ACCOUNT_ID + ':snapshot:drplan-' + listItem + '-*',
            'arn:' + cdk.Aws.PARTITION + ':rds:' + this.region + ':' + cdk.Aws.ACCOUNT_ID + ':db:' + listItem,
          ],
        }),
        new iam.PolicyStatement({
          sid: 'DeleteExpired',
          effect: iam.Effect.ALLOW,
          actions: ['rds:DeleteDBSnapshot'],
          resources: [
            'arn:' + cdk.Aws.PARTITION + ':rds:' + this.region + ':' + cdk.Aws.ACCOUNT_ID + ':snapshot:drplan-' + listItem + '-*',
          ],
        }),
      ];
      const snapshotsLegacyDatabaseIdsPolicy = new iam.Policy(this, 'SnapshotsLegacyDatabaseIdsPolicy' + listItem, {
        roles: [snapshotsRole],
        statements: snapshotsLegacyDatabaseIdsPolicyStatements,
      });
      helpers.acknowledgeWildcards(
        snapshotsLegacyDatabaseIdsPolicy,
        snapshotsLegacyDatabaseIdsPolicyStatements,
        [
          'snapshot names carry a timestamp: the grant covers this function\'s drplan-<instance>- snapshots only',
          'cleanup deletes only this function\'s drplan-<instance>- snapshots, whose names carry a timestamp',
        ],
      );
    }
    const snapshotsFunction = new lambda.Function(this, 'SnapshotsFunction', {
      functionName: settings.projectName + '-' + settings.environment + '-snapshots',
      description: 'drplan backup orchestration (snapshot,export,cleanup,verify) for component snapshots',
      runtime: new lambda.Runtime(settings.snapshotRuntime, lambda.RuntimeFamily.PYTHON),
      handler: 'handler.handler',
      code: lambda.Code.fromAsset(path.join(__dirname, '..', 'lambda', 'backup')),
      memorySize: settings.snapshotMemoryMb,
      timeout: cdk.Duration.seconds(settings.snapshotTimeoutSeconds),
      architecture: lambda.Architecture.ARM_64,
      role: snapshotsRole.withoutPolicyUpdates(),
      logGroup: snapshotsLogs,
      environment: {
        'TASKS': 'snapshot,export,cleanup,verify',
        'METRIC_NAMESPACE': 'CustomMetrics/DatabaseBackup',
        'SNAPSHOT_PREFIX': 'drplan',
        'TARGETS': '[{"copy_to_dr":false,"env":"TARGET_CATALOG","export":false,"id":"catalog","kind":"aurora","retention_days":21},{"copy_to_dr":false,"env":"LEGACY_DATABASE_IDS","export":false,"id":"legacy_database_ids","kind":"rds","list":true,"retention_days":30}]',
        'NOTIFY_TOPIC_ARN': alertsTopic.topicArn,
        'TARGET_CATALOG': catalogCluster.clusterIdentifier,
        'LEGACY_DATABASE_IDS': helpers.joinList(settings.legacyDatabaseIds),
      },
      environmentEncryption: keysKey1,
      deadLetterTopic: alertsTopic,
    });
    // CDK makes the function depend on its role explicitly, on top of the Role reference; cfn-lint W3005 notes the
    // duplicate, which is harmless.
    helpers.cfnLintIgnore(snapshotsFunction, ['W3005']);

    // component verifier
    const verifierLogs = new logs.LogGroup(this, 'VerifierLogs', {
      logGroupName: '/drplan/' + settings.projectName + '/verifier',
      retention: logs.RetentionDays.TWO_WEEKS,
      encryptionKey: keysKey1,
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
        resources: [keysKey1.keyArn],
      }),
      new iam.PolicyStatement({
        sid: 'VerifyOrders',
        effect: iam.Effect.ALLOW,
        actions: ['dynamodb:DescribeContinuousBackups'],
        resources: [ordersTable.tableArn],
      }),
      new iam.PolicyStatement({
        sid: 'VerifyAssets',
        effect: iam.Effect.ALLOW,
        actions: ['s3:GetBucketVersioning', 's3:GetReplicationConfiguration'],
        resources: [assetsBucket.bucketArn],
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
      functionName: settings.projectName + '-' + settings.environment + '-verifier',
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
        'TARGETS': '[{"env":"TARGET_ORDERS","id":"orders","kind":"dynamodb","pitr":true},{"env":"TARGET_ASSETS","id":"assets","kind":"s3","replication":true}]',
        'TARGET_ORDERS': ordersTable.tableName,
        'TARGET_ASSETS': assetsBucket.bucketName,
      },
      environmentEncryption: keysKey1,
      reservedConcurrentExecutions: 2,
      vpc: network,
      vpcSubnets: {subnets: network.privateSubnets},
      securityGroups: [verifierFunctionSg],
    });
    // CDK makes the function depend on its role explicitly, on top of the Role reference; cfn-lint W3005 notes the
    // duplicate, which is harmless.
    helpers.cfnLintIgnore(verifierFunction, ['W3005']);

    // component nightly
    const nightlySchedule = new events.Rule(this, 'NightlySchedule', {
      description: 'drplan: runs snapshots-function on the backup_schedule setting',
      schedule: events.Schedule.expression(settings.backupSchedule),
      targets: [
        new targets.LambdaFunction(snapshotsFunction, {
          event: events.RuleTargetInput.fromObject({'backup_type': 'nightly'}),
        }),
      ],
    });

    // component hourly-check
    const hourlyCheckSchedule = new events.Rule(this, 'HourlyCheckSchedule', {
      description: 'drplan: runs verifier-function on rate(1 hour)',
      schedule: events.Schedule.expression('rate(1 hour)'),
      targets: [
        new targets.LambdaFunction(verifierFunction, {
          event: events.RuleTargetInput.fromObject({'backup_type': 'verify'}),
        }),
      ],
    });

    // component config
    const configConfigBucket = new s3.Bucket(this, 'ConfigConfigBucket', {
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: keysKey1,
      bucketKeyEnabled: true,
      versioned: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'config-config/',
      lifecycleRules: [
        {
          id: 'drplan-lifecycle',
          enabled: true,
          expiration: cdk.Duration.days(30),
          noncurrentVersionExpiration: cdk.Duration.days(30),
          abortIncompleteMultipartUploadAfter: cdk.Duration.days(7),
        },
      ],
      removalPolicy: cdk.RemovalPolicy.RETAIN,
    });
    const configExportLogs = new logs.LogGroup(this, 'ConfigExportLogs', {
      logGroupName: '/drplan/' + settings.projectName + '/config-export',
      retention: logs.RetentionDays.ONE_MONTH,
      encryptionKey: keysKey1,
      removalPolicy: cdk.RemovalPolicy.RETAIN,
    });
    const configExportRoleStatements = [
      new iam.PolicyStatement({
        sid: 'WriteOwnLogs',
        effect: iam.Effect.ALLOW,
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [configExportLogs.logGroupArn],
      }),
      new iam.PolicyStatement({
        sid: 'ReadEncryptedEnvironment',
        effect: iam.Effect.ALLOW,
        actions: ['kms:Decrypt'],
        resources: [keysKey1.keyArn],
      }),
      new iam.PolicyStatement({
        sid: 'ReadParameters',
        effect: iam.Effect.ALLOW,
        actions: ['ssm:GetParametersByPath'],
        resources: [
          'arn:' + cdk.Aws.PARTITION + ':ssm:' + this.region + ':' + cdk.Aws.ACCOUNT_ID + ':parameter/*',
        ],
      }),
      new iam.PolicyStatement({
        sid: 'DecryptSecureStrings',
        effect: iam.Effect.ALLOW,
        actions: ['kms:Decrypt'],
        resources: [
          'arn:' + cdk.Aws.PARTITION + ':kms:' + this.region + ':' + cdk.Aws.ACCOUNT_ID + ':key/*',
        ],
        conditions: {'StringEquals': {'kms:ViaService': 'ssm.' + this.region + '.amazonaws.com'}},
      }),
      new iam.PolicyStatement({
        sid: 'WriteExports',
        effect: iam.Effect.ALLOW,
        actions: ['s3:PutObject'],
        resources: [configConfigBucket.bucketArn + '/parameter-store/*'],
      }),
      new iam.PolicyStatement({
        sid: 'EncryptExports',
        effect: iam.Effect.ALLOW,
        actions: ['kms:GenerateDataKey'],
        resources: [keysKey1.keyArn],
      }),
    ];
    const configExportRole = new iam.Role(this, 'ConfigExportRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'Execution role of the Parameter Store export of component config',
      inlinePolicies: {
        'permissions': new iam.PolicyDocument({statements: configExportRoleStatements}),
      },
    });
    helpers.acknowledgeWildcards(
      configExportRole,
      configExportRoleStatements,
      [
        'log streams are created at run time; the grant is limited to the function\'s own log group',
        '',
        'the export reads every parameter of the account and region, by design',
        'SecureString parameters may use any key of the account; the grant only works through Parameter Store (kms:ViaService)',
        'export objects are named by date; the grant is limited to the parameter-store/ prefix of one bucket',
        '',
      ],
    );
    const configExportFunction = new lambda.Function(this, 'ConfigExportFunction', {
      functionName: settings.projectName + '-' + settings.environment + '-config-export',
      description: 'drplan: daily Parameter Store export for component config',
      runtime: lambda.Runtime.PYTHON_3_14,
      handler: 'handler.handler',
      code: lambda.Code.fromAsset(path.join(__dirname, '..', 'lambda', 'config_export')),
      memorySize: 256,
      timeout: cdk.Duration.seconds(300),
      architecture: lambda.Architecture.ARM_64,
      role: configExportRole.withoutPolicyUpdates(),
      logGroup: configExportLogs,
      environment: {'BUCKET': configConfigBucket.bucketName, 'PREFIX': 'parameter-store/'},
      environmentEncryption: keysKey1,
    });
    // CDK makes the function depend on its role explicitly, on top of the Role reference; cfn-lint W3005 notes the
    // duplicate, which is harmless.
    helpers.cfnLintIgnore(configExportFunction, ['W3005']);
    const configDailyExport = new events.Rule(this, 'ConfigDailyExport', {
      description: 'drplan: runs config-export-function on rate(1 day)',
      schedule: events.Schedule.expression('rate(1 day)'),
      targets: [
        new targets.LambdaFunction(configExportFunction, {
          event: events.RuleTargetInput.fromObject({'backup_type': 'parameter-store-export'}),
        }),
      ],
    });
    const configRepository = new codecommit.Repository(this, 'ConfigRepository', {
      repositoryName: settings.projectName + '-' + settings.environment + '-config',
      description: 'drplan: mirror of the infrastructure repository, for redeploying after a disaster',
      kmsKey: keysKey1,
    });
    configRepository.applyRemovalPolicy(cdk.RemovalPolicy.RETAIN);

    // component ops
    const opsBackupFailureAlarm = new cloudwatch.Alarm(this, 'OpsBackupFailureAlarm', {
      alarmName: settings.projectName + '-' + settings.environment + '-backup-failure',
      alarmDescription: 'drplan: alarm backup-failure of component ops',
      metric: new cloudwatch.Metric({
        namespace: 'CustomMetrics/DatabaseBackup',
        metricName: 'BackupFailure',
        statistic: 'Sum',
        period: cdk.Duration.seconds(300),
      }),
      threshold: 0,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    opsBackupFailureAlarm.addAlarmAction(new cw_actions.SnsAction(alertsTopic));
    const opsSnapshotAgeAlarm = new cloudwatch.Alarm(this, 'OpsSnapshotAgeAlarm', {
      alarmName: settings.projectName + '-' + settings.environment + '-snapshot-age',
      alarmDescription: 'drplan: alarm snapshot-age of component ops',
      metric: new cloudwatch.Metric({
        namespace: 'CustomMetrics/DatabaseBackup',
        metricName: 'SnapshotAge',
        statistic: 'Maximum',
        period: cdk.Duration.seconds(3600),
      }),
      threshold: 30,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.BREACHING,
    });
    opsSnapshotAgeAlarm.addAlarmAction(new cw_actions.SnsAction(alertsTopic));
    const opsBackupJobsAlarm = new cloudwatch.Alarm(this, 'OpsBackupJobsAlarm', {
      alarmName: settings.projectName + '-' + settings.environment + '-backup-jobs',
      alarmDescription: 'drplan: alarm backup-jobs of component ops',
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
    opsBackupJobsAlarm.addAlarmAction(new cw_actions.SnsAction(alertsTopic));
    const opsReplicationLatencyAlarm = new cloudwatch.Alarm(this, 'OpsReplicationLatencyAlarm', {
      alarmName: settings.projectName + '-' + settings.environment + '-replication-latency',
      alarmDescription: 'drplan: alarm replication-latency of component ops',
      metric: new cloudwatch.Metric({
        namespace: 'AWS/S3',
        metricName: 'ReplicationLatency',
        statistic: 'Maximum',
        period: cdk.Duration.seconds(300),
        dimensionsMap: {
          'SourceBucket': assetsBucket.bucketName,
          'DestinationBucket': settings.projectName + '-assets-' + cdk.Aws.ACCOUNT_ID,
          'RuleId': 'drplan-replication',
        },
      }),
      threshold: 900,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    opsReplicationLatencyAlarm.addAlarmAction(new cw_actions.SnsAction(alertsTopic));
    const opsReplicationFailuresAlarm = new cloudwatch.Alarm(this, 'OpsReplicationFailuresAlarm', {
      alarmName: settings.projectName + '-' + settings.environment + '-replication-failures',
      alarmDescription: 'drplan: alarm replication-failures of component ops',
      metric: new cloudwatch.Metric({
        namespace: 'AWS/S3',
        metricName: 'OperationsFailedReplication',
        statistic: 'Sum',
        period: cdk.Duration.seconds(300),
        dimensionsMap: {
          'SourceBucket': assetsBucket.bucketName,
          'DestinationBucket': settings.projectName + '-assets-' + cdk.Aws.ACCOUNT_ID,
          'RuleId': 'drplan-replication',
        },
      }),
      threshold: 0,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    opsReplicationFailuresAlarm.addAlarmAction(new cw_actions.SnsAction(alertsTopic));
    const opsSnapshotErrorsAlarm = new cloudwatch.Alarm(this, 'OpsSnapshotErrorsAlarm', {
      alarmName: settings.projectName + '-' + settings.environment + '-snapshot-errors',
      alarmDescription: 'drplan: alarm snapshot-errors of component ops',
      metric: new cloudwatch.Metric({
        namespace: 'AWS/Lambda',
        metricName: 'Errors',
        statistic: 'Sum',
        period: cdk.Duration.seconds(300),
        dimensionsMap: {'FunctionName': snapshotsFunction.functionName},
      }),
      threshold: 0,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    opsSnapshotErrorsAlarm.addAlarmAction(new cw_actions.SnsAction(alertsTopic));
    const opsCatalogCpuAlarm = new cloudwatch.Alarm(this, 'OpsCatalogCpuAlarm', {
      alarmName: settings.projectName + '-' + settings.environment + '-catalog-cpu',
      alarmDescription: 'drplan: alarm catalog-cpu of component ops',
      metric: new cloudwatch.Metric({
        namespace: 'AWS/RDS',
        metricName: 'CPUUtilization',
        statistic: 'Average',
        period: cdk.Duration.seconds(300),
        dimensionsMap: {'DBClusterIdentifier': catalogCluster.clusterIdentifier},
      }),
      threshold: 75,
      evaluationPeriods: 3,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    opsCatalogCpuAlarm.addAlarmAction(new cw_actions.SnsAction(alertsTopic));
    const opsBillingConnectionsAlarm = new cloudwatch.Alarm(this, 'OpsBillingConnectionsAlarm', {
      alarmName: settings.projectName + '-' + settings.environment + '-billing-connections',
      alarmDescription: 'drplan: alarm billing-connections of component ops',
      metric: new cloudwatch.Metric({
        namespace: 'AWS/RDS',
        metricName: 'DatabaseConnections',
        statistic: 'Average',
        period: cdk.Duration.seconds(300),
        dimensionsMap: {'DBInstanceIdentifier': billingDbDb.instanceIdentifier},
      }),
      threshold: 100,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    opsBillingConnectionsAlarm.addAlarmAction(new cw_actions.SnsAction(alertsTopic));
    const opsOrdersThrottlesAlarm = new cloudwatch.Alarm(this, 'OpsOrdersThrottlesAlarm', {
      alarmName: settings.projectName + '-' + settings.environment + '-orders-throttles',
      alarmDescription: 'drplan: alarm orders-throttles of component ops',
      metric: new cloudwatch.MathExpression({
        expression: 'm1 + m2',
        usingMetrics: {
          'm1': new cloudwatch.Metric({
            namespace: 'AWS/DynamoDB',
            metricName: 'ReadThrottleEvents',
            statistic: 'Sum',
            period: cdk.Duration.seconds(300),
            dimensionsMap: {'TableName': ordersTable.tableName},
          }),
          'm2': new cloudwatch.Metric({
            namespace: 'AWS/DynamoDB',
            metricName: 'WriteThrottleEvents',
            statistic: 'Sum',
            period: cdk.Duration.seconds(300),
            dimensionsMap: {'TableName': ordersTable.tableName},
          }),
        },
        label: 'Throttled reads and writes',
        period: cdk.Duration.seconds(300),
      }),
      threshold: 5,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    opsOrdersThrottlesAlarm.addAlarmAction(new cw_actions.SnsAction(alertsTopic));
    const ops1Dashboard = new cloudwatch.Dashboard(this, 'Ops1Dashboard', {
      dashboardName: settings.projectName + '-' + settings.environment + '-ops-1',
      widgets: [
        [
          new cloudwatch.GraphWidget({
            title: 'Backup metrics',
            left: [
              new cloudwatch.Metric({
                namespace: 'CustomMetrics/DatabaseBackup',
                metricName: 'BackupSuccess',
                statistic: 'Sum',
                period: cdk.Duration.seconds(300),
              }),
              new cloudwatch.Metric({
                namespace: 'CustomMetrics/DatabaseBackup',
                metricName: 'BackupFailure',
                statistic: 'Sum',
                period: cdk.Duration.seconds(300),
              }),
              new cloudwatch.Metric({
                namespace: 'CustomMetrics/DatabaseBackup',
                metricName: 'BackupDuration',
                statistic: 'Sum',
                period: cdk.Duration.seconds(300),
              }),
              new cloudwatch.Metric({
                namespace: 'CustomMetrics/DatabaseBackup',
                metricName: 'SnapshotAge',
                statistic: 'Sum',
                period: cdk.Duration.seconds(300),
              }),
            ],
            width: 12,
            height: 6,
          }),
          new cloudwatch.GraphWidget({
            title: 'backup-failure',
            left: [
              new cloudwatch.Metric({
                namespace: 'CustomMetrics/DatabaseBackup',
                metricName: 'BackupFailure',
                statistic: 'Sum',
                period: cdk.Duration.seconds(300),
              }),
            ],
            width: 12,
            height: 6,
          }),
        ],
        [
          new cloudwatch.GraphWidget({
            title: 'snapshot-age',
            left: [
              new cloudwatch.Metric({
                namespace: 'CustomMetrics/DatabaseBackup',
                metricName: 'SnapshotAge',
                statistic: 'Maximum',
                period: cdk.Duration.seconds(3600),
              }),
            ],
            width: 12,
            height: 6,
          }),
          new cloudwatch.GraphWidget({
            title: 'backup-jobs',
            left: [
              new cloudwatch.Metric({
                namespace: 'AWS/Backup',
                metricName: 'NumberOfBackupJobsFailed',
                statistic: 'Sum',
                period: cdk.Duration.seconds(3600),
              }),
            ],
            width: 12,
            height: 6,
          }),
        ],
        [
          new cloudwatch.GraphWidget({
            title: 'replication-latency',
            left: [
              new cloudwatch.Metric({
                namespace: 'AWS/S3',
                metricName: 'ReplicationLatency',
                statistic: 'Maximum',
                period: cdk.Duration.seconds(300),
                dimensionsMap: {
                  'SourceBucket': assetsBucket.bucketName,
                  'DestinationBucket': settings.projectName + '-assets-' + cdk.Aws.ACCOUNT_ID,
                  'RuleId': 'drplan-replication',
                },
              }),
            ],
            width: 12,
            height: 6,
          }),
          new cloudwatch.GraphWidget({
            title: 'replication-failures',
            left: [
              new cloudwatch.Metric({
                namespace: 'AWS/S3',
                metricName: 'OperationsFailedReplication',
                statistic: 'Sum',
                period: cdk.Duration.seconds(300),
                dimensionsMap: {
                  'SourceBucket': assetsBucket.bucketName,
                  'DestinationBucket': settings.projectName + '-assets-' + cdk.Aws.ACCOUNT_ID,
                  'RuleId': 'drplan-replication',
                },
              }),
            ],
            width: 12,
            height: 6,
          }),
        ],
        [
          new cloudwatch.GraphWidget({
            title: 'snapshot-errors',
            left: [
              new cloudwatch.Metric({
                namespace: 'AWS/Lambda',
                metricName: 'Errors',
                statistic: 'Sum',
                period: cdk.Duration.seconds(300),
                dimensionsMap: {'FunctionName': snapshotsFunction.functionName},
              }),
            ],
            width: 12,
            height: 6,
          }),
          new cloudwatch.GraphWidget({
            title: 'catalog-cpu',
            left: [
              new cloudwatch.Metric({
                namespace: 'AWS/RDS',
                metricName: 'CPUUtilization',
                statistic: 'Average',
                period: cdk.Duration.seconds(300),
                dimensionsMap: {'DBClusterIdentifier': catalogCluster.clusterIdentifier},
              }),
            ],
            width: 12,
            height: 6,
          }),
        ],
        [
          new cloudwatch.GraphWidget({
            title: 'billing-connections',
            left: [
              new cloudwatch.Metric({
                namespace: 'AWS/RDS',
                metricName: 'DatabaseConnections',
                statistic: 'Average',
                period: cdk.Duration.seconds(300),
                dimensionsMap: {'DBInstanceIdentifier': billingDbDb.instanceIdentifier},
              }),
            ],
            width: 12,
            height: 6,
          }),
          new cloudwatch.GraphWidget({
            title: 'orders-throttles',
            left: [
              new cloudwatch.Metric({
                namespace: 'AWS/DynamoDB',
                metricName: 'ReadThrottleEvents',
                statistic: 'Sum',
                period: cdk.Duration.seconds(300),
                dimensionsMap: {'TableName': ordersTable.tableName},
              }),
              new cloudwatch.Metric({
                namespace: 'AWS/DynamoDB',
                metricName: 'WriteThrottleEvents',
                statistic: 'Sum',
                period: cdk.Duration.seconds(300),
                dimensionsMap: {'TableName': ordersTable.tableName},
              }),
            ],
            width: 12,
            height: 6,
          }),
        ],
      ],
    });
    const ops2Dashboard = new cloudwatch.Dashboard(this, 'Ops2Dashboard', {
      dashboardName: settings.projectName + '-' + settings.environment + '-ops-2',
      widgets: [
        [
          new cloudwatch.GraphWidget({
            title: 'Backup metrics',
            left: [
              new cloudwatch.Metric({
                namespace: 'CustomMetrics/DatabaseBackup',
                metricName: 'BackupSuccess',
                statistic: 'Sum',
                period: cdk.Duration.seconds(300),
              }),
              new cloudwatch.Metric({
                namespace: 'CustomMetrics/DatabaseBackup',
                metricName: 'BackupFailure',
                statistic: 'Sum',
                period: cdk.Duration.seconds(300),
              }),
              new cloudwatch.Metric({
                namespace: 'CustomMetrics/DatabaseBackup',
                metricName: 'BackupDuration',
                statistic: 'Sum',
                period: cdk.Duration.seconds(300),
              }),
              new cloudwatch.Metric({
                namespace: 'CustomMetrics/DatabaseBackup',
                metricName: 'SnapshotAge',
                statistic: 'Sum',
                period: cdk.Duration.seconds(300),
              }),
            ],
            width: 12,
            height: 6,
          }),
          new cloudwatch.GraphWidget({
            title: 'backup-failure',
            left: [
              new cloudwatch.Metric({
                namespace: 'CustomMetrics/DatabaseBackup',
                metricName: 'BackupFailure',
                statistic: 'Sum',
                period: cdk.Duration.seconds(300),
              }),
            ],
            width: 12,
            height: 6,
          }),
        ],
        [
          new cloudwatch.GraphWidget({
            title: 'snapshot-age',
            left: [
              new cloudwatch.Metric({
                namespace: 'CustomMetrics/DatabaseBackup',
                metricName: 'SnapshotAge',
                statistic: 'Maximum',
                period: cdk.Duration.seconds(3600),
              }),
            ],
            width: 12,
            height: 6,
          }),
          new cloudwatch.GraphWidget({
            title: 'backup-jobs',
            left: [
              new cloudwatch.Metric({
                namespace: 'AWS/Backup',
                metricName: 'NumberOfBackupJobsFailed',
                statistic: 'Sum',
                period: cdk.Duration.seconds(3600),
              }),
            ],
            width: 12,
            height: 6,
          }),
        ],
        [
          new cloudwatch.GraphWidget({
            title: 'replication-latency',
            left: [
              new cloudwatch.Metric({
                namespace: 'AWS/S3',
                metricName: 'ReplicationLatency',
                statistic: 'Maximum',
                period: cdk.Duration.seconds(300),
                dimensionsMap: {
                  'SourceBucket': assetsBucket.bucketName,
                  'DestinationBucket': settings.projectName + '-assets-' + cdk.Aws.ACCOUNT_ID,
                  'RuleId': 'drplan-replication',
                },
              }),
            ],
            width: 12,
            height: 6,
          }),
          new cloudwatch.GraphWidget({
            title: 'replication-failures',
            left: [
              new cloudwatch.Metric({
                namespace: 'AWS/S3',
                metricName: 'OperationsFailedReplication',
                statistic: 'Sum',
                period: cdk.Duration.seconds(300),
                dimensionsMap: {
                  'SourceBucket': assetsBucket.bucketName,
                  'DestinationBucket': settings.projectName + '-assets-' + cdk.Aws.ACCOUNT_ID,
                  'RuleId': 'drplan-replication',
                },
              }),
            ],
            width: 12,
            height: 6,
          }),
        ],
        [
          new cloudwatch.GraphWidget({
            title: 'snapshot-errors',
            left: [
              new cloudwatch.Metric({
                namespace: 'AWS/Lambda',
                metricName: 'Errors',
                statistic: 'Sum',
                period: cdk.Duration.seconds(300),
                dimensionsMap: {'FunctionName': snapshotsFunction.functionName},
              }),
            ],
            width: 12,
            height: 6,
          }),
          new cloudwatch.GraphWidget({
            title: 'catalog-cpu',
            left: [
              new cloudwatch.Metric({
                namespace: 'AWS/RDS',
                metricName: 'CPUUtilization',
                statistic: 'Average',
                period: cdk.Duration.seconds(300),
                dimensionsMap: {'DBClusterIdentifier': catalogCluster.clusterIdentifier},
              }),
            ],
            width: 12,
            height: 6,
          }),
        ],
        [
          new cloudwatch.GraphWidget({
            title: 'billing-connections',
            left: [
              new cloudwatch.Metric({
                namespace: 'AWS/RDS',
                metricName: 'DatabaseConnections',
                statistic: 'Average',
                period: cdk.Duration.seconds(300),
                dimensionsMap: {'DBInstanceIdentifier': billingDbDb.instanceIdentifier},
              }),
            ],
            width: 12,
            height: 6,
          }),
          new cloudwatch.GraphWidget({
            title: 'orders-throttles',
            left: [
              new cloudwatch.Metric({
                namespace: 'AWS/DynamoDB',
                metricName: 'ReadThrottleEvents',
                statistic: 'Sum',
                period: cdk.Duration.seconds(300),
                dimensionsMap: {'TableName': ordersTable.tableName},
              }),
              new cloudwatch.Metric({
                namespace: 'AWS/DynamoDB',
                metricName: 'WriteThrottleEvents',
                statistic: 'Sum',
                period: cdk.Duration.seconds(300),
                dimensionsMap: {'TableName': ordersTable.tableName},
              }),
            ],
            width: 12,
            height: 6,
          }),
        ],
      ],
    });

    // component failover
    // Route 53 health checks have no L2 construct: this is the CloudFormation resource.
    const failoverPrimaryHealthCheck = new route53.CfnHealthCheck(this, 'FailoverPrimaryHealthCheck', {
      healthCheckConfig: {
        type: 'HTTPS',
        fullyQualifiedDomainName: settings.failoverPrimaryEndpoint,
        port: 443,
        resourcePath: '/',
        requestInterval: 10,
        failureThreshold: 2,
      },
      healthCheckTags: [
        {
          key: 'Name',
          value: settings.projectName + '-' + settings.environment + '-failover-primary',
        },
      ],
    });
    // Route 53 health checks have no L2 construct: this is the CloudFormation resource.
    const failoverSecondaryHealthCheck = new route53.CfnHealthCheck(this, 'FailoverSecondaryHealthCheck', {
      healthCheckConfig: {
        type: 'HTTPS',
        fullyQualifiedDomainName: settings.failoverSecondaryEndpoint,
        port: 443,
        resourcePath: '/',
        requestInterval: 10,
        failureThreshold: 2,
      },
      healthCheckTags: [
        {
          key: 'Name',
          value: settings.projectName + '-' + settings.environment + '-failover-secondary',
        },
      ],
    });
    const failoverPrimaryRecord = new route53.CnameRecord(this, 'FailoverPrimaryRecord', {
      zone: route53.HostedZone.fromHostedZoneId(
        this,
        'FailoverPrimaryRecordZone',
        settings.failoverHostedZoneId,
      ),
      recordName: settings.failoverRecordName + '.',
      domainName: settings.failoverPrimaryEndpoint,
      ttl: cdk.Duration.seconds(60),
      setIdentifier: 'failover-primary',
      failover: route53.Failover.PRIMARY,
      healthCheck: route53.HealthCheck.fromHealthCheckId(
        this,
        'FailoverPrimaryRecordCheck',
        failoverPrimaryHealthCheck.attrHealthCheckId,
      ),
    });
    const failoverSecondaryRecord = new route53.CnameRecord(this, 'FailoverSecondaryRecord', {
      zone: route53.HostedZone.fromHostedZoneId(
        this,
        'FailoverSecondaryRecordZone',
        settings.failoverHostedZoneId,
      ),
      recordName: settings.failoverRecordName + '.',
      domainName: settings.failoverSecondaryEndpoint,
      ttl: cdk.Duration.seconds(60),
      setIdentifier: 'failover-secondary',
      failover: route53.Failover.SECONDARY,
      healthCheck: route53.HealthCheck.fromHealthCheckId(
        this,
        'FailoverSecondaryRecordCheck',
        failoverSecondaryHealthCheck.attrHealthCheckId,
      ),
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
    new cdk.CfnOutput(this, 'AlertsTopicArnOutput', {
      value: alertsTopic.topicArn,
      description: 'ARN of the SNS topic of component alerts',
    });
    new cdk.CfnOutput(this, 'AlertsTopicNameOutput', {
      value: alertsTopic.topicName,
      description: 'Name of the SNS topic of component alerts',
    });
    new cdk.CfnOutput(this, 'AssetsBucketOutput', {
      value: assetsBucket.bucketName,
      description: 'Name of the S3 bucket of component assets',
    });
    new cdk.CfnOutput(this, 'AssetsBucketArnOutput', {
      value: assetsBucket.bucketArn,
      description: 'ARN of the S3 bucket of component assets',
    });
    new cdk.CfnOutput(this, 'ColdArchiveBucketNameOutput', {
      value: coldArchiveBucket.bucketName,
      description: 'Name of the S3 bucket of component cold-archive',
    });
    new cdk.CfnOutput(this, 'ColdArchiveBucketArnOutput', {
      value: coldArchiveBucket.bucketArn,
      description: 'ARN of the S3 bucket of component cold-archive',
    });
    new cdk.CfnOutput(this, 'OrdersTableNameOutput', {
      value: ordersTable.tableName,
      description: 'Name of the DynamoDB table of component orders',
    });
    new cdk.CfnOutput(this, 'OrdersTableArnOutput', {
      value: ordersTable.tableArn,
      description: 'ARN of the DynamoDB table of component orders',
    });
    new cdk.CfnOutput(this, 'SessionsTableNameOutput', {
      value: sessionsTable.tableName,
      description: 'Name of the DynamoDB table of component sessions',
    });
    new cdk.CfnOutput(this, 'SessionsTableArnOutput', {
      value: sessionsTable.tableArn,
      description: 'ARN of the DynamoDB table of component sessions',
    });
    new cdk.CfnOutput(this, 'BillingDbDbIdOutput', {
      value: billingDbDb.instanceIdentifier,
      description: 'Identifier of the RDS instance of component billing-db',
    });
    new cdk.CfnOutput(this, 'BillingDbDbArnOutput', {
      value: billingDbDb.instanceArn,
      description: 'ARN of the RDS instance of component billing-db',
    });
    new cdk.CfnOutput(this, 'CatalogClusterIdOutput', {
      value: catalogCluster.clusterIdentifier,
      description: 'Identifier of the Aurora cluster of component catalog',
    });
    new cdk.CfnOutput(this, 'CatalogClusterArnOutput', {
      value: catalogCluster.clusterArn,
      description: 'ARN of the Aurora cluster of component catalog',
    });
    new cdk.CfnOutput(this, 'OrdersBackupVaultNameOutput', {
      value: ordersBackupVault.backupVaultName,
      description: 'Name of backup vault orders-backup-vault',
    });
    new cdk.CfnOutput(this, 'BillingDbSnapshotVaultNameOutput', {
      value: billingDbSnapshotVault.backupVaultName,
      description: 'Name of backup vault billing-db-snapshot-vault',
    });
    new cdk.CfnOutput(this, 'CentralVaultNameOutput', {
      value: centralVault.backupVaultName,
      description: 'Name of backup vault central-vault',
    });
    new cdk.CfnOutput(this, 'SnapshotsFunctionNameOutput', {
      value: snapshotsFunction.functionName,
      description: 'Name of the backup function of component snapshots',
    });
    new cdk.CfnOutput(this, 'SnapshotsFunctionArnOutput', {
      value: snapshotsFunction.functionArn,
      description: 'ARN of the backup function of component snapshots',
    });
    new cdk.CfnOutput(this, 'SnapshotsRoleArnOutput', {
      value: snapshotsRole.roleArn,
      description: 'ARN of the execution role of component snapshots',
    });
    new cdk.CfnOutput(this, 'SnapshotsLogGroupNameOutput', {
      value: snapshotsLogs.logGroupName,
      description: 'Log group of component snapshots',
    });
    new cdk.CfnOutput(this, 'SnapshotsLogGroupArnOutput', {
      value: snapshotsLogs.logGroupArn,
      description: 'ARN of the log group of component snapshots',
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
    new cdk.CfnOutput(this, 'ConfigConfigBucketNameOutput', {
      value: configConfigBucket.bucketName,
      description: 'Bucket of the Parameter Store exports of component config',
    });
    new cdk.CfnOutput(this, 'ConfigRepositoryNameOutput', {
      value: configRepository.repositoryName,
      description: 'CodeCommit mirror of component config',
    });
    new cdk.CfnOutput(this, 'Ops1DashboardNameOutput', {
      value: ops1Dashboard.dashboardName,
      description: 'Name of CloudWatch dashboard 1 of component ops',
    });
    new cdk.CfnOutput(this, 'Ops2DashboardNameOutput', {
      value: ops2Dashboard.dashboardName,
      description: 'Name of CloudWatch dashboard 2 of component ops',
    });
    new cdk.CfnOutput(this, 'FailoverPrimaryHealthCheckIdOutput', {
      value: failoverPrimaryHealthCheck.attrHealthCheckId,
      description: 'Id of the Route 53 health check of the primary endpoint of component failover',
    });
    new cdk.CfnOutput(this, 'FailoverSecondaryHealthCheckIdOutput', {
      value: failoverSecondaryHealthCheck.attrHealthCheckId,
      description: 'Id of the Route 53 health check of the secondary endpoint of component failover',
    });
    new cdk.CfnOutput(this, 'DeployedRegionOutput', {
      value: this.region,
      description: 'Region of the primary stack',
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
      new iam.PolicyStatement({
        sid: 'DecryptSourceObjects',
        effect: iam.Effect.ALLOW,
        actions: ['kms:Decrypt'],
        resources: [keysKey1.keyArn],
      }),
      new iam.PolicyStatement({
        sid: 'EncryptReplicas',
        effect: iam.Effect.ALLOW,
        actions: ['kms:Encrypt', 'kms:GenerateDataKey'],
        resources: [
          'arn:' + cdk.Aws.PARTITION + ':kms:' + settings.drRegion + ':' + cdk.Aws.ACCOUNT_ID + ':key/*',
        ],
        conditions: {
          'ForAnyValue:StringEquals': {
            'kms:ResourceAliases': 'alias/' + settings.projectName + '/dr',
          },
        },
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
        '',
        'the DR key is in another region and stack, so its id is unknown here; the kms:ResourceAliases condition limits the grant to the key with the DR alias',
      ],
    );
  }
}
