"""Stacks of the drplan export of plan Feature: s3-replication."""
