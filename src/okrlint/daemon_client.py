"""The caller's side of the okrlint daemon (`okrlint.daemon`), used by the `okrlint` command
(`okrlint.entry`) before anything else: it imports a few standard modules only, so a check the
daemon answers costs the caller little more than starting Python. The daemon runs the same
command line in the caller's folder, with its environment and arguments, and the caller prints
what it printed and exits with its status. Whatever goes wrong (no daemon, a socket nobody
answers, a folder others could enter, an answer cut short or refused), the check runs here as
if there were no daemon. A check that reads standard input, watches files or fixes them is
never handed over, and `OKRLINT_NO_DAEMON=1` keeps every check here.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import stat
import struct
import sys
import zlib

from okrlint import __version__

PROTOCOL = 1
# How long the command waits for a daemon to take its request before running it itself.
CONNECT_SECONDS = 1.0
_LENGTH = struct.Struct("!I")
# A `check` with any of these runs in its own process: they read standard input, write files,
# run until stopped or print help.
_OWN_PROCESS = frozenset(["-", "--watch", "-w", "--fix", "--diff", "--help"])

PACKAGE = os.path.dirname(os.path.realpath(__file__))


def supported() -> bool:
    """The daemon needs Unix sockets and user ids (not on Windows): elsewhere checks run here."""
    return hasattr(socket, "AF_UNIX") and hasattr(os, "getuid")


def served_by() -> dict[str, str]:
    """Which okrlint a daemon must be to answer this one: the same environment and package."""
    return {"prefix": sys.prefix, "package": PACKAGE, "version": __version__}


def socket_path() -> str:
    """The socket of the daemon for this environment (`sys.prefix`) and this okrlint, in a
    folder only its user can enter: `$OKRLINT_DAEMON_DIR`, `$XDG_RUNTIME_DIR/okrlint`, else
    `/tmp/okrlint-<uid>`. Two names that collide only cost a refused request (`served_by`)."""
    folder = os.environ.get("OKRLINT_DAEMON_DIR")
    if not folder:
        runtime = os.environ.get("XDG_RUNTIME_DIR")
        if runtime:
            folder = os.path.join(runtime, "okrlint")
        else:
            import tempfile

            folder = os.path.join(tempfile.gettempdir(), f"okrlint-{os.getuid()}")
    identity = "\0".join(served_by().values()).encode("utf-8", "surrogateescape")
    return os.path.join(folder, f"{zlib.crc32(identity):08x}.sock")


def private_folder(folder: str, create: bool = False) -> bool:
    """Whether `folder` is a real folder of this user that nobody else can enter (made so
    when `create`): a socket elsewhere could be another user's process answering."""
    if create:
        with contextlib.suppress(OSError):  # there already, or cannot be: checked below
            os.makedirs(folder, mode=0o700)
    try:
        found = os.lstat(folder)
    except OSError:
        return False
    return (
        stat.S_ISDIR(found.st_mode) and found.st_uid == os.getuid() and found.st_mode & 0o077 == 0
    )


def reachable() -> str | None:
    """The daemon's socket when one may be there to ask, else None."""
    if not supported():
        return None
    path = socket_path()
    if not os.path.exists(path) or not private_folder(os.path.dirname(path)):
        return None
    return path


def handed_over(argv: list[str]) -> int | None:
    """Run `okrlint <argv>` in a daemon when one serves this okrlint: the exit status, having
    printed what the run printed; None when the caller must run it itself."""
    if not argv or argv[0] != "check" or os.environ.get("OKRLINT_NO_DAEMON"):
        return None
    if any(arg in _OWN_PROCESS for arg in argv[1:]):
        return None
    path = reachable()
    if path is None:
        return None
    answer = ask(path, _request(argv))
    if answer is None:
        return None
    status, stdout, stderr = answer.get("status"), answer.get("stdout"), answer.get("stderr")
    if type(status) is not int or not isinstance(stdout, str) or not isinstance(stderr, str):
        return None
    sys.stdout.write(stdout)
    sys.stdout.flush()
    sys.stderr.write(stderr)
    sys.stderr.flush()
    return status


def _request(argv: list[str]) -> dict[str, object]:
    env = dict(os.environ)
    streams = {}
    for name, stream in (("stdout", sys.stdout), ("stderr", sys.stderr)):
        try:
            tty = stream.isatty()
        except (AttributeError, ValueError):
            tty = False
        streams[name] = {"tty": tty, "encoding": getattr(stream, "encoding", None) or "utf-8"}
    if streams["stdout"]["tty"]:
        # Rich output fits the terminal: the daemon has none, so it is told the size.
        try:
            size = os.get_terminal_size(sys.stdout.fileno())
            env.setdefault("COLUMNS", str(size.columns))
            env.setdefault("LINES", str(size.lines))
        except (OSError, ValueError):
            pass
    umask = os.umask(0o022)  # read by setting it; set back at once
    os.umask(umask)
    return {
        "protocol": PROTOCOL,
        "command": "run",
        "umask": umask,
        "served_by": served_by(),
        "argv": [os.path.basename(sys.argv[0]), *argv],
        "cwd": os.getcwd(),
        "env": env,
        "streams": streams,
    }


def ask(path: str, request: dict[str, object]) -> dict[str, object] | None:
    """Send one request and read the answer; None on anything but a whole answer."""
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
            connection.settimeout(CONNECT_SECONDS)
            connection.connect(path)
            connection.settimeout(None)  # a check of a large repository takes what it takes
            send(connection, request)
            answer = receive(connection)
    except (OSError, ValueError):
        return None
    return answer if isinstance(answer, dict) else None


def send(connection: socket.socket, message: dict[str, object]) -> None:
    # ASCII JSON: lone surrogates (a file name that is not UTF-8) travel as escapes.
    body = json.dumps(message).encode("ascii")
    connection.sendall(_LENGTH.pack(len(body)) + body)


def receive(connection: socket.socket) -> object:
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
