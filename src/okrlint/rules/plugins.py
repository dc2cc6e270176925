"""Third-party rules, registered by installed packages through the `okrlint.rules` entry points.

An entry point names a rule class, a list of rule classes, or a module whose rule classes are
taken. Only installed distributions are consulted; nothing from the linted repository is
imported. A plugin is checked before its rules join the registry: a rule without proper
metadata, with a malformed code, or with a code another rule already has is refused, and the
plugin that failed is recorded with its version, so `okrlint rules` and `okrlint check` say
which one broke (and `check` exits with status 2 rather than pass silently).
"""

from __future__ import annotations

import dataclasses
import re
from importlib.metadata import EntryPoint, entry_points
from types import ModuleType
from typing import Any

from pydantic import BaseModel

from okrlint.api import Rule, RuleMeta, Scope
from okrlint.errors import PluginError
from okrlint.rules.registry import Registry, rules_in

ENTRY_POINT_GROUP = "okrlint.rules"
# A family prefix of two or more capitals and three digits: OUT001, ACME042.
CODE = re.compile(r"^[A-Z]{2,}[0-9]{3}$")
NAME = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")


def load_plugins(registry: Registry) -> None:
    for entry_point in sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
        origin = origin_of(entry_point)
        try:
            rules = _rules_from(entry_point.load())
        # A broken plugin must not take okrlint down with it, nor end the run by exiting.
        except (Exception, SystemExit) as error:
            registry.load_errors.append(
                f"{origin}: entry point '{entry_point.name} = {entry_point.value}' failed to "
                f"load: {type(error).__name__}: {error}"
            )
            continue
        if not rules:
            registry.load_errors.append(
                f"{origin}: entry point '{entry_point.name}' provides no rule classes"
            )
        for rule in rules:
            try:
                _check(rule, registry)
            except PluginError as error:
                registry.load_errors.append(f"{origin}: {error}")
                continue
            _register(registry, rule, origin)


def origin_of(entry_point: EntryPoint) -> str:
    """`plugin:<distribution> <version>`, the source `okrlint rules` shows for its rules."""
    distribution = entry_point.dist
    if distribution is None:
        return f"plugin:{entry_point.name}"
    return f"plugin:{distribution.metadata['Name']} {distribution.version}"


def _rules_from(loaded: Any) -> list[type[Rule[Any]]]:
    if isinstance(loaded, ModuleType):
        return rules_in(loaded)
    if isinstance(loaded, type) and issubclass(loaded, Rule):
        return [loaded]
    if isinstance(loaded, list | tuple):
        rules = [item for item in loaded if isinstance(item, type) and issubclass(item, Rule)]
        if len(rules) != len(loaded):
            raise TypeError("every item of the list must be a subclass of okrlint.api.Rule")
        return rules
    raise TypeError(
        f"expected a subclass of okrlint.api.Rule, a list of them or a module, got {loaded!r}"
    )


def _check(rule: type[Rule[Any]], registry: Registry) -> None:
    meta = vars(rule).get("meta")
    label = rule.__qualname__
    if not isinstance(meta, RuleMeta):
        raise PluginError(f"{label} has no `meta = RuleMeta(...)`; it is not registered")
    label = f"{meta.code} ({label})"
    if not CODE.match(meta.code):
        raise PluginError(f"{label}: a code is capitals then three digits, such as ACME001")
    if not NAME.match(meta.name):
        raise PluginError(f"{label}: the name '{meta.name}' must be kebab-case")
    if not isinstance(meta.scope, Scope):
        raise PluginError(f"{label}: scope must be an okrlint.api.Scope")
    if not (isinstance(rule.Options, type) and issubclass(rule.Options, BaseModel)):
        raise PluginError(f"{label}: Options must be a pydantic model")
    if not meta.bad or not meta.good:
        raise PluginError(f"{label}: a rule needs at least one bad and one good example")
    existing = registry.rules.get(meta.code)
    if existing is not None and existing is not rule:
        raise PluginError(
            f"{label}: the code is already taken by {existing.meta.name} "
            f"({existing.meta.source}); pick a prefix of your own"
        )
    if meta.name in registry.by_name() and existing is None:
        raise PluginError(f"{label}: the name '{meta.name}' is already taken")


def _register(registry: Registry, rule: type[Rule[Any]], origin: str) -> None:
    if rule.meta.source == "builtin":
        rule.meta = dataclasses.replace(rule.meta, source=origin)
    registry.add(rule)
