"""CUL004 checkin-outside-period.

A check-in dated in the future, or outside the period of its OKR set.
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
)
from okrlint.periods import period_label, resolve_period
from okrlint.rules.culture.shared import example_key_results, n_days


class OutsideOptions(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    grace_days: int = Field(
        7,
        ge=0,
        le=3660,  # ten years: beyond that a date overflows, and no period is that long
        description=(
            "days before the start and after the end of the period in which a check-in is "
            "still accepted (a kick-off or a wrap-up)"
        ),
    )


class CheckinOutsidePeriod(Rule[OutsideOptions]):
    meta = RuleMeta(
        code="CUL004",
        name="checkin-outside-period",
        family="culture",
        scope=Scope.KEY_RESULT,
        summary="A check-in dated in the future, or outside the period of its OKR set.",
        rationale=(
            "A check-in records a value on a date. One dated after `--today` has not happened; "
            "one months outside its period was most likely copied from another quarter's file "
            "or mistyped, and it misleads every rule that reads progress over time. A week "
            "either side of the period (the `grace_days` option) is accepted for kick-offs and "
            "wrap-ups."
        ),
        bad=(
            Example(
                example_key_results()
                + "      - title: Raise week-1 activation from 32% to 45%\n"
                + "        checkins:\n"
                + "          - {date: 2025-12-01, value: 32}  # expect: CUL004\n"
                + "          - {date: 2026-01-14, value: 33}\n"
                + "          - {date: 2026-02-14, value: 36}  # expect: CUL004\n"
                + "          - {date: 2026-04-08, value: 40}  # expect: CUL004\n",
                today=dt.date(2026, 2, 1),
            ),
        ),
        good=(
            Example(
                example_key_results()
                + "      - title: Raise week-1 activation from 32% to 45%\n"
                + "        checkins:\n"
                + "          - {date: 2025-12-25, value: 32}\n"
                + "          - {date: 2026-02-14, value: 36}\n"
                + "          - {date: 2026-04-07, value: 40}\n",
                today=dt.date(2026, 4, 7),
            ),
        ),
        severity=Severity.WARNING,
    )
    Options = OutsideOptions

    def check(
        self, item: KeyResultItem, context: RuleContext[OutsideOptions]
    ) -> Iterator[Violation]:
        period = resolve_period(item.parent.okr_set.period, context.fiscal_year_start)
        grace = dt.timedelta(days=context.options.grace_days)
        label = period_label(item.parent.okr_set.period)
        for position, checkin in enumerate(item.key_result.checkins):
            day = checkin.date
            if day > context.today:
                problem = (
                    f"is dated {day.isoformat()}, after today ({context.today.isoformat()}); "
                    "a check-in records a value already seen"
                )
            elif period is not None and day < period.start - grace:
                problem = (
                    f"is dated {day.isoformat()}, {n_days((period.start - day).days)} before "
                    f"{label} began on {period.start.isoformat()}"
                )
            elif period is not None and day > period.end + grace:
                problem = (
                    f"is dated {day.isoformat()}, {n_days((day - period.end).days)} after "
                    f"{label} ended on {period.end.isoformat()}"
                )
            else:
                continue
            yield Violation(
                f"check-in {position + 1} {problem}; fix the date or move it to the right "
                f"period's file (up to {n_days(context.options.grace_days)} either side is "
                "accepted).",
                item.document.source,
                item.document,
                (*item.node, "checkins", position),
                object_id=item.object_id,
                text=item.key_result.title,
            )
