"""STR002: what its metadata examples do not cover."""

from __future__ import annotations

from rule_helpers import HEAD, kr_set, lint_codes

from okrlint.findings import Severity


def test_an_unknown_key_is_an_error_at_the_key_with_the_nearest_known_one() -> None:
    (finding,) = lint_codes(kr_set("title: Raise activation\n        taget: 45"), "STR002")
    assert (finding.line, finding.column) == (7, 9)
    assert finding.severity is Severity.ERROR
    assert finding.message.startswith("unknown key 'taget'; did you mean 'target'?")
    assert finding.object == "O1/KR1"


def test_a_value_out_of_range_is_reported_at_the_value() -> None:
    (finding,) = lint_codes(kr_set("title: Raise activation\n        confidence: 7"), "STR002")
    assert (finding.line, finding.column) == (7, 21)
    assert finding.message == 'confidence must be between 0 and 1 (got 7); write 0.7 or "7/10"'


def test_keys_of_your_own_start_with_x() -> None:
    text = kr_set("title: Raise activation from 30% to 45%\n        x-jira: GROW-12")
    assert lint_codes(text, "STR002") == []


def test_a_format_error_never_hides_the_judgement_of_the_rest() -> None:
    text = (
        HEAD + "  - title: Make onboarding effortless\n    key_results: [Improve it]\n    tpye: x\n"
    )
    assert [f.code for f in lint_codes(text, "STR002", "FOC003", "MEA001")] == [
        "FOC003",
        "MEA001",
        "STR002",
    ]
