"""The check stage: run the selected rules of each scope on each item, and stamp what they yield.

A rule yields violations (what and where, as a node path); here they become findings with the
rule's code, name, severity (from the settings) and 1-based position. A rule that raises is
reported as a finding of its own instead of hiding the other rules' findings.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import signal
import threading
import traceback
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from okrlint.api import Rule, RuleContext, Scope, Workspace
from okrlint.config.settings import Settings
from okrlint.findings import Finding, Severity, Violation
from okrlint.periods import period_text
from okrlint.pipeline.filter import applies
from okrlint.pipeline.understand import RunReadings
from okrlint.rules.registry import Registry


class RuleRunner:
    """Runs the selected rules of one scope on one item, isolating crashes."""

    def __init__(self, registry: Registry, today: dt.date) -> None:
        self._by_scope: dict[Scope, list[type[Rule[Any]]]] = {}
        for rule in registry.sorted():
            self._by_scope.setdefault(rule.meta.scope, []).append(rule)
        self._instances: dict[str, Rule[Any]] = {}
        self._today = today
        self._readings = RunReadings()
        # The rules to run with their contexts, by scope and settings: the same for every item
        # of a batch, so they are worked out once per batch, not once per item.
        self._plans: dict[tuple[Scope, int], list[_Planned]] = {}
        self.violations: list[tuple[Violation, type[Rule[Any]]]] = []
        self.crashes: list[Finding] = []

    @property
    def readings(self) -> RunReadings:
        return self._readings

    @readings.setter
    def readings(self, readings: RunReadings) -> None:
        self._readings = readings
        self._plans.clear()

    def run(self, scope: Scope, item: Any, settings: Settings) -> None:
        key = (scope, id(settings))
        plan = self._plans.get(key)
        if plan is None or isinstance(item, Workspace):
            plan = self._plans[key] = self._plan(scope, item, settings)
        for rule, instance, context, timed in plan:
            try:
                if timed:
                    with _time_limit(rule):
                        self._collect(rule, instance.check(item, context))
                else:
                    self._collect(rule, instance.check(item, context))
            # One broken rule must not hide the others' findings. SystemExit too: a plugin that
            # exits would end the run with status 0 and no output, and CI would pass unlinted.
            except (Exception, SystemExit) as error:
                self.crashes.append(crash_finding(rule, item, error))

    def _collect(self, rule: type[Rule[Any]], found: Iterable[Violation]) -> None:
        violations = self.violations
        for violation in found:
            if not _well_formed(violation):
                raise TypeError(
                    f"check() yielded {_short_repr(violation)}, not an okrlint "
                    "Violation with a text message"
                )
            violations.append((violation, rule))

    def _plan(self, scope: Scope, item: Any, settings: Settings) -> list[_Planned]:
        workspace = item if isinstance(item, Workspace) else _NO_WORKSPACE
        plan: list[_Planned] = []
        for rule in self._by_scope.get(scope, ()):
            code = rule.meta.code
            if code not in settings.selected:
                continue
            instance = self._instances.get(code)
            if instance is None:
                instance = self._instances[code] = rule()
            context = RuleContext(
                settings.options[code],
                self._today,
                self._readings.for_settings(settings) if rule.meta.needs_readings else {},
                workspace=workspace,
                fiscal_year_start=settings.config.values.fiscal_year_start,
            )
            # Only plugin rules run under a timer: entering one for every rule and item costs
            # a cold run about a twentieth of its time.
            plan.append((rule, instance, context, _timed(rule)))
        return plan

    def stamp(self, settings_of: Mapping[int, Settings], default: Settings) -> list[Finding]:
        """The violations so far as findings, while their documents are there to locate them."""
        findings = []
        for violation, rule in self.violations:
            settings = settings_of.get(id(violation.source), default)
            if applies(rule.meta.code, violation, settings):
                findings.append(stamp(violation, rule, settings))
        self.violations.clear()
        return findings


_Planned = tuple[type[Rule[Any]], Rule[Any], RuleContext[Any], bool]


class RuleTimeoutError(Exception):
    """A plugin rule that ran past its time limit on one item."""


def plugin_time_limit() -> float:
    """Seconds a plugin rule may spend on one item (`OKRLINT_PLUGIN_TIMEOUT`, default 30)."""
    try:
        limit = float(os.environ.get("OKRLINT_PLUGIN_TIMEOUT", "30"))
    except ValueError:
        return 30.0
    return limit if 0 < limit < 86_400 else 30.0


def _timed(rule: type[Rule[Any]]) -> bool:
    """Whether a rule runs under a timer: plugin rules, where a timer works (`_time_limit`)."""
    return (
        rule.meta.source.startswith("plugin:")
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
    )


@contextlib.contextmanager
def _time_limit(rule: type[Rule[Any]]) -> Iterator[None]:
    """Stop a plugin rule that hangs, so that a CI run ends with the plugin named instead of
    running until the job is killed. Built-in and rule-pack rules are bounded by their own code
    and run without a timer. The timer is SIGALRM, so it works in the main thread of a POSIX
    process (the CLI and its workers); elsewhere (Windows, the language server's threads) a
    plugin runs unbounded, as installed plugins are trusted code."""
    if not _timed(rule):
        yield
        return
    limit = plugin_time_limit()

    def stop(_signal: int, _frame: object) -> None:
        raise RuleTimeoutError(f"it ran longer than {limit:g} s on one item and was stopped")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, limit)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


_NO_WORKSPACE = Workspace(())


def _well_formed(violation: Any) -> bool:
    return (
        type(violation) is Violation
        and isinstance(violation.message, str)
        and isinstance(violation.object_id, str)
        and isinstance(violation.text, str)
        and (violation.suggestion is None or isinstance(violation.suggestion, str))
        and isinstance(violation.node, tuple)
    )


def _short_repr(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def crash_finding(rule: type[Rule[Any]], item: Any, error: BaseException) -> Finding:
    where = traceback.extract_tb(error.__traceback__)[-1]
    source = getattr(item, "source", None) or getattr(
        getattr(item, "document", None), "source", None
    )
    path = source.display if source is not None else ""
    document = getattr(item, "document", None)
    node = getattr(item, "node", None)
    span = document.locate(node) if document is not None and node is not None else None
    return Finding(
        path=path,
        line=span.line if span else 1,
        column=span.column if span else 1,
        end_line=span.end_line if span else 1,
        end_column=span.end_column if span else 1,
        code=rule.meta.code,
        name=rule.meta.name,
        severity=Severity.ERROR,
        message=(
            f"the rule {rule.meta.code} ({rule.meta.source}) failed: "
            f"{type(error).__name__}: {error} (at {Path(where.filename).name}:{where.lineno}); "
            "its findings for this item are missing"
        ),
        object=str(getattr(item, "object_id", "")),
    )


def stamp(violation: Violation, rule: type[Rule[Any]], settings: Settings) -> Finding:
    if violation.span is not None:
        span = violation.span
    elif violation.document is not None:
        span = violation.document.locate(violation.node, violation.at_value)
    else:
        span = None
    line, column, end_line, end_column = (
        (span.line, span.column, span.end_line, span.end_column) if span else (1, 1, 1, 1)
    )
    team, period = violation.team, violation.period
    if not team and violation.document is not None:
        team, period = _set_of(violation.document.data)
    return Finding(
        path=violation.source.display,
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        code=rule.meta.code,
        name=rule.meta.name,
        severity=Severity.INFO if violation.hint else settings.severity_of(rule.meta.code),
        message=violation.message,
        object=violation.object_id,
        text=violation.text,
        # A fix edits okrlint's YAML; a file read from another shape is never edited.
        fix=violation.fix if violation.source.read_as is None else None,
        suggestion=violation.suggestion,
        team=team,
        period=period,
        # A trained judgement's probability, else the rule's measured confidence.
        confidence=rule.meta.confidence if violation.confidence is None else violation.confidence,
        structure=violation.structure,
    )


def _set_of(data: object) -> tuple[str, str]:
    """The team and period a document names, as written, even when it breaks the format."""
    if not isinstance(data, dict):
        return "", ""
    team = data.get("team")
    period = data.get("period")
    return ("" if team is None else str(team)), ("" if period is None else period_text(period))
