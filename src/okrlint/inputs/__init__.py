"""The load stage for OKRs kept in other shapes than okrlint's YAML.

Each reader turns a file into what the YAML loader gives: documents of plain data in okrlint's
format, each with a location index whose spans are those of the ORIGINAL file, so validation,
rules, suppressions and every output work unchanged. Readers are imported only for the files
that need them: a run over YAML files pays for none of them.

- YAML and JSON: okrlint's format as it is; other tools' shapes through mappings.
- Markdown outlines (`okrlint.inputs.markdown`), CSV exports (`okrlint.inputs.table`).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from okrlint.inputs.options import DEFAULT_INPUTS, UNREADABLE, InputOptions
from okrlint.pipeline.load import DEFAULT_MAX_FILE_BYTES, load_bytes, read_file_bytes
from okrlint.sources import Problem, SourceFile, Span

YAML_SUFFIXES = (".yaml", ".yml")
JSON_SUFFIXES = (".json",)
MARKDOWN_SUFFIXES = (".md", ".markdown")
TABLE_SUFFIXES = (".csv", ".tsv")
# What a folder is searched for by default; Markdown and CSV are read when named or included.
FOLDER_SUFFIXES = YAML_SUFFIXES + JSON_SUFFIXES
READABLE_SUFFIXES = FOLDER_SUFFIXES + MARKDOWN_SUFFIXES + TABLE_SUFFIXES
_OKR_WORDS = re.compile(rb"(?i)objective|key.?results?|\bkrs?\b|okr|goals")


def reader_for(path: Path, options: InputOptions = DEFAULT_INPUTS) -> str:
    suffix = path.suffix.lower()
    if suffix in MARKDOWN_SUFFIXES or options.from_format == "markdown":
        return "markdown"
    if suffix in TABLE_SUFFIXES or options.from_format == "csv":
        return "csv"
    if suffix in JSON_SUFFIXES:
        return "json"
    if suffix in YAML_SUFFIXES:
        return "yaml"
    return "unknown"


def load_input(
    path: Path,
    display: str,
    max_bytes: int = DEFAULT_MAX_FILE_BYTES,
    options: InputOptions = DEFAULT_INPUTS,
) -> SourceFile:
    """Read one file in whatever shape it is. Never raises for what the file contains."""
    reader = reader_for(path, options)
    source = SourceFile(path=path, display=display, reader=reader)
    raw = read_file_bytes(path, source, max_bytes)
    if raw is None:
        return source
    return read_bytes(raw, source, options)


def read_text(
    text: str, display: str, options: InputOptions = DEFAULT_INPUTS, reader: str | None = None
) -> SourceFile:
    """Read a file given as text (tests, the Python API)."""
    path = Path(display)
    source = SourceFile(path=path, display=display, reader=reader or reader_for(path, options))
    return read_bytes(text.encode("utf-8"), source, options)


def read_bytes(raw: bytes, source: SourceFile, options: InputOptions) -> SourceFile:
    reader = source.reader
    if reader == "markdown":
        from okrlint.inputs.markdown import read_markdown

        return read_markdown(raw, source, options)
    if reader == "csv":
        from okrlint.inputs.table import read_table

        return read_table(raw, source, options)
    if reader == "unknown":
        source.problems.append(
            Problem(
                UNREADABLE,
                f"okrlint cannot read '{source.path.suffix or source.path.name}' files; it reads "
                "YAML and JSON OKR files, Markdown outlines (.md) and CSV exports (.csv); "
                "export the OKRs to one of them",
                Span(1, 1, 1, 1),
            )
        )
        return source
    # Most JSON in a repository (package.json, lock files) is no OKR file: one that names
    # neither objectives nor key results under any name is passed over unparsed, unless the
    # config's mappings or --from say how to read other shapes.
    mapped = bool(options.mappings or options.from_format)
    if reader == "json" and not mapped and _OKR_WORDS.search(raw) is None:
        source.skipped_documents = 1
        return source
    if reader == "json":
        # JSON is YAML to the composer, except that JSON allows tabs between tokens; a tab
        # is never inside a JSON string (it must be escaped there), so a space of the same
        # width keeps every position.
        raw = raw.replace(b"\t", b" ")
    source.keep_others = True
    load_bytes(raw, source)
    source.keep_others = False
    from okrlint.inputs.adopt import adopt

    adopt(source, options)
    return source


_NAMED_BY_OPTION = {
    "team": "--team, or a team in the file's name or a heading",
    "period": "--period, or a period such as 2026-Q1 in the file's name or a heading",
}


def explain_for_readers(errors: list[tuple[Any, str, bool]]) -> list[tuple[Any, str, bool]]:
    """Format errors of a file in another shape, saying how to supply what it lacks."""
    explained = []
    for node, message, at_value in errors:
        for key, where in _NAMED_BY_OPTION.items():
            if message == f"missing required key '{key}'":
                message = f"the file names no {key}; give it with {where}"
        explained.append((node, message, at_value))
    return explained
