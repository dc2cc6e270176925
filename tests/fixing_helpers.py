"""A stand-in output rule for testing the fix machinery on its own, through the real engine."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from okrlint.api import Example, KeyResultItem, Rule, RuleContext, RuleMeta, Scope
from okrlint.config.files import DEFAULT
from okrlint.config.settings import Overrides, Settings, resolve
from okrlint.findings import Finding, Violation
from okrlint.fix.edits import move_to_initiatives
from okrlint.pipeline.load import load_text
from okrlint.pipeline.run import RunOptions, check_sources
from okrlint.rules.assembly import builtin_rules
from okrlint.rules.registry import Registry


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
