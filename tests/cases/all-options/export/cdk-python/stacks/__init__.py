"""Stacks of the drplan export of plan Every export option: new and existing data stores, all alarm kinds."""
