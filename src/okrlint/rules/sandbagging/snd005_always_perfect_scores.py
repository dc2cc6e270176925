"""SND005 always-perfect-scores.

A team that scored 0.95 or more on every aspirational key result of its last closed periods (default
2).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict, Field

from okrlint.api import Example, Rule, RuleContext, RuleMeta, Scope, Severity, Violation, Workspace
from okrlint.model import ObjectiveType
from okrlint.periods import DateRange, period_label, resolve_period
from okrlint.rules.sandbagging.shared import EPSILON
from okrlint.workspace.neighbours import team_key
from okrlint.workspace.summaries import SetSummary


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
            if min(scores) < context.options.min_score - EPSILON:
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
