"""STR004 metric-as-objective: An objective phrased as a number rather than a qualitative goal."""

from __future__ import annotations

import re
from collections.abc import Iterator

from okrlint.api import (
    Example,
    NoOptions,
    ObjectiveItem,
    Rule,
    RuleContext,
    RuleMeta,
    Scope,
    Severity,
    Violation,
    example_head,
    reading_of,
)

# Roles that make a title a metric: an amount to reach or a change by an amount.
_AMOUNT_ROLES = frozenset({"baseline", "target", "delta", "threshold"})


class MetricAsObjective(Rule[NoOptions]):
    meta = RuleMeta(
        code="STR004",
        name="metric-as-objective",
        family="structure",
        scope=Scope.OBJECTIVE,
        summary="An objective phrased as a number rather than a qualitative goal.",
        rationale=(
            "Objectives are 'significant, concrete, action-oriented and (ideally) inspirational' "
            "(Doerr); the numbers belong in the key results. 'Grow ARR 20%' as an objective "
            "leaves nothing to measure it by and no reason why it matters. Say what the number "
            "stands for ('Become the tool mid-market finance teams choose') and move the number "
            "into a key result."
        ),
        bad=(
            Example(
                example_head()
                + "  - title: Grow ARR by 20%  # expect: STR004\n"
                + "    key_results:\n"
                + "      - Raise trial-to-paid conversion from 9% to 14%\n",
                messages=(
                    (
                        "the objective is a metric ('20%'): say in words what the number stands "
                        "for and why it matters, and move the number into a key result."
                    ),
                ),
            ),
        ),
        good=(
            Example(
                example_head()
                + "  - title: Become the tool mid-market finance teams choose\n"
                + "    key_results:\n"
                + "      - Grow mid-market ARR from $2M to $2.4M\n"
                + "  - title: Win 3 new markets in 2026 Q1\n"
                + "    key_results:\n"
                + "      - Raise paying accounts in new markets from 0 to 150\n"
                + "  - title: Parents enrol without having to ask twice\n"
                + "    key_results:\n"
                + "      - Raise online enrolments finished in one visit from 40% to 70%\n"
            ),
        ),
        severity=Severity.WARNING,
        needs_readings=True,
        judged=(8, 8),
    )

    def check(self, item: ObjectiveItem, context: RuleContext[NoOptions]) -> Iterator[Violation]:
        reading = reading_of(context.readings, item.objective.title)
        if reading is None or not reading.english:
            return
        amounts = [
            n
            for n in reading.numbers
            if n.role in _AMOUNT_ROLES
            # A small count is part of a goal ("Win 3 new markets"), a bare number may be a label
            # ("Objective 12"); an amount written as one ("1M", "10,000") is a metric.
            and (
                n.kind in ("percent", "currency", "multiple")
                or n.role != "target"
                or re.search(r"[,kKmMbB]", n.text) is not None
            )
        ]
        if not amounts:
            return
        quoted = ", ".join(f"'{n.text}'" for n in amounts)
        yield item.violation(
            f"the objective is a metric ({quoted}): say in words what the number stands for and "
            "why it matters, and move the number into a key result.",
            field_name="title",
        )
