"""CUS002: what its metadata examples do not cover."""

from __future__ import annotations

from rule_helpers import kr_set, lint_codes

from okrlint.findings import Severity


def test_lagging_only_is_flagged_until_a_behaviour_key_result_joins() -> None:
    assert [
        f.code
        for f in lint_codes(kr_set("Grow ARR from $2M to $3M", "Raise bookings to $900k"), "CUS002")
    ] == ["CUS002"]
    assert (
        lint_codes(
            kr_set("Grow ARR from $2M to $3M", "Raise trial conversion from 9% to 14%"), "CUS002"
        )
        == []
    )


def test_the_finding_is_a_warning_on_the_objective_naming_each_term_once() -> None:
    text = kr_set("Grow ARR from $2M to $3M", "Grow ARR in Europe from $1M to $1.5M")
    (finding,) = lint_codes(text, "CUS002")
    assert (finding.line, finding.column) == (4, 5)
    assert finding.severity is Severity.WARNING
    assert finding.message.startswith("measured only by lagging finance numbers ('ARR'); ")


def test_one_finding_per_objective() -> None:
    text = kr_set("Grow ARR from $2M to $3M", "Raise bookings to $900k") + (
        "  - title: Win the mid-market\n"
        "    key_results:\n"
        "      - Raise bookings to $900k\n"
        "      - Raise mid-market win rate from 18% to 25%\n"
    )
    assert [f.line for f in lint_codes(text, "CUS002")] == [4]


def test_an_objective_without_key_results_is_not_lagging_only() -> None:
    assert lint_codes(kr_set(), "CUS002") == []
