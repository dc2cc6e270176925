"""Validation that never hides the judgement: a document with format errors is still judged.

The errors are reported as they are (every unknown key, wrong type and missing key); then the
parts that broke the format are set aside (an unknown key dropped, a wrongly typed optional
field dropped, an item that is not a mapping read as far as it goes) and the rest is validated
again, so every rule runs on what could be read. List items are never dropped from objectives
or key results, so the positions rules report stay those of the file.
"""

from __future__ import annotations

import copy
import dataclasses
import difflib
import re
from typing import Any

from pydantic import ValidationError

from okrlint.inputs import explain_for_readers
from okrlint.inputs.aliases import field_for
from okrlint.model import OkrSet
from okrlint.pipeline.validate import (
    FIELD_NAMES_OF_MODEL,
    explain_errors,
    is_union_tag,
    owner_model,
    validate,
)
from okrlint.sources import Document, NodePath, SourceFile, Validated

# A title that could not be read: its item is counted but no rule reads its text.
_UNTITLED = " "
# Stand-ins that let the model validate; replaced by empty values right after.
_NO_TEAM = "?"
_NO_PERIOD = "1970"
_MAX_ROUNDS = 4


def validate_file(source: SourceFile) -> tuple[Validated, ...]:
    """The validate stage for one file: what each of its documents holds and its format errors
    (said in the words of the reader of a file in another shape), in document order. The
    documents stay as loaded, but for the location of keys read under another tool's name."""
    validations: list[Validated] = []
    # Most files have no " #" and a figure anywhere: one search of the file, not one per
    # document (a file of 5 MB can hold thousands), spares them the walk of their titles.
    lines = source.text.split("\n") if _HASH_FIGURE.search(source.text) else None
    for document in source.documents:
        validated = validate_leniently(document.data)
        if document.mapped_from is not None:
            errors = explain_for_readers(validated.errors)
            validated = dataclasses.replace(validated, errors=errors)
        # Keys read under another tool's name are found under okrlint's name too.
        for old, new in validated.renamed:
            document.locations.alias(old, new)
        cut: tuple[NodePath, ...] = ()
        if lines is not None and document.mapped_from is None:
            cut = cut_titles(document, validated, lines)
        if cut:
            unjudged = validated.unjudged | {
                node[:-1] if node[-1] == "title" else node for node in cut
            }
            validated = dataclasses.replace(validated, unjudged=unjudged, cut_titles=cut)
        validations.append(validated)
    return tuple(validations)


# After a plain title, " #" and a figure: YAML reads it as a comment, the writer meant a rank
# or a number ("Be #1 in G2 for mid-market" is read as "Be").
_CUT_BY_COMMENT = re.compile(r"[ \t]+#\d")
# The same anywhere in a file, in time linear in its length (a search with `[ \t]+` would try
# every space of a long run again from each of them).
_HASH_FIGURE = re.compile(r"(?<=[ \t])#\d")


def cut_titles(document: Document, validated: Validated, lines: list[str]) -> tuple[NodePath, ...]:
    """The title nodes of objectives and key results whose plain text YAML ended at a
    comment that starts with a figure; `lines` are the lines of the document's file."""
    okr_set = validated.okr_set
    if okr_set is None:
        return ()
    found: list[NodePath] = []
    for position, objective in enumerate(okr_set.objectives):
        nodes: list[NodePath] = [("objectives", position, "title")]
        for kr_position in range(len(objective.key_results)):
            item: NodePath = ("objectives", position, "key_results", kr_position)
            nodes.append((*item, "title") if document.has_node((*item, "title")) else item)
        for node in nodes:
            if not document.has_node(node):
                continue
            span = document.locate(node, at_value=True)
            if span.end_line > len(lines):
                continue
            line = lines[span.end_line - 1]
            first = (
                lines[span.line - 1][span.column - 1 : span.column]
                if span.line <= len(lines)
                else ""
            )
            if first in ("'", '"', "|", ">"):
                continue  # a quoted or block title holds its "#"
            if _CUT_BY_COMMENT.match(line, span.end_column - 1):
                found.append(node)
    return tuple(found)


def validate_leniently(data: Any) -> Validated:
    """Validate a document; with format errors, also the model of what could be read."""
    okr_set, errors = validate(data)
    if okr_set is not None or not errors or not isinstance(data, dict):
        return Validated(okr_set, errors)
    work = copy.deepcopy(data)
    state = _Repairs()
    for _ in range(_MAX_ROUNDS):
        try:
            salvaged = OkrSet.model_validate(work)
        except ValidationError as error:
            # What a renamed key holds is validated only now: its errors are reported too.
            seen = {(node, message) for node, message, _ in errors}
            for node, message, at_value in explain_errors(error, work):
                if (node, message) not in seen and not _is_placeholder_error(node):
                    errors.append((node, message, at_value))
            if not state.repair(work, error):
                return Validated(None, errors)
            continue
        update: dict[str, Any] = {}
        if "team" in state.placeholders:
            update["team"] = ""
        if "period" in state.placeholders:
            update["period"] = ""
        if update:
            salvaged = salvaged.model_copy(update=update)
        return Validated(
            salvaged,
            errors,
            frozenset(state.unjudged),
            incomplete=bool(update),
            repaired=state.repaired,
            renamed=state.renamed,
        )
    return Validated(None, errors)


_REQUIRED_TEXT = {"title"}
_ITEM_LISTS = {"objectives", "key_results"}
_DROPPABLE_LISTS = {"checkins", "initiatives"}


class _Repairs:
    def __init__(self) -> None:
        self.unjudged: set[NodePath] = set()
        self.placeholders: set[str] = set()
        self.repaired: list[NodePath] = []
        self.renamed: list[tuple[NodePath, NodePath]] = []

    def repair(self, root: dict[str, Any], error: ValidationError) -> bool:
        changed = False
        removals: list[tuple[list[Any], int]] = []
        for raw in error.errors(include_url=False):
            location = tuple(part for part in raw["loc"] if not is_union_tag(part))
            changed |= self._repair_one(root, location, raw["type"], removals)
        # Items of free lists (check-ins, initiatives) are removed last, from the end.
        for items, position in sorted(removals, key=lambda r: (id(r[0]), -r[1])):
            if position < len(items):
                del items[position]
                changed = True
        return changed

    def _repair_one(
        self,
        root: dict[str, Any],
        location: NodePath,
        kind: str,
        removals: list[tuple[list[Any], int]],
    ) -> bool:
        if not location:
            return False
        if location[0] == "period":
            return self._placeholder(root, "period", _NO_PERIOD)
        if location == ("team",):
            return self._placeholder(root, "team", _NO_TEAM)
        parent = _walk(root, location[:-1])
        last = location[-1]
        if kind == "extra_forbidden" and isinstance(parent, dict) and last in parent:
            return self._rename_or_drop(parent, location)
        if kind == "missing":
            if isinstance(parent, dict) and last in _REQUIRED_TEXT:
                parent[str(last)] = _UNTITLED
                self.unjudged.add(location[:-1])
                return True
            if len(location) >= 3 and location[-3] in _DROPPABLE_LISTS:
                return self._remove(root, location[:-1], removals)
            return False
        if isinstance(last, int):
            owner = location[-2] if len(location) > 1 else ""
            if owner in _ITEM_LISTS and isinstance(parent, list) and last < len(parent):
                item = parent[last]
                parent[last] = {"title": item} if isinstance(item, str) and item else {}
                if not (isinstance(item, str) and item):
                    parent[last]["title"] = _UNTITLED
                    self.unjudged.add(location)
                self.repaired.append(location)
                return True
            if owner in _DROPPABLE_LISTS:
                return self._remove(root, location, removals)
            return False
        if not isinstance(parent, dict) or last not in parent:
            # An error inside a check-in or a period range: drop the whole check-in.
            if len(location) >= 3 and location[-3] in _DROPPABLE_LISTS:
                return self._remove(root, location[:-1], removals)
            return False
        if last in _REQUIRED_TEXT:
            value = parent[last]
            readable = _as_text(value)
            parent[last] = readable or _UNTITLED
            if not readable:
                self.unjudged.add(location[:-1])
            return True
        if len(location) >= 3 and location[-3] in _DROPPABLE_LISTS and last == "date":
            return self._remove(root, location[:-1], removals)
        del parent[last]
        self.repaired.append(location)
        return True

    def _rename_or_drop(self, parent: dict[str, Any], location: NodePath) -> bool:
        """An unknown key another tool's name for a field this mapping lacks is read as that
        field; any other unknown key is set aside."""
        key = str(location[-1])
        model = owner_model(location)
        field_name = field_for(model, key) or _misspelt(model, key)
        value = parent.pop(key)
        if field_name is not None and field_name != key:
            current = parent.get(field_name)
            if field_name not in parent or (field_name in _REQUIRED_TEXT and current == _UNTITLED):
                parent[field_name] = value
                self.renamed.append((location, (*location[:-1], field_name)))
                if field_name in _REQUIRED_TEXT and _as_text(value):
                    self.unjudged.discard(location[:-1])
                return True
        self.repaired.append(location)
        return True

    def _placeholder(self, root: dict[str, Any], key: str, value: str) -> bool:
        if key in self.placeholders:
            return False
        root[key] = value
        self.placeholders.add(key)
        return True

    @staticmethod
    def _remove(
        root: dict[str, Any], location: NodePath, removals: list[tuple[list[Any], int]]
    ) -> bool:
        items = _walk(root, location[:-1])
        position = location[-1]
        if isinstance(items, list) and isinstance(position, int):
            if not any(r[0] is items and r[1] == position for r in removals):
                removals.append((items, position))
            return True
        return False


def _is_placeholder_error(node: NodePath) -> bool:
    # Errors about a stand-in for a missing team or period were reported as missing keys.
    return node[:1] in {("team",), ("period",)}


def _misspelt(model: str, key: str) -> str | None:
    """The field a key is a near-certain misspelling of (`taget`, `basline`)."""
    close = difflib.get_close_matches(
        key, FIELD_NAMES_OF_MODEL.get(model, []), n=1, cutoff=_SURE_SPELLING
    )
    return close[0] if close else None


# Closer than the did-you-mean hints ask for: a value is read under the name only when the
# misspelling is beyond doubt (`taget` 0.91, `basline` 0.93, `owners` 0.91).
_SURE_SPELLING = 0.85


def _walk(root: Any, location: NodePath) -> Any:
    node = root
    for part in location:
        if isinstance(node, dict) and isinstance(part, str):
            node = node.get(part)
        elif isinstance(node, list) and isinstance(part, int) and part < len(node):
            node = node[part]
        else:
            return None
    return node


def _as_text(value: Any) -> str:
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return ""
