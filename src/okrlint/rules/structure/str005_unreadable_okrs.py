"""STR005 unreadable-okrs: OKRs okrlint was asked to read, or that look like OKRs, never pass
unread."""

from __future__ import annotations

from collections.abc import Iterator

from okrlint.api import (
    Example,
    FileItem,
    NoOptions,
    Rule,
    RuleContext,
    RuleMeta,
    Scope,
    Severity,
    Violation,
    example_head,
)


class UnreadableOkrs(Rule[NoOptions]):
    meta = RuleMeta(
        code="STR005",
        name="unreadable-okrs",
        family="structure",
        scope=Scope.FILE,
        summary=(
            "A file or document looks like OKRs, or was named to be checked, but okrlint "
            "cannot read it as OKRs."
        ),
        rationale=(
            "A CI gate that skips an OKR file it cannot read passes it unjudged. okrlint says "
            "what it saw (key results under another name, a Markdown file without an outline, "
            "a CSV export without an objective column) and how to make it readable: a mapping "
            "in the config, `--from`, or okrlint's own format."
        ),
        bad=(
            Example(
                "goals:  # expect: STR005\n"
                "  - headline: Make onboarding effortless\n"
                "    krs:\n"
                "      - Raise week-1 activation from 30% to 45%\n"
            ),
        ),
        good=(
            Example(
                example_head(objective="Make onboarding effortless") + "    key_results:\n"
                "      - Raise week-1 activation from 30% to 45%\n"
                "      - Cut time to first value from 3 days to 1\n"
            ),
            # Other tools' names for okrlint's fields are read as those fields.
            Example(
                "goals:\n"
                "  - name: Make onboarding effortless\n"
                "    krs:\n"
                "      - Raise week-1 activation from 30% to 45%\n"
            ),
        ),
        severity=Severity.ERROR,
    )

    def check(self, item: FileItem, context: RuleContext[NoOptions]) -> Iterator[Violation]:
        source = item.source
        for problem in source.problems:
            if problem.code == self.meta.code:
                yield Violation(problem.message, source, span=problem.span)
