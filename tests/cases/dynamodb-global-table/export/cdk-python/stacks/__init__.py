"""Stacks of the drplan export of plan Feature: dynamodb-global-table."""
