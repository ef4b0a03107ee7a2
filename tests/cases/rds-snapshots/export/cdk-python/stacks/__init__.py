"""Stacks of the drplan export of plan Feature: rds-snapshots."""
