"""The OKR format: what validates, how it is normalised, and what an error says."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import jsonschema
import pytest

from okrlint.model import Direction, ObjectiveType, OkrSet, PeriodRange, json_schema
from okrlint.pipeline.load import load_text
from okrlint.pipeline.validate import validate
from okrlint.testing import lint_text

FULL = """\
team: Growth
period: 2026-Q1
owner: Dana Smith
aligns_to: company/2026-Q1#O2
x-tracker: GROW
objectives:
  - id: O1
    title: Make the first week with the product effortless for new teams
    type: committed
    description: New teams should reach value without talking to us.
    aligns_to: company/2026-Q1#O2
    x-notes: kept for our own tools
    key_results:
      - Raise week-1 onboarding completion of new teams from 32% to 45%
      - id: KR-time
        title: Cut median time to first dashboard for new teams
        metric: median minutes from signup to first dashboard
        baseline: 42
        target: 15
        current: 40
        unit: min
        direction: decrease
        confidence: 6/10
        score: 70%
        owner: Lee
        checkins:
          - {date: 2026-01-14, value: 41, confidence: 0.6, note: first cohort}
          - {date: 2026-02-11, value: "38", confidence: 55%}
        learnings: The wizard was not the bottleneck; data import was.
        x-jira: GROW-12
    initiatives:
      - Redesign the signup wizard
  - title: Win the mid-market
    key_results:
      - title: Grow mid-market ARR
        baseline: $1.2M
        target: $1.8M
      - Raise mid-market win rate from 18% to 25%
"""


def okr_set(text: str) -> OkrSet:
    document = load_text(text).documents[0]
    model, errors = validate(document.data)
    assert errors == []
    assert model is not None
    return model


def test_every_field_of_the_format_validates() -> None:
    model = okr_set(FULL)
    assert (model.team, model.period, model.owner) == ("Growth", "2026-Q1", "Dana Smith")
    assert model.aligns_to == "company/2026-Q1#O2"
    first, second = model.objectives
    assert first.type is ObjectiveType.COMMITTED
    assert second.type is ObjectiveType.ASPIRATIONAL  # the default
    assert first.aligns_to == "company/2026-Q1#O2"
    assert first.initiatives == ["Redesign the signup wizard"]
    sentence, mapping = first.key_results
    # The plain-sentence form becomes a key result with only a title.
    assert sentence.title.startswith("Raise week-1") and sentence.target is None
    assert (mapping.id, mapping.baseline, mapping.target, mapping.current) == (
        "KR-time",
        42,
        15,
        40,
    )
    assert (mapping.unit, mapping.direction) == ("min", Direction.DECREASE)
    assert mapping.confidence == pytest.approx(0.6)
    assert mapping.score == pytest.approx(0.7)
    assert mapping.owner == "Lee"
    assert [c.date for c in mapping.checkins] == [dt.date(2026, 1, 14), dt.date(2026, 2, 11)]
    assert [c.value for c in mapping.checkins] == [41, 38]
    assert mapping.checkins[1].confidence == pytest.approx(0.55)
    assert mapping.learnings is not None and "data import" in mapping.learnings
    assert second.key_results[0].baseline == 1.2e6 and second.key_results[0].target == 1.8e6


def test_default_ids_are_positional() -> None:
    model = okr_set(FULL)
    assert [model.objective_id(i) for i in range(2)] == ["O1", "O2"]
    assert OkrSet.key_result_id(model.objectives[0], 1) == "KR-time"
    assert OkrSet.key_result_id(model.objectives[1], 1) == "KR2"


def test_a_full_valid_file_has_no_structure_findings() -> None:
    assert lint_text(FULL, select=["STR"]) == []


@pytest.mark.parametrize(
    ("written", "expected"),
    [("6/10", 0.6), ("60%", 0.6), (" 7 / 10 ", 0.7), ("0.65", 0.65), (0.8, 0.8), (1, 1), (0, 0)],
)
def test_confidence_is_normalised(written: Any, expected: float) -> None:
    text = FULL.replace("confidence: 6/10", f"confidence: {json.dumps(written)}")
    model = okr_set(text)
    assert model.objectives[0].key_results[1].confidence == pytest.approx(expected)


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("7", 'confidence must be between 0 and 1 (got 7); write 0.7 or "7/10"'),
        ("60", 'confidence must be between 0 and 1 (got 60); write 0.6 or "60%"'),
        ("-0.2", "confidence must be between 0 and 1 (got -0.2)"),
        ("150%", 'confidence must be between 0% and 100% (got "150%")'),
        ("11/10", 'confidence must be between 0 and 1 (got "11/10")'),
        ("1/0", 'confidence has a zero denominator (got "1/0")'),
        ("high", 'confidence must be a number between 0 and 1, "7/10" or "70%" (got "high")'),
        ("true", "confidence must be a number between 0 and 1 (got true)"),
        (".nan", "confidence must be a number between 0 and 1 (got nan)"),
    ],
)
def test_confidence_errors_say_what_to_write(written: str, message: str) -> None:
    text = FULL.replace("confidence: 6/10", f"confidence: {written}")
    findings = lint_text(text, select=["STR002"])
    assert [(f.line, f.message) for f in findings] == [(23, message)]
    # The set did not validate; the error still names its key result as written.
    assert (findings[0].object, findings[0].text) == (
        "O1/KR-time",
        "Cut median time to first dashboard for new teams",
    )


@pytest.mark.parametrize(
    ("written", "expected"),
    [("45", 45), ('"45%"', 45), ('"$1.2M"', 1.2e6), ('"10k"', 1e4), ('"1,200"', 1200), ("-3", -3)],
)
def test_quantities_are_read_as_people_write_them(written: str, expected: float) -> None:
    model = okr_set(FULL.replace("target: 15", f"target: {written}"))
    assert model.objectives[0].key_results[1].target == expected


@pytest.mark.parametrize(
    ("period", "expected"),
    [
        ("2026-Q1", "2026-Q1"),
        ("2026-H2", "2026-H2"),
        ("2026", "2026"),
        ("2026-03", "2026-03"),
        ("{start: 2026-01-01, end: 2026-03-31}", None),
    ],
)
def test_period_forms(period: str, expected: str | None) -> None:
    model = okr_set(FULL.replace("period: 2026-Q1", f"period: {period}"))
    if expected is None:
        assert model.period == PeriodRange(start=dt.date(2026, 1, 1), end=dt.date(2026, 3, 31))
    else:
        assert model.period == expected


def errors_for(text: str) -> list[tuple[int, str]]:
    return [(f.line, f.message) for f in lint_text(text, select=["STR002"])]


def test_an_unknown_key_is_an_error_with_a_suggestion_but_x_keys_are_not() -> None:
    text = FULL.replace("        unit: min\n", "        unti: min\n")
    ((line, message),) = errors_for(text)
    assert line == 21
    assert message.startswith("unknown key 'unti'; did you mean 'unit'?")
    assert "prefix your own keys with 'x-'" in message
    # x- keys at every level (set, objective, key result) never appear in an error.
    assert "x-" not in message.split("(")[0]


def test_x_keys_are_allowed_at_every_level() -> None:
    assert errors_for(FULL) == []
    assert "x-tracker" in FULL and "x-notes" in FULL and "x-jira" in FULL


def test_missing_required_keys_point_at_their_parent() -> None:
    text = "team: Growth\nobjectives:\n  - key_results: [Raise activation from 3% to 5%]\n"
    assert errors_for(text) == [
        (1, "missing required key 'period'"),
        (3, "missing required key 'title'"),
    ]


@pytest.mark.parametrize(
    ("replace", "by", "message"),
    [
        ("type: committed", "type: stretch", "type must be one of 'committed' or 'aspirational'"),
        ("direction: decrease", "direction: down", "direction must be one of 'increase', "),
        ("period: 2026-Q1", "period: 2026-Q5", "period must be a year, half, quarter or month"),
        ("period: 2026-Q1", "period: {start: 2026-03-31, end: 2026-01-01}", "period ends"),
        ("target: 15", "target: lots", 'target must be a number such as 45, "45%"'),
        ("date: 2026-01-14", "date: soon", 'date must be a date such as 2026-01-14 (got "soon")'),
        ("      - Redesign the signup wizard", "      - [a, b]", "item 1 of initiatives must be"),
        ("title: Win the mid-market", "title: ''", "title must not be empty"),
        ("  - title: Win the mid-market\n", "  - title: Win\n    owner: [a]\n", "owner must be"),
    ],
)
def test_format_errors_are_sentences_a_person_understands(
    replace: str, by: str, message: str
) -> None:
    assert replace in FULL
    errors = errors_for(FULL.replace(replace, by, 1))
    assert len(errors) == 1, errors
    assert errors[0][1].startswith(message)


def test_a_key_result_must_be_a_sentence_or_a_mapping() -> None:
    text = FULL.replace("      - Raise mid-market win rate from 18% to 25%", "      - [a, b]")
    assert errors_for(text) == [
        (38, "item 2 of key_results must be a sentence or a mapping of keys (got a list)")
    ]


def test_empty_key_results_and_objectives_are_empty_lists() -> None:
    model = okr_set(
        "team: Growth\nperiod: 2026-Q1\nobjectives:\n  - title: Grow\n    key_results:\n"
    )
    assert model.objectives[0].key_results == []


def test_numbers_and_dates_where_text_is_expected_stay_text() -> None:
    model = okr_set("team: 2026\nperiod: 2026\nobjectives:\n  - title: 42\n    id: 7\n")
    assert (model.team, model.period, model.objectives[0].title) == ("2026", "2026", "42")
    assert model.objectives[0].id == "7"


def test_the_json_schema_accepts_what_the_models_accept() -> None:
    schema = json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    data = load_text(FULL).documents[0].data
    # JSON has no dates: what the YAML reader builds as a date is a string in a JSON document.
    plain = json.loads(json.dumps(data, default=str))
    jsonschema.validate(plain, schema)


def test_the_json_schema_rejects_unknown_keys_but_allows_x_keys() -> None:
    schema = json_schema()
    base: dict[str, Any] = {"team": "A", "period": "2026-Q1", "objectives": []}
    jsonschema.validate({**base, "x-anything": {"a": 1}}, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**base, "objectivs": []}, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**base, "objectives": [{"title": "x", "type": "stretch"}]}, schema)
