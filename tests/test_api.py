"""The Python API: `okrlint.lint_paths(paths, config=None) -> Report`, as the README shows it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import okrlint
from okrlint.errors import ConfigError

THIN = """\
team: Growth
period: 2026-Q1
objectives:
  - title: Make the first week effortless  # okrlint: disable=MEA001 -- pilot
    key_results:
      - Improve onboarding
"""


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "okrs").mkdir()
    (tmp_path / "okrs" / "growth.yaml").write_text(THIN)
    (tmp_path / "okrs" / "ci.yaml").write_text("stages: [test]\n")
    # The rules these tests are about; others (customer metrics, wording) have their own tests.
    (tmp_path / ".okrlint.yaml").write_text("select: [FOC, MEA, SUP]\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_lint_paths_returns_a_report(repo: Path) -> None:
    report = okrlint.lint_paths(["okrs"])
    assert isinstance(report, okrlint.Report)
    assert [(f.path, f.line, f.code) for f in report.findings] == [
        ("okrs/growth.yaml", 4, "FOC003")
    ]
    finding = report.findings[0]
    assert isinstance(finding, okrlint.Finding)
    assert finding.to_dict()["object"] == "O1"
    assert (report.counts.files, report.counts.skipped_files) == (1, 1)
    assert report.suppressions_used == (1, 0)
    assert not report.fails(okrlint.findings.Severity.ERROR)


def test_config_as_a_mapping_or_a_file(repo: Path) -> None:
    report = okrlint.lint_paths(
        [repo / "okrs"], config={"select": ["FOC", "MEA"], "ignore": ["FOC"], "fail_on": "info"}
    )
    assert [f.code for f in report.findings] == []
    (repo / "strict.yaml").write_text("rules:\n  FOC003: {min: 1}\nselect: [FOC, SUP]\n")
    report = okrlint.lint_paths(["okrs/growth.yaml"], config="strict.yaml")
    # MEA001 is not selected, so its suppression has nothing to do and is not called unused.
    assert report.findings == []
    with pytest.raises(ConfigError, match="unknown key 'selct'"):
        okrlint.lint_paths(["okrs"], config={"selct": ["FOC"]})


def test_importing_okrlint_is_cheap() -> None:
    code = "import sys, okrlint; print('okrlint.pipeline.run' in sys.modules, okrlint.__version__)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", okrlint.__version__]
