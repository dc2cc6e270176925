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
from okrlint.text.structure import CHANGE, structure_of

# Quantifiers written as phrases besides the pack's `quantifiers`: "no <thing>" (not "no
# longer", "no one"), "100%", "at least one", "any <thing> within", "the entirety of", and a
# count of times ("at least once", "once a month", "once before the launch").
_QUANTIFIER_PHRASES = (
    r"no\s+(?!longer|one\b)\w+",
    r"100\s?%",
    r"at\s+least\s+(?:one|a|an)",
    r"any\s+\w+\s+within",
    r"(?:the\s+)?entirety\s+of",
    r"(?:at\s+least|more\s+than)\s+(?:once|twice)",
    r"once\s+(?:a|an|per|every|each|before|by)\s+\w+",
)
# "each time", "every time": a condition (whenever), not how many.
_NOT_A_QUANTITY = r"(?!\s+times?\b)"


def _quantifiers(words: SentenceWords) -> re.Pattern[str]:
    single = alternatives(words.ordered_words("quantifiers"))
    found = [f"(?:{single}){_NOT_A_QUANTITY}" if single else "", *_QUANTIFIER_PHRASES]
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
    for found in sentence.words.remember("quantifiers", _quantifiers).finditer(text):
        if not _only_says_where(reading, text, found) and not _describes_a_thing(sentence, found):
            return found.group()
    cadences = sentence.words.remember("cadences", _cadences)
    for found in cadences.finditer(text) if cadences is not None else ():
        if not _names_a_measure(sentence, found) and not _describes_a_thing(sentence, found):
            return found.group()
    return None


# Prepositions that put a quantifier in a phrase of place or scope ("across all regions").
_SCOPE_BEFORE = re.compile(r"\b(?:across|for|in|on|at|among|throughout|within|of)\s+$", re.I)


def _only_says_where(reading: KeyResultReading, text: str, found: re.Match[str]) -> bool:
    """ "Increase lab attendance across all classes": where a change is wanted, a quantifier in
    a phrase of scope says where, not how far."""
    return reading.lead_kind in ("increase", "decrease") and bool(
        _SCOPE_BEFORE.search(text[max(0, found.start() - 20) : found.start()])
    )


# Words that open a clause describing the noun before them: "a doc that lists all risks".
_RELATIVE_PRONOUNS = frozenset({"that", "which", "who", "whom", "whose"})
# Prepositions that open a phrase of place or scope ("available in all regions").
_SCOPE_PREPOSITIONS = frozenset(
    {"across", "for", "in", "on", "at", "among", "throughout", "within", "of", "to"}
)
# Verbs that take a "to" clause as their own object ("aim to answer", "in order to"): the
# clause is the predicate, not a description of a noun.
_CATENATIVES = frozenset(
    {"aim", "aims", "need", "needs", "plan", "plans", "want", "wants", "continue", "continues"}
    | {"start", "starts", "begin", "begins", "try", "tries", "strive", "strives", "able"}
    | {"going", "order", "how", "ready", "used", "have", "has", "had", "ought", "commit"}
)
# Verbs that take an object and its complement ("make the docs available in all languages"):
# the adjective after the object is what the work brings about, not a description.
_COMPLEMENT_VERBS = frozenset(
    {"make", "makes", "keep", "keeps", "get", "gets", "render", "renders", "leave", "leaves"}
)
# How far back a quantifier's clause opener is looked for, in words.
_OPENER_REACH = 12
_CLAUSE_BREAKS = frozenset({",", ";", ":", ".", "(", ")", "!", "?"})


def _describes_a_thing(s: Sentence, found: re.Match[str]) -> bool:
    """ "a design doc that lists all risks", "a podcast available in all channels", "tests to
    run for each release": the quantifier sits in a clause or phrase that describes a noun
    (what the thing is), not in the key result's own predicate (how much of the work is done,
    "Publish notes for every release")."""
    at = s.at_start.get(found.start())
    if at is None:
        return False
    lower, body = s.lower, min(s.lead_end, len(s.lower))
    in_phrase = at > 0 and lower[at - 1] in _SCOPE_PREPOSITIONS
    not_verbs = s.words.structure_words.not_verbs
    for index in range(at - 1, max(body, at - _OPENER_REACH) - 1, -1):
        word = lower[index]
        if word in _CLAUSE_BREAKS:
            return False
        noun_before = index > body and lower[index - 1].isalpha()
        noun_before = noun_before and lower[index - 1] not in not_verbs
        if word in _RELATIVE_PRONOUNS:
            # "users who ...", "a doc that ...": after a noun phrase ("Ensure that ..." and
            # "so that ..." open the key result's own clause).
            return noun_before and (
                word != "that"
                or any(lower[k] in s.words.determiners for k in range(max(0, index - 4), index))
            )
        if not in_phrase or not noun_before:
            continue
        if (
            word == "to"
            and index + 1 < at
            and lower[index + 1] not in not_verbs
            and lower[index - 1] not in _CATENATIVES
        ):
            # "tests to run for each release": a "to" clause after a noun describes it.
            return True
        if word.endswith(("able", "ible")) and len(word) > 5:
            # "a podcast available in all channels", unless the lead verb makes it so.
            return lower[min(s.lead_start, len(lower) - 1)] not in _COMPLEMENT_VERBS
    return False


def _names_a_measure(s: Sentence, cadence: re.Match[str]) -> bool:
    """ "monthly visits", "weekly signups", "% monthly projects", "the Quarterly Report": the
    cadence word is part of the name of a measure or of a thing."""
    word = cadence.group().lower()
    if word not in s.words.cadence_words:
        return False
    before = s.text[: cadence.start()]
    if _AFTER_A_SHARE.search(before) or _names_a_thing(s, cadence):
        return True
    after = next((i for i, start in enumerate(s.starts) if start >= cadence.end()), None)
    if after is not None and s.doc[after].text.isalpha() and _changes_a_measure(s.reading):
        # "Increase weekly releases", "Weekly reports shared by users rise": with a change in
        # a measure as the predicate, the cadence before a noun names what changes.
        return True
    after = next((i for i, start in enumerate(s.starts) if start >= cadence.end()), None)
    if after is None:
        return False
    measures = ("metric_nouns", "behaviour_nouns", "vanity_metrics", "service_levels")
    return any(h.start in (after, after + 1) for name in measures for h in s.found(name))


# A share written without its figure: "% monthly projects", "share of weekly reports".
_AFTER_A_SHARE = re.compile(
    r"(?:%|\b(?:share|percentage|proportion|number|count|rate|ratio)\s+of)\s*$", re.I
)


def _names_a_thing(s: Sentence, cadence: re.Match[str]) -> bool:
    """ "the Team Quarterly Report": a capitalised cadence word between capitalised words,
    not at the start of the sentence, is part of a title."""
    at = s.at_start.get(cadence.start())
    if at is None or at == 0 or not cadence.group()[:1].isupper():
        return False
    before: str = s.doc[at - 1].text
    return before[:1].isupper() and before.isalpha()


def _changes_a_measure(reading: KeyResultReading) -> bool:
    """The key result asks for a change in a measure: its lead verb, else its structure."""
    if reading.lead_kind in ("increase", "decrease"):
        return True
    return structure_of(reading).predicate == CHANGE
