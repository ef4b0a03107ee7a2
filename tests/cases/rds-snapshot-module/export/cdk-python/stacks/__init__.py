"""Stacks of the drplan export of plan Database backup module: RDS snapshots to S3."""
