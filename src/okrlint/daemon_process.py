"""The daemon's process (`okrlint.daemon`): okrlint imported once, each check run in it.

Started by `okrlint daemon start` as `python -m okrlint.daemon_process IDLE_SECONDS`.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from pathlib import Path
from typing import Any

from okrlint import cli
from okrlint.daemon import Capture, Listener
from okrlint.daemon_client import socket_path


def run_request(request: dict[str, Any]) -> dict[str, Any]:
    """Run one `okrlint check` as the caller would have run it, capturing what it prints."""
    argv = [str(arg) for arg in request["argv"]]
    streams = request["streams"]
    stdout = Capture(bool(streams["stdout"]["tty"]), str(streams["stdout"]["encoding"]))
    stderr = Capture(bool(streams["stderr"]["tty"]), str(streams["stderr"]["encoding"]))
    saved = (os.getcwd(), dict(os.environ), sys.argv, sys.stdout, sys.stderr)
    try:
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update({str(k): str(v) for k, v in request["env"].items()})
        sys.argv = argv
        sys.stdout, sys.stderr = stdout, stderr
        cli.prepare_process()
        try:
            cli.app(args=argv[1:], prog_name=argv[0])
            status = 0
        except SystemExit as exit_:
            code = exit_.code
            status = code if isinstance(code, int) else (0 if code is None else 1)
    except Exception as error:  # the caller runs the check itself, and shows what it raises
        return {"fallback": f"{type(error).__name__}: {error}"}
    finally:
        sys.stdout, sys.stderr = saved[3], saved[4]
        sys.argv = saved[2]
        os.environ.clear()
        os.environ.update(saved[1])
        with contextlib.suppress(OSError):
            os.chdir(saved[0])
    return {"status": status, "stdout": stdout.getvalue(), "stderr": stderr.getvalue()}


def warm_up() -> None:
    """Import and build what every check needs, so the first request is as fast as the rest."""
    from okrlint.model import build_validators
    from okrlint.pipeline import run  # noqa: F401 - the stages and the rules they import
    from okrlint.rules.assembly import installed_rules

    installed_rules()
    build_validators()
    cli.prepare_process()


def serve(idle_seconds: float) -> int:
    """Run as the daemon until stopped or idle: 0, or 1 when another daemon has the socket."""
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
