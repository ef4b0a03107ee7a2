#!/usr/bin/env python3
"""The backup function's deploy-time options against in-memory AWS clients.

Seed 003's module variables reach the function as environment variables:
enable_detailed_monitoring (DETAILED_METRICS), backup_window (BACKUP_WINDOW: wait out
an automated backup in progress, report a database whose window differs) and
slack_webhook_url (SLACK_WEBHOOK_PARAMETER: the topic's messages posted to Slack).
These tests run the handler every bundle ships on those cases.

  .tools/venv/bin/python tests/iac/handler_options_test.py   (tests/iac/validate.py runs it)
"""

import json
import os
import sys
import unittest
from pathlib import Path
from unittest import mock

sys.path.insert(0, str(Path(__file__).resolve().parent))

from handler_test import ENV, Context, FakeS3, load_handler  # noqa: E402

RDS_ENV = dict(
    ENV,
    TASKS="snapshot,verify",
    RDS_INSTANCE_IDS="prod-database-1",
    TARGETS=json.dumps([{"id": "rds_instance_ids", "kind": "rds", "env": "RDS_INSTANCE_IDS", "list": True}]),
)


class FakeRds:
    """One instance whose status and backup window the test sets."""

    def __init__(self, statuses, window="02:00-03:00"):
        self.statuses = list(statuses)
        self.window = window
        self.snapshots = []

    def describe_db_instances(self, DBInstanceIdentifier):
        status = self.statuses.pop(0) if len(self.statuses) > 1 else self.statuses[0]
        return {"DBInstances": [{"DBInstanceIdentifier": DBInstanceIdentifier, "DBInstanceStatus": status, "PreferredBackupWindow": self.window}]}

    def create_db_snapshot(self, **kw):
        self.snapshots.append(kw)

    def describe_db_snapshots(self, **kw):
        return {"DBSnapshots": []}


class Options(unittest.TestCase):
    def start(self, env, rds):
        environment = mock.patch.dict(os.environ, env)
        environment.start()
        self.addCleanup(environment.stop)
        self.metrics, self.messages = [], []
        self.handler = load_handler(FakeS3(), [], self.metrics, self.messages)
        self.handler.rds = rds
        self.handler.cloudwatch = mock.Mock(put_metric_data=lambda **kw: self.metrics.extend(kw["MetricData"]))
        self.handler.time = mock.Mock(time=lambda: 0.0, sleep=mock.Mock())
        return self.handler

    def test_detailed_monitoring_off_publishes_the_totals_only(self):
        handler = self.start(dict(RDS_ENV, DETAILED_METRICS="false"), FakeRds(["available"]))
        handler.handler({"backup_type": "daily"}, Context(600_000))
        self.assertTrue(self.metrics)
        self.assertFalse([m for m in self.metrics if "Dimensions" in m])

    def test_detailed_monitoring_on_publishes_each_database_too(self):
        handler = self.start(dict(RDS_ENV, DETAILED_METRICS="true"), FakeRds(["available"]))
        handler.handler({"backup_type": "daily"}, Context(600_000))
        targets = {d["Value"] for m in self.metrics for d in m.get("Dimensions", [])}
        self.assertEqual(targets, {"prod-database-1"})

    def test_a_backup_in_progress_is_waited_out_before_the_snapshot(self):
        rds = FakeRds(["backing-up", "backing-up", "available"])
        handler = self.start(dict(RDS_ENV, BACKUP_WINDOW="02:00-03:00"), rds)
        handler.handler({"backup_type": "daily"}, Context(600_000))
        self.assertEqual(len(rds.snapshots), 1)
        self.assertEqual(handler.time.sleep.call_count, 2)

    def test_a_backup_that_outlasts_the_run_fails_it_without_a_snapshot(self):
        rds = FakeRds(["backing-up"])
        handler = self.start(dict(RDS_ENV, BACKUP_WINDOW="02:00-03:00"), rds)
        with self.assertRaises(RuntimeError):
            handler.handler({"backup_type": "daily"}, Context(30_000))
        self.assertEqual(rds.snapshots, [])
        self.assertIn("Backup failed", self.messages)

    def test_a_database_with_another_window_is_reported_with_the_command(self):
        handler = self.start(dict(RDS_ENV, BACKUP_WINDOW="04:00-04:30"), FakeRds(["available"], window="02:00-03:00"))
        summary = handler.handler({"backup_type": "daily"}, Context(600_000))
        self.assertIn("Backup window differs", self.messages)
        self.assertIn("--preferred-backup-window 04:00-04:30", summary["backup_windows"][0])
        self.assertEqual(summary["failures"], [])


def sns_event(*messages):
    return {"Records": [{"EventSource": "aws:sns", "Sns": {"Subject": s, "Message": m}} for s, m in messages]}


class Slack(unittest.TestCase):
    def start(self, url, parameter="/backup/slack-webhook-url"):
        environment = mock.patch.dict(os.environ, dict(ENV, SLACK_WEBHOOK_PARAMETER=parameter))
        environment.start()
        self.addCleanup(environment.stop)
        handler = load_handler(FakeS3(), [], [], [])
        ssm = mock.Mock(get_parameter=lambda **kw: {"Parameter": {"Value": url}})
        self.ssm_calls = ssm
        handler.boto3 = mock.Mock(client=lambda name, **kw: ssm)
        self.posts = []

        def urlopen(request, timeout):
            self.posts.append((request.full_url, json.loads(request.data)))
            return mock.MagicMock()

        self.urlopen = mock.patch("urllib.request.urlopen", side_effect=urlopen)
        self.urlopen.start()
        self.addCleanup(self.urlopen.stop)
        return handler

    def test_each_topic_message_is_posted_to_the_webhook(self):
        handler = self.start("https://hooks.slack.com/services/T0/B0/x")
        result = handler.handler(sns_event(("Backup failed", "prod-database-1: denied"), ("ALARM", "{}")), None)
        self.assertEqual(result, {"posted": 2, "failed": 0})
        self.assertEqual(self.posts[0][0], "https://hooks.slack.com/services/T0/B0/x")
        self.assertIn("Backup failed", self.posts[0][1]["text"])
        self.assertIn("prod-database-1: denied", self.posts[0][1]["text"])

    def test_a_url_that_is_not_slack_is_never_posted_to(self):
        handler = self.start("https://example.com/collect")
        result = handler.handler(sns_event(("Backup failed", "x")), None)
        self.assertEqual(self.posts, [])
        self.assertEqual(result["failed"], 1)

    def test_a_failed_post_does_not_fail_the_invocation(self):
        handler = self.start("https://hooks.slack.com/services/T0/B0/x")

        with mock.patch("urllib.request.urlopen", side_effect=OSError("connection refused")):
            result = handler.handler(sns_event(("Backup failed", "x")), None)
        self.assertEqual(result, {"posted": 0, "failed": 1})

    def test_without_a_webhook_topic_messages_are_ignored(self):
        handler = self.start("https://hooks.slack.com/services/T0/B0/x", parameter="")
        self.assertEqual(handler.handler(sns_event(("x", "y")), None), {"posted": 0, "failed": 0})
        self.assertEqual(self.posts, [])


if __name__ == "__main__":
    result = unittest.main(exit=False, verbosity=1).result
    sys.exit(0 if result.wasSuccessful() else 1)
