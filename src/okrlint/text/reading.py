"""What okrlint understood from one key result (or objective) text: what the sentence says.

A reading describes the sentence, it gives no verdict: the lead verb and its class, who acts,
the words of behaviour, the measured thing, the numbers, every lexicon and pattern hit with its
span, and the character spans of its tokens. The rules that judge a sentence (is it an output,
does it measure customer behaviour, is it measurable, ...) compute their verdict from the
reading and the words of its rule pack (`okrlint.text.sentence`), so a verdict lives with its rule.

A reading is plain data: it is built once per text and run, cached by text, serialised with
`to_dict`/`from_dict` (the cache uses `to_row`/`from_row`), and consumed by rules.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field, fields, replace
from typing import Any, TypeVar

from okrlint.text.number_mentions import BASELINE, DELTA, TARGET, THRESHOLD, NumberMention
from okrlint.text.pack import RulePack

Verdict = TypeVar("Verdict")


@dataclass(frozen=True, slots=True)
class Term:
    """A lexicon entry found in the text: the words as written, the entry, the character span."""

    text: str
    term: str
    lexicon: str
    start: int
    end: int

    def quoted(self) -> str:
        return f"'{self.text}'"


@dataclass(frozen=True)
class KeyResultReading:
    text: str
    # The first word that does the work ("Launched" -> launch), after a prefix such as "Growth:".
    lead_verb: str | None = None
    lead_lemma: str | None = None
    # delivery | task | hire | increase | decrease | achieve | hold | behaviour, or None
    lead_kind: str | None = None
    actor: Term | None = None
    # Words of behaviour: verbs of people doing something after the lead verb ("users who
    # upgrade"), and nouns of behaviour ("repeat purchases"), in the order of the text.
    behaviour_verbs: tuple[Term, ...] = ()
    behaviour_nouns: tuple[Term, ...] = ()
    # The measured thing, normalised ("weekly active users"), or None.
    metric: str | None = None
    numbers: tuple[NumberMention, ...] = ()
    date: str | None = None
    # False for text okrlint cannot read (another language): text rules then stay silent.
    english: bool = True
    # Every lexicon and pattern hit, by lexicon or pattern name, in the order of the text.
    hits: dict[str, tuple[Term, ...]] = field(default_factory=dict)
    # The tokens of the text read (its first `MAX_CHARS`), as character spans, and where the
    # lead verb sits among them (token positions; start == end when there is none). A verb
    # known from the sentence's shape only, not from a lexicon, is `lead_from_shape`.
    tokens: tuple[tuple[int, int], ...] = ()
    lead_start: int = 0
    lead_end: int = 0
    lead_from_shape: bool = False
    # The rule pack the text was read with: verdicts look words up in it. Not part of the
    # reading's value (the cache gives it back from the pack it is keyed by).
    pack: RulePack | None = field(default=None, compare=False, repr=False)
    # Verdicts worked out from this reading, by the function that gives each (see `remember`).
    verdicts: dict[str, Any] = field(default_factory=dict, init=False, compare=False, repr=False)

    @property
    def behaviour(self) -> Term | None:
        """The first words of behaviour: a verb of people doing something, else a noun."""
        found = self.behaviour_verbs or self.behaviour_nouns
        return found[0] if found else None

    @property
    def baseline(self) -> float | None:
        return next((n.value for n in self.numbers if n.role == BASELINE), None)

    @property
    def target(self) -> float | None:
        wanted = (TARGET, THRESHOLD)
        return next((n.value for n in reversed(self.numbers) if n.role in wanted), None)

    @property
    def target_mention(self) -> NumberMention | None:
        """The number to reach: the last target, else the last limit or change ("90% of tickets
        answered within 2 days" aims at 90%; "Cut p95 by 20% to under 300 ms" at 300 ms)."""
        target = next((n for n in reversed(self.numbers) if n.role == TARGET), None)
        if target is not None:
            return target
        wanted = (THRESHOLD, DELTA)
        return next((n for n in reversed(self.numbers) if n.role in wanted), None)

    @property
    def baseline_mention(self) -> NumberMention | None:
        return next((n for n in self.numbers if n.role == BASELINE), None)

    @property
    def has_baseline(self) -> bool:
        return any(n.role == BASELINE for n in self.numbers)

    def first(self, lexicon: str) -> Term | None:
        """The first words of the text found in a lexicon or pattern of the pack, if any."""
        found = self.hits.get(lexicon)
        return found[0] if found else None

    def remember(self, name: str, compute: Callable[[KeyResultReading], Verdict]) -> Verdict:
        """The verdict `name` of this reading, worked out by `compute` once per reading."""
        found = self.verdicts.get(name, _MISSING)
        if found is _MISSING:
            found = self.verdicts[name] = compute(self)
        return found  # type: ignore[no-any-return]

    def to_dict(self) -> dict[str, Any]:
        values = asdict(replace(self, pack=None))
        return {name: values[name] for name in _ROW_FIELDS}

    @classmethod
    def from_dict(cls, data: dict[str, Any], pack: RulePack | None = None) -> KeyResultReading:
        values = dict(data)
        for name in _TERM_FIELDS:
            if values.get(name) is not None:
                values[name] = Term(**values[name])
        for name in _TERM_LIST_FIELDS:
            values[name] = tuple(Term(**t) for t in values.get(name, ()))
        values["tokens"] = tuple(tuple(span) for span in values.get("tokens", ()))
        values["numbers"] = tuple(NumberMention.from_dict(n) for n in values.get("numbers", ()))
        values["hits"] = {
            key: tuple(Term(**t) for t in terms) for key, terms in values.get("hits", {}).items()
        }
        known = set(_ROW_FIELDS)
        kept = {k: v for k, v in values.items() if k in known}
        kept["pack"] = pack
        return cls(**kept)

    def to_row(self) -> list[Any]:
        """The reading as a list in the order of `row_fields()`, terms and numbers as lists.

        Half the size of `to_dict` once written as JSON and several times faster to read back:
        a warm run reads every reading of the repository from the cache.
        """
        row: list[Any] = [getattr(self, name) for name in _ROW_FIELDS]
        for at in _TERM_AT:
            term = row[at]
            if term is not None:
                row[at] = [term.text, term.term, term.lexicon, term.start, term.end]
        for at in _TERM_LIST_AT:
            row[at] = [[t.text, t.term, t.lexicon, t.start, t.end] for t in row[at]]
        row[_TOKENS_AT] = [bound for span in self.tokens for bound in span]
        row[_NUMBERS_AT] = [
            [n.text, n.value, n.unit, n.kind, n.role, n.start, n.end, n.upper, n.base]
            for n in self.numbers
        ]
        row[_HITS_AT] = {
            key: [[t.text, t.term, t.lexicon, t.start, t.end] for t in terms]
            for key, terms in self.hits.items()
        }
        return row

    @classmethod
    def from_row(
        cls,
        row: list[Any],
        terms: dict[tuple[Any, ...], Term] | None = None,
        pack: RulePack | None = None,
    ) -> KeyResultReading:
        """The reading `to_row` wrote. Raises TypeError or ValueError (or AttributeError) for a
        row of any other shape; the values themselves are taken as written, as in `from_dict`.

        Terms are frozen, so one object can serve every place the same term is written: pass
        the same `terms` to the rows of one batch to share them between readings too.
        """
        if type(row) is not list or len(row) != len(_ROW_FIELDS):
            raise ValueError("not a reading row")
        values = list(row)
        if terms is None:
            terms = {}
        for at in _TERM_AT:
            if values[at] is not None:
                values[at] = _term(values[at], terms)
        for at in _TERM_LIST_AT:
            values[at] = tuple(_term(t, terms) for t in values[at])
        values[_TOKENS_AT] = _spans(values[_TOKENS_AT])
        values[_NUMBERS_AT] = tuple(_number(n) for n in values[_NUMBERS_AT])
        values[_HITS_AT] = {
            key: tuple(_term(t, terms) for t in found) for key, found in values[_HITS_AT].items()
        }
        # The row holds the value fields only, in order; the pack comes after them.
        return cls(*values, pack=pack)  # type: ignore[misc]


_MISSING = object()
_TERM_FIELDS = ("actor",)
_TERM_LIST_FIELDS = ("behaviour_verbs", "behaviour_nouns")
# Everything but the pack and the remembered verdicts: the reading's value.
_ROW_FIELDS = tuple(f.name for f in fields(KeyResultReading) if f.compare)
_TERM_AT = tuple(_ROW_FIELDS.index(name) for name in _TERM_FIELDS)
_TERM_LIST_AT = tuple(_ROW_FIELDS.index(name) for name in _TERM_LIST_FIELDS)
_TOKENS_AT = _ROW_FIELDS.index("tokens")
_NUMBERS_AT = _ROW_FIELDS.index("numbers")
_HITS_AT = _ROW_FIELDS.index("hits")
_TERM_SIZE = len(fields(Term))
_NUMBER_SIZE = len(fields(NumberMention))


def row_fields() -> tuple[str, ...]:
    """The names of a reading's fields in the order of its rows."""
    return _ROW_FIELDS


def _term(value: Any, seen: dict[tuple[Any, ...], Term]) -> Term:
    if type(value) is not list or len(value) != _TERM_SIZE:
        raise ValueError("not a term")
    key = tuple(value)
    term = seen.get(key)
    if term is None:
        term = seen[key] = Term(*value)
    return term


def _spans(value: Any) -> tuple[tuple[int, int], ...]:
    """Token spans written flat, [start, end, start, end, ...]."""
    if type(value) is not list or len(value) % 2:
        raise ValueError("not token spans")
    return tuple((value[at], value[at + 1]) for at in range(0, len(value), 2))


def _number(value: Any) -> NumberMention:
    if type(value) is not list or len(value) != _NUMBER_SIZE:
        raise ValueError("not a number mention")
    return NumberMention(*value)


def reading_of(readings: object, text: str) -> KeyResultReading | None:
    """The reading of `text` from a rule context's readings, or None when it was not read."""
    # Rules ask this for every text of every file; a plain dict (the usual case) skips the
    # slower check against the Mapping ABC.
    if type(readings) is dict or isinstance(readings, Mapping):
        found = readings.get(text)
        if isinstance(found, KeyResultReading):
            return found
    return None
