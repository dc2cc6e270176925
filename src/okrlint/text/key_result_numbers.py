"""The numbers of a key result: explicit fields first, then what the text's reading found.

Rules about targets (sandbagging, conflicts) all need the same few values; they get them here so
that explicit fields win over the text in one place only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from okrlint import quantities
from okrlint.model import Direction, KeyResult
from okrlint.quantities import PERCENT, Quantity
from okrlint.text import direction as way
from okrlint.text.number_mentions import DELTA, TARGET, THRESHOLD, threshold_direction
from okrlint.text.pack import load_pack
from okrlint.text.reading import KeyResultReading

_UNITS_IN_PERCENT = frozenset({"%", "percent", "pct", "percentage", "percentage points", "pp"})
_WORD = re.compile(r"[^\w%]+")


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
    # What the baseline and target measure (quantities.TIME, PERCENT, MONEY, ...) and their unit
    # once in one unit (the target's: "from 1.2 s to 800 ms" is 1200 -> 800 millisecond).
    dimension: str | None = None
    unit: str = ""
    # Why the baseline and target cannot be compared ("two currencies"); both are None then.
    problem: str | None = None
    # What said the direction: "field", "numbers", "limit", "metric" or "verb".
    direction_source: str | None = None
    # The measure is a rate run close to 100% (availability), or a ratio read against 100%
    # (net revenue retention), named by these words of the text.
    bounded_rate: str | None = None
    past_100: str | None = None


@dataclass(frozen=True, slots=True)
class _ReadNumbers:
    """What `numbers_of` takes from a reading, whichever key result it belongs to."""

    baseline: Quantity | None
    target: Quantity | None
    # "increase" or "decrease" for a limit ("under 200 ms", "at least 40"), else None.
    limit: str | None
    unit: str | None
    metric_text: str | None
    # The metric read from the sentence, when it is specific enough to name a team's metric.
    metric: str | None
    bounded_rate: str | None
    past_100: str | None


_NOTHING_READ = _ReadNumbers(None, None, None, None, None, None, None, None)
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
    baseline, target, limit = _read_quantities(reading)
    found = _ReadNumbers(
        baseline=baseline,
        target=target,
        limit=limit,
        unit=_text(getattr(reading, "unit", None)),
        metric_text=metric_text,
        metric=read if read and " " in read else None,
        bounded_rate=way.metric_family(reading, way.BOUNDED_RATES),
        past_100=way.metric_family(reading, way.RATIOS_PAST_100),
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


def _read_quantities(reading: Any) -> tuple[Quantity | None, Quantity | None, str | None]:
    """The baseline, the target (a multiple of the baseline counts: "double", "halve") and the
    way a limit points, as the sentence states them."""
    numbers = getattr(reading, "numbers", None)
    if numbers is None:  # a reading of another shape: its plain values
        baseline_value = _number(reading, "baseline")
        target_value = _number(reading, "target")
        return (
            _plain(baseline_value) if baseline_value is not None else None,
            _plain(target_value) if target_value is not None else None,
            None,
        )
    baseline_mention = getattr(reading, "baseline_mention", None)
    target_mention = next((n for n in reversed(numbers) if n.role in (TARGET, THRESHOLD)), None)
    baseline = quantities.from_mention(baseline_mention) if baseline_mention else None
    target = quantities.from_mention(target_mention) if target_mention else None
    limit = None
    if target_mention is not None and target_mention.role == THRESHOLD:
        limit = threshold_direction(getattr(reading, "text", ""), target_mention)
    if target is None and baseline is not None and baseline.value is not None:
        multiple = next((n for n in numbers if n.role == DELTA and n.kind == "multiple"), None)
        if multiple is not None and multiple.value and multiple.value != 1:
            value = baseline.value * multiple.value
            target = Quantity(value, baseline.dimension, baseline.unit, multiple.text)
    if target is not None and target.upper is not None and baseline is not None:
        # A range: the end farthest from the baseline is what the team is aiming at.
        low, high = target.value, target.upper
        if baseline.value is not None and low is not None:
            far = high if abs(high - baseline.value) >= abs(low - baseline.value) else low
            target = Quantity(far, target.dimension, target.unit, target.text)
    return baseline, target, limit


def _plain(value: float) -> Quantity:
    return Quantity(value, quantities.COUNT, "", f"{value:g}")


def _field(value: float, unit: str | None) -> Quantity:
    dimension, name = quantities.unit_of(unit or "")
    return Quantity(value, dimension, name, f"{value:g}{unit or ''}")


def _numbers_of(key_result: KeyResult, reading: Any | None) -> Numbers:
    read = _read_numbers(reading)
    baseline_of = (
        _field(key_result.baseline, key_result.unit)
        if key_result.baseline is not None
        else read.baseline
    )
    target_of = (
        _field(key_result.target, key_result.unit) if key_result.target is not None else read.target
    )
    baseline = baseline_of.value if baseline_of else None
    target = target_of.value if target_of else None
    problem: str | None = None
    dimension = unit_name = None
    if baseline_of is not None and target_of is not None:
        preferred = _field(0, key_result.unit) if key_result.unit else None
        paired = quantities.pair(baseline_of, target_of, preferred)
        baseline, target, problem = paired.baseline, paired.target, paired.problem
        dimension, unit_name = paired.dimension, paired.unit
    elif target_of is not None or baseline_of is not None:
        only = target_of or baseline_of
        assert only is not None
        dimension, unit_name = only.dimension, only.unit
    current = key_result.current
    if current is None:
        valued = [c for c in key_result.checkins if c.value is not None]
        if valued:
            current = max(valued, key=lambda c: c.date).value
    resolved = way.resolve(key_result.direction, baseline, target, read.limit, reading)
    direction = resolved.direction
    unit = (key_result.unit or read.unit or "").strip().casefold()
    percent = unit in _UNITS_IN_PERCENT or dimension == PERCENT
    if not percent and read.bounded_rate and dimension in (None, quantities.COUNT):
        # "Raise availability from 99.3 to 99.9": an availability is a percentage.
        percent = all(0 <= v <= 100 for v in (baseline, target) if v is not None)
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
        dimension=dimension,
        unit=unit_name or "",
        problem=problem,
        direction_source=resolved.source,
        bounded_rate=read.bounded_rate,
        past_100=read.past_100,
    )


@lru_cache(maxsize=1)
def metric_fillers() -> frozenset[str]:
    """Words a metric's identity leaves out, from the built-in pack: the identity compares
    metrics across the repository, whatever pack each file is read with."""
    return load_pack().word_list("metric_fillers")


@lru_cache(maxsize=4096)
def metric_key(text: str) -> str | None:
    """A metric phrase reduced to its identity: case, punctuation and filler words dropped."""
    fillers = metric_fillers()
    words = [w for w in _WORD.split(text.casefold()) if w and w not in fillers]
    return " ".join(words) or None


def _number(reading: Any | None, name: str) -> float | None:
    value = getattr(reading, name, None)
    value = getattr(value, "value", value)  # a number with its role and unit
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    return None


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def has_baseline(key_result: KeyResult, reading: KeyResultReading | None) -> bool:
    """A starting point: the `baseline:` field, else a "from X" in the text."""
    return key_result.baseline is not None or bool(reading and reading.has_baseline)
