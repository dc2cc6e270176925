"""CSV exports of OKR spreadsheets, read with the standard library's csv module.

One row per key result (or task): an objective column and a key-result column, named leniently
(a key result may be headed key result, KR, result, title, task or task name), and team, owner,
baseline, target, current, progress, status, priority, quarter and description columns when
present. Rows of one objective share its text (or leave it empty under the first row, as merged
cells export). Findings point at the row, and at the cell where it is known.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from okrlint.inputs.aliases import field_for, fold
from okrlint.inputs.options import UNREADABLE, InputOptions
from okrlint.inputs.outline import Entry, KeyResultDraft, ObjectiveDraft, Outline, Place
from okrlint.inputs.values import cell_value, names_from_path, to_period
from okrlint.pipeline.load import decode_bytes
from okrlint.sources import Problem, SourceFile, Span

# Header names, folded, in order of preference.
_OBJECTIVE = tuple(fold(n) for n in ("objective", "objective title", "objectives", "goal", "okr"))
_KEY_RESULT = tuple(
    fold(n)
    for n in ("key result", "key results", "kr", "result", "title", "task", "task name", "name")
)
_TEAM = tuple(fold(n) for n in ("team", "team name", "squad", "department", "group"))
_PERIOD = tuple(fold(n) for n in ("quarter", "period", "timeframe", "cycle", "quarter id"))
_NOT_KEY_RESULT_FIELDS = {"title", "id", "checkins"}
# A spreadsheet cell holds at most 32,767 characters; a longer field is no OKR export.
_MAX_FIELD = 32_767
_MAX_COLUMNS = 200


@dataclass(frozen=True, slots=True)
class _Columns:
    objective: int
    key_result: int
    team: int | None
    period: int | None
    description: int | None
    fields: dict[int, str]  # column -> key result field, or an `x-` key


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
            title = cell(columns.key_result)
            if not title:
                continue
            key_result = KeyResultDraft(place(columns.key_result))
            key_result.fields["title"] = Entry(title, place(columns.key_result))
            for column, name in columns.fields.items():
                value = cell(column)
                if value:
                    key_result.fields.setdefault(
                        name, Entry(cell_value(name, value), place(column))
                    )
            if columns.description is not None and cell(columns.description):
                key_result.fields["x-description"] = Entry(
                    cell(columns.description), place(columns.description)
                )
            objective.key_results.append(key_result)
    except csv.Error as error:
        source.problems.append(_problem(f"cannot read the CSV: {error}", reader.line_num or 1))
        return source
    if header is None:
        source.problems.append(_problem("the file is empty; okrlint reads CSV exports of OKRs", 1))
        return source
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

    objective = find(_OBJECTIVE, set())
    key_result = find(_KEY_RESULT, {objective} if objective is not None else set())
    description = folded.index("description") if "description" in folded else None
    if key_result is None and description is not None:
        key_result, description = description, None
    shown = ", ".join(f"'{name}'" for name in header if name) or "none"
    if objective is None or key_result is None:
        missing = "an objective column" if objective is None else "a key-result column"
        source.problems.append(
            _problem(
                f"the CSV has no {missing.split(' ', 1)[1]} (its columns: {shown}); okrlint "
                "reads one row per key result, with an 'Objective' column and a 'Key result' "
                "(or KR, result, title, task) column",
                line,
            )
        )
        return None
    taken = {objective, key_result}
    team = find(_TEAM, taken)
    period = find(_PERIOD, taken)
    taken |= {p for p in (team, period, description) if p is not None}
    fields: dict[int, str] = {}
    for position, name in enumerate(header):
        if position in taken or not name:
            continue
        field_name = field_for("KeyResult", name)
        if field_name is not None and field_name not in _NOT_KEY_RESULT_FIELDS | set(
            fields.values()
        ):
            fields[position] = field_name
            continue
        fields[position] = "x-" + "_".join(name.lower().split())
    return _Columns(objective, key_result, team, period, description, fields)


def _sniff(text: str) -> str:
    sample = text[:8192]
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        return ","


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
