"""A suggested rewrite travels in SARIF as advice in the result's properties, never as a fix a
viewer could apply; the move to `initiatives:` stays a fix. Valid against the SARIF schema."""

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
      - Roll out the mobile app to all users, from 20% to 35% of them
"""


def test_the_suggestion_is_advice_and_only_the_move_is_a_sarif_fix(tmp_path: Path) -> None:
    (tmp_path / "growth.yaml").write_text(OKRS)
    result = CliRunner().invoke(
        app, ["check", str(tmp_path / "growth.yaml"), "--format", "sarif", "--select", "OUT001"]
    )
    document = json.loads(result.stdout)
    _validate_sarif(document, tmp_path)
    [finding] = document["runs"][0]["results"]
    [move] = finding["fixes"]
    assert move["description"]["text"].startswith("move the key result 'Roll out the mobile")
    suggestion = "Increase the share of users who use the mobile app from 20% to 35%"
    assert finding["properties"]["suggestion"] == suggestion
    inserted = [
        replacement["insertedContent"]["text"]
        for change in move["artifactChanges"]
        for replacement in change["replacements"]
    ]
    assert all(suggestion not in text for text in inserted)
