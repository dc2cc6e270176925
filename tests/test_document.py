"""The loader: plain data, and a location index that puts every finding on its node."""

from __future__ import annotations

import datetime as dt

from okrlint.pipeline.load import load_text
from okrlint.sources import Span
from okrlint.testing import lint_text

OKR = """\
team: Growth
period: 2026-Q1
objectives:
  - id: O1
    title: Make onboarding effortless
    key_results:
      - Raise week-1 activation from 32% to 45%
      - title: Cut median time to first dashboard
        baseline: 42
        target: 15
        current: 12
"""
# A current value already past the target is only a finding early in the period.
EARLY = dt.date(2026, 1, 10)


def test_positions_are_one_based_and_exact() -> None:
    document = load_text(OKR).documents[0]
    # ruamel counts from 0; the first key of a file is at line 1, column 1.
    assert document.locate(("team",)) == Span(1, 1, 1, 13)
    # The value of `team:` starts after "team: " and its end is one past the last character.
    assert document.locate(("team",), at_value=True) == Span(1, 7, 1, 13)
    # A sequence item starts at its content, after the dash.
    assert document.locate(("objectives", 0, "key_results", 0)).line == 7
    assert document.locate(("objectives", 0, "key_results", 0)).column == 9
    current = document.locate(("objectives", 0, "key_results", 1, "current"), at_value=True)
    assert (current.line, current.column, current.end_column) == (11, 18, 20)


def test_a_block_collection_ends_on_its_last_line_not_the_next() -> None:
    document = load_text(OKR).documents[0]
    objective = document.locate(("objectives", 0))
    assert (objective.line, objective.end_line) == (4, 11)
    assert objective.end_column == len("        current: 12") + 1


def test_a_missing_node_is_located_at_its_nearest_existing_parent() -> None:
    document = load_text(OKR).documents[0]
    parent = document.locate(("objectives", 0, "key_results", 1))
    assert document.locate(("objectives", 0, "key_results", 1, "confidence")) == parent
    assert not document.has_node(("objectives", 0, "key_results", 1, "confidence"))


def test_findings_point_at_the_node_they_are_about() -> None:
    findings = lint_text(OKR, select=["SND002"], today=EARLY)
    assert [(f.line, f.column, f.code, f.object) for f in findings] == [(11, 9, "SND002", "O1/KR2")]


def test_positions_inside_flow_mappings_and_sequences() -> None:
    text = (
        "team: Growth\n"
        "period: 2026-Q1\n"
        "objectives:\n"
        "  - {title: Grow, key_results: [Raise activation from 3% to 5%, "
        "{title: Cut churn, baseline: 4, target: 3, confidence: 7}]}\n"
    )
    findings = lint_text(text, select=["STR002"])
    assert len(findings) == 1
    finding = findings[0]
    assert finding.line == 4
    # The value 7 itself, not the start of the line or of the flow mapping.
    assert text.splitlines()[3][finding.column - 1] == "7"
    assert finding.message == 'confidence must be between 0 and 1 (got 7); write 0.7 or "7/10"'
    document = load_text(text).documents[0]
    title = document.locate(("objectives", 0, "key_results", 1, "title"), at_value=True)
    assert text.splitlines()[3][title.column - 1 : title.end_column - 1] == "Cut churn"


def test_positions_in_later_documents_count_lines_from_the_top_of_the_file() -> None:
    second = OKR.replace("Growth", "Sales").replace("current: 12", "current: 14")
    text = "# two teams in one file\n---\n" + OKR + "---\n" + second
    source = load_text(text)
    assert [d.index for d in source.documents] == [0, 1]
    assert [d.data["team"] for d in source.documents] == ["Growth", "Sales"]
    findings = lint_text(text, select=["SND002"], today=EARLY)
    offset_first, offset_second = 2, 2 + OKR.count("\n") + 1
    assert [f.line for f in findings] == [11 + offset_first, 11 + offset_second]
    assert "12" in findings[0].message and "14" in findings[1].message


def test_a_yaml_error_in_a_later_document_keeps_the_parser_position() -> None:
    text = OKR + "---\nteam: Sales\nperiod: 2026-Q1\nobjectives: [unclosed\n"
    findings = lint_text(text, select=["STR001"])
    assert [(f.code, f.line) for f in findings] == [("STR001", 16)]


def test_columns_count_characters_not_bytes() -> None:
    text = (
        "team: Croissance\n"
        "period: 2026-Q1\n"
        "objectives:\n"
        "  - title: Réussir l'accueil des équipes\n"
        "    key_results:\n"
        "      - {title: Élever l'activation, confidence: 9}\n"
    )
    (finding,) = lint_text(text, select=["STR002"])
    assert text.splitlines()[finding.line - 1][finding.column - 1] == "9"


def test_windows_line_endings_give_the_same_positions() -> None:
    unix = lint_text(OKR, select=["SND002"], today=EARLY)
    windows = lint_text(OKR.replace("\n", "\r\n"), select=["SND002"], today=EARLY)
    assert [(f.line, f.column) for f in windows] == [(f.line, f.column) for f in unix]


def test_plain_data_is_built_without_constructing_objects() -> None:
    text = (
        "team: Growth\nperiod: 2026-Q1\nx-started: 2026-01-05\nx-count: 0x1F\n"
        "x-ratio: 1_000.5\nx-flag: yes\nx-none: ~\nobjectives: []\n"
    )
    data = load_text(text).documents[0].data
    assert data["x-started"] == dt.date(2026, 1, 5)
    assert data["x-count"] == 31
    assert data["x-ratio"] == 1000.5
    # YAML 1.2: `yes` is text, not a boolean.
    assert data["x-flag"] == "yes"
    assert data["x-none"] is None


def test_merge_keys_and_aliases_are_resolved() -> None:
    text = (
        "team: Growth\nperiod: 2026-Q1\n"
        "x-defaults: &kr {baseline: 10, target: 20, unit: '%'}\n"
        "objectives:\n"
        "  - title: Grow\n"
        "    key_results:\n"
        "      - {<<: *kr, title: Raise activation}\n"
        "      - {<<: *kr, title: Raise retention, target: 30}\n"
    )
    data = load_text(text).documents[0].data
    first, second = data["objectives"][0]["key_results"]
    assert first == {"title": "Raise activation", "baseline": 10, "target": 20, "unit": "%"}
    assert second["target"] == 30 and second["baseline"] == 10


def test_a_yaml_file_that_is_not_an_okr_document_is_skipped_and_counted() -> None:
    source = load_text("name: ci\non: [push]\njobs: {}\n---\nteam: A\nperiod: 2026-Q1\n")
    assert source.skipped_documents == 1
    assert [d.index for d in source.documents] == [1]  # the position in the file
