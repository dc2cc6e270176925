"""Quantities: a number with what it counts (milliseconds, percent, euros), compared in one unit.

A key result's baseline and target are only comparable when they measure the same kind of thing:
"from 1.2 s to 800 ms" is a cut of a third, "from 5% to 200 ms" is no comparison at all.
Conversions between units of time and of data go through pint, with a small application
registry (pint's full registry takes a quarter of a second to build, and calls a quarter a unit of
mass). pint is imported only when two units differ: plain numbers, percentages, money and
quantities already in one unit never reach it.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from dataclasses import dataclass
from typing import Any

from okrlint.text.number_mentions import BASELINE, TARGET, THRESHOLD, NumberMention

# What a quantity measures.
TIME = "time"
DATA = "data"
PERCENT = "percent"
POINTS = "percentage points"
MONEY = "money"
COUNT = "count"
MULTIPLE = "multiple"
PLACEHOLDER = "placeholder"
OTHER = "other"

# Spellings of time and data units, by the unit name of the registry below.
_TIME_SPELLINGS = (
    (r"ms|msecs?|millis(?:econds?)?", "millisecond"),
    (r"s|secs?|seconds?", "second"),
    (r"m|mins?|minutes?", "minute"),
    (r"h|hrs?|hours?", "hour"),
    (r"(?:business|working|work)[\s-]days?|bd", "business_day"),
    (r"d|days?", "day"),
    (r"w|wks?|weeks?", "week"),
    (r"mos?|months?", "month"),
    (r"quarters?", "quarter"),
    (r"y|yrs?|years?", "year"),
    (r"sprints?", "sprint"),
)
_DATA_SPELLINGS = (
    (r"b|bytes?", "byte"),
    (r"kb|kilobytes?", "kilobyte"),
    (r"mb|megabytes?", "megabyte"),
    (r"gb|gigabytes?", "gigabyte"),
    (r"tb|terabytes?", "terabyte"),
    (r"pb|petabytes?", "petabyte"),
    (r"kib", "kibibyte"),
    (r"mib", "mebibyte"),
    (r"gib", "gibibyte"),
    (r"tib", "tebibyte"),
)
_CURRENCY_SYMBOLS = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY"}
_CURRENCY_CODE = re.compile(r"usd|eur|gbp|jpy|chf|cad|aud|inr|cny", re.IGNORECASE)
_PERCENT_UNITS = frozenset({"%", "percent", "pct", "percentage"})
_POINT_UNITS = frozenset({"pp", "pts", "points", "point", "percentage points", "percentage point"})
_MULTIPLE_UNITS = frozenset({"x", "×", "times"})
# Units without a fixed length: a sprint is one to four weeks, depending on the team.
_UNFIXED = frozenset({"sprint"})

# The application registry: the units key results are written in, in pint's definition syntax.
# A month is a twelfth of a Julian year, as in pint's own registry; a business day is counted as
# 7/5 of a calendar day, since five of them take a calendar week.
_DEFINITIONS = """
second = [time] = s
millisecond = 1e-3 * second = ms
minute = 60 * second = min
hour = 60 * minute = h
day = 24 * hour = d
business_day = 7 / 5 * day
week = 7 * day
year = 365.25 * day
month = year / 12
quarter = 3 * month
byte = [information] = B
kilobyte = 1e3 * byte = kB
megabyte = 1e6 * byte = MB
gigabyte = 1e9 * byte = GB
terabyte = 1e12 * byte = TB
petabyte = 1e15 * byte = PB
kibibyte = 1024 * byte = KiB
mebibyte = 1024 * kibibyte = MiB
gibibyte = 1024 * mebibyte = GiB
tebibyte = 1024 * gibibyte = TiB
"""


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number and what it measures: `unit` is the registry's unit name, a currency code, "%"."""

    value: float | None
    dimension: str
    unit: str
    text: str
    # The upper end of a range ("10-15%").
    upper: float | None = None
    # The value in the registry's base unit (seconds, bytes), when the reading converted it.
    base: float | None = None

    @property
    def known(self) -> bool:
        return self.value is not None


@dataclass(frozen=True, slots=True)
class Pair:
    """A baseline and a target in one unit, or why they cannot be compared."""

    baseline: float | None
    target: float | None
    unit: str
    dimension: str
    # Why the two cannot be compared ("5% and 200 ms measure different things"), or None.
    problem: str | None = None


@functools.lru_cache(maxsize=4096)
def unit_of(written: str) -> tuple[str, str]:
    """The dimension and unit name of a unit as written ("ms" -> time, millisecond)."""
    word = written.strip().casefold()
    if not word:
        return COUNT, ""
    if word in _PERCENT_UNITS:
        return PERCENT, "%"
    if word in _POINT_UNITS:
        return POINTS, "pp"
    if word in _MULTIPLE_UNITS:
        return MULTIPLE, "x"
    if word in _CURRENCY_SYMBOLS:
        return MONEY, _CURRENCY_SYMBOLS[word]
    if _CURRENCY_CODE.fullmatch(word):
        return MONEY, word.upper()
    for pattern, name in _TIME_SPELLINGS:
        if re.fullmatch(pattern, word):
            return TIME, name
    for pattern, name in _DATA_SPELLINGS:
        if re.fullmatch(pattern, word):
            return DATA, name
    return OTHER, word


def from_mention(mention: NumberMention) -> Quantity:
    """The quantity a number of the text states."""
    if mention.kind == "redacted":
        return Quantity(None, PLACEHOLDER, mention.unit, mention.text)
    if mention.kind == "currency":
        dimension, unit = unit_of(mention.unit)
    elif mention.kind == "multiple":
        dimension, unit = MULTIPLE, "x"
    else:
        dimension, unit = unit_of(mention.unit)
    return Quantity(mention.value, dimension, unit, mention.text, mention.upper, mention.base)


_WRITTEN = re.compile(
    r"^\s*(?P<sign>[-+]?)\s*(?P<currency>[$€£¥]|(?:usd|eur|gbp|jpy|chf|cad|aud|inr|cny)\s)?\s*"
    r"(?P<number>\d[\d,_]*(?:\.\d+)?|\.\d+)\s*(?:(?P<scale>k|m|mm|bn|b)(?![a-z]))?"
    r"\s*(?P<unit>[^\d\s].*?)?\s*$",
    re.IGNORECASE,
)
_SCALES = {"k": 1e3, "m": 1e6, "mm": 1e6, "b": 1e9, "bn": 1e9}


def parse_written(text: str) -> Quantity | None:
    """A field value as written ("1.5 s", "700 ms", "$1.2M", "45%", "2 business days"), or None
    when it is not a number followed by at most a unit."""
    match = _WRITTEN.match(text)
    if match is None:
        return None
    number = float(match["number"].replace(",", "").replace("_", ""))
    scale = (match["scale"] or "").casefold()
    unit_text = (match["unit"] or "").strip()
    # "5m" alone is five million, as in the sentence; minutes are written "5 min".
    number *= _SCALES.get(scale, 1.0)
    if match["sign"] == "-":
        number = -number
    if match["currency"]:
        if unit_text:
            return Quantity(number, OTHER, f"{match['currency'].strip()} {unit_text}", text)
        dimension, unit = unit_of(match["currency"].strip())
    else:
        dimension, unit = unit_of(unit_text)
    return Quantity(number, dimension, unit, text.strip())


def describe(quantity: Quantity) -> str:
    """How a unit is named in a message."""
    if quantity.dimension == COUNT:
        return "a plain number"
    if quantity.dimension == PERCENT:
        return "a percentage"
    if quantity.dimension == POINTS:
        return "percentage points"
    if quantity.dimension == MONEY:
        return quantity.unit
    if quantity.dimension == MULTIPLE:
        return "a multiple"
    return symbol(quantity)


_SYMBOLS = {
    "millisecond": "ms",
    "second": "s",
    "minute": "min",
    "hour": "h",
    "business_day": "business days",
    "day": "days",
    "week": "weeks",
    "month": "months",
    "quarter": "quarters",
    "year": "years",
    "sprint": "sprints",
    "byte": "B",
    "kilobyte": "kB",
    "megabyte": "MB",
    "gigabyte": "GB",
    "terabyte": "TB",
    "petabyte": "PB",
    "kibibyte": "KiB",
    "mebibyte": "MiB",
    "gibibyte": "GiB",
    "tebibyte": "TiB",
}


def symbol(quantity: Quantity) -> str:
    """The unit as a `unit:` field writes it ("ms", "%", "EUR")."""
    return _SYMBOLS.get(quantity.unit, quantity.unit)


def pair(baseline: Quantity, target: Quantity, unit: Quantity | None = None) -> Pair:
    """The baseline and target in the target's unit (or `unit`'s), or why they cannot be.

    A bare number takes the unit of the other ("from 1.2 to 0.8 s"); quantities of one kind in
    different units are converted; anything else is not compared.
    """
    into = unit if unit is not None and unit.dimension != COUNT else target
    if into.dimension == COUNT:
        into = baseline
    values: list[float | None] = []
    for quantity in (baseline, target):
        converted = _into(quantity, into)
        if isinstance(converted, str):
            return Pair(None, None, into.unit, into.dimension, converted)
        values.append(converted)
    return Pair(values[0], values[1], into.unit, into.dimension)


def convert(value: float, quantity: Quantity, into: Quantity) -> float | str:
    """`value`, in `quantity`'s unit, expressed in `into`'s unit; or why it cannot be."""
    converted = _into(Quantity(value, quantity.dimension, quantity.unit, quantity.text), into)
    if converted is None:
        return "no value"
    return converted


def _into(quantity: Quantity, into: Quantity) -> float | str | None:
    if quantity.value is None:
        return None
    if quantity.dimension == COUNT or into.dimension == COUNT:
        return quantity.value
    if quantity.dimension == PLACEHOLDER or into.dimension == PLACEHOLDER:
        return None
    if quantity.dimension != into.dimension:
        return (
            f"'{quantity.text}' ({describe(quantity)}) and '{into.text}' ({describe(into)}) "
            "measure different things"
        )
    if quantity.unit == into.unit:
        return quantity.value
    if quantity.dimension == MONEY:
        return f"'{quantity.text}' and '{into.text}' are in two currencies"
    if quantity.dimension in (TIME, DATA):
        if quantity.base is not None and into.base is not None and into.value:
            # Both were converted when the text was read.
            return quantity.base * into.value / into.base
        if quantity.unit in _UNFIXED or into.unit in _UNFIXED:
            return (
                f"a {quantity.unit if quantity.unit in _UNFIXED else into.unit} has no fixed length"
            )
        return _convert(quantity.value, quantity.unit, into.unit)
    return f"'{quantity.text}' and '{into.text}' are in units okrlint cannot compare"


_BASE_UNITS = {TIME: "second", DATA: "byte"}


def base_values(first: NumberMention, second: NumberMention) -> tuple[float, float] | None:
    """Both values in seconds (or bytes) when they are times (or sizes) in two units."""
    if first.value is None or second.value is None:
        return None
    one, other = from_mention(first), from_mention(second)
    if one.dimension != other.dimension or one.dimension not in _BASE_UNITS:
        return None
    if one.unit == other.unit or one.unit in _UNFIXED or other.unit in _UNFIXED:
        return None
    base = _BASE_UNITS[one.dimension]
    return _convert(first.value, one.unit, base), _convert(second.value, other.unit, base)


def with_base_values(mentions: list[NumberMention]) -> list[NumberMention]:
    """The mentions of a sentence, its baseline and target with their values in seconds (or
    bytes) when it states them in two units of time (or size): the reader keeps them in the
    reading, so runs that find it in the cache compare them without loading pint."""
    baseline = next((m for m in mentions if m.role == BASELINE), None)
    target = next((m for m in reversed(mentions) if m.role in (TARGET, THRESHOLD)), None)
    if baseline is None or target is None:
        return mentions
    bases = base_values(baseline, target)
    if bases is None:
        return mentions
    based = {id(baseline): bases[0], id(target): bases[1]}
    return [dataclasses.replace(m, base=based[id(m)]) if id(m) in based else m for m in mentions]


def _convert(value: float, unit: str, into: str) -> float:
    registry = _registry()
    return float(registry.Quantity(value, unit).to(into).magnitude)


@functools.cache
def _registry() -> Any:
    """The application unit registry, built once per process on first use."""
    import pint

    registry: Any = pint.UnitRegistry(None, autoconvert_offset_to_baseunit=False)
    for line in _DEFINITIONS.strip().splitlines():
        registry.define(line)
    return registry
