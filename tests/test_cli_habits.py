"""Command-line habits users bring from ruff and yamllint: standard input, --output-file,
--color, `.okrlint.yml`, a progress line on a terminal only, and --watch; each through the real
command line in its own process."""

from __future__ import annotations

import os
import pty
import select
import signal
import subprocess
import time
from pathlib import Path

import pytest

from samples import GOOD
from samples import ONLY_TYPO as BAD
from tools import bench_generator, clean_env, okrlint_command

# One key result: FOC003, a warning.
THIN = GOOD.replace(
    "      - Cut the share of new teams that cancel in week 2 from 18% to 12%\n", ""
)
assert THIN != GOOD


def okrlint(
    cwd: Path, *args: str, stdin: str | None = None, **env: str
) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [*okrlint_command(), *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
        env=clean_env(**env),
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result


def test_standard_input_is_linted_as_the_file_it_stands_for(tmp_path: Path) -> None:
    (tmp_path / "okrs").mkdir()
    # The config next to the named path applies, although the file does not exist.
    (tmp_path / "okrs" / ".okrlint.yaml").write_text("ignore: [FOC003]\n")
    result = okrlint(tmp_path, "check", "-", "--stdin-filename", "okrs/growth.yaml", stdin=BAD)
    assert result.returncode == 1
    assert result.stdout.startswith("okrs/growth.yaml:7:9: STR002 [error] unknown key 'taget'")
    thin = okrlint(tmp_path, "check", "-", "--stdin-filename", "okrs/thin.yaml", stdin=THIN)
    assert thin.returncode == 0 and thin.stdout == "No findings in 1 OKR file.\n"
    # Without the config's folder, FOC003 is reported.
    elsewhere = okrlint(tmp_path, "check", "-", "--stdin-filename", "thin.yaml", stdin=THIN)
    assert "thin.yaml:4:5: FOC003 [warning]" in elsewhere.stdout
    # Text that is not OKRs is skipped, as a file would be.
    other = okrlint(tmp_path, "check", "-", stdin="services: {web: {image: nginx}}\n")
    assert other.returncode == 0 and "1 other YAML skipped" in other.stdout
    for args in (["-", "okrs"], ["-", "--fix"], ["okrs", "--stdin-filename", "x.yaml"]):
        refused = okrlint(tmp_path, "check", *args, stdin=THIN)
        assert refused.returncode == 2 and "okrlint: error:" in refused.stderr


def test_output_file_takes_what_stdout_would_get(tmp_path: Path) -> None:
    (tmp_path / "growth.yaml").write_text(BAD)
    printed = okrlint(tmp_path, "check", "--format", "json", ".")
    written = okrlint(tmp_path, "check", "--format", "json", "--output-file", "out.json", ".")
    assert written.returncode == printed.returncode == 1
    assert written.stdout == ""
    assert (tmp_path / "out.json").read_text() == printed.stdout
    failed = okrlint(tmp_path, "check", "--output-file", "missing/out.txt", ".")
    assert failed.returncode == 2 and "cannot write missing/out.txt" in failed.stderr


def test_color_is_chosen_by_the_option(tmp_path: Path) -> None:
    (tmp_path / "growth.yaml").write_text(BAD)
    always = okrlint(tmp_path, "check", "--format", "rich", "--color", "always", ".")
    never = okrlint(tmp_path, "check", "--format", "rich", "--color", "never", ".", FORCE_COLOR="1")
    auto = okrlint(tmp_path, "check", "--format", "rich", ".")  # not a terminal
    assert "\x1b[" in always.stdout
    assert "\x1b[" not in never.stdout and "\x1b[" not in auto.stdout
    assert "STR002" in never.stdout
    bad = okrlint(tmp_path, "check", "--color", "sometimes", ".")
    assert bad.returncode == 2


def test_dot_okrlint_yml_is_found_like_yaml(tmp_path: Path) -> None:
    (tmp_path / "okrs").mkdir()
    (tmp_path / "okrs" / "thin.yaml").write_text(THIN)
    assert "FOC003" in okrlint(tmp_path, "check", "okrs").stdout
    (tmp_path / ".okrlint.yml").write_text("ignore: [FOC003]\n")
    assert okrlint(tmp_path, "check", "okrs").stdout == "No findings in 1 OKR file.\n"
    # `.okrlint.yaml` wins when a folder has both.
    (tmp_path / ".okrlint.yaml").write_text("ignore: [STR]\n")
    assert "FOC003" in okrlint(tmp_path, "check", "okrs").stdout


def _run_on_a_terminal(cwd: Path, args: list[str], **env: str) -> tuple[int, str, str]:
    """Run okrlint with standard error on a pseudo-terminal, as a person at a terminal has it
    (standard output is a file, as when findings are kept)."""
    controller, terminal = pty.openpty()
    stdout_file = cwd / "stdout.txt"
    with stdout_file.open("wb") as stdout_stream:
        process = subprocess.Popen(
            [*okrlint_command(), *args],
            cwd=cwd,
            stdout=stdout_stream,
            stderr=terminal,
            stdin=subprocess.DEVNULL,
            env=clean_env(**env),
        )
    os.close(terminal)
    seen = b""
    while True:
        try:
            chunk = os.read(controller, 4096)
        except OSError:  # the terminal closed: the process has ended
            break
        if not chunk:
            break
        seen += chunk
    os.close(controller)
    status = process.wait()
    return status, stdout_file.read_text(), seen.decode()


def test_progress_shows_on_a_terminal_only(tmp_path: Path) -> None:
    repo = tmp_path / "okrs"
    bench_generator().generate(repo, 60, 3, 3, 11)
    # Progress shows once a run has taken OKRLINT_PROGRESS_DELAY seconds (default 1): 0 here,
    # so that the test does not depend on how fast this machine is.
    now = {"OKRLINT_PROGRESS_DELAY": "0", "CI": ""}
    status, stdout, terminal = _run_on_a_terminal(tmp_path, ["check", "okrs", "--exit-zero"], **now)
    assert status == 0
    assert "okrlint: checked" in terminal and "/60 files" in terminal
    assert "okrlint: checked" not in stdout and "in 60 OKR files" in stdout
    # In CI, and when standard error is a pipe or a file, no progress is written.
    status, _, terminal = _run_on_a_terminal(
        tmp_path, ["check", "okrs", "--exit-zero"], **{**now, "CI": "true"}
    )
    assert status == 0 and "okrlint: checked" not in terminal
    piped = okrlint(tmp_path, "check", "okrs", "--exit-zero", **now)
    assert "okrlint: checked" not in piped.stderr


def _ctrl_c_reaches_it() -> None:
    """Ctrl-C as at a terminal: a suite started in the background (as CI jobs may be) passes on
    an ignored SIGINT, and a program that starts with SIGINT ignored rightly keeps ignoring it."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_watch_lints_again_when_a_file_is_saved(tmp_path: Path) -> None:
    (tmp_path / "okrs").mkdir()
    okr = tmp_path / "okrs" / "growth.yaml"
    okr.write_text(GOOD)
    process = subprocess.Popen(
        [*okrlint_command(), "check", "okrs", "--watch", "--format", "concise"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=clean_env(),
        preexec_fn=_ctrl_c_reaches_it,
    )
    assert process.stdout is not None and process.stderr is not None
    try:
        assert process.stdout.readline() == "No findings in 1 OKR file.\n"
        assert "watching" in process.stderr.readline()
        time.sleep(0.3)  # let the watcher settle before the save
        okr.write_text(BAD)
        assert "changed; linting again" in process.stderr.readline()
        assert process.stdout.readline().startswith("okrs/growth.yaml:7:9: STR002 [error]")
        assert process.stdout.readline().startswith("Found 1 finding")
        assert "exit status 1" in process.stderr.readline()
        # A file that is not YAML does not start a run.
        (tmp_path / "okrs" / "notes.txt").write_text("x")
        okr.write_text(GOOD)
        assert "growth.yaml changed; linting again" in process.stderr.readline()
        assert process.stdout.readline() == "No findings in 1 OKR file.\n"
        assert "exit status 0" in process.stderr.readline()
    finally:
        process.send_signal(signal.SIGINT)
        try:
            status = process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            pytest.fail(f"--watch went on after Ctrl-C; it wrote:\n{process.stderr.read()}")
    assert status == 0, process.stderr.read()
    assert "stopped watching" in process.stderr.read()


def test_ctrl_c_during_a_watched_run_stops_watching(tmp_path: Path) -> None:
    repo = tmp_path / "okrs"
    bench_generator().generate(repo, 200, 3, 3, 11)
    controller, terminal = pty.openpty()
    process = subprocess.Popen(
        [*okrlint_command(), "check", "okrs", "--watch", "--no-cache", "--jobs", "1"],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=terminal,
        stdin=subprocess.DEVNULL,
        env=clean_env(OKRLINT_PROGRESS_DELAY="0"),
        preexec_fn=_ctrl_c_reaches_it,
    )
    os.close(terminal)
    seen = b""
    interrupted_at = None
    # Read the terminal until it closes (the process has ended), so that the process never
    # waits on a full terminal; Ctrl-C once the progress line shows the first run under way.
    while True:
        if interrupted_at is None and b"okrlint: checked" in seen:
            process.send_signal(signal.SIGINT)
            interrupted_at = time.monotonic()
        if interrupted_at is not None and time.monotonic() - interrupted_at > 20:
            process.kill()
            os.close(controller)
            pytest.fail(f"--watch went on after Ctrl-C during a run; it wrote:\n{seen.decode()}")
        if not select.select([controller], [], [], 0.5)[0]:
            continue
        try:
            chunk = os.read(controller, 4096)
        except OSError:  # the terminal closed
            break
        if not chunk:
            break
        seen += chunk
    os.close(controller)
    status = process.wait(timeout=20)
    assert interrupted_at is not None, seen.decode()
    assert status == 0, seen.decode()
    assert "stopped watching" in seen.decode()
    assert "Traceback" not in seen.decode()
