"""OWN001: a key result with no named owner."""

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
)

_HEAD = "team: Growth\nperiod: 2026-Q1\nobjectives:\n  - title: Make onboarding effortless\n"


class OwnerOptions(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    inherit: bool = Field(
        False, description="An owner on the objective or on the set counts for its key results."
    )


class KeyResultWithoutOwner(Rule[OwnerOptions]):
    Options = OwnerOptions
    meta = RuleMeta(
        code="OWN001",
        name="key-result-without-owner",
        family="ownership",
        scope=Scope.KEY_RESULT,
        summary="A key result with no named owner.",
        rationale=(
            "A key result everybody owns is one nobody checks in on. Name one person who "
            "reports its progress: `owner: Dana`."
        ),
        bad=(
            Example(
                _HEAD
                + "    key_results:\n"
                + "      - Raise week-1 activation from 30% to 45%  # expect: OWN001\n"
                + "      - title: Cut time to first value from 3 days to 1\n"
                + "        owner: Lee\n"
            ),
            Example(
                _HEAD
                + "    owner: Dana\n"
                + "    key_results:\n"
                + "      - Raise week-1 activation from 30% to 45%  # expect: OWN001\n"
            ),
        ),
        good=(
            Example(
                _HEAD
                + "    key_results:\n"
                + "      - title: Raise week-1 activation from 30% to 45%\n"
                + "        owner: Dana\n"
            ),
            Example(
                _HEAD
                + "    owner: Dana\n"
                + "    key_results:\n"
                + "      - Raise week-1 activation from 30% to 45%\n",
                options={"inherit": True},
            ),
        ),
        severity=Severity.INFO,
    )

    def check(self, item: KeyResultItem, context: RuleContext[OwnerOptions]) -> Iterator[Violation]:
        if item.key_result.owner:
            return
        if context.options.inherit and (item.objective.owner or item.parent.okr_set.owner):
            return
        yield item.violation(
            "this key result has no owner; name the one person who reports its progress "
            "(`owner: ...`)"
        )
