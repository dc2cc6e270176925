"""The Python API example of the README, run for real (the CI snippets: tests/test_release.py)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from samples import TYPO as BAD
from tools import ROOT


def readme_block(heading: str, language: str) -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n" + heading + "\n", 1)[1]
    match = re.match(rf"[^`]*```{language}\n(.*?)```", section, flags=re.DOTALL)
    assert match, f"no {language} block under {heading}"
    return match.group(1)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / "okrs").mkdir()
    (tmp_path / "okrs" / "growth.yaml").write_text(BAD)
    return tmp_path


def test_the_python_api_example_runs(repo: Path) -> None:
    code = readme_block("## Python API", "python")
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=repo, capture_output=True, text=True, check=False
    )
    assert result.returncode == 1, result.stderr
    # The set is judged despite its typo: the typo is one of its findings.
    assert "\nokrs/growth.yaml 7 STR002 unknown key 'taget'" in "\n" + result.stdout
    (repo / "okrs" / "growth.yaml").write_text(BAD.replace("taget", "target"))
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=repo, capture_output=True, text=True, check=False
    )
    # The example fails on warnings, so the single key result (FOC003) fails it.
    assert result.returncode == 1
    assert "FOC003" in result.stdout
