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
    # The dated milestone is an output: OUT001 reports it, and MEA001 stays silent there.
    assert [f.line for f in found] == [6]
    outputs = [f for f in lint_codes(text, "OUT001") if f.severity == "warning"]
    assert [f.line for f in outputs] == [7]
    assert "marks work as done ('in production')" in outputs[0].message
