"""Stacks of the drplan export of plan Feature: aws-backup."""
