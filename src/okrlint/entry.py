"""The `okrlint` command: a `check` goes to a running okrlint daemon when there is one
(`okrlint.daemon_client`), else, like every other command, runs here.

Only the standard library is imported before that is decided: a check the daemon answers never
imports typer, pydantic or the rules in this process.
"""

from __future__ import annotations

import sys

from okrlint.daemon_client import handed_over
from okrlint.process import prepare_process


def main() -> None:
    status = handed_over(sys.argv[1:])
    if status is not None:
        sys.exit(status)
    # Before typer, pydantic and the rules are imported, which is most of a short run.
    prepare_process()
    from okrlint.cli import main as run_here

    run_here()
