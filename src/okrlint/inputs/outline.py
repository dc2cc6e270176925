"""OKR sets assembled item by item, with where each item sits in its file: what the Markdown and
CSV readers build, turned into documents just like those the YAML loader gives."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from okrlint.sources import Document, LocationIndex, NodePath, SourceFile

Place = tuple[int, int, int, int]  # 1-based line, column, end line, end column


@dataclass(slots=True)
class Entry:
    value: Any
    place: Place


@dataclass(slots=True)
class KeyResultDraft:
    place: Place
    fields: dict[str, Entry] = field(default_factory=dict)


@dataclass(slots=True)
class ObjectiveDraft:
    place: Place
    fields: dict[str, Entry] = field(default_factory=dict)
    key_results: list[KeyResultDraft] = field(default_factory=list)


@dataclass(slots=True)
class SetDraft:
    team: Entry | None
    period: Entry | None
    fields: dict[str, Entry] = field(default_factory=dict)
    objectives: list[ObjectiveDraft] = field(default_factory=list)


class Outline:
    """Objectives and key results in file order, grouped into one set per team and period."""

    def __init__(self) -> None:
        self.sets: list[SetDraft] = []
        self._by_key: dict[tuple[str, str], SetDraft] = {}

    def set_for(self, team: Entry | None, period: Entry | None) -> SetDraft:
        key = (_text(team), _text(period))
        draft = self._by_key.get(key)
        if draft is None:
            draft = self._by_key[key] = SetDraft(team, period)
            self.sets.append(draft)
        return draft

    @property
    def objectives(self) -> int:
        return sum(len(s.objectives) for s in self.sets)

    @property
    def key_results(self) -> int:
        return sum(len(o.key_results) for s in self.sets for o in s.objectives)

    def documents(self, source: SourceFile, reader: str) -> list[Document]:
        documents = []
        for position, draft in enumerate(s for s in self.sets if s.objectives):
            data, index = _build(draft)
            documents.append(Document(source, position, data, index, mapped_from=reader))
        return documents


def _text(entry: Entry | None) -> str:
    return str(entry.value) if entry is not None and entry.value is not None else ""


def _span(first: Place, last: Place) -> Place:
    return (first[0], first[1], last[2], last[3])


def _build(draft: SetDraft) -> tuple[dict[str, Any], LocationIndex]:
    index = LocationIndex()
    data: dict[str, Any] = {}
    first = draft.objectives[0].place
    last = (
        draft.objectives[-1].key_results[-1].place
        if draft.objectives[-1].key_results
        else (draft.objectives[-1].place)
    )
    root = _span(first, last)
    index.add((), root, root)
    for name, entry in (("team", draft.team), ("period", draft.period)):
        if entry is not None and _text(entry):
            data[name] = entry.value
            index.add((name,), entry.place, entry.place)
    _put(data, index, (), draft.fields)
    objectives: list[Any] = []
    data["objectives"] = objectives
    index.add(("objectives",), root, root)
    for position, objective in enumerate(draft.objectives):
        node: NodePath = ("objectives", position)
        item: dict[str, Any] = {}
        ends = objective.key_results[-1].place if objective.key_results else objective.place
        index.add(node, _span(objective.place, ends), objective.place)
        _put(item, index, node, objective.fields)
        if objective.key_results:
            results: list[Any] = []
            item["key_results"] = results
            span = _span(objective.key_results[0].place, objective.key_results[-1].place)
            index.add((*node, "key_results"), span, span)
            for kr_position, key_result in enumerate(objective.key_results):
                kr_node = (*node, "key_results", kr_position)
                index.add(kr_node, key_result.place, key_result.place)
                written: dict[str, Any] = {}
                _put(written, index, kr_node, key_result.fields)
                results.append(written)
        else:
            item["key_results"] = []
        objectives.append(item)
    return data, index


def _put(
    target: dict[str, Any], index: LocationIndex, node: NodePath, fields: dict[str, Entry]
) -> None:
    for name, entry in fields.items():
        target[name] = entry.value
        index.add((*node, name), entry.place, entry.place)
