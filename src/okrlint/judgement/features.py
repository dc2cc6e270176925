"""The features a trained judgement reads from one key result: its words and okrlint's reading.

A feature is a string ("lead=launch", "hit=delivery_verbs", "hand=output"); a key result is the
set of its features. They come from general facts about the sentence, never from a list of
phrases: the lead word and its shape (an "-ed" or "-ise" verb, a capital, a plural), the words
and word pairs, the lead word's letter groups (so an unseen verb of work looks like seen ones),
the reading's structure (who acts, what kind of word leads, numbers and their roles, which
lexicons hold which words and where) and the hand-written verdicts as evidence among the rest.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from okrlint.text.reading import KeyResultReading
from okrlint.text.sentence import Sentence

# Only the first words say what kind of sentence it is; the rest feeds the bag of words.
_READ_WORDS = 40
_READ_CHARS = 600
# A prefix that names a team, a role or a code ("Growth:", "CMO -", "`2022.M1.01` -").
_PREFIX = re.compile(r"\s*(?:`[^`]{1,40}`|[\w.&/ -]{1,30}?)\s*(?::|\s[-–—])\s+")
_NUMBER = re.compile(r"\d")


@dataclass(frozen=True, slots=True)
class HandVerdicts:
    """What okrlint's hand-written rules say about the key result, given to the model as
    evidence (the model learns how far to trust each)."""

    output_kind: str | None
    output_confident: bool
    customer_behaviour: bool
    measurable: bool
    # A vanity number (page views, followers) is measured.
    vanity: bool = False
    # People or their doing are named, but the text measures nothing, money or opinions.
    behaviour_ruled_out: bool = False


@dataclass(frozen=True, slots=True)
class Word:
    """A word of the text as written, with where it is, so evidence can be quoted."""

    text: str
    lower: str
    start: int
    end: int


def words_of(reading: KeyResultReading) -> tuple[list[Word], int]:
    """The words of a key result (numbers as '#'), and how many characters a leading prefix
    takes. The tokens are the reading's own (`Sentence.of`, kept per reading): the text is not
    tokenised a second time."""
    return reading.remember("judgement_words", _words_of)


def _words_of(reading: KeyResultReading) -> tuple[list[Word], int]:
    text = reading.text
    prefix = _PREFIX.match(text)
    skip = prefix.end() if prefix and prefix.end() < len(text) * 0.6 else 0
    found = []
    for token in Sentence.of(reading).doc:
        if token.idx >= _READ_CHARS:
            break
        if token.idx < skip:
            continue
        if token.like_num or _NUMBER.search(token.text):
            found.append(Word(token.text, "#", token.idx, token.idx + len(token.text)))
        elif token.is_alpha:
            found.append(Word(token.text, token.lower_, token.idx, token.idx + len(token.text)))
        if len(found) >= _READ_WORDS:
            break
    return found, skip


def _shape(word: Word) -> list[str]:
    lower = word.lower
    shapes = [f"suf2={lower[-2:]}", f"suf3={lower[-3:]}"]
    if word.text[:1].isupper():
        shapes.append("cap")
    if word.text.isupper() and len(word.text) > 1:
        shapes.append("upper")
    if lower.endswith("ed"):
        shapes.append("ed")
    if lower.endswith("ing"):
        shapes.append("ing")
    if lower.endswith("s") and not lower.endswith("ss"):
        shapes.append("plural")
    return shapes


def features(reading: KeyResultReading, hand: HandVerdicts) -> frozenset[str]:
    """Every feature of one key result."""
    words, skip = words_of(reading)
    found: set[str] = {"bias"}
    if skip:
        found.add("prefixed")
    lowers = [w.lower for w in words]
    if lowers:
        lead = words[0]
        found.add(f"lead={lead.lower}")
        found.update(f"lead_{shape}" for shape in _shape(lead))
        padded = f"<{lead.lower}>"
        found.update(f"lead_c={padded[i : i + 4]}" for i in range(len(padded) - 3))
        if len(lowers) > 1:
            found.add(f"second={lowers[1]}")
            found.add(f"lead2={lowers[0]}_{lowers[1]}")
            found.update(f"second_{shape}" for shape in _shape(words[1]))
        found.add(f"last={lowers[-1]}")
        found.update(f"last_{shape}" for shape in _shape(words[-1]))
    found.update(f"w={w}" for w in lowers)
    found.update(f"b={a}_{b}" for a, b in itertools.pairwise(lowers))
    found.add(f"len={min(len(lowers), 16) // 4}")
    # The reading: what leads, who acts, what is measured, which lexicons hold which words.
    found.add(f"lead_kind={reading.lead_kind}")
    if reading.actor is not None:
        found.add("actor")
    if reading.behaviour is not None:
        found.add("behaviour")
    if reading.metric:
        found.add("metric")
    if reading.date:
        found.add("date")
    if hand.vanity:
        found.add("vanity")
    start = skip + (len(words[0].text) if words else 0) + 2
    for lexicon, terms in reading.hits.items():
        found.add(f"hit={lexicon}")
        if terms and terms[0].start <= start:
            found.add(f"hit_lead={lexicon}")
    found.add(f"numbers={min(len(reading.numbers), 3)}")
    for number in reading.numbers:
        found.add(f"num={number.kind}/{number.role}")
    if reading.has_baseline:
        found.add("baseline")
    # The hand-written verdicts, as evidence among the rest.
    found.add(f"hand_out={hand.output_kind}")
    if hand.output_kind is not None:
        found.add(f"hand_conf={hand.output_confident}")
    found.add(f"hand_cus={hand.customer_behaviour}")
    if hand.behaviour_ruled_out:
        found.add("hand_cus_ruled_out")
    found.add(f"hand_mea={hand.measurable}")
    return frozenset(found)
