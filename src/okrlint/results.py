"""Each file's findings kept between runs: a file whose text has not changed is not checked again.

A warm run (a CI run whose cache was restored, a hook run on a file that was not edited) then
costs reading each file and one lookup, not parsing, validating, reading and checking it. What a
file leaves is stored in `.okrlint_cache/results.sqlite3`: the findings of the rules about one
file, its counts and the summaries of its sets. The findings of the whole-repository rules are
kept too, under the keys of every file of the run and the stamps (path, size, modification
time) of the repository's other files: a run of the same files over an unchanged repository
does not run them again.

An entry is keyed by everything those findings depend on: the file's text (hashed), its path as
given and as shown, the settings that apply to it and to the repository (config, selection,
severities, rule options, and the rule pack by its files' paths, sizes and modification times,
so that a warm run need not read it), the date staleness rules use, and okrlint's code with that
of every plugin rule. Files with `# okrlint:` comments are never stored (suppressions are
matched at the end of the run against their documents), nor files where a rule crashed. An
entry that fails its CRC or does not read back is a miss, and a database that cannot be read is
replaced; a run that cannot write runs uncached rather than failing. The output of a run is
byte-for-byte the same with the cache, without it, warm or cold (tested).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import sqlite3
import sys
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from okrlint import __version__
from okrlint.cache import CACHE_DIR, _prepare
from okrlint.findings import Counts, Edit, Finding, Fix, Severity

if TYPE_CHECKING:
    from okrlint.config.settings import Settings
    from okrlint.rules.registry import Registry
    from okrlint.sources import SourceFile
    from okrlint.workspace.summaries import SetSummary

DATABASE = "results.sqlite3"
# 2: findings carry their set's team and period; 3: and their confidence; 4: and how the text
# was read (its structure); 5: the summaries after the findings, on a line of their own.
FORMAT = 5
# Entries kept before the oldest are dropped: a few runs of a very large repository.
MAX_ENTRIES = 200_000
_KEYS_PER_QUERY = 500

_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS results ("
    " key BLOB PRIMARY KEY NOT NULL, crc INTEGER NOT NULL, value TEXT NOT NULL)"
)


@dataclass(slots=True)
class FileResult:
    """What checking one file left, as the run needs it."""

    findings: list[Finding]
    counts: Counts
    # Encoded set summaries (`okrlint.workspace.summaries.encode`); as stored (JSON text) when
    # read back, since a warm run seldom needs them.
    summaries: list[Any] | str
    # The summaries decoded, when the run needs them (`summaries_of`).
    decoded: list[SetSummary] = field(default_factory=list)


def text_of(raw: bytes) -> str | None:
    """The file's text as the loader decodes it, or None (the loader reports it)."""
    from okrlint.pipeline.load import decode_text

    return decode_text(raw)


class ResultsCache:
    """Looks up and stores each file's result under `root`/.okrlint_cache.

    Opened lazily and again in each worker process: an SQLite connection must not cross a fork.
    """

    def __init__(self, root: Path, context: Sequence[str]) -> None:
        self.folder = root / CACHE_DIR
        # What every entry of this run depends on besides the file and its settings.
        self._context = "\0".join((str(FORMAT), __version__, *context))
        self._database: sqlite3.Connection | None = None
        self._pid = -1

    def key(self, path: Path, display: str, text: str, settings: str) -> bytes:
        digest = hashlib.blake2b(digest_size=20)
        for part in (self._context, settings, str(path), display):
            digest.update(part.encode("utf-8", "surrogatepass"))
            digest.update(b"\0")
        digest.update(text.encode("utf-8", "surrogatepass"))
        return digest.digest()

    def _connect(self, create: bool) -> sqlite3.Connection | None:
        if self._pid == os.getpid():
            return self._database
        self._database = None
        path = self.folder / DATABASE
        if not create and not path.is_file():
            return None
        self._pid = os.getpid()
        for attempt in range(2):
            try:
                _prepare(self.folder)
                database = sqlite3.connect(path, timeout=2.0, isolation_level=None)
                database.execute(_SCHEMA)
                self._database = database
                return database
            except (OSError, sqlite3.Error):
                if attempt == 0 and path.is_file() and not path.is_symlink():
                    with contextlib.suppress(OSError):
                        path.unlink()  # not a database, or a damaged one: start a new one
                    continue
                return None
        return None

    def lookup(self, keys: Sequence[bytes]) -> dict[bytes, FileResult]:
        database = self._connect(create=False)
        found: dict[bytes, FileResult] = {}
        if database is None:
            return found
        try:
            for start in range(0, len(keys), _KEYS_PER_QUERY):
                chunk = keys[start : start + _KEYS_PER_QUERY]
                marks = ",".join("?" * len(chunk))
                rows = database.execute(
                    f"SELECT key, crc, value FROM results WHERE key IN ({marks})", chunk
                ).fetchall()
                for key, crc, value in rows:
                    if not isinstance(value, str) or zlib.crc32(value.encode()) != crc:
                        continue
                    result = _decode(value)
                    if result is not None:
                        found[key] = result
        except sqlite3.Error:
            self._discard()
        return found

    def store(self, entries: Iterable[tuple[bytes, FileResult]]) -> None:
        """Best effort: a read-only, locked or full disk leaves the run uncached, never failed."""
        rows = []
        for key, result in entries:
            value = _encode(result)
            try:
                encoded = value.encode()
            except UnicodeEncodeError:
                # A file name that is not UTF-8 (a lone surrogate in Python) cannot be stored
                # as SQLite text: that file's result is simply not cached.
                continue
            rows.append((key, zlib.crc32(encoded), value))
        if not rows:
            return
        database = self._connect(create=True)
        if database is None:
            return
        try:
            with database:
                database.execute("BEGIN IMMEDIATE")
                database.executemany("INSERT OR REPLACE INTO results VALUES (?,?,?)", rows)
                (count,) = database.execute(
                    "SELECT max(rowid) - min(rowid) FROM results"
                ).fetchone()
                if isinstance(count, int) and count > MAX_ENTRIES:
                    database.execute(
                        "DELETE FROM results WHERE rowid IN"
                        " (SELECT rowid FROM results ORDER BY rowid LIMIT ?)",
                        (len(rows),),
                    )
        except sqlite3.DatabaseError as error:
            if not isinstance(error, sqlite3.OperationalError):
                self._discard()

    def workspace_key(self, file_keys: Sequence[bytes], beyond: Sequence[str]) -> bytes:
        """The key of the findings of the whole-repository rules of a run: the key of each of
        its files in the order of the run, and `beyond` (the rest of the repository,
        `RepositoryLookup.stamps`)."""
        digest = hashlib.blake2b(digest_size=20)
        digest.update(self._context.encode("utf-8", "surrogatepass"))
        digest.update(b"\0whole repository\0")
        for key in file_keys:
            digest.update(key)
        for part in beyond:
            digest.update(part.encode("utf-8", "surrogatepass"))
            digest.update(b"\n")
        return digest.digest()

    def workspace_findings(self, key: bytes) -> list[Finding] | None:
        found = self.lookup([key]).get(key)
        return found.findings if found is not None else None

    def keep_workspace_findings(self, key: bytes, findings: list[Finding]) -> None:
        self.store([(key, FileResult(findings, Counts(), []))])

    def _discard(self) -> None:
        if self._database is not None:
            with contextlib.suppress(sqlite3.Error):
                self._database.close()
        self._database = None
        self._pid = -1
        with contextlib.suppress(OSError):
            (self.folder / DATABASE).unlink()


def settings_digest(settings: Settings, pack: str) -> str:
    """Everything in a file's settings that its findings depend on."""
    config = settings.config
    data = [
        config.values.model_dump(mode="json"),
        str(config.path),
        sorted((key, str(path)) for key, path in config.origins.items()),
        sorted(settings.selected),
        sorted((code, severity.value) for code, severity in settings.severities.items()),
        sorted(
            (code, options.model_dump(mode="json"))
            for code, options in settings.options.items()
            if code in settings.selected
        ),
        pack,
    ]
    text = json.dumps(data, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=20).hexdigest()


def code_digest(registry: Registry) -> str:
    """okrlint's own modules and those of every rule (plugins too), and the trained judgement's
    weights (retrained weights change findings with no module changed), by path, size and time."""
    return _code_digest(tuple(sorted({rule.__module__ for rule in registry.rules.values()})))


@functools.cache
def _code_digest(modules: tuple[str, ...]) -> str:
    import okrlint

    package = Path(okrlint.__file__).parent
    files = {*package.rglob("*.py"), *(package / "judgement" / "weights").glob("*.json")}
    for name in modules:
        file = getattr(sys.modules.get(name), "__file__", None)
        if file:
            files.add(Path(file))
    digest = hashlib.blake2b(digest_size=20)
    for file in sorted(files):
        try:
            status = file.stat()
        except OSError:
            continue
        digest.update(f"{file}\0{status.st_size}\0{status.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def summaries_of(result: FileResult, source: SourceFile, repository: Any) -> list[SetSummary]:
    from okrlint.workspace.summaries import decode

    summaries = result.summaries
    if isinstance(summaries, str):
        summaries = json.loads(summaries)
        if not isinstance(summaries, list):
            raise TypeError("summaries")
    return [decode(value, source, repository) for value in summaries]


def _encode(result: FileResult) -> str:
    """The counts and findings as JSON, then a line break and the summaries as JSON: a warm run
    decodes only the first part unless it needs the summaries (JSON text holds no line breaks
    of its own)."""
    counts = result.counts
    head = json.dumps(
        [
            [
                counts.files,
                counts.skipped_files,
                counts.okr_sets,
                counts.objectives,
                counts.key_results,
            ],
            [_finding_out(finding) for finding in result.findings],
        ],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    summaries = result.summaries
    if not isinstance(summaries, str):
        summaries = json.dumps(summaries, ensure_ascii=False, separators=(",", ":"))
    return f"{head}\n{summaries}"


def _decode(value: str) -> FileResult | None:
    """A stored result, or None when it does not read back as one of ours (its summaries are
    kept as stored, and read back by `summaries_of`)."""
    try:
        head, summaries = value.split("\n", 1)
        counts, findings = json.loads(head)
        files, skipped, sets, objectives, key_results = (_int(n) for n in counts)
        return FileResult(
            [_finding_in(finding) for finding in findings],
            Counts(files, skipped, sets, objectives, key_results),
            summaries,
        )
    except (ValueError, TypeError, KeyError, IndexError, AttributeError):
        return None


def _finding_out(finding: Finding) -> list[Any]:
    fix = finding.fix
    return [
        finding.path,
        finding.line,
        finding.column,
        finding.end_line,
        finding.end_column,
        finding.code,
        finding.name,
        finding.severity.value,
        finding.message,
        finding.object,
        finding.text,
        None
        if fix is None
        else [fix.description, [[e.start, e.end, e.content] for e in fix.edits]],
        finding.suggestion,
        finding.team,
        finding.period,
        finding.confidence,
        [list(pair) for pair in finding.structure],
    ]


_SEVERITIES = {severity.value: severity for severity in Severity}


def _finding_in(value: Any) -> Finding:
    (path, line, column, end_line, end_column, code, name, severity, message) = value[:9]
    object_id, text, fix, suggestion, team, period, confidence, structure = value[9:]
    # `type(...) is` leaves out bools and subclasses; written out, as a warm run decodes every
    # finding of the repository.
    if not (
        type(line) is int
        and type(column) is int
        and type(end_line) is int
        and type(end_column) is int
        and type(path) is str
        and type(code) is str
        and type(name) is str
        and type(message) is str
        and type(object_id) is str
        and type(text) is str
        and (suggestion is None or type(suggestion) is str)
        and type(team) is str
        and type(period) is str
        and (confidence is None or type(confidence) is float)
        and type(structure) is list
        and all(
            type(pair) is list and len(pair) == 2 and type(pair[0]) is str and type(pair[1]) is str
            for pair in structure
        )
    ):
        raise TypeError("finding")
    # Interned: the same few paths, codes, names, teams and periods fill every finding, and a
    # warm run over 10,000 files holds tens of thousands of them.
    intern = sys.intern
    return Finding(
        intern(path),
        line,
        column,
        end_line,
        end_column,
        intern(code),
        intern(name),
        _SEVERITIES[severity],
        message,
        object_id,
        text,
        None
        if fix is None
        else Fix(
            _str(fix[0]),
            tuple(Edit(_int(start), _int(end), _str(content)) for start, end, content in fix[1]),
        ),
        suggestion,
        intern(team),
        intern(period),
        confidence,
        tuple((key, value) for key, value in structure),
    )


def _int(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError("int")
    return value


def _str(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError("str")
    return value
