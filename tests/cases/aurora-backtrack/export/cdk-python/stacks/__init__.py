"""Stacks of the drplan export of plan Feature: aurora-backtrack."""
