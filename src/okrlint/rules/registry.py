"""The registry: the rules of a run by code, and how selectors (codes, prefixes, names,
families) resolve to them. `okrlint.rules.assembly` builds one for each run."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from okrlint.api import Rule
from okrlint.errors import UnknownRuleError


@dataclass(slots=True)
class Registry:
    rules: dict[str, type[Rule[Any]]] = field(default_factory=dict)
    # Plugins that failed to load: (distribution and version, error).
    load_errors: list[str] = field(default_factory=list)

    def add(self, rule: type[Rule[Any]]) -> None:
        meta = rule.meta
        existing = self.rules.get(meta.code)
        if existing is not None and existing is not rule:
            raise ValueError(f"two rules claim the code {meta.code}: {existing.__name__}, {rule}")
        self.rules[meta.code] = rule

    def sorted(self) -> list[type[Rule[Any]]]:
        return [self.rules[code] for code in sorted(self.rules)]

    def by_name(self) -> dict[str, type[Rule[Any]]]:
        return {rule.meta.name: rule for rule in self.rules.values()}

    def resolve(self, selector: str) -> list[str]:
        """Codes matched by a selector: ALL, a code, a code prefix, a rule name or a family."""
        wanted = selector.strip()
        if not wanted:
            return []
        upper = wanted.upper()
        if upper == "ALL":
            return sorted(self.rules)
        if upper in self.rules:
            return [upper]
        named = self.by_name().get(wanted.lower())
        if named is not None:
            return [named.meta.code]
        by_prefix = sorted(code for code in self.rules if code.startswith(upper))
        if by_prefix:
            return by_prefix
        by_family = sorted(c for c, r in self.rules.items() if r.meta.family == wanted.lower())
        if by_family:
            return by_family
        raise UnknownRuleError(wanted)

    def lookup(self, code_or_name: str) -> type[Rule[Any]]:
        found = self.resolve(code_or_name)
        if len(found) != 1:
            raise UnknownRuleError(code_or_name)
        return self.rules[found[0]]


def rules_in(module: Any) -> list[type[Rule[Any]]]:
    """The rule classes a module defines (not those it imports)."""
    return [
        value
        for value in vars(module).values()
        if isinstance(value, type)
        and issubclass(value, Rule)
        and value.__module__ == module.__name__
        and "meta" in vars(value)
    ]
