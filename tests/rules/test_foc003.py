"""FOC003: what its metadata examples do not cover."""

from __future__ import annotations

from rule_helpers import HEAD, kr_set, lint_rule

from okrlint.findings import Severity


def test_the_finding_is_a_warning_on_the_objective() -> None:
    (finding,) = lint_rule(kr_set("Raise week-1 activation from 30% to 45%"), "FOC003")
    assert (finding.line, finding.column) == (4, 5)
    assert finding.severity is Severity.WARNING


def test_an_objective_without_key_results_says_so() -> None:
    text = HEAD + "  - title: Make onboarding effortless\n    key_results: []\n"
    (finding,) = lint_rule(text, "FOC003")
    assert finding.message.startswith("this objective has no key results; give it at least 2,")


def test_min_sets_the_minimum() -> None:
    two = kr_set("Raise activation from 30% to 45%", "Cut churn from 4% to 3%")
    assert lint_rule(two, "FOC003") == []
    (finding,) = lint_rule(two, "FOC003", min=3)
    assert finding.message.startswith("this objective has only 2 key results; give it at least 3,")
    assert lint_rule(kr_set("Raise activation from 30% to 45%"), "FOC003", min=1) == []
