"""Deploy settings of this bundle, read from the CDK context: cdk.json, or -c key=value."""

import os
import re
from dataclasses import dataclass
from typing import List

from constructs import Construct


@dataclass(frozen=True)
class Settings:
    """The values every stack of the bundle reads."""

    project_name: str
    environment: str
    primary_region: str
    dr_region: str
    notification_email: str
    vpc_id: str
    vpc_cidr: str
    private_subnet_ids: List[str]
    availability_zones: List[str]
    private_route_table_ids: List[str]
    dr_key_arn: str
    billing_db_class: str
    legacy_database_ids: List[str]
    backup_retention_days: int
    snapshot_log_retention_days: int
    snapshot_runtime: str
    snapshot_memory_mb: int
    snapshot_timeout_seconds: int
    backup_schedule: str
    failover_hosted_zone_id: str
    failover_record_name: str
    failover_primary_endpoint: str
    failover_secondary_endpoint: str


# field, context key, kind, pattern, minimum, maximum, default, environment variable, meaning
SPECS = [
    ("project_name", "project_name", "text", "^[a-z][a-z0-9-]{0,14}$", None, None, "every-export", None, "Prefix of every physical name (vaults, alarms, log groups, replica buckets); use the same value for every stack of this bundle"),
    ("environment", "environment", "text", "^[a-z][a-z0-9-]{0,9}$", None, None, "production", None, "Environment name: tags every resource and is part of every physical name"),
    ("primary_region", "primary_region", "text", "^[a-z]{2}(-[a-z]+)+-[0-9]$", None, None, "eu-west-1", None, "Region of the primary stack"),
    ("dr_region", "dr_region", "text", "^[a-z]{2}(-[a-z]+)+-[0-9]$", None, None, "eu-central-1", None, "Disaster-recovery region: replicas, copies and the DR stack"),
    ("notification_email", "notification_email", "text", "^[^@ ]+@[^@ ]+[.][^@ ]+$", None, None, "ops@example.com", None, "Address that receives backup alerts (the plan's first subscription)"),
    ("vpc_id", "vpc_id", "text", "^vpc-[0-9a-f]+$", None, None, None, None, "Id of the existing VPC the databases and endpoints go into"),
    ("vpc_cidr", "vpc_cidr", "text", "^[0-9]{1,3}([.][0-9]{1,3}){3}/[0-9]{1,2}$", None, None, None, None, "CIDR block of that VPC: clients in it may reach the databases and endpoints"),
    ("private_subnet_ids", "private_subnet_ids", "list", None, None, None, None, None, "Private subnets of that VPC, one per Availability Zone"),
    ("availability_zones", "availability_zones", "list", None, None, None, None, None, "Availability Zones of those subnets, in the same order (CDK only)"),
    ("private_route_table_ids", "private_route_table_ids", "list", None, None, None, None, None, "Route tables of the private subnets, in the same order (gateway endpoints are added to them)"),
    ("dr_key_arn", "dr_key_arn", "text", "^(arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[A-Za-z0-9-]+)?$", None, None, "", None, "ARN of the DR stack's KMS key (its output DrKeyArn); cross-region automated backups start once it is set"),
    ("billing_db_class", "billing_db_class", "text", "^db[.][a-z0-9]+[.][a-z0-9]+$", None, None, "db.t4g.small", None, "Instance class of the RDS instance of component billing-db"),
    ("legacy_database_ids", "legacy_database_ids", "list", None, None, None, "legacy-db", None, "Identifiers of the existing RDS instances the backup function snapshots"),
    ("backup_retention_days", "backup_retention_days", "number", None, 7, 35, "35", None, "Days AWS Backup recovery points are kept (every setting of the plan with this value)"),
    ("snapshot_log_retention_days", "snapshot_log_retention_days", "number", "^(1|3|5|7|14|30|60|90|120|150|180|365|400|545|731|1096|1827|2192|2557|2922|3288|3653)$", 1, 3653, "365", None, "Days CloudWatch Logs keeps the logs of component snapshots (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288 or 3653)"),
    ("snapshot_runtime", "snapshot_runtime", "text", "^python3[.](12|13|14)$", None, None, "python3.14", None, "Python runtime of the backup function of component snapshots"),
    ("snapshot_memory_mb", "snapshot_memory_mb", "number", None, 128, 10240, "512", None, "Memory of the backup function of component snapshots (MB)"),
    ("snapshot_timeout_seconds", "snapshot_timeout_seconds", "number", None, 1, 900, "900", None, "Time limit of a run of the backup function of component snapshots (seconds)"),
    ("backup_schedule", "backup_schedule", "text", "^(rate[(](1 (minute|hour|day)|([2-9]|[1-9][0-9]|[1-9][0-9][0-9]|[1-9][0-9][0-9][0-9]|[1-9][0-9][0-9][0-9][0-9]|[1-4][0-9][0-9][0-9][0-9][0-9]|5[0-1][0-9][0-9][0-9][0-9]|52[0-4][0-9][0-9][0-9]|525[0-5][0-9][0-9]|525600) minutes|([2-9]|[1-9][0-9]|[1-9][0-9][0-9]|[1-7][0-9][0-9][0-9]|8[0-6][0-9][0-9]|87[0-5][0-9]|8760) hours|([2-9]|[1-9][0-9]|[1-2][0-9][0-9]|3[0-5][0-9]|36[0-5]) days)[)]|cron[(]([*]|[0-5]?[0-9](-[0-5]?[0-9])?)([/][1-9][0-9]?)?(,([*]|[0-5]?[0-9](-[0-5]?[0-9])?)([/][1-9][0-9]?)?)* ([*]|([01]?[0-9]|2[0-3])(-([01]?[0-9]|2[0-3]))?)([/][1-9][0-9]?)?(,([*]|([01]?[0-9]|2[0-3])(-([01]?[0-9]|2[0-3]))?)([/][1-9][0-9]?)?)* (([*]|(0?[1-9]|[12][0-9]|3[01])(-(0?[1-9]|[12][0-9]|3[01]))?)([/][1-9][0-9]?)?(,([*]|(0?[1-9]|[12][0-9]|3[01])(-(0?[1-9]|[12][0-9]|3[01]))?)([/][1-9][0-9]?)?)* ([*]|(0?[1-9]|1[0-2]|JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)(-(0?[1-9]|1[0-2]|JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC))?)([/][1-9][0-9]?)?(,([*]|(0?[1-9]|1[0-2]|JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)(-(0?[1-9]|1[0-2]|JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC))?)([/][1-9][0-9]?)?)* [?]|[?] ([*]|(0?[1-9]|1[0-2]|JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)(-(0?[1-9]|1[0-2]|JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC))?)([/][1-9][0-9]?)?(,([*]|(0?[1-9]|1[0-2]|JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)(-(0?[1-9]|1[0-2]|JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC))?)([/][1-9][0-9]?)?)* ([*]|(0?[1-7]|SUN|MON|TUE|WED|THU|FRI|SAT)(-(0?[1-7]|SUN|MON|TUE|WED|THU|FRI|SAT))?)([/][1-9][0-9]?)?(,([*]|(0?[1-7]|SUN|MON|TUE|WED|THU|FRI|SAT)(-(0?[1-7]|SUN|MON|TUE|WED|THU|FRI|SAT))?)([/][1-9][0-9]?)?)*) [*][)])$", None, None, "cron(30 1 * * ? *)", None, "EventBridge schedule of the plan's first backup run (cron(...) or rate(...), UTC)"),
    ("failover_hosted_zone_id", "failover_hosted_zone_id", "text", "^Z[A-Z0-9]{1,31}$", None, None, None, None, "Route 53 hosted zone of the failover record of component failover"),
    ("failover_record_name", "failover_record_name", "text", "^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?[.])+[a-z]{2,63}$", None, None, "app.example.net", None, "Name the failover records answer for (component failover)"),
    ("failover_primary_endpoint", "failover_primary_endpoint", "text", "^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?[.])+[a-z]{2,63}$", None, None, None, None, "Host name of the primary endpoint, which the PRIMARY record points at and the health check probes (component failover)"),
    ("failover_secondary_endpoint", "failover_secondary_endpoint", "text", "^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?[.])+[a-z]{2,63}$", None, None, None, None, "Host name of the standby endpoint in the DR region, for the SECONDARY record (component failover)"),
]


def _value(raw, kind):
    if kind == "list":
        if isinstance(raw, str):
            return [part.strip() for part in raw.split(",") if part.strip()]
        return [str(part) for part in (raw or [])]
    if kind == "number":
        return None if raw is None or raw == "" else int(raw)
    return "" if raw is None else str(raw)


def load_settings(scope: Construct) -> Settings:
    """Reads and checks every setting; refuses to synthesize with a missing or invalid one.

    A setting comes from the CDK context (cdk.json or -c key=value), else from its
    environment variable when it has one, else from its default.
    """
    values = {}
    problems = []
    for field, key, kind, pattern, minimum, maximum, default, env, meaning in SPECS:
        raw = scope.node.try_get_context(key)
        if raw is None and env:
            raw = os.environ.get(env)
        if raw is None:
            raw = default
        try:
            value = _value(raw, kind)
        except (TypeError, ValueError):
            problems.append(f"{key} must be a whole number ({meaning})")
            continue
        if value is None or value in ("", []):
            # Empty is allowed where the default is (an optional setting), and for
            # text with a default.
            if default is None or (kind == "number" and default != ""):
                problems.append(f"set the context value {key} in cdk.json or with -c {key}=... ({meaning})")
        elif pattern and not re.fullmatch(pattern, str(value)):
            problems.append(f"{key} must match {pattern}")
        elif kind == "number" and not minimum <= value <= maximum:
            problems.append(f"{key} must be between {minimum} and {maximum}")
        values[field] = value
    if problems:
        raise ValueError("; ".join(problems))
    return Settings(**values)
