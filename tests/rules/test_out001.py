"""OUT001: what its metadata examples do not cover."""

from __future__ import annotations

from rule_helpers import kr_set, lint_codes


def test_output_message_names_the_evidence_and_the_way_forward() -> None:
    (finding,) = lint_codes(kr_set("Launched the referral program"), "OUT001")
    assert "delivery verb 'Launched'" in finding.message
    assert "'the referral program'" in finding.message
    assert "initiatives" in finding.message
    assert finding.line == 6
