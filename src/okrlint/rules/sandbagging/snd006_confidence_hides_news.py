"""SND006 confidence-hides-news.

Confidence stays high while progress falls well behind the period, or never moves across the check-
ins.
"""

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
from okrlint.model import CheckIn
from okrlint.periods import resolve_period
from okrlint.rules.sandbagging.shared import EPSILON
from okrlint.text.key_result_numbers import numbers_of


class HiddenNewsOptions(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    high: float = Field(0.7, ge=0, le=1, description="a confidence at or above this counts as high")
    min_elapsed: float = Field(
        0.5,
        ge=0,
        le=1,
        description="lagging progress is judged from this share of the period on",
    )
    pace: float = Field(
        0.5,
        ge=0,
        le=1,
        description=(
            "progress counts as well behind when it is below this share of the elapsed period "
            "(0.5: less than half the pace the calendar asks for)"
        ),
    )
    min_checkins: int = Field(
        5, ge=2, description="check-ins with a confidence needed to call it unmoving"
    )
    min_span: float = Field(
        0.6,
        ge=0,
        le=1,
        description="share of the period the unmoving check-ins must span",
    )


class ConfidenceHidesNews(Rule[HiddenNewsOptions]):
    meta = RuleMeta(
        code="SND006",
        name="confidence-hides-news",
        family="sandbagging",
        scope=Scope.KEY_RESULT,
        summary=(
            "Confidence stays high while progress falls well behind the period, or never moves "
            "across the check-ins."
        ),
        rationale=(
            "Confidence is the team's forecast, and a check-in is where bad news should surface "
            "early: Wodtke asks for a confidence updated every week, and coaches warn that teams "
            "who do not feel safe saying a plan is failing keep reporting green until the end of "
            "the quarter. okrlint reads the latest check-in up to today (`--today`): when at "
            "least half the period has passed (`min_elapsed`) and the progress from baseline to "
            "target is below half the share of the period gone (`pace`), a confidence of 0.7 or "
            "more (`high`) is flagged. A confidence identical across 5 or more check-ins "
            "(`min_checkins`) spanning at least 60% of the period (`min_span`) is flagged too: "
            "a forecast that never moves is not being made. Progress needs a baseline and a "
            "target (fields or sentence) and check-in values in the same unit. The figures were "
            "not measured on labelled check-ins, so the rule reports at info level."
        ),
        bad=(
            Example(
                example_head("Payments", objective="Make paying us painless")
                + "    key_results:\n"
                + "      - title: Raise card payments settled the same day from 40% to 80%\n"
                + "        checkins:\n"
                + "          - {date: 2026-01-10, value: 41, confidence: 0.8}\n"
                + "          - {date: 2026-02-25, value: 44, confidence: 0.8}  # expect: SND006\n"
                + "      - title: Cut refund handling time\n"
                + "        baseline: 6 days\n"
                + "        target: 36 hours\n"
                + "        checkins:\n"
                + "          - {date: 2026-02-20, value: 130 h, confidence: 0.9}"
                + "  # expect: SND006\n",
                today=dt.date(2026, 3, 1),
                messages=(
                    (
                        "the check-in of 2026-02-25 rates confidence 0.8 while the key result is "
                        "10% of the way from 40 to 80 (at 44) with 62% of the period gone; say the "
                        "plan is off track so the team can change it."
                    ),
                    (
                        "the check-in of 2026-02-20 rates confidence 0.9 while the key result is "
                        "13% of the way from 144 to 36 (at 130) with 57% of the period gone; say "
                        "the plan is off track so the team can change it."
                    ),
                ),
            ),
            Example(
                example_head("Payments", objective="Make paying us painless")
                + "    key_results:\n"
                + "      - title: Raise invoices paid by direct debit from 20% to 35%\n"
                + "        checkins:\n"
                + "          - {date: 2026-01-05, value: 21, confidence: 0.6}\n"
                + "          - {date: 2026-01-19, value: 24, confidence: 0.6}\n"
                + "          - {date: 2026-02-02, value: 26, confidence: 0.6}\n"
                + "          - {date: 2026-02-16, value: 27, confidence: 0.6}\n"
                + "          - {date: 2026-03-02, value: 29, confidence: 0.6}  # expect: SND006\n",
                today=dt.date(2026, 3, 5),
                messages=(
                    (
                        "confidence is 0.6 at all 5 check-ins from 2026-01-05 to 2026-03-02: a "
                        "forecast that never moves is not being made. Rate the odds of reaching "
                        "the target afresh at each check-in."
                    ),
                ),
            ),
        ),
        good=(
            Example(
                # Behind, and saying so; on pace and confident; too early to tell.
                example_head("Payments", objective="Make paying us painless")
                + "    key_results:\n"
                + "      - title: Raise card payments settled the same day from 40% to 80%\n"
                + "        checkins:\n"
                + "          - {date: 2026-01-10, value: 41, confidence: 0.7}\n"
                + "          - {date: 2026-02-25, value: 44, confidence: 0.3}\n"
                + "      - title: Raise invoices paid by direct debit from 20% to 35%\n"
                + "        checkins:\n"
                + "          - {date: 2026-02-25, value: 30, confidence: 0.8}\n"
                + "      - title: Cut refund handling time\n"
                + "        baseline: 6 days\n"
                + "        target: 36 hours\n"
                + "        checkins:\n"
                + "          - {date: 2026-01-20, value: 140 h, confidence: 0.9}\n",
                today=dt.date(2026, 3, 1),
            ),
            Example(
                # A check-in dated after `--today` is not read yet.
                example_head("Payments", objective="Make paying us painless")
                + "    key_results:\n"
                + "      - title: Raise card payments settled the same day from 40% to 80%\n"
                + "        checkins:\n"
                + "          - {date: 2026-03-10, value: 41, confidence: 0.9}\n",
                today=dt.date(2026, 1, 20),
            ),
            Example(
                # Confidence that moves with the news.
                example_head("Payments", objective="Make paying us painless")
                + "    key_results:\n"
                + "      - title: Raise invoices paid by direct debit from 20% to 35%\n"
                + "        checkins:\n"
                + "          - {date: 2026-01-05, value: 21, confidence: 0.6}\n"
                + "          - {date: 2026-01-19, value: 24, confidence: 0.6}\n"
                + "          - {date: 2026-02-02, value: 25, confidence: 0.5}\n"
                + "          - {date: 2026-02-16, value: 29, confidence: 0.6}\n"
                + "          - {date: 2026-03-02, value: 31, confidence: 0.7}\n",
                today=dt.date(2026, 3, 5),
            ),
        ),
        needs_readings=True,
        judged=(0, 0),
        severity=Severity.INFO,
    )
    Options = HiddenNewsOptions

    def check(
        self, item: KeyResultItem, context: RuleContext[HiddenNewsOptions]
    ) -> Iterator[Violation]:
        options = context.options
        period = resolve_period(item.parent.okr_set.period, context.fiscal_year_start)
        if period is None:
            return
        dated = sorted(
            (
                (checkin.date, position, checkin)
                for position, checkin in enumerate(item.key_result.checkins)
                if checkin.date <= context.today
            ),
            key=lambda entry: entry[0],
        )
        rated = [entry for entry in dated if entry[2].confidence is not None]
        if not rated:
            return
        day, position, latest = rated[-1]
        confidence = latest.confidence
        assert confidence is not None
        elapsed = period.elapsed_share(min(day, period.end))
        value = _value_on(dated, day)
        numbers = numbers_of(item.key_result, reading_of(context.readings, item.key_result.title))
        baseline, target = numbers.baseline, numbers.target
        if (
            value is not None
            and baseline is not None
            and target is not None
            and target != baseline
            and numbers.problem is None
            and confidence >= options.high - EPSILON
            and elapsed >= options.min_elapsed - EPSILON
        ):
            progress = (value - baseline) / (target - baseline)
            if progress < options.pace * elapsed - EPSILON:
                yield _at(
                    item,
                    position,
                    f"the check-in of {day.isoformat()} rates confidence {confidence:g} while "
                    f"the key result is {_share(max(progress, 0.0))} of the way from "
                    f"{baseline:g} to {target:g} (at {value:g}) with {_share(elapsed)} of the "
                    "period gone; say the plan is off track so the team can change it.",
                )
                return
        levels = {round(entry[2].confidence or 0.0, 6) for entry in rated}
        if len(rated) < options.min_checkins or len(levels) != 1:
            return
        first_day = rated[0][0]
        span = (day - first_day).days / max(period.days, 1)
        if span < options.min_span - EPSILON:
            return
        yield _at(
            item,
            position,
            f"confidence is {confidence:g} at all {len(rated)} check-ins from "
            f"{first_day.isoformat()} to {day.isoformat()}: a forecast that never moves is not "
            "being made. Rate the odds of reaching the target afresh at each check-in.",
        )


def _value_on(dated: list[tuple[dt.date, int, CheckIn]], day: dt.date) -> float | None:
    """The latest check-in value on or before `day`."""
    values = [
        checkin.value for when, _, checkin in dated if when <= day and checkin.value is not None
    ]
    return values[-1] if values else None


def _share(value: float) -> str:
    return f"{value * 100:.0f}%"


def _at(item: KeyResultItem, position: int, message: str) -> Violation:
    return Violation(
        message,
        item.document.source,
        item.document,
        (*item.node, "checkins", position),
        object_id=item.object_id,
        text=item.key_result.title,
    )
