"""CUS003: what its metadata examples do not cover."""

from __future__ import annotations

from rule_helpers import kr_set, lint_codes

from okrlint.findings import Severity


def test_only_the_vanity_key_result_is_flagged() -> None:
    vanity = lint_codes(
        kr_set("Reach 50,000 app downloads", "Grow the share of visitors who start a trial to 6%"),
        "CUS003",
    )
    assert [f.line for f in vanity] == [6]


def test_the_finding_is_info_at_the_key_result_and_quotes_the_count() -> None:
    (finding,) = lint_codes(kr_set("Double page views to 2M a month"), "CUS003")
    assert (finding.line, finding.column) == (6, 9)
    assert finding.severity is Severity.INFO
    assert finding.message.startswith("vanity metric: 'page views' is a raw total")


def test_a_title_among_fields_is_read_too() -> None:
    text = kr_set("title: Reach 50,000 app downloads\n        target: 50000")
    assert [(f.line, f.column) for f in lint_codes(text, "CUS003")] == [(6, 9)]
