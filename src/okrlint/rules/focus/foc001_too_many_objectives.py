"""FOC001 too-many-objectives.

An OKR set with more objectives than the limit (default 3; 5 is the ceiling).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, Field

from okrlint.api import (
    Example,
    Rule,
    RuleContext,
    RuleMeta,
    Scope,
    Severity,
    Violation,
    Workspace,
    example_head,
)
from okrlint.periods import DateRange, resolve_period
from okrlint.workspace.neighbours import team_key
from okrlint.workspace.summaries import SetSummary


def _objective(title: str, *key_results: str) -> str:
    lines = f"  - title: {title}\n    key_results:\n"
    return lines + "".join(f"      - {kr}\n" for kr in key_results)


_TWO_KRS = ("Raise week-1 activation from 30% to 45%", "Cut churn from 4% to 3%")


class MaxObjectives(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    max: int = Field(3, ge=1, le=5, description="most objectives in one OKR set (5 at most)")


class TooManyObjectives(Rule[MaxObjectives]):
    meta = RuleMeta(
        code="FOC001",
        name="too-many-objectives",
        family="focus",
        scope=Scope.WORKSPACE,
        summary="An OKR set with more objectives than the limit (default 3; 5 is the ceiling).",
        rationale=(
            "Start less, finish more. A team with seven objectives has no priorities: Doerr "
            "advises three to five objectives a quarter at most, and later practice (Wodtke, "
            "Google's playbook) argues for fewer. Pick the few that matter most this period and "
            "move the rest to a backlog. Objectives are also counted per team and per objective "
            "owner across every file of the period, so splitting a set over files does not "
            "hide them. The `preset` config key switches to doerr, google or wodtke limits."
        ),
        bad=(
            Example(
                example_head(objectives=False)
                + "objectives:  # expect: FOC001\n"
                + _objective("Make onboarding effortless", *_TWO_KRS)
                + _objective("Win the mid-market", *_TWO_KRS)
                + _objective("Become the fastest product in the category", *_TWO_KRS)
                + _objective("Build a world-class support experience", *_TWO_KRS),
                messages=(
                    (
                        "Growth has 4 objectives for 2026-Q1; the limit is 3. Keep the 3 that "
                        "matter most and move the rest to a backlog."
                    ),
                ),
            ),
            Example(
                example_head(objectives=False)
                + "objectives:  # expect: FOC001\n"
                + _objective("Make onboarding effortless", *_TWO_KRS)
                + _objective("Win the mid-market", *_TWO_KRS),
                options={"max": 1},
                messages=(
                    (
                        "Growth has 2 objectives for 2026-Q1; the limit is 1. Keep the 1 that "
                        "matter most and move the rest to a backlog."
                    ),
                ),
            ),
            Example(
                # One team's set split over two documents (or files) still counts as one.
                example_head(objectives=False)
                + "objectives:  # expect: FOC001\n"
                + _objective("Make onboarding effortless", *_TWO_KRS)
                + _objective("Win the mid-market", *_TWO_KRS)
                + "---\n"
                + example_head(objectives=False)
                + "objectives:  # expect: FOC001\n"
                + _objective("Become the fastest product in the category", *_TWO_KRS)
                + _objective("Build a world-class support experience", *_TWO_KRS),
                messages=(
                    (
                        "Growth has 4 objectives for 2026-Q1 across 2 sets (example.yaml (document "
                        "1): 2, example.yaml (document 2): 2); the limit is 3. Keep the 3 that "
                        "matter most and move the rest to a backlog."
                    ),
                    (
                        "Growth has 4 objectives for 2026-Q1 across 2 sets (example.yaml (document "
                        "1): 2, example.yaml (document 2): 2); the limit is 3. Keep the 3 that "
                        "matter most and move the rest to a backlog."
                    ),
                ),
            ),
            Example(
                # One person owning four objectives across teams.
                "team: Growth\nperiod: 2026-Q1\nobjectives:\n"
                + "  - title: Make onboarding effortless\n"
                + "    owner: Dana  # expect: FOC001\n"
                + "    key_results: [Raise activation from 30% to 45%, Cut churn from 4% to 3%]\n"
                + "  - title: Win the mid-market\n"
                + "    owner: Dana\n"
                + "    key_results: [Raise activation from 30% to 45%, Cut churn from 4% to 3%]\n"
                + "---\n"
                + "team: Platform\nperiod: 2026-Q1\nobjectives:\n"
                + "  - title: Make every page fast\n"
                + "    owner: dana  # expect: FOC001\n"
                + "    key_results: [Raise activation from 30% to 45%, Cut churn from 4% to 3%]\n"
                + "  - title: Make releases boring\n"
                + "    owner: Dana\n"
                + "    key_results: [Raise activation from 30% to 45%, Cut churn from 4% to 3%]\n",
                messages=(
                    (
                        "Dana owns 4 objectives for 2026-Q1 (Growth in example.yaml (document 1): "
                        "2, Platform in example.yaml (document 2): 2); the limit is 3. One person "
                        "cannot push on that many at once; hand some over or move them to a "
                        "backlog."
                    ),
                    (
                        "dana owns 4 objectives for 2026-Q1 (Growth in example.yaml (document 1): "
                        "2, Platform in example.yaml (document 2): 2); the limit is 3. One person "
                        "cannot push on that many at once; hand some over or move them to a "
                        "backlog."
                    ),
                ),
            ),
        ),
        good=(
            Example(
                example_head(objectives=False)
                + "objectives:\n"
                + _objective("Make onboarding effortless", *_TWO_KRS)
                + _objective("Win the mid-market", *_TWO_KRS)
                + _objective("Become the fastest product in the category", *_TWO_KRS)
            ),
            Example(
                # Another period, or another team, is counted on its own.
                example_head(objectives=False)
                + "objectives:\n"
                + _objective("Make onboarding effortless", *_TWO_KRS)
                + _objective("Win the mid-market", *_TWO_KRS)
                + "---\n"
                + "team: Growth\nperiod: 2026-Q2\n"
                + "objectives:\n"
                + _objective("Become the fastest product in the category", *_TWO_KRS)
                + _objective("Build a world-class support experience", *_TWO_KRS)
                + "---\n"
                + "team: Platform\nperiod: 2026-Q1\n"
                + "objectives:\n"
                + _objective("Make every page fast", *_TWO_KRS)
                + _objective("Make releases boring", *_TWO_KRS)
            ),
        ),
        severity=Severity.WARNING,
    )
    Options = MaxObjectives

    def check(self, item: Workspace, context: RuleContext[MaxObjectives]) -> Iterator[Violation]:
        for summary in item.sets:
            # Each set is held to the limit of its own file's config.
            limit = _options_of(summary, context.options).max
            count = len(summary.objectives)
            if count > limit:
                yield summary.violation(
                    f"{summary.team} has {count} objectives for {_period(summary)}; the limit "
                    f"is {limit}. Keep the {limit} that matter most and move the rest to a "
                    "backlog.",
                    node=("objectives",),
                )
                continue
            fiscal_year_start = (
                summary.fiscal_year_start
                if summary.fiscal_year_start is not None
                else context.fiscal_year_start
            )
            yield from objectives_across_files(summary, item, fiscal_year_start, limit)


def _options_of(summary: SetSummary, default: MaxObjectives) -> MaxObjectives:
    options = summary.options.get("FOC001") if summary.options is not None else None
    return options if isinstance(options, MaxObjectives) else default


def _period(item: SetSummary) -> str:
    period = item.period
    return period if isinstance(period, str) else f"{period.start} to {period.end}"


def objectives_across_files(
    item: SetSummary, workspace: Workspace, fiscal_year_start: int, limit: int
) -> Iterator[Violation]:
    """A team's objectives split over files, and an owner's objectives over teams, add up."""
    period = resolve_period(item.period, fiscal_year_start)
    if period is None:
        return
    index = _index(workspace, fiscal_year_start, item)
    team_sets = index.by_team.get((period, team_key(item.team)), [])
    total = sum(len(s.objectives) for s in team_sets)
    if len(team_sets) > 1 and total > limit:
        parts = ", ".join(f"{s.where()}: {len(s.objectives)}" for s in team_sets)
        yield item.violation(
            f"{item.team} has {total} objectives for {_period(item)} across "
            f"{len(team_sets)} sets ({parts}); the limit is {limit}. Keep the {limit} that "
            "matter most and move the rest to a backlog.",
            node=("objectives",),
        )
    reported: set[str] = set()
    for position, objective in enumerate(item.objectives):
        if not objective.owner or team_key(objective.owner) in reported:
            continue
        owner = team_key(objective.owner)
        reported.add(owner)
        owned = index.by_owner.get((period, owner), [])
        count = sum(n for _, n in owned)
        if count > limit:
            parts = ", ".join(f"{s.team} in {s.where()}: {n}" for s, n in owned)
            yield item.violation(
                f"{objective.owner} owns {count} objectives for {_period(item)} ({parts}); the "
                f"limit is {limit}. One person cannot push on that many at once; hand some over "
                "or move them to a backlog.",
                node=("objectives", position, "owner"),
            )


@dataclass(frozen=True, slots=True)
class _PeriodIndex:
    """The sets of a workspace by (period, team) and objective counts by (period, owner)."""

    by_team: dict[tuple[DateRange, str], list[SetSummary]]
    by_owner: dict[tuple[DateRange, str], list[tuple[SetSummary, int]]]


def _index(workspace: Workspace, fiscal_year_start: int, item: SetSummary) -> _PeriodIndex:
    """Built once per run and repository and reused by every set, so n sets cost n, not n²."""

    def build() -> _PeriodIndex:
        by_team: dict[tuple[DateRange, str], list[SetSummary]] = {}
        by_owner: dict[tuple[DateRange, str], list[tuple[SetSummary, int]]] = {}
        for other in workspace.neighbours(item):
            period = resolve_period(other.period, fiscal_year_start)
            if period is None:
                continue
            by_team.setdefault((period, team_key(other.team)), []).append(other)
            owners = Counter(team_key(o.owner) for o in other.objectives if o.owner)
            for owner, count in owners.items():
                by_owner.setdefault((period, owner), []).append((other, count))
        return _PeriodIndex(by_team, by_owner)

    key = ("FOC001", fiscal_year_start, item.repository)
    return workspace.cached(key, build)
