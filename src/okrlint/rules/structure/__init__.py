"""The structure rules.

Structure read from the text: an objective is a qualitative goal, not a number.
"""
