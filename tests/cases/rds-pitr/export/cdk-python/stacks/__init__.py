"""Stacks of the drplan export of plan RDS backup and point-in-time recovery."""
