"""SND006: what its metadata examples do not cover."""

from __future__ import annotations

from rule_helpers import D, kr_set, lint_rule

from okrlint.findings import Severity

MARCH = D(2026, 3, 1)
# 40% to 80%, at 44 on 2026-02-25 (62% of the quarter gone): 10% of the way.
BEHIND = kr_set(
    "title: Raise card payments settled the same day from 40% to 80%\n"
    "        checkins:\n"
    "          - {date: 2026-01-10, value: 41, confidence: 0.8}\n"
    "          - {date: 2026-02-25, value: 44, confidence: 0.8}"
)
UNMOVING = kr_set(
    "title: Raise invoices paid by direct debit from 20% to 35%\n"
    "        checkins:\n"
    + "".join(
        f"          - {{date: {day}, value: {value}, confidence: 0.6}}\n"
        for day, value in [
            ("2026-01-05", 21),
            ("2026-01-19", 24),
            ("2026-02-02", 26),
            ("2026-02-16", 27),
            ("2026-03-02", 29),
        ]
    ).rstrip("\n")
)


def test_the_finding_is_info_at_the_latest_check_in() -> None:
    (finding,) = lint_rule(BEHIND, "SND006", today=MARCH)
    assert (finding.line, finding.column) == (9, 13)
    assert finding.severity is Severity.INFO
    assert finding.message.startswith(
        "the check-in of 2026-02-25 rates confidence 0.8 while the key result is 10% of the way "
        "from 40 to 80 (at 44) with 62% of the period gone;"
    )


def test_a_lower_confidence_at_the_latest_check_in_clears_it() -> None:
    text = BEHIND + "\n          - {date: 2026-02-27, value: 44, confidence: 0.4}"
    assert lint_rule(text, "SND006", today=MARCH) == []
    # ...unless that check-in is after the day linted.
    assert [f.line for f in lint_rule(text, "SND006", today=D(2026, 2, 26))] == [9]


def test_high_min_elapsed_and_pace_move_the_thresholds() -> None:
    assert lint_rule(BEHIND, "SND006", today=MARCH, high=0.9) == []
    assert lint_rule(BEHIND, "SND006", today=MARCH, min_elapsed=0.7) == []
    assert lint_rule(BEHIND, "SND006", today=MARCH, pace=0.1) == []
    assert len(lint_rule(BEHIND, "SND006", today=MARCH, pace=0.2)) == 1


def test_an_unmoving_confidence_needs_enough_check_ins_over_enough_of_the_period() -> None:
    today = D(2026, 3, 5)
    (finding,) = lint_rule(UNMOVING, "SND006", today=today)
    assert finding.line == 12
    assert finding.message.startswith(
        "confidence is 0.6 at all 5 check-ins from 2026-01-05 to 2026-03-02:"
    )
    assert lint_rule(UNMOVING, "SND006", today=today, min_checkins=6) == []
    assert lint_rule(UNMOVING, "SND006", today=today, min_span=0.7) == []


def test_without_a_baseline_and_target_progress_is_not_judged() -> None:
    text = BEHIND.replace(" from 40% to 80%", "")
    assert lint_rule(text, "SND006", today=MARCH) == []
