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
    cross_region_destination: str
    notification_email: str
    rds_instance_ids: List[str]
    log_retention_days: int
    backup_retention_days: int
    enable_cross_region_copy: str
    lambda_runtime: str
    lambda_memory_size: int
    lambda_timeout: int
    backup_schedule: str


# field, context key, kind, pattern, minimum, maximum, default, environment variable, meaning
SPECS = [
    ("project_name", "project_name", "text", "^[a-z][a-z0-9-]{0,14}$", None, None, "database-backup", None, "Prefix of every physical name (vaults, alarms, log groups, replica buckets); use the same value for every stack of this bundle"),
    ("environment", "environment", "text", "^[a-z][a-z0-9-]{0,9}$", None, None, "production", None, "Environment name: tags every resource and is part of every physical name"),
    ("primary_region", "primary_region", "text", "^[a-z]{2}(-[a-z]+)+-[0-9]$", None, None, "us-east-1", None, "Region of the primary stack"),
    ("cross_region_destination", "cross_region_destination", "text", "^[a-z]{2}(-[a-z]+)+-[0-9]$", None, None, "us-west-2", None, "Disaster-recovery region: replicas, copies and the DR stack"),
    ("notification_email", "notification_email", "text", "^[^@ ]+@[^@ ]+[.][^@ ]+$", None, None, "dba-team@company.com", None, "Address that receives backup alerts (the plan's first subscription)"),
    ("rds_instance_ids", "rds_instance_ids", "list", None, None, None, "prod-database-1,prod-database-2,prod-read-replica-1", None, "Identifiers of the existing RDS instances the backup function snapshots"),
    ("log_retention_days", "log_retention_days", "number", "^(1|3|5|7|14|30|60|90|120|150|180|365|400|545|731|1096|1827|2192|2557|2922|3288|3653)$", 1, 3653, "30", None, "Days CloudWatch Logs keeps the logs of component backup-lambda (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288 or 3653)"),
    ("backup_retention_days", "backup_retention_days", "number", None, 1, 36500, "90", None, "Days manual database snapshots are kept (every setting of the plan with this value)"),
    ("enable_cross_region_copy", "enable_cross_region_copy", "text", "^(true|false)$", None, None, "true", None, "Whether the backup function of component backup-lambda copies snapshots to the DR region"),
    ("lambda_runtime", "lambda_runtime", "text", "^python3[.](12|13|14)$", None, None, "python3.14", None, "Python runtime of the backup function of component backup-lambda"),
    ("lambda_memory_size", "lambda_memory_size", "number", None, 128, 10240, "512", None, "Memory of the backup function of component backup-lambda (MB)"),
    ("lambda_timeout", "lambda_timeout", "number", None, 1, 900, "900", None, "Time limit of a run of the backup function of component backup-lambda (seconds)"),
    ("backup_schedule", "backup_schedule", "text", "^(rate[(](1 (minute|hour|day)|([2-9]|[1-9][0-9]|[1-9][0-9][0-9]|[1-9][0-9][0-9][0-9]|[1-9][0-9][0-9][0-9][0-9]|[1-4][0-9][0-9][0-9][0-9][0-9]|5[0-1][0-9][0-9][0-9][0-9]|52[0-4][0-9][0-9][0-9]|525[0-5][0-9][0-9]|525600) minutes|([2-9]|[1-9][0-9]|[1-9][0-9][0-9]|[1-7][0-9][0-9][0-9]|8[0-6][0-9][0-9]|87[0-5][0-9]|8760) hours|([2-9]|[1-9][0-9]|[1-2][0-9][0-9]|3[0-5][0-9]|36[0-5]) days)[)]|cron[(]([*]|[0-5]?[0-9](-[0-5]?[0-9])?)([/][1-9][0-9]?)?(,([*]|[0-5]?[0-9](-[0-5]?[0-9])?)([/][1-9][0-9]?)?)* ([*]|([01]?[0-9]|2[0-3])(-([01]?[0-9]|2[0-3]))?)([/][1-9][0-9]?)?(,([*]|([01]?[0-9]|2[0-3])(-([01]?[0-9]|2[0-3]))?)([/][1-9][0-9]?)?)* (([*]|(0?[1-9]|[12][0-9]|3[01])(-(0?[1-9]|[12][0-9]|3[01]))?)([/][1-9][0-9]?)?(,([*]|(0?[1-9]|[12][0-9]|3[01])(-(0?[1-9]|[12][0-9]|3[01]))?)([/][1-9][0-9]?)?)* ([*]|(0?[1-9]|1[0-2]|JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)(-(0?[1-9]|1[0-2]|JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC))?)([/][1-9][0-9]?)?(,([*]|(0?[1-9]|1[0-2]|JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)(-(0?[1-9]|1[0-2]|JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC))?)([/][1-9][0-9]?)?)* [?]|[?] ([*]|(0?[1-9]|1[0-2]|JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)(-(0?[1-9]|1[0-2]|JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC))?)([/][1-9][0-9]?)?(,([*]|(0?[1-9]|1[0-2]|JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)(-(0?[1-9]|1[0-2]|JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC))?)([/][1-9][0-9]?)?)* ([*]|(0?[1-7]|SUN|MON|TUE|WED|THU|FRI|SAT)(-(0?[1-7]|SUN|MON|TUE|WED|THU|FRI|SAT))?)([/][1-9][0-9]?)?(,([*]|(0?[1-7]|SUN|MON|TUE|WED|THU|FRI|SAT)(-(0?[1-7]|SUN|MON|TUE|WED|THU|FRI|SAT))?)([/][1-9][0-9]?)?)*) [*][)])$", None, None, "cron(0 2 * * ? *)", None, "EventBridge schedule of the plan's first backup run (cron(...) or rate(...), UTC)"),
]


def _value(raw, kind):
    if kind == "list":
        if isinstance(raw, str):
            return [part.strip() for part in raw.split(",") if part.strip()]
        return [str(part) for part in (raw or [])]
    if kind == "number":
        return int(raw)
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
        if value in ("", []):
            if default is None:
                problems.append(f"set the context value {key} in cdk.json or with -c {key}=... ({meaning})")
        elif pattern and not re.fullmatch(pattern, str(value)):
            problems.append(f"{key} must match {pattern}")
        elif kind == "number" and not minimum <= value <= maximum:
            problems.append(f"{key} must be between {minimum} and {maximum}")
        values[field] = value
    if problems:
        raise ValueError("; ".join(problems))
    return Settings(**values)
