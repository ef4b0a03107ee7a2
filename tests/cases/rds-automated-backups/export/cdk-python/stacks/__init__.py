"""Stacks of the drplan export of plan Feature: rds-automated-backups."""
