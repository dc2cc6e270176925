"""The measurable verdict of MEA001 and MEA002: does a key result say how much?

A target is the `target:` field, else a number, a target written without a plain figure
("doubles", "top 5", "within 14 days"), a quantifier ("every", "zero", "100%") or a cadence
("weekly") in the text. Worked out from the reading and the words of its rule pack, once per
reading; every rule that needs it asks `measurable_evidence` (or `measurable`).
"""

from __future__ import annotations

import re

from okrlint.model import KeyResult
from okrlint.text.reading import KeyResultReading
from okrlint.text.sentence import Sentence
from okrlint.text.structure import target_form

_QUANTIFIERS = re.compile(
    r"\b(?:all|every|each|zero|none|always|never|no\s+(?!longer|one\b)\w+|100\s?%|"
    r"at\s+least\s+(?:one|a|an)|any\s+\w+\s+within)\b",
    re.IGNORECASE,
)
_CADENCE = re.compile(
    r"\b(?:daily|weekly|bi-?weekly|fortnightly|monthly|quarterly|nightly|hourly|yearly|annually|"
    r"every\s+(?:day|week|sprint|month|release|quarter))\b(?!\s+(?:active|actives|unique))",
    re.IGNORECASE,
)


def measurable_evidence(reading: KeyResultReading) -> str | None:
    """The words of the text that say how much (a number, a quantifier, a cadence), or None."""
    return reading.remember("measurable", _judge)


def measurable(key_result: KeyResult, reading: KeyResultReading | None) -> bool:
    """A target: the `target:` field, else a number, a quantifier or a cadence in the text."""
    return key_result.target is not None or bool(
        reading is not None and measurable_evidence(reading) is not None
    )


def _judge(reading: KeyResultReading) -> str | None:
    measures = [n for n in reading.numbers if n.measures]
    if measures:
        return measures[0].text
    if not reading.english:
        return None
    text = Sentence.of(reading).text
    written = target_form(text)
    if written is not None:
        return written
    found = _QUANTIFIERS.search(text)
    if found:
        return found.group()
    for found in _CADENCE.finditer(text):
        if not _names_a_measure(Sentence.of(reading), found):
            return found.group()
    return None


def _names_a_measure(s: Sentence, cadence: re.Match[str]) -> bool:
    """ "monthly visits", "weekly signups": the cadence word is part of the measure's name."""
    word = cadence.group().lower()
    if word not in s.words.cadence_words:
        return False
    after = next((i for i, start in enumerate(s.starts) if start >= cadence.end()), None)
    if after is None:
        return False
    measures = ("metric_nouns", "behaviour_nouns", "vanity_metrics", "service_levels")
    return any(h.start in (after, after + 1) for name in measures for h in s.found(name))
