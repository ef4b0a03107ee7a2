"""Stacks of the drplan export of plan Feature: restore-testing."""
