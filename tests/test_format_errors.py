"""A format error never hides the judgement: every error is reported and the rules still run."""

from __future__ import annotations

from okrlint.pipeline.salvage import validate_leniently
from okrlint.pipeline.validate import validate
from okrlint.testing import lint_text

OTHER_TOOLS_KEYS = """\
team: Growth
period: 2026-Q1
objectives:
  - title: Make the first week effortless for new teams
    key_results:
      - title: Launch the redesigned setup wizard
        status: on-track
        priority: P1
        due: 2026-03-31
        evidence: https://dashboards.example.org/setup
      - title: Raise week-1 activation of new teams from 30% to 45%
        colour: green
"""


def codes_by_line(text: str, select: list[str] | None = None) -> set[tuple[int, str]]:
    return {(f.line, f.code) for f in lint_text(text, select=select)}


def test_status_priority_due_and_evidence_are_understood_and_the_rest_is_judged() -> None:
    found = codes_by_line(OTHER_TOOLS_KEYS, ["OUT001", "STR002"])
    # The unknown `colour` is reported; the launch is still an output.
    assert found == {(12, "STR002"), (6, "OUT001")}


def test_a_sentence_yaml_reads_as_a_key_and_value_is_one_error_that_says_to_quote_it() -> None:
    text = (
        "team: Ops\nperiod: 2026-Q1\nobjectives:\n  - title: Ship faster\n    key_results:\n"
        "      - Returns desk: labels printed by customers\n"
        "      - kr: Dock-to-stock hours fall from 30 to 12\n"
    )
    errors = [f for f in lint_text(text, select=["STR002"])]
    assert [(f.line, f.message) for f in errors if f.line == 6] == [
        (
            6,
            "the key result 'Returns desk: labels printed by customers' is read as a key and "
            "its value, because YAML takes ': ' inside plain text as a mapping; put the sentence "
            "in quotes",
        )
    ]
    # Another tool's name for a field is still read as that field, not as a split sentence.
    assert [f.message.split(";")[0] for f in errors if f.line == 7] == ["unknown key 'kr'"]


def test_every_missing_required_key_is_reported() -> None:
    _, errors = validate({"objectives": []})
    assert sorted(message for _, message, _ in errors) == [
        "missing required key 'period'",
        "missing required key 'team'",
    ]


def test_a_set_without_team_or_period_is_judged_but_left_out_of_comparisons() -> None:
    text = (
        "objectives:\n  - title: Win the mid-market\n    key_results:\n      - Ship the CRM sync\n"
    )
    found = {(f.code, f.message) for f in lint_text(text, select=["STR002", "OUT001", "FOC003"])}
    assert ("STR002", "missing required key 'team'") in found
    assert ("STR002", "missing required key 'period'") in found
    assert {code for code, _ in found} == {"STR002", "OUT001", "FOC003"}
    validated = validate_leniently({"objectives": [{"title": "x", "key_results": ["y"]}]})
    assert validated.okr_set is not None and validated.incomplete


def test_did_you_mean_asks_the_alias_table_before_string_similarity() -> None:
    text = """\
team: Growth
period: 2026-Q1
objectives:
  - name: Make the first week effortless
    krs:
      - description: Raise week-1 activation from 30% to 45%
        metric_key: activation_rate
"""
    messages = [f.message for f in lint_text(text, select=["STR002"])]
    assert any(m.startswith("unknown key 'krs'; did you mean 'key_results'?") for m in messages)
    assert any(m.startswith("unknown key 'name'; did you mean 'title'?") for m in messages)
    assert any(m.startswith("unknown key 'description'; did you mean 'title'?") for m in messages)
    assert any(m.startswith("unknown key 'metric_key'; did you mean 'metric'?") for m in messages)
    # The missing title is the same problem as the `name` written instead: one finding.
    assert not any(m == "missing required key 'title'" for m in messages)
    assert any("(the required key 'title' is missing)" in m for m in messages)


def test_keys_under_other_tools_names_are_read_and_findings_point_at_them() -> None:
    text = """\
team: Growth
period: 2026-Q1
objectives:
  - name: Make the first week effortless
    krs:
      - description: Launch the new onboarding checklist
      - description: Raise week-1 activation from 30% to 45%
"""
    findings = [f for f in lint_text(text, select=["OUT001"])]
    assert [(f.line, f.column, f.object) for f in findings] == [(6, 9, "O1/KR1")]
    assert findings[0].text == "Launch the new onboarding checklist"


def test_a_misspelt_key_beyond_doubt_is_read_as_the_field_it_means() -> None:
    text = """\
team: Growth
period: 2026-Q1
objectives:
  - title: Make the first week effortless
    key_results:
      - title: Raise week-1 activation of new teams
        basline: 30
        target: 45
"""
    found = codes_by_line(text, ["STR002", "MEA002"])
    assert found == {(7, "STR002")}  # no "no baseline": the misspelt one is read


def test_items_that_are_not_key_results_keep_the_positions_of_the_others() -> None:
    text = """\
team: Growth
period: 2026-Q1
objectives:
  - title: Make the first week effortless
    key_results:
      - 42
      - [a list]
      - Launch the new onboarding checklist
"""
    findings = lint_text(text, select=["STR002", "OUT001"])
    assert [(f.line, f.code, f.object) for f in findings] == [
        (6, "STR002", "O1/KR1"),
        (7, "STR002", "O1/KR2"),
        (8, "OUT001", "O1/KR3"),
    ]


def test_wrong_types_are_set_aside_and_the_rest_still_runs() -> None:
    text = """\
team: Growth
period: 2026-Q1
objectives:
  - title: Make the first week effortless
    type: stretchy
    key_results:
      - title: Launch the new onboarding checklist
        confidence: very
        checkins:
          - {value: 3}
          - {date: 2026-01-10, value: 4}
"""
    findings = lint_text(text, select=["STR002", "OUT001"])
    assert sorted((f.line, f.code) for f in findings) == [
        (5, "STR002"),
        (7, "OUT001"),
        (8, "STR002"),
        (10, "STR002"),
    ]


def test_validation_is_a_value_returned_per_document_and_the_document_stays_as_loaded() -> None:
    from okrlint.pipeline.load import load_text
    from okrlint.pipeline.salvage import validate_file

    text = OTHER_TOOLS_KEYS + "---\nteam: Sales\nperiod: 2026-Q1\nobjectives: []\n"
    source = load_text(text, "two.yaml")
    first, second = validate_file(source)
    assert first.okr_set is not None and first.okr_set.team == "Growth"
    assert [node for node, _, _ in first.errors] == [("objectives", 0, "key_results", 1, "colour")]
    assert second.okr_set is not None and second.okr_set.team == "Sales" and not second.errors
    # Nothing of the validation is written into the documents the other stages share.
    for document in source.documents:
        assert not hasattr(document, "okr_set") and not hasattr(document, "format_errors")
    # The rules that read format errors get them through their item (STR002 here).
    found = codes_by_line(text, ["STR002"])
    assert found == {(12, "STR002")}
