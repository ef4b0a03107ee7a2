// Deploy settings of this bundle, read from the CDK context: cdk.json, or -c key=value.

import { Construct } from 'constructs';

export interface Settings {
  readonly projectName: string;
  readonly environment: string;
  readonly primaryRegion: string;
  readonly drRegion: string;
  readonly notificationEmail: string;
  readonly vpcId: string;
  readonly vpcCidr: string;
  readonly privateSubnetIds: string[];
  readonly availabilityZones: string[];
  readonly privateRouteTableIds: string[];
  readonly drKeyArn: string;
  readonly billingDbClass: string;
  readonly legacyDatabaseIds: string[];
  readonly backupRetentionDays: number;
  readonly snapshotLogRetentionDays: number;
  readonly snapshotRuntime: string;
  readonly snapshotMemoryMb: number;
  readonly snapshotTimeoutSeconds: number;
  readonly backupSchedule: string;
  readonly failoverHostedZoneId: string;
  readonly failoverRecordName: string;
  readonly failoverPrimaryEndpoint: string;
  readonly failoverSecondaryEndpoint: string;
}

// context key, field, kind, pattern, minimum, maximum, default, environment variable, meaning
type Spec = [
  string,
  string,
  string,
  string | undefined,
  number | undefined,
  number | undefined,
  string | undefined,
  string | undefined,
  string,
];

const SPECS: Spec[] = [
  ['project_name', 'projectName', 'text', '^[a-z][a-z0-9-]{0,14}$', undefined, undefined, 'every-export', undefined, 'Prefix of every physical name (vaults, alarms, log groups, replica buckets); use the same value for every stack of this bundle'],
  ['environment', 'environment', 'text', '^[a-z][a-z0-9-]{0,9}$', undefined, undefined, 'production', undefined, 'Environment name: tags every resource and is part of every physical name'],
  ['primary_region', 'primaryRegion', 'text', '^[a-z]{2}(-[a-z]+)+-[0-9]$', undefined, undefined, 'eu-west-1', undefined, 'Region of the primary stack'],
  ['dr_region', 'drRegion', 'text', '^[a-z]{2}(-[a-z]+)+-[0-9]$', undefined, undefined, 'eu-central-1', undefined, 'Disaster-recovery region: replicas, copies and the DR stack'],
  ['notification_email', 'notificationEmail', 'text', '^[^@ ]+@[^@ ]+[.][^@ ]+$', undefined, undefined, 'ops@example.com', undefined, 'Address that receives backup alerts (the plan\'s first subscription)'],
  ['vpc_id', 'vpcId', 'text', '^vpc-[0-9a-f]+$', undefined, undefined, undefined, undefined, 'Id of the existing VPC the databases and endpoints go into'],
  ['vpc_cidr', 'vpcCidr', 'text', '^[0-9]{1,3}([.][0-9]{1,3}){3}/[0-9]{1,2}$', undefined, undefined, undefined, undefined, 'CIDR block of that VPC: clients in it may reach the databases and endpoints'],
  ['private_subnet_ids', 'privateSubnetIds', 'list', undefined, undefined, undefined, undefined, undefined, 'Private subnets of that VPC, one per Availability Zone'],
  ['availability_zones', 'availabilityZones', 'list', undefined, undefined, undefined, undefined, undefined, 'Availability Zones of those subnets, in the same order (CDK only)'],
  ['private_route_table_ids', 'privateRouteTableIds', 'list', undefined, undefined, undefined, undefined, undefined, 'Route tables of the private subnets, in the same order (gateway endpoints are added to them)'],
  ['dr_key_arn', 'drKeyArn', 'text', '^(arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[A-Za-z0-9-]+)?$', undefined, undefined, '', undefined, 'ARN of the DR stack\'s KMS key (its output DrKeyArn); cross-region automated backups start once it is set'],
  ['billing_db_class', 'billingDbClass', 'text', '^db[.][a-z0-9]+[.][a-z0-9]+$', undefined, undefined, 'db.t4g.small', undefined, 'Instance class of the RDS instance of component billing-db'],
  ['legacy_database_ids', 'legacyDatabaseIds', 'list', undefined, undefined, undefined, 'legacy-db', undefined, 'Identifiers of the existing RDS instances the backup function snapshots'],
  ['backup_retention_days', 'backupRetentionDays', 'number', undefined, 7, 35, '35', undefined, 'Days AWS Backup recovery points are kept (every setting of the plan with this value)'],
  ['snapshot_log_retention_days', 'snapshotLogRetentionDays', 'number', '^(1|3|5|7|14|30|60|90|120|150|180|365|400|545|731|1096|1827|2192|2557|2922|3288|3653)$', 1, 3653, '365', undefined, 'Days CloudWatch Logs keeps the logs of component snapshots (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288 or 3653)'],
  ['snapshot_runtime', 'snapshotRuntime', 'text', '^python3[.](12|13|14)$', undefined, undefined, 'python3.14', undefined, 'Python runtime of the backup function of component snapshots'],
  ['snapshot_memory_mb', 'snapshotMemoryMb', 'number', undefined, 128, 10240, '512', undefined, 'Memory of the backup function of component snapshots (MB)'],
  ['snapshot_timeout_seconds', 'snapshotTimeoutSeconds', 'number', undefined, 1, 900, '900', undefined, 'Time limit of a run of the backup function of component snapshots (seconds)'],
  ['backup_schedule', 'backupSchedule', 'text', '^(rate[(](1 (minute|hour|day)|([2-9]|[1-9][0-9]|[1-9][0-9][0-9]|[1-9][0-9][0-9][0-9]|[1-9][0-9][0-9][0-9][0-9]|[1-4][0-9][0-9][0-9][0-9][0-9]|5[0-1][0-9][0-9][0-9][0-9]|52[0-4][0-9][0-9][0-9]|525[0-5][0-9][0-9]|525600) minutes|([2-9]|[1-9][0-9]|[1-9][0-9][0-9]|[1-7][0-9][0-9][0-9]|8[0-6][0-9][0-9]|87[0-5][0-9]|8760) hours|([2-9]|[1-9][0-9]|[1-2][0-9][0-9]|3[0-5][0-9]|36[0-5]) days)[)]|cron[(]([*]|[0-5]?[0-9](-[0-5]?[0-9])?)([/][1-9][0-9]?)?(,([*]|[0-5]?[0-9](-[0-5]?[0-9])?)([/][1-9][0-9]?)?)* ([*]|([01]?[0-9]|2[0-3])(-([01]?[0-9]|2[0-3]))?)([/][1-9][0-9]?)?(,([*]|([01]?[0-9]|2[0-3])(-([01]?[0-9]|2[0-3]))?)([/][1-9][0-9]?)?)* (([*]|(0?[1-9]|[12][0-9]|3[01])(-(0?[1-9]|[12][0-9]|3[01]))?)([/][1-9][0-9]?)?(,([*]|(0?[1-9]|[12][0-9]|3[01])(-(0?[1-9]|[12][0-9]|3[01]))?)([/][1-9][0-9]?)?)* ([*]|(0?[1-9]|1[0-2]|JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)(-(0?[1-9]|1[0-2]|JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC))?)([/][1-9][0-9]?)?(,([*]|(0?[1-9]|1[0-2]|JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)(-(0?[1-9]|1[0-2]|JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC))?)([/][1-9][0-9]?)?)* [?]|[?] ([*]|(0?[1-9]|1[0-2]|JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)(-(0?[1-9]|1[0-2]|JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC))?)([/][1-9][0-9]?)?(,([*]|(0?[1-9]|1[0-2]|JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)(-(0?[1-9]|1[0-2]|JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC))?)([/][1-9][0-9]?)?)* ([*]|(0?[1-7]|SUN|MON|TUE|WED|THU|FRI|SAT)(-(0?[1-7]|SUN|MON|TUE|WED|THU|FRI|SAT))?)([/][1-9][0-9]?)?(,([*]|(0?[1-7]|SUN|MON|TUE|WED|THU|FRI|SAT)(-(0?[1-7]|SUN|MON|TUE|WED|THU|FRI|SAT))?)([/][1-9][0-9]?)?)*) [*][)])$', undefined, undefined, 'cron(30 1 * * ? *)', undefined, 'EventBridge schedule of the plan\'s first backup run (cron(...) or rate(...), UTC)'],
  ['failover_hosted_zone_id', 'failoverHostedZoneId', 'text', '^Z[A-Z0-9]{1,31}$', undefined, undefined, undefined, undefined, 'Route 53 hosted zone of the failover record of component failover'],
  ['failover_record_name', 'failoverRecordName', 'text', '^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?[.])+[a-z]{2,63}$', undefined, undefined, 'app.example.net', undefined, 'Name the failover records answer for (component failover)'],
  ['failover_primary_endpoint', 'failoverPrimaryEndpoint', 'text', '^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?[.])+[a-z]{2,63}$', undefined, undefined, undefined, undefined, 'Host name of the primary endpoint, which the PRIMARY record points at and the health check probes (component failover)'],
  ['failover_secondary_endpoint', 'failoverSecondaryEndpoint', 'text', '^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?[.])+[a-z]{2,63}$', undefined, undefined, undefined, undefined, 'Host name of the standby endpoint in the DR region, for the SECONDARY record (component failover)'],
];

function value(raw: unknown, kind: string): string | number | string[] {
  if (kind === 'list') {
    if (typeof raw === 'string') {
      return raw.split(',').map((part) => part.trim()).filter((part) => part.length > 0);
    }
    return Array.isArray(raw) ? raw.map((part) => String(part)) : [];
  }
  if (kind === 'number') {
    return raw === undefined || raw === null || raw === '' ? '' : Number(raw);
  }
  return raw === undefined || raw === null ? '' : String(raw);
}

/**
 * Reads and checks every setting; refuses to synthesize with a missing or invalid one.
 * A setting comes from the CDK context (cdk.json or -c key=value), else from its
 * environment variable when it has one, else from its default.
 */
export function loadSettings(scope: Construct): Settings {
  const values: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [key, field, kind, pattern, minimum, maximum, fallback, env, meaning] of SPECS) {
    let raw: unknown = scope.node.tryGetContext(key);
    if (raw === undefined && env !== undefined) {
      raw = process.env[env];
    }
    const v = value(raw === undefined ? fallback : raw, kind);
    if (v === '' || (Array.isArray(v) && v.length === 0)) {
      // Empty is allowed where the default is (an optional setting), and for text
      // with a default.
      if (fallback === undefined || (kind === 'number' && fallback !== '')) {
        problems.push(`set the context value ${key} in cdk.json or with -c ${key}=... (${meaning})`);
      }
    } else if (kind === 'number' && (!Number.isInteger(v) || (v as number) < (minimum ?? 0) || (v as number) > (maximum ?? Infinity))) {
      problems.push(`${key} must be a whole number between ${minimum} and ${maximum}`);
    } else if (pattern !== undefined && !new RegExp(pattern).test(String(v))) {
      problems.push(`${key} must match ${pattern}`);
    }
    values[field] = kind === 'number' && v === '' ? undefined : v;
  }
  if (problems.length > 0) {
    throw new Error(problems.join('; '));
  }
  return values as unknown as Settings;
}
