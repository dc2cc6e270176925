"""FOC003 too-few-key-results: An objective with fewer key results than the minimum (default 2)."""

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


class MinKeyResults(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    min: int = Field(2, ge=1, description="fewest key results under one objective")


class TooFewKeyResults(Rule[MinKeyResults]):
    meta = RuleMeta(
        code="FOC003",
        name="too-few-key-results",
        family="focus",
        scope=Scope.OBJECTIVE,
        summary="An objective with fewer key results than the minimum (default 2).",
        rationale=(
            "One key result is a single number to hit, and a single number is easy to game: "
            "grow sign-ups and activation falls. Pair it with a second key result that keeps it "
            "honest (quantity with quality, speed with reliability), as Grove advised."
        ),
        bad=(
            Example(
                example_head(objectives=False)
                + "objectives:\n"
                + "  - title: Make onboarding effortless  # expect: FOC003\n"
                + "    key_results:\n"
                + "      - Raise week-1 activation from 30% to 45%\n",
                messages=(
                    (
                        "this objective has only 1 key result; give it at least 2, so that one "
                        "number cannot be hit at the expense of another (pair quantity with "
                        "quality)."
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
                + "      - Raise week-1 activation from 30% to 45%\n"
                + "      - Keep support tickets per new team under 0.5 in week 1\n"
            ),
        ),
        severity=Severity.WARNING,
    )
    Options = MinKeyResults

    def check(
        self, item: ObjectiveItem, context: RuleContext[MinKeyResults]
    ) -> Iterator[Violation]:
        count = len(item.objective.key_results)
        limit = context.options.min
        if count < limit:
            having = (
                "no key results"
                if count == 0
                else f"only {count} key result" + ("s" if count != 1 else "")
            )
            yield item.violation(
                f"this objective has {having}; give it at least {limit}, so that one number "
                "cannot be hit at the expense of another (pair quantity with quality).",
            )
