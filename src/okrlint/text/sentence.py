"""A reading's sentence again, for the rules that judge it: tokens, hits by token position, words.

A verdict ("an output", "measures customer behaviour", "measurable") rests on where words sit
in the sentence: the word before a hit, the words after the lead verb, a participle that ends
its clause. A reading keeps the character spans of its tokens and of its hits, so a rule gets
those positions back from a cached reading without reading the text again; the words the
verdicts look up (`kind: words` lexicons) come from the reading's rule pack.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any, TypeVar

from okrlint.text.number_mentions import NumberMention
from okrlint.text.pack import RulePack, load_pack
from okrlint.text.reading import KeyResultReading, Term
from okrlint.text.shape import StructureWords, is_participle

if TYPE_CHECKING:
    from okrlint.text.tokens import Doc

Built = TypeVar("Built")

# Only the start of a text is read: past a few thousand characters a key result has nothing
# more to say, and reading stays linear in what is read.
MAX_CHARS = 5000


@dataclass(frozen=True, slots=True)
class Hit:
    """A lexicon or pattern hit by token positions (end exclusive), with the term it found."""

    lexicon: str
    term: str
    start: int
    end: int
    found: Term


class SentenceWords:
    """The word lists of a rule pack that sentences are parsed and judged with."""

    def __init__(self, pack: RulePack) -> None:
        self.pack = pack
        self._lists: dict[str, frozenset[str]] = {}
        self._built: dict[str, Any] = {}
        self.lead_fillers = pack.word_list("lead_fillers")
        self.copulas = pack.word_list("copulas")
        self.existential_subjects = pack.word_list("existential_subjects")
        self.verbish_words = pack.word_list("verbish_words")
        self.function_words = pack.word_list("function_words")
        self.not_participles = pack.word_list("not_participles")
        self.clause_ends = pack.word_list("clause_ends") | {""}  # "": past the last word
        self.share_verbs = pack.word_list("share_verbs")
        self.modals = pack.word_list("modals")
        self.attitude_metrics = pack.word_list("attitude_metrics")
        self.metric_stop_words = pack.word_list("metric_stop_words")
        self.foreign_function_words = pack.word_list("foreign_function_words")
        self.determiners = pack.word_list("determiners")
        self.english_function_words = pack.word_list("english_function_words")
        self.cadence_words = pack.word_list("cadence_words")
        self.structure_words = StructureWords(
            not_verbs=pack.word_list("not_verbs"),
            object_openers=pack.word_list("object_openers"),
            perfect_auxiliaries=pack.word_list("perfect_auxiliaries"),
            perfect_subjects=pack.word_list("perfect_subjects"),
        )

    def word_list(self, name: str) -> frozenset[str]:
        found = self._lists.get(name)
        if found is None:
            found = self._lists[name] = self.pack.word_list(name)
        return found

    def ordered_words(self, name: str) -> tuple[str, ...]:
        return self.pack.ordered_words(name)

    def remember(self, name: str, build: Callable[[SentenceWords], Built]) -> Built:
        """What a rule builds from these words (an expression, a table), once per pack."""
        if name not in self._built:
            self._built[name] = build(self)
        return self._built[name]  # type: ignore[no-any-return]

    @cached_property
    def participles(self) -> frozenset[str]:
        """Irregular participles ("written", "built") and the -ed forms of every verb lexicon."""
        pack = self.pack
        return frozenset(form for forms in pack.inflections.values() for form in forms) | frozenset(
            form for name in pack.lexicons for form in pack.words(name, "ed")
        )

    @cached_property
    def measure_participles(self) -> frozenset[str]:
        """Participles of a change in a measure ("grown", "reduced"): a perfect of these is news."""
        return frozenset(
            form
            for name in ("increase_verbs", "decrease_verbs", "hold_verbs", "achieve_verbs")
            for form in self.pack.words(name, "ed")
        )


_WORDS: dict[str, SentenceWords] = {}


def words_of(pack: RulePack) -> SentenceWords:
    """The word lists of a pack, built once per pack and process."""
    words = _WORDS.get(pack.fingerprint)
    if words is None:
        words = _WORDS[pack.fingerprint] = SentenceWords(pack)
    return words


def words_for(reading: object) -> SentenceWords:
    """The word lists of the pack a reading was made with (the built-in pack's for a reading
    made without one)."""
    pack = getattr(reading, "pack", None)
    return words_of(pack if isinstance(pack, RulePack) else load_pack())


def alternatives(terms: Iterable[str]) -> str:
    """Terms as alternatives of a regular expression, any run of spaces between their words."""
    return "|".join(r"\s+".join(re.escape(word) for word in term.split()) for term in terms)


_POSSESSIVES = frozenset(("'s", "’s", "'", "’"))


def names_an_owner(lower: list[str], end: int, behaviour_starts: Iterable[int]) -> bool:
    """The words that end at `end` own the thing named after them ("the app store's
    category"): they act only when that thing is something people do ("each customer's
    orders")."""
    return (
        end < len(lower)
        and lower[end] in _POSSESSIVES
        and end + 1 < len(lower)
        and end + 1 not in behaviour_starts
    )


# Where the reader leaves the tokens of a reading it has just made, for its `Sentence`.
READER_DOC = "reader_doc"


class Sentence:
    """The tokens and hits of a reading by token position, and its pack's words."""

    def __init__(self, reading: KeyResultReading) -> None:
        # Imported on the first sentence judged, not with the rules: a run whose rules read no
        # text never compiles the tokenizer's expressions.
        from okrlint.text.tokens import Doc, Token

        self.reading = reading
        self.words = words_for(reading)
        text = self.text = reading.text[:MAX_CHARS]
        # A reading made in this process brings its reader's tokens; one from the cache is
        # tokenised again from its spans (the same tokens).
        doc: Doc | None = reading.verdicts.pop(READER_DOC, None)
        if doc is None:
            tokens: list[Token] = []
            for position, (start, end) in enumerate(reading.tokens):
                written = text[start:end]
                space = " " if text[end : end + 1] == " " else ""
                tokens.append(Token(written, start, space, position, written.lower()))
            doc = Doc(text, tokens)
        else:
            tokens = doc.tokens
        self.doc = doc
        self.lower = [token.lower_ for token in tokens]
        self.starts = [start for start, _ in reading.tokens]
        self.ends = [end for _, end in reading.tokens]
        at_start = {start: position for position, start in enumerate(self.starts)}
        at_end = {end: position for position, end in enumerate(self.ends)}
        self.at_start, self.at_end = at_start, at_end
        # The hits of each lexicon by token positions, made when a verdict first asks for them:
        # a reading has hits in many lexicons, and the verdicts ask about a few.
        self.hits: dict[str, list[Hit]] = {}
        self.numbers: list[NumberMention] = list(reading.numbers)
        self.measures = [n for n in self.numbers if n.measures]
        self.lead_start, self.lead_end = reading.lead_start, reading.lead_end

    @classmethod
    def of(cls, reading: KeyResultReading) -> Sentence:
        return reading.remember("sentence", cls)

    def hit(self, term: Term) -> Hit:
        """A term of the reading by token positions."""
        return Hit(
            term.lexicon, term.term, self.at_start[term.start], self.at_end[term.end] + 1, term
        )

    def term(self, hit: Hit) -> Term:
        return hit.found

    def _hits(self, lexicon: str) -> list[Hit]:
        hits = self.hits.get(lexicon)
        if hits is None:
            terms = self.reading.hits.get(lexicon, ())
            hits = self.hits[lexicon] = [self.hit(term) for term in terms]
        return hits

    def found(self, lexicon: str, start: int = 0) -> list[Hit]:
        hits = self._hits(lexicon)
        if not hits:
            return []
        return hits if start == 0 else [h for h in hits if h.start >= start]

    def hyphen_joins(self, at: int) -> bool:
        """The token at `at` is a hyphen glued to a word on each side ("on-call")."""
        return (
            0 < at < len(self.lower) - 1
            and self.lower[at] == "-"
            and self.doc[at - 1].is_alpha
            and not self.doc[at - 1].whitespace_
            and not self.doc[at].whitespace_
        )

    def noun_phrase_end(self, start: int) -> int:
        """Where the noun phrase through the word at `start` ends (exclusive): before a
        preposition, a conjunction, a verb form, a figure or punctuation. Words joined by a
        hyphen are one word, so in "a documented on-call runbook" the phrase ends after
        "runbook", its head."""
        words = self.words
        stops = words.clause_ends | words.function_words | words.copulas
        end = start
        while end < len(self.lower):
            if self.hyphen_joins(end):
                end += 2
                continue
            word = self.lower[end]
            if end > start and (
                not self.doc[end].is_alpha
                or word in stops
                or word in words.modals
                or is_participle(word, words.participles)
            ):
                break
            end += 1
        return min(end, len(self.lower))

    def first(self, lexicon: str, start: int = 0) -> Hit | None:
        # Hits are in the order of the text, the longest first at one position.
        for hit in self._hits(lexicon):
            if hit.start >= start:
                return hit
        return None
