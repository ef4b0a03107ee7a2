"""Stacks of the drplan export of plan Single-region Multi-AZ DR."""
