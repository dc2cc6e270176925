"""Writing in a repository that a stranger may have laid out: no link is followed, nothing is
replaced that is not a regular file, nothing is rewritten that its owner may not write.

A clone can hold symbolic links anywhere, including where okrlint keeps its cache
(`.okrlint_cache` itself, its `.gitignore`, its database), so every file okrlint creates is
opened with `O_NOFOLLOW` and checked to be a regular file before a byte is written, and every
folder it writes in is checked to be a real folder. What is refused raises `UnsafePathError`,
whose message names the path and says why.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

from okrlint.safe_text import inert

# Opening never follows a final link, never blocks on a FIFO and never leaks into children.
_NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | os.O_CLOEXEC


class UnsafePathError(OSError):
    """A path okrlint will not write through (a link, a FIFO, a device, a folder...)."""

    def __init__(self, path: Path | str, why: str) -> None:
        super().__init__(f"{inert(str(path))} {why}")
        self.path = Path(path)


def _kind(mode: int) -> str:
    if stat.S_ISLNK(mode):
        return "is a symbolic link"
    if stat.S_ISDIR(mode):
        return "is a folder"
    if stat.S_ISFIFO(mode):
        return "is a FIFO"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "is a device"
    if stat.S_ISSOCK(mode):
        return "is a socket"
    return "is not a regular file"


def real_folder(folder: Path) -> Path:
    """Create `folder` if missing, and make sure it is a folder and not a link to one."""
    with contextlib.suppress(FileExistsError):
        folder.mkdir()
    mode = os.lstat(folder).st_mode
    if not stat.S_ISDIR(mode):
        raise UnsafePathError(folder, f"{_kind(mode)}; okrlint does not write through it")
    return folder


def regular_or_missing(path: Path) -> bool:
    """Whether `path` exists as a regular file (False when missing); anything else is refused."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return False
    if not stat.S_ISREG(mode):
        raise UnsafePathError(path, f"{_kind(mode)}; okrlint does not use it")
    return True


def create_new(path: Path, data: bytes) -> bool:
    """Write a new file; leave whatever already has the name alone. True when written."""
    try:
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NO_FOLLOW, 0o666)
    except FileExistsError:
        return False  # a file, a link (even a dangling one), anything: not ours to touch
    with os.fdopen(handle, "wb") as stream:
        stream.write(data)
    return True


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most `limit` bytes; links and special files refused."""
    handle = os.open(path, os.O_RDONLY | _NO_FOLLOW)
    try:
        status = os.fstat(handle)
        if not stat.S_ISREG(status.st_mode):
            raise UnsafePathError(path, f"{_kind(status.st_mode)}; okrlint does not read it")
        if status.st_size > limit:
            raise UnsafePathError(path, f"is larger than {limit} bytes; okrlint does not read it")
        with os.fdopen(handle, "rb", closefd=False) as stream:
            return stream.read(limit + 1)[:limit]
    finally:
        os.close(handle)


def check_output_target(path: Path) -> None:
    """A report may replace a regular file (through a link to one), never anything else."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        if path.is_symlink():
            why = "is a dangling symbolic link; okrlint does not follow it"
            raise UnsafePathError(path, why) from None
        return
    if not stat.S_ISREG(mode):
        raise UnsafePathError(path, f"{_kind(mode)}; okrlint writes reports to regular files only")


def may_rewrite(path: Path, status: os.stat_result) -> str | None:
    """Why the current user may not rewrite the file `status` describes; None when they may.

    A superuser may write anything, so a file nobody may write (read-only on purpose) is left
    alone for them too.
    """
    if not stat.S_ISREG(status.st_mode):
        return f"it {_kind(status.st_mode)}"
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        if not status.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
            return "it is read-only"
        return None
    if not os.access(path, os.W_OK):
        return "you may not write it (permission denied)"
    return None


def rewrite_in_place(path: Path, data: bytes) -> None:
    """Replace the content of an existing regular file, keeping its inode, mode and owner.

    Used when the file is not the user's own: a rename would give it to the user and would need
    only the right to write the folder, not the file.
    """
    handle = os.open(path, os.O_WRONLY | _NO_FOLLOW)
    try:
        status = os.fstat(handle)
        if not stat.S_ISREG(status.st_mode):
            raise UnsafePathError(path, f"{_kind(status.st_mode)}; okrlint does not write it")
        view = memoryview(data)
        written = 0
        while written < len(view):
            written += os.write(handle, view[written:])
        os.ftruncate(handle, len(data))
        os.fsync(handle)
    finally:
        os.close(handle)
