"""The committed versions of a file, read with the `git` command (no network, no writes).

A file outside a repository, a repository without `git` on the PATH, a file never committed, or
any failure of git gives no versions: rules that read history then say nothing. A shallow clone
gives the versions it has; the oldest one is simply where its history starts.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

# How many of a file's latest commits are read: a quarter of weekly edits, with room to spare.
MAX_VERSIONS = 60
_TIMEOUT = 20.0
_FIELD = "\x1f"
_RECORD = "\x1e"


@dataclass(frozen=True, slots=True)
class Version:
    """The file as one commit left it."""

    commit: str
    date: dt.date
    subject: str
    body: str
    text: str

    @property
    def short(self) -> str:
        return self.commit[:8]


# Several rules and every key result of a file ask for its history; a run asks once per file.
_CACHE: dict[tuple[str, int, int], tuple[Version, ...]] = {}
_CACHE_LIMIT = 256


def versions(path: Path) -> tuple[Version, ...]:
    """The committed versions of `path`, oldest first (at most MAX_VERSIONS)."""
    try:
        resolved = path.resolve()
        stat = resolved.stat()
    except OSError:
        return ()
    key = (str(resolved), stat.st_mtime_ns, stat.st_size)
    cached = _CACHE.get(key)
    if cached is None:
        if len(_CACHE) >= _CACHE_LIMIT:
            _CACHE.clear()
        cached = _CACHE[key] = _read(resolved)
    return cached


def _git(folder: Path, *args: str, given: bytes | None = None) -> bytes | None:
    environment = {
        **os.environ,
        "GIT_TERMINAL_PROMPT": "0",
        "GIT_OPTIONAL_LOCKS": "0",
        # A partial clone must not fetch missing objects: okrlint works offline.
        "GIT_NO_LAZY_FETCH": "1",
        "LC_ALL": "C",
    }
    try:
        done = subprocess.run(
            ["git", "-C", str(folder), *args],
            input=given,
            capture_output=True,
            timeout=_TIMEOUT,
            env=environment,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def _read(path: Path) -> tuple[Version, ...]:
    folder, name = path.parent, path.name
    log = _git(
        folder,
        "log",
        "--no-color",
        f"-n{MAX_VERSIONS}",
        f"--format=%H{_FIELD}%aI{_FIELD}%s{_FIELD}%b{_RECORD}",
        "--",
        name,
    )
    if not log:
        return ()
    commits: list[tuple[str, dt.date, str, str]] = []
    for record in log.decode("utf-8", "replace").split(_RECORD):
        parts = record.strip("\n").split(_FIELD)
        if len(parts) != 4:
            continue
        commit, when, subject, body = parts
        try:
            day = dt.datetime.fromisoformat(when).date()
        except ValueError:
            continue
        commits.append((commit, day, subject, body.strip()))
    if not commits:
        return ()
    wanted = "".join(f"{commit}:./{name}\n" for commit, *_ in commits).encode()
    contents = _git(folder, "cat-file", "--batch", given=wanted)
    if contents is None:
        return ()
    texts = _split_batch(contents, len(commits))
    found = [
        Version(commit, day, subject, body, text)
        for (commit, day, subject, body), text in zip(commits, texts, strict=True)
        if text is not None
    ]
    return tuple(reversed(found))


def _split_batch(output: bytes, count: int) -> list[str | None]:
    """The blobs `git cat-file --batch` printed, one per request (None for a missing one)."""
    texts: list[str | None] = []
    at = 0
    for _ in range(count):
        end = output.find(b"\n", at)
        if end < 0:
            texts.append(None)
            continue
        header = output[at:end].split()
        at = end + 1
        if len(header) != 3 or header[1] != b"blob":
            texts.append(None)
            continue
        size = int(header[2])
        texts.append(output[at : at + size].decode("utf-8", "replace"))
        at += size + 1
    return texts
