"""SND005: what its metadata examples do not cover."""

from __future__ import annotations

import pytest
from rule_helpers import D, codes, lint_rule


def _history(scores: list[list[float]], team: str = "Growth", kind: str = "aspirational") -> str:
    documents = []
    for quarter, period_scores in enumerate(scores, start=1):
        krs = "".join(
            f"      - {{title: Raise activation from 30% to 40%, score: {s}}}\n"
            for s in period_scores
        )
        documents.append(
            f"team: {team if quarter % 2 else team.upper()}\nperiod: 2025-Q{quarter}\n"
            f"objectives:\n  - title: Grow\n    type: {kind}\n    key_results:\n{krs}"
        )
    return "---\n".join(documents)


@pytest.mark.parametrize(
    ("scores", "options", "flagged"),
    [
        ([[0.95, 1.0], [1.0]], {}, True),  # exactly at the limit, in two periods
        ([[0.94, 1.0], [1.0]], {}, False),
        ([[1.0]], {}, False),  # only one closed period
        ([[0.3], [1.0], [1.0]], {}, True),  # only the last two count
        ([[0.3], [1.0], [1.0]], {"periods": 3}, False),
        ([[1.0], [1.0], [1.0]], {"periods": 3}, True),
        ([[0.9], [0.9]], {"min_score": 0.9}, True),
    ],
)
def test_always_perfect_scores_boundaries(
    scores: list[list[float]], options: dict[str, object], flagged: bool
) -> None:
    # The team is written "Growth" and "GROWTH": one team. The last set is the latest period.
    text = _history(scores)
    findings = lint_rule(text, "SND005", D(2025, 12, 31), **options)
    assert codes(findings) == (["SND005"] if flagged else [])
    if flagged:
        lines = text.splitlines()
        last_team_line = max(n for n, line in enumerate(lines, 1) if line.startswith("team:"))
        assert findings[0].line == last_team_line


def test_always_perfect_scores_ignores_committed_and_open_periods() -> None:
    assert lint_rule(_history([[1.0], [1.0]], kind="committed"), "SND005", D(2025, 12, 31)) == []
    # As of 2025-06-01 only 2025-Q1 is closed: not enough history.
    assert lint_rule(_history([[1.0], [1.0]]), "SND005", D(2025, 6, 1)) == []
