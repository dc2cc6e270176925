"""ALN002: what its metadata examples do not cover."""

from __future__ import annotations

from pathlib import Path

import pytest
from rule_helpers import FEBRUARY, lint_rule

from okrlint import lint_paths
from okrlint.config.settings import Overrides
from okrlint.pipeline.run import RunOptions


def _push(team: str, period: str, metric: str, baseline: float, target: float) -> str:
    return (
        f"team: {team}\nperiod: {period}\nobjectives:\n  - title: Grow\n    key_results:\n"
        f"      - title: Move {metric}\n        metric: {metric}\n"
        f"        baseline: {baseline}\n        target: {target}\n"
    )


def _said(team: str, sentence: str) -> str:
    return (
        f"team: {team}\nperiod: 2026-Q1\nobjectives:\n  - title: Grow\n    key_results:\n"
        f"      - {sentence}\n"
    )


@pytest.mark.parametrize(
    ("other", "flagged"),
    [
        (_push("Finance", "2026-Q1", "The Average-Discount!", 12, 8), True),  # normalised
        (_push("Finance", "2026-H1", "average discount", 12, 8), True),  # overlapping
        (_push("Finance", "2026-Q2", "average discount", 12, 8), False),  # another time
        (_push("Finance", "2026-Q1", "average discount", 8, 12), False),  # same way
        (_push("Finance", "2026-Q1", "average discount", 12, 12), False),  # maintain
        (_push("Finance", "2026-Q1", "average deal size", 12, 8), False),
    ],
)
def test_conflicting_key_results(other: str, flagged: bool) -> None:
    text = _push("Sales", "2026-Q1", "average discount", 10, 14) + "---\n" + other
    assert len(lint_rule(text, "ALN002")) == (2 if flagged else 0)


def test_one_set_pushing_both_ways_is_not_a_conflict_between_sets() -> None:
    text = (
        "team: Sales\nperiod: 2026-Q1\nobjectives:\n  - title: Grow\n    key_results:\n"
        "      - {title: Raise discount, metric: discount, baseline: 10, target: 14}\n"
        "      - {title: Cut discount, metric: discount, baseline: 10, target: 8}\n"
    )
    assert lint_rule(text, "ALN002") == []


def test_conflicts_are_found_from_the_metric_read_in_the_sentence() -> None:
    text = (
        _said("Sales", "Raise the average discount on new deals from 10% to 14%")
        + "---\n"
        + _said("Finance", "Cut the average discount on new deals from 12% to 8%")
    )
    findings = lint_rule(text, "ALN002")
    assert [f.line for f in findings] == [6, 13]
    assert "pushes 'average discount on new deals' up, while Finance" in findings[0].message


def test_a_one_word_metric_read_from_text_is_too_vague_to_conflict() -> None:
    # Both sentences read as the metric "share", which names no metric in particular.
    text = (
        _said("Growth", "Raise the share of trial teams that invite a teammate from 30% to 45%")
        + "---\n"
        + _said("Support", "Cut the share of customers who contact support from 30% to 22%")
    )
    assert lint_rule(text, "ALN002") == []


def test_a_conflict_read_from_text_is_found_when_one_file_is_linted(tmp_path: Path) -> None:
    (tmp_path / ".okrlint.yaml").write_text("")
    (tmp_path / "sales.yaml").write_text(
        _said("Sales", "Raise the average discount on new deals from 10% to 14%")
    )
    (tmp_path / "finance.yaml").write_text(
        _said("Finance", "Cut the average discount on new deals from 12% to 8%")
    )
    options = RunOptions(Overrides(select=["ALN002"]), today=FEBRUARY)
    [finding] = lint_paths([tmp_path / "sales.yaml"], options=options).findings
    assert finding.path.endswith("sales.yaml")
    assert "Finance pushes it down in 2026-Q1" in finding.message


def test_sentences_saying_that_something_exists_name_what_exists_not_there_are() -> None:
    # "There are ..." names no measure: two teams writing it about different things, one
    # more and one less, do not pull against each other.
    text = (
        _said("Sales", "There are 40 paying customers in Germany, up from 25")
        + "---\n"
        + _said("Support", "There are 5 open P1 tickets at the end of each week, down from 12")
    )
    assert lint_rule(text, "ALN002") == []
