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

import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from okrlint.api import SetItem
from okrlint.cache import SummaryCache
from okrlint.config.files import CONFIG_FILES, PYPROJECT, extends_another, has_okrlint_table
from okrlint.pipeline.discover import discover, display_path, is_excluded
from okrlint.pipeline.load import DEFAULT_MAX_FILE_BYTES
from okrlint.pipeline.parallel import LoadTask, stream_files, task_for
from okrlint.pipeline.validate import validate
from okrlint.sources import Document, SourceFile
from okrlint.workspace.summaries import SetSummary


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
            return not extends_another(config)
    pyproject = folder / PYPROJECT
    return pyproject.is_file() and has_okrlint_table(pyproject) and not extends_another(pyproject)


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
        include: Sequence[str] = (),
    ) -> None:
        self._sources: list[SourceFile] = []
        # Markdown and CSV neighbours are read only when included, as in a folder search.
        self._include = list(include)
        self._linted: set[Path] = set()
        self._exclude = list(exclude)
        self._max_file_bytes = max_file_bytes
        self._cache = cache
        self._jobs = jobs
        self._known: dict[Path, Path | None] = {}
        self._roots: dict[int, Path | None] = {}
        self._folders: dict[Path, Path] = {}
        # The other files of each repository, when `stamps` has listed them.
        self._found: dict[Path, list[tuple[Path, Path]]] = {}
        for source in linted:
            self.add(source)

    def add(self, source: SourceFile) -> None:
        """A file of this run: never loaded again, and its repository is searched."""
        self._sources.append(source)

    def root_of(self, document: Document) -> Path | None:
        """The repository a set belongs to; sets are compared only within one repository."""
        return self.root_of_source(document.source)

    def root_of_source(self, source: SourceFile) -> Path | None:
        """The repository of a file."""
        if id(source) not in self._roots:
            resolved = self._resolve(source.path)
            self._roots[id(source)] = (
                _root_of_folder(resolved.parent, self._known) if resolved is not None else None
            )
        return self._roots[id(source)]

    def _resolve(self, path: Path) -> Path | None:
        """The real path of a file, or None for one that is not there (text from memory);
        folders are resolved once, since a repository has many files per folder."""
        # One lstat, not is_file and is_symlink: a run asks this of every file in the repository.
        try:
            mode = os.lstat(path).st_mode
        except (OSError, ValueError):
            return None
        if stat.S_ISLNK(mode):
            return path.resolve() if path.is_file() else None
        if not stat.S_ISREG(mode):
            return None
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

    def stamps(self) -> list[str]:
        """What the summaries of `summaries` depend on besides the files of the run, as text
        to key a cache by: the repository of each linted file, and the path, modification time
        and size of every file of those repositories that was not linted."""
        found: list[str] = []
        roots: set[Path] = set()
        linted: set[Path] = set()
        for source in sorted(self._sources, key=lambda s: (s.display, str(s.path))):
            resolved = self._resolve(source.path)
            root = None
            if resolved is not None:
                linted.add(resolved)
                root = _root_of_folder(resolved.parent, self._known)
                if root is not None:
                    roots.add(root)
            found.append(f"{source.display}\0{source.path}\0{root}")
        for root in sorted(roots):
            # Kept for `summaries`, which would find the same files the same way.
            neighbours = self._found[root] = list(self._neighbour_files(root, linted))
            for file, resolved in neighbours:
                try:
                    status = resolved.stat()
                except OSError:
                    found.append(f"{resolved}\0gone")
                    continue
                found.append(f"{resolved}\0{file}\0{status.st_mtime_ns}\0{status.st_size}")
        return found

    def _neighbour_files(self, root: Path, linted: set[Path]) -> Iterator[tuple[Path, Path]]:
        """The files of a repository that are not in `linted` (which gains them), each as
        found and resolved."""
        discovery = discover([root])
        for file in discovery.files:
            if file in linted:
                continue  # found under the root as the run resolved it: no need to look again
            resolved = self._resolve(file)
            if resolved is None or resolved in linted or is_excluded(file, self._exclude, root):
                continue
            if file in discovery.optional and not is_excluded(file, self._include, root):
                continue
            if _root_of_folder(resolved.parent, self._known) != root:
                continue  # a repository of its own, nested in this one
            linted.add(resolved)
            yield file, resolved

    def _summarize_root(
        self, root: Path, summarize: Summarize, variant: str
    ) -> Iterator[SetSummary]:
        cache = SummaryCache(root, variant) if self._cache else None
        tasks: list[LoadTask] = []
        found = self._found.pop(root, None)
        if found is not None:
            self._linted.update(resolved for _, resolved in found)
        neighbours = found if found is not None else self._neighbour_files(root, self._linted)
        for file, resolved in neighbours:
            cached = cache.get(resolved, file, root) if cache is not None else None
            if cached is not None:
                yield from cached
                continue
            tasks.append(task_for(file, display_path(file), self._max_file_bytes))
        # A hook run on one file may need the whole repository: load what changed on every core.
        for sources in stream_files(tasks, self._jobs):
            items: list[SetItem] = []
            for source in sources:
                self._roots[id(source)] = root
                for document in source.documents:
                    okr_set, _ = validate(document.data)
                    if okr_set is not None:
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

_SPACES = re.compile(r"\s+")


def team_key(team: str) -> str:
    """Teams are the same team whatever the case and spacing ("Growth", "growth ")."""
    return _SPACES.sub(" ", team.strip()).casefold()
