"""Values as other tools write them, converted to okrlint's: periods, directions, confidence."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from okrlint.inputs.aliases import fold

# `2026-Q1`, `2026Q1`, `2026 Q1`, `Q1 2026`, `Q1-2026`, `FY26-Q1`, `FY2026 Q1`, `2026-H1`,
# `H1 2026`, `Q2'24`, with a year of two or four digits.
_QUARTER_FIRST = re.compile(
    r"^(?P<part>[QH])(?P<n>[1-4])[\s\-_/']*(?:FY)?(?P<year>\d{4}|\d{2})$", re.IGNORECASE
)
_YEAR_FIRST = re.compile(
    r"^(?:FY)?[\s\-_]*(?P<year>\d{4}|\d{2})[\s\-_/]*(?P<part>[QH])(?P<n>[1-4])$", re.IGNORECASE
)
_NATIVE = re.compile(r"^\d{4}(-(Q[1-4]|H[12]|(0[1-9]|1[0-2])))?$")
_BARE = re.compile(r"^(?P<part>[QH])(?P<n>[1-4])$", re.IGNORECASE)
_YEAR = re.compile(r"^(?:FY)?[\s\-_]*(?P<year>\d{4})$", re.IGNORECASE)
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# A period named in a file or folder name: `2026-q1`, `q1-2026`, `2026Q1`, `fy26-q1`, `2026-h2`.
_IN_NAME = re.compile(
    r"(?<![0-9a-z])(?:fy[\-_]?)?(?:(?P<y1>\d{4}|\d{2})[\-_ ]?(?P<p1>[qh][1-4])"
    r"|(?P<p2>[qh][1-4])[\-_ ]?(?:fy[\-_]?)?(?P<y2>\d{4}))(?![0-9a-z])",
    re.IGNORECASE,
)
_YEAR_IN_NAME = re.compile(r"(?<![0-9])(20\d\d)(?![0-9])")


def _year(text: str) -> int:
    year = int(text)
    return 2000 + year if year < 100 else year


def to_period(value: Any, year: int | None = None, fiscal_year_start: int = 1) -> str | None:
    """A period as okrlint writes it (`2026-Q1`), or None when the value names none.

    A date stands for the quarter it falls in (an objective's `end:`). A quarter without a year
    (`Q4`) takes `year` when given.
    """
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return _quarter_of(value, fiscal_year_start)
    if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 9999:
        return str(value)
    if not isinstance(value, str):
        return None
    text = value.strip()
    if _NATIVE.match(text):
        return text
    if _ISO_DATE.match(text):
        try:
            return _quarter_of(dt.date.fromisoformat(text), fiscal_year_start)
        except ValueError:
            return None
    for pattern in (_QUARTER_FIRST, _YEAR_FIRST):
        match = pattern.match(text)
        if match:
            return f"{_year(match['year'])}-{match['part'].upper()}{match['n']}"
    match = _YEAR.match(text)
    if match:
        return match["year"]
    match = _BARE.match(text)
    if match and year is not None and (match["part"].upper() == "Q" or match["n"] in "12"):
        return f"{year}-{match['part'].upper()}{match['n']}"
    return None


def _quarter_of(day: dt.date, fiscal_year_start: int) -> str:
    months = (day.month - fiscal_year_start) % 12
    fiscal_year = (
        day.year if fiscal_year_start == 1 or day.month < fiscal_year_start else (day.year + 1)
    )
    return f"{fiscal_year}-Q{months // 3 + 1}"


def period_in_name(name: str) -> str | None:
    """The period a file or folder name states (`growth-2026-q1.md`), if any."""
    match = _IN_NAME.search(name)
    if match is None:
        return None
    year = match["y1"] or match["y2"]
    part = (match["p1"] or match["p2"]).upper()
    return f"{_year(year)}-{part}"


def year_in_name(name: str) -> int | None:
    match = _YEAR_IN_NAME.search(name)
    return int(match[1]) if match else None


_DIRECTIONS = {
    "increase": ("increase", ">=", ">", "up", "higher", "raise", "grow", "more", "max", "maximize"),
    "decrease": ("decrease", "<=", "<", "down", "lower", "reduce", "less", "min", "minimize"),
    "maintain": ("maintain", "==", "=", "hold", "keep", "stable", "steady", "flat"),
}
_DIRECTION_OF = {fold(word): name for name, words in _DIRECTIONS.items() for word in words}
# `<=` folds to itself: folding only drops `_`, `-` and spaces.

# What a word of confidence stands for on okrlint's 0..1 scale, unless a mapping says otherwise.
CONFIDENCE_WORDS: dict[str, float] = {
    "very low": 0.1,
    "low": 0.3,
    "medium": 0.5,
    "moderate": 0.5,
    "high": 0.7,
    "very high": 0.9,
}


def to_direction(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    return _DIRECTION_OF.get(fold(value.strip()))


def convert(field_name: str, value: Any, table: dict[str, Any] | None) -> Any:
    """A value of `field_name` as okrlint reads it: first the mapping's own table, then the
    built-in conversions; anything else is passed on for validation to judge."""
    if table and isinstance(value, str | int | float) and not isinstance(value, bool):
        for written, meant in table.items():
            if fold(str(written)) == fold(str(value)):
                return meant
    if field_name == "direction":
        return to_direction(value) or value
    if field_name in ("confidence",) and isinstance(value, str):
        return CONFIDENCE_WORDS.get(value.strip().lower(), value)
    return value


def names_from_path(path: Path) -> tuple[str | None, str | None, int | None]:
    """The team, period and year a file's name (or its folder's) states, if any.

    `okrs/growth-2026-q1.md` is team growth, period 2026-Q1; `goals/2026-q1.md` names only the
    period, and the team is then the folder's name.
    """
    stem = path.stem
    period = period_in_name(stem) or period_in_name(path.parent.name)
    year = year_in_name(stem) or year_in_name(path.parent.name)
    rest = _IN_NAME.sub(" ", stem)
    rest = _YEAR_IN_NAME.sub(" ", rest)
    words = [w for w in re.split(r"[\s\-_.]+", rest) if w and fold(w) not in _NOT_TEAMS]
    team = " ".join(words) if words else None
    if team is None and path.parent.name and fold(path.parent.name) not in _NOT_TEAMS:
        folder = _YEAR_IN_NAME.sub(" ", _IN_NAME.sub(" ", path.parent.name)).strip(" -_")
        team = folder or None
    return team, period, year


_NOT_TEAMS = frozenset(
    fold(w) for w in ("okr", "okrs", "goals", "objectives", "readme", "index", "", ".", "export")
)


_NUMERIC_FIELDS = frozenset({"baseline", "target", "current", "score", "confidence"})
_PLAIN_NUMBER = re.compile(r"^[-+]?\d+(?:\.\d+)?$")


def cell_value(field_name: str, text: str) -> Any:
    """A spreadsheet or table cell as a field's value: plain numbers of numeric fields as
    numbers, words of confidence as fractions; anything else as written."""
    if field_name in _NUMERIC_FIELDS and _PLAIN_NUMBER.match(text.strip()):
        number = float(text)
        return int(number) if number.is_integer() and "." not in text else number
    return convert(field_name, text, None)
