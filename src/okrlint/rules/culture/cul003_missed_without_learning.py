"""CUL003 missed-without-learning.

A closed period's missed key result with no `learnings` written down.
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
from okrlint.periods import resolve_period
from okrlint.rules.culture.shared import example_key_results

_EPSILON = 1e-9


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
                example_key_results("2025-Q4")
                + "      - title: Raise week-1 activation from 32% to 45%  # expect: CUL003\n"
                + "        score: 0.4\n"
                + "      - title: Cut time to first dashboard from 42 to 15 min  # expect: CUL003\n"
                + "        score: 0.69\n"
                + "        learnings: '  '\n",
                today=dt.date(2026, 1, 10),
            ),
            Example(
                example_key_results("2025-Q4", "committed")
                + "      - {title: Keep invoice errors under 5 a month, score: 0.9}"
                + "  # expect: CUL003\n",
                today=dt.date(2026, 1, 10),
            ),
        ),
        good=(
            Example(
                example_key_results("2025-Q4")
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
                example_key_results("2026-Q1", "committed")
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
