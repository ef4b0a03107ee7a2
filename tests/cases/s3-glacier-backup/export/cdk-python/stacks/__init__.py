"""Stacks of the drplan export of plan S3 and Glacier backup with CDK."""
