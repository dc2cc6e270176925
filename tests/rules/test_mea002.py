"""MEA002: what its metadata examples do not cover."""

from __future__ import annotations

from rule_helpers import kr_set, lint_codes


def test_no_baseline_is_quiet_when_the_text_or_field_has_one() -> None:
    text = kr_set("Raise activation to 45%", "Raise activation from 32% to 45%", "Publish 10 posts")
    assert [f.line for f in lint_codes(text, "MEA002")] == [6]
