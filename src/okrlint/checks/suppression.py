"""Suppression comments that do nothing or cannot be read.

These findings come from the engine's filter stage (see `okrlint.suppress`), after every other
rule has run; the classes here carry their metadata, so they are documented, selectable and
tested like any rule.
"""

from __future__ import annotations

from collections.abc import Iterator

from okrlint.findings import Severity, Violation
from okrlint.registry import Example, FileItem, NoOptions, Rule, RuleContext, RuleMeta, Scope

_HEAD = "team: Growth\nperiod: 2026-Q1\nobjectives:\n"
_ONE_KR = "    key_results:\n      - Raise week-1 activation from 30% to 45%\n"


class _FromFilterStage(Rule[NoOptions]):
    def check(self, item: FileItem, context: RuleContext[NoOptions]) -> Iterator[Violation]:
        return iter(())


class UnusedSuppression(_FromFilterStage):
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
                _HEAD
                + "  - title: Make onboarding effortless  # okrlint: disable=FOC003"
                + "  # expect: SUP001\n"
                + "    key_results:\n"
                + "      - Raise week-1 activation from 30% to 45%\n"
                + "      - Cut time to first value from 3 days to 1\n",
                also_select=("FOC003",),
            ),
        ),
        good=(
            Example(
                _HEAD
                + "  - title: Make onboarding effortless  # okrlint: disable=FOC003 -- a pilot\n"
                + _ONE_KR,
                also_select=("FOC003",),
            ),
        ),
        severity=Severity.INFO,
    )


class MalformedSuppression(_FromFilterStage):
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
                _HEAD
                + "  - title: Make onboarding effortless  # okrlint: disable FOC003"
                + "  # expect: SUP002\n"
                + _ONE_KR
            ),
        ),
        good=(
            Example(
                _HEAD
                + "  - title: Make onboarding effortless  # okrlint: disable=FOC003 -- a pilot\n"
                + _ONE_KR
            ),
        ),
    )


class UnknownSuppressionCode(_FromFilterStage):
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
                _HEAD
                + "  - title: Make onboarding effortless  # okrlint: disable=FOC030"
                + "  # expect: SUP003\n"
                + _ONE_KR
            ),
        ),
        good=(
            Example(
                _HEAD
                + "  - title: Make onboarding effortless  "
                + "# okrlint: disable=too-few-key-results -- a pilot\n"
                + _ONE_KR
            ),
        ),
    )
