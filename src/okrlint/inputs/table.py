"""CSV exports of OKR spreadsheets, read with the standard library's csv module.

One row per key result (or task): an objective column and a key-result column, named leniently
(a key result may be headed key result, KR, result, title, task or task name), and team, owner,
baseline, target, current, progress, status, priority, quarter and description columns when
present. Rows of one objective share its text (or leave it empty under the first row, as merged
cells export). A sheet kept one row per objective, with numbered key-result columns ("KR 1",
"KR 2", "Key result 3"), is read as well: each filled cell is a key result, and the row's other
columns (owner, status, ...) belong to its objective. A cell that lists several key results, one
a line, each marked as a list item (`1. ...`, `- ...`, `KR2: ...`), holds one key result a line.
Findings point at the row, and at the cell (or the line of a cell) where it is known; a quote
opened and never closed is a finding at its row.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass

from okrlint.inputs.aliases import field_for, fold
from okrlint.inputs.options import UNREADABLE, InputOptions
from okrlint.inputs.outline import Entry, KeyResultDraft, ObjectiveDraft, Outline, Place
from okrlint.inputs.values import cell_value, names_from_path, to_period
from okrlint.pipeline.load import decode_bytes
from okrlint.sources import Problem, SourceFile, Span

# Header names, folded, in order of preference.
OBJECTIVE_HEADERS = tuple(
    fold(n) for n in ("objective", "objective title", "objectives", "goal", "okr")
)
_KEY_RESULT = tuple(
    fold(n)
    for n in ("key result", "key results", "kr", "result", "title", "task", "task name", "name")
)
_TEAM = tuple(fold(n) for n in ("team", "team name", "squad", "department", "group"))
_PERIOD = tuple(fold(n) for n in ("quarter", "period", "timeframe", "cycle", "quarter id"))
_NOT_KEY_RESULT_FIELDS = {"title", "id", "checkins"}
# Numbered key-result columns of a sheet with one row per objective, as folded: "KR 1", "KR#2",
# "Key result 3", "Result 4".
_NUMBERED_KEY_RESULT = re.compile(r"(?:kr|keyresult|result)#?\d{1,2}")
_NOT_OBJECTIVE_FIELDS = {"title", "id", "key_results", "initiatives"}
# A spreadsheet cell holds at most 32,767 characters; a longer field is no OKR export.
_MAX_FIELD = 32_767
_MAX_COLUMNS = 200


@dataclass(frozen=True, slots=True)
class _Columns:
    objective: int
    # One key-result column, or the numbered ones of a sheet with one row per objective.
    key_results: tuple[int, ...]
    team: int | None
    period: int | None
    description: int | None
    # column -> field (of the key result, or of the objective when one row holds several key
    # results), or an `x-` key
    fields: dict[int, str]

    @property
    def per_objective(self) -> bool:
        """One row per objective, its key results in numbered columns."""
        return len(self.key_results) > 1


def read_table(raw: bytes, source: SourceFile, options: InputOptions) -> SourceFile:
    text = decode_bytes(raw, source)
    if text is None:
        source.problems[:] = [
            Problem(
                UNREADABLE,
                p.message.replace("save it as UTF-8", "export the sheet as UTF-8 CSV"),
                p.span,
            )
            for p in source.problems
        ]
        return source
    source.text = text
    if "\x00" in text:
        source.problems.append(_problem("the file contains a NUL byte; is it binary?", 1))
        return source
    delimiter = "\t" if source.path.suffix.lower() == ".tsv" else _sniff(text)
    lines = text.split("\n")
    team, period, year = names_from_path(source.path)
    team = options.team or team
    period = options.period or period
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header: list[str] | None = None
    columns: _Columns | None = None
    outline = Outline()
    last_objective: ObjectiveDraft | None = None
    by_title: dict[tuple[int, str], ObjectiveDraft] = {}
    row_problems: list[Problem] = []
    previous_end = 0
    try:
        for row in reader:
            first, last = previous_end + 1, reader.line_num
            previous_end = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if any(len(cell) > _MAX_FIELD for cell in row) or len(row) > _MAX_COLUMNS:
                source.problems.append(
                    _problem(
                        "a row is larger than any spreadsheet row; is this a CSV export?", first
                    )
                )
                return source
            if header is None:
                header = [cell.strip() for cell in row]
                columns = _columns(header, source, first)
                if columns is None:
                    return source
                continue
            assert columns is not None
            cells = _cell_columns(lines[first - 1], delimiter) if first == last else []
            if len(row) > len(header):
                row_problems.append(
                    Problem(
                        "STR002",
                        f"this row has {len(row)} cells but the header has {len(header)}; the "
                        "cells past the last column are not read (a delimiter inside an "
                        "unquoted cell?)",
                        Span(*_row_span(first, last, lines, cells, len(header))),
                    )
                )

            def place(
                column: int | None, first: int = first, last: int = last, cells: list[int] = cells
            ) -> Place:
                return _row_span(first, last, lines, cells, column)

            def cell(column: int | None, row: list[str] = row) -> str:
                return row[column].strip() if column is not None and column < len(row) else ""

            objective_text = cell(columns.objective)
            if objective_text:
                set_draft = outline.set_for(
                    _entry(cell(columns.team), place(columns.team)) or _default(team),
                    _period_entry(cell(columns.period), place(columns.period), year)
                    or _default(period),
                )
                key = id(set_draft)
                objective = by_title.get((key, fold(objective_text)))
                if objective is None:
                    objective = ObjectiveDraft(place(None))
                    objective.fields["title"] = Entry(objective_text, place(columns.objective))
                    set_draft.objectives.append(objective)
                    by_title[(key, fold(objective_text))] = objective
                last_objective = objective
            else:
                # Rows under an objective's first row leave its cells empty (merged cells).
                objective = last_objective
                if objective is None:
                    row_problems.append(
                        Problem(
                            "STR002",
                            "this row has a key result but no objective, and no row above it "
                            "names one; fill in its objective",
                            Span(*_row_span(first, last, lines, cells, columns.objective)),
                        )
                    )
                    continue
            if columns.per_objective:
                _fill(objective.fields, columns, cell, place)
            for column in columns.key_results:
                for title, title_place in _listed(cell(column), place(column), lines):
                    key_result = KeyResultDraft(title_place)
                    key_result.fields["title"] = Entry(title, title_place)
                    if not columns.per_objective:
                        _fill(key_result.fields, columns, cell, place)
                    objective.key_results.append(key_result)
    except csv.Error as error:
        source.problems.append(_problem(f"cannot read the CSV: {error}", reader.line_num or 1))
        return source
    if header is None:
        source.problems.append(_problem("the file is empty; okrlint reads CSV exports of OKRs", 1))
        return source
    if text.count('"') % 2 and _left_open("\n".join(lines[first - 1 :]), delimiter):
        # The last row ran to the end of the file: a quote opened in it was never closed.
        row_problems.append(
            Problem(
                "STR002",
                f"a quote opened on line {first} is never closed, so every line after it was "
                "read as one cell; close the quote or remove it",
                Span(first, 1, first, len(lines[first - 1]) + 1),
            )
        )
    if outline.key_results == 0:
        # Nothing to judge: what is wrong with the rows is the whole story.
        source.problems.extend(Problem(UNREADABLE, p.message, p.span) for p in row_problems)
        if not row_problems:
            source.problems.append(_problem("the CSV has a header but no key results", 1))
        return source
    documents = outline.documents(source, "csv")
    if documents:
        documents[0].problems.extend(row_problems)
    source.documents = documents
    return source


def _fill(
    fields: dict[str, Entry],
    columns: _Columns,
    cell: Callable[[int | None], str],
    place: Callable[[int | None], Place],
) -> None:
    """The row's other cells as fields of what the row holds; the first value of each wins."""
    for column, name in columns.fields.items():
        value = cell(column)
        if value:
            fields.setdefault(name, Entry(cell_value(name, value), place(column)))
    if columns.description is not None and cell(columns.description):
        fields.setdefault(
            "x-description", Entry(cell(columns.description), place(columns.description))
        )


# A line of a cell that lists several key results: `1. ...`, `- ...`, `• ...`, `KR2: ...`.
_LIST_MARK = re.compile(r"^\s*(?:[-*•–]|\d{1,2}[.)]|KR\s*\d{0,2}\s*[:.)\-–])\s+(?=\S)", re.I)


def _listed(title: str, place: Place, lines: list[str]) -> list[tuple[str, Place]]:
    """The key results of a cell: one, or one per line when each of its lines is marked as an
    item of a list (a sheet's cell holding all of an objective's key results), each at its
    own line."""
    if not title:
        return []
    parts = [line for line in title.split("\n") if line.strip()]
    marks = [_LIST_MARK.match(line) for line in parts]
    if len(parts) < 2 or not all(marks):
        return [(title, place)]
    listed = []
    at = place[0] - 1
    for part, mark in zip(parts, marks, strict=True):
        text = part[mark.end() if mark else 0 :].strip()
        while at < len(lines) and text not in lines[at]:
            at += 1
        if at >= len(lines):
            return [(title, place)]
        column = lines[at].find(text) + 1
        listed.append((text, (at + 1, column, at + 1, column + len(text))))
    return listed


def _entry(value: str, place: Place) -> Entry | None:
    return Entry(value, place) if value else None


def _period_entry(value: str, place: Place, year: int | None) -> Entry | None:
    if not value:
        return None
    return Entry(to_period(value, year) or value, place)


def _default(value: str | None) -> Entry | None:
    return Entry(value, (1, 1, 1, 1)) if value else None


def _columns(header: list[str], source: SourceFile, line: int) -> _Columns | None:
    folded = [fold(name) for name in header]

    def find(names: tuple[str, ...], taken: set[int]) -> int | None:
        for name in names:
            for position, candidate in enumerate(folded):
                if candidate == name and position not in taken:
                    return position
        return None

    objective = find(OBJECTIVE_HEADERS, set())
    numbered = tuple(
        position
        for position, name in enumerate(folded)
        if _NUMBERED_KEY_RESULT.fullmatch(name) and position != objective
    )
    key_result = find(_KEY_RESULT, {objective, *numbered} if objective is not None else set())
    description = folded.index("description") if "description" in folded else None
    key_results: tuple[int, ...] = () if key_result is None else (key_result,)
    if not key_results and len(numbered) > 1:
        key_results = numbered
    elif not key_results and description is not None:
        key_results, description = (description,), None
    shown = ", ".join(f"'{name}'" for name in header if name) or "none"
    if objective is None or not key_results:
        missing = "an objective column" if objective is None else "a key-result column"
        source.problems.append(
            _problem(
                f"the CSV has no {missing.split(' ', 1)[1]} (its columns: {shown}); okrlint "
                "reads one row per key result, with an 'Objective' column and a 'Key result' "
                "(or KR, result, title, task) column, or one row per objective with numbered "
                "key-result columns ('KR 1', 'KR 2', ...)",
                line,
            )
        )
        return None
    per_objective = len(key_results) > 1
    taken = {objective, *key_results}
    team = find(_TEAM, taken)
    period = find(_PERIOD, taken)
    taken |= {p for p in (team, period, description) if p is not None}
    model, not_fields = (
        ("Objective", _NOT_OBJECTIVE_FIELDS)
        if per_objective
        else ("KeyResult", _NOT_KEY_RESULT_FIELDS)
    )
    fields: dict[int, str] = {}
    for position, name in enumerate(header):
        if position in taken or not name:
            continue
        field_name = field_for(model, name)
        if field_name is not None and field_name not in not_fields | set(fields.values()):
            fields[position] = field_name
            continue
        fields[position] = "x-" + "_".join(name.lower().split())
    return _Columns(objective, key_results, team, period, description, fields)


def _sniff(text: str) -> str:
    sample = text[:8192]
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        return ","


def _left_open(text: str, delimiter: str) -> bool:
    """Whether a quote that opens a cell of the text is never closed."""
    quoted, cell_start, position = False, True, 0
    while position < len(text):
        character = text[position]
        if quoted:
            if character == '"' and text[position + 1 : position + 2] == '"':
                position += 1  # an escaped quote
            elif character == '"':
                quoted = False
        elif character == '"' and cell_start:
            quoted = True
        cell_start = not quoted and character in (delimiter, "\n", "\r")
        position += 1
    return quoted


def _cell_columns(line: str, delimiter: str) -> list[int]:
    """The 1-based column where each cell of a one-line row starts."""
    starts = [1]
    quoted = False
    for position, character in enumerate(line):
        if character == '"':
            quoted = not quoted
        elif character == delimiter and not quoted:
            starts.append(position + 2)
    return starts


def _row_span(
    first: int, last: int, lines: list[str], cells: list[int], column: int | None
) -> Place:
    if column is not None and column < len(cells):
        start = cells[column]
        end = cells[column + 1] - 1 if column + 1 < len(cells) else len(lines[first - 1]) + 1
        return (first, start, first, max(start, end))
    end_text = lines[last - 1] if last - 1 < len(lines) else ""
    return (first, 1, last, len(end_text.rstrip("\r")) + 1)


def _problem(message: str, line: int) -> Problem:
    return Problem(UNREADABLE, message, Span(line, 1, line, 1))
