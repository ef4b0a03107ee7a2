// Deploy settings of this bundle, read from the CDK context: cdk.json, or -c key=value.

import { Construct } from 'constructs';

export interface Settings {
  readonly projectName: string;
  readonly environment: string;
  readonly primaryRegion: string;
  readonly drRegion: string;
  readonly notificationEmail: string;
  readonly prodDatabase1InstanceId: string;
  readonly prodDatabase2InstanceId: string;
  readonly prodReadReplica1InstanceId: string;
  readonly vpcId: string;
  readonly vpcCidr: string;
  readonly privateSubnetIds: string[];
  readonly availabilityZones: string[];
  readonly privateRouteTableIds: string[];
  readonly backupRetentionDays: number;
  readonly backupSchedule: string;
}

// context key, field, kind, pattern, minimum, maximum, meaning
type Spec = [string, string, string, string | undefined, number | undefined, number | undefined, string];

const SPECS: Spec[] = [
  ['project_name', 'projectName', 'text', '^[a-z][a-z0-9-]{0,23}$', undefined, undefined, 'Prefix of every physical name (vaults, alarms, log groups, replica buckets); use the same value for every stack of this bundle'],
  ['environment', 'environment', 'text', '^[a-z][a-z0-9-]{0,23}$', undefined, undefined, 'Environment tag applied to every resource'],
  ['primary_region', 'primaryRegion', 'text', '^[a-z]{2}(-[a-z]+)+-[0-9]$', undefined, undefined, 'Region of the primary stack'],
  ['dr_region', 'drRegion', 'text', '^[a-z]{2}(-[a-z]+)+-[0-9]$', undefined, undefined, 'Disaster-recovery region: replicas, copies and the DR stack'],
  ['notification_email', 'notificationEmail', 'text', '^[^@ ]+@[^@ ]+[.][^@ ]+$', undefined, undefined, 'Address that receives backup alerts (the plan\'s first subscription)'],
  ['prod_database_1_instance_id', 'prodDatabase1InstanceId', 'text', '^[A-Za-z0-9][A-Za-z0-9._-]{0,254}$', undefined, undefined, 'Identifier of the existing RDS instance of component prod-database-1'],
  ['prod_database_2_instance_id', 'prodDatabase2InstanceId', 'text', '^[A-Za-z0-9][A-Za-z0-9._-]{0,254}$', undefined, undefined, 'Identifier of the existing RDS instance of component prod-database-2'],
  ['prod_read_replica_1_instance_id', 'prodReadReplica1InstanceId', 'text', '^[A-Za-z0-9][A-Za-z0-9._-]{0,254}$', undefined, undefined, 'Identifier of the existing RDS instance of component prod-read-replica-1'],
  ['vpc_id', 'vpcId', 'text', '^vpc-[0-9a-f]+$', undefined, undefined, 'Id of the existing VPC the databases and endpoints go into'],
  ['vpc_cidr', 'vpcCidr', 'text', '^[0-9]{1,3}([.][0-9]{1,3}){3}/[0-9]{1,2}$', undefined, undefined, 'CIDR block of that VPC: clients in it may reach the databases and endpoints'],
  ['private_subnet_ids', 'privateSubnetIds', 'list', undefined, undefined, undefined, 'Private subnets of that VPC, one per Availability Zone'],
  ['availability_zones', 'availabilityZones', 'list', undefined, undefined, undefined, 'Availability Zones of those subnets, in the same order (CDK only)'],
  ['private_route_table_ids', 'privateRouteTableIds', 'list', undefined, undefined, undefined, 'Route tables of the private subnets, in the same order (gateway endpoints are added to them)'],
  ['backup_retention_days', 'backupRetentionDays', 'number', undefined, 1, 36500, 'Days manual database snapshots are kept (every setting of the plan with this value)'],
  ['backup_schedule', 'backupSchedule', 'text', '^(rate[(](1 (minute|hour|day)|([2-9]|[1-9][0-9]|[1-9][0-9][0-9]|[1-9][0-9][0-9][0-9]|[1-9][0-9][0-9][0-9][0-9]|[1-4][0-9][0-9][0-9][0-9][0-9]|5[0-1][0-9][0-9][0-9][0-9]|52[0-4][0-9][0-9][0-9]|525[0-5][0-9][0-9]|525600) minutes|([2-9]|[1-9][0-9]|[1-9][0-9][0-9]|[1-7][0-9][0-9][0-9]|8[0-6][0-9][0-9]|87[0-5][0-9]|8760) hours|([2-9]|[1-9][0-9]|[1-2][0-9][0-9]|3[0-5][0-9]|36[0-5]) days)[)]|cron[(]([*]|[0-5]?[0-9](-[0-5]?[0-9])?)([/][1-9][0-9]?)?(,([*]|[0-5]?[0-9](-[0-5]?[0-9])?)([/][1-9][0-9]?)?)* ([*]|([01]?[0-9]|2[0-3])(-([01]?[0-9]|2[0-3]))?)([/][1-9][0-9]?)?(,([*]|([01]?[0-9]|2[0-3])(-([01]?[0-9]|2[0-3]))?)([/][1-9][0-9]?)?)* (([*]|(0?[1-9]|[12][0-9]|3[01])(-(0?[1-9]|[12][0-9]|3[01]))?)([/][1-9][0-9]?)?(,([*]|(0?[1-9]|[12][0-9]|3[01])(-(0?[1-9]|[12][0-9]|3[01]))?)([/][1-9][0-9]?)?)* ([*]|(0?[1-9]|1[0-2]|JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)(-(0?[1-9]|1[0-2]|JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC))?)([/][1-9][0-9]?)?(,([*]|(0?[1-9]|1[0-2]|JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)(-(0?[1-9]|1[0-2]|JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC))?)([/][1-9][0-9]?)?)* [?]|[?] ([*]|(0?[1-9]|1[0-2]|JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)(-(0?[1-9]|1[0-2]|JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC))?)([/][1-9][0-9]?)?(,([*]|(0?[1-9]|1[0-2]|JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)(-(0?[1-9]|1[0-2]|JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC))?)([/][1-9][0-9]?)?)* ([*]|(0?[1-7]|SUN|MON|TUE|WED|THU|FRI|SAT)(-(0?[1-7]|SUN|MON|TUE|WED|THU|FRI|SAT))?)([/][1-9][0-9]?)?(,([*]|(0?[1-7]|SUN|MON|TUE|WED|THU|FRI|SAT)(-(0?[1-7]|SUN|MON|TUE|WED|THU|FRI|SAT))?)([/][1-9][0-9]?)?)*) [*][)])$', undefined, undefined, 'EventBridge schedule of the plan\'s first backup run (cron(...) or rate(...), UTC)'],
];

function value(raw: unknown, kind: string): string | number | string[] {
  if (kind === 'list') {
    if (typeof raw === 'string') {
      return raw.split(',').map((part) => part.trim()).filter((part) => part.length > 0);
    }
    return Array.isArray(raw) ? raw.map((part) => String(part)) : [];
  }
  if (kind === 'number') {
    return Number(raw);
  }
  return raw === undefined || raw === null ? '' : String(raw);
}

/** Reads and checks every setting; refuses to synthesize with a missing or invalid one. */
export function loadSettings(scope: Construct): Settings {
  const values: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [key, field, kind, pattern, minimum, maximum, meaning] of SPECS) {
    const v = value(scope.node.tryGetContext(key), kind);
    if (v === '' || (Array.isArray(v) && v.length === 0)) {
      problems.push(`set the context value ${key} in cdk.json or with -c ${key}=... (${meaning})`);
    } else if (kind === 'number' && (!Number.isInteger(v) || (v as number) < (minimum ?? 0) || (v as number) > (maximum ?? Infinity))) {
      problems.push(`${key} must be a whole number between ${minimum} and ${maximum}`);
    } else if (pattern !== undefined && !new RegExp(pattern).test(String(v))) {
      problems.push(`${key} must match ${pattern}`);
    }
    values[field] = v;
  }
  if (problems.length > 0) {
    throw new Error(problems.join('; '));
  }
  return values as unknown as Settings;
}
