"""Discover the files to lint under the paths given on the command line.

A folder is searched for YAML and JSON files. Markdown and CSV files are found too, but read only
when a config's `include` pattern names them (a README is never taken for OKRs); named on the
command line, any file is read.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from fnmatch import fnmatch
from pathlib import Path

from okrlint.errors import PathNotFoundError

YAML_SUFFIXES = (".yaml", ".yml")
# Read from folders by default.
FOLDER_SUFFIXES = (*YAML_SUFFIXES, ".json")
# Read from folders when an `include` pattern matches them.
INCLUDABLE_SUFFIXES = (".md", ".markdown", ".csv", ".tsv")
_FOUND_SUFFIXES = (*FOLDER_SUFFIXES, *INCLUDABLE_SUFFIXES)
# Folders that hold tooling, not OKRs; hidden folders (.git, .venv, ...) are skipped too.
SKIPPED_FOLDERS = frozenset({"node_modules", "__pycache__", "venv", "site-packages"})


@dataclass(slots=True)
class Discovery:
    files: list[Path] = field(default_factory=list)
    # Files named on the command line: linted even when a folder rule would skip them.
    explicit: set[Path] = field(default_factory=set)
    # Markdown and CSV files found in folders: read only when an `include` pattern matches.
    optional: set[Path] = field(default_factory=set)


def discover(paths: list[Path]) -> Discovery:
    """Expand files and folders into YAML files, in a stable order, without following loops."""
    found = Discovery()
    # A file is linted once however it is named (`a.yaml`, `sub/../a.yaml`, its absolute path,
    # a link to it): twice would count its sets twice in the whole-repository rules.
    seen: set[object] = set()
    for path in paths:
        if not path.exists() and not path.is_symlink():
            raise PathNotFoundError(str(path))
        if path.is_dir():
            for file in _walk(path):
                identity = _identity(file)
                if identity not in seen:
                    seen.add(identity)
                    found.files.append(file)
                    if file.name.lower().endswith(INCLUDABLE_SUFFIXES):
                        found.optional.add(file)
        else:
            identity = _identity(path)
            if identity not in seen:
                seen.add(identity)
                found.files.append(path)
                found.explicit.add(path)
    return found


def _identity(path: Path) -> object:
    try:
        status = os.stat(path)
    except OSError:
        return os.path.abspath(path)
    return (status.st_dev, status.st_ino)


def _walk(root: Path) -> list[Path]:
    files: list[Path] = []
    visited: set[tuple[int, int]] = set()
    for directory, folders, names in os.walk(root, followlinks=True, onerror=None):
        try:
            stat = os.stat(directory)
        except OSError:
            folders[:] = []
            continue
        key = (stat.st_dev, stat.st_ino)
        if key in visited:  # a symlink loop, or a folder linked twice
            folders[:] = []
            continue
        visited.add(key)
        folders[:] = sorted(
            name for name in folders if not name.startswith(".") and name not in SKIPPED_FOLDERS
        )
        folder = Path(directory)
        for name in sorted(names):
            if name.lower().endswith(_FOUND_SUFFIXES) and not name.startswith("."):
                files.append(folder / name)
    return files


def is_excluded(path: Path, patterns: list[str], base: Path | None) -> bool:
    """Whether a path matches an exclude glob of a config in the folder `base`.

    As in .gitignore: a pattern with a slash is anchored at `base` (`legacy/*.yaml`,
    `**/drafts`), one without a slash matches a file or folder name anywhere (`drafts`,
    `*.draft.yaml`). Without a config folder, patterns are relative to the working folder.
    """
    if not patterns:
        return False
    relative = path.as_posix()
    if base is not None:
        try:
            relative = path.resolve().relative_to(base.resolve()).as_posix()
        except ValueError:
            relative = ""  # outside the config's folder: only name patterns can match
    parts = Path(relative).parts if relative else (path.name,)
    for pattern in patterns:
        cleaned = pattern.strip().rstrip("/").removeprefix("./")
        if not cleaned:
            continue
        if "/" not in cleaned:
            if any(fnmatch(part, cleaned) for part in parts):
                return True
            continue
        anchored = [cleaned]
        if cleaned.startswith("**/"):
            anchored.append(cleaned[3:])  # `**/x` also matches `x` at the top
        for candidate in anchored:
            if relative and (fnmatch(relative, candidate) or fnmatch(relative, candidate + "/*")):
                return True
    return False


def display_path(path: Path) -> str:
    """A path as findings show it: relative to the working folder when inside it, POSIX style."""
    if os.sep == "/":
        # The same as below with strings: a run shows every file's path, and Path objects
        # cost more than the rest of a warm run's work per file.
        absolute, cwd = os.path.abspath(path), os.getcwd()
        if absolute == cwd:
            return "."
        prefix = cwd if cwd.endswith("/") else cwd + "/"
        return absolute[len(prefix) :] if absolute.startswith(prefix) else path.as_posix()
    try:
        return Path(os.path.abspath(path)).relative_to(Path.cwd()).as_posix()
    except (ValueError, OSError):
        return path.as_posix()
