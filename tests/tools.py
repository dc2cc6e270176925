"""Real external tools the integration tests run, installed on first use and shared by tests."""

from __future__ import annotations

import atexit
import contextlib
import functools
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "tests" / "artifacts"
SARIF_NPM_PACKAGE = "@microsoft/sarif-multitool-linux"


def run(command: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, capture_output=True, text=True, check=False, **kwargs)  # type: ignore[call-overload, no-any-return]


def _ensure_npm() -> str:
    npm = shutil.which("npm")
    if npm is None:
        # The Debian package brings node and npm; the machine is ours and we are root.
        subprocess.run(["apt-get", "update", "-qq"], check=True)
        subprocess.run(["apt-get", "install", "-y", "-qq", "npm"], check=True)
        npm = shutil.which("npm")
    assert npm is not None, "npm is needed to install the SARIF validator"
    return npm


@functools.cache
def sarif_multitool() -> Path:
    """Microsoft's SARIF Multitool package: the official schema and `Sarif.Multitool validate`."""
    prefix = ARTIFACTS / "npm"
    package = prefix / "node_modules" / SARIF_NPM_PACKAGE
    if not (package / "Sarif.Multitool").is_file():
        prefix.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                _ensure_npm(),
                "install",
                "--prefix",
                str(prefix),
                "--no-audit",
                "--no-fund",
                SARIF_NPM_PACKAGE,
            ],
            check=True,
            capture_output=True,
        )
    binary = package / "Sarif.Multitool"
    # npm may not run the package's install script that marks the binary executable.
    binary.chmod(binary.stat().st_mode | 0o111)
    return package


def okrlint_command() -> list[str]:
    return [sys.executable, "-m", "okrlint"]


def clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "OKRLINT_"))}
    env.update(extra)
    return env


def git(cwd: Path, *args: str) -> str:
    result = subprocess.run(
        [
            "git",
            "-c",
            "user.name=okrlint tests",
            "-c",
            "user.email=tests@okrlint.invalid",
            "-c",
            "commit.gpgsign=false",
            *args,
        ],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


@functools.cache
def checkout_snapshot() -> tuple[Path, str]:
    """This checkout as it is on disk (uncommitted changes too), committed to a scratch repo,
    so pre-commit can install it from a path and a revision as it would from GitHub."""
    listed = git(ROOT, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
    target = _scratch_folder("okrlint-snapshot-")
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():
            destination = target / name
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, destination)
    git(target, "init", "-q")
    git(target, "add", "-A")
    git(target, "commit", "-q", "-m", "snapshot")
    return target, git(target, "rev-parse", "HEAD").strip()


@functools.cache
def pre_commit_home() -> Path:
    # Outside the checkout: pre-commit keeps clones of hook repositories here, tests included.
    return _scratch_folder("okrlint-pre-commit-home-")


def _scratch_folder(prefix: str) -> Path:
    """A folder outside the checkout, kept for the whole test run (several tests share it) and
    removed when the run ends: a pre-commit home holds hook environments of some 300 MB."""
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder


def _fill(text: str, inputs: dict[str, str], steps: dict[str, dict[str, str]]) -> str:
    """`${{ inputs.NAME }}` and `${{ steps.ID.outputs.NAME }}` filled in as GitHub would."""
    action = read_action()
    defaults = {name: str(spec.get("default", "")) for name, spec in action["inputs"].items()}
    for name, filled in {**defaults, **inputs}.items():
        text = text.replace("${{ inputs." + name + " }}", filled)
    for step_id, outputs in steps.items():
        for name, filled in outputs.items():
            text = text.replace("${{ steps." + step_id + ".outputs." + name + " }}", filled)
    return text


def action_step_env(
    step: dict[str, object], inputs: dict[str, str], steps: dict[str, dict[str, str]]
) -> dict[str, str]:
    """A step's `env:` with the expressions filled in as GitHub would."""
    env: dict[str, str] = {}
    for key, value in dict(step.get("env") or {}).items():  # type: ignore[call-overload]
        text = _fill(str(value), inputs, steps)
        assert "${{" not in text, f"unfilled expression in {key}: {text}"
        env[key] = text
    return env


def read_action() -> dict[str, Any]:
    from ruamel.yaml import YAML

    data: dict[str, Any] = YAML(typ="safe").load((ROOT / "action.yml").read_text())
    return data


def setup_python_outputs() -> dict[str, str]:
    """What actions/setup-python's step gives the later steps: here, the tests' own Python."""
    version = ".".join(str(part) for part in sys.version_info[:3])
    return {"python-path": sys.executable, "python-version": version}


def run_action_step(
    name: str,
    runner_temp: Path,
    cwd: Path,
    inputs: dict[str, str] | None = None,
    *,
    runner_os: str = "Linux",
    extra_env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run one `run:` step of action.yml with bash, in the environment a GitHub runner gives
    it: the outputs of the steps before it, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, RUNNER_TEMP,
    RUNNER_OS, GITHUB_ACTION_PATH (a snapshot of this checkout) and GITHUB_ACTIONS."""
    snapshot, _ = checkout_snapshot()
    steps = read_action()["runs"]["steps"]
    outputs: dict[str, dict[str, str]] = {"python": setup_python_outputs()}
    result: subprocess.CompletedProcess[str] | None = None
    for step in steps:
        if "run" not in step:
            continue
        if step["name"] != name and step.get("id") != "prepare":
            continue
        output_file = runner_temp / f"github-output-{step.get('id', 'step')}"
        output_file.write_text("")
        env = clean_env(
            GITHUB_ACTIONS="true",
            GITHUB_ACTION_PATH=str(snapshot),
            GITHUB_OUTPUT=str(output_file),
            GITHUB_STEP_SUMMARY=str(runner_temp / "step-summary.md"),
            RUNNER_TEMP=str(runner_temp),
            RUNNER_OS=runner_os,
            **action_step_env(step, inputs or {}, outputs),
            **(extra_env or {}),
        )
        result = run(["bash", "-c", step["run"]], cwd=cwd, env=env)
        if step.get("id"):
            outputs[step["id"]] = read_github_output(output_file)
        if step["name"] == name:
            return result
        assert result.returncode == 0, result.stdout + result.stderr
    raise AssertionError(f"no run step named {name!r} in action.yml")


def read_github_output(path: Path) -> dict[str, str]:
    """`name=value` lines of a GITHUB_OUTPUT file (the one-line form)."""
    pairs = (line.split("=", 1) for line in path.read_text().splitlines() if "=" in line)
    return dict(pairs)


@functools.cache
def action_runner_temp() -> Path:
    """A runner's temp folder after the action's install step: a fresh venv with okrlint
    installed from this checkout, as the action installs it."""
    runner_temp = _scratch_folder("okrlint-runner-temp-")
    result = run_action_step("Install okrlint", runner_temp, runner_temp)
    assert result.returncode == 0, result.stdout + result.stderr
    return runner_temp


@functools.cache
def plugin_venv() -> Path:
    """The action's fresh venv with the example plugin pip-installed into it as well."""
    snapshot, _ = checkout_snapshot()
    venv = action_runner_temp() / "okrlint-venv"
    subprocess.run(
        [
            str(venv / "bin" / "python"),
            "-m",
            "pip",
            "install",
            "-q",
            f"{snapshot / 'examples' / 'plugin'}[test]",
        ],
        check=True,
        capture_output=True,
    )
    return venv


def bench_generator() -> Any:
    """`bench/generate.py`, the seeded generator of synthetic OKR repositories."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("okr_bench_generate", ROOT / "bench/generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def daemons_of(folder: Path) -> list[int]:
    """The okrlint daemons started with `OKRLINT_DAEMON_DIR=folder`, by their processes: one
    that a check started a moment ago is here before its socket is."""
    proc = Path("/proc")
    assert (proc / "self" / "environ").is_file(), "needs Linux's /proc"
    mark = f"OKRLINT_DAEMON_DIR={folder}".encode()
    found = []
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes()
            environment = (entry / "environ").read_bytes().split(b"\0")
        except OSError:
            continue  # gone, or not ours to read
        if b"okrlint.daemon_process" in command and mark in environment:
            found.append(int(entry.name))
    return found


def stop_daemons(folder: Path) -> None:
    """End the daemons a test started in `folder`, and wait until they are gone."""
    for pid in daemons_of(folder):
        with contextlib.suppress(ProcessLookupError):  # it went by itself meanwhile
            os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + 20
    while daemons_of(folder):
        assert time.monotonic() < deadline, "a daemon did not stop"
        time.sleep(0.1)
