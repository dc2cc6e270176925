"""Explicit fields win over the text in one place: the direction every rule judges by."""

from __future__ import annotations

import pytest

from okrlint.model import Direction, KeyResult
from okrlint.rules.measure.shared import measurable
from okrlint.testing import lint_text
from okrlint.text.key_result_numbers import has_baseline, numbers_of
from okrlint.text.pack import load_pack
from okrlint.text.reader import read_texts


def _direction(title: str, **fields: object) -> Direction | None:
    reading = read_texts([title], load_pack())[title]
    return numbers_of(KeyResult(title=title, **fields), reading).direction


@pytest.mark.parametrize(
    ("title", "fields", "direction"),
    [
        # 1. the explicit `direction:` field wins over everything;
        ("Improve MTTR", {"baseline": 120, "target": 30, "direction": "increase"}, "increase"),
        # 2. then the baseline and the target, from the fields or else from the text;
        ("Raise MTTR", {"baseline": 120, "target": 30}, "decrease"),
        ("Improve MTTR from 120 to 30 minutes", {}, "decrease"),
        ("Grow signups from 100", {"target": 150}, "increase"),
        # 3. then a limit the text sets on the metric;
        ("Improve uptime to at least 99.9%", {}, "increase"),
        # 4. then the metric: recovery times, churn and costs are better lower;
        ("Improve MTTR", {}, "decrease"),
        # 5. and last the verb.
        ("Cut the backlog", {}, "decrease"),
        ("Keep uptime steady", {}, "maintain"),
        ("Write the handbook", {}, None),
    ],
)
def test_direction_from_fields_then_numbers_then_limit_then_metric_then_verb(
    title: str, fields: dict[str, object], direction: str | None
) -> None:
    assert _direction(title, **fields) == (Direction(direction) if direction else None)


def test_the_measure_rules_and_the_sandbagging_rules_judge_a_key_result_alike() -> None:
    """'Improve MTTR' from 120 to 30 asks for a fall: no rule may read it as a rise."""
    text = (
        "team: Platform\nperiod: 2026-Q1\nobjectives:\n  - title: Recover fast\n"
        "    key_results:\n"
        "      - {title: Improve MTTR, baseline: 120, target: 30, direction: decrease}\n"
        "      - {title: Improve MTTR, baseline: 120, target: 30}\n"
        "      - Improve MTTR from 120 to 30 minutes\n"
    )
    findings = lint_text(text, select=["MEA003", "SND001", "SND002", "ALN002"])
    assert [(f.code, f.line) for f in findings] == []


def test_fields_and_text_both_count_for_measurable_and_baseline() -> None:
    reading = read_texts(["Improve onboarding"], load_pack())["Improve onboarding"]
    assert not measurable(KeyResult(title="Improve onboarding"), reading)
    assert measurable(KeyResult(title="Improve onboarding", target=3), reading)
    assert has_baseline(KeyResult(title="Improve onboarding", baseline=1), reading)
    assert not has_baseline(KeyResult(title="Improve onboarding"), reading)


def test_a_figure_ending_in_point_zero_between_from_and_to_is_a_baseline_not_a_version() -> None:
    from okrlint.text.number_mentions import find_numbers

    found = [(n.text, n.role) for n in find_numbers("Lift the shop rating from 3.0 to 4.2")]
    assert found == [("3.0", "baseline"), ("4.2", "target")]
    assert [(n.text, n.role) for n in find_numbers("Bake 2.0 of the loyalty card")] == [
        ("2.0", "version")
    ]
