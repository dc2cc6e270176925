"""`okrlint check --fix` and `--diff` through the real command line."""

from __future__ import annotations

import json
import stat
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

import okrlint.rules.assembly
from fixing_helpers import make_registry
from okrlint.cli import app

BEFORE = """\
# Growth, first quarter
team: Growth
period: 2026-Q1
objectives:
  - title: Make the first week effortless   # the big one
    key_results:
      - Raise week-1 activation of new teams from 30% to 45%
      - Launch the referral program
      - Cut time to first dashboard from 42 to 15 minutes
"""
AFTER = """\
# Growth, first quarter
team: Growth
period: 2026-Q1
objectives:
  - title: Make the first week effortless   # the big one
    key_results:
      - Raise week-1 activation of new teams from 30% to 45%
      - {id: KR3, title: Cut time to first dashboard from 42 to 15 minutes}
    initiatives:
      - Launch the referral program
"""


@pytest.fixture
def stand_in_output_rule(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(okrlint.rules.assembly, "_INSTALLED", make_registry())


def repo(tmp_path: Path) -> Path:
    (tmp_path / ".okrlint.yaml").write_text("select: [TST001, FOC]\n")
    okrs = tmp_path / "okrs"
    okrs.mkdir()
    (okrs / "growth.yaml").write_text(BEFORE)
    (okrs / "sales.yaml").write_text(BEFORE.replace("Growth", "Sales").replace("\n", "\r\n"))
    (okrs / "growth.yaml").chmod(0o600)
    return okrs


@pytest.mark.usefixtures("stand_in_output_rule")
def test_diff_shows_the_fix_and_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    okrs = repo(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["check", "okrs", "--diff"])
    assert result.exit_code == 1
    assert (okrs / "growth.yaml").read_text() == BEFORE
    assert "--- a/okrs/growth.yaml\n+++ b/okrs/growth.yaml\n" in result.stdout
    assert "--- a/okrs/sales.yaml" in result.stdout
    assert "2 fixes would be applied." in result.stderr
    # The diff is a real patch: git applies it and gets the fixed files.
    (tmp_path / "fixes.patch").write_bytes(result.stdout_bytes)  # .stdout turns CRLF into LF
    applied = subprocess.run(
        ["git", "apply", "--unsafe-paths", "fixes.patch"], cwd=tmp_path, capture_output=True
    )
    assert applied.returncode == 0, applied.stderr
    assert (okrs / "growth.yaml").read_text() == AFTER
    crlf = AFTER.replace("Growth", "Sales").replace("\n", "\r\n").encode()
    assert (okrs / "sales.yaml").read_bytes() == crlf


@pytest.mark.usefixtures("stand_in_output_rule")
def test_fix_writes_the_files_and_reports_what_is_left(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    okrs = repo(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["check", "okrs", "--fix", "--format", "concise"])
    assert result.exit_code == 0, result.output
    assert (okrs / "growth.yaml").read_text() == AFTER
    assert (okrs / "sales.yaml").read_bytes() == AFTER.replace("Growth", "Sales").replace(
        "\n", "\r\n"
    ).encode()
    assert stat.S_IMODE((okrs / "growth.yaml").stat().st_mode) == 0o600
    assert "TST001" not in result.stdout
    assert "Fixed 2 findings in 2 files." in result.stderr
    # A second run has nothing left to fix.
    again = CliRunner().invoke(app, ["check", "okrs", "--diff"])
    assert again.exit_code == 0 and again.stdout == ""


@pytest.mark.usefixtures("stand_in_output_rule")
def test_fix_leaves_what_it_cannot_fix_as_a_finding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    okrs = repo(tmp_path)
    text = BEFORE.replace(
        "- Launch the referral program", "- title: Launch the referral program\n        owner: Lee"
    )
    (okrs / "growth.yaml").write_text(text)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["check", "okrs/growth.yaml", "--fix", "--format", "concise"])
    assert (okrs / "growth.yaml").read_text() == text
    assert "okrs/growth.yaml:8:9: TST001" in result.stdout
    assert "Fixed 0 findings in 0 files." in result.stderr


REAL = """\
team: Growth
period: 2026-Q1
objectives:
  - id: O1
    title: Make the first week effortless for new teams
    key_results:
      - Raise the share of new teams who finish onboarding in week 1 from 32% to 45%
      # the spring campaign
      - Launch the referral program   # marketing asked
  - id: O2
    title: Turn trial teams into paying teams
    key_results: [Raise trial-to-paid conversion of new teams from 8% to 12%, Publish 10 blog posts,
                  Raise the share of trial teams who invite a teammate from 30% to 45%]
    initiatives: [Interview ten trial admins]
"""
REAL_FIXED = """\
team: Growth
period: 2026-Q1
objectives:
  - id: O1
    title: Make the first week effortless for new teams
    key_results:
      - Raise the share of new teams who finish onboarding in week 1 from 32% to 45%
    initiatives:
      # the spring campaign
      - Launch the referral program   # marketing asked
  - id: O2
    title: Turn trial teams into paying teams
    key_results: [Raise trial-to-paid conversion of new teams from 8% to 12%,
                  {id: KR3, title: Raise the share of trial teams who invite a teammate from 30% to 45%}]
    initiatives: [Interview ten trial admins, Publish 10 blog posts]
"""  # noqa: E501 (the fixed line is as long as the fix makes it)


def test_the_output_rules_fix_for_real(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """OUT001 and OUT002 offer the move; after it their findings are gone and FOC003 speaks."""
    okrs = tmp_path / "okrs"
    okrs.mkdir()
    (okrs / "growth.yaml").write_text(REAL)
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    before = runner.invoke(app, ["check", "okrs", "--format", "json", "--select", "OUT,FOC"])
    codes = sorted((f["code"], f["object"]) for f in json.loads(before.stdout)["findings"])
    assert codes == [("OUT001", "O1/KR2"), ("OUT002", "O2/KR2")]
    for finding in json.loads(before.stdout)["findings"]:
        assert finding["fix"]["edits"]
        # A rewrite is suggested only where the text names who would act and how.
        assert "<" not in finding.get("suggestion", "")
    result = runner.invoke(
        app, ["check", "okrs", "--fix", "--format", "json", "--select", "OUT,FOC"]
    )
    assert (okrs / "growth.yaml").read_text() == REAL_FIXED
    after = sorted((f["code"], f["object"]) for f in json.loads(result.stdout)["findings"])
    assert after == [("FOC003", "O1")]


def test_fix_never_leaves_an_objective_without_key_results(tmp_path: Path) -> None:
    import jsonschema
    from ruamel.yaml import YAML

    from okrlint.model import json_schema

    outputs_only = (
        "team: Growth\nperiod: 2026-Q1\nobjectives:\n"
        "  - title: Make the first week effortless\n"
        "    key_results:\n"
        "      - Launch the referral program\n"
        "      - Ship the new onboarding wizard\n"
        "  - title: Win the mid-market\n"
        "    key_results:\n"
        "      - Launch the partner portal\n"
    )
    okr = tmp_path / "growth.yaml"
    okr.write_text(outputs_only)
    result = CliRunner().invoke(app, ["check", "--fix", "--format", "json", str(okr)])
    fixed = okr.read_text()
    data = YAML(typ="safe").load(fixed)
    # One output of the first objective moved; the last key result of each stays for a person.
    assert [len(o["key_results"]) for o in data["objectives"]] == [1, 1]
    assert data["objectives"][0]["initiatives"] == ["Launch the referral program"]
    assert list(jsonschema.Draft202012Validator(json_schema()).iter_errors(data)) == []
    # Linting the result finds no error, and still the two outputs left in place.
    findings = json.loads(result.stdout)["findings"]
    assert not [f for f in findings if f["severity"] == "error"]
    assert sorted(f["text"] for f in findings if f["code"] == "OUT001") == [
        "Launch the partner portal",
        "Ship the new onboarding wizard",
    ]
