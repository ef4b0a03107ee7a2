"""Stacks of the drplan export of plan Feature: route53-failover."""
