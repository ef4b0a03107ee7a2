"""Stacks of the drplan export of plan Feature: cloudwatch."""
