"""The integration snippets the README shows, run for real: the GitLab CI job's script and the
Python API example."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from ruamel.yaml import YAML

from samples import TYPO as BAD
from tools import ROOT, clean_env, run


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


def test_the_gitlab_job_logs_findings_and_writes_a_junit_report(repo: Path) -> None:
    job = YAML(typ="safe").load(readme_block("### GitLab CI", "yaml"))["okrlint"]
    assert job["artifacts"]["when"] == "always"
    report = job["artifacts"]["reports"]["junit"]
    env = clean_env(PATH=f"{Path(sys.executable).parent}:{clean_env()['PATH']}")
    statuses = []
    log = ""
    for line in job["script"]:
        if line.startswith("pip install"):
            continue  # okrlint is installed in this test's environment already
        result = run(["bash", "-c", line], cwd=repo, env=env)
        statuses.append(result.returncode)
        log += result.stdout
    # The log shows the finding and does not fail; the report line fails the job.
    assert statuses == [0, 1]
    assert "okrs/growth.yaml:7:9: STR002 [error]" in log
    failures = ET.parse(repo / report).getroot().findall(".//failure")
    assert [f.get("type") for f in failures] == ["STR002"]


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
