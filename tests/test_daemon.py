"""The daemon (`okrlint daemon start`): a check it answers prints the same bytes and exits with
the same status as one run in its own process, sees edits made between checks, and anything it
cannot answer runs as usual."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from okrlint import daemon
from okrlint.daemon_client import private_folder, served_by
from tools import bench_generator, daemons_of, stop_daemons

# The console script: `python -m okrlint` always runs in its own process.
OKRLINT = str(Path(sys.executable).parent / "okrlint")


@pytest.fixture
def folder() -> Iterator[Path]:
    """A socket folder of this test's own (short: a socket's path has a length limit)."""
    chosen = Path(tempfile.mkdtemp(prefix="okd-")) / "d"
    yield chosen
    _okrlint(Path.cwd(), chosen, "daemon", "stop")
    stop_daemons(chosen)  # one still starting when it was asked to stop
    shutil.rmtree(chosen.parent, ignore_errors=True)


def _env(folder: Path, **more: str) -> dict[str, str]:
    return {"NO_COLOR": "1", "PATH": "/usr/bin:/bin", "OKRLINT_DAEMON_DIR": str(folder), **more}


def _okrlint(
    cwd: Path, folder: Path, *args: str, stdin: str | None = None, umask: int = -1, **env: str
) -> tuple[int, str, str]:
    result = subprocess.run(
        [OKRLINT, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        input=stdin,
        env=_env(folder, **env),
        check=False,
        timeout=300,
        umask=umask,
    )
    return result.returncode, result.stdout, result.stderr


def _served(folder: Path) -> int:
    status, out, _ = _okrlint(Path.cwd(), folder, "daemon", "status")
    assert status == 0, out
    return int(out.split(", ")[1].split()[0])


def _start(folder: Path) -> None:
    status, out, err = _okrlint(Path.cwd(), folder, "daemon", "start", "--idle", "300")
    assert status == 0 and "running" in out, out + err
    assert _served(folder) == 0


def _both(cwd: Path, folder: Path, *args: str) -> tuple[int, str, str]:
    """The check run in its own process and by the daemon; they must be the same."""
    here = _okrlint(cwd, folder, "check", "--today", "2026-05-01", *args, OKRLINT_NO_DAEMON="1")
    answered = _okrlint(cwd, folder, "check", "--today", "2026-05-01", *args)
    assert answered == here, args
    return here


def _repository(out: Path) -> Path:
    bench_generator().generate(out / "okrs", files=30, objectives=3, key_results=3, seed=3)
    (out / ".okrlint.yaml").write_text("fail_on: error\n")
    area = out / "okrs" / "area-000"
    (area / "broken.yaml").write_text("team: [unclosed\n")
    # Two files of one team: whole-repository rules compare them.
    (area / "twin.yaml").write_text((area / "team-00000.yaml").read_text())
    return out


def test_a_check_the_daemon_answers_is_byte_for_byte_a_check_run_in_its_own_process(
    tmp_path: Path, folder: Path
) -> None:
    repo = _repository(tmp_path)
    one = "okrs/area-000/team-00000.yaml"
    _start(folder)
    cases = [
        ("--format", "concise", "."),
        ("--format", "json", "."),
        ("--format", "sarif", one),
        ("--format", "concise", "--no-cache", "--jobs", "2", "."),
        ("--format", "rich", "--color", "always", one),
        ("--format", "github", "--select", "ALN,FOC", "."),
        ("--statistics", "okrs/area-000"),
        ("--format", "concise", one, "okrs/area-000/broken.yaml"),
        ("--format", "concise", "missing.yaml"),  # exit 2
        ("--no-such-option", "."),  # a usage error, exit 2
    ]
    statuses = set()
    for args in cases:
        statuses.add(_both(repo, folder, *args)[0])
    assert statuses == {0, 1, 2}
    # Every one of them was answered by the daemon, not run again in the caller's process.
    assert _served(folder) == len(cases)


def test_the_daemon_sees_files_and_rule_packs_changed_between_checks(
    tmp_path: Path, folder: Path
) -> None:
    repo = _repository(tmp_path)
    one = "okrs/area-000/team-00000.yaml"
    _start(folder)
    with_twin = _both(repo, folder, "--format", "concise", one)
    # The neighbour that made the two files one team's goes: whole-repository findings change.
    (repo / "okrs" / "area-000" / "twin.yaml").unlink()
    without_twin = _both(repo, folder, "--format", "concise", one)
    assert with_twin != without_twin
    # A rule pack edited while the daemon runs is read again.
    pack = repo / "pack" / "lexicons"
    pack.mkdir(parents=True)
    (pack / "x.yaml").write_text("name: achieve_verbs\nkind: verbs\nterms: [attain]\n")
    (repo / ".okrlint.yaml").write_text("fail_on: error\nrule_packs: [pack]\n")
    assert _both(repo, folder, "--format", "concise", one)[0] in (0, 1)
    (pack / "x.yaml").write_text("name: x\nkind: adverbs\nterms: [a]\n")
    status, _, err = _both(repo, folder, "--format", "concise", one)
    assert status == 2 and "rule_packs" in err
    assert _served(folder) == 4
    # A file the check writes gets the caller's permissions, not the daemon's.
    (repo / ".okrlint.yaml").write_text("fail_on: error\n")
    written = _okrlint(repo, folder, "check", "-o", "found.txt", one, umask=0o077)
    assert written[0] in (0, 1) and (repo / "found.txt").stat().st_mode & 0o777 == 0o600
    assert _served(folder) == 5


def test_what_the_daemon_cannot_answer_runs_in_the_callers_process(
    tmp_path: Path, folder: Path
) -> None:
    repo = _repository(tmp_path)
    one = "okrs/area-000/team-00000.yaml"
    text = (repo / one).read_text()
    _start(folder)
    # Standard input, --fix and --watch are never handed over.
    stdin = _okrlint(repo, folder, "check", "--format", "concise", "-", stdin=text)
    assert stdin[0] in (0, 1) and "stdin.yaml" in stdin[1]
    _okrlint(repo, folder, "check", "--diff", one)
    assert _served(folder) == 0
    # No daemon answers on a socket left behind by one that was killed: the check runs here.
    _okrlint(Path.cwd(), folder, "daemon", "stop")
    dead = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    dead.bind(str(_socket(folder)))
    dead.close()
    assert _socket(folder).exists()
    _both(repo, folder, "--format", "concise", one)
    # A socket folder others could enter is not trusted: the check runs here.
    _start(folder)
    folder.chmod(0o755)
    try:
        _both(repo, folder, "--format", "concise", one)
    finally:
        folder.chmod(0o700)
    assert _served(folder) == 0


def _socket(folder: Path) -> Path:
    script = "from okrlint.daemon_client import socket_path; print(socket_path())"
    found = subprocess.run(
        [str(Path(OKRLINT).parent / "python3"), "-c", script],
        capture_output=True,
        text=True,
        env=_env(folder),
        check=True,
    ).stdout.strip()
    return Path(found)


def test_a_daemon_whose_code_changed_hands_the_check_back_and_stops(tmp_path: Path) -> None:
    watched = tmp_path / "module.py"
    watched.write_text("x = 1\n")
    listener = daemon.Listener(tmp_path / "s.sock", lambda request: {"status": 0})
    listener.watched = [str(watched)]
    listener.fingerprint = daemon.fingerprint(listener.watched)
    request = {
        "protocol": daemon.PROTOCOL,
        "served_by": served_by(),
        "command": "run",
        "argv": ["okrlint", "check", "--version"],
        "cwd": str(tmp_path),
        "umask": 0o022,
        "env": {},
        "streams": {
            "stdout": {"tty": False, "encoding": "utf-8"},
            "stderr": {"tty": False, "encoding": "utf-8"},
        },
    }
    watched.write_text("x = 22\n")
    answer = listener.answer(json.loads(json.dumps(request)))
    assert "fallback" in answer and "status" not in answer
    assert listener.stopping and listener.served == 0
    # A request of another protocol, or one that is not a check, is handed back too.
    assert "fallback" in listener.answer({**request, "protocol": daemon.PROTOCOL + 1})
    assert "fallback" in listener.answer({**request, "argv": ["okrlint", "init"]})
    assert "fallback" in listener.answer({**request, "served_by": {**served_by(), "prefix": "/"}})
    listener.close()


def test_the_socket_folder_must_be_private(tmp_path: Path) -> None:
    private = tmp_path / "private"
    assert private_folder(str(private), create=True)
    assert oct(private.stat().st_mode & 0o777) == oct(0o700)
    open_folder = tmp_path / "open"
    open_folder.mkdir(mode=0o755)
    open_folder.chmod(0o755)
    assert not private_folder(str(open_folder))
    link = tmp_path / "link"
    os.symlink(private, link)
    assert not private_folder(str(link))


def test_check_daemon_starts_one_for_the_next_checks(tmp_path: Path, folder: Path) -> None:
    repo = _repository(tmp_path)
    one = "okrs/area-000/team-00000.yaml"
    alone = _okrlint(repo, folder, "check", "--today", "2026-05-01", one, OKRLINT_NO_DAEMON="1")
    # No daemon yet: the check runs here, prints what it always prints, and starts one.
    first = _okrlint(repo, folder, "check", "--today", "2026-05-01", "--daemon", one)
    assert first == alone
    deadline = time.monotonic() + 60
    while _okrlint(Path.cwd(), folder, "daemon", "status")[0] != 0:
        assert time.monotonic() < deadline, "no daemon came up"
        time.sleep(0.2)
    assert _served(folder) == 0
    second = _okrlint(repo, folder, "check", "--today", "2026-05-01", "--daemon", one)
    assert second == alone
    assert _served(folder) == 1


def test_check_daemon_starts_none_in_ci_or_when_turned_off(tmp_path: Path, folder: Path) -> None:
    repo = _repository(tmp_path)
    one = "okrs/area-000/team-00000.yaml"
    alone = _okrlint(repo, folder, "check", "--today", "2026-05-01", one, OKRLINT_NO_DAEMON="1")
    for turned_off in ({"CI": "true"}, {"GITHUB_ACTIONS": "true"}, {"OKRLINT_NO_DAEMON": "1"}):
        checked = _okrlint(
            repo, folder, "check", "--today", "2026-05-01", "--daemon", one, **turned_off
        )
        here = {"OKRLINT_NO_DAEMON": "1", **turned_off}
        assert checked == _okrlint(repo, folder, "check", "--today", "2026-05-01", one, **here)
        # A daemon the check started is a process by the time the check has exited.
        assert daemons_of(folder) == [], turned_off
    # Without them, the same check leaves one starting.
    assert _okrlint(repo, folder, "check", "--today", "2026-05-01", "--daemon", one) == alone
    [pid] = daemons_of(folder)
    # One a check started goes after a quarter of an hour without a check, not an hour.
    idle = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")[-2]
    assert float(idle) == daemon.AUTO_IDLE_SECONDS == 900


def test_without_unix_sockets_every_check_runs_in_its_own_process(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from okrlint import daemon_client

    monkeypatch.delattr(socket, "AF_UNIX")
    assert not daemon_client.supported()
    assert daemon_client.reachable() is None
    assert daemon_client.handed_over(["check", "okrs"]) is None
