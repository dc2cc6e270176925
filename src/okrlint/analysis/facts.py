"""What a key result states once its explicit YAML fields and its text are put together.

Explicit fields win over the text: `target: 45` is the target even when the sentence says 40.
MEA003 reports where the two disagree.
"""

from __future__ import annotations

from dataclasses import dataclass

from okrlint.analysis.direction import resolve
from okrlint.analysis.reading import KeyResultReading
from okrlint.model import KeyResult


@dataclass(frozen=True, slots=True)
class Facts:
    baseline: float | None
    target: float | None
    direction: str | None
    metric: str | None
    measurable: bool
    has_baseline: bool
    # Where each value came from: "field" or "text".
    baseline_from: str | None
    target_from: str | None


def facts_of(key_result: KeyResult, reading: KeyResultReading | None) -> Facts:
    text_baseline = reading.baseline if reading else None
    text_target = reading.target if reading else None
    baseline = key_result.baseline if key_result.baseline is not None else text_baseline
    target = key_result.target if key_result.target is not None else text_target
    # Explicit fields win: the direction the fields' numbers imply beats the sentence's.
    field_numbers = key_result.baseline is not None and key_result.target is not None
    resolved = resolve(
        key_result.direction,
        key_result.baseline if field_numbers else None,
        key_result.target if field_numbers else None,
        None,
        None,
    )
    direction: str | None = (
        resolved.direction.value
        if resolved.direction is not None
        else reading.direction
        if reading
        else None
    )
    measurable = key_result.target is not None or bool(reading and reading.measurable)
    has_baseline = key_result.baseline is not None or bool(reading and reading.has_baseline)
    return Facts(
        baseline=baseline,
        target=target,
        direction=direction,
        metric=key_result.metric or (reading.metric if reading else None),
        measurable=measurable,
        has_baseline=has_baseline,
        baseline_from=_origin(key_result.baseline, text_baseline),
        target_from=_origin(key_result.target, text_target),
    )


def _origin(field_value: float | None, text_value: float | None) -> str | None:
    if field_value is not None:
        return "field"
    if text_value is not None:
        return "text"
    return None
