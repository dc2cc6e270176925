"""SND002 target-already-met: The baseline or the current value is already at or past the target."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict, Field

from okrlint.api import (
    Example,
    KeyResultItem,
    Rule,
    RuleContext,
    RuleMeta,
    Scope,
    Severity,
    Violation,
    example_head,
    reading_of,
)
from okrlint.model import Direction, KeyResult
from okrlint.periods import resolve_period
from okrlint.rules.sandbagging.shared import EPSILON, percent
from okrlint.text.key_result_numbers import numbers_of


def _reached(value: float, target: float, direction: Direction) -> bool:
    if direction is Direction.INCREASE:
        return value >= target
    if direction is Direction.DECREASE:
        return value <= target
    return False


class AlreadyMetOptions(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    early: float = Field(
        0.5,
        ge=0,
        le=1,
        description=(
            "a current value at the target is flagged when it was reached within this share "
            "of the period (a target met in the last weeks is a success, not a sandbag)"
        ),
    )


class TargetAlreadyMet(Rule[AlreadyMetOptions]):
    meta = RuleMeta(
        code="SND002",
        name="target-already-met",
        family="sandbagging",
        scope=Scope.KEY_RESULT,
        summary="The baseline or the current value is already at or past the target.",
        rationale=(
            "A key result whose target was reached before the period began asks for nothing: it "
            "is the classic sandbag, set by a team that fears missing. If the current value "
            "reaches the target early in the period (by default in its first half), the target "
            "was too easy; raise it, and say so at the next check-in. The comparison follows "
            "the key result's direction: for 'reduce', a baseline already below the target is "
            "met."
        ),
        bad=(
            Example(
                example_head(objective="Make onboarding effortless")
                + "    key_results:\n"
                + "      - title: Raise week-1 activation of new teams\n"
                + "        baseline: 32\n"
                + "        target: 45\n"
                + "        current: 47  # expect: SND002\n"
                + "      - title: Cut median time to first dashboard\n"
                + "        direction: decrease\n"
                + "        baseline: 12  # expect: SND002\n"
                + "        target: 15\n"
                + "      - title: Raise weekly active teams\n"
                + "        direction: increase\n"
                + "        baseline: 1200  # expect: SND002\n"
                + "        target: 1200\n",
                today=dt.date(2026, 2, 1),
                messages=(
                    (
                        "the current value 47 was already at or above the target 45 on "
                        "2026-02-01, 35.6% into the period; the target was too easy: raise it "
                        "and say so at the next check-in."
                    ),
                    (
                        "the baseline 12 is already at or below the target 15 (decrease), so "
                        "this key result asks for no change; set a target the team is not yet "
                        "sure to reach."
                    ),
                    (
                        "the baseline 1200 is already at or above the target 1200 (increase), so "
                        "this key result asks for no change; set a target the team is not yet "
                        "sure to reach."
                    ),
                ),
            ),
            Example(
                example_head(objective="Make onboarding effortless")
                + "    key_results:\n"
                + "      - title: Raise week-1 activation of new teams\n"
                + "        baseline: 32\n"
                + "        target: 45\n"
                + "        checkins:  # expect: SND002\n"
                + "          - {date: 2026-01-20, value: 46}\n",
                today=dt.date(2026, 3, 30),
            ),
        ),
        good=(
            Example(
                example_head(objective="Make onboarding effortless")
                + "    key_results:\n"
                + "      - title: Raise week-1 activation of new teams\n"
                + "        baseline: 32\n"
                + "        target: 45\n"
                + "        current: 38\n"
                + "      - title: Cut median time to first dashboard\n"
                + "        direction: decrease\n"
                + "        baseline: 42\n"
                + "        target: 15\n",
                today=dt.date(2026, 2, 1),
            ),
            Example(
                # Reached in the last weeks of the period, or graded after it closed: a success.
                example_head(objective="Make onboarding effortless")
                + "    key_results:\n"
                + "      - title: Raise week-1 activation of new teams\n"
                + "        baseline: 32\n"
                + "        target: 45\n"
                + "        checkins:\n"
                + "          - {date: 2026-03-20, value: 46}\n"
                + "      - title: Cut median time to first dashboard\n"
                + "        baseline: 42\n"
                + "        target: 15\n"
                + "        current: 14\n",
                today=dt.date(2026, 4, 10),
            ),
        ),
        needs_readings=True,
        judged=(0, 0),
        severity=Severity.WARNING,
    )
    Options = AlreadyMetOptions

    def check(
        self, item: KeyResultItem, context: RuleContext[AlreadyMetOptions]
    ) -> Iterator[Violation]:
        key_result = item.key_result
        numbers = numbers_of(key_result, reading_of(context.readings, key_result.title))
        target, direction = numbers.target, numbers.direction
        if target is None or direction is None or direction is Direction.MAINTAIN:
            return
        word = "above" if direction is Direction.INCREASE else "below"
        if numbers.baseline is not None and _reached(numbers.baseline, target, direction):
            yield item.violation(
                f"the baseline {numbers.baseline:g} is already at or {word} the target "
                f"{target:g} ({direction.value}), so this key result asks for no change; set a "
                "target the team is not yet sure to reach.",
                field_name="baseline" if key_result.baseline is not None else None,
            )
            return
        if numbers.current is None or not _reached(numbers.current, target, direction):
            return
        period = resolve_period(item.parent.okr_set.period, context.fiscal_year_start)
        reached_on = _reached_on(key_result, target, direction) or context.today
        if period is not None:
            share = period.elapsed_share(reached_on)
            if reached_on > period.end or share > context.options.early + EPSILON:
                return
            when = f"on {reached_on.isoformat()}, {percent(share)} into the period"
        else:
            when = f"as of {reached_on.isoformat()}"
        yield item.violation(
            f"the current value {numbers.current:g} was already at or {word} the target "
            f"{target:g} {when}; the target was too easy: raise it and say so at the next "
            "check-in.",
            field_name="current" if key_result.current is not None else "checkins",
        )


def _reached_on(key_result: KeyResult, target: float, direction: Direction) -> dt.date | None:
    """The date of the first check-in at or past the target, when the current value is not set."""
    if key_result.current is not None:
        return None
    for checkin in sorted(key_result.checkins, key=lambda c: c.date):
        if checkin.value is not None and _reached(checkin.value, target, direction):
            return checkin.date
    return None
