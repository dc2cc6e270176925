"""STR003 duplicate-id: Two objectives, or two key results of one objective, share an id."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from okrlint.api import (
    Example,
    NoOptions,
    Rule,
    RuleContext,
    RuleMeta,
    Scope,
    SetItem,
    Severity,
    Violation,
    example_head,
)


class DuplicateId(Rule[NoOptions]):
    meta = RuleMeta(
        code="STR003",
        name="duplicate-id",
        family="structure",
        scope=Scope.SET,
        summary="Two objectives, or two key results of one objective, share an id.",
        rationale=(
            "Ids are how check-ins, alignment links (`aligns_to: team/2026-Q1#O2`) and reports "
            "find an objective or key result. Two items with one id make every such link "
            "ambiguous."
        ),
        bad=(
            Example(
                example_head(objectives=False)
                + "objectives:\n"
                + "  - id: O1\n"
                + "    title: Make onboarding effortless\n"
                + "    key_results:\n"
                + "      - Raise week-1 activation from 30% to 45%\n"
                + "      - Cut time to first value from 3 days to 1\n"
                + "  - id: O1  # expect: STR003\n"
                + "    title: Win the mid-market\n"
                + "    key_results:\n"
                + "      - Grow mid-market logos from 40 to 60\n"
                + "      - Raise mid-market win rate from 18% to 25%\n",
                messages=(
                    (
                        "the objective id 'O1' is already used by item 1; give each a unique id so "
                        "alignment links and check-ins point at one thing"
                    ),
                ),
            ),
        ),
        good=(
            Example(
                example_head(objectives=False)
                + "objectives:\n"
                + "  - id: O1\n"
                + "    title: Make onboarding effortless\n"
                + "    key_results:\n"
                + "      - Raise week-1 activation from 30% to 45%\n"
                + "      - Cut time to first value from 3 days to 1\n"
                + "  - id: O2\n"
                + "    title: Win the mid-market\n"
                + "    key_results:\n"
                + "      - Grow mid-market logos from 40 to 60\n"
                + "      - Raise mid-market win rate from 18% to 25%\n"
            ),
        ),
        severity=Severity.ERROR,
    )

    def check(self, item: SetItem, context: RuleContext[NoOptions]) -> Iterator[Violation]:
        seen_objectives: dict[str, int] = {}
        for position, objective in enumerate(item.okr_set.objectives):
            objective_id = item.okr_set.objective_id(position)
            if objective_id in seen_objectives:
                yield self._duplicate(
                    item,
                    ("objectives", position, "id"),
                    "objective",
                    objective_id,
                    seen_objectives[objective_id],
                )
            else:
                seen_objectives[objective_id] = position
            seen_key_results: dict[str, int] = {}
            for kr_position in range(len(objective.key_results)):
                kr_id = item.okr_set.key_result_id(objective, kr_position)
                node = ("objectives", position, "key_results", kr_position, "id")
                if kr_id in seen_key_results:
                    yield self._duplicate(
                        item, node, f"key result of {objective_id}", kr_id, seen_key_results[kr_id]
                    )
                else:
                    seen_key_results[kr_id] = kr_position

    @staticmethod
    def _duplicate(
        item: SetItem, node: tuple[Any, ...], what: str, identifier: str, first: int
    ) -> Violation:
        return item.violation(
            f"the {what} id '{identifier}' is already used by item {first + 1}; give each "
            "a unique id so alignment links and check-ins point at one thing",
            node=node,
        )
