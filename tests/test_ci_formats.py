"""CI gates: --format github, sarif (checked with the official schema and Microsoft's
validator) and junit, each produced by the real command line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import jsonschema
import pytest

from okrlint.findings import Edit, Finding, Fix, Report, Severity
from okrlint.output.sarif import render_sarif
from okrlint.rules.assembly import installed_rules
from samples import ONLY_TYPO as BAD
from tools import clean_env, okrlint_command, run, sarif_multitool

THIN = """\
team: Sales
period: 2026-Q1
objectives:
  - title: Win the mid-market, coast to coast
    key_results:
      - Raise the mid-market win rate from 18% to 25%
"""


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / "okrs").mkdir()
    (tmp_path / "okrs" / "growth.yaml").write_text(BAD)
    (tmp_path / "okrs" / "asales.yaml").write_text(THIN)
    return tmp_path


def check(repo: Path, *args: str, **env: str) -> tuple[int, str]:
    result = run([*okrlint_command(), "check", "okrs", *args], cwd=repo, env=clean_env(**env))
    assert "Traceback" not in result.stderr, result.stderr
    return result.returncode, result.stdout


def test_github_format_writes_workflow_commands(repo: Path) -> None:
    status, out = check(repo, "--format", "github")
    assert status == 1
    lines = out.splitlines()
    assert lines[1].startswith(
        "::error file=okrs/growth.yaml,line=7,endLine=7,col=9,endColumn=18,"
        "title=STR002 invalid-okr::unknown key 'taget'; did you mean 'target'?"
    )
    assert lines[0].startswith(
        "::warning file=okrs/asales.yaml,line=4,endLine=6,col=5,endColumn=54,"
        "title=FOC003 too-few-key-results::"
    )
    assert lines[-1].startswith("Found 2 findings")


def test_github_format_is_the_default_under_github_actions(repo: Path) -> None:
    _, auto = check(repo, GITHUB_ACTIONS="true")
    _, plain = check(repo)
    assert auto.startswith("::warning file=okrs/asales.yaml")
    assert plain.startswith("okrs/asales.yaml:4:5: FOC003")
    # An explicit format still wins.
    _, chosen = check(repo, "--format", "concise", GITHUB_ACTIONS="true")
    assert chosen == plain


def _validate_sarif(document: dict[str, Any], tmp_path: Path) -> None:
    package = sarif_multitool()
    schema = json.loads((package / "sarif-2.1.0.json").read_text(encoding="utf-8-sig"))
    jsonschema.validators.validator_for(schema)(schema).validate(document)
    log = tmp_path / "input.sarif"
    log.write_text(json.dumps(document))
    verdict = tmp_path / "validation.sarif"
    result = run(
        [
            str(package / "Sarif.Multitool"),
            "validate",
            str(log),
            "--json-schema",
            str(package / "sarif-2.1.0.json"),
            "--output",
            str(verdict),
            "--log",
            "ForceOverwrite",
        ]
    )
    assert result.returncode == 0, result.stdout + result.stderr
    problems = json.loads(verdict.read_text(encoding="utf-8-sig"))["runs"][0]["results"]
    assert problems == [], result.stdout


def test_sarif_is_valid_and_carries_rule_help(repo: Path, tmp_path: Path) -> None:
    status, out = check(repo, "--format", "sarif")
    assert status == 1
    document = json.loads(out)
    _validate_sarif(document, tmp_path)
    run_ = document["runs"][0]
    rules = run_["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == [r.meta.code for r in installed_rules().sorted()]
    str002 = next(r for r in rules if r["id"] == "STR002")
    assert str002["shortDescription"]["text"] == installed_rules().rules["STR002"].meta.summary
    assert "Typos must not pass silently" in str002["help"]["text"]
    assert "```yaml" in str002["help"]["markdown"]
    assert str002["defaultConfiguration"]["level"] == "error"
    results = {r["ruleId"]: r for r in run_["results"]}
    location = results["STR002"]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "okrs/growth.yaml", "uriBaseId": "%SRCROOT%"}
    assert location["region"] == {"startLine": 7, "startColumn": 9, "endLine": 7, "endColumn": 18}
    assert rules[results["STR002"]["ruleIndex"]]["id"] == "STR002"
    assert results["FOC003"]["level"] == "warning"


def test_sarif_with_a_fix_and_a_suggestion_is_valid(tmp_path: Path) -> None:
    finding = Finding(
        path="okrs/a b.yaml",
        line=3,
        column=5,
        end_line=3,
        end_column=20,
        code="FOC003",
        name="too-few-key-results",
        severity=Severity.INFO,
        message="one key result",
        object="O1",
        text="Grow",
        fix=Fix("move the key result", (Edit(10, 20, "x"), Edit(30, 30, "y\n"))),
        suggestion="add a second key result",
    )
    no_edit = Finding(**_fields(finding, fix=Fix("explain")))
    document = json.loads(render_sarif(Report([finding, no_edit])))
    _validate_sarif(document, tmp_path)
    first, second = document["runs"][0]["results"]
    assert first["level"] == "note"
    assert first["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "okrs/a%20b.yaml"
    change = first["fixes"][0]["artifactChanges"][0]
    assert first["fixes"][0]["description"]["text"] == "move the key result"
    assert change["replacements"][0] == {
        "deletedRegion": {"charOffset": 10, "charLength": 10},
        "insertedContent": {"text": "x"},
    }
    assert first["properties"]["suggestion"] == "add a second key result"
    assert "fixes" not in second and second["properties"]["fix"] == "explain"


def _fields(finding: Finding, **changes: Any) -> dict[str, Any]:
    values = {name: getattr(finding, name) for name in Finding.__dataclass_fields__}
    values.update(changes)
    return values


def test_junit_makes_every_finding_a_failed_case(repo: Path) -> None:
    status, out = check(repo, "--format", "junit")
    assert status == 1
    root = ET.fromstring(out)
    assert root.tag == "testsuites" and root.get("tests") == "2" and root.get("failures") == "2"
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == ["okrs/asales.yaml", "okrs/growth.yaml"]
    failure = suites[1].findall("testcase")[0].find("failure")
    assert failure is not None and failure.get("type") == "STR002"
    assert "okrs/growth.yaml:7:9: STR002 [error]" in (failure.text or "")
    # A warning below --fail-on does not fail the job, but it is a failed case in the test
    # tab, where reviewers look; its message says it is a warning.
    warning = suites[0].findall("testcase")[0].find("failure")
    assert warning is not None and warning.get("type") == "FOC003"
    assert (warning.get("message") or "").startswith("[warning] ")


def test_gitlab_code_quality_report(repo: Path) -> None:
    status, out = check(repo, "--format", "gitlab")
    assert status == 1
    issues = json.loads(out)
    assert [(i["check_name"], i["severity"]) for i in issues] == [
        ("FOC003", "minor"),
        ("STR002", "major"),
    ]
    issue = issues[1]
    assert issue["location"] == {"path": "okrs/growth.yaml", "lines": {"begin": 7, "end": 7}}
    assert issue["description"].startswith("STR002 invalid-okr: unknown key 'taget'")
    assert all(len(i["fingerprint"]) == 64 for i in issues)
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    # Fingerprints survive lines moving (GitLab compares them across branches) ...
    growth = repo / "okrs" / "growth.yaml"
    growth.write_text("# a comment line that moves every finding down\n" + growth.read_text())
    _, moved = check(repo, "--format", "gitlab")
    moved_issues = json.loads(moved)
    assert moved_issues[1]["location"]["lines"]["begin"] == 8
    assert [i["fingerprint"] for i in moved_issues] == [i["fingerprint"] for i in issues]
    # ... and change when the finding is about something else.
    growth.write_text(growth.read_text().replace("team: Growth", "team: Growth2", 1))
    (repo / "okrs" / "asales.yaml").rename(repo / "okrs" / "bsales.yaml")
    _, renamed = check(repo, "--format", "gitlab")
    assert json.loads(renamed)[0]["fingerprint"] != issues[0]["fingerprint"]


def test_junit_of_a_clean_run_is_one_passing_case(tmp_path: Path) -> None:
    (tmp_path / "okrs").mkdir()
    (tmp_path / "okrs" / "ci.yaml").write_text("stages: [test]\n")
    status, out = check(tmp_path, "--format", "junit")
    assert status == 0
    root = ET.fromstring(out)
    assert root.get("tests") == "1" and root.get("failures") == "0"
