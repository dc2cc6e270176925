"""CUL001: what its metadata examples do not cover."""

from __future__ import annotations

from rule_helpers import HEAD, lint_codes


def test_compensation_in_text_descriptions_and_keys() -> None:
    text = (
        HEAD
        + "  - title: Win the mid-market\n"
        + "    description: Attainment sets each rep's quarterly bonus.\n"
        + "    x-payout: 10%\n"
        + "    key_results:\n"
        + "      - Raise win rate from 18% to 25%, which counts toward commission\n"
    )
    found = [(f.line, f.code) for f in lint_codes(text, "CUL001")]
    assert found == [(5, "CUL001"), (6, "CUL001"), (8, "CUL001")]
