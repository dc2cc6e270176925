"""SND001: what its metadata examples do not cover."""

from __future__ import annotations

import pytest
from rule_helpers import codes, key_result_with, lint_rule


def _said(team: str, sentence: str) -> str:
    return (
        f"team: {team}\nperiod: 2026-Q1\nobjectives:\n  - title: Grow\n    key_results:\n"
        f"      - {sentence}\n"
    )


def test_timid_target_message_shows_the_numbers_and_options_apply() -> None:
    [finding] = lint_rule(key_result_with("baseline: 5\ntarget: 4.8\nunit: '%'"), "SND001")
    assert (
        "the target 4.8% is only 0.2 percentage points (4%) below the baseline 5%"
        in finding.message
    )
    assert "at least 5%" in finding.message
    assert lint_rule(key_result_with("baseline: 5\ntarget: 4.8"), "SND001", aspirational=0.04) == []


def test_timid_targets_are_read_from_the_sentence_unless_told_not_to() -> None:
    text = _said("Sales", "Raise the mid-market win rate from 16% to 16.5%")
    [finding] = lint_rule(text, "SND001")
    assert (
        "the target 16.5% is only 0.5 percentage points (3.12%) above the baseline 16%"
        in finding.message
    )
    assert lint_rule(text, "SND001", from_text=False) == []


@pytest.mark.parametrize(
    ("fields", "kind", "flagged"),
    [
        ("baseline: 50\ntarget: 52.5", "aspirational", False),  # exactly 5%
        ("baseline: 50\ntarget: 52.4", "aspirational", True),
        ("baseline: 100\ntarget: 103", "committed", False),  # exactly 3%
        ("baseline: 100\ntarget: 102.9", "committed", True),
        ("baseline: 5\ntarget: 4.8\nunit: '%'", "aspirational", True),  # reduce by 4%
        ("baseline: 5\ntarget: 4.5\nunit: '%'", "aspirational", False),  # reduce by 10%
        ("baseline: 5\ntarget: 4.8\ndirection: decrease", "committed", False),
        ("baseline: 0\ntarget: 1", "aspirational", False),  # no relative change from zero
        ("baseline: -20\ntarget: -19", "aspirational", False),  # 5% of |-20|
        ("baseline: -20\ntarget: -19.5", "aspirational", True),
        ("baseline: 95\ntarget: 99\nunit: '%'", "aspirational", False),  # 80% fewer failures
        ("baseline: 95\ntarget: 96\nunit: '%'", "aspirational", True),  # 20% fewer failures
        ("baseline: 95\ntarget: 96\nunit: '%'", "committed", False),  # committed asks 10%
        ("baseline: 80\ntarget: 83\nunit: '%'", "aspirational", False),  # 15% of the room
        ("baseline: 80\ntarget: 82\nunit: '%'", "aspirational", False),  # 10% of the room
        ("baseline: 80\ntarget: 80.5\nunit: '%'", "aspirational", True),
        ("baseline: 95\ntarget: 99", "aspirational", True),  # not a percentage: 4.2%
        ("baseline: 50", "aspirational", False),  # no target
        ("target: 55", "aspirational", False),  # no baseline
        ("baseline: 50\ntarget: 50", "aspirational", False),  # no change: SND002's
        ("baseline: 50\ntarget: 51\ndirection: decrease", "aspirational", False),  # wrong way
        ("baseline: 50\ntarget: 51\ndirection: maintain", "aspirational", False),
    ],
)
def test_timid_target_boundaries(fields: str, kind: str, flagged: bool) -> None:
    assert codes(lint_rule(key_result_with(fields, kind), "SND001")) == (
        ["SND001"] if flagged else []
    )


def test_values_written_with_a_percent_sign_are_read_as_percentages() -> None:
    # 99.1% -> 99.7% removes two thirds of the failures: ambitious, whether the unit is a field
    # or written on the values.
    for fields in (
        "baseline: 99.1%\ntarget: 99.7%",
        "baseline: 99.1\ntarget: 99.7\nunit: '%'",
    ):
        assert lint_rule(key_result_with(fields), "SND001") == []
    # Without a percent sign anywhere, the same figures are a 0.6% rise of a count.
    [finding] = lint_rule(key_result_with("baseline: 99.1\ntarget: 99.7"), "SND001")
    assert "0.605%" in finding.message
