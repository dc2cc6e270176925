"""A warm okrlint for hooks and scripts: `okrlint daemon start`, as mypy's dmypy or eslint_d.

A pre-commit run on one file spends most of its time starting Python and importing okrlint
(typer, pydantic, the rules, the rule pack) and decoding the summaries of the repository's other
files; checking the file itself is a small part. A daemon pays all that once: it is a process
that has imported okrlint and listens on a Unix socket, and the `okrlint` command hands it a
`check` when one is listening (`okrlint.entry`). It runs the same command line in the caller's
folder with the caller's environment and arguments, and the caller prints what it printed and
exits with its status: the output is the same bytes as a run in the caller's own process.

Safe fallback: whatever goes wrong (no daemon, a socket nobody answers, a daemon started from
other code or with other packages installed since, an unexpected error in it, an answer cut
short), the command runs in its own process as if there were no daemon. A `check` that reads
standard input, watches files or fixes them is never handed over. `OKRLINT_NO_DAEMON=1` turns
it off for one run.

The socket sits in a folder only its user can enter (`$XDG_RUNTIME_DIR/okrlint`, else
`/tmp/okrlint-<uid>`), named after the Python and the okrlint it serves, so each virtual
environment has its own. This module imports only the standard library until it serves.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import socket
import stat
import struct
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from okrlint import __version__

PROTOCOL = 1
# A daemon that has served nothing for this long exits (`okrlint daemon start --idle`).
DEFAULT_IDLE_SECONDS = 3600.0
# How long the command waits for a daemon to take its request before running it itself.
CONNECT_SECONDS = 1.0
_LENGTH = struct.Struct("!I")
# Options after which a `check` is run in its own process: they read standard input, write
# files or run until stopped.
_OWN_PROCESS = frozenset(["-", "--watch", "-w", "--fix", "--diff", "--help"])

PACKAGE = Path(__file__).resolve().parent


def socket_folder() -> Path:
    chosen = os.environ.get("OKRLINT_DAEMON_DIR")
    if chosen:
        return Path(chosen)
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if runtime:
        return Path(runtime) / "okrlint"
    return Path(tempfile.gettempdir()) / f"okrlint-{os.getuid()}"


def socket_path() -> Path:
    """The socket of the daemon for this environment (`sys.prefix`) and this okrlint."""
    served = f"{sys.prefix}\0{PACKAGE}\0{__version__}".encode("utf-8", "surrogateescape")
    return socket_folder() / f"{hashlib.sha256(served).hexdigest()[:16]}.sock"


def private_folder(folder: Path, create: bool) -> bool:
    """Whether `folder` is a real folder of this user that nobody else can enter (made so
    when `create`): a socket elsewhere could be another user's process answering."""
    if create:
        with contextlib.suppress(FileExistsError, OSError):
            folder.mkdir(mode=0o700, parents=True)
    try:
        found = os.lstat(folder)
    except OSError:
        return False
    return (
        stat.S_ISDIR(found.st_mode) and found.st_uid == os.getuid() and found.st_mode & 0o077 == 0
    )


# ---- the caller's side ----------------------------------------------------------------------


def handed_over(argv: Sequence[str]) -> int | None:
    """Run `okrlint <argv>` in a daemon when one serves this okrlint: the exit status, having
    printed what the run printed; None when the caller must run it itself."""
    if not argv or argv[0] != "check" or os.environ.get("OKRLINT_NO_DAEMON"):
        return None
    if any(arg in _OWN_PROCESS for arg in argv[1:]):
        return None
    path = socket_path()
    if not path.exists() or not private_folder(path.parent, create=False):
        return None
    answer = _ask(path, _request(argv))
    if answer is None or not isinstance(answer.get("status"), int):
        return None
    stdout, stderr = answer.get("stdout"), answer.get("stderr")
    if not isinstance(stdout, str) or not isinstance(stderr, str):
        return None
    sys.stdout.write(stdout)
    sys.stdout.flush()
    sys.stderr.write(stderr)
    sys.stderr.flush()
    status: int = answer["status"]
    return status


def _request(argv: Sequence[str]) -> dict[str, Any]:
    env = dict(os.environ)
    streams = {}
    for name, stream in (("stdout", sys.stdout), ("stderr", sys.stderr)):
        try:
            tty = stream.isatty()
        except (AttributeError, ValueError):
            tty = False
        streams[name] = {"tty": tty, "encoding": getattr(stream, "encoding", None) or "utf-8"}
    if streams["stdout"]["tty"]:
        # Rich output fits the terminal: the daemon has none, so it is told its size.
        with contextlib.suppress(OSError):
            size = os.get_terminal_size(sys.stdout.fileno())
            env.setdefault("COLUMNS", str(size.columns))
            env.setdefault("LINES", str(size.lines))
    return {
        "protocol": PROTOCOL,
        "command": "run",
        "argv": [Path(sys.argv[0]).name, *argv],
        "cwd": os.getcwd(),
        "env": env,
        "streams": streams,
    }


def _ask(path: Path, request: dict[str, Any]) -> dict[str, Any] | None:
    """Send one request and read the answer; None on anything but a whole answer."""
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
            connection.settimeout(CONNECT_SECONDS)
            connection.connect(str(path))
            connection.settimeout(None)  # a check of a large repository takes what it takes
            _send(connection, request)
            answer = _receive(connection)
    except (OSError, ValueError):
        return None
    return answer if isinstance(answer, dict) else None


def _send(connection: socket.socket, message: dict[str, Any]) -> None:
    # ASCII JSON: lone surrogates (a file name that is not UTF-8) travel as escapes.
    body = json.dumps(message).encode("ascii")
    connection.sendall(_LENGTH.pack(len(body)) + body)


def _receive(connection: socket.socket) -> Any:
    (length,) = _LENGTH.unpack(_read_exactly(connection, _LENGTH.size))
    return json.loads(_read_exactly(connection, length))


def _read_exactly(connection: socket.socket, size: int) -> bytes:
    parts = []
    while size:
        part = connection.recv(min(size, 1 << 20))
        if not part:
            raise ValueError("the answer was cut short")
        parts.append(part)
        size -= len(part)
    return b"".join(parts)


# ---- the daemon's side ----------------------------------------------------------------------


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
    paths: list[str] = [entry for entry in sys.path if entry and os.path.isdir(entry)]
    roots = [PACKAGE]
    source_pack = PACKAGE.parent.parent / "pack"
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
        if not private_folder(self.path.parent, create=True):
            return False
        if self.path.exists() or self.path.is_symlink():
            if _ask(self.path, {"protocol": PROTOCOL, "command": "status"}) is not None:
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
            request = _receive(connection)
            connection.settimeout(None)
            _send(connection, self.answer(request))
        except (OSError, ValueError):
            pass  # the caller went away: it runs the check itself, or was stopped

    def answer(self, request: Any) -> dict[str, Any]:
        if not isinstance(request, dict) or request.get("protocol") != PROTOCOL:
            return {"fallback": "another protocol"}
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
    path = socket_path()
    if not path.exists() or not private_folder(path.parent, create=False):
        return None
    answer = _ask(path, {"protocol": PROTOCOL, "command": "status"})
    return answer if answer is not None and "pid" in answer else None


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
    path = socket_path()
    if not path.exists() or not private_folder(path.parent, create=False):
        return None
    answer = _ask(path, {"protocol": PROTOCOL, "command": "stop"})
    if answer is None or "stopped" not in answer:
        return None
    pid = int(answer["stopped"])
    deadline = time.monotonic() + 10.0
    while path.exists() and time.monotonic() < deadline:
        time.sleep(0.02)
    return pid
