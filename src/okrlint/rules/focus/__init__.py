"""The focus rules.

Focus: start less, finish more. Few objectives per set, a handful of key results each.
"""
