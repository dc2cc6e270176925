"""What okrlint understood from one key result (or objective) text.

A reading is plain data: it is built once per text and run, cached by text, serialised with
`to_dict`/`from_dict` (the cache uses `to_row`/`from_row`), and consumed by rules. Every
judgement carries the words it rests on, so a message can name its evidence.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields
from typing import Any

from okrlint.text.number_mentions import BASELINE, DELTA, TARGET, THRESHOLD, NumberMention

OUTPUT = "output"
OUTCOME = "outcome"
UNKNOWN = "unknown"
HIGH = "high"
LOW = "low"

# Why a key result is an output; OUT002 owns the counting kinds, OUT001 the rest.
DELIVERY = "delivery"
TASK = "task"
HIRE = "hire"
COMPLETION = "completion"
DELIVERABLE = "deliverable"
ACTIVITY_COUNT = "activity_count"
INTERNAL_METRIC = "internal_metric"
COUNTING_KINDS = frozenset({ACTIVITY_COUNT, INTERNAL_METRIC})


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
    behaviour: Term | None = None
    # The measured thing, normalised ("weekly active users"), or None.
    metric: str | None = None
    numbers: tuple[NumberMention, ...] = ()
    kind: str = UNKNOWN
    output_kind: str | None = None
    # The words that make it an output, and the deliverable ("the referral program").
    output_evidence: Term | None = None
    deliverable: str | None = None
    measurable: bool = False
    measurable_evidence: str | None = None
    customer_behaviour: bool = False
    customer_evidence: Term | None = None
    vanity: Term | None = None
    prescribed: Term | None = None
    date: str | None = None
    # False for text okrlint cannot read (another language): text rules then stay silent.
    english: bool = True
    # How well the evidence supports the output verdict: "high", or "low" when it rests on the
    # sentence's shape alone or on a kind of evidence that is often wrong (a bare noun, a count of
    # the team's own work); text rules report low-confidence verdicts as hints, not warnings.
    confidence: str = "high"
    # Every lexicon and pattern hit, by lexicon or pattern name (declarative rules use these).
    hits: dict[str, tuple[Term, ...]] = field(default_factory=dict)

    @property
    def baseline(self) -> float | None:
        return next((n.value for n in self.numbers if n.role == BASELINE), None)

    @property
    def target(self) -> float | None:
        wanted = (TARGET, THRESHOLD)
        return next((n.value for n in reversed(self.numbers) if n.role in wanted), None)

    @property
    def target_mention(self) -> NumberMention | None:
        wanted = (TARGET, THRESHOLD, DELTA)
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

    @property
    def is_output(self) -> bool:
        return self.kind == OUTPUT

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> KeyResultReading:
        values = dict(data)
        for name in _TERM_FIELDS:
            if values.get(name) is not None:
                values[name] = Term(**values[name])
        values["numbers"] = tuple(NumberMention.from_dict(n) for n in values.get("numbers", ()))
        values["hits"] = {
            key: tuple(Term(**t) for t in terms) for key, terms in values.get("hits", {}).items()
        }
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in values.items() if k in known})

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
        cls, row: list[Any], terms: dict[tuple[Any, ...], Term] | None = None
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
        values[_NUMBERS_AT] = tuple(_number(n) for n in values[_NUMBERS_AT])
        values[_HITS_AT] = {
            key: tuple(_term(t, terms) for t in found) for key, found in values[_HITS_AT].items()
        }
        return cls(*values)


_TERM_FIELDS = (
    "actor",
    "behaviour",
    "output_evidence",
    "customer_evidence",
    "vanity",
    "prescribed",
)
_ROW_FIELDS = tuple(f.name for f in fields(KeyResultReading))
_TERM_AT = tuple(_ROW_FIELDS.index(name) for name in _TERM_FIELDS)
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
