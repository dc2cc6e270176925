"""OUT002: what its metadata examples do not cover."""

from __future__ import annotations

from rule_helpers import kr_set, lint_codes


def test_activity_counts_and_the_teams_own_metrics() -> None:
    text = kr_set(
        "Publish 10 blog posts", "Increase test coverage to 80%", "Run 5 customer workshops"
    )
    found = lint_codes(text, "OUT002")
    assert [f.line for f in found] == [6, 7, 8]
    assert "'10 blog posts'" in found[0].message
    assert "team's own work ('test coverage')" in found[1].message
