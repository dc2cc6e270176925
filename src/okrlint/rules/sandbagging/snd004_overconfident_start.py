"""SND004 overconfident-start.

An aspirational key result that starts with a confidence of 0.9 or more.
"""

from __future__ import annotations

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
    example_head,
)
from okrlint.rules.sandbagging.shared import COMMITTED_EXAMPLE, EPSILON


class ConfidenceOptions(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    max: float = Field(
        0.9,
        ge=0,
        le=1,
        description="a starting confidence at or above this is flagged on aspirational results",
    )


class OverconfidentStart(Rule[ConfidenceOptions]):
    meta = RuleMeta(
        code="SND004",
        name="overconfident-start",
        family="sandbagging",
        scope=Scope.KEY_RESULT,
        summary="An aspirational key result that starts with a confidence of 0.9 or more.",
        rationale=(
            "An aspirational key result is a stretch: Google's playbook expects it to land "
            "around 0.7, and Wodtke sets key results at about 5 in 10 confidence at kick-off. A "
            "team 90% sure at the start has set a target it already knows how to hit. The "
            "starting confidence is the first check-in's, or the key result's `confidence` when "
            "there are no check-ins. Committed key results are meant to be met and are not "
            "judged."
        ),
        bad=(
            Example(
                example_head(objective="Make onboarding effortless")
                + "    key_results:\n"
                + "      - title: Raise week-1 activation of new teams\n"
                + "        baseline: 32\n"
                + "        target: 45\n"
                + "        confidence: 9/10  # expect: SND004\n"
                + "      - title: Cut median time to first dashboard\n"
                + "        baseline: 42\n"
                + "        target: 15\n"
                + "        checkins:\n"
                + "          - {date: 2026-01-07, confidence: 0.95}  # expect: SND004\n"
                + "          - {date: 2026-02-07, confidence: 0.6}\n"
            ),
        ),
        good=(
            Example(
                example_head(objective="Make onboarding effortless")
                + "    key_results:\n"
                + "      - title: Raise week-1 activation of new teams\n"
                + "        baseline: 32\n"
                + "        target: 45\n"
                + "        confidence: 0.5\n"
                + "      - title: Cut median time to first dashboard\n"
                + "        baseline: 42\n"
                + "        target: 15\n"
                + "        checkins:\n"
                + "          - {date: 2026-01-07, confidence: 0.6}\n"
                + "          - {date: 2026-03-07, confidence: 0.95}\n"
            ),
            Example(
                COMMITTED_EXAMPLE
                + "    key_results:\n"
                + "      - title: Keep invoices paid on time above 98%\n"
                + "        confidence: 0.95\n"
            ),
        ),
        severity=Severity.WARNING,
    )
    Options = ConfidenceOptions

    def check(
        self, item: KeyResultItem, context: RuleContext[ConfidenceOptions]
    ) -> Iterator[Violation]:
        if item.parent.is_committed:
            return
        key_result = item.key_result
        rated = sorted(
            (
                (checkin.date, position, checkin.confidence)
                for position, checkin in enumerate(key_result.checkins)
                if checkin.confidence is not None
            ),
            key=lambda entry: entry[0],
        )
        limit = context.options.max
        if rated:
            day, position, confidence = rated[0]
            if confidence >= limit - EPSILON:
                yield _at_checkin(
                    item,
                    position,
                    f"the first check-in ({day.isoformat()}) rates confidence {confidence:g} on "
                    f"an aspirational key result (flagged at {limit:g} or more); a stretch "
                    "target starts nearer 0.5. Raise the target until success is uncertain.",
                )
        elif key_result.confidence is not None and key_result.confidence >= limit - EPSILON:
            yield item.violation(
                f"confidence {key_result.confidence:g} at the start of an aspirational key "
                f"result (flagged at {limit:g} or more); a stretch target starts nearer 0.5. "
                "Raise the target until success is uncertain.",
                field_name="confidence",
            )


def _at_checkin(item: KeyResultItem, position: int, message: str) -> Violation:
    return Violation(
        message,
        item.document.source,
        item.document,
        (*item.node, "checkins", position),
        object_id=item.object_id,
        text=item.key_result.title,
    )
