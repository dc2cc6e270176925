"""Structure: the file must be YAML, the document must follow the OKR format, ids are unique."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from okrlint.findings import Severity, Violation
from okrlint.registry import (
    Example,
    FileItem,
    NoOptions,
    Rule,
    RuleContext,
    RuleMeta,
    Scope,
    SetItem,
)

_HEAD = "team: Growth\nperiod: 2026-Q1\n"


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
                _HEAD
                + "objectives:\n"
                + "  - title: Make onboarding effortless\n"
                + "    key_results: [Raise week-1 activation from 30% to 45%\n"
                + "  - title: Win the mid-market  # expect: STR001\n"
            ),
        ),
        good=(
            Example(
                _HEAD
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
                _HEAD
                + "objectives:\n"
                + "  - title: Make onboarding effortless\n"
                + "    key_results:\n"
                + "      - title: Raise week-1 activation\n"
                + "        baseline: 30\n"
                + "        taget: 45  # expect: STR002\n"
                + "        confidence: 7  # expect: STR002\n"
            ),
        ),
        good=(
            Example(
                _HEAD
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
        for document in source.documents:
            for problem in document.problems:
                if problem.code == self.meta.code:
                    yield Violation(problem.message, source, document, span=problem.span)
            for node, message, at_value in document.format_errors:
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


class DuplicateId(Rule[NoOptions]):
    meta = RuleMeta(
        code="STR003",
        name="duplicate-id",
        family="structure",
        scope=Scope.SET,
        summary="Two objectives, or two key results of one objective, share an id.",
        rationale=(
            "Ids are how check-ins, alignment links (`aligns_to: team/2026-Q1#O2`) and reports "
            "find an objective or key result. Two items with one id make every such link "
            "ambiguous."
        ),
        bad=(
            Example(
                _HEAD
                + "objectives:\n"
                + "  - id: O1\n"
                + "    title: Make onboarding effortless\n"
                + "    key_results:\n"
                + "      - Raise week-1 activation from 30% to 45%\n"
                + "      - Cut time to first value from 3 days to 1\n"
                + "  - id: O1  # expect: STR003\n"
                + "    title: Win the mid-market\n"
                + "    key_results:\n"
                + "      - Grow mid-market logos from 40 to 60\n"
                + "      - Raise mid-market win rate from 18% to 25%\n"
            ),
        ),
        good=(
            Example(
                _HEAD
                + "objectives:\n"
                + "  - id: O1\n"
                + "    title: Make onboarding effortless\n"
                + "    key_results:\n"
                + "      - Raise week-1 activation from 30% to 45%\n"
                + "      - Cut time to first value from 3 days to 1\n"
                + "  - id: O2\n"
                + "    title: Win the mid-market\n"
                + "    key_results:\n"
                + "      - Grow mid-market logos from 40 to 60\n"
                + "      - Raise mid-market win rate from 18% to 25%\n"
            ),
        ),
        severity=Severity.ERROR,
    )

    def check(self, item: SetItem, context: RuleContext[NoOptions]) -> Iterator[Violation]:
        seen_objectives: dict[str, int] = {}
        for position, objective in enumerate(item.okr_set.objectives):
            objective_id = item.okr_set.objective_id(position)
            if objective_id in seen_objectives:
                yield self._duplicate(
                    item,
                    ("objectives", position, "id"),
                    "objective",
                    objective_id,
                    seen_objectives[objective_id],
                )
            else:
                seen_objectives[objective_id] = position
            seen_key_results: dict[str, int] = {}
            for kr_position in range(len(objective.key_results)):
                kr_id = item.okr_set.key_result_id(objective, kr_position)
                node = ("objectives", position, "key_results", kr_position, "id")
                if kr_id in seen_key_results:
                    yield self._duplicate(
                        item, node, f"key result of {objective_id}", kr_id, seen_key_results[kr_id]
                    )
                else:
                    seen_key_results[kr_id] = kr_position

    @staticmethod
    def _duplicate(
        item: SetItem, node: tuple[Any, ...], what: str, identifier: str, first: int
    ) -> Violation:
        return item.violation(
            f"the {what} id '{identifier}' is already used by item {first + 1}; give each "
            "a unique id so alignment links and check-ins point at one thing",
            node=node,
        )
