"""SUP002 malformed-suppression: An `# okrlint:` comment that cannot be read as a suppression."""

from __future__ import annotations

from okrlint.api import Example, RuleMeta, Scope, example_head
from okrlint.rules.suppression.shared import ONE_KEY_RESULT, FromFilterStage


class MalformedSuppression(FromFilterStage):
    meta = RuleMeta(
        code="SUP002",
        name="malformed-suppression",
        family="suppression",
        scope=Scope.FILE,
        summary="An `# okrlint:` comment that cannot be read as a suppression.",
        rationale=(
            "A misspelt suppression suppresses nothing, and the finding it was meant to hide "
            "comes back without saying why. The form is `# okrlint: disable=CODE -- reason` "
            "for one item, or `# okrlint: disable-file=CODE -- reason` for the whole file."
        ),
        bad=(
            Example(
                example_head()
                + "  - title: Make onboarding effortless  # okrlint: disable FOC003"
                + "  # expect: SUP002\n"
                + ONE_KEY_RESULT,
                messages=(
                    (
                        "cannot read this suppression; write it as `# okrlint: disable=CODE -- "
                        "reason` (or `disable-file=CODE`)"
                    ),
                ),
            ),
        ),
        good=(
            Example(
                example_head()
                + "  - title: Make onboarding effortless  # okrlint: disable=FOC003 -- a pilot\n"
                + ONE_KEY_RESULT
            ),
        ),
    )
