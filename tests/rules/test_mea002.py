"""MEA002: what its metadata examples do not cover."""

from __future__ import annotations

from rule_helpers import kr_set, lint_codes


def test_no_baseline_is_quiet_when_the_text_or_field_has_one() -> None:
    text = kr_set("Raise activation to 45%", "Raise activation from 32% to 45%", "Publish 10 posts")
    assert [f.line for f in lint_codes(text, "MEA002")] == [6]


def test_the_target_quoted_is_how_often_a_limit_is_met_not_the_limit() -> None:
    text = kr_set("Pages are answered within 10 minutes, 98% of the time")
    (finding,) = lint_codes(text, "MEA002")
    assert "the target '98%' has no starting value" in finding.message
    assert "measured: a service level ('within 10 minutes')" in finding.message


def test_a_figure_in_a_name_is_no_target_without_a_baseline() -> None:
    # The figure of a product's name is no target: the key result states none (MEA001).
    text = kr_set("Grow weekly users of the Atlas 2 app")
    assert [f.code for f in lint_codes(text, "MEA001", "MEA002")] == ["MEA001"]
    (finding,) = lint_codes(kr_set("Grow weekly users of the Atlas 2 app to 5,000"), "MEA002")
    assert "the target '5,000'" in finding.message


def test_a_rank_to_reach_is_quoted_as_a_rank() -> None:
    (finding,) = lint_codes(kr_set("Reach the top 3 in the shop's seasonal gift list"), "MEA002")
    assert "the rank 'top 3' has no starting value" in finding.message
    assert "('from 14th to the top 3')" in finding.message
    assert "who acts: the team;" in finding.message


def test_a_change_with_no_level_to_start_from_is_quoted_as_a_change() -> None:
    text = kr_set("Weekly exports up 40%", "Cut refund requests by 25%", "Trial signups +15%")
    found = lint_codes(text, "MEA002")
    assert [f.line for f in found] == [6, 7, 8]
    for finding, written in zip(found, ("40%", "25%", "15%"), strict=True):
        assert f"the change '{written}' has no starting value" in finding.message
