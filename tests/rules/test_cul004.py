"""CUL004: what its metadata examples do not cover."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from rule_helpers import D, codes, key_result_with, lint_rule

from okrlint import lint_paths
from okrlint.config.settings import Overrides
from okrlint.pipeline.run import RunOptions


def test_fiscal_year_start_from_the_config_moves_the_period(tmp_path: Path) -> None:
    (tmp_path / ".okrlint.yaml").write_text("fiscal_year_start: 2\n")
    # With a February year, 2026-Q1 ended on 2025-04-30, so a check-in in March 2026 is outside.
    (tmp_path / "growth.yaml").write_text(
        key_result_with("checkins:\n  - {date: 2026-03-02, value: 3}\nbaseline: 1\ntarget: 5")
    )
    options = RunOptions(Overrides(select=["CUL004"]), today=D(2026, 5, 1))
    findings = lint_paths([tmp_path], options=options).findings
    assert codes(findings) == ["CUL004"]
    assert "after 2026-Q1 ended on 2025-04-30" in findings[0].message


@pytest.mark.parametrize(
    ("day", "today", "flagged"),
    [
        (D(2025, 12, 25), D(2026, 2, 1), False),  # 7 days before: the grace week
        (D(2025, 12, 24), D(2026, 2, 1), True),
        (D(2026, 4, 7), D(2026, 4, 30), False),
        (D(2026, 4, 8), D(2026, 4, 30), True),
        (D(2026, 2, 1), D(2026, 2, 1), False),  # today is not the future
        (D(2026, 2, 2), D(2026, 2, 1), True),
    ],
)
def test_checkin_outside_period_boundaries(day: dt.date, today: dt.date, flagged: bool) -> None:
    text = key_result_with(f"checkins:\n  - {{date: {day.isoformat()}, value: 1}}")
    assert codes(lint_rule(text, "CUL004", today)) == (["CUL004"] if flagged else [])


def test_checkin_outside_period_with_no_grace() -> None:
    text = key_result_with("checkins:\n  - {date: 2025-12-31, value: 1}")
    [finding] = lint_rule(text, "CUL004", D(2026, 2, 1), grace_days=0)
    assert "1 day before 2026-Q1 began on 2026-01-01" in finding.message
