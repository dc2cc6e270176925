"""STR001 invalid-yaml: The file is not valid YAML, so nothing in it can be checked."""

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


class InvalidYaml(Rule[NoOptions]):
    meta = RuleMeta(
        code="STR001",
        name="invalid-yaml",
        family="structure",
        scope=Scope.FILE,
        summary="The file is not valid YAML, so nothing in it can be checked.",
        rationale=(
            "A file the YAML parser rejects (bad indentation, tabs, an unclosed quote, a duplicate "
            "key, bytes that are not UTF-8) hides every other problem in it. okrlint reports the "
            "parser's own position; fix it first and lint again."
        ),
        bad=(
            Example(
                example_head(objectives=False)
                + "objectives:\n"
                + "  - title: Make onboarding effortless\n"
                + "    key_results: [Raise week-1 activation from 30% to 45%\n"
                + "  - title: Win the mid-market  # expect: STR001\n",
                messages=(
                    (
                        "invalid YAML: did not find expected ',' or ']' (while parsing a flow "
                        "sequence that starts on line 5, column 18)"
                    ),
                ),
            ),
        ),
        good=(
            Example(
                example_head(objectives=False)
                + "objectives:\n"
                + "  - title: Make onboarding effortless\n"
                + "    key_results: [Raise week-1 activation from 30% to 45%]\n"
            ),
        ),
        severity=Severity.ERROR,
    )

    def check(self, item: FileItem, context: RuleContext[NoOptions]) -> Iterator[Violation]:
        source = item.source
        problems = [(None, p) for p in source.problems] + [
            (d, p) for d in source.documents for p in d.problems
        ]
        for document, problem in problems:
            if problem.code == self.meta.code:
                yield Violation(problem.message, source, document, span=problem.span)
