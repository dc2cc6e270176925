"""`okrlint check --watch`: lint, then lint again each time an OKR or config file is saved.

Each round is an ordinary `okrlint check` run in this process (so the language model and the
readings cache stay warm between rounds); Ctrl-C stops watching.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from okrlint.pipeline.discover import YAML_SUFFIXES

# Besides OKR files, a change to any of these may change the findings.
CONFIG_NAMES = frozenset({"pyproject.toml"})


def watch_and_check(paths: Sequence[Path], check: Callable[[], int | None]) -> int:
    """Run `check` (one `okrlint check`) now and after every change under `paths`; 0 when
    stopped."""
    import watchfiles
    from typer import Abort

    absolute = [Path(os.path.abspath(path)) for path in paths]
    named_files = {path for path in absolute if not path.is_dir()}
    named_folders = [path for path in absolute if path.is_dir()]
    # A named file is watched through its folder: editors often save by replacing the file.
    folders = sorted({str(path if path.is_dir() else path.parent) for path in absolute})

    def relevant(_change: watchfiles.Change, name: str) -> bool:
        changed = Path(name)
        if changed.name in CONFIG_NAMES or changed.name.startswith(".okrlint.y"):
            return True
        if changed.suffix not in YAML_SUFFIXES:
            return False
        return changed in named_files or any(changed.is_relative_to(f) for f in named_folders)

    def run_once() -> None:
        status = check()
        sys.stdout.flush()
        _say(f"exit status {status or 0}; watching {', '.join(folders)} (Ctrl-C to stop)")

    try:
        run_once()
        for changes in watchfiles.watch(*folders, watch_filter=relevant, raise_interrupt=True):
            names = sorted({Path(name).name for _, name in changes})
            _say(f"{', '.join(names)} changed; linting again")
            run_once()
    except (KeyboardInterrupt, Abort):  # Ctrl-C while watching, or during a run
        _say("stopped watching")
    return 0


def _say(message: str) -> None:
    sys.stderr.write(f"okrlint: {message}\n")
    sys.stderr.flush()
