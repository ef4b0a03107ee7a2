#!/usr/bin/env python3
"""The backup function's copy task against in-memory S3, Lambda and CloudWatch.

Seed 000's function copies a source prefix into the backup bucket: incremental runs
copy what changed since the last complete run, full runs copy what the backup
lacks or holds in an older form, manual runs copy the prefix they name, and a run
near the time limit continues in a new invocation. These tests run the handler
that every bundle ships (src/export/assets/backup_handler.py) on those cases.

  .tools/venv/bin/python tests/iac/handler_test.py   (tests/iac/validate.py runs it)
"""

import datetime
import importlib.util
import json
import os
import sys
import unittest
from pathlib import Path
from unittest import mock

from botocore.exceptions import ClientError

HANDLER = Path(__file__).resolve().parents[2] / "src" / "export" / "assets" / "backup_handler.py"
T0 = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)


class FakeS3:
    def __init__(self, page_size=1000):
        self.buckets = {"source": {}, "backup": {}}
        self.copies = []
        self.page_size = page_size
        self.clock = T0

    def tick(self):
        self.clock += datetime.timedelta(minutes=1)
        return self.clock

    def put(self, bucket, key, size):
        self.buckets[bucket][key] = {"Size": size, "LastModified": self.tick(), "Body": b""}

    def list_objects_v2(self, Bucket, Prefix="", MaxKeys=1000, ContinuationToken=None, StartAfter=None):
        keys = sorted(k for k in self.buckets[Bucket] if k.startswith(Prefix))
        if StartAfter:
            keys = [k for k in keys if k > StartAfter]
        start = int(ContinuationToken or 0)
        size = min(MaxKeys, self.page_size)
        page = keys[start:start + size]
        out = {"Contents": [{"Key": k, "Size": self.buckets[Bucket][k]["Size"], "LastModified": self.buckets[Bucket][k]["LastModified"]} for k in page]}
        out["IsTruncated"] = start + size < len(keys)
        if out["IsTruncated"]:
            out["NextContinuationToken"] = str(start + size)
        return out

    def get_object(self, Bucket, Key):
        if Key not in self.buckets[Bucket]:
            raise ClientError({"Error": {"Code": "NoSuchKey"}}, "GetObject")
        body = self.buckets[Bucket][Key]["Body"]
        return {"Body": mock.Mock(read=lambda: body)}

    def put_object(self, Bucket, Key, Body, ContentType=None):
        self.buckets[Bucket][Key] = {"Size": len(Body), "LastModified": self.tick(), "Body": Body}

    def copy(self, source, bucket, key):
        src = self.buckets[source["Bucket"]][source["Key"]]
        self.buckets[bucket][key] = {"Size": src["Size"], "LastModified": self.tick(), "Body": src["Body"]}
        self.copies.append(key)


class Context:
    invoked_function_arn = "arn:aws:lambda:us-east-1:123456789012:function:backup"

    def __init__(self, remaining_ms):
        self.remaining_ms = remaining_ms

    def get_remaining_time_in_millis(self):
        return self.remaining_ms


ENV = {
        "TASKS": "copy",
        "TARGETS": json.dumps([{"id": "backup-bucket", "kind": "s3", "env": "TARGET_BACKUP", "copy": True}]),
        "TARGET_BACKUP": "backup",
        "COPY_SOURCE_BUCKET": "source",
        "COPY_SOURCE_PREFIX": "",
        "NOTIFY_TOPIC_ARN": "arn:aws:sns:us-east-1:123456789012:alerts",
        "NOTIFY_ON_SUCCESS": "true",
}


def load_handler(s3, invocations, metrics, messages):
    clients = {
        "s3": s3,
        "lambda": mock.Mock(invoke=lambda **kw: invocations.append(json.loads(kw["Payload"]))),
        "cloudwatch": mock.Mock(put_metric_data=lambda **kw: metrics.extend(kw["MetricData"])),
        "sns": mock.Mock(publish=lambda **kw: messages.append(kw["Subject"])),
        "rds": mock.Mock(),
    }
    with mock.patch("boto3.client", side_effect=lambda name, **kw: clients[name]):
        spec = importlib.util.spec_from_file_location("backup_handler", HANDLER)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    module.boto3 = mock.Mock(client=lambda name, **kw: clients[name])
    module.now = lambda: s3.tick()
    return module


class CopyTask(unittest.TestCase):
    def setUp(self):
        environment = mock.patch.dict(os.environ, ENV)
        environment.start()
        self.addCleanup(environment.stop)
        self.s3 = FakeS3()
        self.invocations, self.metrics, self.messages = [], [], []
        self.handler = load_handler(self.s3, self.invocations, self.metrics, self.messages)
        for key in ("photos/a.jpg", "photos/b.jpg", "test/c.txt"):
            self.s3.put("source", key, 10)

    def run_handler(self, event, remaining_ms=600_000):
        return self.handler.handler(event, Context(remaining_ms))

    def test_incremental_copies_only_what_changed_since_the_last_complete_run(self):
        self.run_handler({"backup_type": "incremental"})
        self.assertEqual(sorted(self.s3.copies), ["photos/a.jpg", "photos/b.jpg", "test/c.txt"])
        self.s3.copies.clear()
        self.s3.put("source", "photos/b.jpg", 20)
        self.s3.put("source", "photos/d.jpg", 5)
        summary = self.run_handler({"backup_type": "incremental"})
        self.assertEqual(sorted(self.s3.copies), ["photos/b.jpg", "photos/d.jpg"])
        self.assertEqual(summary["copies"][0]["objects"], 2)
        self.assertIn("Backup complete (incremental)", self.messages)

    def test_full_copies_what_the_backup_lacks_or_holds_older(self):
        self.run_handler({"backup_type": "full"})
        self.s3.copies.clear()
        del self.s3.buckets["backup"]["photos/a.jpg"]
        self.s3.put("source", "test/c.txt", 30)
        self.run_handler({"backup_type": "full"})
        self.assertEqual(sorted(self.s3.copies), ["photos/a.jpg", "test/c.txt"])
        self.s3.copies.clear()
        self.run_handler({"backup_type": "full"})
        self.assertEqual(self.s3.copies, [])

    def test_manual_copies_the_named_prefix_and_leaves_the_incremental_mark(self):
        self.run_handler({"backup_type": "manual", "source_prefix": "test/"})
        self.assertEqual(self.s3.copies, ["test/c.txt"])
        self.assertNotIn("_drplan/copy-state.json", self.s3.buckets["backup"])

    def test_a_run_near_the_time_limit_continues_in_a_new_invocation(self):
        self.s3.page_size = 1
        summary = self.run_handler({"backup_type": "incremental"}, remaining_ms=1_000)
        self.assertEqual(self.s3.copies, ["photos/a.jpg"])
        self.assertFalse(summary["copies"][0]["complete"])
        self.assertNotIn("_drplan/copy-state.json", self.s3.buckets["backup"])
        while self.invocations:
            summary = self.run_handler(self.invocations.pop(0), remaining_ms=1_000)
        self.assertEqual(sorted(self.s3.copies), ["photos/a.jpg", "photos/b.jpg", "test/c.txt"])
        self.assertTrue(summary["copies"][0]["complete"])
        self.assertEqual(summary["copies"][0]["objects"], 3)
        state = json.loads(self.s3.buckets["backup"]["_drplan/copy-state.json"]["Body"])
        self.assertEqual(state["backup_type"], "incremental")

    def test_metrics_count_the_copied_objects_and_bytes(self):
        self.run_handler({"backup_type": "full"})
        by_name = {m["MetricName"]: m["Value"] for m in self.metrics if "Dimensions" in m}
        self.assertEqual(by_name["ObjectsCopied"], 3)
        self.assertEqual(by_name["BytesCopied"], 30)


class ListTargets(unittest.TestCase):
    """Seed 003's rds_instance_ids: one target stands for every instance in the list."""

    def setUp(self):
        env = dict(ENV, TASKS="snapshot", RDS_INSTANCE_IDS="prod-database-1,prod-database-2")
        env["TARGETS"] = json.dumps([{"id": "rds_instance_ids", "kind": "rds", "env": "RDS_INSTANCE_IDS", "list": True}])
        environment = mock.patch.dict(os.environ, env)
        environment.start()
        self.addCleanup(environment.stop)
        self.snapshots = []
        self.metrics = []
        self.handler = load_handler(FakeS3(), [], self.metrics, [])
        rds = mock.Mock(create_db_snapshot=lambda **kw: self.snapshots.append(kw))
        clients = {"rds": rds, "cloudwatch": mock.Mock(put_metric_data=lambda **kw: self.metrics.extend(kw["MetricData"]))}
        self.handler.rds = rds
        self.handler.cloudwatch = clients["cloudwatch"]

    def test_a_list_target_snapshots_every_instance_it_names(self):
        summary = self.handler.handler({"backup_type": "daily"}, Context(600_000))
        self.assertEqual([s["DBInstanceIdentifier"] for s in self.snapshots], ["prod-database-1", "prod-database-2"])
        self.assertTrue(all(s["DBSnapshotIdentifier"].startswith(f"drplan-{s['DBInstanceIdentifier']}-") for s in self.snapshots))
        self.assertEqual(summary["targets"], 2)

    def test_a_target_does_not_claim_the_snapshots_of_a_longer_name(self):
        self.assertTrue(self.handler.own_name("drplan-db-20260101020000", "drplan-db-"))
        self.assertFalse(self.handler.own_name("drplan-db-2-20260101020000", "drplan-db-"))


if __name__ == "__main__":
    result = unittest.main(exit=False, verbosity=1).result
    sys.exit(0 if result.wasSuccessful() else 1)
