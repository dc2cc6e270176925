"""Real external tools the integration tests run, installed on first use and shared by tests."""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
from pathlib import Path

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
