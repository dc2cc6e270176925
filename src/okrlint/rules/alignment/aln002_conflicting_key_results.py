"""ALN002 conflicting-key-results.

Two OKR sets push the same metric in opposite directions in the same period.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from okrlint.api import (
    Example,
    NoOptions,
    Rule,
    RuleContext,
    RuleMeta,
    Scope,
    Severity,
    Violation,
    Workspace,
)
from okrlint.model import Direction
from okrlint.periods import DateRange, period_label, resolve_period
from okrlint.text.key_result_numbers import Numbers
from okrlint.workspace.summaries import KeyResultSummary, SetSummary


@dataclass(frozen=True, slots=True)
class _Push:
    owner: SetSummary
    key_result: KeyResultSummary
    period: DateRange
    numbers: Numbers

    def describe(self) -> str:
        numbers = self.numbers
        way = "up" if numbers.direction is Direction.INCREASE else "down"
        values = (
            f", {numbers.baseline:g} -> {numbers.target:g}"
            if numbers.baseline is not None and numbers.target is not None
            else ""
        )
        return (
            f"{self.owner.team} pushes it {way} in {period_label(self.owner.period)} "
            f"({self.owner.where()} {self.key_result.object_id}{values})"
        )


class ConflictingKeyResults(Rule[NoOptions]):
    meta = RuleMeta(
        code="ALN002",
        name="conflicting-key-results",
        family="alignment",
        scope=Scope.WORKSPACE,
        summary="Two OKR sets push the same metric in opposite directions in the same period.",
        rationale=(
            "When one team is measured on raising a number and another, at the same time, on "
            "lowering it, at least one of them will fail, and the teams will work against each "
            "other (sales raising discounts while finance cuts them). The metric is identified "
            "by the key result's `metric` field, else by the metric phrase read from its text, "
            "compared without case, punctuation or filler words; periods that overlap count as "
            "the same time. Agree on one direction, or make the trade-off explicit in both sets."
        ),
        bad=(
            Example(
                "team: Sales\nperiod: 2026-Q1\nobjectives:\n"
                "  - title: Win the mid-market\n"
                "    key_results:\n"
                "      - title: Raise the average discount to close mid-market deals\n"
                "        metric: Average discount\n"
                "        baseline: 10\n"
                "        target: 15  # expect: ALN002\n"
                "---\n"
                "team: Finance\nperiod: 2026\nobjectives:\n"
                "  - title: Make every deal profitable\n"
                "    key_results:\n"
                "      - title: Cut discounts given on new deals\n"
                "        metric: average discount.\n"
                "        direction: decrease  # expect: ALN002\n"
                "        baseline: 12\n"
                "        target: 8\n"
            ),
        ),
        good=(
            Example(
                "team: Sales\nperiod: 2026-Q1\nobjectives:\n"
                "  - title: Win the mid-market\n"
                "    key_results:\n"
                "      - title: Raise the average discount to close mid-market deals\n"
                "        metric: average discount\n"
                "        baseline: 10\n"
                "        target: 15\n"
                "---\n"
                "team: Finance\nperiod: 2026-Q2\nobjectives:\n"
                "  - title: Make every deal profitable\n"
                "    key_results:\n"
                "      - title: Cut discounts given on new deals\n"
                "        metric: average discount\n"
                "        baseline: 12\n"
                "        target: 8\n"
                "      - title: Raise gross margin on new deals\n"
                "        metric: gross margin\n"
                "        baseline: 60\n"
                "        target: 66\n"
                "---\n"
                "team: Support\nperiod: 2026-Q1\nobjectives:\n"
                "  - title: Keep margins healthy\n"
                "    key_results:\n"
                "      - title: Raise gross margin on support plans\n"
                "        metric: gross margin\n"
                "        baseline: 50\n"
                "        target: 55\n"
            ),
        ),
        needs_readings=True,
        judged=(0, 0),
        severity=Severity.WARNING,
    )

    def check(self, item: Workspace, context: RuleContext[NoOptions]) -> Iterator[Violation]:
        for repository in item.repositories():
            yield from self._conflicts(item, repository, context)

    def _conflicts(
        self, item: Workspace, repository: Sequence[SetSummary], context: RuleContext[NoOptions]
    ) -> Iterator[Violation]:
        linted = {id(s) for s in item.sets}
        by_metric: dict[str, list[_Push]] = defaultdict(list)
        for summary in repository:
            period = resolve_period(summary.period, context.fiscal_year_start)
            if period is None:
                continue
            for objective in summary.objectives:
                for key_result in objective.key_results:
                    # Summaries keep numbers only for key results that push a metric up or down.
                    numbers = key_result.numbers
                    if numbers is not None and numbers.metric is not None:
                        by_metric[numbers.metric].append(
                            _Push(summary, key_result, period, numbers)
                        )
        for metric_name, pushes in by_metric.items():
            # Only pushes the other way can conflict; grouping them by period keeps a repository
            # where thousands of key results push one metric the same way linear.
            by_way: dict[Direction, dict[DateRange, list[_Push]]] = defaultdict(
                lambda: defaultdict(list)
            )
            for push in pushes:
                assert push.numbers.direction is not None
                by_way[push.numbers.direction][push.period].append(push)
            if len(by_way) < 2:
                continue
            for push in pushes:
                owner = push.owner
                if id(owner) not in linted:
                    continue
                direction = push.numbers.direction
                opposite = (
                    Direction.DECREASE if direction is Direction.INCREASE else Direction.INCREASE
                )
                against = [
                    other
                    for period, group in by_way[opposite].items()
                    if period.overlaps(push.period)
                    for other in group
                    if other.owner is not owner
                ]
                if not against:
                    continue
                metric = push.numbers.metric_text or metric_name
                way = "up" if direction is Direction.INCREASE else "down"
                shown = "; ".join(other.describe() for other in against[:3])
                more = f" and {len(against) - 3} more" if len(against) > 3 else ""
                yield owner.key_result_violation(
                    f"this key result pushes '{metric.strip()}' {way}, while {shown}{more}; the "
                    "teams will work against each other. Agree on one direction, or make the "
                    "trade-off explicit in both sets.",
                    push.key_result,
                )
