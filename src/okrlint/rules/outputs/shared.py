"""What the output rules share: who acts, and why a verdict is only a hint."""

from __future__ import annotations

from okrlint.text.reading import DELIVERABLE, INTERNAL_METRIC, LOW, KeyResultReading


def who_acts(reading: KeyResultReading) -> str:
    """Who acts: the team, even where the text names people as the work's object."""
    people = reading.hits.get("customer_actors", ())
    if people and reading.actor is None:
        return f" (the team acts; {people[0].quoted()} only receive the work)"
    return " (the team acts)"


def is_hint(reading: KeyResultReading) -> bool:
    """A verdict the evidence supports only weakly: reported as `info`."""
    return reading.confidence == LOW


def why_unsure(reading: KeyResultReading) -> str:
    if not is_hint(reading):
        return ""
    if reading.output_kind == DELIVERABLE:
        why = "it names a thing, with no verb saying what happens to it"
    elif reading.output_kind == INTERNAL_METRIC:
        why = "a measure of the team's own work is sometimes what the objective is about"
    else:
        why = "the verb of work is read from the sentence's shape, not from okrlint's lexicons"
    return f" Reported as a hint: {why}."
