"""An example okrlint plugin: every key result has a named owner."""

__version__ = "0.1.0"
