"""The errors okrlint raises for input it cannot work with.

They live here, importing nothing of okrlint, so that any stage can raise them without
depending on the stage that reports them. The CLI turns each into exit status 2 with its message.
"""

from __future__ import annotations


class ConfigError(Exception):
    """A config the tool cannot work with. The message names the file and the key."""


class PackError(ValueError):
    """A rule pack that cannot be read; the message names the file and what is wrong."""


class UnknownRuleError(ValueError):
    """A selector (code, prefix, name or family) that matches no rule."""


class PluginError(Exception):
    """A plugin rule that cannot join the registry; the message says why."""


class PathNotFoundError(Exception):
    """A path given on the command line that does not exist."""
