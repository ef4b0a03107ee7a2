// Deploy settings of this bundle, read from the CDK context: cdk.json, or -c key=value.

import { Construct } from 'constructs';

export interface Settings {
  readonly projectName: string;
  readonly environment: string;
  readonly primaryRegion: string;
  readonly drRegion: string;
  readonly notificationEmail: string;
  readonly backupRetentionDays: number;
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
  ['project_name', 'projectName', 'text', '^[a-z][a-z0-9-]{0,23}$', undefined, undefined, 'feature-restore-testing', undefined, 'Prefix of every physical name (vaults, alarms, log groups, replica buckets); use the same value for every stack of this bundle'],
  ['environment', 'environment', 'text', '^[a-z][a-z0-9-]{0,23}$', undefined, undefined, 'production', undefined, 'Environment tag applied to every resource'],
  ['primary_region', 'primaryRegion', 'text', '^[a-z]{2}(-[a-z]+)+-[0-9]$', undefined, undefined, 'us-east-1', undefined, 'Region of the primary stack'],
  ['dr_region', 'drRegion', 'text', '^[a-z]{2}(-[a-z]+)+-[0-9]$', undefined, undefined, 'us-west-2', undefined, 'Disaster-recovery region: replicas, copies and the DR stack'],
  ['notification_email', 'notificationEmail', 'text', '^[^@ ]+@[^@ ]+[.][^@ ]+$', undefined, undefined, 'ops@example.com', undefined, 'Address that receives backup alerts (the plan\'s first subscription)'],
  ['backup_retention_days', 'backupRetentionDays', 'number', undefined, 1, 36500, '35', undefined, 'Days AWS Backup recovery points are kept (every setting of the plan with this value)'],
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
