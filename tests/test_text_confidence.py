"""Every text finding carries a confidence: the trained judgement's probability, or the rule's
measured confidence from its metadata (one source for the findings, SARIF and the README)."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from okrlint.cli import app
from okrlint.rules.assembly import installed_rules
from okrlint.testing import lint_text
from test_ci_formats import _validate_sarif

RULES = installed_rules().rules
# The text rules without a trained judgement of their own.
MEASURED = (
    "ALN002",
    "CUL001",
    "CUS002",
    "CUS003",
    "MEA002",
    "MEA003",
    "OUT003",
    "SND001",
    "SND002",
    "SND003",
    "SND006",
    "SND007",
    "STR004",
)
README = Path(__file__).parent.parent / "README.md"


def test_the_confidence_is_the_rule_of_succession_over_the_judged_findings() -> None:
    meta = RULES["STR004"].meta
    assert dataclasses.replace(meta, judged=(8, 8)).confidence == 0.9
    assert dataclasses.replace(meta, judged=(3, 4)).confidence == round(4 / 6, 3)
    # Never measured: as likely right as wrong, not certain.
    assert dataclasses.replace(meta, judged=(0, 0)).confidence == 0.5
    assert dataclasses.replace(meta, judged=None).confidence is None


# SND007 reads a file's git history, which a linted text has not; the engine gives its findings
# the rule's confidence as it does every other rule's.
LINTED = tuple(code for code in MEASURED if code != "SND007")


@pytest.mark.parametrize("code", LINTED)
def test_every_finding_of_a_text_rule_carries_its_rules_confidence(code: str) -> None:
    meta = RULES[code].meta
    assert meta.needs_readings and meta.judged is not None
    found = [
        finding
        for example in meta.bad
        for finding in lint_text(example.yaml, select=[code])
        if finding.code == code
    ]
    assert found
    assert {finding.confidence for finding in found} == {meta.confidence}
    assert all(finding.to_dict()["confidence"] == meta.confidence for finding in found)


def test_the_measured_confidence_travels_in_json_and_sarif(tmp_path: Path) -> None:
    path = tmp_path / "growth.yaml"
    path.write_text(RULES["STR004"].meta.bad[0].yaml)
    result = CliRunner().invoke(app, ["check", str(path), "--format", "json"])
    findings = [f for f in json.loads(result.stdout)["findings"] if f["code"] == "STR004"]
    assert findings and all(f["confidence"] == RULES["STR004"].meta.confidence for f in findings)
    sarif = CliRunner().invoke(app, ["check", str(path), "--format", "sarif"])
    document = json.loads(sarif.stdout)
    _validate_sarif(document, tmp_path)
    results = [r for r in document["runs"][0]["results"] if r["ruleId"] == "STR004"]
    assert results
    assert all(r["properties"]["confidence"] == RULES["STR004"].meta.confidence for r in results)


def test_rules_that_judge_no_text_carry_no_confidence() -> None:
    for rule in RULES.values():
        if not rule.meta.needs_readings:
            assert rule.meta.confidence is None, rule.meta.code


def test_the_readme_gives_each_rules_measured_confidence() -> None:
    text = README.read_text(encoding="utf-8")
    for code in MEASURED:
        meta = RULES[code].meta
        assert meta.judged is not None
        right, judged = meta.judged
        row = re.search(rf"^\| {code} \| (\d+) of (\d+) \| ([\d.]+) \|", text, re.MULTILINE)
        assert row, code
        assert (int(row[1]), int(row[2]), float(row[3])) == (right, judged, meta.confidence)
