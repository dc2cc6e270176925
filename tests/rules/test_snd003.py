"""SND003: what its metadata examples do not cover."""

from __future__ import annotations

from rule_helpers import kr_set, lint_codes


def test_hold_the_line_is_flagged_on_aspirational_objectives_only() -> None:
    aspirational = kr_set("Maintain uptime at 99.9%", "Raise weekly active teams from 300 to 450")
    (finding,) = lint_codes(aspirational, "SND003")
    assert "'Maintain'" in finding.message
    committed = kr_set("Maintain uptime at 99.9%", extra="    type: committed\n")
    assert lint_codes(committed, "SND003") == []
