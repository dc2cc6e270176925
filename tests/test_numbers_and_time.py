"""Boundary values of the rules on numbers, dates and the whole repository."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from okrlint import lint_paths
from okrlint.config import Overrides
from okrlint.engine import RunOptions
from okrlint.findings import Finding
from okrlint.model import PeriodRange
from okrlint.periods import DateRange, resolve_period
from okrlint.testing import lint_text

D = dt.date


def _kr(fields: str, kind: str = "aspirational", period: str = "2026-Q1") -> str:
    body = "".join(f"        {line.strip()}\n" for line in fields.strip().splitlines())
    return (
        f"team: Growth\nperiod: {period}\nobjectives:\n  - title: Grow\n    type: {kind}\n"
        f"    key_results:\n      - title: Move the number\n{body}"
    )


def _codes(findings: list[Finding]) -> list[str]:
    return [f.code for f in findings]


FEBRUARY = D(2026, 2, 1)


def lint(text: str, code: str, today: dt.date = FEBRUARY, **options: object) -> list[Finding]:
    return lint_text(text, select=[code], options={code: options} if options else None, today=today)


# Periods


@pytest.mark.parametrize(
    ("period", "fiscal", "start", "end"),
    [
        ("2026", 1, D(2026, 1, 1), D(2026, 12, 31)),
        ("2026-Q1", 1, D(2026, 1, 1), D(2026, 3, 31)),
        ("2026-Q4", 1, D(2026, 10, 1), D(2026, 12, 31)),
        ("2026-H2", 1, D(2026, 7, 1), D(2026, 12, 31)),
        ("2026-02", 1, D(2026, 2, 1), D(2026, 2, 28)),
        ("2024-02", 1, D(2024, 2, 1), D(2024, 2, 29)),
        # A fiscal year starting in February is named after the year it ends in.
        ("2026", 2, D(2025, 2, 1), D(2026, 1, 31)),
        ("2026-Q1", 2, D(2025, 2, 1), D(2025, 4, 30)),
        ("2026-Q4", 2, D(2025, 11, 1), D(2026, 1, 31)),
        ("2026-H2", 7, D(2026, 1, 1), D(2026, 6, 30)),
        # Months stay calendar months whatever the fiscal year.
        ("2026-03", 7, D(2026, 3, 1), D(2026, 3, 31)),
    ],
)
def test_periods_resolve_to_date_ranges(
    period: str, fiscal: int, start: dt.date, end: dt.date
) -> None:
    assert resolve_period(period, fiscal) == DateRange(start, end)


def test_explicit_and_unreadable_periods() -> None:
    explicit = PeriodRange(start=D(2026, 1, 15), end=D(2026, 2, 14))
    assert resolve_period(explicit) == DateRange(D(2026, 1, 15), D(2026, 2, 14))
    assert resolve_period("2026-13") is None
    assert resolve_period("next quarter") is None


def test_fiscal_year_start_from_the_config_moves_the_period(tmp_path: Path) -> None:
    (tmp_path / ".okrlint.yaml").write_text("fiscal_year_start: 2\n")
    # With a February year, 2026-Q1 ended on 2025-04-30, so a check-in in March 2026 is outside.
    (tmp_path / "growth.yaml").write_text(
        _kr("checkins:\n  - {date: 2026-03-02, value: 3}\nbaseline: 1\ntarget: 5")
    )
    options = RunOptions(Overrides(select=["CUL004"]), today=D(2026, 5, 1))
    findings = lint_paths([tmp_path], options=options).findings
    assert _codes(findings) == ["CUL004"]
    assert "after 2026-Q1 ended on 2025-04-30" in findings[0].message


# SND001 timid-target


@pytest.mark.parametrize(
    ("fields", "kind", "flagged"),
    [
        ("baseline: 50\ntarget: 52.5", "aspirational", False),  # exactly 5%
        ("baseline: 50\ntarget: 52.4", "aspirational", True),
        ("baseline: 100\ntarget: 103", "committed", False),  # exactly 3%
        ("baseline: 100\ntarget: 102.9", "committed", True),
        ("baseline: 5\ntarget: 4.8\nunit: '%'", "aspirational", True),  # reduce by 4%
        ("baseline: 5\ntarget: 4.5\nunit: '%'", "aspirational", False),  # reduce by 10%
        ("baseline: 5\ntarget: 4.8\ndirection: decrease", "committed", False),
        ("baseline: 0\ntarget: 1", "aspirational", False),  # no relative change from zero
        ("baseline: -20\ntarget: -19", "aspirational", False),  # 5% of |-20|
        ("baseline: -20\ntarget: -19.5", "aspirational", True),
        ("baseline: 95\ntarget: 99\nunit: '%'", "aspirational", False),  # 80% fewer failures
        ("baseline: 95\ntarget: 96\nunit: '%'", "aspirational", True),  # 20% fewer failures
        ("baseline: 95\ntarget: 96\nunit: '%'", "committed", False),  # committed asks 10%
        ("baseline: 80\ntarget: 83\nunit: '%'", "aspirational", False),  # 15% of the room
        ("baseline: 80\ntarget: 82\nunit: '%'", "aspirational", False),  # 10% of the room
        ("baseline: 80\ntarget: 80.5\nunit: '%'", "aspirational", True),
        ("baseline: 95\ntarget: 99", "aspirational", True),  # not a percentage: 4.2%
        ("baseline: 50", "aspirational", False),  # no target
        ("target: 55", "aspirational", False),  # no baseline
        ("baseline: 50\ntarget: 50", "aspirational", False),  # no change: SND002's
        ("baseline: 50\ntarget: 51\ndirection: decrease", "aspirational", False),  # wrong way
        ("baseline: 50\ntarget: 51\ndirection: maintain", "aspirational", False),
    ],
)
def test_timid_target_boundaries(fields: str, kind: str, flagged: bool) -> None:
    assert _codes(lint(_kr(fields, kind), "SND001")) == (["SND001"] if flagged else [])


def test_timid_target_message_shows_the_numbers_and_options_apply() -> None:
    [finding] = lint(_kr("baseline: 5\ntarget: 4.8\nunit: '%'"), "SND001")
    assert (
        "the target 4.8% is only 0.2 percentage points (4%) below the baseline 5%"
        in finding.message
    )
    assert "at least 5%" in finding.message
    assert lint(_kr("baseline: 5\ntarget: 4.8"), "SND001", aspirational=0.04) == []


# SND002 target-already-met


@pytest.mark.parametrize(
    ("fields", "today", "line"),
    [
        ("baseline: 45\ntarget: 45\ndirection: increase", D(2026, 2, 1), 8),  # at the target
        ("baseline: 44.9\ntarget: 45\ndirection: increase", D(2026, 2, 1), None),
        ("baseline: 15\ntarget: 15\ndirection: decrease", D(2026, 2, 1), 8),
        ("baseline: 45\ntarget: 45", D(2026, 2, 1), None),  # inferred: maintain
        ("baseline: 32\ntarget: 45\ncurrent: 45", D(2026, 2, 1), 10),
        # Half the quarter (45 of 90 days) is still early; one day later is not.
        ("baseline: 32\ntarget: 45\ncurrent: 45", D(2026, 2, 14), 10),
        ("baseline: 32\ntarget: 45\ncurrent: 45", D(2026, 2, 15), None),
        ("baseline: 42\ntarget: 15\ncurrent: 15", D(2026, 1, 5), 10),
        ("baseline: 42\ntarget: 15\ncurrent: 16", D(2026, 1, 5), None),
        ("target: 45\ncurrent: 50", D(2026, 1, 5), None),  # direction unknown
        ("baseline: 32\ncurrent: 50", D(2026, 1, 5), None),  # no target
    ],
)
def test_target_already_met_boundaries(fields: str, today: dt.date, line: int | None) -> None:
    findings = lint(_kr(fields), "SND002", today)
    assert [f.line for f in findings] == ([line] if line else [])


def test_target_already_met_in_a_future_period_and_by_a_checkin() -> None:
    planned = _kr("baseline: 32\ntarget: 45\ncurrent: 46", period="2026-Q2")
    assert _codes(lint(planned, "SND002", D(2026, 3, 20))) == ["SND002"]
    late = _kr(
        "baseline: 32\ntarget: 45\ncheckins:\n  - {date: 2026-01-10, value: 40}\n"
        "  - {date: 2026-03-25, value: 45}"
    )
    assert lint(late, "SND002", D(2026, 3, 28)) == []
    [finding] = lint(late, "SND002", D(2026, 3, 28), early=0.95)
    assert "on 2026-03-25" in finding.message


# SND004 overconfident-start


@pytest.mark.parametrize(
    ("fields", "kind", "flagged"),
    [
        ("confidence: 0.9", "aspirational", True),  # exactly at the limit
        ("confidence: 0.89", "aspirational", False),
        ("confidence: 9/10", "committed", False),
        ("confidence: 90%", "aspirational", True),
        ("baseline: 1", "aspirational", False),  # no confidence at all
        # The first check-in by date, not by position in the list.
        (
            "confidence: 0.5\ncheckins:\n  - {date: 2026-02-01, confidence: 0.5}\n"
            "  - {date: 2026-01-05, confidence: 0.95}",
            "aspirational",
            True,
        ),
        (
            "confidence: 0.95\ncheckins:\n  - {date: 2026-01-05, confidence: 0.6}",
            "aspirational",
            False,
        ),
    ],
)
def test_overconfident_start_boundaries(fields: str, kind: str, flagged: bool) -> None:
    assert _codes(lint(_kr(fields, kind), "SND004")) == (["SND004"] if flagged else [])


# SND005 always-perfect-scores


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
    findings = lint(text, "SND005", D(2025, 12, 31), **options)
    assert _codes(findings) == (["SND005"] if flagged else [])
    if flagged:
        lines = text.splitlines()
        last_team_line = max(n for n, line in enumerate(lines, 1) if line.startswith("team:"))
        assert findings[0].line == last_team_line


def test_always_perfect_scores_ignores_committed_and_open_periods() -> None:
    assert lint(_history([[1.0], [1.0]], kind="committed"), "SND005", D(2025, 12, 31)) == []
    # As of 2025-06-01 only 2025-Q1 is closed: not enough history.
    assert lint(_history([[1.0], [1.0]]), "SND005", D(2025, 6, 1)) == []


# CUL002 stale-checkins


@pytest.mark.parametrize(
    ("fields", "today", "flagged"),
    [
        ("checkins:\n  - {date: 2026-02-01, value: 1}", D(2026, 2, 15), False),  # 14 days
        ("checkins:\n  - {date: 2026-02-01, value: 1}", D(2026, 2, 16), True),  # 15 days
        # A check-in dated in the future does not count as recent.
        (
            "checkins:\n  - {date: 2026-02-01, value: 1}\n  - {date: 2026-03-01, value: 2}",
            D(2026, 2, 16),
            True,
        ),
        # A check-in before the period began: counted from the start of the period.
        ("checkins:\n  - {date: 2025-12-28, value: 1}", D(2026, 1, 15), False),
        ("checkins:\n  - {date: 2025-12-28, value: 1}", D(2026, 1, 16), True),
        ("score: 0.7", D(2026, 3, 1), False),  # graded
        ("baseline: 1", D(2026, 4, 20), False),  # the period is over
        ("baseline: 1", D(2025, 12, 1), False),  # the period has not begun
        ("baseline: 1", D(2026, 3, 1), False),  # no check-ins kept here: not judged
    ],
)
def test_stale_checkins_boundaries(fields: str, today: dt.date, flagged: bool) -> None:
    findings = lint(_kr(fields), "CUL002", today)
    assert _codes(findings) == (["CUL002"] if flagged else [])


def test_stale_checkins_can_require_checkins() -> None:
    text = _kr("baseline: 1") + "      - title: Other\n        checkins: [{date: 2026-01-02}]\n"
    # By default only the key result that has check-ins is judged (and it is 18 days old).
    assert [f.line for f in lint(text, "CUL002", D(2026, 1, 20))] == [10]
    required = lint(text, "CUL002", D(2026, 1, 20), require_checkins=True)
    assert [f.line for f in required] == [7, 10]
    assert "no check-in since the period began on 2026-01-01" in required[0].message
    assert lint(text, "CUL002", D(2026, 1, 15), require_checkins=True) == []


def test_stale_checkins_message_and_limit() -> None:
    text = _kr("checkins:\n  - {date: 2026-02-01, value: 1}")
    [finding] = lint(text, "CUL002", D(2026, 2, 20))
    assert "the last check-in was on 2026-02-01, 19 days before 2026-02-20" in finding.message
    assert "the limit is 14 days" in finding.message
    assert lint(text, "CUL002", D(2026, 2, 20), days=21) == []


# CUL003 missed-without-learning


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
    findings = lint(_kr(fields, kind), "CUL003", today)
    assert _codes(findings) == (["CUL003"] if flagged else [])


def test_the_google_preset_keeps_the_playbook_grades(tmp_path: Path) -> None:
    (tmp_path / ".okrlint.yaml").write_text("preset: google\n")
    (tmp_path / "growth.yaml").write_text(_kr("score: 0.65"))
    options = RunOptions(Overrides(select=["CUL003"]), today=D(2026, 4, 1))
    [finding] = lint_paths([tmp_path], options=options).findings
    assert "scored 0.65, below the 0.7 expected of an aspirational key result" in finding.message


# CUL004 checkin-outside-period


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
    text = _kr(f"checkins:\n  - {{date: {day.isoformat()}, value: 1}}")
    assert _codes(lint(text, "CUL004", today)) == (["CUL004"] if flagged else [])


def test_checkin_outside_period_with_no_grace() -> None:
    text = _kr("checkins:\n  - {date: 2025-12-31, value: 1}")
    [finding] = lint(text, "CUL004", D(2026, 2, 1), grace_days=0)
    assert "1 day before 2026-Q1 began on 2026-01-01" in finding.message


# ALN001 broken-alignment


def _set(team: str, period: str, aligns: str = "", objective_aligns: str = "") -> str:
    link = f"aligns_to: {aligns}\n" if aligns else ""
    objective_link = f"    aligns_to: {objective_aligns}\n" if objective_aligns else ""
    return (
        f"team: {team}\nperiod: {period}\n{link}objectives:\n  - id: O1\n    title: Grow\n"
        f"{objective_link}    key_results: [Raise activation from 30% to 45%]\n"
    )


def test_alignment_suggests_the_nearest_objective_and_period() -> None:
    text = (
        _set("Company", "2026-Q1")
        + "---\n"
        + _set("Growth", "2026-Q1", "Company/2026-Q1#01")
        + "---\n"
        + _set("Sales", "2026-Q1", "company/2026-Q")
    )
    messages = [f.message for f in lint(text, "ALN001")]
    assert messages == [
        "aligns_to 'Company/2026-Q1#01': Company/2026-Q1 has no objective '01' (it has O1); "
        "did you mean 'O1'?",
        "aligns_to 'company/2026-Q': '2026-Q' is not a period (2026-Q1, 2026-H1, 2026 or 2026-03)",
    ]


def test_alignment_to_a_set_of_another_cadence_resolves_by_dates() -> None:
    # A quarter aligning to the company's year, with the period left out or written out.
    text = (
        _set("Company", "2026")
        + "---\n"
        + _set("Growth", "2026-Q2", "company#O1")
        + "---\n"
        + _set("Sales", "2026-Q2", "company/2026#O1")
        + "---\n"
        + _set("Support", "2027-Q1", "company#O1")
    )
    [finding] = lint(text, "ALN001")
    assert finding.message.startswith("aligns_to 'company#O1': Company has no OKR set overlapping")


def test_alignment_cycles_are_reported_and_terminate() -> None:
    self_link = _set("Growth", "2026-Q1", objective_aligns="growth/2026-Q1#O1")
    [finding] = lint(self_link, "ALN001")
    assert "Growth/2026-Q1#O1 -> Growth/2026-Q1#O1" in finding.message
    three = (
        _set("A", "2026-Q1", "b/2026-Q1#O1")
        + "---\n"
        + _set("B", "2026-Q1", "c/2026-Q1#O1")
        + "---\n"
        + _set("C", "2026-Q1", "a/2026-Q1#O1")
        + "---\n"
        # D points into the loop without being part of it: no cycle for D, and no hang.
        + _set("D", "2026-Q1", "a/2026-Q1#O1")
    )
    findings = lint(three, "ALN001")
    assert [f.line for f in findings] == [3, 11, 19]
    assert "A/2026-Q1 -> B/2026-Q1#O1 -> C/2026-Q1#O1 -> A/2026-Q1#O1" in findings[0].message


# ALN002 conflicting-key-results


def _push(team: str, period: str, metric: str, baseline: float, target: float) -> str:
    return (
        f"team: {team}\nperiod: {period}\nobjectives:\n  - title: Grow\n    key_results:\n"
        f"      - title: Move {metric}\n        metric: {metric}\n"
        f"        baseline: {baseline}\n        target: {target}\n"
    )


@pytest.mark.parametrize(
    ("other", "flagged"),
    [
        (_push("Finance", "2026-Q1", "The Average-Discount!", 12, 8), True),  # normalised
        (_push("Finance", "2026-H1", "average discount", 12, 8), True),  # overlapping
        (_push("Finance", "2026-Q2", "average discount", 12, 8), False),  # another time
        (_push("Finance", "2026-Q1", "average discount", 8, 12), False),  # same way
        (_push("Finance", "2026-Q1", "average discount", 12, 12), False),  # maintain
        (_push("Finance", "2026-Q1", "average deal size", 12, 8), False),
    ],
)
def test_conflicting_key_results(other: str, flagged: bool) -> None:
    text = _push("Sales", "2026-Q1", "average discount", 10, 14) + "---\n" + other
    assert len(lint(text, "ALN002")) == (2 if flagged else 0)


def test_one_set_pushing_both_ways_is_not_a_conflict_between_sets() -> None:
    text = (
        "team: Sales\nperiod: 2026-Q1\nobjectives:\n  - title: Grow\n    key_results:\n"
        "      - {title: Raise discount, metric: discount, baseline: 10, target: 14}\n"
        "      - {title: Cut discount, metric: discount, baseline: 10, target: 8}\n"
    )
    assert lint(text, "ALN002") == []


def _said(team: str, sentence: str) -> str:
    return (
        f"team: {team}\nperiod: 2026-Q1\nobjectives:\n  - title: Grow\n    key_results:\n"
        f"      - {sentence}\n"
    )


def test_conflicts_are_found_from_the_metric_read_in_the_sentence() -> None:
    text = (
        _said("Sales", "Raise the average discount on new deals from 10% to 14%")
        + "---\n"
        + _said("Finance", "Cut the average discount on new deals from 12% to 8%")
    )
    findings = lint(text, "ALN002")
    assert [f.line for f in findings] == [6, 13]
    assert "pushes 'average discount on new deals' up, while Finance" in findings[0].message


def test_a_one_word_metric_read_from_text_is_too_vague_to_conflict() -> None:
    # Both sentences read as the metric "share", which names no metric in particular.
    text = (
        _said("Growth", "Raise the share of trial teams that invite a teammate from 30% to 45%")
        + "---\n"
        + _said("Support", "Cut the share of customers who contact support from 30% to 22%")
    )
    assert lint(text, "ALN002") == []


def test_timid_targets_are_read_from_the_sentence_unless_told_not_to() -> None:
    text = _said("Sales", "Raise the mid-market win rate from 16% to 16.5%")
    [finding] = lint(text, "SND001")
    assert (
        "the target 16.5% is only 0.5 percentage points (3.12%) above the baseline 16%"
        in finding.message
    )
    assert lint(text, "SND001", from_text=False) == []


def test_a_conflict_read_from_text_is_found_when_one_file_is_linted(tmp_path: Path) -> None:
    (tmp_path / ".okrlint.yaml").write_text("")
    (tmp_path / "sales.yaml").write_text(
        _said("Sales", "Raise the average discount on new deals from 10% to 14%")
    )
    (tmp_path / "finance.yaml").write_text(
        _said("Finance", "Cut the average discount on new deals from 12% to 8%")
    )
    options = RunOptions(Overrides(select=["ALN002"]), today=FEBRUARY)
    [finding] = lint_paths([tmp_path / "sales.yaml"], options=options).findings
    assert finding.path.endswith("sales.yaml")
    assert "Finance pushes it down in 2026-Q1" in finding.message
