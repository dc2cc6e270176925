"""Loading files on several cores (`--jobs`).

Parsing is most of a large run's time and each file parses on its own, so files are loaded in a
pool of worker processes and sent back whole; validation, the rules and the report stay in the
main process, in file order, so the output is the same for any number of jobs. Small runs (a
pre-commit hook on a few files) load in-process: starting workers would cost more than it saves.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from okrlint.document import SourceFile, load_file

# Below this many files per worker, a pool's start-up outweighs what it saves.
MIN_FILES_PER_WORKER = 24
# Files go to workers in chunks, so a slow file does not hold back the others for long.
CHUNKS_PER_WORKER = 8

LoadTask = tuple[Path, str, int]


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
    """Load each (path, display, max bytes) in order, on up to `jobs` processes."""
    workers = worker_count(jobs, len(tasks))
    if workers > 1:
        # Imported here: a pre-commit run on a few files never pays for multiprocessing.
        from concurrent.futures.process import BrokenProcessPool

        try:
            return _load_in_pool(tasks, workers)
        except (BrokenProcessPool, OSError):
            pass  # no processes here (a sandbox, a dead worker): load in-process instead
    return [_load(task) for task in tasks]


def _load_in_pool(tasks: Sequence[LoadTask], workers: int) -> list[SourceFile]:
    """The main process loads its own share while `workers - 1` processes load the rest."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    own = len(tasks) // workers
    rest = tasks[own:]
    chunk = max(1, len(rest) // ((workers - 1) * CHUNKS_PER_WORKER))
    methods = multiprocessing.get_all_start_methods()
    # fork shares the already-imported modules; elsewhere the platform's default is used.
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    with ProcessPoolExecutor(max_workers=workers - 1, mp_context=context) as pool:
        loading = pool.map(_load, rest, chunksize=chunk)
        mine = [_load(task) for task in tasks[:own]]
        return mine + list(loading)


def _load(task: LoadTask) -> SourceFile:
    path, display, max_bytes = task
    return load_file(path, display, max_bytes)
