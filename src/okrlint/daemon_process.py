"""The daemon's process (`okrlint.daemon`): okrlint imported once, each check run in it.

Started by `okrlint daemon start` as `python -m okrlint.daemon_process IDLE_SECONDS`.
"""

from __future__ import annotations

import contextlib
import functools
import os
import signal
import sys
import tempfile
from pathlib import Path
from typing import Any

import typer

from okrlint import cli, daemon
from okrlint.daemon import Capture, Listener
from okrlint.daemon_client import socket_path
from okrlint.process import prepare_process


def run_request(request: dict[str, Any]) -> dict[str, Any]:
    """Run one `okrlint check` as the caller would have run it, capturing what it prints."""
    argv = [str(arg) for arg in request["argv"]]
    streams = request["streams"]
    stdout = Capture(bool(streams["stdout"]["tty"]), str(streams["stdout"]["encoding"]))
    stderr = Capture(bool(streams["stderr"]["tty"]), str(streams["stderr"]["encoding"]))
    saved = (os.getcwd(), dict(os.environ), sys.argv, sys.stdout, sys.stderr)
    umask = os.umask(int(request["umask"]))  # files it writes get the caller's permissions
    try:
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update({str(k): str(v) for k, v in request["env"].items()})
        sys.argv = argv
        sys.stdout, sys.stderr = stdout, stderr
        prepare_process()
        try:
            _command().main(args=argv[1:], prog_name=argv[0])
            status = 0
        except SystemExit as exit_:
            code = exit_.code
            status = code if isinstance(code, int) else (0 if code is None else 1)
    except Exception as error:  # the caller runs the check itself, and shows what it raises
        return {"fallback": f"{type(error).__name__}: {error}"}
    finally:
        os.umask(umask)
        sys.stdout, sys.stderr = saved[3], saved[4]
        sys.argv = saved[2]
        os.environ.clear()
        os.environ.update(saved[1])
        with contextlib.suppress(OSError):
            os.chdir(saved[0])
    return {"status": status, "stdout": stdout.getvalue(), "stderr": stderr.getvalue()}


_WARM_UP = """\
team: Warm-up
period: 2026-Q1
objectives:
  - title: Make the first week effortless for new teams
    key_results:
      - Raise week-1 activation from 30% to 45%
      - Launch the new onboarding checklist
"""


@functools.cache
def _command() -> Any:
    """The command line as typer builds it for each `okrlint` process: built once here."""
    return typer.main.get_command(cli.app)


def warm_up() -> None:
    """Import and build what every check needs, so the first request is as fast as the rest."""
    from okrlint.model import build_validators
    from okrlint.pipeline import run  # noqa: F401 - the stages and the rules they import
    from okrlint.rules.assembly import installed_rules
    from okrlint.single import lint_text

    installed_rules()
    build_validators()
    # One check of a small set in memory (no file, no repository, no cache), so that what a
    # check of an edited file needs besides (the loader, the reader, the rules) is loaded too.
    lint_text(_WARM_UP, Path(tempfile.gettempdir()) / "okrlint-warm-up" / "okrs.yaml")
    prepare_process()
    _command()


def serve(idle_seconds: float) -> int:
    """Run as the daemon until stopped or idle: 0, or 1 when another daemon has the socket."""
    daemon.SERVING = True
    listener = Listener(Path(socket_path()), run_request)
    if not listener.bind():
        return 1
    # Stopped by a signal, it still takes its socket away.
    signal.signal(signal.SIGTERM, lambda _signal, _frame: sys.exit(0))
    warm_up()
    listener.watch()
    listener.serve(idle_seconds)
    return 0


if __name__ == "__main__":
    sys.exit(serve(float(sys.argv[1])) if len(sys.argv) == 2 else 2)
