"""The rules: one module per rule in a folder per family (`<family>/<code>_<name>.py`), the
registry of a run, plugins, rule-pack rules, and the docs generated from rule metadata."""
