"""The rest of the repository, for whole-repository rules run on part of it.

A pre-commit hook passes only the staged files, and a user may lint one folder; rules about
alignment, history and conflicts must still see every OKR set. So when a workspace rule asks, the
repository root of each linted file is found (the nearest folder, at or above the file, holding
`.git`, `.okrlint.yaml` or a pyproject.toml with `[tool.okrlint]`) and its other OKR files are
loaded with the same loader. They are looked at, never reported on. A folder below the root
with its own `.git` or config (one that does not `extends` another) is a repository of its own
and is not read. A file outside any repository has no neighbours beyond the files passed.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import tempfile
import tomllib
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from okrlint.config import CONFIG_FILES, PYPROJECT, _has_okrlint_table
from okrlint.document import (
    DEFAULT_MAX_FILE_BYTES,
    Document,
    SourceFile,
    read_plain_yaml,
)
from okrlint.files import discover, display_path, is_excluded
from okrlint.model import validate
from okrlint.parallel import LoadTask, stream_files
from okrlint.registry import SetItem
from okrlint.safe_files import create_new, read_regular, real_folder
from okrlint.summary import SetSummary, decode, encode


def find_root(path: Path) -> Path | None:
    """The repository root of a file: the nearest folder with `.git` or an okrlint config.

    A config that `extends` another is an override for its folder, not a root of its own, so the
    search goes on above it.
    """
    try:
        folder = path.resolve()
    except OSError:
        return None
    if not folder.is_dir():
        folder = folder.parent
    return _root_of_folder(folder, {})


def _root_of_folder(folder: Path, known: dict[Path, Path | None]) -> Path | None:
    """The root above a folder; `known` remembers folders already settled within one run."""
    if folder not in known:
        if _marks_root(folder):
            known[folder] = folder
        elif folder.parent == folder:
            known[folder] = None
        else:
            known[folder] = _root_of_folder(folder.parent, known)
    return known[folder]


def _marks_root(folder: Path) -> bool:
    if (folder / ".git").exists():
        return True
    for name in CONFIG_FILES:
        config = folder / name
        if config.is_file():
            return not _extends(config)
    pyproject = folder / PYPROJECT
    return pyproject.is_file() and _has_okrlint_table(pyproject) and not _extends(pyproject)


def _extends(config: Path) -> bool:
    try:
        text = config.read_text("utf-8")
        if config.name == PYPROJECT:
            data = tomllib.loads(text).get("tool", {}).get("okrlint", {})
        else:
            data = read_plain_yaml(text)
    except (OSError, UnicodeDecodeError, ValueError):  # a broken config is reported elsewhere
        return False
    return isinstance(data, dict) and "extends" in data


class RepositoryLookup:
    """Loads, only when asked, the OKR sets of the repository's files that were not linted.

    The sets of unchanged files are kept in `.okrlint_cache/` at the repository root (by path,
    size and modification time), so a pre-commit run on one file does not parse the whole
    repository again.
    """

    def __init__(
        self,
        linted: Iterable[SourceFile] = (),
        exclude: Sequence[str] = (),
        max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
        cache: bool = True,
        jobs: int | None = None,
    ) -> None:
        self._sources: list[SourceFile] = []
        self._linted: set[Path] = set()
        self._exclude = list(exclude)
        self._max_file_bytes = max_file_bytes
        self._cache = cache
        self._jobs = jobs
        self._known: dict[Path, Path | None] = {}
        self._roots: dict[int, Path | None] = {}
        self._folders: dict[Path, Path] = {}
        for source in linted:
            self.add(source)

    def add(self, source: SourceFile) -> None:
        """A file of this run: never loaded again, and its repository is searched."""
        self._sources.append(source)

    def root_of(self, document: Document) -> Path | None:
        """The repository a set belongs to; sets are compared only within one repository."""
        source = document.source
        if id(source) not in self._roots:
            resolved = self._resolve(source.path)
            self._roots[id(source)] = (
                _root_of_folder(resolved.parent, self._known) if resolved is not None else None
            )
        return self._roots[id(source)]

    def _resolve(self, path: Path) -> Path | None:
        """The real path of a file, or None for one that is not there (text from memory);
        folders are resolved once, since a repository has many files per folder."""
        if not path.is_file():
            return None
        if path.is_symlink():
            return path.resolve()
        folder = path.parent
        if folder not in self._folders:
            self._folders[folder] = folder.resolve()
        return self._folders[folder] / path.name

    def summaries(self, summarize: Summarize, variant: str) -> Iterator[SetSummary]:
        """Summaries of the valid sets of every file of the linted files' repositories that
        was not linted. `summarize` turns a batch of sets into summaries; `variant` names what
        it depends on besides the file (the rule pack), for the cache."""
        found: set[Path] = set()
        for source in self._sources:
            resolved = self._resolve(source.path)
            if resolved is None:  # text linted from memory has no repository
                continue
            self._linted.add(resolved)
            root = _root_of_folder(resolved.parent, self._known)
            if root is not None:
                found.add(root)
        for root in sorted(found):
            yield from self._summarize_root(root, summarize, variant)

    def _summarize_root(
        self, root: Path, summarize: Summarize, variant: str
    ) -> Iterator[SetSummary]:
        cache = _SummaryCache(root, variant) if self._cache else None
        tasks: list[LoadTask] = []
        for file in discover([root]).files:
            resolved = file.resolve()
            if resolved in self._linted or is_excluded(file, self._exclude, root):
                continue
            if _root_of_folder(resolved.parent, self._known) != root:
                continue  # a repository of its own, nested in this one
            self._linted.add(resolved)
            cached = cache.get(resolved, file, root) if cache is not None else None
            if cached is not None:
                yield from cached
                continue
            tasks.append((file, display_path(file), self._max_file_bytes))
        # A hook run on one file may need the whole repository: load what changed on every core.
        for sources in stream_files(tasks, self._jobs):
            items: list[SetItem] = []
            for source in sources:
                self._roots[id(source)] = root
                for document in source.documents:
                    okr_set, _ = validate(document.data)
                    if okr_set is not None:
                        document.okr_set = okr_set
                        items.append(SetItem(document, okr_set))
            summaries = summarize(items)
            for source in sources:
                source.let_go(keep_text=False)  # neighbours are read, never reported on
            yield from summaries
            if cache is not None:
                by_source: dict[int, list[SetSummary]] = {id(s): [] for s in sources}
                for summary in summaries:
                    by_source[id(summary.source)].append(summary)
                for source in sources:
                    if not source.problems:
                        cache.put(source.path.resolve(), by_source[id(source)])
        if cache is not None:
            cache.save()


Summarize = Callable[[list[SetItem]], list[SetSummary]]

CACHE_FOLDER = ".okrlint_cache"
_CACHE_FILE = "repository-summaries.json"
# Far above what 100,000 files' summaries take: a bigger file is not one okrlint wrote.
_CACHE_LIMIT = 1 << 30


@functools.cache
def _cache_format() -> str:
    """Cached summaries are only reused by the same okrlint with the same model and summaries."""
    from okrlint import __version__, measures, model, summary

    digest = hashlib.sha256()
    for module in (model, summary, measures):
        digest.update(Path(module.__file__ or "").read_bytes())
    return f"{__version__}:{digest.hexdigest()[:16]}"


class _SummaryCache:
    """The set summaries of each file of one repository, by path, modification time and size."""

    def __init__(self, root: Path, variant: str) -> None:
        self._folder = root / CACHE_FOLDER
        self._variant = variant
        self._loaded: dict[str, Any] | None = None
        self._changed = False

    @property
    def _entries(self) -> dict[str, Any]:
        # Read on first use: a run over the whole repository has no neighbours to look up.
        if self._loaded is None:
            self._loaded = {}
            try:
                # Not through a link, not from a FIFO or a device: the folder is the repository's.
                raw = read_regular(self._folder / _CACHE_FILE, _CACHE_LIMIT)
                data = json.loads(raw.decode("utf-8"))
                if (
                    isinstance(data, dict)
                    and data.get("format") == _cache_format()
                    and data.get("variant") == self._variant
                    and isinstance(data.get("files"), dict)
                ):
                    self._loaded = dict(data["files"])
            except (OSError, ValueError, KeyError, TypeError):
                pass  # no cache, or one from another version or pack: read the files again
        return self._loaded

    def get(self, path: Path, file: Path, root: Path) -> list[SetSummary] | None:
        entry = self._entries.get(str(path))
        stamp = _stamp(path)
        if not isinstance(entry, dict) or stamp is None or entry.get("stamp") != stamp:
            return None
        source = SourceFile(path=file, display=display_path(file))
        try:
            return [decode(value, source, root) for value in entry["sets"]]
        except (ValueError, KeyError, TypeError, IndexError, AttributeError):
            return None

    def put(self, path: Path, summaries: Sequence[SetSummary]) -> None:
        stamp = _stamp(path)
        if stamp is None:
            return
        self._entries[str(path)] = {"stamp": stamp, "sets": [encode(s) for s in summaries]}
        self._changed = True

    def save(self) -> None:
        if self._loaded is None:
            return  # never asked for a file: nothing to add or to drop
        gone = [key for key in self._entries if not Path(key).is_file()]
        for key in gone:
            del self._entries[key]
        if not (self._changed or gone):
            return
        data = {"format": _cache_format(), "variant": self._variant, "files": self._entries}
        try:
            real_folder(self._folder)  # never a link to a folder elsewhere
            create_new(self._folder / ".gitignore", b"# Written by okrlint; safe to delete.\n*\n")
            # A rename replaces a link at the name rather than writing where it points.
            handle, temporary = tempfile.mkstemp(dir=self._folder, suffix=".tmp")
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                json.dump(data, stream, separators=(",", ":"))
            os.replace(temporary, self._folder / _CACHE_FILE)
        except OSError:
            pass  # a read-only checkout: the cache is an optimisation, never a requirement


def _stamp(path: Path) -> list[int] | None:
    try:
        status = path.stat()
    except OSError:
        return None
    return [status.st_mtime_ns, status.st_size]


_SPACES = re.compile(r"\s+")


def team_key(team: str) -> str:
    """Teams are the same team whatever the case and spacing ("Growth", "growth ")."""
    return _SPACES.sub(" ", team.strip()).casefold()
