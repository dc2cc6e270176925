"""A progress line on standard error for long runs, only where a person is watching.

It appears once a run has taken a second (`OKRLINT_PROGRESS_DELAY` seconds), on a terminal,
and never in a CI log (`CI` set) or when standard error is a file or a pipe: logs get the
findings and nothing else.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO


def in_ci() -> bool:
    """Whether okrlint runs in a CI job (`CI` or `GITHUB_ACTIONS` set): nobody watches a
    progress line there, and a runner's job ends with its processes."""
    return bool(os.environ.get("CI") or os.environ.get("GITHUB_ACTIONS"))


# A run shorter than this shows no progress: the findings come before a person would wait.
SHOW_AFTER_SECONDS = 1.0


class Progress:
    def __init__(self, stream: TextIO, show_after: float = SHOW_AFTER_SECONDS) -> None:
        self._stream = stream
        self._started = time.monotonic()
        self._show_after = show_after
        self._shown = False

    @staticmethod
    def wanted(stream: TextIO) -> bool:
        if in_ci():
            return False
        try:
            return stream.isatty()
        except (AttributeError, ValueError):
            return False

    @classmethod
    @contextmanager
    def on_stderr(cls) -> Iterator[Progress | None]:
        """A progress display on standard error if a person sees it, else None."""
        if not cls.wanted(sys.stderr):
            yield None
            return
        try:
            delay = float(os.environ.get("OKRLINT_PROGRESS_DELAY", SHOW_AFTER_SECONDS))
        except ValueError:
            delay = SHOW_AFTER_SECONDS
        progress = cls(sys.stderr, delay)
        try:
            yield progress
        finally:
            progress.clear()

    def __call__(self, checked: int, planned: int) -> None:
        if time.monotonic() - self._started < self._show_after:
            return
        share = checked / planned if planned else 1.0
        self._stream.write(f"\r\x1b[Kokrlint: checked {checked:,}/{planned:,} files ({share:.0%})")
        self._stream.flush()
        self._shown = True

    def clear(self) -> None:
        """Erase the progress line, so the findings and summary start on a clean line."""
        if self._shown:
            self._stream.write("\r\x1b[K")
            self._stream.flush()
