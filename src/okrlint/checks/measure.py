"""Measure: a key result needs a number to reach, and a starting value to judge it against."""

from __future__ import annotations

import re
from collections.abc import Iterator

from okrlint.findings import Severity, Violation
from okrlint.registry import Example, KeyResultItem, NoOptions, Rule, RuleContext, RuleMeta, Scope

_HEAD = "team: Growth\nperiod: 2026-Q1\nobjectives:\n  - title: Make onboarding effortless\n"
_DIGIT = re.compile(r"\d")


class NoTarget(Rule[NoOptions]):
    meta = RuleMeta(
        code="MEA001",
        name="no-target",
        family="measure",
        scope=Scope.KEY_RESULT,
        summary="A key result with no number to reach.",
        rationale=(
            "Doerr's test for a key result: 'it is not a key result unless it has a number'. "
            "Without a target nobody can say at the end of the period whether it was met, and "
            "the grade becomes a matter of opinion. Write the number in the sentence "
            "('from 32% to 45%') or set `target:`."
        ),
        bad=(
            Example(
                _HEAD
                + "    key_results:\n"
                + "      - Improve onboarding for new teams  # expect: MEA001\n"
                + "      - title: Raise activation of new teams  # expect: MEA001\n"
                + "        metric: share of new teams active in week 1\n"
            ),
        ),
        good=(
            Example(
                _HEAD
                + "    key_results:\n"
                + "      - Raise week-1 activation of new teams from 32% to 45%\n"
                + "      - title: Cut time to first dashboard\n"
                + "        baseline: 42\n"
                + "        target: 15\n"
                + "        unit: min\n"
            ),
        ),
        severity=Severity.WARNING,
    )

    def check(self, item: KeyResultItem, context: RuleContext[NoOptions]) -> Iterator[Violation]:
        key_result = item.key_result
        if key_result.target is not None or _DIGIT.search(key_result.title):
            return
        yield item.violation(
            "no number to reach: the text has no figure and there is no `target`. Say how much "
            "and by when ('from 32% to 45%'), or set `target:` so the key result can be graded.",
        )
