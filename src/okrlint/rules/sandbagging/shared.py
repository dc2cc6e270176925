"""What the sandbagging rules share."""

from __future__ import annotations

from okrlint.api import example_head
from okrlint.text.reading import KeyResultReading

COMMITTED_EXAMPLE = example_head(objective="Keep the lights on", objective_type="committed")
# Comparisons of fractions computed from decimals ("5 to 5.5" is 0.1) must not miss by 1e-16.
EPSILON = 1e-9


def percent(share: float) -> str:
    return f"{share * 100:.3g}%"


def hold_wording(reading: KeyResultReading) -> str | None:
    """The words that ask only that a number hold: a lead verb such as 'Maintain', else a
    phrase such as 'no worse than'. MEA002 leaves such key results to SND003."""
    if reading.lead_kind == "hold":
        return reading.lead_verb
    phrase = reading.first("hold_phrases")
    return phrase.text if phrase is not None else None
