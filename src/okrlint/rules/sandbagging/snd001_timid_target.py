"""SND001 timid-target: The target is barely better than the baseline for the objective's type."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict, Field

from okrlint.api import Example, KeyResultItem, Rule, RuleContext, RuleMeta, Scope
from okrlint.findings import Severity, Violation
from okrlint.model import Direction
from okrlint.rules.sandbagging.shared import COMMITTED_EXAMPLE, EPSILON, EXAMPLE_HEAD, percent
from okrlint.text import reading_of
from okrlint.text.key_result_numbers import Numbers, numbers_of


def _type_name(item: KeyResultItem) -> str:
    return "a committed" if item.parent.is_committed else "an aspirational"


class TimidOptions(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    aspirational: float = Field(
        0.10, ge=0, description="least relative improvement for an aspirational key result"
    )
    committed: float = Field(
        0.03, ge=0, description="least relative improvement for a committed key result"
    )
    from_text: bool = Field(
        False,
        description=(
            "also judge the baseline and target read from the key result's sentence ('from 16% "
            "to 17%'); explicit `baseline`/`target` fields are always judged"
        ),
    )


class TimidTarget(Rule[TimidOptions]):
    meta = RuleMeta(
        code="SND001",
        name="timid-target",
        family="sandbagging",
        scope=Scope.KEY_RESULT,
        summary="The target is barely better than the baseline for the objective's type.",
        rationale=(
            "A target a hair away from where the team already is asks for no change: it is the "
            "sandbag of a team that fears missing. Google's playbook expects aspirational key "
            "results to land around 0.7, which only happens when the target is a real stretch; "
            "committed key results may be modest, but not a rounding error. The improvement is "
            "measured relative to the baseline, in the key result's direction ('reduce churn "
            "from 5% to 4.8%' is a 4% improvement). For percentages, closing a share of the "
            "room left to 100% also counts (95% to 99% closes 80% of the gap). A zero baseline "
            "has no relative change and is not judged. Explicit `baseline` and `target` fields "
            "are judged; with `from_text: true`, so are the numbers of the sentence."
        ),
        bad=(
            Example(
                EXAMPLE_HEAD
                + "    key_results:\n"
                + "      - title: Reduce monthly churn\n"
                + "        baseline: 5\n"
                + "        target: 4.8  # expect: SND001\n"
                + "        unit: '%'\n"
                + "      - title: Raise weekly active teams\n"
                + "        baseline: 1200\n"
                + "        target: 1250  # expect: SND001\n",
                messages=(
                    (
                        "the target 4.8 is only 4% below the baseline 5; an aspirational key "
                        "result should ask for at least 10%. Set a target the team is not yet "
                        "sure to reach."
                    ),
                    (
                        "the target 1250 is only 4.17% above the baseline 1200; an aspirational "
                        "key result should ask for at least 10%. Set a target the team is not "
                        "yet sure to reach."
                    ),
                ),
            ),
            Example(
                COMMITTED_EXAMPLE
                + "    key_results:\n"
                + "      - title: Raise invoices paid on time\n"
                + "        baseline: 400\n"
                + "        target: 408  # expect: SND001\n"
            ),
            Example(
                EXAMPLE_HEAD
                + "    key_results:\n"
                + "      - Raise the mid-market win rate from 16% to 17%  # expect: SND001\n"
                + "      - Cut monthly churn from 5% to 3%\n",
                options={"from_text": True},
            ),
        ),
        good=(
            Example(
                EXAMPLE_HEAD
                + "    key_results:\n"
                + "      - title: Reduce monthly churn\n"
                + "        baseline: 5\n"
                + "        target: 3\n"
                + "        unit: '%'\n"
                + "      - title: Raise uptime for paying teams\n"
                + "        baseline: 95\n"
                + "        target: 99\n"
                + "        unit: '%'\n"
                + "      - title: Raise teams using shared dashboards\n"
                + "        baseline: 0\n"
                + "        target: 40\n"
            ),
            Example(
                COMMITTED_EXAMPLE
                + "    key_results:\n"
                + "      - title: Raise invoices paid on time\n"
                + "        baseline: 400\n"
                + "        target: 412\n"
            ),
        ),
        needs_readings=True,
        severity=Severity.WARNING,
    )
    Options = TimidOptions

    def check(self, item: KeyResultItem, context: RuleContext[TimidOptions]) -> Iterator[Violation]:
        reading = reading_of(context.readings, item.text) if context.options.from_text else None
        numbers = numbers_of(item.key_result, reading)
        baseline, target, direction = numbers.baseline, numbers.target, numbers.direction
        if baseline is None or target is None or baseline == 0:
            return
        if direction not in (Direction.INCREASE, Direction.DECREASE):
            return
        change = target - baseline if direction is Direction.INCREASE else baseline - target
        if change <= 0:  # no change or the wrong way: SND002 and MEA003 say so
            return
        relative = change / abs(baseline)
        limit = (
            context.options.committed if item.parent.is_committed else context.options.aspirational
        )
        if relative >= limit - EPSILON:
            return
        gap = _headroom_closed(numbers, change)
        if gap is not None and gap >= limit - EPSILON:
            return
        word = "above" if direction is Direction.INCREASE else "below"
        yield item.violation(
            f"the target {target:g} is only {percent(relative)} {word} the baseline "
            f"{baseline:g}; {_type_name(item)} key result should ask for at least "
            f"{percent(limit)}. Set a target the team is not yet sure to reach.",
            field_name="target" if item.key_result.target is not None else None,
        )


def _headroom_closed(numbers: Numbers, change: float) -> float | None:
    """For a percentage rising towards 100, the share of the remaining room the target closes."""
    if not numbers.percent or numbers.direction is not Direction.INCREASE:
        return None
    room = 100 - (numbers.baseline or 0)
    return change / room if room > 0 else None
