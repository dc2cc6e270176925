"""CUL002 stale-checkins.

An active period with no check-in for longer than the limit (default 14 days).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict, Field

from okrlint.api import (
    Example,
    ObjectiveItem,
    Rule,
    RuleContext,
    RuleMeta,
    Scope,
    SetItem,
    Severity,
    Violation,
)
from okrlint.periods import period_label, resolve_period
from okrlint.rules.culture.shared import example_key_results, n_days


class StaleOptions(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    days: int = Field(14, ge=1, description="longest gap between check-ins, in days")
    require_checkins: bool = Field(
        False,
        description=(
            "also flag key results with no check-in at all (by default a key result is judged "
            "once it has one, so teams that check in elsewhere are not flagged)"
        ),
    )


class StaleCheckins(Rule[StaleOptions]):
    meta = RuleMeta(
        code="CUL002",
        name="stale-checkins",
        family="culture",
        scope=Scope.SET,
        summary="An active period with no check-in for longer than the limit (default 14 days).",
        rationale=(
            "OKRs set in January and read again in April are a wish list, not a management "
            "tool. Wodtke's weekly check-in (confidence, priorities, health) and every OKR tool's "
            "reminders exist because progress that nobody looks at does not happen. okrlint "
            "measures, as of `--today` (default: today), the days since each key result's last "
            "check-in. Key results without any check-in are only judged with "
            "`require_checkins: true` (then from the day the period began), so a team that "
            "records check-ins in another tool is not flagged. Graded key results and periods "
            "that are over or not yet begun are not judged."
        ),
        bad=(
            Example(
                example_key_results()
                + "      - title: Raise week-1 activation from 32% to 45%\n"
                + "        checkins:  # expect: CUL002\n"
                + "          - {date: 2026-01-10, value: 33}\n"
                + "          - {date: 2026-02-01, value: 35}\n"
                + "      - title: Cut time to first dashboard from 42 to 15 minutes\n"
                + "        checkins:\n"
                + "          - {date: 2026-02-20, value: 30}\n",
                today=dt.date(2026, 2, 25),
            ),
            Example(
                "team: Growth\nperiod: 2026-Q1\nobjectives:  # expect: CUL002\n"
                "  - title: Make onboarding effortless\n"
                "    key_results:\n"
                "      - Raise week-1 activation from 32% to 45%\n",
                options={"require_checkins": True},
                today=dt.date(2026, 1, 16),
            ),
        ),
        good=(
            Example(
                example_key_results()
                + "      - title: Raise week-1 activation from 32% to 45%\n"
                + "        checkins:\n"
                + "          - {date: 2026-02-11, value: 35}\n"
                + "      - title: Cut time to first dashboard from 42 to 15 minutes\n"
                + "        score: 1.0\n",
                today=dt.date(2026, 2, 25),
            ),
            Example(
                # Exactly at the limit, and a period that has closed.
                "team: Growth\nperiod: 2026-Q1\nobjectives:\n"
                "  - title: Make onboarding effortless\n"
                "    key_results:\n"
                "      - Raise week-1 activation from 32% to 45%\n"
                "---\n"
                "team: Growth\nperiod: 2025-Q4\nobjectives:\n"
                "  - title: Make onboarding effortless\n"
                "    key_results:\n"
                "      - Raise week-1 activation from 30% to 32%\n",
                options={"require_checkins": True},
                today=dt.date(2026, 1, 15),
            ),
            Example(
                # No check-ins recorded in this file at all: not judged by default.
                "team: Growth\nperiod: 2026-Q1\nobjectives:\n"
                "  - title: Make onboarding effortless\n"
                "    key_results:\n"
                "      - Raise week-1 activation from 32% to 45%\n",
                today=dt.date(2026, 3, 1),
            ),
        ),
        severity=Severity.WARNING,
    )
    Options = StaleOptions

    def check(self, item: SetItem, context: RuleContext[StaleOptions]) -> Iterator[Violation]:
        period = resolve_period(item.okr_set.period, context.fiscal_year_start)
        today = context.today
        if period is None or not period.is_active(today):
            return
        limit = context.options.days
        open_results = [
            kr
            for position, objective in enumerate(item.okr_set.objectives)
            for kr in ObjectiveItem(item, objective, position).key_results()
            if kr.key_result.score is None
        ]
        if not open_results:
            return
        required = context.options.require_checkins
        if not any(c.date <= today for kr in open_results for c in kr.key_result.checkins):
            if not required:
                return
            days = (today - period.start).days
            if days > limit:
                yield item.violation(
                    f"no key result has a check-in since {period_label(item.okr_set.period)} "
                    f"began on {period.start.isoformat()}, {n_days(days)} before "
                    f"{today.isoformat()} (the limit is {n_days(limit)}); add `checkins:` with the "
                    "latest value and confidence.",
                    node=("objectives",),
                )
            return
        for kr in open_results:
            dates = [c.date for c in kr.key_result.checkins if c.date <= today]
            last = max(dates) if dates else None
            if last is None and not required:
                continue
            since = max(last, period.start) if last else period.start
            days = (today - since).days
            if days <= limit:
                continue
            if last is None:
                what = f"no check-in since the period began on {period.start.isoformat()}"
            else:
                what = f"the last check-in was on {last.isoformat()}"
            yield kr.violation(
                f"{what}, {n_days(days)} before {today.isoformat()} (the limit is "
                f"{n_days(limit)}); check in on this key result: the latest value and confidence.",
                field_name="checkins" if kr.key_result.checkins else None,
            )
