"""SND002: what its metadata examples do not cover."""

from __future__ import annotations

import datetime as dt

import pytest
from rule_helpers import D, codes, key_result_with, lint_rule


@pytest.mark.parametrize(
    ("fields", "today", "line"),
    [
        ("baseline: 45\ntarget: 45\ndirection: increase", D(2026, 2, 1), 8),  # at the target
        ("baseline: 44.9\ntarget: 45\ndirection: increase", D(2026, 2, 1), None),
        ("baseline: 15\ntarget: 15\ndirection: decrease", D(2026, 2, 1), 8),
        ("baseline: 45\ntarget: 45", D(2026, 2, 1), None),  # inferred: maintain
        ("baseline: 32\ntarget: 45\ncurrent: 45", D(2026, 2, 1), 10),
        # Half the quarter (45 of 90 days) is still early; one day later is not.
        ("baseline: 32\ntarget: 45\ncurrent: 45", D(2026, 2, 14), 10),
        ("baseline: 32\ntarget: 45\ncurrent: 45", D(2026, 2, 15), None),
        ("baseline: 42\ntarget: 15\ncurrent: 15", D(2026, 1, 5), 10),
        ("baseline: 42\ntarget: 15\ncurrent: 16", D(2026, 1, 5), None),
        ("target: 45\ncurrent: 50", D(2026, 1, 5), None),  # direction unknown
        ("baseline: 32\ncurrent: 50", D(2026, 1, 5), None),  # no target
    ],
)
def test_target_already_met_boundaries(fields: str, today: dt.date, line: int | None) -> None:
    findings = lint_rule(key_result_with(fields), "SND002", today)
    assert [f.line for f in findings] == ([line] if line else [])


def test_target_already_met_in_a_future_period_and_by_a_checkin() -> None:
    planned = key_result_with("baseline: 32\ntarget: 45\ncurrent: 46", period="2026-Q2")
    assert codes(lint_rule(planned, "SND002", D(2026, 3, 20))) == ["SND002"]
    late = key_result_with(
        "baseline: 32\ntarget: 45\ncheckins:\n  - {date: 2026-01-10, value: 40}\n"
        "  - {date: 2026-03-25, value: 45}"
    )
    assert lint_rule(late, "SND002", D(2026, 3, 28)) == []
    [finding] = lint_rule(late, "SND002", D(2026, 3, 28), early=0.95)
    assert "on 2026-03-25" in finding.message
