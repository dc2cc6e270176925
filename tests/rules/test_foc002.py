"""FOC002: what its metadata examples do not cover."""

from __future__ import annotations

from rule_helpers import kr_set, lint_rule

from okrlint.findings import Severity


def key_results(count: int) -> str:
    return kr_set(*(f"Raise step {n} completion from 50% to 70%" for n in range(1, count + 1)))


def test_five_pass_and_six_are_a_warning_on_the_key_results_key() -> None:
    assert lint_rule(key_results(5), "FOC002") == []
    (finding,) = lint_rule(key_results(6), "FOC002")
    assert (finding.line, finding.column) == (5, 5)
    assert finding.severity is Severity.WARNING


def test_max_sets_the_limit() -> None:
    assert lint_rule(key_results(6), "FOC002", max=6) == []
    (finding,) = lint_rule(key_results(3), "FOC002", max=2)
    assert finding.message.startswith("3 key results under one objective; the limit is 2.")
