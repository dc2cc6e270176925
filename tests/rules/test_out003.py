"""OUT003: what its metadata examples do not cover."""

from __future__ import annotations

from rule_helpers import codes_at, kr_set, lint_codes


def test_prescribed_solution_quotes_the_how() -> None:
    (finding,) = lint_codes(
        kr_set("Raise weekly sign-ups from 400 to 600 by introducing a referral program"), "OUT003"
    )
    assert "'by introducing a referral program'" in finding.message


def test_an_output_the_trained_judgement_is_sure_of_gets_no_second_finding() -> None:
    # The hand-written verdict reads no work in it; the trained judgement does, and OUT001
    # reports it: the "with ..." of a team's ritual is not a second problem to report.
    key_result = "Weekly defect review with engineering"
    assert codes_at(key_result, "warning") == {"OUT001"}
    assert "OUT003" not in codes_at(key_result)
