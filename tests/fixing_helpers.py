"""A stand-in output rule for testing the fix machinery on its own, through the real engine."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from okrlint.config import DEFAULT, Overrides, Settings, resolve
from okrlint.document import load_text
from okrlint.engine import RunOptions, check_sources
from okrlint.findings import Finding, Violation
from okrlint.fixes import move_to_initiatives
from okrlint.registry import (
    Example,
    KeyResultItem,
    Registry,
    Rule,
    RuleContext,
    RuleMeta,
    Scope,
    builtin_rules,
)


class LaunchIsWork(Rule[Any]):
    """Flags key results that start with "Launch" or "Ship" and offers the move."""

    meta = RuleMeta(
        code="TST001",
        name="launch-is-work",
        family="testing",
        scope=Scope.KEY_RESULT,
        summary="test rule",
        rationale="test rule",
        bad=(Example("team: A\nperiod: 2026\n"),),
        good=(Example("team: A\nperiod: 2026\n"),),
        fixable=True,
    )

    def check(self, item: KeyResultItem, context: RuleContext[Any]) -> Iterator[Violation]:
        if item.text.startswith(("Launch", "Ship")):
            yield item.violation(
                f"'{item.text}' is work", fix=move_to_initiatives(item), suggestion="outcome"
            )


def make_registry() -> Registry:
    registry = Registry()
    for rule in builtin_rules():
        registry.add(rule)
    registry.add(LaunchIsWork)
    return registry


def settings(registry: Registry, select: list[str] | None = None) -> Settings:
    return resolve(DEFAULT, registry, Overrides(select=select or ["TST001", "FOC003"]))


def lint(text: str, registry: Registry, select: list[str] | None = None) -> list[Finding]:
    chosen = settings(registry, select)
    source = load_text(text, "okrs.yaml")
    return check_sources([(source, chosen)], registry, RunOptions(), chosen).findings
