"""What whole-repository rules keep of each OKR set: a summary, small enough to hold thousands.

A repository of 10,000 files cannot be held in memory as parsed documents and models (about
80 KB a file), so each set is summarised while its file is loaded, and the file is then let go.
A summary keeps the few values that rules comparing sets read (team, period, links, owners,
types, scores and the numbers a key result pushes) and the spans their findings point at.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from okrlint.document import Span
from okrlint.findings import Violation
from okrlint.measures import Numbers, numbers_of, reading_of
from okrlint.model import Direction, KeyResult, ObjectiveType, OkrSet, PeriodRange

if TYPE_CHECKING:
    from okrlint.config import Settings
    from okrlint.document import NodePath, SourceFile
    from okrlint.registry import SetItem


@dataclass(frozen=True, slots=True)
class KeyResultSummary:
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
    # The settings of the file it came from (its rule options); None for a file not linted.
    settings: Settings | None
    # Sets are compared only with sets of the same repository.
    repository: Hashable
    # The set-level nodes findings point at: (), team, aligns_to, objectives.
    spans: Mapping[NodePath, Span]

    @property
    def path(self) -> str:
        return self.source.display

    def where(self) -> str:
        """The set as messages name it: its file, and the document number when there are more."""
        if self.documents > 1:
            return f"{self.source.display} (document {self.index + 1})"
        return self.source.display

    def violation(self, message: str, *, node: NodePath = ()) -> Violation:
        return Violation(message, self.source, node=node, span=self._span(node))

    def key_result_violation(self, message: str, key_result: KeyResultSummary) -> Violation:
        return Violation(
            message,
            self.source,
            span=key_result.push_span,
            object_id=key_result.object_id,
            text=key_result.title,
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
    item: SetItem,
    settings: Settings | None,
    repository: Hashable,
    readings: Mapping[str, Any] | None,
) -> SetSummary:
    """The summary of a set whose document is still loaded; `readings` None skips the numbers."""
    document = item.document
    okr_set = item.okr_set
    objectives = []
    for position, objective in enumerate(okr_set.objectives):
        node: NodePath = ("objectives", position)
        object_id = okr_set.objective_id(position)
        key_results = []
        for kr_position, key_result in enumerate(objective.key_results):
            numbers = (
                numbers_of(key_result, reading_of(key_result, readings))
                if readings is not None
                else None
            )
            pushes = numbers is not None and _pushes(numbers)
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
        settings=settings,
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
