"""Safe fixes, built as text edits on the original file.

The one safe fix okrlint knows: a key result that is really a piece of work (an output) moves to
its objective's `initiatives:` list, created if missing. Everything is done on the source text,
never by dumping YAML again, so that every byte outside the moved item stays as the person wrote
it: comments, quoting, key order, blank lines, anchors, line endings.

Positions come from the document's location index (1-based line and column, counted in
characters the way the YAML parser counts them) and are turned into character offsets here.
A fix that cannot be built exactly (aliases, merge keys, a key result with fields that have no
place in `initiatives`) is not offered; the finding keeps its suggestion for a person instead.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from itertools import accumulate, pairwise
from typing import Any

from okrlint.api import KeyResultItem
from okrlint.findings import Edit, Fix
from okrlint.sources import Document, NodePath, Span

# YAML's line breaks, as the parser counts lines (NEL, LS and PS end a line too).
_BREAK = re.compile("\r\n|\r|\n|\x85|\u2028|\u2029")
_OTHER_BREAKS = re.compile("[\r\x85\u2028\u2029]")
# Keys a key result may carry and still be moved without losing anything a person wrote.
_MOVABLE_KEYS = frozenset({"title", "id"})
# Characters that make a plain scalar mean something else inside `[...]`.
_FLOW_UNSAFE = re.compile(r"[,\[\]{}]|: |\s#")
# An anchor or a tag written before a node (`&base`, `!!seq`).
_PROPERTIES = re.compile(r"(?:[&!]\S*\s+)+")


class _Lines:
    """Converts the parser's 1-based (line, column) into offsets of the text, and back."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.newline = newline_of(text)
        self.starts = [0]
        self.ends: list[int] = []  # offset of each line's break (or of the end of the text)
        if _OTHER_BREAKS.search(text) is None:
            # Only `\n` breaks (nearly every file): splitting is many times faster than a
            # match object per line, and gives the same offsets.
            lengths = [len(line) for line in text.split("\n")]
            self.starts = list(accumulate((length + 1 for length in lengths[:-1]), initial=0))
            self.ends = [start + length for start, length in zip(self.starts, lengths, strict=True)]
            return
        for match in _BREAK.finditer(text):
            self.ends.append(match.start())
            self.starts.append(match.end())
        self.ends.append(len(text))

    def offset(self, line: int, column: int) -> int:
        return self.starts[line - 1] + column - 1

    def line_of(self, offset: int) -> int:
        """0-based index of the line holding `offset`."""
        low, high = 0, len(self.starts) - 1
        while low < high:
            middle = (low + high + 1) // 2
            if self.starts[middle] <= offset:
                low = middle
            else:
                high = middle - 1
        return low

    def after_line(self, index: int) -> int:
        """The offset just past line `index`'s break (the end of the text for the last line)."""
        return self.starts[index + 1] if index + 1 < len(self.starts) else len(self.text)

    def line_text(self, index: int) -> str:
        return self.text[self.starts[index] : self.ends[index]]


_LINE_CACHE: dict[int, tuple[str, _Lines]] = {}


def _lines(text: str) -> _Lines:
    cached = _LINE_CACHE.get(id(text))
    if cached is not None and cached[0] is text:
        return cached[1]
    if len(_LINE_CACHE) > 64:
        _LINE_CACHE.clear()
    table = _Lines(text)
    _LINE_CACHE[id(text)] = (text, table)
    return table


def newline_of(text: str) -> str:
    """The file's own line ending, so that inserted lines match their neighbours."""
    crlf, lf = text.count("\r\n"), text.count("\n")
    return "\r\n" if crlf and crlf * 2 >= lf else "\n"


@dataclass(frozen=True, slots=True)
class _Moved:
    """The moved item as it will be written, in block form and in flow form."""

    block_lines: list[str]  # lines without their break, indented as in the source
    dash_column: int  # 0-based column of the item's dash in the source
    flow_scalar: str | None  # the item as one flow-safe scalar, None when it has comments


def move_to_initiatives(item: KeyResultItem) -> Fix | None:
    """Edits that move one key result into its objective's `initiatives:` list, or None."""
    document = item.document
    text = document.source.text
    if not text or document.problems or document.source.problems:
        return None
    try:
        return _Mover(document, item.parent.position, item.position).build()
    except (_CannotFix, LookupError, ValueError):
        # A shape the mover does not know: no fix is offered, and the finding still stands.
        return None


class _CannotFix(Exception):
    pass


class _Mover:
    def __init__(self, document: Document, objective: int, position: int) -> None:
        self.document = document
        self.text = document.source.text
        self.lines = _lines(self.text)
        self.newline = self.lines.newline
        self.objective_node: NodePath = ("objectives", objective)
        self.list_node: NodePath = (*self.objective_node, "key_results")
        self.item_node: NodePath = (*self.list_node, position)
        objectives = document.data.get("objectives")
        if not isinstance(objectives, list) or objective >= len(objectives):
            raise _CannotFix
        self.objective_data = objectives[objective]
        if not isinstance(self.objective_data, dict):
            raise _CannotFix
        key_results = self.objective_data.get("key_results")
        if not isinstance(key_results, list) or position >= len(key_results):
            raise _CannotFix
        if len(key_results) < 2:
            # The objective's last key result: moved, it would leave `key_results:` empty, which
            # the format rejects. A person must write the outcome first.
            raise _CannotFix
        self.value = key_results[position]
        self.key_results = key_results
        self.position = position
        self.title = self.value if isinstance(self.value, str) else None
        if isinstance(self.value, dict) and set(self.value) <= _MOVABLE_KEYS:
            title = self.value.get("title")
            self.title = title if isinstance(title, str) else None
        if not self.title or not self.title.strip():
            raise _CannotFix
        for node in (self.objective_node, self.list_node, self.item_node):
            if not document.has_node(node):
                raise _CannotFix  # an alias or a merge key: the text is shared, leave it be

    # --- positions -----------------------------------------------------------------------------

    def _start(self, span: Span) -> int:
        return self.lines.offset(span.line, span.column)

    def _end(self, span: Span) -> int:
        return self.lines.offset(span.end_line, span.end_column)

    def _content_end(self, node: NodePath, data: Any) -> int:
        """Where the last character of a node's own text is.

        A block collection ends, for the parser, where the next token starts (maybe lines
        later), so the end is taken from its last scalar instead.
        """
        start = self._start(self._value(node))
        while isinstance(data, dict | list) and data and not self._is_flow(node):
            if isinstance(data, dict):
                located = [key for key in data if self.document.has_node((*node, key))]
                if not located:
                    raise _CannotFix
                key: str | int = located[-1]
                data = data[key]
            else:
                key = len(data) - 1
                data = data[key]
            node = (*node, key)
            if not self.document.has_node(node):
                raise _CannotFix
        end = self._end(self._value(node))
        if end < start:
            raise _CannotFix  # an alias: its position is that of the anchored node
        return end

    def _is_flow(self, node: NodePath) -> bool:
        """Whether a collection is written `[...]` or `{...}` (its end is then exact)."""
        start = self._start(self._value(node))
        head = _PROPERTIES.match(self.text, start)
        at = head.end() if head else start
        return self.text[at : at + 1] in ("[", "{")

    def _value(self, node: NodePath) -> Span:
        return self.document.locations[node].value

    def _entry(self, node: NodePath) -> Span:
        return self.document.locations[node].entry

    def _previous_mark(self, offset: int) -> int:
        """The offset of the nearest non-blank character before `offset` (-1 if none)."""
        index = offset - 1
        while index >= 0 and self.text[index] in " \t\r\n":
            index -= 1
        return index

    def _next_mark(self, offset: int) -> int:
        index = offset
        while index < len(self.text) and self.text[index] in " \t":
            index += 1
        return index

    # --- the fix -------------------------------------------------------------------------------

    def build(self) -> Fix:
        item_start = self._start(self._value(self.item_node))
        item_end = self._content_end(self.item_node, self.value)
        before = self._previous_mark(item_start)
        if before < 0:
            raise _CannotFix
        if self.text[before] == "-":
            removal, moved = self._remove_block_item(before, item_start, item_end)
        elif self.text[before] in "[,":
            removal, moved = self._remove_flow_item(item_start, item_end)
        else:
            raise _CannotFix
        insertion = self._insert(moved)
        if (
            insertion.start == removal.start
            and removal.end == len(self.text)
            and not self.text.endswith(("\n", "\r"))
        ):
            # The moved item was the file's last line, without a break: the new last line too.
            insertion = Edit(insertion.start, insertion.end, insertion.content.rstrip("\r\n"))
        elif (
            insertion.start == removal.end == len(self.text)
            and removal.start == self.lines.starts[self.lines.line_of(removal.start)]
        ):
            # The same, when the insertion follows the removed last line: no blank line between.
            insertion = Edit(insertion.start, insertion.end, insertion.content.lstrip("\r\n"))
        # The key results after the moved one would be renumbered (KR3 becoming KR2, and
        # `O1/KR3` pointing at another one): each keeps its name, written as an explicit id.
        kept_ids = [
            self._keep_id(index)
            for index in range(self.position + 1, len(self.key_results))
            if not _has_id(self.key_results[index])
        ]
        edits = sorted([removal, insertion, *kept_ids], key=lambda e: (e.start, e.end))
        if any(first.end > second.start for first, second in pairwise(edits)):
            raise _CannotFix
        objective_id = self.objective_data.get("id") or f"O{int(self.objective_node[1]) + 1}"
        return Fix(
            description=(
                f"move the key result '{_short(self.title or '')}' to the initiatives of "
                f"{objective_id}"
            ),
            edits=tuple(_merge_adjacent(edits)),
        )

    def _keep_id(self, index: int) -> Edit:
        """An edit giving the key result at `index` its positional id (`KR<index + 1>`)."""
        node: NodePath = (*self.list_node, index)
        if not self.document.has_node(node):
            raise _CannotFix
        value = self.key_results[index]
        span = self._value(node)
        start = self._start(span)
        if self.text[start : start + 1] in ("&", "!"):
            raise _CannotFix  # an anchor or a tag in front: leave the item as it is
        name = f"KR{index + 1}"
        if isinstance(value, str):
            end = self._end(span)
            written = self.text[start:end]
            quoted = written[:1] in ("'", '"')
            if _BREAK.search(written) or (not quoted and _FLOW_UNSAFE.search(written)):
                raise _CannotFix
            return Edit(start, end, f"{{id: {name}, title: {written}}}")
        if isinstance(value, dict) and value:
            if self._is_flow(node):
                brace = self.text.index("{", start)
                return Edit(brace + 1, brace + 1, f"id: {name}, ")
            column = start - self.lines.starts[self.lines.line_of(start)]
            return Edit(start, start, f"id: {name}{self.newline}{' ' * column}")
        raise _CannotFix

    def _remove_block_item(self, dash: int, item_start: int, item_end: int) -> tuple[Edit, _Moved]:
        lines = self.lines
        dash_line = lines.line_of(dash)
        dash_column = dash - lines.starts[dash_line]
        if lines.text[lines.starts[dash_line] : dash].strip(" "):
            raise _CannotFix  # something else before the dash on its line
        first = dash_line
        # Own-line comments right above the item, at its indentation, describe it: they move too.
        while first > 0:
            above = lines.line_text(first - 1)
            stripped = above.lstrip(" ")
            if stripped.startswith("#") and len(above) - len(stripped) == dash_column:
                first -= 1
            else:
                break
        last = lines.line_of(item_end)
        rest = self.text[item_end : lines.ends[last]].strip(" \t")
        if rest and not rest.startswith("#"):
            raise _CannotFix  # another item on the same line: not block style after all
        start, end = lines.starts[first], lines.after_line(last)
        block = [lines.line_text(index) for index in range(first, last + 1)]
        flow: str | None = None
        if isinstance(self.value, str):
            has_comments = first != dash_line or bool(rest)
            flow = None if has_comments else self._flow_scalar(item_start, item_end)
        else:
            block = self._mapping_as_block(first, dash_line, dash_column)
            flow = _quoted(self.title or "")
        return Edit(start, end, ""), _Moved(block, dash_column, flow)

    def _mapping_as_block(self, first: int, dash_line: int, dash_column: int) -> list[str]:
        """A `{title, id}` key result written as a plain list item, its comments kept."""
        lines = self.lines
        comments = [lines.line_text(index) for index in range(first, dash_line)]
        title_node = (*self.item_node, "title")
        if not self.document.has_node(title_node):
            raise _CannotFix
        title_span = self._value(title_node)
        start, end = self._start(title_span), self._end(title_span)
        scalar = self.text[start:end]
        if title_span.line != title_span.end_line or scalar[:1] in "|>":
            scalar = _quoted(self.title or "")
        trailing = ""
        item_start = self._start(self._value(self.item_node))
        item_end = self._content_end(self.item_node, self.value)
        for index in range(lines.line_of(item_start), lines.line_of(item_end) + 1):
            remainder = _comment_after_values(lines.line_text(index))
            if remainder is None:
                continue
            if index == title_span.end_line - 1 and not trailing:
                trailing = remainder
            else:
                comments.append(" " * dash_column + remainder)
        head = " " * dash_column + "- " + scalar + (f"  {trailing}" if trailing else "")
        return [*comments, head]

    def _flow_scalar(self, start: int, end: int) -> str:
        source = self.text[start:end]
        if "\n" in source or "\r" in source or source[:1] in "|>&!*":
            return _quoted(self.title or "")
        if source[:1] in "\"'" or not _FLOW_UNSAFE.search(source):
            return source
        return _quoted(self.title or "")

    def _remove_flow_item(self, item_start: int, item_end: int) -> tuple[Edit, _Moved]:
        after = self._next_mark(item_end)
        if after < len(self.text) and self.text[after] == ",":
            following = self._next_mark(after + 1)
            if following < len(self.text) and self.text[following] in "\r\n#":
                # The next item is on another line: keep the line breaks, drop "item," and the
                # space before it, so no line is left with a trailing blank.
                removal = Edit(self._previous_mark(item_start) + 1, after + 1, "")
            else:
                removal = Edit(item_start, following, "")
        else:
            before = self._previous_mark(item_start)
            start = before if self.text[before] == "," else item_start
            removal = Edit(start, item_end, "")
        scalar = self._flow_scalar(item_start, item_end)
        if isinstance(self.value, dict):
            scalar = _quoted(self.title or "")
        dash_column = self._value(self.objective_node).column - 1
        return removal, _Moved([" " * dash_column + "- " + scalar], dash_column, scalar)

    def _insert(self, moved: _Moved) -> Edit:
        initiatives_node = (*self.objective_node, "initiatives")
        if "initiatives" not in self.objective_data:
            return self._new_initiatives(moved)
        if not self.document.has_node(initiatives_node):
            raise _CannotFix
        existing = self.objective_data["initiatives"]
        value_span = self._value(initiatives_node)
        value_start = self._start(value_span)
        if isinstance(existing, list) and existing:
            last_node = (*initiatives_node, len(existing) - 1)
            first_node = (*initiatives_node, 0)
            if not self.document.has_node(last_node) or not self.document.has_node(first_node):
                raise _CannotFix
            first_start = self._start(self._value(first_node))
            dash = self._previous_mark(first_start)
            last_end = self._content_end(last_node, existing[-1])
            if self.text[dash] == "-":
                column = dash - self.lines.starts[self.lines.line_of(dash)]
                return self._block_insert(self.lines.line_of(last_end), column, moved)
            if moved.flow_scalar is None:
                raise _CannotFix
            return Edit(last_end, last_end, ", " + moved.flow_scalar)
        if isinstance(existing, list):  # `initiatives: []`
            if self.text[value_start] != "[" or moved.flow_scalar is None:
                raise _CannotFix
            return Edit(value_start + 1, value_start + 1, moved.flow_scalar)
        if existing is not None:
            raise _CannotFix
        # `initiatives:` with nothing after it: the list starts on the next line.
        entry = self._entry(initiatives_node)
        if self.text[self._start(value_span) : self._end(value_span)].strip():
            raise _CannotFix  # an explicit null (`~`, `null`): a person wrote it on purpose
        key_line = entry.line - 1
        rest = _comment_after_values(self.lines.line_text(key_line))
        line_text = self.lines.line_text(key_line)
        if rest is None and not line_text.rstrip().endswith(":"):
            raise _CannotFix
        return self._block_insert(key_line, entry.column - 1 + 2, moved)

    def _new_initiatives(self, moved: _Moved) -> Edit:
        objective_span = self._value(self.objective_node)
        start = self._start(objective_span)
        if self.text[start] == "{":
            if moved.flow_scalar is None:
                raise _CannotFix
            last_key = list(self.objective_data)[-1]
            last_node = (*self.objective_node, last_key)
            if not self.document.has_node(last_node):
                raise _CannotFix
            end = self._content_end(last_node, self.objective_data[last_key])
            return Edit(end, end, f", initiatives: [{moved.flow_scalar}]")
        column = objective_span.column - 1
        last_line = self.lines.line_of(self._content_end(self.objective_node, self.objective_data))
        head = " " * column + "initiatives:"
        return self._block_insert(last_line, column + 2, moved, head=head)

    def _block_insert(self, after_line: int, column: int, moved: _Moved, head: str = "") -> Edit:
        """Insert the moved item's lines after `after_line`, its dash at `column`."""
        shift = column - moved.dash_column
        body = [_shift(line, shift) for line in moved.block_lines]
        if head:
            body.insert(0, head)
        at = self.lines.after_line(after_line)
        block = self.newline.join(body) + self.newline
        if at == len(self.text) and self.lines.ends[after_line] == at:
            block = self.newline + block.removesuffix(self.newline)  # the file had no final break
        return Edit(at, at, block)


def _shift(line: str, shift: int) -> str:
    if not line.strip():
        return line
    if shift >= 0:
        return " " * shift + line
    if line[:-shift].strip(" "):
        raise _CannotFix
    return line[-shift:]


def _comment_after_values(line: str) -> str | None:
    """The comment at the end of a line, if the line has one outside quotes."""
    quote: str | None = None
    previous = " "
    for index, char in enumerate(line):
        if quote:
            if char == quote:
                quote = None
        elif char in "\"'" and previous in " \t:-[{,":
            quote = char
        elif char == "#" and previous in " \t":
            return line[index:].rstrip()
        previous = char
    return None


def _quoted(text: str) -> str:
    """A double-quoted YAML scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _short(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 3].rstrip() + "..."


def _merge_adjacent(edits: list[Edit]) -> list[Edit]:
    merged: list[Edit] = []
    for edit in edits:
        if merged and merged[-1].end == edit.start:
            last = merged.pop()
            merged.append(Edit(last.start, edit.end, last.content + edit.content))
        else:
            merged.append(edit)
    return merged


def apply_edits(text: str, edits: list[Edit] | tuple[Edit, ...]) -> str:
    """Apply non-overlapping edits to the text they were computed on."""
    ordered = sorted(edits, key=lambda e: (e.start, e.end))
    parts: list[str] = []
    position = 0
    for edit in ordered:
        if edit.start < position or edit.end < edit.start or edit.end > len(text):
            raise ValueError(f"overlapping or out-of-range edit {edit}")
        parts.append(text[position : edit.start])
        parts.append(edit.content)
        position = edit.end
    parts.append(text[position:])
    return "".join(parts)


def _footprint(fix: Fix) -> list[tuple[int, int]]:
    return [(edit.start, edit.end) for edit in fix.edits]


def compatible(chosen: list[Fix], candidate: Fix) -> bool:
    """Whether a fix touches nothing (not even a boundary) that the chosen fixes touch."""
    for start, end in _footprint(candidate):
        for fix in chosen:
            for other_start, other_end in _footprint(fix):
                if start <= other_end and other_start <= end:
                    return False
    return True


def unchanged_except_moves(old: Any, new: Any) -> bool:
    """Whether a document changed only by moving key results into `initiatives`.

    A guard on every applied fix: whatever the edits did to the text, the data must say the same
    thing, with some key results now listed as initiatives and nothing else different.
    """
    if not isinstance(old, dict) or not isinstance(new, dict):
        return bool(old == new)
    if {k: v for k, v in old.items() if k != "objectives"} != {
        k: v for k, v in new.items() if k != "objectives"
    }:
        return False
    old_objectives, new_objectives = old.get("objectives"), new.get("objectives")
    if not isinstance(old_objectives, list) or not isinstance(new_objectives, list):
        return bool(old_objectives == new_objectives)
    if len(old_objectives) != len(new_objectives):
        return False
    return all(_objective_moved(a, b) for a, b in zip(old_objectives, new_objectives, strict=True))


def _objective_moved(old: Any, new: Any) -> bool:
    if not isinstance(old, dict) or not isinstance(new, dict):
        return bool(old == new)
    lists = {"key_results", "initiatives"}
    if {k: v for k, v in old.items() if k not in lists} != {
        k: v for k, v in new.items() if k not in lists
    }:
        return False
    old_krs, new_krs = old.get("key_results") or [], new.get("key_results") or []
    old_initiatives = old.get("initiatives") or []
    new_initiatives = new.get("initiatives") or []
    if not all(isinstance(v, list) for v in (old_krs, new_krs, old_initiatives, new_initiatives)):
        return False
    # The kept key results, in order, and the old initiatives first, unchanged.
    remaining = iter(enumerate(old_krs))
    if not all(any(_same_key_result(kr, i, old) for i, old in remaining) for kr in new_krs):
        return False
    if new_initiatives[: len(old_initiatives)] != old_initiatives:
        return False
    moved = [_title_of(kr) for kr in old_krs]
    for kr in new_krs:
        moved.remove(_title_of(kr))
    added = new_initiatives[len(old_initiatives) :]
    return sorted(map(str, added)) == sorted(map(str, moved)) and len(added) == len(moved)


def _has_id(key_result: Any) -> bool:
    return isinstance(key_result, dict) and key_result.get("id") is not None


def _same_key_result(new: Any, position: int, old: Any) -> bool:
    """The same key result, or it with the id its position gave it written out."""
    if new == old:
        return True
    if not isinstance(new, dict) or new.get("id") != f"KR{position + 1}" or _has_id(old):
        return False
    rest = {key: value for key, value in new.items() if key != "id"}
    return rest == ({"title": old} if isinstance(old, str) else old)


def _title_of(key_result: Any) -> Any:
    return key_result.get("title") if isinstance(key_result, dict) else key_result
