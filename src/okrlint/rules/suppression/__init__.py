"""The suppression rules.

Suppression comments that do nothing or cannot be read.

These findings come from the filter stage (see `okrlint.pipeline.filter`), after every other
rule has run; the classes here carry their metadata, so they are documented, selectable and
tested like any rule.
"""
