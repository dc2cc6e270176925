"""MEA003: what its metadata examples do not cover."""

from __future__ import annotations

from rule_helpers import HEAD, kr_set, lint_codes

from okrlint.findings import Severity


def test_explicit_target_wins_and_disagreement_is_reported() -> None:
    text = (
        HEAD
        + "  - title: Make onboarding effortless\n    key_results:\n"
        + "      - title: Raise activation from 32% to 45%\n"
        + "        baseline: 32\n        target: 50\n"
        + "      - title: Improve onboarding\n        target: 40\n"
    )
    assert lint_codes(text, "MEA001") == []
    (finding,) = lint_codes(text, "MEA003")
    assert finding.line == 8
    assert "'45%'" in finding.message and "50" in finding.message


def test_a_baseline_that_disagrees_points_at_the_baseline_field() -> None:
    text = kr_set(
        "title: Raise activation from 32% to 45%\n        baseline: 30\n        target: 45"
    )
    (finding,) = lint_codes(text, "MEA003")
    assert (finding.line, finding.column) == (7, 9)
    assert finding.severity is Severity.WARNING
    assert finding.message == (
        "fields disagree with the text: the text starts from '32%' but `baseline:` is 30; make "
        "them agree (okrlint grades with the field). Read as: who acts: the team; predicate: a "
        "change in a measure ('Raise'); measured: people's behaviour ('activation')."
    )


def test_fields_whose_numbers_go_the_other_way_than_the_verb() -> None:
    text = kr_set("title: Reduce checkout errors\n        baseline: 2\n        target: 5")
    (finding,) = lint_codes(text, "MEA003")
    assert finding.line == 8
    assert "the text says 'Reduce' (decrease) but `baseline:` 2 and `target:` 5 mean increase" in (
        finding.message
    )


def test_a_fraction_and_a_percentage_of_the_same_value_agree() -> None:
    text = kr_set(
        "title: Raise activation from 32% to 45%\n        baseline: 0.32\n        target: 0.45"
    )
    assert lint_codes(text, "MEA003") == []


def test_a_figure_in_words_that_is_part_of_the_measure_is_not_its_aim() -> None:
    # "in one reply" says what is counted; the fields say where it goes.
    text = kr_set(
        "title: Share of support tickets closed in one reply\n        baseline: 41\n"
        "        target: 55\n        unit: '%'"
    )
    assert lint_codes(text, "MEA003") == []
    # A figure in words that the text does give as its aim is still compared with the field.
    aimed = kr_set("title: Grow paying regions to five\n        baseline: 3\n        target: 6")
    (finding,) = lint_codes(aimed, "MEA003")
    assert "'five'" in finding.message and "6" in finding.message
