"""Third-party rules, registered by installed packages through the `okrlint.rules` entry points.

An entry point names a rule class, a list of rule classes, or a module whose rule classes are
taken. Only installed distributions are consulted; nothing from the linted repository is
imported. A plugin that fails to load is recorded with its version, so `okrlint rules` and
`okrlint check` can say which one broke.
"""

from __future__ import annotations

import dataclasses
from importlib.metadata import EntryPoint, entry_points
from types import ModuleType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from okrlint.registry import Registry, Rule

ENTRY_POINT_GROUP = "okrlint.rules"


def load_plugins(registry: Registry) -> None:
    for entry_point in sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
        origin = _origin(entry_point)
        try:
            for rule in _rules_from(entry_point.load()):
                _register(registry, rule, origin)
        except Exception as error:  # a broken plugin must not take okrlint down with it
            registry.load_errors.append(f"{origin}: {type(error).__name__}: {error}")


def _origin(entry_point: EntryPoint) -> str:
    distribution = entry_point.dist
    if distribution is None:
        return f"plugin:{entry_point.name}"
    return f"plugin:{distribution.metadata['Name']} {distribution.version}"


def _rules_from(loaded: Any) -> list[type[Rule[Any]]]:
    from okrlint.registry import Rule, rules_in

    if isinstance(loaded, ModuleType):
        return rules_in(loaded)
    if isinstance(loaded, type) and issubclass(loaded, Rule):
        return [loaded]
    if isinstance(loaded, list | tuple):
        return [item for item in loaded if isinstance(item, type) and issubclass(item, Rule)]
    raise TypeError(f"expected a rule class, a list of them or a module, got {loaded!r}")


def _register(registry: Registry, rule: type[Rule[Any]], origin: str) -> None:
    if rule.meta.source == "builtin":
        rule.meta = dataclasses.replace(rule.meta, source=origin)
    registry.add(rule)
