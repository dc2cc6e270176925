"""The numbers of a key result: explicit fields first, then what the text's reading found.

Rules about targets (sandbagging, conflicts) all need the same few values; they get them here so
that explicit fields win over the text in one place only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from okrlint.model import Direction, KeyResult
from okrlint.text.reading import KeyResultReading

_UNITS_IN_PERCENT = frozenset({"%", "percent", "pct", "percentage", "percentage points", "pp"})
_WORD = re.compile(r"[^\w%]+")
_FILLER = frozenset({"the", "a", "an", "of", "our", "in", "on", "for", "to"})


@dataclass(frozen=True, slots=True)
class Numbers:
    baseline: float | None
    target: float | None
    # The latest known value: `current`, else the value of the latest check-in.
    current: float | None
    direction: Direction | None
    # Values are percentages (bounded by 100), so the distance to 100 is the room to improve.
    percent: bool
    # The metric's identity for comparisons between teams (normalised), if known.
    metric: str | None
    # The same metric as written, for messages.
    metric_text: str | None = None


@dataclass(frozen=True, slots=True)
class _ReadNumbers:
    """What `numbers_of` takes from a reading, whichever key result it belongs to."""

    baseline: float | None
    target: float | None
    direction: Direction | None
    unit: str | None
    percent: bool
    metric_text: str | None
    # The metric read from the sentence, when it is specific enough to name a team's metric.
    metric: str | None


_NOTHING_READ = _ReadNumbers(None, None, None, None, False, None, None)
# Readings are frozen and shared by every rule that looks at a key result (three rules ask for
# the numbers of each); entries hold the reading itself, so an id is never reused while cached.
_READ_CACHE: dict[int, tuple[KeyResultReading, _ReadNumbers]] = {}
# A run forgets them after each batch of files (`forget`); the limit bounds any other caller.
_READ_CACHE_LIMIT = 8_192


def _read_numbers(reading: Any | None) -> _ReadNumbers:
    if reading is None:
        return _NOTHING_READ
    frozen = isinstance(reading, KeyResultReading)
    if frozen:
        cached = _READ_CACHE.get(id(reading))
        if cached is not None and cached[0] is reading:
            return cached[1]
    metric_text = _text(getattr(reading, "metric", None))
    read = metric_key(metric_text or "")
    found = _ReadNumbers(
        baseline=_number(reading, "baseline"),
        target=_number(reading, "target"),
        direction=_direction(getattr(reading, "direction", None)),
        unit=_text(getattr(reading, "unit", None)),
        percent=any(
            _is_percent(getattr(reading, name, None))
            for name in ("baseline_mention", "target_mention")
        ),
        metric_text=metric_text,
        metric=read if read and " " in read else None,
    )
    if frozen:
        if len(_READ_CACHE) >= _READ_CACHE_LIMIT:
            _READ_CACHE.clear()
        _READ_CACHE[id(reading)] = (reading, found)
    return found


# Key results are frozen models, and three rules ask for the numbers of each; entries hold the
# key result and the reading, so their ids are never reused while cached.
_NUMBERS_CACHE: dict[tuple[int, int], tuple[KeyResult, Any, Numbers]] = {}
_NUMBERS_CACHE_LIMIT = 8_192


def forget() -> None:
    """Drop what was remembered: the key results and readings of a checked batch of files."""
    _READ_CACHE.clear()
    _NUMBERS_CACHE.clear()


def numbers_of(key_result: KeyResult, reading: Any | None = None) -> Numbers:
    key = (id(key_result), id(reading))
    cached = _NUMBERS_CACHE.get(key)
    if cached is not None and cached[0] is key_result and cached[1] is reading:
        return cached[2]
    numbers = _numbers_of(key_result, reading)
    if isinstance(reading, KeyResultReading | None):  # other readings may change under us
        if len(_NUMBERS_CACHE) >= _NUMBERS_CACHE_LIMIT:
            _NUMBERS_CACHE.clear()
        _NUMBERS_CACHE[key] = (key_result, reading, numbers)
    return numbers


def _numbers_of(key_result: KeyResult, reading: Any | None) -> Numbers:
    read = _read_numbers(reading)
    baseline = key_result.baseline
    if baseline is None:
        baseline = read.baseline
    target = key_result.target
    if target is None:
        target = read.target
    current = key_result.current
    if current is None:
        valued = [c for c in key_result.checkins if c.value is not None]
        if valued:
            current = max(valued, key=lambda c: c.date).value
    direction = key_result.direction or read.direction
    if direction is None and baseline is not None and target is not None:
        if target > baseline:
            direction = Direction.INCREASE
        elif target < baseline:
            direction = Direction.DECREASE
        else:
            direction = Direction.MAINTAIN
    unit = (key_result.unit or read.unit or "").strip().casefold()
    percent = unit in _UNITS_IN_PERCENT or read.percent
    metric = metric_key(key_result.metric) if key_result.metric else None
    metric_text = key_result.metric
    if metric is None:
        # A metric read from the sentence names a team's metric only when it is specific: one
        # word ("share", "rate") is the head of many different metrics.
        metric_text = read.metric_text
        metric = read.metric
    return Numbers(
        baseline=baseline,
        target=target,
        current=current,
        direction=direction,
        percent=percent,
        metric=metric,
        metric_text=metric_text.strip() if metric and metric_text else None,
    )


def _is_percent(mention: Any) -> bool:
    return mention is not None and (
        getattr(mention, "kind", None) == "percent"
        or str(getattr(mention, "unit", "")).casefold() in _UNITS_IN_PERCENT
    )


@lru_cache(maxsize=4096)
def metric_key(text: str) -> str | None:
    """A metric phrase reduced to its identity: case, punctuation and filler words dropped."""
    words = [w for w in _WORD.split(text.casefold()) if w and w not in _FILLER]
    return " ".join(words) or None


def _number(reading: Any | None, name: str) -> float | None:
    value = getattr(reading, name, None)
    value = getattr(value, "value", value)  # a number with its role and unit
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    return None


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _direction(value: Any) -> Direction | None:
    try:
        return Direction(str(getattr(value, "value", value)).casefold()) if value else None
    except ValueError:
        return None
