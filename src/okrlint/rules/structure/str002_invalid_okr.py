"""STR002 invalid-okr.

The document breaks the OKR format: an unknown key, a wrong type, a value out of range.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

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


class InvalidOkr(Rule[NoOptions]):
    meta = RuleMeta(
        code="STR002",
        name="invalid-okr",
        family="structure",
        scope=Scope.FILE,
        summary=(
            "The document breaks the OKR format: an unknown key, a wrong type, a value out of "
            "range."
        ),
        rationale=(
            "Typos must not pass silently: a misspelt `target` is a key result without a target. "
            "Unknown keys are errors unless they start with `x-`, which is kept for your own "
            "tools. Values are checked too: confidence and score are between 0 and 1, a period "
            "is a quarter, a half, a year, a month or a start and end date."
        ),
        bad=(
            Example(
                example_head(objectives=False)
                + "objectives:\n"
                + "  - title: Make onboarding effortless\n"
                + "    key_results:\n"
                + "      - title: Raise week-1 activation\n"
                + "        baseline: 30\n"
                + "        taget: 45  # expect: STR002\n"
                + "        confidence: 7  # expect: STR002\n",
                messages=(
                    (
                        "unknown key 'taget'; did you mean 'target'? (allowed here: id, title, "
                        "metric, baseline, target, current, unit, direction, confidence, score, "
                        "owner, checkins, learnings, due, status, priority, evidence; prefix "
                        "your own keys with 'x-')"
                    ),
                    'confidence must be between 0 and 1 (got 7); write 0.7 or "7/10"',
                ),
            ),
        ),
        good=(
            Example(
                example_head(objectives=False)
                + "objectives:\n"
                + "  - title: Make onboarding effortless\n"
                + "    key_results:\n"
                + "      - title: Raise week-1 activation\n"
                + "        baseline: 30\n"
                + "        target: 45\n"
                + "        confidence: 7/10\n"
                + "        x-jira: GROW-12\n"
            ),
        ),
        severity=Severity.ERROR,
    )

    def check(self, item: FileItem, context: RuleContext[NoOptions]) -> Iterator[Violation]:
        source = item.source
        for document, validated in item.documents():
            for problem in document.problems:
                if problem.code == self.meta.code:
                    yield Violation(problem.message, source, document, span=problem.span)
            for node, message, at_value in validated.errors:
                object_id, text = _object_of(document.data, node)
                yield Violation(
                    message,
                    source,
                    document,
                    node,
                    at_value=at_value,
                    object_id=object_id,
                    text=text,
                )


def _object_of(data: Any, node: tuple[Any, ...]) -> tuple[str, str]:
    """The objective or key result a format error sits in ("O1/KR2"), read from the raw data.

    The set did not validate, so the ids come from the data as written, with the same
    positional defaults the model uses.
    """
    if len(node) < 2 or node[0] != "objectives" or not isinstance(node[1], int):
        return "", ""
    objectives = data.get("objectives") if isinstance(data, dict) else None
    if not isinstance(objectives, list) or node[1] >= len(objectives):
        return "", ""
    objective = objectives[node[1]]
    object_id, text = _id_and_title(objective, f"O{node[1] + 1}")
    if len(node) >= 4 and node[2] == "key_results" and isinstance(node[3], int):
        key_results = objective.get("key_results") if isinstance(objective, dict) else None
        if isinstance(key_results, list) and node[3] < len(key_results):
            kr_id, text = _id_and_title(key_results[node[3]], f"KR{node[3] + 1}")
            object_id = f"{object_id}/{kr_id}"
    return object_id, text


def _id_and_title(item: Any, default_id: str) -> tuple[str, str]:
    if isinstance(item, str):
        return default_id, item
    if not isinstance(item, dict):
        return default_id, ""
    identifier = item.get("id")
    title = item.get("title")
    return (
        str(identifier) if isinstance(identifier, str | int) and identifier != "" else default_id,
        title if isinstance(title, str) else "",
    )
