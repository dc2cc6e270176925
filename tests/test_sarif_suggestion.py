"""A suggestion travels in SARIF as a fix a person may choose, valid against the SARIF schema."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from okrlint.cli import app
from test_ci_formats import _validate_sarif

OKRS = """\
team: Growth
period: 2026-Q1
objectives:
  - title: Make the first week effortless for new teams
    key_results:
      - Raise the share of new teams who finish onboarding in week 1 from 32% to 45%
      - Launch the referral program
"""


def test_the_suggestion_and_the_move_are_both_sarif_fixes(tmp_path: Path) -> None:
    (tmp_path / "growth.yaml").write_text(OKRS)
    result = CliRunner().invoke(
        app, ["check", str(tmp_path / "growth.yaml"), "--format", "sarif", "--select", "OUT001"]
    )
    document = json.loads(result.stdout)
    _validate_sarif(document, tmp_path)
    [finding] = document["runs"][0]["results"]
    move, rewrite = finding["fixes"]
    assert move["description"]["text"].startswith("move the key result 'Launch the referral")
    suggestion = "Increase the share of <who> who <refer ...> from <baseline> to <target>"
    assert rewrite["description"]["text"].endswith(suggestion)
    [replacement] = rewrite["artifactChanges"][0]["replacements"]
    assert replacement["insertedContent"]["text"] == suggestion
    assert replacement["deletedRegion"] == {
        "startLine": 7,
        "startColumn": 9,
        "endLine": 7,
        "endColumn": 36,
    }
    assert finding["properties"]["suggestion"] == suggestion
