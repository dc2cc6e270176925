"""The measure rules.

Measure: a key result needs a number to reach, and a starting value to judge it against.
"""
