"""CUL003: what its metadata examples do not cover."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from rule_helpers import D, codes, key_result_with, lint_rule

from okrlint import lint_paths
from okrlint.config.settings import Overrides
from okrlint.pipeline.run import RunOptions


@pytest.mark.parametrize(
    ("fields", "kind", "today", "flagged"),
    [
        ("score: 0.7", "aspirational", D(2026, 4, 1), False),  # exactly the grade
        ("score: 0.69", "aspirational", D(2026, 4, 1), True),
        ("score: 1.0", "committed", D(2026, 4, 1), False),
        ("score: 0.99", "committed", D(2026, 4, 1), True),
        (
            "score: 0.2\nlearnings: Admins never saw the prompt.",
            "aspirational",
            D(2026, 4, 1),
            False,
        ),
        ("score: 0.2\nlearnings: ' '", "aspirational", D(2026, 4, 1), True),
        ("score: 0.2", "aspirational", D(2026, 3, 31), False),  # the last day: not closed yet
        ("baseline: 1\ntarget: 2", "aspirational", D(2026, 4, 1), False),  # not scored
    ],
)
def test_missed_without_learning_boundaries(
    fields: str, kind: str, today: dt.date, flagged: bool
) -> None:
    findings = lint_rule(key_result_with(fields, kind), "CUL003", today)
    assert codes(findings) == (["CUL003"] if flagged else [])


def test_the_google_preset_keeps_the_playbook_grades(tmp_path: Path) -> None:
    (tmp_path / ".okrlint.yaml").write_text("preset: google\n")
    (tmp_path / "growth.yaml").write_text(key_result_with("score: 0.65"))
    options = RunOptions(Overrides(select=["CUL003"]), today=D(2026, 4, 1))
    [finding] = lint_paths([tmp_path], options=options).findings
    assert "scored 0.65, below the 0.7 expected of an aspirational key result" in finding.message
