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
    backup_retention_days: int


# field, context key, kind, pattern, minimum, maximum, default, environment variable, meaning
SPECS = [
    ("project_name", "project_name", "text", "^[a-z][a-z0-9-]{0,23}$", None, None, "feature-restore-testing", None, "Prefix of every physical name (vaults, alarms, log groups, replica buckets); use the same value for every stack of this bundle"),
    ("environment", "environment", "text", "^[a-z][a-z0-9-]{0,23}$", None, None, "production", None, "Environment tag applied to every resource"),
    ("primary_region", "primary_region", "text", "^[a-z]{2}(-[a-z]+)+-[0-9]$", None, None, "us-east-1", None, "Region of the primary stack"),
    ("dr_region", "dr_region", "text", "^[a-z]{2}(-[a-z]+)+-[0-9]$", None, None, "us-west-2", None, "Disaster-recovery region: replicas, copies and the DR stack"),
    ("notification_email", "notification_email", "text", "^[^@ ]+@[^@ ]+[.][^@ ]+$", None, None, "ops@example.com", None, "Address that receives backup alerts (the plan's first subscription)"),
    ("backup_retention_days", "backup_retention_days", "number", None, 1, 36500, "35", None, "Days AWS Backup recovery points are kept (every setting of the plan with this value)"),
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
