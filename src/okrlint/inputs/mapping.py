"""Declarative mappings: another tool's YAML or JSON shape read as okrlint OKR sets.

A mapping says where the objectives are (a path such as `objectives[]` or
`Projects[team=Name].OKR{period}[]`), where the team and the period are, and which of their keys
is which of our fields; keys it does not name are looked up in the alias table of what other
tools call each field, and what has no field is kept under an `x-` key. Values are converted on
the way (`>=` -> increase, `High` -> a confidence, `Q2 2024` -> `2024-Q2`).

Every node of the result is placed where the node it came from sits in the original file, so
findings point at the user's own lines.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from okrlint.inputs.aliases import field_for, fold
from okrlint.inputs.values import convert, to_period
from okrlint.sources import LocationIndex, NodePath

SET_FIELDS = ("team", "period", "owner", "aligns_to")
OBJECTIVE_FIELDS = ("id", "title", "type", "description", "owner", "aligns_to", "initiatives")
KEY_RESULT_FIELDS = (
    "id",
    "title",
    "metric",
    "baseline",
    "target",
    "current",
    "unit",
    "direction",
    "confidence",
    "score",
    "owner",
    "checkins",
    "learnings",
    "due",
    "status",
    "priority",
    "evidence",
)
# Keys of an objective that say which period (or team) it belongs to: the file holds one OKR
# set per period, and the objective goes to its own.
_OBJECTIVE_PERIOD_KEYS = frozenset(
    fold(k)
    for k in (
        "period",
        "timeframe",
        "quarter",
        "quarter_id",
        "end",
        "end_date",
        "period_end",
        "deadline",
        "horizon",
    )
)
_OBJECTIVE_TEAM_KEYS = frozenset(fold(k) for k in ("team", "team_name", "squad"))


class MappingSpec(BaseModel):
    """One shape: how to find and read the OKR sets of a YAML or JSON document."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    description: str = ""
    # Paths that must all exist for the shape to be recognised without `--from`.
    detect: list[str] = Field(default_factory=list)
    # Keys whose presence rules the shape out (okrlint's own format, another shape).
    unless: list[str] = Field(default_factory=list)
    objectives: str = "objectives[]"
    team: str | None = None
    period: str | None = None
    owner: str | None = None
    key_results: list[str] = Field(default_factory=lambda: ["key_results"])
    # Their key -> our field, for objectives and key results; `-` drops a key.
    objective: dict[str, str] = Field(default_factory=dict)
    key_result: dict[str, str] = Field(default_factory=dict)
    # Our field -> their value -> ours (`confidence: {High: 0.8}`).
    values: dict[str, dict[str, Any]] = Field(default_factory=dict)
    # A key result with no text is titled by this field of its own (`metric`), if any.
    title_from: str | None = None

    @field_validator("objectives", "detect", "unless")
    @classmethod
    def _readable_paths(cls, value: Any) -> Any:
        for path in value if isinstance(value, list) else [value]:
            _steps(path)
        return value


@dataclass(slots=True)
class MappedSet:
    data: dict[str, Any]
    locations: LocationIndex


@dataclass(slots=True)
class _Context:
    team: tuple[Any, NodePath] | None = None
    period: tuple[Any, NodePath] | None = None
    objective_id: tuple[Any, NodePath] | None = None


@dataclass(slots=True)
class _Objective:
    data: dict[str, Any]
    source: NodePath
    # New path under the objective -> source path, for its location.
    places: dict[NodePath, NodePath] = field(default_factory=dict)
    team: tuple[Any, NodePath] | None = None
    period: tuple[Any, NodePath] | None = None


_STEP = re.compile(
    r"(?P<key>[^.\[\]{}]+)|\[(?:(?P<capture>\w+)=(?P<field>[^\]]+))?\]|\{(?P<keyname>\w*)\}|\."
)


@dataclass(frozen=True, slots=True)
class _Step:
    kind: str  # "key", "list" (each item) or "map" (each value)
    key: str = ""
    capture: str = ""  # what a list item's field or a mapping's key is taken as
    field_name: str = ""


@functools.lru_cache(maxsize=256)
def _steps(path: str) -> tuple[_Step, ...]:
    """`Projects[team=Name].OKR{period}[]` as steps; a malformed path is a ValueError."""
    steps: list[_Step] = []
    position = 0
    while position < len(path):
        match = _STEP.match(path, position)
        if match is None or match.end() == position:
            raise ValueError(f"cannot read '{path}' at character {position + 1}")
        position = match.end()
        if match["key"] is not None:
            steps.append(_Step("key", key=match["key"].strip()))
        elif match.group(0).startswith("["):
            steps.append(
                _Step("list", capture=match["capture"] or "", field_name=match["field"] or "")
            )
        elif match.group(0).startswith("{"):
            steps.append(_Step("map", capture=match["keyname"] or ""))
    return tuple(steps)


def _get(data: Any, key: str) -> tuple[Any, str] | None:
    """A key of a mapping, also under another case or spelling (`KeyResults`)."""
    if not isinstance(data, dict):
        return None
    if key in data:
        return data[key], key
    wanted = fold(key)
    for name, value in data.items():
        if fold(str(name)) == wanted:
            return value, str(name)
    return None


def _walk_objectives(data: Any, path: str) -> Iterator[tuple[Any, NodePath, _Context]]:
    """Each objective node the path reaches, with its source path and what was captured."""
    states: list[tuple[Any, NodePath, _Context]] = [(data, (), _Context())]
    for step in _steps(path):
        following: list[tuple[Any, NodePath, _Context]] = []
        for node, where, context in states:
            if step.kind == "key":
                found = _get(node, step.key)
                if found is not None:
                    following.append((found[0], (*where, found[1]), context))
            elif step.kind == "list" and isinstance(node, list):
                for position, item in enumerate(node):
                    item_context = _Context(context.team, context.period, context.objective_id)
                    if step.capture:
                        captured = _get(item, step.field_name)
                        if captured is not None:
                            value = (captured[0], (*where, position, captured[1]))
                            _capture(item_context, step.capture, value)
                    following.append((item, (*where, position), item_context))
            elif step.kind == "map" and isinstance(node, dict):
                for name, item in node.items():
                    item_context = _Context(context.team, context.period, context.objective_id)
                    if step.capture:
                        _capture(item_context, step.capture, (name, (*where, str(name))))
                    following.append((item, (*where, str(name)), item_context))
        states = following
    yield from states


def _capture(context: _Context, name: str, value: tuple[Any, NodePath]) -> None:
    if name == "team":
        context.team = value
    elif name == "period":
        context.period = value
    elif name == "id":
        context.objective_id = value


def _value_at(data: Any, path: str | None) -> tuple[Any, NodePath] | None:
    """A value by dotted path (`metadata.team`), or a literal written `=Growth`."""
    if not path:
        return None
    if path.startswith("="):
        return path[1:], ()
    node: Any = data
    where: NodePath = ()
    for part in path.split("."):
        found = _get(node, part)
        if found is None:
            return None
        node, name = found
        where = (*where, name)
    return node, where


def exists(data: Any, path: str) -> bool:
    """Whether a detection path exists: `a.b` keys, `a[]` some item of a list, `{}` some value
    of a mapping (`objectives[].key_results[].kr_id`)."""
    nodes = [data]
    for step in _steps(path):
        following: list[Any] = []
        for node in nodes:
            if step.kind == "key":
                found = _get(node, step.key)
                if found is not None:
                    following.append(found[0])
            elif step.kind == "list" and isinstance(node, list):
                following.extend(node[:50])
            elif step.kind == "map" and isinstance(node, dict):
                following.extend(list(node.values())[:50])
        nodes = following
        if not nodes:
            return False
    return True


def detects(spec: MappingSpec, data: Any) -> bool:
    if not spec.detect:
        return False
    if any(exists(data, path) for path in spec.unless):
        return False
    return all(exists(data, path) for path in spec.detect)


def apply_mapping(
    spec: MappingSpec,
    data: Any,
    locations: LocationIndex,
    *,
    team: str | None = None,
    period: str | None = None,
    year: int | None = None,
    fiscal_year_start: int = 1,
) -> list[MappedSet]:
    """The OKR sets a document holds in this shape, one per team and period, in order."""
    set_team = _value_at(data, spec.team) if spec.team else None
    set_period = _value_at(data, spec.period) if spec.period else None
    set_owner = _value_at(data, spec.owner) if spec.owner else None
    if isinstance(data, dict):
        for key, value in data.items():
            alias = field_for("OkrSet", str(key))
            where = (str(key),)
            if alias == "team" and set_team is None and spec.team is None:
                set_team = (value, where)
            elif alias == "period" and set_period is None and spec.period is None:
                set_period = (value, where)
            elif alias == "owner" and set_owner is None and spec.owner is None:
                set_owner = (value, where)
    placer = _Placer(locations)
    objectives = [
        _read_objective(spec, node, where, context, year, fiscal_year_start)
        for node, where, context in _walk_objectives(data, spec.objectives)
    ]
    groups: dict[tuple[str, str], list[_Objective]] = {}
    firsts: dict[tuple[str, str], tuple[tuple[Any, NodePath] | None, ...]] = {}
    for objective in objectives:
        own_team = objective.team or set_team
        own_period = objective.period or set_period
        team_text = _text(own_team[0]) if own_team else (team or "")
        period_value = own_period[0] if own_period else None
        period_text = (
            to_period(period_value, year, fiscal_year_start) or _text(period_value)
            if own_period
            else (period or "")
        )
        key = (team_text, period_text)
        groups.setdefault(key, []).append(objective)
        firsts.setdefault(key, (own_team, own_period))
    if not objectives:
        return []
    results = []
    for (team_text, period_text), members in groups.items():
        own_team, own_period = firsts[(team_text, period_text)]
        out: dict[str, Any] = {}
        index = LocationIndex()
        place = placer.place
        root = locations.get(())
        if root is not None:
            index.add((), _raw(root.entry), _raw(root.value))
        if team_text:
            out["team"] = team_text
            place(index, ("team",), own_team[1] if own_team else ())
        if period_text:
            out["period"] = period_text
            place(index, ("period",), own_period[1] if own_period else ())
        if set_owner is not None and _text(set_owner[0]):
            out["owner"] = _text(set_owner[0])
            place(index, ("owner",), set_owner[1])
        out["objectives"] = []
        for position, objective in enumerate(members):
            out["objectives"].append(objective.data)
            place(index, ("objectives", position), objective.source)
            for relative, source in objective.places.items():
                place(index, ("objectives", position, *relative), source)
        if isinstance(data, dict):
            kept = _extension_keys(spec, data, out)
            for key, (value, source) in kept.items():
                out[key] = value
                place(index, (key,), source)
        results.append(MappedSet(out, index))
    return results


def _extension_keys(
    spec: MappingSpec, data: dict[str, Any], out: dict[str, Any]
) -> dict[str, tuple[Any, NodePath]]:
    """Top-level scalars that have no field: kept under `x-` keys (`scope: org`)."""
    steps = _steps(spec.objectives)
    first = steps[0].key if steps and steps[0].kind == "key" else ""
    used = {fold(first)} | {
        fold(p.split(".")[0]) for p in (spec.team, spec.period, spec.owner) if p
    }
    kept: dict[str, tuple[Any, NodePath]] = {}
    for key, value in data.items():
        name = str(key)
        if fold(name) in used or field_for("OkrSet", name) in out:
            continue
        if isinstance(value, str | int | float | bool) and not name.startswith("x-"):
            kept[f"x-{name}"] = (value, (name,))
    return kept


def _read_objective(
    spec: MappingSpec,
    node: Any,
    where: NodePath,
    context: _Context,
    year: int | None,
    fiscal_year_start: int,
) -> _Objective:
    objective = _Objective({}, where, team=context.team, period=context.period)
    if context.objective_id is not None:
        objective.data["id"] = _text(context.objective_id[0])
        objective.places[("id",)] = context.objective_id[1]
    if isinstance(node, str):
        objective.data["title"] = node
        return objective
    if not isinstance(node, dict):
        objective.data["title"] = ""
        return objective
    key_result_keys = {fold(k) for k in spec.key_results}
    renames = {fold(k): v for k, v in spec.objective.items()}
    for key, value in node.items():
        name = str(key)
        source = (*where, name)
        folded = fold(name)
        target = renames.get(folded)
        if target == "-":
            continue
        if (
            target in ("key_results",)
            or (target is None and folded in key_result_keys)
            or (target is None and field_for("Objective", name) == "key_results")
        ):
            objective.data["key_results"] = _read_key_results(spec, value, source, objective)
            objective.places[("key_results",)] = source
            continue
        names_period = target == "period" or (target is None and folded in _OBJECTIVE_PERIOD_KEYS)
        if names_period and to_period(value, year, fiscal_year_start) is not None:
            objective.period = (value, source)
            continue
        if target == "team" or (target is None and folded in _OBJECTIVE_TEAM_KEYS):
            objective.team = (value, source)
            continue
        our = target or field_for("Objective", name)
        if our in OBJECTIVE_FIELDS and our not in objective.data:
            objective.data[our] = _text(value) if our != "initiatives" else value
            objective.places[(our,)] = source
        else:
            key_name = target if target and target.startswith("x-") else _x(name)
            objective.data[key_name] = value
            objective.places[(key_name,)] = source
    return objective


def _read_key_results(
    spec: MappingSpec, value: Any, where: NodePath, objective: _Objective
) -> list[Any]:
    if not isinstance(value, list):
        return [value]  # validation says what is wrong with the item
    renames = {fold(k): v for k, v in spec.key_result.items()}
    results: list[Any] = []
    for position, item in enumerate(value):
        item_where = (*where, position)
        objective.places[("key_results", position)] = item_where
        if not isinstance(item, dict):
            results.append(item)
            continue
        out: dict[str, Any] = {}
        for key, field_value in item.items():
            name = str(key)
            target = renames.get(fold(name))
            if target == "-":
                continue
            our = target or field_for("KeyResult", name)
            source = (*item_where, name)
            if our in KEY_RESULT_FIELDS and our not in out:
                out[our] = convert(our, field_value, spec.values.get(our))
                objective.places[("key_results", position, our)] = source
            else:
                key_name = target if target and target.startswith("x-") else _x(name)
                out[key_name] = field_value
                objective.places[("key_results", position, key_name)] = source
        if "title" not in out and spec.title_from and isinstance(out.get(spec.title_from), str):
            out["title"] = out[spec.title_from]
        results.append(dict(sorted(out.items(), key=_field_order)))
    return results


def _field_order(item: tuple[str, Any]) -> int:
    name = item[0]
    return KEY_RESULT_FIELDS.index(name) if name in KEY_RESULT_FIELDS else len(KEY_RESULT_FIELDS)


def _x(name: str) -> str:
    """What has no field is kept under an `x-` key, for the team's own tools."""
    return name if name.startswith("x-") else f"x-{name}"


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int | float):
        return str(value)
    return str(value)


def _raw(span: Any) -> tuple[int, int, int, int]:
    return (span.line, span.column, span.end_line, span.end_column)


class _Placer:
    """Places new nodes where the nodes they came from sit, with everything under them."""

    def __init__(self, locations: LocationIndex) -> None:
        self.locations = locations
        self._children: dict[NodePath, list[NodePath]] | None = None

    def children(self, node: NodePath) -> list[NodePath]:
        if self._children is None:
            self._children = {}
            for path in self.locations:
                if path:
                    self._children.setdefault(path[:-1], []).append(path)
        return self._children.get(node, [])

    def place(self, index: LocationIndex, new: NodePath, source: NodePath) -> None:
        """Put `new` where `source` sits (or its nearest located ancestor), and what is under
        `source` under `new`."""
        exact = source in self.locations
        while source and source not in self.locations:
            source = source[:-1]
        location = self.locations.get(source)
        if location is None:
            return
        index.add(new, _raw(location.entry), _raw(location.value), replace=False)
        if not exact:
            return
        stack = [(new, source)]
        while stack:
            new_parent, source_parent = stack.pop()
            for child in self.children(source_parent):
                spans = self.locations.get(child)
                if spans is None:
                    continue
                new_child = (*new_parent, child[-1])
                index.add(new_child, _raw(spans.entry), _raw(spans.value), replace=False)
                stack.append((new_child, child))
