"""YAML and JSON documents in other tools' shapes: recognised, mapped, or named as unreadable.

A document in okrlint's format is kept as it is. One that a mapping recognises (a built-in one
for the shapes teams use, or one of the config's) is read through it. One that looks like OKRs
under other names, but that no mapping reads, gets a finding saying what okrlint saw and how to
make it readable: it never passes unread.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from okrlint.inputs.aliases import field_for, fold
from okrlint.inputs.mapping import MappingSpec, apply_mapping, detects
from okrlint.inputs.options import NATIVE, UNREADABLE, InputOptions
from okrlint.inputs.shapes import BUILTIN
from okrlint.inputs.values import names_from_path
from okrlint.sources import Document, Problem, SourceFile, Span

_LOOK_FOR = frozenset(
    fold(k) for k in ("key_results", "keyresults", "krs", "kr", "key_result", "keyresult")
)
_SETS = frozenset(fold(k) for k in ("objectives", "okrs", "okr", "goals", "objective"))
_LOOK_NODES = 5_000
_LOOK_DEPTH = 6


def user_mappings(options: InputOptions) -> list[MappingSpec]:
    specs = []
    for raw in options.mappings:
        try:
            specs.append(MappingSpec.model_validate(raw))
        except ValidationError:
            continue  # the config was validated when it was read; nothing to add here
    return specs


def mapping_named(name: str, options: InputOptions) -> MappingSpec | None:
    for spec in [*user_mappings(options), *BUILTIN]:
        if spec.name == name:
            return spec
    return None


def adopt(source: SourceFile, options: InputOptions) -> None:
    """Read the file's documents that are not in okrlint's format through mappings."""
    others = source.others
    source.others = []
    chosen = options.from_format
    if chosen == NATIVE:
        return
    forced = mapping_named(chosen, options) if chosen else None
    if forced is None and not others and not _may_be_mapped(source.documents):
        return
    users = user_mappings(options)
    documents = sorted([*source.documents, *others], key=lambda d: d.index)
    native = {id(d) for d in source.documents}
    kept: list[Document] = []
    skipped = 0
    for document in documents:
        spec, candidates = _choose(document.data, forced, users)
        if spec is None and len(candidates) > 1:
            names = " and ".join(s.name for s in candidates)
            source.problems.append(
                _problem(
                    document,
                    f"this document has the shape of {names}; choose one with --from "
                    "(or `from:` in the config)",
                )
            )
            continue
        if spec is None:
            if id(document) in native:
                kept.append(document)
                continue
            seen = _looks_like_okrs(document.data)
            if seen is None:
                skipped += 1
                continue
            key, where = seen
            if _objectives_by_other_names(document.data, where):
                kept.extend(_mapped(source, document, _by_field_names(key), options))
                continue
            line = document.locate(where).line
            source.problems.append(
                _problem(
                    document,
                    f"this looks like OKRs ('{key}' on line {line}) in a shape okrlint does not "
                    "know; describe it with a mapping under `mappings:` in the config, choose a "
                    "built-in one with --from ("
                    + ", ".join(s.name for s in BUILTIN)
                    + "), or write okrlint's format",
                )
            )
            continue
        kept.extend(_mapped(source, document, spec, options))
    source.documents = kept
    source.skipped_documents = skipped
    for position, document in enumerate(kept):
        document.index = position


def _objectives_by_other_names(data: Any, where: tuple[str | int, ...]) -> bool:
    """A list of objectives at the top, under another tool's name for them (`goals`, `okrs`),
    each item named as okrlint's fields are by one alias or another (`name`, `krs`,
    `description`): readable by the names alone, with no mapping to write."""
    if len(where) != 1 or not isinstance(data, dict) or fold(str(where[0])) not in _SETS:
        return False
    key = str(where[0])
    items = data.get(key)
    if any(c in key for c in ".[]{}=") or not isinstance(items, list) or not items:
        return False
    if not all(isinstance(item, dict) for item in items):
        return False
    return all(_objective_by_other_names(item) for item in items)


def _objective_by_other_names(item: dict[Any, Any]) -> bool:
    """A title and key results by names okrlint knows, and no other list that could be the
    key results (`outcomes:` beside `krs:` is a choice for a mapping, not a guess)."""
    fields = {field_for("Objective", str(name)) for name in item}
    unknown_lists = [
        name
        for name, value in item.items()
        if field_for("Objective", str(name)) is None and isinstance(value, list | dict)
    ]
    return {"title", "key_results"} <= fields and not unknown_lists


def _by_field_names(key: str) -> MappingSpec:
    return MappingSpec(
        name="field names",
        description=f"objectives under `{key}`, read by the names other tools give each field",
        objectives=f"{key}[]",
    )


def _may_be_mapped(documents: list[Document]) -> bool:
    return any(_in_other_shape(document.data) for document in documents)


def _in_other_shape(data: Any) -> bool:
    # A document with okrlint's own `team` and `period` is in okrlint's format (the common
    # case, decided without looking further).
    if isinstance(data, dict) and "team" in data and "period" in data:
        return False
    return any(detects(spec, data) for spec in BUILTIN)


def _choose(
    data: Any, forced: MappingSpec | None, users: list[MappingSpec]
) -> tuple[MappingSpec | None, list[MappingSpec]]:
    if forced is not None:
        return forced, [forced]
    for spec in users:
        if detects(spec, data):
            return spec, [spec]
    found = [spec for spec in BUILTIN if detects(spec, data)]
    return (found[0] if len(found) == 1 else None), found


def _mapped(
    source: SourceFile, document: Document, spec: MappingSpec, options: InputOptions
) -> list[Document]:
    team, period, year = names_from_path(source.path)
    if options.period:
        period = options.period
    sets = apply_mapping(
        spec,
        document.data,
        document.locations,
        team=options.team or team,
        period=period,
        year=year,
        fiscal_year_start=options.fiscal_year_start,
    )
    if not sets:
        source.problems.append(
            _problem(
                document,
                f"read as {spec.name}, this document has no objectives at '{spec.objectives}'; "
                "check the mapping, or choose another with --from",
            )
        )
        return []
    return [
        Document(
            source,
            document.index,
            mapped.data,
            mapped.locations,
            list(document.problems),
            mapped_from=spec.name,
        )
        for mapped in sets
    ]


def _problem(document: Document, message: str) -> Problem:
    span = document.locate(())
    return Problem(UNREADABLE, message, Span(span.line, span.column, span.line, span.column))


# Keys of a JSON Schema: what is under them describes data, it is none.
_SCHEMA_KEYS = frozenset(
    {"$schema", "$defs", "definitions", "properties", "patternProperties", "$ref"}
)


def _holds_items(value: Any) -> bool:
    """A non-empty list of texts or mappings: how every tool writes objectives and key results."""
    return (
        isinstance(value, list)
        and bool(value)
        and all(isinstance(item, str | dict) for item in value[:20])
    )


def _looks_like_okrs(data: Any) -> tuple[str, tuple[str | int, ...]] | None:
    """The key that makes a document look like OKRs, and where: key results under any of the
    names tools give them, or a list of objectives."""
    if isinstance(data, dict) and any(key in data for key in _SCHEMA_KEYS):
        return None  # a JSON Schema (okrlint's own, for editors) describes OKRs, holds none
    queue: list[tuple[Any, tuple[str | int, ...], int]] = [(data, (), 0)]
    visited = 0
    while queue and visited < _LOOK_NODES:
        node, where, depth = queue.pop(0)
        visited += 1
        if depth > _LOOK_DEPTH:
            continue
        if isinstance(node, dict):
            for key, value in node.items():
                folded = fold(str(key))
                if folded in _LOOK_FOR | _SETS and _holds_items(value):
                    return str(key), (*where, str(key))
                if str(key) not in _SCHEMA_KEYS:
                    queue.append((value, (*where, str(key)), depth + 1))
        elif isinstance(node, list):
            for position, item in enumerate(node[:200]):
                queue.append((item, (*where, position), depth + 1))
    return None
