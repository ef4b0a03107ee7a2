"""Stacks of the drplan export of plan Feature: dynamodb-pitr."""
