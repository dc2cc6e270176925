"""The sandbagging rules.

Sandbagging read from the text: hold-the-line targets on aspirational objectives.
"""
