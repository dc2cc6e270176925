"""The outputs rules.

Outputs: key results that are deliverables, tasks or counts of work posing as outcomes.
"""
