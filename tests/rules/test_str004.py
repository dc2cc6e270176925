"""STR004: what its metadata examples do not cover."""

from __future__ import annotations

from rule_helpers import kr_set, lint_codes


def test_metric_as_objective() -> None:
    (finding,) = lint_codes(
        kr_set("Raise activation from 30% to 40%", objective="Grow ARR by 20%"), "STR004"
    )
    assert "'20%'" in finding.message
    assert (
        len(
            lint_codes(
                kr_set("Raise activation from 30% to 40%", objective="Reach 1M users"), "STR004"
            )
        )
        == 1
    )
    assert (
        lint_codes(
            kr_set("Raise activation from 30% to 40%", objective="Win 3 markets in 2026"), "STR004"
        )
        == []
    )
