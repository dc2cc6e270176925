"""Which way a key result wants its measure to go, and what says so.

The order is fixed: an explicit `direction` field; then the numbers (a baseline and a target in one
unit, or a limit such as "under 200 ms"); then what the metric is (latency, churn, cost, errors and
waits are better lower); only then the verb. "Improve MTTR from 120 to 30 minutes" asks for a
fall: the verb says better, the numbers and the metric say which way better is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from okrlint.model import Direction
from okrlint.text.sentence import SentenceWords, alternatives, words_for

# Where a direction came from, for messages and for the rules that trust some sources only.
FROM_FIELD = "field"
FROM_NUMBERS = "numbers"
FROM_LIMIT = "limit"
FROM_METRIC = "metric"
FROM_VERB = "verb"

LOWER_IS_BETTER = "lower_is_better"
BOUNDED_RATES = "bounded_rates"
RATIOS_PAST_100 = "ratios_past_100"


def _turned(words: SentenceWords) -> re.Pattern[str]:
    """Words in front of a lower-is-better word that turn the measure around ("share of builds
    without errors"), or "-free" after it ("error-free sessions")."""
    turning = alternatives(words.ordered_words("turning_words"))
    return re.compile(rf"\b(?:{turning})\b|-free\b" if turning else r"-free\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Way:
    direction: Direction | None
    source: str | None


def resolve(
    explicit: Direction | None,
    baseline: float | None,
    target: float | None,
    limit: str | None,
    reading: Any | None,
) -> Way:
    """The direction of a key result from its parts, in okrlint's order of trust."""
    if explicit is not None:
        return Way(explicit, FROM_FIELD)
    if baseline is not None and target is not None:
        if target > baseline:
            return Way(Direction.INCREASE, FROM_NUMBERS)
        if target < baseline:
            return Way(Direction.DECREASE, FROM_NUMBERS)
        return Way(Direction.MAINTAIN, FROM_NUMBERS)
    if limit is not None:
        return Way(Direction(limit), FROM_LIMIT)
    if reading is not None and lower_is_better(reading):
        return Way(Direction.DECREASE, FROM_METRIC)
    verb = verb_direction(reading)
    return Way(verb, FROM_VERB if verb is not None else None)


def lower_is_better(reading: Any) -> bool:
    """The measured thing is one that improves by falling (latency, churn, errors, waits)."""
    return _metric_term(reading, LOWER_IS_BETTER) is not None


def metric_family(reading: Any | None, lexicon: str) -> str | None:
    """The words of `lexicon` that name the measured thing, if any ("availability")."""
    if reading is None:
        return None
    return _metric_term(reading, lexicon)


def _metric_term(reading: Any, lexicon: str) -> str | None:
    hits = getattr(reading, "hits", {}).get(lexicon, ())
    metric = getattr(reading, "metric", None)
    if not hits or not isinstance(metric, str):
        return None
    words = metric.casefold()
    turned = words_for(reading).remember("turned", _turned)
    for hit in hits:
        term = hit.text.casefold()
        at = words.find(term)
        if at < 0 and words and term.startswith(words):
            at = 0  # the metric stopped at a preposition: "time" of "time to restore"
        if at >= 0 and not turned.search(words[: at + len(term) + 5]):
            return str(hit.text)
    return None


def verb_direction(reading: Any | None) -> Direction | None:
    """What the verbs alone say: the lead verb, else a change verb anywhere in the text."""
    if reading is None:
        return None
    lead = getattr(reading, "lead_kind", None)
    better = words_for(reading).word_list("better_verbs")
    if getattr(reading, "lead_lemma", None) in better and lower_is_better(reading):
        # "Improve MTTR": better, and for a recovery time better is shorter.
        return Direction.DECREASE
    if lead in ("increase", "decrease"):
        return Direction(lead)
    if lead == "hold":
        return Direction.MAINTAIN
    hits = getattr(reading, "hits", {})
    if hits.get("decrease_verbs"):
        return Direction.DECREASE
    if hits.get("increase_verbs"):
        return Direction.INCREASE
    return None
