"""What whole-repository rules keep of each OKR set: a summary, small enough to hold thousands.

A repository of 10,000 files cannot be held in memory as parsed documents and models (about
80 KB a file), so each set is summarised while its file is loaded, and the file is then let go.
A summary keeps the few values that rules comparing sets read (team, period, links, owners,
types, scores and the numbers a key result pushes) and the spans their findings point at.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from typing import Any

from okrlint.findings import Violation
from okrlint.model import Direction, KeyResult, ObjectiveType, OkrSet, PeriodRange
from okrlint.periods import period_text
from okrlint.sources import Document, NodePath, SourceFile, Span
from okrlint.text.key_result_numbers import Numbers, numbers_of


@dataclass(frozen=True, slots=True)
class KeyResultSummary:
    # Only key results with a score or that push a metric are kept: nothing else is compared.
    object_id: str
    title: str
    score: float | None
    # Only for runs with a rule that compares what key results push (ALN002).
    numbers: Numbers | None
    # Where a finding about what it pushes points: its direction, else its target, else itself.
    push_span: Span


@dataclass(frozen=True, slots=True)
class ObjectiveSummary:
    id: str
    type: ObjectiveType
    owner: str | None
    aligns_to: str | None
    key_results: tuple[KeyResultSummary, ...]
    aligns_to_span: Span
    owner_span: Span


@dataclass(frozen=True, slots=True)
class SetSummary:
    source: SourceFile
    index: int
    documents: int
    team: str
    period: str | PeriodRange
    aligns_to: str | None
    objectives: tuple[ObjectiveSummary, ...]
    # Sets are compared only with sets of the same repository.
    repository: Hashable
    # The set-level nodes findings point at: (), team, aligns_to, objectives.
    spans: Mapping[NodePath, Span]
    # The rule options and fiscal year of the file it came from, set when the file was linted
    # (None for the repository's other files: rules use their own then).
    options: Mapping[str, Any] | None = None
    fiscal_year_start: int | None = None

    @property
    def path(self) -> str:
        return self.source.display

    def where(self) -> str:
        """The set as messages name it: its file, and the document number when there are more."""
        if self.documents > 1:
            return f"{self.source.display} (document {self.index + 1})"
        return self.source.display

    @property
    def period_text(self) -> str:
        return period_text(self.period)

    def violation(self, message: str, *, node: NodePath = ()) -> Violation:
        # A finding on an objective's own node (its aligns_to, its owner) is about the objective.
        object_id = ""
        if len(node) >= 2 and node[0] == "objectives" and isinstance(node[1], int):
            object_id = self.objectives[node[1]].id
        return Violation(
            message,
            self.source,
            node=node,
            span=self._span(node),
            object_id=object_id,
            team=self.team,
            period=self.period_text,
        )

    def key_result_violation(self, message: str, key_result: KeyResultSummary) -> Violation:
        return Violation(
            message,
            self.source,
            span=key_result.push_span,
            object_id=key_result.object_id,
            text=key_result.title,
            team=self.team,
            period=self.period_text,
        )

    def _span(self, node: NodePath) -> Span:
        if node in self.spans:
            return self.spans[node]
        if len(node) == 3 and node[0] == "objectives" and isinstance(node[1], int):
            objective = self.objectives[node[1]]
            if node[2] == "aligns_to":
                return objective.aligns_to_span
            if node[2] == "owner":
                return objective.owner_span
        return self.spans[()]


# The span of a node no finding can point at (an absent owner, a key result that pushes nothing).
_NOWHERE = Span(1, 1, 1, 1)

_SET_NODES: tuple[NodePath, ...] = ((), ("team",), ("aligns_to",), ("objectives",))


def summarize(
    document: Document,
    okr_set: OkrSet,
    repository: Hashable,
    readings: Mapping[str, Any] | None,
) -> SetSummary:
    """The summary of a set whose document is still loaded; `readings` None skips the numbers."""
    objectives = []
    for position, objective in enumerate(okr_set.objectives):
        node: NodePath = ("objectives", position)
        object_id = okr_set.objective_id(position)
        key_results = []
        for kr_position, key_result in enumerate(objective.key_results):
            numbers = (
                numbers_of(key_result, readings.get(key_result.title))
                if readings is not None
                else None
            )
            pushes = numbers is not None and _pushes(numbers)
            if not pushes and key_result.score is None:
                continue  # what rules across sets read of a key result: a score, or a push
            key_results.append(
                KeyResultSummary(
                    f"{object_id}/{OkrSet.key_result_id(objective, kr_position)}",
                    key_result.title,
                    key_result.score,
                    numbers if pushes else None,
                    # Only a key result that pushes a metric can be reported; others need no span.
                    document.locate(_push_node(node, kr_position, key_result))
                    if pushes
                    else _NOWHERE,
                )
            )
        objectives.append(
            ObjectiveSummary(
                object_id,
                objective.type,
                objective.owner,
                objective.aligns_to,
                tuple(key_results),
                document.locate((*node, "aligns_to")) if objective.aligns_to else _NOWHERE,
                document.locate((*node, "owner")) if objective.owner else _NOWHERE,
            )
        )
    return SetSummary(
        source=document.source,
        index=document.index,
        documents=len(document.source.documents),
        team=okr_set.team,
        period=okr_set.period,
        aligns_to=okr_set.aligns_to,
        objectives=tuple(objectives),
        repository=repository,
        spans={node: document.locate(node) for node in _SET_NODES},
    )


def _push_node(objective: NodePath, position: int, key_result: KeyResult) -> NodePath:
    node: NodePath = (*objective, "key_results", position)
    if key_result.direction is not None:
        return (*node, "direction")
    if key_result.target is not None:
        return (*node, "target")
    return node


def _pushes(numbers: Numbers) -> bool:
    """Only a metric pushed up or down can conflict with another team's; others need no room."""
    return numbers.metric is not None and numbers.direction in (
        Direction.INCREASE,
        Direction.DECREASE,
    )


# Summaries of files that were not linted are kept between runs (`okrlint.workspace.neighbours`), as
# plain JSON values; decoding checks every value, and anything unexpected is a cache miss.


def encode(summary: SetSummary) -> list[Any]:
    period = summary.period
    return [
        summary.index,
        summary.documents,
        summary.team,
        period if isinstance(period, str) else [period.start.isoformat(), period.end.isoformat()],
        summary.aligns_to,
        [[list(node), _span_out(span)] for node, span in summary.spans.items()],
        [
            [
                objective.id,
                objective.type.value,
                objective.owner,
                objective.aligns_to,
                _span_out(objective.aligns_to_span),
                _span_out(objective.owner_span),
                [
                    [
                        kr.object_id,
                        kr.title,
                        kr.score,
                        _numbers_out(kr.numbers),
                        _span_out(kr.push_span),
                    ]
                    for kr in objective.key_results
                ],
            ]
            for objective in summary.objectives
        ],
    ]


def decode(value: Any, source: SourceFile, repository: Hashable) -> SetSummary:
    """A summary from `encode`; raises ValueError (or TypeError, ...) on anything else."""
    index, documents, team, period, aligns_to, spans, objectives = value
    return SetSummary(
        source=source,
        index=_int(index),
        documents=_int(documents),
        team=_str(team),
        period=(
            _str(period)
            if isinstance(period, str)
            else PeriodRange(
                start=dt.date.fromisoformat(period[0]), end=dt.date.fromisoformat(period[1])
            )
        ),
        aligns_to=_optional_str(aligns_to),
        objectives=tuple(_objective_in(objective) for objective in objectives),
        repository=repository,
        spans={tuple(node): _span_in(span) for node, span in spans},
    )


# Decoding is written out with `type(...) is` checks (which also leave out bools): a hook run on
# one file of a large repository decodes the summary of every other file.
_OBJECTIVE_TYPES = {kind.value: kind for kind in ObjectiveType}


def _objective_in(value: Any) -> ObjectiveSummary:
    object_id, kind, owner, aligns_to, aligns_to_span, owner_span, key_results = value
    if not (
        type(object_id) is str
        and (owner is None or type(owner) is str)
        and (aligns_to is None or type(aligns_to) is str)
    ):
        raise TypeError("objective")
    return ObjectiveSummary(
        object_id,
        _OBJECTIVE_TYPES[kind],
        owner,
        aligns_to,
        tuple([_key_result_in(kr) for kr in key_results]),
        _span_in(aligns_to_span),
        _span_in(owner_span),
    )


def _key_result_in(value: Any) -> KeyResultSummary:
    object_id, title, score, numbers, push_span = value
    if not (
        type(object_id) is str
        and type(title) is str
        and (score is None or type(score) is float or type(score) is int)
    ):
        raise TypeError("key result")
    return KeyResultSummary(
        object_id,
        title,
        score,
        None if numbers is None else _numbers_in(numbers),
        _span_in(push_span),
    )


def _numbers_out(numbers: Numbers | None) -> list[Any] | None:
    if numbers is None:
        return None
    return [
        numbers.baseline,
        numbers.target,
        numbers.current,
        numbers.direction.value if numbers.direction is not None else None,
        numbers.percent,
        numbers.metric,
        numbers.metric_text,
        numbers.dimension,
        numbers.unit,
        numbers.problem,
        numbers.direction_source,
        numbers.bounded_rate,
        numbers.past_100,
    ]


_DIRECTIONS = {direction.value: direction for direction in Direction}


def _numbers_in(value: Any) -> Numbers | None:
    if value is None:
        return None
    (
        baseline,
        target,
        current,
        direction,
        percent,
        metric,
        metric_text,
        dimension,
        unit,
        problem,
        direction_source,
        bounded_rate,
        past_100,
    ) = value
    for number in (baseline, target, current):
        if number is not None and type(number) is not float and type(number) is not int:
            raise TypeError("number")
    return Numbers(
        baseline,
        target,
        current,
        _DIRECTIONS[direction] if direction is not None else None,
        bool(percent),
        _optional_str(metric),
        _optional_str(metric_text),
        _optional_str(dimension),
        _str(unit),
        _optional_str(problem),
        _optional_str(direction_source),
        _optional_str(bounded_rate),
        _optional_str(past_100),
    )


def _span_out(span: Span) -> list[int]:
    return [span.line, span.column, span.end_line, span.end_column]


def _span_in(value: Any) -> Span:
    line, column, end_line, end_column = value
    # `type(...) is int` leaves out bools; written out, as a warm run decodes thousands.
    if not (
        type(line) is int
        and type(column) is int
        and type(end_line) is int
        and type(end_column) is int
    ):
        raise TypeError("span")
    return Span(line, column, end_line, end_column)


def _int(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError("int")
    return value


def _str(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError("str")
    return value


def _optional_str(value: Any) -> str | None:
    return None if value is None else _str(value)
