"""OUT003: what its metadata examples do not cover."""

from __future__ import annotations

from rule_helpers import kr_set, lint_codes


def test_prescribed_solution_quotes_the_how() -> None:
    (finding,) = lint_codes(
        kr_set("Raise weekly sign-ups from 400 to 600 by introducing a referral program"), "OUT003"
    )
    assert "'by introducing a referral program'" in finding.message
