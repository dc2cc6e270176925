"""Periods as date ranges: `2026`, `2026-H1`, `2026-Q1`, `2026-03` or `{start, end}`.

Years, halves and quarters follow the fiscal year set by `fiscal_year_start` (the month it begins,
1 = January). A fiscal year that does not start in January is named after the calendar year in
which it ends, the usual convention (a year starting in February 2025 is fiscal 2026, so
`2026-Q1` is February to April 2025). Months (`2026-03`) are always calendar months.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from okrlint.model import PeriodRange

_PERIOD = re.compile(
    r"^(?P<year>\d{4})(?:-(?:Q(?P<quarter>[1-4])|H(?P<half>[12])|(?P<month>\d\d)))?$"
)


@dataclass(frozen=True, slots=True, order=True)
class DateRange:
    """The first and the last day of a period, both included."""

    start: dt.date
    end: dt.date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    def overlaps(self, other: DateRange) -> bool:
        return self.start <= other.end and other.start <= self.end

    def is_closed(self, today: dt.date) -> bool:
        """The period is over: its last day is before today."""
        return self.end < today

    def is_active(self, today: dt.date) -> bool:
        return self.contains(today)

    def elapsed_share(self, day: dt.date) -> float:
        """How far into the period a day is: 0 at the start, 1 at the end (clamped)."""
        share = ((day - self.start).days + 1) / self.days
        return min(1.0, max(0.0, share))


def _add_months(year: int, month: int, offset: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + offset
    return index // 12, index % 12 + 1


def _month_range(year: int, month: int, months: int) -> DateRange | None:
    end_year, end_month = _add_months(year, month, months)
    try:
        return DateRange(dt.date(year, month, 1), dt.date(end_year, end_month, 1) - dt.timedelta(1))
    except (ValueError, OverflowError):
        return None  # beyond the calendar dates can hold (year 0, year 10000)


def resolve_period(period: str | PeriodRange, fiscal_year_start: int = 1) -> DateRange | None:
    """The dates a period covers, or None for text that is not a period."""
    if isinstance(period, PeriodRange):
        return DateRange(period.start, period.end)
    return _resolve_text(period, fiscal_year_start)


# Every rule about dates asks for the period of every file, and a repository names a handful of
# periods; a DateRange is frozen, so one can be shared.
@lru_cache(maxsize=1024)
def _resolve_text(period: str, fiscal_year_start: int) -> DateRange | None:
    match = _PERIOD.match(period.strip())
    if match is None:
        return None
    year = int(match["year"])
    if match["month"]:
        month = int(match["month"])
        return _month_range(year, month, 1) if 1 <= month <= 12 else None
    # Fiscal year `year` ends in calendar year `year`, so it starts in `year - 1` unless January.
    first_year = year if fiscal_year_start == 1 else year - 1
    if match["quarter"]:
        offset, months = (int(match["quarter"]) - 1) * 3, 3
    elif match["half"]:
        offset, months = (int(match["half"]) - 1) * 6, 6
    else:
        offset, months = 0, 12
    start_year, start_month = _add_months(first_year, fiscal_year_start, offset)
    return _month_range(start_year, start_month, months)


def period_label(period: str | PeriodRange) -> str:
    """A period as people write it: `2026-Q1`, or `2026-01-01..2026-03-31`."""
    if isinstance(period, PeriodRange):
        return f"{period.start.isoformat()}..{period.end.isoformat()}"
    return period


def period_text(period: object) -> str:
    """A period as findings name it: as written, or `START..END` for a range."""
    if isinstance(period, dict):
        return f"{period.get('start', '')}..{period.get('end', '')}"
    start, end = getattr(period, "start", None), getattr(period, "end", None)
    if start is not None and end is not None:
        return f"{start}..{end}"
    return "" if period is None else str(period)
