"""SUP001 unused-suppression: A suppression comment that suppressed nothing."""

from __future__ import annotations

from okrlint.api import Example, RuleMeta, Scope, Severity, example_head
from okrlint.rules.suppression.shared import ONE_KEY_RESULT, FromFilterStage


class UnusedSuppression(FromFilterStage):
    meta = RuleMeta(
        code="SUP001",
        name="unused-suppression",
        family="suppression",
        scope=Scope.FILE,
        summary="A suppression comment that suppressed nothing.",
        rationale=(
            "A suppression outlives the problem it was written for: once the key result is "
            "rewritten, the comment silently waits to hide the next real finding on that item. "
            "An unused one is reported so it can be removed. It is reported only when its rule "
            "ran on the file, so narrowing a run with --select does not make comments unused."
        ),
        bad=(
            Example(
                example_head()
                + "  - title: Make onboarding effortless  # okrlint: disable=FOC003"
                + "  # expect: SUP001\n"
                + "    key_results:\n"
                + "      - Raise week-1 activation from 30% to 45%\n"
                + "      - Cut time to first value from 3 days to 1\n",
                also_select=("FOC003",),
                messages=(
                    (
                        "unused suppression: FOC003 reported nothing on the item it covers; remove "
                        "it from the comment"
                    ),
                ),
            ),
        ),
        good=(
            Example(
                example_head()
                + "  - title: Make onboarding effortless  # okrlint: disable=FOC003 -- a pilot\n"
                + ONE_KEY_RESULT,
                also_select=("FOC003",),
            ),
        ),
        severity=Severity.INFO,
    )
