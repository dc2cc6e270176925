"""A warm okrlint for hooks and scripts: `okrlint daemon start`, as mypy's dmypy or eslint_d.

A pre-commit run on one file spends most of its time starting Python and importing okrlint
(typer, pydantic, the rules, the rule pack) and decoding the summaries of the repository's other
files; checking the file itself is a small part. A daemon pays all that once: a process that has
imported okrlint (`okrlint.daemon_process`) and listens on a Unix socket; the `okrlint`
command hands it a `check` when one is listening (`okrlint.daemon_client`, the caller's side).
It runs the same command line in the caller's folder with the caller's environment, and the
output is the same bytes as a run in the caller's own process.

A daemon stops answering, and goes, when okrlint's files, the modules it has imported (plugins
among them) or the folders packages are installed in change after it started; the caller then
runs the check itself. It exits after an hour without a request (`--idle`), or a quarter of
an hour when a check started it (`check --daemon`, as the pre-commit hook does).
"""

from __future__ import annotations

import contextlib
import io
import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from okrlint import __version__
from okrlint.daemon_client import (
    PACKAGE,
    PROTOCOL,
    ask,
    private_folder,
    reachable,
    receive,
    send,
    served_by,
    supported,
)
from okrlint.progress import in_ci

# A daemon that has served nothing for this long exits (`okrlint daemon start --idle`).
DEFAULT_IDLE_SECONDS = 3600.0
# The same for one a check started (`check --daemon`, the pre-commit hook): long enough for the
# commits of a sitting, short enough that nobody finds it holding memory hours later; the next
# commit starts one again.
AUTO_IDLE_SECONDS = 900.0


class Capture(io.StringIO):
    """What the command line prints, as the caller's stream would take it."""

    def __init__(self, tty: bool, encoding: str) -> None:
        super().__init__()
        self._tty = tty
        self._encoding = encoding

    def isatty(self) -> bool:
        return self._tty

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return self._encoding


def watched_files() -> list[str]:
    """What a daemon's answers depend on besides the request: okrlint's own files (code and the
    built-in rule pack), the modules it has imported (plugins among them) and the folders
    packages are installed in (installing or removing one changes them)."""
    # Not the folder it started in (`python -m` puts it on the path): only where modules are.
    started_in = os.getcwd()
    paths = [p for p in sys.path if p and p != started_in and os.path.isdir(p)]
    package = Path(PACKAGE)
    roots = [package]
    source_pack = package.parent.parent / "pack"
    if source_pack.is_dir():
        roots.append(source_pack)
    for root in roots:
        for folder, folders, files in os.walk(root):
            folders[:] = sorted(name for name in folders if name != "__pycache__")
            paths.extend(os.path.join(folder, name) for name in sorted(files))
    for module in list(sys.modules.values()):
        file = getattr(module, "__file__", None)
        if isinstance(file, str):
            paths.append(file)
    return sorted(set(paths))


def fingerprint(paths: Sequence[str]) -> tuple[tuple[int, int], ...]:
    """The stamps of `paths`: a daemon whose watched files changed stops serving."""
    found = []
    for path in paths:
        try:
            status = os.stat(path)
        except OSError:
            found.append((-1, -1))
            continue
        found.append((status.st_mtime_ns, status.st_size))
    return tuple(found)


Run = Callable[[dict[str, Any]], dict[str, Any]]


class Listener:
    """The socket a daemon (or a language server) answers `okrlint` commands on."""

    def __init__(self, path: Path, run: Run) -> None:
        self.path = path
        self.run = run
        self.served = 0
        self.started = time.time()
        self.watched: list[str] = []
        self.fingerprint: tuple[tuple[int, int], ...] = ()
        self.stopping = False
        self.server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self._inode = -1

    def bind(self) -> bool:
        """Take the socket; False when a live daemon already has it."""
        if not private_folder(str(self.path.parent), create=True):
            return False
        if self.path.exists() or self.path.is_symlink():
            if (
                ask(
                    str(self.path),
                    {"protocol": PROTOCOL, "command": "status", "served_by": served_by()},
                )
                is not None
            ):
                return False
            with contextlib.suppress(OSError):
                self.path.unlink()  # left by a daemon that was killed
        try:
            self.server.bind(str(self.path))
        except OSError:
            return False
        self.server.listen(16)
        self._inode = os.stat(self.path).st_ino
        return True

    def watch(self) -> None:
        """Remember the files this process runs from, as they are now."""
        self.watched = watched_files()
        self.fingerprint = fingerprint(self.watched)

    def serve(self, idle_seconds: float) -> None:
        try:
            while not self.stopping:
                self.server.settimeout(idle_seconds)
                try:
                    connection, _ = self.server.accept()
                except TimeoutError:
                    return
                with connection:
                    self._answer(connection)
        finally:
            self.close()

    def close(self) -> None:
        self.server.close()
        with contextlib.suppress(OSError):
            # Only our own socket: a daemon started since may have taken the name.
            if self.path.stat().st_ino == self._inode:
                self.path.unlink()

    def _answer(self, connection: socket.socket) -> None:
        try:
            connection.settimeout(10.0)
            request = receive(connection)
            connection.settimeout(None)
            send(connection, self.answer(request))
        except (OSError, ValueError):
            pass  # the caller went away: it runs the check itself, or was stopped

    def answer(self, request: Any) -> dict[str, Any]:
        if not isinstance(request, dict) or request.get("protocol") != PROTOCOL:
            return {"fallback": "another protocol"}
        if request.get("served_by") != served_by():
            # Another environment's okrlint whose socket name is the same as this one's.
            return {"fallback": "another okrlint"}
        command = request.get("command")
        if command == "status":
            return {
                "pid": os.getpid(),
                "served": self.served,
                "since": self.started,
                "version": __version__,
            }
        if command == "stop":
            self.stopping = True
            return {"stopped": os.getpid()}
        if command != "run" or not _well_formed(request):
            return {"fallback": "not a request this daemon runs"}
        if fingerprint(self.watched) != self.fingerprint:
            # okrlint or the installed packages changed since it started: the caller runs the
            # new code itself, and this daemon goes.
            self.stopping = True
            return {"fallback": "okrlint or its packages changed since the daemon started"}
        answer = self.run(request)
        if "status" in answer:
            self.served += 1
        return answer


def _well_formed(request: dict[str, Any]) -> bool:
    argv, env, streams = request.get("argv"), request.get("env"), request.get("streams")
    return (
        isinstance(argv, list)
        and len(argv) >= 2
        and all(isinstance(arg, str) for arg in argv)
        and argv[1] == "check"
        and isinstance(request.get("cwd"), str)
        and type(request.get("umask")) is int
        and 0 <= request["umask"] <= 0o777
        and isinstance(env, dict)
        and all(isinstance(k, str) and isinstance(v, str) for k, v in env.items())
        and isinstance(streams, dict)
        and all(
            isinstance(streams.get(name), dict)
            and isinstance(streams[name].get("tty"), bool)
            and isinstance(streams[name].get("encoding"), str)
            for name in ("stdout", "stderr")
        )
    )


# ---- `okrlint daemon start|stop|status` ------------------------------------------------------


def status() -> dict[str, Any] | None:
    """What the running daemon says of itself, or None when none answers."""
    path = reachable()
    if path is None:
        return None
    answer = ask(path, {"protocol": PROTOCOL, "command": "status", "served_by": served_by()})
    return answer if answer is not None and "pid" in answer else None


# Set in a daemon's own process: a check it runs with --daemon must not ask itself.
SERVING = False


def start_in_background() -> None:
    """Start a daemon when none answers, without waiting for it (`check --daemon`).

    Never in a CI job (`CI` set): every check there is a fresh process on a fresh machine, and
    a process left behind would hold the job open or be killed with it; nor with
    `OKRLINT_NO_DAEMON` set, which keeps every check in its own process."""
    if SERVING or not supported() or os.environ.get("OKRLINT_NO_DAEMON") or in_ci():
        return
    start(AUTO_IDLE_SECONDS, wait_seconds=0)


def start(idle_seconds: float = DEFAULT_IDLE_SECONDS, wait_seconds: float = 30.0) -> int | None:
    """Start a daemon in the background and wait until it answers: its pid (that of the one
    already running, if any), or None when it did not come up."""
    running = status()
    if running is not None:
        return int(running["pid"])
    subprocess.Popen(
        [sys.executable, "-m", "okrlint.daemon_process", str(idle_seconds)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # not stopped with the terminal or hook that started it
        close_fds=True,
        # `python -m` puts its folder first on the module path: never the caller's repository.
        cwd="/",
    )
    deadline = time.monotonic() + wait_seconds
    while time.monotonic() < deadline:
        running = status()
        if running is not None:
            return int(running["pid"])
        time.sleep(0.05)
    return None


def stop() -> int | None:
    """Stop the running daemon: its pid, or None when none was running."""
    path = reachable()
    if path is None:
        return None
    answer = ask(path, {"protocol": PROTOCOL, "command": "stop", "served_by": served_by()})
    pid = answer.get("stopped") if answer is not None else None
    if type(pid) is not int:
        return None
    deadline = time.monotonic() + 10.0
    while os.path.exists(path) and time.monotonic() < deadline:
        time.sleep(0.02)
    return pid
