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
from okrlint.text.sentence import Sentence, SentenceWords, alternatives
from okrlint.text.shape import target_form

# Quantifiers written as phrases besides the pack's `quantifiers`: "no <thing>" (not "no
# longer", "no one"), "100%", "at least one", "any <thing> within".
_QUANTIFIER_PHRASES = (
    r"no\s+(?!longer|one\b)\w+",
    r"100\s?%",
    r"at\s+least\s+(?:one|a|an)",
    r"any\s+\w+\s+within",
)


def _quantifiers(words: SentenceWords) -> re.Pattern[str]:
    found = [alternatives(words.ordered_words("quantifiers")), *_QUANTIFIER_PHRASES]
    return re.compile(rf"\b(?:{'|'.join(a for a in found if a)})\b", re.IGNORECASE)


def _cadences(words: SentenceWords) -> re.Pattern[str] | None:
    """A cadence of the pack, unless the words after it make it part of a measure's name."""
    cadences = alternatives(words.ordered_words("cadences"))
    if not cadences:
        return None
    heads = alternatives(words.ordered_words("cadence_measure_words"))
    after = rf"(?!\s+(?:{heads}))" if heads else ""
    return re.compile(rf"\b(?:{cadences})\b{after}", re.IGNORECASE)


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
    sentence = Sentence.of(reading)
    text = sentence.text
    written = target_form(text)
    if written is not None:
        return written
    found = sentence.words.remember("quantifiers", _quantifiers).search(text)
    if found:
        return found.group()
    cadences = sentence.words.remember("cadences", _cadences)
    for found in cadences.finditer(text) if cadences is not None else ():
        if not _names_a_measure(sentence, found):
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
