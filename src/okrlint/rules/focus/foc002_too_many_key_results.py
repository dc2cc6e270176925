"""FOC002 too-many-key-results: An objective with more key results than the limit (default 5)."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict, Field

from okrlint.api import (
    Example,
    ObjectiveItem,
    Rule,
    RuleContext,
    RuleMeta,
    Scope,
    Severity,
    Violation,
    example_head,
)


class MaxKeyResults(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    max: int = Field(5, ge=1, description="most key results under one objective")


class TooManyKeyResults(Rule[MaxKeyResults]):
    meta = RuleMeta(
        code="FOC002",
        name="too-many-key-results",
        family="focus",
        scope=Scope.OBJECTIVE,
        summary="An objective with more key results than the limit (default 5).",
        rationale=(
            "Key results say how you will know the objective is met. Two to five are enough; "
            "beyond that they turn into a task list and no single one gets attention. Keep the "
            "ones that measure the outcome and move the work items to `initiatives`."
        ),
        bad=(
            Example(
                example_head(objectives=False)
                + "objectives:\n"
                + "  - title: Make onboarding effortless\n"
                + "    key_results:  # expect: FOC002\n"
                + "".join(
                    f"      - Raise step {n} completion from 50% to 70%\n" for n in range(1, 7)
                ),
                messages=(
                    (
                        "6 key results under one objective; the limit is 5. Keep the ones that "
                        "measure the outcome and move work items to `initiatives`."
                    ),
                ),
            ),
        ),
        good=(
            Example(
                example_head(objectives=False)
                + "objectives:\n"
                + "  - title: Make onboarding effortless\n"
                + "    key_results:\n"
                + "".join(
                    f"      - Raise step {n} completion from 50% to 70%\n" for n in range(1, 4)
                )
            ),
        ),
        severity=Severity.WARNING,
    )
    Options = MaxKeyResults

    def check(
        self, item: ObjectiveItem, context: RuleContext[MaxKeyResults]
    ) -> Iterator[Violation]:
        count = len(item.objective.key_results)
        limit = context.options.max
        if count > limit:
            yield item.violation(
                f"{count} key results under one objective; the limit is {limit}. Keep the ones "
                "that measure the outcome and move work items to `initiatives`.",
                field_name="key_results",
            )
