"""SUP003 unknown-code: A suppression that names a code no rule has."""

from __future__ import annotations

from okrlint.api import Example, RuleMeta, Scope, example_head
from okrlint.rules.suppression.shared import ONE_KEY_RESULT, FromFilterStage


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
                example_head()
                + "  - title: Make onboarding effortless  # okrlint: disable=FOC030"
                + "  # expect: SUP003\n"
                + ONE_KEY_RESULT,
                messages=("no rule is called 'FOC030'; did you mean FOC003?",),
            ),
        ),
        good=(
            Example(
                example_head()
                + "  - title: Make onboarding effortless  "
                + "# okrlint: disable=too-few-key-results -- a pilot\n"
                + ONE_KEY_RESULT
            ),
        ),
    )
