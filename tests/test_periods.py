"""Periods resolve to date ranges, with the fiscal year's start."""

from __future__ import annotations

import datetime as dt

import pytest

from okrlint.model import PeriodRange
from okrlint.periods import DateRange, resolve_period

D = dt.date


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
