"""Sandbagging: safe targets set by teams afraid of missing them."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, Field

from okrlint.analysis import quantities
from okrlint.analysis.quantities import Quantity
from okrlint.findings import Severity, Violation
from okrlint.measures import Numbers, numbers_of, reading_of
from okrlint.model import Direction, KeyResult, ObjectiveType
from okrlint.periods import DateRange, period_label, resolve_period
from okrlint.registry import (
    Example,
    KeyResultItem,
    Rule,
    RuleContext,
    RuleMeta,
    Scope,
    Workspace,
)
from okrlint.repository import team_key
from okrlint.summary import SetSummary

_HEAD = "team: Growth\nperiod: 2026-Q1\nobjectives:\n  - title: Make onboarding effortless\n"
_COMMITTED = (
    "team: Growth\nperiod: 2026-Q1\nobjectives:\n  - title: Keep the lights on\n"
    "    type: committed\n"
)
# Comparisons of fractions computed from decimals ("5 to 5.5" is 0.1) must not miss by 1e-16.
_EPSILON = 1e-9


def direction_of(key_result: KeyResult) -> Direction | None:
    """The explicit direction, else the one the baseline and target imply."""
    return numbers_of(key_result).direction


def _reached(value: float, target: float, direction: Direction) -> bool:
    if direction is Direction.INCREASE:
        return value >= target
    if direction is Direction.DECREASE:
        return value <= target
    return False


def _percent(share: float) -> str:
    return f"{share * 100:.3g}%"


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
                f"removes only {_percent(removed)} of the failures left at the baseline "
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
                f"only {_percent(grown)}",
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
            f"is only {change:.3g} percentage points ({_percent(relative)}) {word} the baseline "
            "{baseline}",
        )
    return Ambition(
        relative, base, f"is only {_percent(relative)} {word} the baseline {{baseline}}"
    )


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
                _HEAD
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
                + "      - Lift the trial-to-paid rate from 1,5% to 1,55%  # expect: SND001\n"
            ),
            Example(
                # Near 100%, the failures are what moves: 99.2% -> 99.3% leaves 7 in 8.
                _HEAD
                + "    key_results:\n"
                + "      - Raise API availability from 99.2% to 99.3%  # expect: SND001\n"
                + "      - title: Raise sync success rate\n"
                + "        baseline: 98.0\n"
                + "        target: 98.2  # expect: SND001\n"
            ),
            Example(
                _COMMITTED
                + "    key_results:\n"
                + "      - title: Raise invoices paid on time\n"
                + "        baseline: 400\n"
                + "        target: 408  # expect: SND001\n"
            ),
        ),
        good=(
            Example(
                _HEAD
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
                _HEAD
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
                _HEAD
                + "    key_results:\n"
                + "      - Cut report build time from 5% of runs to 200 ms\n"
                + "      - Grow marketplace payouts from EUR 2M to $2.1M\n"
                + "      - Cut review wait from 2 sprints to 13 days\n"
            ),
            Example(
                _COMMITTED
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
        reading = (
            reading_of(item.key_result, context.readings) if context.options.from_text else None
        )
        numbers = numbers_of(item.key_result, reading)
        judged = ambition(numbers, item.parent.is_committed, context.options)
        if judged is None or judged.share >= judged.limit - _EPSILON:
            return
        assert numbers.baseline is not None and numbers.target is not None
        yield item.violation(
            f"the target {_shown(numbers.target, numbers)} "
            f"{judged.described.format(baseline=_shown(numbers.baseline, numbers))}; "
            f"{_type_name(item)} key result should ask for "
            f"at least {_percent(judged.limit)}. Set a target the team is not yet sure to reach.",
            field_name="target" if item.key_result.target is not None else None,
        )


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
                + "      - title: Raise weekly active teams\n"
                + "        direction: increase\n"
                + "        baseline: 1200  # expect: SND002\n"
                + "        target: 1200\n",
                today=dt.date(2026, 2, 1),
            ),
            Example(
                _HEAD
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
                _HEAD
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
                _HEAD
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
        severity=Severity.WARNING,
    )
    Options = AlreadyMetOptions

    def check(
        self, item: KeyResultItem, context: RuleContext[AlreadyMetOptions]
    ) -> Iterator[Violation]:
        key_result = item.key_result
        numbers = numbers_of(key_result, reading_of(key_result, context.readings))
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
            if reached_on > period.end or share > context.options.early + _EPSILON:
                return
            when = f"on {reached_on.isoformat()}, {_percent(share)} into the period"
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


class ConfidenceOptions(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    max: float = Field(
        0.9,
        ge=0,
        le=1,
        description="a starting confidence at or above this is flagged on aspirational results",
    )


class OverconfidentStart(Rule[ConfidenceOptions]):
    meta = RuleMeta(
        code="SND004",
        name="overconfident-start",
        family="sandbagging",
        scope=Scope.KEY_RESULT,
        summary="An aspirational key result that starts with a confidence of 0.9 or more.",
        rationale=(
            "An aspirational key result is a stretch: Google's playbook expects it to land "
            "around 0.7, and Wodtke sets key results at about 5 in 10 confidence at kick-off. A "
            "team 90% sure at the start has set a target it already knows how to hit. The "
            "starting confidence is the first check-in's, or the key result's `confidence` when "
            "there are no check-ins. Committed key results are meant to be met and are not "
            "judged."
        ),
        bad=(
            Example(
                _HEAD
                + "    key_results:\n"
                + "      - title: Raise week-1 activation of new teams\n"
                + "        baseline: 32\n"
                + "        target: 45\n"
                + "        confidence: 9/10  # expect: SND004\n"
                + "      - title: Cut median time to first dashboard\n"
                + "        baseline: 42\n"
                + "        target: 15\n"
                + "        checkins:\n"
                + "          - {date: 2026-01-07, confidence: 0.95}  # expect: SND004\n"
                + "          - {date: 2026-02-07, confidence: 0.6}\n"
            ),
        ),
        good=(
            Example(
                _HEAD
                + "    key_results:\n"
                + "      - title: Raise week-1 activation of new teams\n"
                + "        baseline: 32\n"
                + "        target: 45\n"
                + "        confidence: 0.5\n"
                + "      - title: Cut median time to first dashboard\n"
                + "        baseline: 42\n"
                + "        target: 15\n"
                + "        checkins:\n"
                + "          - {date: 2026-01-07, confidence: 0.6}\n"
                + "          - {date: 2026-03-07, confidence: 0.95}\n"
            ),
            Example(
                _COMMITTED
                + "    key_results:\n"
                + "      - title: Keep invoices paid on time above 98%\n"
                + "        confidence: 0.95\n"
            ),
        ),
        severity=Severity.WARNING,
    )
    Options = ConfidenceOptions

    def check(
        self, item: KeyResultItem, context: RuleContext[ConfidenceOptions]
    ) -> Iterator[Violation]:
        if item.parent.is_committed:
            return
        key_result = item.key_result
        rated = sorted(
            (
                (checkin.date, position, checkin.confidence)
                for position, checkin in enumerate(key_result.checkins)
                if checkin.confidence is not None
            ),
            key=lambda entry: entry[0],
        )
        limit = context.options.max
        if rated:
            day, position, confidence = rated[0]
            if confidence >= limit - _EPSILON:
                yield _at_checkin(
                    item,
                    position,
                    f"the first check-in ({day.isoformat()}) rates confidence {confidence:g} on "
                    f"an aspirational key result (flagged at {limit:g} or more); a stretch "
                    "target starts nearer 0.5. Raise the target until success is uncertain.",
                )
        elif key_result.confidence is not None and key_result.confidence >= limit - _EPSILON:
            yield item.violation(
                f"confidence {key_result.confidence:g} at the start of an aspirational key "
                f"result (flagged at {limit:g} or more); a stretch target starts nearer 0.5. "
                "Raise the target until success is uncertain.",
                field_name="confidence",
            )


def _at_checkin(item: KeyResultItem, position: int, message: str) -> Violation:
    return Violation(
        message,
        item.document.source,
        item.document,
        (*item.node, "checkins", position),
        object_id=item.object_id,
        text=item.key_result.title,
    )


class PerfectScoresOptions(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    periods: int = Field(2, ge=1, description="how many of the team's last closed periods to read")
    min_score: float = Field(
        0.95, ge=0, le=1, description="scores at or above this count as perfect"
    )


class AlwaysPerfectScores(Rule[PerfectScoresOptions]):
    meta = RuleMeta(
        code="SND005",
        name="always-perfect-scores",
        family="sandbagging",
        scope=Scope.WORKSPACE,
        summary=(
            "A team that scored 0.95 or more on every aspirational key result of its last "
            "closed periods (default 2)."
        ),
        rationale=(
            "Google's guidance is that aspirational OKRs should land around 0.6-0.7 ('the sweet "
            "spot'); a team that scores 1.0 period after period is not stretching, it is "
            "sandbagging. okrlint reads the team's history in the repository (every file, "
            "whatever was passed on the command line): the team's last closed periods with "
            "scored aspirational key results. Committed key results are expected to score 1.0 "
            "and are not counted. The finding sits on the team's most recent set, where the "
            "next targets are set."
        ),
        bad=(
            Example(
                "team: Growth\nperiod: 2025-Q4\nobjectives:\n  - title: Grow\n"
                "    key_results:\n"
                "      - {title: Raise activation from 30% to 35%, score: 1.0}\n"
                "      - {title: Raise retention from 60% to 62%, score: 0.95}\n"
                "---\n"
                "team: Growth\nperiod: 2026-Q1\nobjectives:\n  - title: Grow\n"
                "    key_results:\n"
                "      - {title: Raise activation from 35% to 38%, score: 1.0}\n"
                "---\n"
                "team: Growth  # expect: SND005\nperiod: 2026-Q2\nobjectives:\n"
                "  - title: Grow\n"
                "    key_results:\n"
                "      - Raise activation from 38% to 40%\n",
                today=dt.date(2026, 4, 15),
            ),
        ),
        good=(
            Example(
                "team: Growth\nperiod: 2025-Q4\nobjectives:\n  - title: Grow\n"
                "    key_results:\n"
                "      - {title: Raise activation from 30% to 45%, score: 0.7}\n"
                "      - {title: Raise retention from 60% to 70%, score: 1.0}\n"
                "---\n"
                "team: Growth\nperiod: 2026-Q1\nobjectives:\n  - title: Grow\n"
                "    key_results:\n"
                "      - {title: Raise activation from 35% to 50%, score: 1.0}\n"
                "---\n"
                "team: Growth\nperiod: 2026-Q2\nobjectives:\n  - title: Grow\n"
                "    key_results:\n"
                "      - Raise activation from 38% to 50%\n",
                today=dt.date(2026, 4, 15),
            ),
            Example(
                # Committed key results are meant to score 1.0.
                "team: Billing\nperiod: 2026-Q1\nobjectives:\n  - title: Bill right\n"
                "    type: committed\n"
                "    key_results:\n"
                "      - {title: Keep invoice errors under 5 a month, score: 1.0}\n"
                "---\n"
                "team: Billing\nperiod: 2026-Q2\nobjectives:\n  - title: Bill right\n"
                "    type: committed\n"
                "    key_results:\n"
                "      - {title: Keep invoice errors under 5 a month, score: 1.0}\n",
                today=dt.date(2026, 7, 15),
            ),
        ),
        severity=Severity.WARNING,
    )
    Options = PerfectScoresOptions

    def check(
        self, item: Workspace, context: RuleContext[PerfectScoresOptions]
    ) -> Iterator[Violation]:
        linted = {id(s) for s in item.sets}
        teams: dict[tuple[int, str], list[tuple[DateRange, SetSummary]]] = defaultdict(list)
        for number, repository in enumerate(item.repositories()):
            for set_item in repository:
                period = resolve_period(set_item.period, context.fiscal_year_start)
                if period is not None:
                    key = (number, team_key(set_item.team))
                    teams[key].append((period, set_item))
        for sets in teams.values():
            latest = max(period for period, _ in sets)
            anchors = [s for period, s in sets if period == latest and id(s) in linted]
            if not anchors:
                continue
            history = _scored_history(sets, context.today)[-context.options.periods :]
            if len(history) < context.options.periods:
                continue
            scores = [score for _, _, period_scores in history for score in period_scores]
            if min(scores) < context.options.min_score - _EPSILON:
                continue
            shown = "; ".join(
                f"{label}: {', '.join(f'{s:g}' for s in period_scores)}"
                for _, label, period_scores in history
            )
            for anchor in anchors:
                yield anchor.violation(
                    f"{anchor.team} scored {context.options.min_score:g} or more on all "
                    f"{len(scores)} scored aspirational key results of its last {len(history)} "
                    f"closed periods ({shown}); aspirational OKRs should land near 0.6-0.7, so "
                    "these targets were too safe. Set bolder ones.",
                    node=("team",),
                )


def _scored_history(
    sets: list[tuple[DateRange, SetSummary]], today: dt.date
) -> list[tuple[DateRange, str, list[float]]]:
    """The team's closed periods with scored aspirational key results, oldest first."""
    by_period: dict[DateRange, tuple[str, list[float]]] = {}
    for period, set_item in sets:
        if not period.is_closed(today):
            continue
        _, scores = by_period.setdefault(period, (period_label(set_item.period), []))
        for objective in set_item.objectives:
            if objective.type is ObjectiveType.ASPIRATIONAL:
                scores.extend(kr.score for kr in objective.key_results if kr.score is not None)
    return [
        (period, label, scores) for period, (label, scores) in sorted(by_period.items()) if scores
    ]
