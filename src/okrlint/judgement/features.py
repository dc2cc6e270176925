"""The features a trained judgement reads from one key result: its words and okrlint's reading.

A feature is a string ("lead=launch", "hit=delivery_verbs", "hand=output"); a key result is the
set of its features. They come from general facts about the sentence, never from a list of
phrases: the lead word and its shape (an "-ed" or "-ise" verb, a capital, a plural), the words
and word pairs, the lead word's letter groups (so an unseen verb of work looks like seen ones),
the reading's structure (who acts, what kind of word leads, numbers and their roles, which
lexicons hold which words and where) and the hand-written verdicts as evidence among the rest.
"""

from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass
from typing import NamedTuple

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


class Word(NamedTuple):
    """A word of the text as written, with where it is, so evidence can be quoted. (A named
    tuple: every key result makes dozens, and a tuple is built without a call per field.)"""

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
    written, lowers, starts, skip = _read_words(reading)
    return [
        Word(text, lower, start, start + len(text))
        for text, lower, start in zip(written, lowers, starts, strict=True)
    ], skip


# The words as written, as the features see them, where each starts, and the prefix skipped.
_ReadWords = tuple[list[str], list[str], list[int], int]


def _read_words(reading: KeyResultReading) -> _ReadWords:
    """What `words_of` gives, as plain lists: the features need no `Word` objects (only the
    evidence of a finding does), and every key result is featurised."""
    return reading.remember("judgement_read_words", _find_words)


def _find_words(reading: KeyResultReading) -> _ReadWords:
    text = reading.text
    prefix = _PREFIX.match(text)
    skip = prefix.end() if prefix and prefix.end() < len(text) * 0.6 else 0
    written: list[str] = []
    lowers: list[str] = []
    starts: list[int] = []
    kinds = _WORD_KINDS
    for token in Sentence.of(reading).doc:
        start = token.idx
        if start >= _READ_CHARS:
            break
        if start < skip:
            continue
        word = token.text
        lower = kinds.get(word, _UNSEEN)
        if lower is _UNSEEN:
            lower = _word_kind(word, token.lower_)
        if lower is not None:
            written.append(word)
            lowers.append(lower)
            starts.append(start)
            if len(lowers) >= _READ_WORDS:
                break
    return written, lowers, starts, skip


# A token's word as the features see it, by its text: "#" for a number, its lower case for a
# word of letters, None for anything else. The same words come back in every key result.
_WORD_KINDS: dict[str, str | None] = {}
_UNSEEN = ""  # no kind is an empty string


def _word_kind(written: str, lower: str) -> str | None:
    # Imported here, as `Sentence` does: a run whose rules read no text never compiles the
    # tokenizer's expressions.
    from okrlint.text.tokens import like_num

    kind: str | None
    if like_num(written) or _NUMBER.search(written):
        kind = "#"
    elif written.isalpha():
        kind = lower
    else:
        kind = None
    if len(_WORD_KINDS) > 50_000:
        _WORD_KINDS.clear()
    _WORD_KINDS[written] = kind
    return kind


def _shape(text: str, lower: str) -> list[str]:
    shapes = [f"suf2={lower[-2:]}", f"suf3={lower[-3:]}"]
    if text[:1].isupper():
        shapes.append("cap")
    if text.isupper() and len(text) > 1:
        shapes.append("upper")
    if lower.endswith("ed"):
        shapes.append("ed")
    if lower.endswith("ing"):
        shapes.append("ing")
    if lower.endswith("s") and not lower.endswith("ss"):
        shapes.append("plural")
    return shapes


# The features of a word in a place of the sentence depend on the word alone, and the same
# words lead (and end) key result after key result: each is worked out once per word.
@functools.lru_cache(maxsize=8192)
def _lead_features(text: str, lower: str) -> tuple[str, ...]:
    padded = f"<{lower}>"
    return (
        f"lead={lower}",
        *(f"lead_{shape}" for shape in _shape(text, lower)),
        *(f"lead_c={padded[i : i + 4]}" for i in range(len(padded) - 3)),
    )


@functools.lru_cache(maxsize=8192)
def _second_features(text: str, lower: str) -> tuple[str, ...]:
    return (f"second={lower}", *(f"second_{shape}" for shape in _shape(text, lower)))


@functools.lru_cache(maxsize=8192)
def _last_features(text: str, lower: str) -> tuple[str, ...]:
    return (f"last={lower}", *(f"last_{shape}" for shape in _shape(text, lower)))


def features(reading: KeyResultReading, hand: HandVerdicts) -> frozenset[str]:
    """Every feature of one key result."""
    written, lowers, _, skip = _read_words(reading)
    found: set[str] = {"bias"}
    if skip:
        found.add("prefixed")
    if lowers:
        found.update(_lead_features(written[0], lowers[0]))
        if len(lowers) > 1:
            found.update(_second_features(written[1], lowers[1]))
            found.add(f"lead2={lowers[0]}_{lowers[1]}")
        found.update(_last_features(written[-1], lowers[-1]))
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
    start = skip + (len(written[0]) if written else 0) + 2
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
    found.add(f"hand_mea={hand.measurable}")
    return frozenset(found)
