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

import re
import tomllib
from collections.abc import Iterable, Sequence
from pathlib import Path

from okrlint.config import CONFIG_FILE, PYPROJECT, _has_okrlint_table
from okrlint.document import DEFAULT_MAX_FILE_BYTES, SourceFile, read_plain_yaml
from okrlint.files import discover, display_path, is_excluded
from okrlint.model import validate
from okrlint.parallel import LoadTask, load_files
from okrlint.periods import DateRange, resolve_period
from okrlint.registry import SetItem


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
    config = folder / CONFIG_FILE
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
    """Loads, once and only when asked, the OKR sets of the files that were not linted."""

    def __init__(
        self,
        linted: Iterable[SourceFile],
        exclude: Sequence[str] = (),
        max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
        jobs: int | None = None,
    ) -> None:
        self._linted: set[Path] = set()
        self._roots: set[Path] = set()
        for source in linted:
            if not source.path.is_file():  # text linted from memory has no repository
                continue
            self._linted.add(source.path.resolve())
            root = find_root(source.path)
            if root is not None:
                self._roots.add(root)
        self._exclude = list(exclude)
        self._max_file_bytes = max_file_bytes
        self._jobs = jobs
        self._sets: tuple[SetItem, ...] | None = None
        self._known: dict[Path, Path | None] = {}

    def __call__(self) -> Sequence[SetItem]:
        if self._sets is None:
            self._sets = tuple(self._load())
        return self._sets

    def _load(self) -> Iterable[SetItem]:
        roots = sorted(self._roots)
        # A root inside another root's tree is covered by the outer one.
        roots = [r for r in roots if not any(o != r and o in r.parents for o in roots)]
        tasks: list[LoadTask] = []
        for root in roots:
            for file in discover([root]).files:
                resolved = file.resolve()
                if resolved in self._linted or is_excluded(file, self._exclude, root):
                    continue
                if _root_of_folder(resolved.parent, self._known) != root:
                    continue  # a repository of its own, nested in this one
                self._linted.add(resolved)
                tasks.append((file, display_path(file), self._max_file_bytes))
        # A hook run on one file may need the whole repository: load it on every core.
        for source in load_files(tasks, self._jobs):
            for document in source.documents:
                okr_set, _ = validate(document.data)
                if okr_set is not None:
                    document.okr_set = okr_set
                    yield SetItem(document, okr_set)


_SPACES = re.compile(r"\s+")


def team_key(team: str) -> str:
    """Teams are the same team whatever the case and spacing ("Growth", "growth ")."""
    return _SPACES.sub(" ", team.strip()).casefold()


def set_range(item: SetItem, fiscal_year_start: int = 1) -> DateRange | None:
    return resolve_period(item.okr_set.period, fiscal_year_start)


def where(item: SetItem) -> str:
    """A set as messages name it: its file, and the document number when a file holds several."""
    document = item.document
    if len(document.source.documents) > 1:
        return f"{document.source.display} (document {document.index + 1})"
    return document.source.display
