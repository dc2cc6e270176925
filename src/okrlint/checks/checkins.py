"""Culture over time: OKRs checked in on while they run, and learned from once they close."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict, Field

from okrlint.findings import Severity, Violation
from okrlint.periods import period_label, resolve_period
from okrlint.registry import (
    Example,
    KeyResultItem,
    ObjectiveItem,
    Rule,
    RuleContext,
    RuleMeta,
    Scope,
    SetItem,
)

_EPSILON = 1e-9


def _head(period: str = "2026-Q1", kind: str = "aspirational") -> str:
    return (
        f"team: Growth\nperiod: {period}\nobjectives:\n  - title: Make onboarding effortless\n"
        f"    type: {kind}\n    key_results:\n"
    )


def _days(count: int) -> str:
    return f"{count} day" + ("" if count == 1 else "s")


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
                _head()
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
                _head()
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
                    f"began on {period.start.isoformat()}, {_days(days)} before "
                    f"{today.isoformat()} (the limit is {_days(limit)}); add `checkins:` with the "
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
                f"{what}, {_days(days)} before {today.isoformat()} (the limit is "
                f"{_days(limit)}); check in on this key result: the latest value and confidence.",
                field_name="checkins" if kr.key_result.checkins else None,
            )


class LearningOptions(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    aspirational: float = Field(
        0.7, ge=0, le=1, description="an aspirational key result scored below this is a miss"
    )
    committed: float = Field(
        1.0, ge=0, le=1, description="a committed key result scored below this is a miss"
    )


class MissedWithoutLearning(Rule[LearningOptions]):
    meta = RuleMeta(
        code="CUL003",
        name="missed-without-learning",
        family="culture",
        scope=Scope.KEY_RESULT,
        summary="A closed period's missed key result with no `learnings` written down.",
        rationale=(
            "Google's playbook expects committed key results to score 1.0 (a miss 'requires "
            "explanation' and a postmortem) and aspirational ones to average 0.7. Missing is "
            "allowed; missing without learning why is how the same miss repeats next period. "
            "Once the period has closed, a key result scored below its grade (0.7 aspirational, "
            "1.0 committed) needs a `learnings:` note."
        ),
        bad=(
            Example(
                _head("2025-Q4")
                + "      - title: Raise week-1 activation from 32% to 45%  # expect: CUL003\n"
                + "        score: 0.4\n"
                + "      - title: Cut time to first dashboard from 42 to 15 min  # expect: CUL003\n"
                + "        score: 0.69\n"
                + "        learnings: '  '\n",
                today=dt.date(2026, 1, 10),
            ),
            Example(
                _head("2025-Q4", "committed")
                + "      - {title: Keep invoice errors under 5 a month, score: 0.9}"
                + "  # expect: CUL003\n",
                today=dt.date(2026, 1, 10),
            ),
        ),
        good=(
            Example(
                _head("2025-Q4")
                + "      - title: Raise week-1 activation from 32% to 45%\n"
                + "        score: 0.4\n"
                + "        learnings: The new wizard helped admins but not invited members.\n"
                + "      - title: Cut time to first dashboard from 42 to 15 minutes\n"
                + "        score: 0.7\n"
                + "      - Raise trial-to-paid conversion from 8% to 10%\n",
                today=dt.date(2026, 1, 10),
            ),
            Example(
                # The period is still running: the grade is not final.
                _head("2026-Q1", "committed")
                + "      - title: Keep invoice errors under 5 a month\n"
                + "        score: 0.5\n",
                today=dt.date(2026, 3, 31),
            ),
        ),
        severity=Severity.WARNING,
    )
    Options = LearningOptions

    def check(
        self, item: KeyResultItem, context: RuleContext[LearningOptions]
    ) -> Iterator[Violation]:
        key_result = item.key_result
        score = key_result.score
        if score is None or (key_result.learnings or "").strip():
            return
        period = resolve_period(item.parent.okr_set.period, context.fiscal_year_start)
        if period is None or not period.is_closed(context.today):
            return
        committed = item.parent.is_committed
        grade = context.options.committed if committed else context.options.aspirational
        if score >= grade - _EPSILON:
            return
        kind = "a committed" if committed else "an aspirational"
        yield item.violation(
            f"scored {score:g}, below the {grade:g} expected of {kind} key result, and the "
            f"period ended on {period.end.isoformat()}; write down what the team learned under "
            "`learnings:` so the next period does not repeat the miss.",
        )


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
                _head()
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
                _head()
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
                    f"is dated {day.isoformat()}, {_days((period.start - day).days)} before "
                    f"{label} began on {period.start.isoformat()}"
                )
            elif period is not None and day > period.end + grace:
                problem = (
                    f"is dated {day.isoformat()}, {_days((day - period.end).days)} after "
                    f"{label} ended on {period.end.isoformat()}"
                )
            else:
                continue
            yield Violation(
                f"check-in {position + 1} {problem}; fix the date or move it to the right "
                f"period's file (up to {_days(context.options.grace_days)} either side is "
                "accepted).",
                item.document.source,
                item.document,
                (*item.node, "checkins", position),
                object_id=item.object_id,
                text=item.key_result.title,
            )
