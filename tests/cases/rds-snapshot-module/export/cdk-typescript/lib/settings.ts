// Deploy settings of this bundle, read from the CDK context: cdk.json, or -c key=value.

import { Construct } from 'constructs';

export interface Settings {
  readonly projectName: string;
  readonly environment: string;
  readonly primaryRegion: string;
  readonly crossRegionDestination: string;
  readonly notificationEmail: string;
  readonly rdsInstanceIds: string[];
  readonly logRetentionDays: number;
  readonly backupRetentionDays: number;
  readonly enableCrossRegionCopy: string;
  readonly lambdaRuntime: string;
  readonly lambdaMemorySize: number;
  readonly lambdaTimeout: number;
  readonly backupSchedule: string;
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
  ['project_name', 'projectName', 'text', '^[a-z][a-z0-9-]{0,14}$', undefined, undefined, 'database-backup', undefined, 'Prefix of every physical name (vaults, alarms, log groups, replica buckets); use the same value for every stack of this bundle'],
  ['environment', 'environment', 'text', '^[a-z][a-z0-9-]{0,9}$', undefined, undefined, 'production', undefined, 'Environment name: tags every resource and is part of every physical name'],
  ['primary_region', 'primaryRegion', 'text', '^[a-z]{2}(-[a-z]+)+-[0-9]$', undefined, undefined, 'us-east-1', undefined, 'Region of the primary stack'],
  ['cross_region_destination', 'crossRegionDestination', 'text', '^[a-z]{2}(-[a-z]+)+-[0-9]$', undefined, undefined, 'us-west-2', undefined, 'Disaster-recovery region: replicas, copies and the DR stack'],
  ['notification_email', 'notificationEmail', 'text', '^[^@ ]+@[^@ ]+[.][^@ ]+$', undefined, undefined, 'dba-team@company.com', undefined, 'Address that receives backup alerts (the plan\'s first subscription)'],
  ['rds_instance_ids', 'rdsInstanceIds', 'list', undefined, undefined, undefined, 'prod-database-1,prod-database-2,prod-read-replica-1', undefined, 'Identifiers of the existing RDS instances the backup function snapshots'],
  ['log_retention_days', 'logRetentionDays', 'number', '^(1|3|5|7|14|30|60|90|120|150|180|365|400|545|731|1096|1827|2192|2557|2922|3288|3653)$', 1, 3653, '30', undefined, 'Days CloudWatch Logs keeps the logs of component backup-lambda (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288 or 3653)'],
  ['backup_retention_days', 'backupRetentionDays', 'number', undefined, 1, 36500, '90', undefined, 'Days manual database snapshots are kept (every setting of the plan with this value)'],
  ['enable_cross_region_copy', 'enableCrossRegionCopy', 'text', '^(true|false)$', undefined, undefined, 'true', undefined, 'Whether the backup function of component backup-lambda copies snapshots to the DR region'],
  ['lambda_runtime', 'lambdaRuntime', 'text', '^python3[.](12|13|14)$', undefined, undefined, 'python3.14', undefined, 'Python runtime of the backup function of component backup-lambda'],
  ['lambda_memory_size', 'lambdaMemorySize', 'number', undefined, 128, 10240, '512', undefined, 'Memory of the backup function of component backup-lambda (MB)'],
  ['lambda_timeout', 'lambdaTimeout', 'number', undefined, 1, 900, '900', undefined, 'Time limit of a run of the backup function of component backup-lambda (seconds)'],
  ['backup_schedule', 'backupSchedule', 'text', '^(rate[(](1 (minute|hour|day)|([2-9]|[1-9][0-9]|[1-9][0-9][0-9]|[1-9][0-9][0-9][0-9]|[1-9][0-9][0-9][0-9][0-9]|[1-4][0-9][0-9][0-9][0-9][0-9]|5[0-1][0-9][0-9][0-9][0-9]|52[0-4][0-9][0-9][0-9]|525[0-5][0-9][0-9]|525600) minutes|([2-9]|[1-9][0-9]|[1-9][0-9][0-9]|[1-7][0-9][0-9][0-9]|8[0-6][0-9][0-9]|87[0-5][0-9]|8760) hours|([2-9]|[1-9][0-9]|[1-2][0-9][0-9]|3[0-5][0-9]|36[0-5]) days)[)]|cron[(]([*]|[0-5]?[0-9](-[0-5]?[0-9])?)([/][1-9][0-9]?)?(,([*]|[0-5]?[0-9](-[0-5]?[0-9])?)([/][1-9][0-9]?)?)* ([*]|([01]?[0-9]|2[0-3])(-([01]?[0-9]|2[0-3]))?)([/][1-9][0-9]?)?(,([*]|([01]?[0-9]|2[0-3])(-([01]?[0-9]|2[0-3]))?)([/][1-9][0-9]?)?)* (([*]|(0?[1-9]|[12][0-9]|3[01])(-(0?[1-9]|[12][0-9]|3[01]))?)([/][1-9][0-9]?)?(,([*]|(0?[1-9]|[12][0-9]|3[01])(-(0?[1-9]|[12][0-9]|3[01]))?)([/][1-9][0-9]?)?)* ([*]|(0?[1-9]|1[0-2]|JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)(-(0?[1-9]|1[0-2]|JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC))?)([/][1-9][0-9]?)?(,([*]|(0?[1-9]|1[0-2]|JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)(-(0?[1-9]|1[0-2]|JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC))?)([/][1-9][0-9]?)?)* [?]|[?] ([*]|(0?[1-9]|1[0-2]|JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)(-(0?[1-9]|1[0-2]|JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC))?)([/][1-9][0-9]?)?(,([*]|(0?[1-9]|1[0-2]|JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)(-(0?[1-9]|1[0-2]|JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC))?)([/][1-9][0-9]?)?)* ([*]|(0?[1-7]|SUN|MON|TUE|WED|THU|FRI|SAT)(-(0?[1-7]|SUN|MON|TUE|WED|THU|FRI|SAT))?)([/][1-9][0-9]?)?(,([*]|(0?[1-7]|SUN|MON|TUE|WED|THU|FRI|SAT)(-(0?[1-7]|SUN|MON|TUE|WED|THU|FRI|SAT))?)([/][1-9][0-9]?)?)*) [*][)])$', undefined, undefined, 'cron(0 2 * * ? *)', undefined, 'EventBridge schedule of the plan\'s first backup run (cron(...) or rate(...), UTC)'],
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
      if (fallback === undefined) {
        problems.push(`set the context value ${key} in cdk.json or with -c ${key}=... (${meaning})`);
      }
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
