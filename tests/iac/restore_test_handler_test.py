#!/usr/bin/env python3
"""The restore test validation function against in-memory AWS Backup and CloudWatch.

Seed 004's weekly restore tests run as AWS Backup restore testing plans; the
function every such bundle ships (src/export/assets/restore_test_handler.py)
measures each test restore, publishes its duration, and reports SUCCESSFUL within
the minutes the recovery plan leaves the restore, FAILED beyond. These tests run it
on the restore-job events EventBridge delivers.

  .tools/venv/bin/python tests/iac/restore_test_handler_test.py   (tests/iac/validate.py runs it)
"""

import datetime
import importlib.util
import json
import os
import unittest
from pathlib import Path
from unittest import mock

HANDLER = Path(__file__).resolve().parents[2] / "src" / "export" / "assets" / "restore_test_handler.py"
PLAN_ARN = "arn:aws:backup:us-east-1:123456789012:restore-testing-plan:shop_weekly_rt-1a2b"
OTHER_ARN = "arn:aws:backup:us-east-1:123456789012:restore-testing-plan:someone_else-9f8e"
T0 = datetime.datetime(2026, 11, 29, 6, 5, tzinfo=datetime.timezone.utc)
ENV = {
    "METRIC_NAMESPACE": "CustomMetrics/DatabaseBackup",
    "RESTORE_TESTS": json.dumps({PLAN_ARN: {"plan": "shop_weekly_rt", "component": "orders", "budget_minutes": 235.0}}),
}


def event(job_id, status):
    return {"source": "aws.backup", "detail-type": "Restore Job State Change",
            "detail": {"restoreJobId": job_id, "status": status}}


class FakeBackup:
    def __init__(self, jobs):
        self.jobs = jobs
        self.validations = []

    def describe_restore_job(self, RestoreJobId):
        return self.jobs[RestoreJobId]

    def put_restore_validation_result(self, **kw):
        self.validations.append(kw)


def load(backup, metrics):
    clients = {"backup": backup, "cloudwatch": mock.Mock(put_metric_data=lambda **kw: metrics.extend(kw["MetricData"]))}
    with mock.patch.dict(os.environ, ENV), mock.patch("boto3.client", side_effect=lambda name, **kw: clients[name]):
        spec = importlib.util.spec_from_file_location("restore_test_handler", HANDLER)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    return module


def job(status, minutes, plan=PLAN_ARN):
    return {"RestoreJobId": "j", "Status": status, "CreatedBy": {"RestoreTestingPlanArn": plan},
            "CreationDate": T0, "CompletionDate": T0 + datetime.timedelta(minutes=minutes)}


class Validation(unittest.TestCase):
    def run_job(self, status, minutes, plan=PLAN_ARN):
        backup = FakeBackup({"j": job(status, minutes, plan)})
        metrics = []
        result = load(backup, metrics).handler(event("j", status), None)
        return result, backup.validations, metrics

    def test_a_restore_within_the_budget_is_valid_and_measured(self):
        result, validations, metrics = self.run_job("COMPLETED", 42)
        self.assertEqual([v["ValidationStatus"] for v in validations], ["SUCCESSFUL"])
        self.assertEqual(validations[0]["RestoreJobId"], "j")
        self.assertEqual(metrics[0]["MetricName"], "RestoreTestDurationMinutes")
        self.assertAlmostEqual(metrics[0]["Value"], 42.0)
        self.assertEqual(metrics[0]["Dimensions"], [{"Name": "RestoreTestingPlan", "Value": "shop_weekly_rt"}])
        self.assertEqual(result["validation"], "SUCCESSFUL")

    def test_a_restore_over_the_budget_fails_validation(self):
        _, validations, metrics = self.run_job("COMPLETED", 236)
        self.assertEqual(validations[0]["ValidationStatus"], "FAILED")
        self.assertIn("236.0 min", validations[0]["ValidationStatusMessage"])
        self.assertIn("235 min", validations[0]["ValidationStatusMessage"])
        self.assertAlmostEqual(metrics[0]["Value"], 236.0)

    def test_a_failed_restore_counts_as_a_failure(self):
        _, validations, metrics = self.run_job("FAILED", 3)
        self.assertEqual(validations, [])
        self.assertEqual([(m["MetricName"], m["Value"]) for m in metrics], [("RestoreTestFailures", 1)])

    def test_jobs_of_other_plans_and_ordinary_restores_are_left_alone(self):
        for plan in (OTHER_ARN, ""):
            result, validations, metrics = self.run_job("COMPLETED", 10, plan)
            self.assertEqual((validations, metrics), ([], []))
            self.assertIn("ignored", result)

    def test_a_job_still_running_is_left_for_its_final_event(self):
        # The rule matches every state change of a restore job (AWS Backup's events
        # name the state `status` in some types and `state` in others), so the
        # function sees pending and running jobs too, and must leave them alone.
        for status in ("PENDING", "RUNNING"):
            result, validations, metrics = self.run_job(status, 0)
            self.assertEqual((validations, metrics), ([], []))
            self.assertIn("ignored", result)

    def test_an_event_without_a_job_is_ignored(self):
        backup = FakeBackup({})
        metrics = []
        result = load(backup, metrics).handler({"detail": {}}, None)
        self.assertIn("ignored", result)


if __name__ == "__main__":
    unittest.main()
