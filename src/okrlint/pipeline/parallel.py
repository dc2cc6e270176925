"""Loading files on several cores (`--jobs`).

Parsing is most of a large run's time and each file parses on its own, so files are loaded in a
pool of worker processes and sent back whole; validation, the rules and the report stay in the
main process, in file order, so the output is the same for any number of jobs. A run streams:
workers parse the next batches while the main process checks the current one, and only a few
batches are ever in flight, so memory does not grow with the repository. Small runs (a
pre-commit hook on a few files) load in-process: starting workers would cost more than it saves.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, TypeVar

from okrlint.inputs import load_input
from okrlint.inputs.options import DEFAULT_INPUTS, InputOptions
from okrlint.sources import SourceFile

# Below this many files per worker, a pool's start-up outweighs what it saves.
MIN_FILES_PER_WORKER = 24

# A file to load: its path, how findings name it, the size limit, and how to read other shapes.
LoadTask = tuple[Path, str, int, InputOptions]


def default_jobs() -> int:
    """The number of cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def worker_count(jobs: int | None, files: int) -> int:
    wanted = default_jobs() if jobs is None or jobs <= 0 else jobs
    return max(1, min(wanted, files // MIN_FILES_PER_WORKER))


def load_files(tasks: Sequence[LoadTask], jobs: int | None = None) -> list[SourceFile]:
    """Load each task in order, on up to `jobs` processes."""
    return [source for batch in stream_files(tasks, jobs) for source in batch]


# Files per batch sent to a worker, and batches in flight per worker: enough to keep workers
# busy, few enough to bound what is held at once.
BATCH_FILES = 48
BATCHES_AHEAD = 2

Item = TypeVar("Item")
Result = TypeVar("Result")

# The work of a worker process, installed once when the worker starts (with fork, not pickled).
_WORK: Callable[[Any], Any] | None = None


def in_batches(items: Sequence[Item], size: int = BATCH_FILES) -> list[Sequence[Item]]:
    return [items[start : start + size] for start in range(0, len(items), size)]


def stream_batches(
    work: Callable[[Sequence[Item]], Result],
    batches: Sequence[Sequence[Item]],
    jobs: int | None,
    files: int,
) -> Iterator[Result]:
    """`work(batch)` for each batch, in order, on up to `jobs` processes for `files` files."""
    workers = worker_count(jobs, files)
    done = 0
    if workers > 1:
        from concurrent.futures.process import BrokenProcessPool

        try:
            for result in _stream_in_pool(work, batches, workers):
                yield result
                done += 1
        except (BrokenProcessPool, OSError):
            pass  # no processes here (a sandbox, a dead worker): do the rest in-process
    for batch in batches[done:]:
        yield work(batch)


def _stream_in_pool(
    work: Callable[[Sequence[Item]], Result], batches: Sequence[Sequence[Item]], workers: int
) -> Iterator[Result]:
    import multiprocessing
    from collections import deque
    from concurrent.futures import Future, ProcessPoolExecutor

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    with ProcessPoolExecutor(
        max_workers=workers,
        mp_context=context,
        initializer=_install,
        initargs=(work, os.getpid()),
    ) as pool:
        pending: deque[Future[Result]] = deque()
        submitted = 0
        while submitted < len(batches) or pending:
            while submitted < len(batches) and len(pending) < workers * BATCHES_AHEAD:
                pending.append(pool.submit(_run_installed, batches[submitted]))
                submitted += 1
            yield pending.popleft().result()


def _install(work: Callable[[Any], Any], parent: int) -> None:
    global _WORK
    _WORK = work
    _die_with(parent)


# How often a worker looks whether the main process is still there.
_PARENT_POLL_SECONDS = 0.5


def _die_with(parent: int) -> None:
    """End this worker when the main process is gone, however it went.

    SIGKILL (or SIGTERM, whose default action skips all clean-up) of the main process leaves
    its workers waiting on a queue that nobody will ever write to: on Linux the kernel is asked
    to kill the worker with its parent; everywhere a thread checks for the parent too.
    """
    import signal
    import sys
    import threading
    import time

    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:
        os._exit(1)  # the parent went before we could ask

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(_PARENT_POLL_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="okrlint-parent-watch", daemon=True).start()


def _run_installed(batch: Any) -> Any:
    assert _WORK is not None
    return _WORK(batch)


def stream_files(
    tasks: Sequence[LoadTask], jobs: int | None = None, batch_files: int = BATCH_FILES
) -> Iterator[list[SourceFile]]:
    """Each batch of loaded files in order, parsed on up to `jobs` processes."""
    return stream_batches(_load_batch, in_batches(tasks, batch_files), jobs, len(tasks))


def _load_batch(tasks: Sequence[LoadTask]) -> list[SourceFile]:
    return [load_task(task) for task in tasks]


def load_task(task: LoadTask) -> SourceFile:
    path, display, max_bytes, inputs = task
    return load_input(path, display, max_bytes, inputs)


def task_for(path: Path, display: str, max_bytes: int) -> LoadTask:
    """A load task with the default reading of other shapes (neighbours, tests)."""
    return (path, display, max_bytes, DEFAULT_INPUTS)
