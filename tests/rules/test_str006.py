"""STR006: what its metadata examples do not cover."""

from __future__ import annotations

import json
from pathlib import Path

from rule_helpers import HEAD, kr_set
from typer.testing import CliRunner

from okrlint.cli import app
from okrlint.testing import lint_text


def test_a_cut_title_gets_this_finding_and_no_judgement_of_what_is_left() -> None:
    text = kr_set("Stay #2 in the app store ranking", "Raise trial conversion from 8% to 11%")
    found = [(f.code, f.line) for f in lint_text(text) if f.line == 6]
    # 'Stay' alone would be a hold-the-line target with no number: neither is reported.
    assert found == [("STR006", 6)]


def test_an_objective_title_is_read_the_same_way() -> None:
    text = HEAD + (
        "  - title: Become #1 for independent clinics\n"
        "    key_results:\n"
        "      - Clinics booking through us weekly from 40 to 90\n"
    )
    [finding] = [f for f in lint_text(text) if f.code == "STR006"]
    assert finding.line == 4
    assert "so the title is 'Become'" in finding.message
    assert '"Become #1 for independent clinics"' in finding.message


def test_quoted_titles_and_comments_of_their_own_are_left_alone() -> None:
    text = kr_set(
        '"Be #1 in G2 for mid-market"',
        "'Rank #3 or better on the review site'",
        "Raise NPS from 30 to 40  # stretch: 45",
        "Raise weekly active teams from 200 to 260 #okrlint-reviewed",
    )
    assert [f for f in lint_text(text) if f.code == "STR006"] == []


def test_a_hash_in_markdown_is_text_not_a_comment(tmp_path: Path) -> None:
    okrs = tmp_path / "growth.md"
    okrs.write_text(
        "# Growth team OKRs, Q1 2026\n\n"
        "1. **OBJECTIVE: Win the mid-market**\n"
        "   - KR: Be #1 in G2 for mid-market\n"
        "   - KR: Raise the mid-market win rate from 18% to 25%\n"
    )
    result = CliRunner().invoke(
        app, ["check", str(okrs), "--format", "json", "--no-cache", "--today", "2026-02-01"]
    )
    assert "Traceback" not in result.output
    report = json.loads(result.stdout)
    assert report["summary"]["key_results"] == 2  # read as OKRs, the "#1" kept in the title
    assert "STR006" not in {f["code"] for f in report["findings"]}
