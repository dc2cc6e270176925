"""`okrlint convert`: OKRs from any shape okrlint reads, written as okrlint YAML.

Every objective and key-result text is written as it was read, verbatim; what has no field in
okrlint's format is kept under an `x-` key; and what is written validates against okrlint's
format (a value the format does not accept is kept under `x-` beside it, never dropped). A set
whose file names no team or period is not written: the message says which option supplies it.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from okrlint.pipeline.validate import validate
from okrlint.sources import Document, SourceFile


@dataclass(slots=True)
class Converted:
    """What converting one file gave: the text to write and what could not be converted."""

    source: str
    shape: str
    text: str = ""
    sets: int = 0
    problems: list[str] = field(default_factory=list)


def convert_source(source: SourceFile) -> Converted:
    shape = source.read_as or f"okrlint {source.reader.upper()}"
    result = Converted(source.display, shape)
    for problem in source.problems:
        result.problems.append(f"line {problem.span.line}: {problem.message}")
    documents: list[str] = []
    for document in source.documents:
        for problem in document.problems:
            result.problems.append(f"line {problem.span.line}: {problem.message}")
        data, missing = native_data(document)
        if missing:
            where = document.locate(()).line
            result.problems.append(
                f"line {where}: the set names no {' and no '.join(missing)}; give "
                + " and ".join(f"--{name}" for name in missing)
            )
            continue
        text = _dump(data)
        failure = _still_invalid(text, source.display)
        if failure:
            where = document.locate(()).line
            result.problems.append(f"line {where}: not converted: {failure}")
            continue
        documents.append(text)
        result.sets += 1
    if documents:
        header = f"# Converted by okrlint from {source.display} ({shape}).\n"
        result.text = header + "---\n".join(documents)
    return result


def _still_invalid(text: str, display: str) -> str:
    """Why the written YAML would not pass okrlint's format, or '' when it does."""
    from okrlint.pipeline.load import load_text

    written = load_text(text, display)
    problems = [p.message for p in written.problems]
    for document in written.documents:
        problems.extend(p.message for p in document.problems)
        _, errors = validate(document.data)
        problems.extend(message for _, message, _ in errors)
    if not written.documents and not problems:
        problems.append("the result is not an OKR document")
    return "; ".join(problems)


def native_data(document: Document) -> tuple[dict[str, Any], list[str]]:
    """The document as okrlint's format accepts it: values the format rejects moved to `x-`
    keys beside them; and the required keys it lacks (team, period)."""
    data = _copy(document.data)
    if not isinstance(data, dict):
        return {}, ["team", "period"]
    for _ in range(4):
        _, errors = validate(data)
        if not errors:
            break
        changed = False
        for node, message, _at_value in errors:
            if message.startswith("missing required key"):
                continue
            changed |= _set_aside(data, node)
        if not changed:
            break
    missing = [key for key in ("team", "period") if not data.get(key)]
    return _ordered(data), missing


def _copy(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value


def _set_aside(data: dict[str, Any], node: tuple[str | int, ...]) -> bool:
    """Move the value at `node` to an `x-` key of its mapping (`confidence` -> `x-confidence`)."""
    parent: Any = data
    for part in node[:-1]:
        if isinstance(parent, dict) and isinstance(part, str):
            parent = parent.get(part)
        elif isinstance(parent, list) and isinstance(part, int) and part < len(parent):
            parent = parent[part]
        else:
            return False
    last = node[-1] if node else None
    if isinstance(parent, dict) and isinstance(last, str) and last in parent:
        parent[f"x-{last}" if not last.startswith("x-") else last] = parent.pop(last)
        return True
    if isinstance(parent, list) and isinstance(last, int) and last < len(parent):
        parent[last] = {"title": str(parent[last]), "x-original": parent[last]}
        return True
    return False


_SET_ORDER = ("team", "period", "owner", "aligns_to")
_OBJECTIVE_ORDER = ("id", "title", "type", "description", "owner", "aligns_to")


def _ordered(data: dict[str, Any]) -> dict[str, Any]:
    ordered = _by(data, _SET_ORDER, last=("objectives",))
    objectives = ordered.get("objectives")
    if isinstance(objectives, list):
        ordered["objectives"] = [
            _by(o, _OBJECTIVE_ORDER, last=("key_results", "initiatives"))
            if isinstance(o, dict)
            else o
            for o in objectives
        ]
    return ordered


def _by(data: dict[str, Any], first: tuple[str, ...], last: tuple[str, ...]) -> dict[str, Any]:
    head = {k: data[k] for k in first if k in data}
    middle = {k: v for k, v in data.items() if k not in head and k not in last}
    tail = {k: data[k] for k in last if k in data}
    return {**head, **middle, **tail}


def _dump(data: dict[str, Any]) -> str:
    from ruamel.yaml import YAML

    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    yaml.sort_base_mapping_type_on_output = False  # type: ignore[assignment]
    yaml.width = 4096  # texts stay on one line each, as they were written
    yaml.allow_unicode = True
    stream = io.StringIO()
    yaml.dump(data, stream)
    return stream.getvalue()


def output_path(output: Path, source: Path, taken: set[Path]) -> Path:
    """Where a file's conversion goes: its name with `.yaml`, numbered if already taken."""
    stem = source.stem or "okrs"
    candidate = output / f"{stem}.yaml"
    number = 2
    while candidate in taken:
        candidate = output / f"{stem}-{number}.yaml"
        number += 1
    taken.add(candidate)
    return candidate
