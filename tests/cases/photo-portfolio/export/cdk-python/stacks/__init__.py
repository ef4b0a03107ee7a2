"""Stacks of the drplan export of plan Photography portfolio: backup & DR."""
