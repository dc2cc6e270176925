"""STR001: what its metadata examples do not cover."""

from __future__ import annotations

from rule_helpers import HEAD, lint_codes

from okrlint.findings import Severity

UNCLOSED = (
    HEAD + "  - title: Make onboarding effortless\n"
    "    key_results: [Raise week-1 activation from 30% to 45%\n"
    "  - title: Win the mid-market\n"
)


def test_the_finding_is_an_error_at_the_parsers_position_with_its_words() -> None:
    (finding,) = lint_codes(UNCLOSED, "STR001")
    assert (finding.line, finding.column) == (6, 10)
    assert finding.severity is Severity.ERROR
    assert finding.message.startswith("invalid YAML: did not find expected ',' or ']'")
    assert "starts on line 5, column 18" in finding.message


def test_no_other_rule_reports_on_a_file_that_does_not_parse() -> None:
    # One key result, which FOC003 would report, were the file readable.
    assert [f.code for f in lint_codes(UNCLOSED, "STR001", "FOC003", "MEA001")] == ["STR001"]


def test_an_error_in_a_later_document_leaves_the_earlier_one_checked() -> None:
    first = HEAD + "  - title: Make onboarding effortless\n    key_results: [Improve onboarding]\n"
    found = [(f.code, f.line) for f in lint_codes(first + "---\n" + UNCLOSED, "STR001", "FOC003")]
    assert found == [("FOC003", 4), ("STR001", 12)]
