"""SND001 timid-target: The target is barely better than the baseline for the objective's type."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, Field

from okrlint import quantities
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
from okrlint.model import Direction
from okrlint.quantities import Quantity
from okrlint.rules.sandbagging.shared import COMMITTED_EXAMPLE, EPSILON, percent
from okrlint.text.key_result_numbers import Numbers, numbers_of


def _type_name(item: KeyResultItem) -> str:
    return "a committed" if item.parent.is_committed else "an aspirational"


class TimidOptions(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    aspirational: float = Field(
        0.05,
        ge=0,
        description=(
            "least improvement for an aspirational key result: relative to the baseline, or for "
            "a ratio past 100% relative to its distance from 100"
        ),
    )
    committed: float = Field(
        0.03,
        ge=0,
        description="least improvement for a committed key result, measured the same way",
    )
    near_100: float = Field(
        90,
        ge=0,
        le=100,
        description=(
            "a percentage rising from at least this is judged by the failures it removes "
            "(99.5% to 99.95% removes nine in ten)"
        ),
    )
    fewer_failures_aspirational: float = Field(
        0.25,
        ge=0,
        le=1,
        description="least share of the failures an aspirational rate near 100% must remove",
    )
    fewer_failures_committed: float = Field(
        0.10,
        ge=0,
        le=1,
        description="least share of the failures a committed rate near 100% must remove",
    )
    from_text: bool = Field(
        True,
        description=(
            "judge the baseline and target read from the key result's sentence ('from 16% to "
            "17%') as well as explicit `baseline`/`target` fields"
        ),
    )


@dataclass(frozen=True, slots=True)
class Ambition:
    """How much a target asks for, on the scale that fits its measure."""

    # The improvement as a share (0.05 is 5%) and the least share asked for.
    share: float
    limit: float
    # How the share is read, for the message; "{baseline}" stands for the baseline as shown.
    described: str


def ambition(numbers: Numbers, committed: bool, options: TimidOptions) -> Ambition | None:
    """The improvement the target asks for, or None when it cannot be judged.

    - a percentage rising from `near_100` or more (availability, success rates): the share of the
      failures it removes (99.5% -> 99.95% is 0.5% -> 0.05% of failures: 90% fewer);
    - a ratio past 100% (net retention, quota attainment above plan): the change relative to
      the distance from 100 (104% -> 110% is a 4-point excess grown to 10: +150%);
    - any other percentage: the relative change, or the share of the room to 100% it closes,
      whichever is larger (16% -> 17% is +6.25% relative, 1 percentage point);
    - everything else: the relative change in one unit (1.2 s -> 800 ms is a third less).
    """
    baseline, target, direction = numbers.baseline, numbers.target, numbers.direction
    if baseline is None or target is None or numbers.problem is not None:
        return None
    if direction not in (Direction.INCREASE, Direction.DECREASE):
        return None
    change = target - baseline if direction is Direction.INCREASE else baseline - target
    if change <= 0:  # no change or the wrong way: SND002 and MEA003 say so
        return None
    base = options.committed if committed else options.aspirational
    if numbers.percent and direction is Direction.INCREASE:
        if options.near_100 <= baseline < 100 and target <= 100:
            limit = (
                options.fewer_failures_committed
                if committed
                else options.fewer_failures_aspirational
            )
            removed = change / (100 - baseline)
            return Ambition(
                removed,
                limit,
                f"removes only {percent(removed)} of the failures left at the baseline "
                f"{{baseline}} ({100 - baseline:.3g}% -> {100 - target:.3g}%)",
            )
        if baseline > 100 or (numbers.past_100 and baseline >= 100):
            excess = baseline - 100
            if excess <= 0:
                return None
            grown = change / excess
            return Ambition(
                grown,
                base,
                f"grows the {excess:.3g}-point excess over 100% of the baseline {{baseline}} by "
                f"only {percent(grown)}",
            )
    if baseline == 0:
        return None
    relative = change / abs(baseline)
    word = "above" if direction is Direction.INCREASE else "below"
    if numbers.percent:
        room = 100 - baseline if direction is Direction.INCREASE else baseline
        closed = change / room if room > 0 else 0.0
        return Ambition(
            max(relative, closed),
            base,
            f"is only {change:.3g} percentage points ({percent(relative)}) {word} the baseline "
            "{baseline}",
        )
    return Ambition(relative, base, f"is only {percent(relative)} {word} the baseline {{baseline}}")


def _shown(value: float, numbers: Numbers) -> str:
    unit = quantities.symbol(Quantity(value, numbers.dimension or "", numbers.unit, ""))
    if numbers.percent or unit == "%":
        return f"{value:g}%"
    if numbers.dimension == quantities.MONEY:
        return f"{value:,.10g} {unit}"
    return f"{value:g} {unit}" if unit else f"{value:g}"


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
            "committed key results may be modest, but not a rounding error. The baseline and "
            "target come from the fields or, by default, from the sentence ('from 1.2 s to "
            "800 ms'), compared in one unit; numbers that cannot be compared (5% and 200 ms, "
            "two currencies) are not judged. The improvement is read on the scale of the "
            "measure: by default 5% for an aspirational key result and 3% for a committed one, "
            "relative to the baseline ('reduce churn from 5% to 4.8%' is 4%); a percentage "
            "rising from 90% or more (availability, success rates) by the share of failures it "
            "removes, at least 25% (aspirational) or 10% (committed), as SRE practice reads "
            "availability by its error budget; a ratio past 100% (net revenue retention, quota "
            "attainment) relative to its distance from 100; other percentages by their relative "
            "change or the share of the room to 100% they close, whichever is larger. A zero "
            "baseline has no relative change and is not judged."
        ),
        bad=(
            Example(
                example_head(objective="Make onboarding effortless")
                + "    key_results:\n"
                + "      - title: Reduce monthly churn\n"
                + "        baseline: 5\n"
                + "        target: 4.8  # expect: SND001\n"
                + "        unit: '%'\n"
                + "      - title: Raise weekly active teams\n"
                + "        baseline: 1200\n"
                + "        target: 1250  # expect: SND001\n"
                + "      - Grow weekly active workspaces from 2,000 to 2,080  # expect: SND001\n"
                + "      - Cut search p95 from 4s to 3900ms  # expect: SND001\n"
                + "      - Lift the trial-to-paid rate from 1,5% to 1,55%  # expect: SND001\n",
                messages=(
                    (
                        "the target 4.8% is only 0.2 percentage points (4%) below the baseline "
                        "5%; an aspirational key result should ask for at least 5%. Set a target "
                        "the team is not yet sure to reach."
                    ),
                    (
                        "the target 1250 is only 4.17% above the baseline 1200; an aspirational "
                        "key result should ask for at least 5%. Set a target the team is not yet "
                        "sure to reach."
                    ),
                    (
                        "the target 2080 is only 4% above the baseline 2000; an aspirational key "
                        "result should ask for at least 5%. Set a target the team is not yet "
                        "sure to reach."
                    ),
                    (
                        "the target 3900 ms is only 2.5% below the baseline 4000 ms; an "
                        "aspirational key result should ask for at least 5%. Set a target the "
                        "team is not yet sure to reach."
                    ),
                    (
                        "the target 1.55% is only 0.05 percentage points (3.33%) above the "
                        "baseline 1.5%; an aspirational key result should ask for at least 5%. "
                        "Set a target the team is not yet sure to reach."
                    ),
                ),
            ),
            Example(
                # Near 100%, the failures are what moves: 99.2% -> 99.3% leaves 7 in 8.
                example_head(objective="Make onboarding effortless")
                + "    key_results:\n"
                + "      - Raise API availability from 99.2% to 99.3%  # expect: SND001\n"
                + "      - title: Raise sync success rate\n"
                + "        baseline: 98.0\n"
                + "        target: 98.2  # expect: SND001\n"
            ),
            Example(
                COMMITTED_EXAMPLE
                + "    key_results:\n"
                + "      - title: Raise invoices paid on time\n"
                + "        baseline: 400\n"
                + "        target: 408  # expect: SND001\n"
            ),
        ),
        good=(
            Example(
                example_head(objective="Make onboarding effortless")
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
                + "      - Cut dashboard load time from 2.4 s to 900 ms\n"
                + "      - Shorten vendor onboarding from 3 days to 6 hours\n"
            ),
            Example(
                # Ten times fewer failures; the excess over 100% more than doubles.
                example_head(objective="Make onboarding effortless")
                + "    key_results:\n"
                + "      - Raise checkout availability from 99.5% to 99.95%\n"
                + "      - title: Raise export job availability\n"
                + "        baseline: 99.3\n"
                + "        target: 99.9\n"
                + "      - Grow net dollar retention from 103% to 108%\n"
                + "      - Lift the signup conversion rate from 2% to 2.6%\n"
            ),
            Example(
                # Numbers that measure different things are not compared.
                example_head(objective="Make onboarding effortless")
                + "    key_results:\n"
                + "      - Cut report build time from 5% of runs to 200 ms\n"
                + "      - Grow marketplace payouts from EUR 2M to $2.1M\n"
                + "      - Cut review wait from 2 sprints to 13 days\n"
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
        judged=(0, 0),
        severity=Severity.WARNING,
    )
    Options = TimidOptions

    def check(self, item: KeyResultItem, context: RuleContext[TimidOptions]) -> Iterator[Violation]:
        reading = (
            reading_of(context.readings, item.key_result.title)
            if context.options.from_text
            else None
        )
        numbers = numbers_of(item.key_result, reading)
        judged = ambition(numbers, item.parent.is_committed, context.options)
        if judged is None or judged.share >= judged.limit - EPSILON:
            return
        assert numbers.baseline is not None and numbers.target is not None
        yield item.violation(
            f"the target {_shown(numbers.target, numbers)} "
            f"{judged.described.format(baseline=_shown(numbers.baseline, numbers))}; "
            f"{_type_name(item)} key result should ask for "
            f"at least {percent(judged.limit)}. Set a target the team is not yet sure to reach.",
            field_name="target" if item.key_result.target is not None else None,
        )
