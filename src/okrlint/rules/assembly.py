"""The registry of a run, assembled in one place: built-in rules, plugins and rule packs.

The built-in rules and the plugins are the same for every run of a process, so they are found
once (`installed_rules`); a run copies them and adds the rules of the rule packs its configs
name (`registry_for`), then passes that registry down. Nothing registers itself as a side
effect of reading a config.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Iterable
from typing import Any

import okrlint.rules as rules_package
from okrlint.api import Rule
from okrlint.config.files import LoadedConfig
from okrlint.errors import ConfigError
from okrlint.rules.pack_rules import pack_rules
from okrlint.rules.plugins import load_plugins
from okrlint.rules.registry import Registry, rules_in

_INSTALLED: Registry | None = None


def installed_rules() -> Registry:
    """The built-in rules plus those of installed plugins: the same for every run of a process,
    so they are found once. A run adds its rule packs' rules to a copy (`registry_for`)."""
    global _INSTALLED
    if _INSTALLED is None:
        registry = Registry()
        for rule in builtin_rules():
            registry.add(rule)
        load_plugins(registry)
        _INSTALLED = registry
    return _INSTALLED


def registry_for(configs: Iterable[LoadedConfig]) -> Registry:
    """The rules of a run: the installed rules and the rules of every rule pack the configs name.

    Built once per run and passed down; a pack rule is selected only under a config that names
    its pack (see `okrlint.config.settings.resolve`).
    """
    installed = installed_rules()
    registry = Registry(dict(installed.rules), list(installed.load_errors))
    for config in configs:
        for rule in pack_rules(config):
            existing = registry.rules.get(rule.meta.code)
            if existing is not None and existing.meta.source == "builtin":
                raise ConfigError(
                    f"{config.path}: rule_packs: the pack rule {rule.meta.code} takes a code that "
                    "a built-in rule has; pick another"
                )
            if existing is None or existing.meta.source != rule.meta.source:
                registry.rules[rule.meta.code] = rule
    return registry


def builtin_rules() -> list[type[Rule[Any]]]:
    """Every rule module of every family folder: `okrlint/rules/<family>/<code>_<name>.py`."""
    found: list[type[Rule[Any]]] = []
    for family in pkgutil.iter_modules(rules_package.__path__):
        if not family.ispkg:
            continue
        package = importlib.import_module(f"{rules_package.__name__}.{family.name}")
        for module_info in pkgutil.iter_modules(package.__path__):
            if _RULE_MODULE.match(module_info.name):
                module = importlib.import_module(f"{package.__name__}.{module_info.name}")
                found.extend(rules_in(module))
    return found


# A rule module is named after its rule: a code, then its name (`out001_output_as_outcome`).
_RULE_MODULE = re.compile(r"^[a-z]{2,}[0-9]{3}_\w+$")
