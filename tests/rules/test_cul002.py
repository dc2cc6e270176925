"""CUL002: what its metadata examples do not cover."""

from __future__ import annotations

import datetime as dt

import pytest
from rule_helpers import D, codes, key_result_with, lint_rule


@pytest.mark.parametrize(
    ("fields", "today", "flagged"),
    [
        ("checkins:\n  - {date: 2026-02-01, value: 1}", D(2026, 2, 15), False),  # 14 days
        ("checkins:\n  - {date: 2026-02-01, value: 1}", D(2026, 2, 16), True),  # 15 days
        # A check-in dated in the future does not count as recent.
        (
            "checkins:\n  - {date: 2026-02-01, value: 1}\n  - {date: 2026-03-01, value: 2}",
            D(2026, 2, 16),
            True,
        ),
        # A check-in before the period began: counted from the start of the period.
        ("checkins:\n  - {date: 2025-12-28, value: 1}", D(2026, 1, 15), False),
        ("checkins:\n  - {date: 2025-12-28, value: 1}", D(2026, 1, 16), True),
        ("score: 0.7", D(2026, 3, 1), False),  # graded
        ("baseline: 1", D(2026, 4, 20), False),  # the period is over
        ("baseline: 1", D(2025, 12, 1), False),  # the period has not begun
        ("baseline: 1", D(2026, 3, 1), False),  # no check-ins kept here: not judged
    ],
)
def test_stale_checkins_boundaries(fields: str, today: dt.date, flagged: bool) -> None:
    findings = lint_rule(key_result_with(fields), "CUL002", today)
    assert codes(findings) == (["CUL002"] if flagged else [])


def test_stale_checkins_can_require_checkins() -> None:
    text = (
        key_result_with("baseline: 1")
        + "      - title: Other\n        checkins: [{date: 2026-01-02}]\n"
    )
    # By default only the key result that has check-ins is judged (and it is 18 days old).
    assert [f.line for f in lint_rule(text, "CUL002", D(2026, 1, 20))] == [10]
    required = lint_rule(text, "CUL002", D(2026, 1, 20), require_checkins=True)
    assert [f.line for f in required] == [7, 10]
    assert "no check-in since the period began on 2026-01-01" in required[0].message
    assert lint_rule(text, "CUL002", D(2026, 1, 15), require_checkins=True) == []


def test_stale_checkins_message_and_limit() -> None:
    text = key_result_with("checkins:\n  - {date: 2026-02-01, value: 1}")
    [finding] = lint_rule(text, "CUL002", D(2026, 2, 20))
    assert "the last check-in was on 2026-02-01, 19 days before 2026-02-20" in finding.message
    assert "the limit is 14 days" in finding.message
    assert lint_rule(text, "CUL002", D(2026, 2, 20), days=21) == []
