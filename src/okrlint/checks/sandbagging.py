"""Sandbagging: safe targets set by teams afraid of missing them."""

from __future__ import annotations

from collections.abc import Iterator

from okrlint.findings import Severity, Violation
from okrlint.model import Direction, KeyResult
from okrlint.registry import Example, KeyResultItem, NoOptions, Rule, RuleContext, RuleMeta, Scope

_HEAD = "team: Growth\nperiod: 2026-Q1\nobjectives:\n  - title: Make onboarding effortless\n"


def direction_of(key_result: KeyResult) -> Direction | None:
    """The explicit direction, else the one the baseline and target imply."""
    if key_result.direction is not None:
        return key_result.direction
    if key_result.baseline is None or key_result.target is None:
        return None
    if key_result.target > key_result.baseline:
        return Direction.INCREASE
    if key_result.target < key_result.baseline:
        return Direction.DECREASE
    return Direction.MAINTAIN


def _reached(value: float, target: float, direction: Direction) -> bool:
    if direction is Direction.INCREASE:
        return value >= target
    if direction is Direction.DECREASE:
        return value <= target
    return False


class TargetAlreadyMet(Rule[NoOptions]):
    meta = RuleMeta(
        code="SND002",
        name="target-already-met",
        family="sandbagging",
        scope=Scope.KEY_RESULT,
        summary="The baseline or the current value is already at or past the target.",
        rationale=(
            "A key result whose target was reached before the period began asks for nothing: it "
            "is the classic sandbag, set by a team that fears missing. If the current value "
            "reaches the target early in the period, the target was too easy; raise it, and "
            "say so at the next check-in."
        ),
        bad=(
            Example(
                _HEAD
                + "    key_results:\n"
                + "      - title: Raise week-1 activation of new teams\n"
                + "        baseline: 32\n"
                + "        target: 45\n"
                + "        current: 47  # expect: SND002\n"
                + "      - title: Cut median time to first dashboard\n"
                + "        direction: decrease\n"
                + "        baseline: 12  # expect: SND002\n"
                + "        target: 15\n"
            ),
        ),
        good=(
            Example(
                _HEAD
                + "    key_results:\n"
                + "      - title: Raise week-1 activation of new teams\n"
                + "        baseline: 32\n"
                + "        target: 45\n"
                + "        current: 38\n"
                + "      - title: Cut median time to first dashboard\n"
                + "        direction: decrease\n"
                + "        baseline: 42\n"
                + "        target: 15\n"
            ),
        ),
        severity=Severity.WARNING,
    )

    def check(self, item: KeyResultItem, context: RuleContext[NoOptions]) -> Iterator[Violation]:
        key_result = item.key_result
        target = key_result.target
        direction = direction_of(key_result)
        if target is None or direction is None or direction is Direction.MAINTAIN:
            return
        word = "above" if direction is Direction.INCREASE else "below"
        if key_result.baseline is not None and _reached(key_result.baseline, target, direction):
            yield item.violation(
                f"the baseline {key_result.baseline:g} is already at or {word} the target "
                f"{target:g}, so this key result asks for no change; set a target the team is "
                "not yet sure to reach.",
                field_name="baseline",
            )
        elif key_result.current is not None and _reached(key_result.current, target, direction):
            yield item.violation(
                f"the current value {key_result.current:g} is already at or {word} the target "
                f"{target:g}; if the period is young, the target was too easy: raise it and say "
                "so at the next check-in.",
                field_name="current",
            )
