"""Stacks of the drplan export of plan Feature: eventbridge-schedule."""
