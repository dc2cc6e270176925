"""SND004: what its metadata examples do not cover."""

from __future__ import annotations

import pytest
from rule_helpers import codes, key_result_with, lint_rule


@pytest.mark.parametrize(
    ("fields", "kind", "flagged"),
    [
        ("confidence: 0.9", "aspirational", True),  # exactly at the limit
        ("confidence: 0.89", "aspirational", False),
        ("confidence: 9/10", "committed", False),
        ("confidence: 90%", "aspirational", True),
        ("baseline: 1", "aspirational", False),  # no confidence at all
        # The first check-in by date, not by position in the list.
        (
            "confidence: 0.5\ncheckins:\n  - {date: 2026-02-01, confidence: 0.5}\n"
            "  - {date: 2026-01-05, confidence: 0.95}",
            "aspirational",
            True,
        ),
        (
            "confidence: 0.95\ncheckins:\n  - {date: 2026-01-05, confidence: 0.6}",
            "aspirational",
            False,
        ),
    ],
)
def test_overconfident_start_boundaries(fields: str, kind: str, flagged: bool) -> None:
    assert codes(lint_rule(key_result_with(fields, kind), "SND004")) == (
        ["SND004"] if flagged else []
    )
