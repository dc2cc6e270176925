"""The validate stage: a document's plain data against the OKR model (`okrlint.model`).

It returns the model, or errors a person can act on, each with the node it is about; the STR002
rule reports them.
"""

from __future__ import annotations

import difflib
from typing import Any

from pydantic import ValidationError

from okrlint.inputs.aliases import field_for
from okrlint.model import CheckIn, KeyResult, Objective, OkrSet, PeriodRange
from okrlint.sources import NodePath

FIELD_NAMES_OF_MODEL: dict[str, list[str]] = {
    "OkrSet": list(OkrSet.model_fields),
    "Objective": list(Objective.model_fields),
    "KeyResult": list(KeyResult.model_fields),
    "CheckIn": list(CheckIn.model_fields),
    "PeriodRange": list(PeriodRange.model_fields),
}


def validate(data: Any) -> tuple[OkrSet | None, list[tuple[NodePath, str, bool]]]:
    """Validate one document. Errors are (node path, message, points-at-value)."""
    if isinstance(data, list):
        return None, [
            (
                (),
                "the document is a list, but an OKR document is a mapping with team, period "
                "and objectives; write one OKR set per document and separate them with `---`",
                False,
            )
        ]
    try:
        return OkrSet.model_validate(data), []
    except ValidationError as error:
        return None, explain_errors(error, data)


def explain_errors(error: ValidationError, data: Any) -> list[tuple[NodePath, str, bool]]:
    """Each validation error once, as (node path, message, points-at-value), in node order."""
    explained: dict[NodePath, tuple[NodePath, str, bool]] = {}
    raws = error.errors(include_url=False)
    # A required key written under another tool's name is one problem: the unknown key's
    # message says both, and the missing key is not reported again.
    renamed: set[NodePath] = set()
    for raw in raws:
        if raw["type"] == "extra_forbidden":
            location = _location(raw)
            suggestion = (
                suggest_field(owner_model(location), str(location[-1])) if location else None
            )
            if suggestion is not None:
                renamed.add((*location[:-1], suggestion))
    missing = {_location(raw) for raw in raws if raw["type"] == "missing"}
    # "- Returns portal: self-service labels": a sentence that YAML read as a key and its value.
    split = {
        location[:-1]: sentence
        for raw in raws
        if raw["type"] == "extra_forbidden"
        and (location := _location(raw))
        and suggest_field(owner_model(location), str(location[-1])) is None
        and (sentence := _split_sentence(location, data)) is not None
    }
    for raw in raws:
        location = _location(raw)
        if raw["type"] == "missing" and (location in renamed or location[:-1] in split):
            continue
        if raw["type"] == "extra_forbidden" and location[:-1] in split:
            explained[(*location, "<split>")] = (
                location,
                f"the key result '{split[location[:-1]]}' is read as a key and its value, "
                "because YAML takes ': ' inside plain text as a mapping; put the sentence in "
                "quotes",
                False,
            )
            continue
        node, message, at_value = _explain(raw, data)
        if raw["type"] == "extra_forbidden" and node:
            suggestion = suggest_field(owner_model(node), str(node[-1]))
            if (*node[:-1], suggestion) in missing:
                message = message.replace("?", f"? (the required key '{suggestion}' is missing)", 1)
        # A union (`period`) fails once per branch; the branch that names the value wins.
        if node in explained and raw["type"] == "model_type":
            continue
        key = node
        if raw["type"] == "extra_forbidden":
            key = (*node, "<extra>")
        elif raw["type"] == "missing":
            key = (*node, "<missing>", message)  # every missing key, not only the first
        explained[key] = (node, message, at_value)
    errors = list(explained.values())
    return sorted(errors, key=lambda e: (len(e[0]), str(e[0]), e[1]))


def _split_sentence(location: NodePath, data: Any) -> str | None:
    """The sentence a key-result item was meant to be when YAML made it a one-key mapping of
    text to text ("Returns portal: self-service labels"), else None."""
    if len(location) < 3 or location[-3] != "key_results" or not isinstance(location[-2], int):
        return None
    node = data
    for part in location[:-1]:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return None
    if not isinstance(node, dict) or len(node) != 1:
        return None
    ((key, value),) = node.items()
    if not isinstance(key, str) or not isinstance(value, str) or key != location[-1]:
        return None
    return f"{key}: {value}"


def _location(raw: Any) -> NodePath:
    return tuple(part for part in raw["loc"] if not is_union_tag(part))


def suggest_field(model: str, key: str) -> str | None:
    """The field an unknown key most likely means: what other tools call our fields first,
    then string similarity (`krs` -> key_results, `description` on a key result -> title)."""
    allowed = FIELD_NAMES_OF_MODEL.get(model, [])
    known = field_for(model, key)
    if known is not None and known in allowed and known != key:
        return known
    close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
    return close[0] if close else None


def _explain(error: Any, data: Any) -> tuple[NodePath, str, bool]:
    location = _location(error)
    kind = error["type"]
    message = str(error["msg"]).removeprefix("Value error, ")
    where = owner_model(location)
    field_name = str(location[-1]) if location else ""
    if kind == "extra_forbidden":
        allowed = FIELD_NAMES_OF_MODEL.get(where, [])
        suggestion = suggest_field(where, field_name)
        hint = f"; did you mean '{suggestion}'?" if suggestion else ""
        choices = ", ".join(allowed)
        return (
            location,
            f"unknown key '{field_name}'{hint} (allowed here: {choices}; "
            "prefix your own keys with 'x-')",
            False,
        )
    if kind == "missing":
        return location[:-1], f"missing required key '{field_name}'", False
    label = _describe(location)
    if kind in {"string_type", "float_type", "list_type", "date_type", "model_type"}:
        expected = {
            "string_type": "text",
            "float_type": "a number",
            "list_type": "a list",
            "date_type": "a date such as 2026-01-14",
            "model_type": "a mapping of keys",
        }[kind]
        if kind == "model_type" and len(location) > 1 and location[-2] == "key_results":
            expected = "a sentence or a mapping of keys"
        got = _type_name(error.get("input"))
        return location, f"{label} must be {expected} (got {got})", True
    if kind == "enum":
        expected = error.get("ctx", {}).get("expected", "")
        return location, f"{label} must be one of {expected} (got {error.get('input')!r})", True
    if kind == "string_too_short":
        return location, f"{label} must not be empty", True
    if kind in {"date_from_datetime_parsing", "date_parsing", "date_from_datetime_inexact"}:
        got = _type_name(error.get("input"))
        return location, f"{label} must be a date such as 2026-01-14 (got {got})", True
    return location, f"{label} {message}" if kind == "value_error" else f"{label}: {message}", True


def is_union_tag(part: Any) -> bool:
    # pydantic names union branches in error locations ("str", "PeriodRange", "function-before").
    return isinstance(part, str) and (
        part in {"str", "PeriodRange"} or part.startswith(("function-", "constrained-"))
    )


def owner_model(location: NodePath) -> str:
    """The model a node path's last key belongs to."""
    names = [part for part in location[:-1] if isinstance(part, str)]
    if not names:
        return "OkrSet"
    return {
        "objectives": "Objective",
        "key_results": "KeyResult",
        "checkins": "CheckIn",
        "period": "PeriodRange",
    }.get(names[-1], "OkrSet")


def _describe(location: NodePath) -> str:
    if not location:
        return "the document"
    last = location[-1]
    if isinstance(last, int):
        parent = str(location[-2]) if len(location) > 1 else "list"
        return f"item {last + 1} of {parent}"
    return str(last)


def _type_name(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return f'"{value}"' if len(value) < 40 else "text"
    return repr(value)
