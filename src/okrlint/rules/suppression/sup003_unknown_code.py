"""SUP003 unknown-code: A suppression that names a code no rule has."""

from __future__ import annotations

from okrlint.api import Example, RuleMeta, Scope
from okrlint.rules.suppression.shared import EXAMPLE_HEAD, ONE_KEY_RESULT, FromFilterStage


class UnknownSuppressionCode(FromFilterStage):
    meta = RuleMeta(
        code="SUP003",
        name="unknown-code",
        family="suppression",
        scope=Scope.FILE,
        summary="A suppression that names a code no rule has.",
        rationale=(
            "A typo in a code (FOC030 for FOC003) suppresses nothing. Codes and names are those "
            "of `okrlint rules`; a prefix (FOC) or a family (focus) is accepted too."
        ),
        bad=(
            Example(
                EXAMPLE_HEAD
                + "  - title: Make onboarding effortless  # okrlint: disable=FOC030"
                + "  # expect: SUP003\n"
                + ONE_KEY_RESULT
            ),
        ),
        good=(
            Example(
                EXAMPLE_HEAD
                + "  - title: Make onboarding effortless  "
                + "# okrlint: disable=too-few-key-results -- a pilot\n"
                + ONE_KEY_RESULT
            ),
        ),
    )
