"""MEA001: what its metadata examples do not cover."""

from __future__ import annotations

from rule_helpers import kr_set, lint_codes


def test_no_target_reads_numbers_quantifiers_and_cadences() -> None:
    text = kr_set(
        "Improve onboarding for new teams",
        "New billing system in production by May",
        "Every release ships with a changelog",
        "Raise activation to 45%",
    )
    found = lint_codes(text, "MEA001")
    assert [f.line for f in found] == [6, 7]
    assert "a date such as 'by May' is not a target" in found[1].message
