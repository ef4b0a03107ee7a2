// Deploy settings of this bundle, read from the CDK context: cdk.json, or -c key=value.

import { Construct } from 'constructs';

export interface Settings {
  readonly projectName: string;
  readonly environment: string;
  readonly primaryRegion: string;
  readonly drRegion: string;
  readonly backupAccountId: string;
  readonly backupAccountRegion: string;
  readonly sourceAccountId: string;
  readonly organizationId: string;
  readonly notificationEmail: string;
  readonly portfolioTableTableName: string;
  readonly mediaBucketName: string;
  readonly backupRetentionDays: number;
  readonly siteFailoverHostedZoneId: string;
  readonly siteFailoverRecordName: string;
  readonly siteFailoverPrimaryEndpoint: string;
  readonly siteFailoverSecondaryEndpoint: string;
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
  ['project_name', 'projectName', 'text', '^[a-z][a-z0-9-]{0,23}$', undefined, undefined, 'photography-portfolio', undefined, 'Prefix of every physical name (vaults, alarms, log groups, replica buckets); use the same value for every stack of this bundle'],
  ['environment', 'environment', 'text', '^[a-z][a-z0-9-]{0,23}$', undefined, undefined, 'production', undefined, 'Environment tag applied to every resource'],
  ['primary_region', 'primaryRegion', 'text', '^[a-z]{2}(-[a-z]+)+-[0-9]$', undefined, undefined, 'us-east-1', undefined, 'Region of the primary stack'],
  ['dr_region', 'drRegion', 'text', '^[a-z]{2}(-[a-z]+)+-[0-9]$', undefined, undefined, 'us-west-2', undefined, 'Disaster-recovery region: replicas, copies and the DR stack'],
  ['backup_account_id', 'backupAccountId', 'text', '^[0-9]{12}$', undefined, undefined, undefined, undefined, 'Id of the backup account (12 digits) that holds the cross-account copies'],
  ['backup_account_region', 'backupAccountRegion', 'text', '^[a-z]{2}(-[a-z]+)+-[0-9]$', undefined, undefined, 'us-east-1', undefined, 'Region of the backup account\'s vault'],
  ['source_account_id', 'sourceAccountId', 'text', '^[0-9]{12}$', undefined, undefined, undefined, undefined, 'Id of the workload\'s account (12 digits) whose copies the backup account receives'],
  ['organization_id', 'organizationId', 'text', '^o-[a-z0-9]{10,32}$', undefined, undefined, undefined, undefined, 'Id of the AWS Organization both accounts belong to (o-...): only its accounts may copy into the backup vault'],
  ['notification_email', 'notificationEmail', 'text', '^[^@ ]+@[^@ ]+[.][^@ ]+$', undefined, undefined, 'ops@example.com', undefined, 'Address that receives backup alerts (the plan\'s first subscription)'],
  ['portfolio_table_table_name', 'portfolioTableTableName', 'text', '^[A-Za-z0-9][A-Za-z0-9._-]{0,254}$', undefined, undefined, 'portfolio-table', undefined, 'Name of the existing DynamoDB table of component portfolio-table'],
  ['media_bucket_name', 'mediaBucketName', 'text', '^[A-Za-z0-9][A-Za-z0-9._-]{0,254}$', undefined, undefined, 'media', undefined, 'Name of the existing S3 bucket of component media'],
  ['backup_retention_days', 'backupRetentionDays', 'number', undefined, 1, 36500, '1', undefined, 'Days AWS Backup recovery points are kept (every setting of the plan with this value)'],
  ['site_failover_hosted_zone_id', 'siteFailoverHostedZoneId', 'text', '^Z[A-Z0-9]{1,31}$', undefined, undefined, undefined, undefined, 'Route 53 hosted zone of the failover record of component site-failover'],
  ['site_failover_record_name', 'siteFailoverRecordName', 'text', '^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?[.])+[a-z]{2,63}$', undefined, undefined, 'www.example.com', undefined, 'Name the failover records answer for (component site-failover)'],
  ['site_failover_primary_endpoint', 'siteFailoverPrimaryEndpoint', 'text', '^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?[.])+[a-z]{2,63}$', undefined, undefined, undefined, undefined, 'Host name of the primary endpoint, which the PRIMARY record points at and the health check probes (component site-failover)'],
  ['site_failover_secondary_endpoint', 'siteFailoverSecondaryEndpoint', 'text', '^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?[.])+[a-z]{2,63}$', undefined, undefined, undefined, undefined, 'Host name of the standby endpoint in the DR region, for the SECONDARY record (component site-failover)'],
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
