"""A key result's structure: who acts, what kind of predicate, what is measured.

The structure is read from the sentence's grammar, with general English words only (the pack's
word lists: auxiliaries, copulas, possession verbs, level bounds, comparatives, first-person
subjects), on top of the reading's lexicon hits and numbers:

- **who acts** (`actor`): the team (an imperative, a first-person subject, the team's staff),
  customers or users (people named as doing something, or whose count or share is measured),
  or an artefact (a thing, a system, a document as the subject of the sentence);
- **the predicate** (`predicate`): doing work (a command: "Launch the beta", "Conduct 4
  sessions"), work in a done state (a perfect "We've shipped ...", a copula and a participle
  or an adjective of completion "Targets are agreed", possession "Every team has a runbook",
  existence "A list exists", a noun phrase and its state "Pricing framework complete", a
  labelled noun phrase with no verb "Prototype: offline mode"), a change in a measure (a verb
  or a comparative of change, "from X to Y", "by 30%"), a level to reach or hold (a bound
  such as "within", "at least", "above", a verb of holding, a share or a count to reach);
- **what is measured** (`measured`): people's behaviour, a business result, a service level,
  the team's own activity (a count of its work: "Conduct 4 sessions per week").

A prefix that names a role or a reference code ("CMO:", "`2022.M1.01` -") is read apart and
takes no part in the sentence. Each part keeps the words it was read from, as written, so a
finding can explain itself. The structure is worked out once per reading (`structure_of`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from typing import Any, Final, Literal

from okrlint.text.number_mentions import (
    BASELINE,
    COUNT,
    DELTA,
    TARGET,
    THRESHOLD,
    NumberMention,
)
from okrlint.text.reading import KeyResultReading, Term
from okrlint.text.sentence import Hit, Sentence, SentenceWords, names_an_owner, words_for
from okrlint.text.shape import contraction_start, is_participle, rank, target_form

Actor = Literal["team", "people", "artefact"]
Predicate = Literal["work", "done", "change", "level"]
Measured = Literal["behaviour", "business", "service", "activity"]

TEAM: Final = "team"
PEOPLE: Final = "people"
ARTEFACT: Final = "artefact"
WORK: Final = "work"
DONE: Final = "done"
CHANGE: Final = "change"
LEVEL: Final = "level"
BEHAVIOUR: Final = "behaviour"
BUSINESS: Final = "business"
SERVICE: Final = "service"
ACTIVITY: Final = "activity"

# How each part is said in a message.
DESCRIPTIONS: Final[dict[str, str]] = {
    TEAM: "the team",
    PEOPLE: "customers or users",
    ARTEFACT: "an artefact",
    WORK: "doing work",
    DONE: "work in a done state",
    CHANGE: "a change in a measure",
    LEVEL: "a level to reach or hold",
    BEHAVIOUR: "people's behaviour",
    BUSINESS: "a business result",
    SERVICE: "a service level",
    ACTIVITY: "the team's own activity",
}

_WORK_LEADS = ("delivery", "task", "hire")
# Words between a count and the thing counted ("4 user testing sessions").
_GAP = re.compile(r"[\s\w-]*")
_CHANGE_LEADS = ("increase", "decrease")


@dataclass(frozen=True, slots=True)
class KeyResultStructure:
    """Who acts, what kind of predicate, what is measured; each with the words it was read
    from, as written (None where the sentence does not say)."""

    actor: Actor | None = None
    actor_words: str | None = None
    predicate: Predicate | None = None
    predicate_words: str | None = None
    measured: Measured | None = None
    measured_words: str | None = None
    # A role or reference-code prefix as written ("CMO:", "`2022.M1.01` -"), or None.
    prefix: str | None = None

    def explain(self) -> str:
        """The structure in words: "who acts: the team; predicate: work in a done state
        ('are agreed')"; the parts the sentence does not say are left out."""
        parts = []
        for label, kind, words in (
            ("who acts", self.actor, self.actor_words),
            ("predicate", self.predicate, self.predicate_words),
            ("measured", self.measured, self.measured_words),
        ):
            if kind is not None:
                quoted = f" ('{words}')" if words else ""
                parts.append(f"{label}: {DESCRIPTIONS[kind]}{quoted}")
        return "; ".join(parts)

    def pairs(self) -> tuple[tuple[str, str], ...]:
        """The parts the sentence says, as (name, value) pairs (a finding's `structure`)."""
        return tuple((name, value) for name, value in self.to_dict().items() if value)

    def to_dict(self) -> dict[str, Any]:
        """The structure as plain data (JSON and SARIF properties of a finding)."""
        return {part.name: getattr(self, part.name) for part in fields(self)}


_UNREAD = KeyResultStructure()


def reading_note(reading: KeyResultReading) -> str:
    """A sentence a finding ends with to say how the key result was read ("" when nothing
    was read): " Read as: who acts: the team; predicate: doing work ('Launch')."."""
    explained = structure_of(reading).explain()
    return f" Read as: {explained}." if explained else ""


def structure_of(reading: KeyResultReading) -> KeyResultStructure:
    """The structure of the key result `reading` describes, worked out once per reading."""
    return reading.remember("structure", _structure)


def _structure(reading: KeyResultReading) -> KeyResultStructure:
    if not reading.english or not reading.tokens:
        return _UNREAD
    return _Parse(Sentence.of(reading)).structure()


class _Parse:
    """One sentence's structure, read step by step: prefix, predicate, actor, measure."""

    def __init__(self, s: Sentence) -> None:
        self.s = s
        self.words: SentenceWords = s.words
        self.lower = s.lower
        self.size = len(s.lower)
        self.body = min(s.lead_start, self.size)
        self.numbers = s.measures
        # Set by the predicate: where it sits (token positions, end exclusive).
        self.at = self.body
        self.end = self.body
        self.imperative = False
        self.from_lead = False

    # --- helpers ---

    def words_of(self, start: int, end: int) -> str:
        start, end = max(start, 0), min(end, self.size)
        if start >= end:
            return ""
        start = contraction_start(self.lower, self.s.doc, start)
        return self.s.text[self.s.starts[start] : self.s.ends[end - 1]]

    def word_list(self, name: str) -> frozenset[str]:
        return self.words.word_list(name)

    def phrase_at(self, index: int, phrases: frozenset[str]) -> int:
        """The number of tokens a phrase of `phrases` takes at `index` (0 when none starts
        there), the longest first."""
        for width in (3, 2, 1):
            if index + width <= self.size and " ".join(self.lower[index : index + width]) in (
                phrases
            ):
                return width
        return 0

    def phrase_after(self, index: int, phrases: frozenset[str]) -> tuple[int, int] | None:
        for at in range(index, self.size):
            width = self.phrase_at(at, phrases)
            if width:
                return at, at + width
        return None

    def skip_adverbs(self, index: int) -> int:
        adverbs = self.word_list("state_adverbs")
        while index < self.size and (
            self.lower[index] in adverbs
            or (self.lower[index].endswith("ly") and self.lower[index].isalpha())
        ):
            index += 1
        return index

    def participle(self, index: int) -> bool:
        if index >= self.size:
            return False
        word = self.lower[index]
        return word not in self.words.not_participles and is_participle(
            word, self.words.participles
        )

    def hits(self, *names: str) -> list[Hit]:
        return [h for name in names for h in self.s.found(name)]

    def hits_in(self, start: int, end: int, *names: str) -> list[Hit]:
        return [h for h in self.hits(*names) if start <= h.start < end]

    def forms(self, *lexicons: str) -> frozenset[str]:
        """Every single-word form of the verbs of `lexicons` ("rises", "grew", "stays")."""
        key = "structure_forms:" + ",".join(lexicons)
        return self.words.remember(
            key,
            lambda words: frozenset(form for name in lexicons for form in words.pack.words(name)),
        )

    def char_of(self, index: int) -> int:
        return self.s.starts[index] if index < self.size else len(self.s.text)

    # --- the parts ---

    def structure(self) -> KeyResultStructure:
        prefix, head = self.prefix()
        predicate, predicate_words = self.predicate()
        actor, actor_words = self.actor(predicate, head)
        measured, measured_words = self.measured(predicate, actor)
        return KeyResultStructure(
            actor, actor_words, predicate, predicate_words, measured, measured_words, prefix
        )

    def prefix(self) -> tuple[str | None, int]:
        """A role or code prefix as written, and where the words before the body start."""
        last = -1
        for index in range(self.body):
            written = self.s.doc[index].text
            if written in (":", "|", "-", "–", "—") and index > 0:
                last = index
        if last < 0:
            return None, 0
        return self.words_of(0, last + 1), last + 1

    def predicate(self) -> tuple[Predicate | None, str | None]:
        reading = self.s.reading
        clause = self.phrase_at(self.body, self.word_list("clause_verbs"))
        if clause:
            # "Make sure that 70% of invoices are paid on time": the clause says what is sought.
            start = self.body + clause
            if start < self.size and self.lower[start] == "that":
                start += 1
            if start < self.size - 1:
                self.body = start
                found = self.verb_predicate() or self.verbless_predicate()
                if found is not None:
                    kind, at, end = found
                    self.at, self.end = at, end
                    return kind, self.words_of(at, end) or None
        gerund = reading.lead_kind is not None and self.lower[self.body].endswith("ing")
        # "Hiring plans are approved", "Onboarding guide published": a gerund opening a
        # subject, not a command.
        found = (gerund and (self.verb_predicate() or self.done_state())) or None
        found = found or self.lead_predicate() or self.verb_predicate() or self.verbless_predicate()
        if found is None:
            return None, None
        kind, start, end = found
        self.at, self.end = start, end
        return kind, self.words_of(start, end) or None

    def lead_predicate(self) -> tuple[Predicate, int, int] | None:
        """A verb that opens the body: a command ("Launch", "Grow"), or a past tense
        ("Launched the beta") that reports the work done."""
        reading = self.s.reading
        kind = reading.lead_kind
        if kind is None or reading.lead_start != self.body:
            return None
        start, end = self.body, max(reading.lead_end, self.body + 1)
        self.from_lead = True
        word = self.lower[start]
        past = word != reading.lead_lemma and is_participle(word, self.words.participles)
        self.imperative = not past
        if kind in _WORK_LEADS:
            return (DONE if past else WORK), start, end
        if kind in _CHANGE_LEADS:
            return CHANGE, start, end
        if kind == "hold":
            return LEVEL, start, end
        if kind == "achieve":
            if reading.lead_lemma in self.word_list("possession_verbs"):
                # "Have a runbook for every service", "We have a shared glossary": a thing to
                # have; "(We) have 40% of members on the annual plan": a level.
                self.imperative = False
                return self.state_of_holder(start)
            if self.bounded() or rank(self.s.text):
                return LEVEL, start, end  # "Reach the top 5 ...": a rank is a level
            return CHANGE, start, end
        if kind == "behaviour" and not past and self.team_does(end):
            return WORK, start, end
        self.imperative = self.from_lead = False
        return None

    def team_does(self, end: int) -> bool:
        """A verb of what customers do, as a command on a thing the team has ("Switch the CRM to
        a new provider", "Book the venue") or on a count of things ("Book 60 discovery calls",
        "Order 12 demo kits"): the team does it; with people in the sentence ("Book 40
        families onto the course") it is theirs to do."""
        determiners = self.word_list("determiners") - {"their", "your", "my"}
        if end >= self.size:
            return False
        if self.lower[end] in determiners or self.counts_after(end):
            return self.s.reading.actor is None and not self.hits("customer_actors")
        # "Book kickoff calls for 95% of new customers": a command on the team's own work.
        phrase_end = self.s.noun_phrase_end(end)
        work = self.hits_in(end, phrase_end, "activity_nouns")
        return (
            bool(work)
            and work[-1].end == phrase_end
            and not self.hits_in(end, phrase_end, "customer_actors")
        )

    def counts_after(self, index: int) -> bool:
        """A plain count of things starts at token `index` ("60 discovery calls")."""
        start = self.char_of(index)
        return any(
            n.start == start and n.kind == "count" and not n.unit and n.upper is None
            for n in self.numbers
        )

    def bounded(self, start: int = 0) -> bool:
        """A bound on a level ("at least", "within a day", "or higher") or a threshold."""
        if any(n.role == THRESHOLD for n in self.numbers):
            return True
        return self.phrase_after(start, self.word_list("level_bounds")) is not None

    def verb_predicate(self) -> tuple[Predicate, int, int] | None:
        """The finite verb after a subject: a copula, a perfect or possession, existence, a
        verb of working order; else a verb of change or of holding ("Signups rise")."""
        possession = self.word_list("possession_verbs")
        state_verbs = self.word_list("state_verbs")
        last = min(self.size, self.body + 12)
        for index in range(self.body + 1, last):
            word = self.lower[index]
            if word in self.words.copulas:
                if index - 1 > self.body and self.lower[index - 1] in self.word_list(
                    "clause_pronouns"
                ):
                    continue  # "Buyers say they are happy": the verb of a clause inside
                found = self.after_copula(index)
                if found is not None:
                    kind, start, end = found
                    if start - 1 > self.body and self.lower[start - 1] in self.words.modals:
                        # "The form can be completed in one step": the modal is the verb's;
                        # the subject ends before it.
                        start -= 1
                    return kind, start, end
                continue
            if self.inside_a_measure_name(index):
                continue
            if word in self.words.structure_words.perfect_auxiliaries or word in possession:
                after = self.skip_adverbs(index + 1)
                if self.participle(after):
                    if self.lower[after] in self.words.measure_participles:
                        return CHANGE, index, after + 1
                    return DONE, index, after + 1
                if word in possession and after < self.size and self.s.doc[after].is_alpha:
                    return self.state_of_holder(index)
                continue
            if word in ("exists", "exist"):
                return DONE, index, index + 1
            if word in state_verbs and self.s.doc[index - 1].is_alpha and not self.shared(index):
                # "The importer runs for 10 days without a crash": how long, a level.
                if self.numbers:
                    return LEVEL, index, index + 1
                return self.state_of_holder(index)
        changes = self.forms("increase_verbs", "decrease_verbs")
        holds = self.forms("hold_verbs")
        for index in range(self.body + 1, last):
            word = self.lower[index]
            if word in changes and not self.before_determiner(index):
                return CHANGE, index, index + 1
            if word in holds and not self.before_determiner(index):
                at = self.char_of(index)
                if (
                    self.participle(index)
                    and not self.bounded(index + 1)
                    and not any(n.start >= at for n in self.numbers)
                ):
                    # "2 customer advisory boards held": a thing done, with no level after it
                    # to keep ("Churn held under 2%").
                    return self.state_or_level(index, index + 1)
                return LEVEL, index, index + 1
        reaches = self.forms("achieve_verbs")
        for index in range(self.body + 1, last - 1):
            word = self.lower[index]
            if word in reaches and _s_form(word) and self.s.doc[index + 1].like_num:
                return LEVEL, index, index + 1  # "Completion rate reaches 90%"
        verb = self.verb_by_shape()
        if verb is not None:
            if self.numbers or self.bounded(verb):
                if self.lower[self.body] in _PLURAL_OPENERS:
                    return None  # "All APIs respond within 400ms": the bound says the level
                return LEVEL, verb, verb + 1
            return DONE, verb, verb + 1
        return None

    def shared(self, index: int) -> bool:
        """The word in -s at `index` ends a share of things ("1% of CI runs", "90% of test
        runs"): a plural noun, since a share of things takes a plural verb."""
        return (
            index >= 3
            and _s_form(self.lower[index])
            and self.lower[index - 2] == "of"
            and (self.lower[index - 3] == "%" or self.s.doc[index - 3].like_num)
        )

    def verb_by_shape(self) -> int | None:
        """ "Every alert links to a runbook", "Each invoice carries a due date": after a
        singular subject ("every", "each", "a" and a noun), a word in -s before a preposition,
        a determiner, a figure or the end is its verb, whichever verb it is. None when the
        subject names people (what they do is read as behaviour) or no such word follows.
        After a plural subject of things ("all" and a plural noun, no staff: "All product pages
        use the new header"), a verb of behaviour in its plain form before a determiner is its
        verb."""
        if self.body >= self.size:
            return None
        plural = self.lower[self.body] in _PLURAL_OPENERS
        if not plural and self.lower[self.body] not in _SINGULAR_OPENERS:
            return None
        stops = self.words.clause_ends | self.words.function_words
        for index in range(self.body + 1, min(self.size, self.body + 6)):
            word = self.lower[index]
            if word in stops or not self.s.doc[index].is_alpha:
                return None
            following = self.lower[index + 1] if index + 1 < self.size else ""
            verb = (
                _plural_noun(self.lower[index - 1])
                and bool(self.hits_in(index, index + 1, "behaviour_verbs"))
                # "All engineers use ...": the team's people act, no thing is in a state.
                and not self.hits_in(self.body, index, "staff_nouns")
                and not set(self.lower[self.body : index]) & self.word_list("team_subjects")
                and following in self.words.determiners
                if plural
                else _s_form(word)
            )
            if (
                index > self.body + 1
                and verb
                and (
                    following in stops
                    or following in self.words.determiners
                    or self.s.doc[index + 1].like_num
                )
            ):
                return None if self.people_before(index) else index
        return None

    def state_of_holder(self, index: int) -> tuple[Predicate, int, int]:
        """ "Every service has a runbook" is a thing to have; "80% of users have a saved
        search" is a level of what people do."""
        shares = any(n.kind == "percent" for n in self.numbers)
        if (self.people_before(index) and self.numbers) or shares:
            return LEVEL, index, index + 1
        return DONE, index, index + 1

    def before_determiner(self, index: int) -> bool:
        """ "a 20% drop in churn": a verb form used as a noun after a determiner or a figure."""
        before = self.lower[index - 1] if index > 0 else ""
        if self.s.doc[index - 1].like_num:
            # "week 1 grow": a figure that names a period or a part is no determiner.
            at = self.s.starts[index - 1]
            return any(n.start <= at < n.end for n in self.numbers)
        return before in self.words.determiners or before == "%"

    def after_copula(self, index: int) -> tuple[Predicate, int, int] | None:
        after = self.skip_adverbs(index + 1)
        bounds = self.word_list("level_bounds")
        if self.phrase_at(after, bounds):
            return LEVEL, index, after + self.phrase_at(after, bounds)
        if after < self.size and (
            self.lower[after] in self.word_list("comparatives")
            or self.lower[after] in self.word_list("change_adverbs")
        ):
            return CHANGE, index, after + 1
        state = self.state_at(after)
        if state:
            end = after + state
            if after < self.size and self.lower[after] in self.words.measure_participles:
                return CHANGE, index, end
            return self.state_or_level(index, end)
        if self.numbers:
            return LEVEL, index, index + 1
        return None

    def coordinated_states(self, start: int, end: int) -> tuple[int, int]:
        """A done state from `start` to `end` with the states joined to it on either side
        ("Supporter journey mapped and signed off": 'mapped and signed off', not a subject
        'Supporter journey mapped and'; "Pricing copy written, reviewed and approved")."""
        joins = ("and", "&", ",")
        while (
            start - 2 > self.body
            and self.lower[start - 1] in joins
            and (self.participle(start - 2) or self.state_at(start - 2) == 1)
        ):
            start -= 2
        while end + 1 < self.size and self.lower[end] in joins and self.state_at(end + 1):
            end += 1 + self.state_at(end + 1)
        return start, end

    def state_at(self, index: int) -> int:
        """The tokens a done state takes at `index`: a participle or a completion word."""
        for hit in self.hits("completion_states"):
            if hit.start == index:
                return hit.end - hit.start
        return 1 if self.participle(index) else 0

    def state_or_level(self, start: int, end: int) -> tuple[Predicate, int, int]:
        """A done state, unless the sentence measures how much or how fast things reach it:
        "95% of tickets are resolved within a day" is a level, "processed faster" a change."""
        comparatives = self.word_list("comparatives")
        if any(w in comparatives for w in self.lower[end : end + 3]) or any(
            n.role == DELTA for n in self.numbers
        ):
            return CHANGE, start, end
        # "Invoices paid on time from 70% to 90%": the share of things in the state moves.
        moving = {n.role for n in self.numbers if n.kind == "percent"}
        if BASELINE in moving and TARGET in moving:
            return CHANGE, start, end
        # "Seats added per paying account from 1.2 to 2": so does a rate of them.
        if "per" in self.lower[end:] and {BASELINE, TARGET} <= {n.role for n in self.numbers}:
            return CHANGE, start, end
        share_before = any(
            n.kind == "percent" and n.end <= self.char_of(start) for n in self.numbers
        )
        if share_before or self.bounded(end) or target_form(self.s.text[self.char_of(end) :]):
            return LEVEL, start, end
        return DONE, start, end

    def verbless_predicate(self) -> tuple[Predicate, int, int] | None:
        """A sentence with no finite verb: a noun phrase and its state, figures, a comparative,
        or a bare noun phrase naming a thing to have."""
        s = self.s
        # "% of plan achieved", "Number of weekly orders": the name of a measure, a level.
        opener = self.body
        if opener > 0 and self.lower[opener - 1] in ("%", "#"):
            opener -= 1  # "% of plan": the reader skipped the sign as punctuation
        named = self.measure_name(opener)
        if named:
            return LEVEL, opener, opener + named
        state = self.done_state()
        if state is not None:
            return state
        roles = {n.role for n in self.numbers}
        if (BASELINE in roles and (TARGET in roles or THRESHOLD in roles)) or DELTA in roles:
            first = next(n for n in self.numbers if n.role in (BASELINE, DELTA))
            return CHANGE, self.token_at(first.start), self.token_at(first.end - 1) + 1
        comparative = self.phrase_after(self.body, self.word_list("comparatives"))
        if comparative is not None and not self.bounded():
            return CHANGE, *comparative
        bound = self.phrase_after(self.body, self.word_list("level_bounds"))
        if bound is not None:
            return LEVEL, *bound
        if self.numbers or target_form(s.text):
            number = self.numbers[0] if self.numbers else None
            if number is None:
                return LEVEL, self.body, self.body
            return LEVEL, self.token_at(number.start), self.token_at(number.end - 1) + 1
        if self.measure_words(self.body, self.size):
            return None
        labelled = self.body > 0 and self.lower[self.body - 1] == ":"
        if labelled and self.measure_words(0, self.body):
            # "NPS: TBD", "Refund rate: TBD once the policy lands": a label that names a
            # measure labels its value, not a thing to have.
            return None
        things = self.hits_in(self.body, self.size, "deliverable_nouns")
        if things or labelled:
            # "Prototype: offline mode", "A self-serve billing portal": a thing to have. After
            # its holder ("Employees with a written development plan") the thing is quoted; as
            # the head of the opening phrase ("Quickstart guides for Python") it is the subject.
            head = things[0].start if things else self.body
            held = any(
                w in self.words.function_words and w not in self.words.determiners
                for w in self.lower[self.body : head]
            )
            if held:
                return DONE, head, things[0].end
            return DONE, self.body, self.body
        return None

    def done_state(self) -> tuple[Predicate, int, int] | None:
        """ "Pricing framework complete", "New billing system in production", "Partner program
        launched in two regions": a noun phrase and the state it is in."""
        # A state after a copula here is the state of a clause inside ("they are pleased"):
        # the sentence's own copula was read before.
        copulas = self.words.copulas
        for hit in self.hits("completion_states"):
            if (
                hit.start > self.body
                and not self.describes_a_noun(hit.start, hit.end)
                and self.lower[hit.start - 1] not in copulas
            ):
                start, end = self.coordinated_states(hit.start, hit.end)
                return self.state_or_level(start, end)
        for index in range(self.body + 1, min(self.size, self.body + 6)):
            # "Backups restored successfully in ...": an adverb after the participle is its own.
            after = self.skip_adverbs(index + 1)
            following = self.lower[after] if after < self.size else ""
            if (
                self.participle(index)
                and self.s.doc[index - 1].is_alpha
                and self.lower[index - 1] not in copulas
                and self.lower[index] not in self.words.measure_participles
                and (following in self.words.clause_ends or not following.isalpha())
            ):
                return self.state_or_level(index, index + 1)
        return None

    def inside_a_measure_name(self, index: int) -> bool:
        """ "Candidate offer acceptance rate": the word and the nouns after it end in a measure,
        so it is part of that measure's name, not a verb."""
        end = index
        stops = self.words.function_words | self.words.clause_ends | self.words.determiners
        while end < self.size and self.s.doc[end].is_alpha and self.lower[end] not in stops:
            end += 1
        return end > index + 1 and any(h.end == end for h in self.hits("metric_nouns"))

    def describes_a_noun(self, start: int, end: int) -> bool:
        """ "with a written plan", "from approved request to signed offer": a state word after a
        determiner or a preposition and before a noun describes that noun; it is no predicate."""
        before = self.lower[start - 1] if start > 0 else ""
        if before not in self.words.determiners and before not in self.words.function_words:
            return False
        if end >= self.size or not self.s.doc[end].is_alpha:
            return False
        following = self.lower[end]
        return following not in self.words.function_words and following not in (
            self.words.clause_ends
        )

    def measure_name(self, start: int) -> int:
        """The tokens of a measure's name at `start` ("% of", "number of")."""
        if start >= self.size:
            return 0
        if self.lower[start] in ("%", "#"):
            # "% of plan achieved", "% weekly projects with an export": a share or a count.
            return 2 if start + 1 < self.size and self.lower[start + 1] == "of" else 1
        width = self.phrase_at(start, self.word_list("measure_names"))
        if width and start + width < self.size and self.lower[start + width] == "of":
            return width + 1
        return 0

    def token_at(self, char: int) -> int:
        for index, (start, end) in enumerate(zip(self.s.starts, self.s.ends, strict=True)):
            if start <= char < end or start >= char:
                return index
        return self.size - 1

    def measure_words(self, start: int, end: int) -> list[Hit]:
        return self.hits_in(
            start,
            end,
            "metric_nouns",
            "behaviour_nouns",
            "service_levels",
            "lagging_finance",
            "customer_actors",
            "internal_metrics",
        )

    def people_in(self, start: int, end: int) -> list[Hit]:
        """People named between `start` and `end`, but for owners of a thing ("the app
        store's category"), who do nothing in the sentence."""
        starts = {h.start for h in self.hits("behaviour_nouns")}
        return [
            h
            for h in self.hits_in(start, end, "customer_actors")
            if not names_an_owner(self.lower, h.end, starts)
        ]

    def people_before(self, index: int) -> bool:
        return bool(self.hits_in(self.body, index, "customer_actors"))

    def actor(self, predicate: Predicate | None, head: int) -> tuple[Actor | None, str | None]:
        s, reading = self.s, self.s.reading
        people = reading.actor
        if self.imperative:
            if predicate in (WORK, DONE):
                return TEAM, None  # a command's subject is the team it is written for
            # "Grow website visitors", "Get 30% of users to upgrade": the people whose doing
            # is measured act; "Cut costs": the team does.
            if people is not None:
                return PEOPLE, people.text
            named = self.people_in(self.end, self.size)
            if named and not self.hits_in(self.end, self.size, "staff_nouns"):
                return PEOPLE, s.term(named[0]).text
            return TEAM, None
        subject_end = self.at if predicate is not None and self.at > self.body else self.size
        team = self.word_list("team_subjects")
        # "New teams", "paying teams": customers named by a customer word, not the team writing.
        customers = {
            index for hit in self.hits("customer_actors") for index in range(hit.start, hit.end)
        }
        for index in range(head, min(subject_end, self.size)):
            if self.lower[index] in team and index not in customers:
                capital = index > head and s.doc[index - 1].text[:1].isupper()
                if capital and self.lower[index - 1] not in self.words.english_function_words:
                    return TEAM, self.words_of(index - 1, index + 1)  # "Support team"
                if index + 1 < subject_end and self.lower[index + 1] in team:
                    return TEAM, self.words_of(index, index + 2)  # "Our team"
                if self.lower[index] in self.words.determiners:
                    continue  # "Our members", "Our churn": the noun after it is the subject
                return TEAM, s.doc[index].text
        if self.from_lead:
            return TEAM, None  # "Launched the beta": the team reports its own work
        # The head of the subject: its words before a preposition ("A list of ...").
        head_end = next(
            (
                i
                for i in range(self.body + 1, subject_end)
                if self.lower[i] in self.words.clause_ends or self.lower[i] == "of"
            ),
            subject_end,
        )
        staff = self.hits_in(self.body, head_end, "staff_nouns")
        if staff:
            return TEAM, s.term(staff[0]).text
        # People named at the end of the subject's head act ("New hosts list ..."); people
        # named before another word only describe it ("A vendor scorecard exists").
        named = [h for h in self.people_in(self.body, head_end) if not _describes(h, head_end)]
        if named and not self.hits_in(self.body, head_end, "deliverable_nouns"):
            return PEOPLE, self.people_doing(named[0])
        # "Reports shared by users rise": the agent of a passive acts.
        for index in range(self.body, self.size - 1):
            if self.lower[index] == "by":
                agent = self.people_in(index + 1, index + 4)
                if agent:
                    return PEOPLE, s.term(agent[0]).text
        if predicate == DONE:
            subject = self.words_of(self.body, subject_end)
            things = self.hits_in(self.body, head_end, "deliverable_nouns")
            # A measure word, or people, before another noun of the head describe that noun
            # ("Real-time arrival boards installed": boards, not a time, are in a done state).
            measures = [
                h for h in self.measure_words(self.body, head_end) if not _describes(h, head_end)
            ]
            if subject and (things or not measures):
                return ARTEFACT, subject
            if subject and self.served(s.hit(people) if people is not None else None):
                # "Health scores live in the CRM for every account": the people are served.
                return ARTEFACT, subject
        if people is not None:
            return PEOPLE, self.people_doing(s.hit(people))
        return None, None

    def served(self, people: Hit | None) -> bool:
        """People named after the predicate behind "for" ("... for every account", "for all
        new users"): those the thing is for, who do nothing in the sentence."""
        if people is None or people.start <= self.end:
            return False
        before = self.lower[max(self.end, people.start - 3) : people.start]
        return "for" in before

    def people_subject(self, actor: Actor | None) -> bool:
        """People act as the subject of the sentence: named before its predicate, with no
        command before them."""
        people = self.s.reading.actor
        if actor != PEOPLE or self.imperative or people is None or self.s.reading.lead_kind:
            return False
        named = self.s.hit(people)
        # A verb of what they do follows them ("Members book 2 classes a week"); people before
        # another noun only describe it ("Resolve customer issues in under 5 emails").
        return named.end == self.at or (
            named.end < self.at and bool(self.hits_in(named.end, named.end + 1, "behaviour_verbs"))
        )

    def people_doing(self, people: Hit) -> str:
        """The people named, with what they are said to do when a verb in -ing follows
        ("Teams inviting a teammate"), as written."""
        doing = people.end
        if (
            doing < self.size
            and self.lower[doing].endswith("ing")
            and self.hits_in(doing, doing + 1, "behaviour_verbs")
        ):
            end = self.s.noun_phrase_end(doing + 1)
            if self.at > doing:
                end = min(end, self.at)  # up to the sentence's verb
            return self.words_of(people.start, end)
        return self.s.term(people).text

    def measured(
        self, predicate: Predicate | None, actor: Actor | None
    ) -> tuple[Measured | None, str | None]:
        s, reading = self.s, self.s.reading
        # "Beta customers use the editor 3 times a week": what people named as the subject
        # are said to do is counted, not work of the team.
        activity = None if self.people_subject(actor) else self.activity(predicate)
        if activity is not None:
            counted = self.people_counted_apart(activity)
            if counted is not None:
                return BEHAVIOUR, counted
            return ACTIVITY, activity
        people = reading.actor
        # "90% of refunds closed within 2 days", "Deploys take under 15 minutes": how fast
        # things are served, when no people are said to act.
        limit = self.time_limit() if predicate == LEVEL else None
        # "Lower cloud costs 15% without hurting latency": what comes after "without" is a
        # guard-rail, not what the key result measures.
        guard = next((i for i in range(self.body, self.size) if self.lower[i] == "without"), None)
        service = [h for h in self.hits("service_levels") if guard is None or h.start < guard]
        if limit is not None and people is None:
            # The measure's name when the sentence gives one ("p95"), else the limit.
            return SERVICE, s.term(service[0]).text if service else limit
        internal = self.hits("internal_metrics")
        if internal:
            return ACTIVITY, s.term(internal[0]).text
        behaviour = [
            t
            for t in (*reading.behaviour_verbs, *reading.behaviour_nouns)
            if not self.at <= self.s.at_start.get(t.start, -1) < self.end
        ]
        if people is None:
            # "The nightly pipeline finishes before 6am": a verb of a thing, not of people.
            behaviour = [
                t for t in behaviour if t not in reading.behaviour_verbs or not self.thing_does(t)
            ]
        # Work, or a thing in a done state, measures nothing unless people are said to act.
        if predicate in (WORK, DONE) and (
            people is None or actor == ARTEFACT or (predicate == DONE and not self.numbers)
        ):
            return None, None
        if people is not None and self.serves(service, people):
            # "Reduce average response time to customer inquiries": how fast the team serves
            # the people named after the measure, not what they do.
            return SERVICE, s.term(service[0]).text
        if people is not None:
            return BEHAVIOUR, (behaviour[0].text if behaviour else people.text)
        if service:
            return SERVICE, s.term(service[0]).text
        # "90% of returns are refunded within 3 days": how fast things are served; "runs for
        # 30 days without a restart": how long a service holds.
        if limit is not None:
            return SERVICE, limit
        duration = next((n for n in self.numbers if n.kind == "duration"), None)
        if predicate == LEVEL and duration is not None and not behaviour:
            return SERVICE, duration.text
        if behaviour:
            return BEHAVIOUR, behaviour[0].text
        named = self.people_in(self.body, self.size)
        if named and predicate in (CHANGE, LEVEL):
            return BEHAVIOUR, s.term(named[0]).text
        ranked = rank(s.text) if predicate == LEVEL else None
        if ranked is not None:
            return BUSINESS, ranked
        units = self.word_list("time_units")
        business = [
            h
            for h in self.hits("lagging_finance", "metric_nouns")
            if not self.names_a_thing(h) and h.term not in units
        ]
        if business:
            return BUSINESS, self.metric_as_written(business[0])
        money = next((n for n in self.numbers if n.kind == "currency"), None)
        if money is not None:
            return BUSINESS, money.text
        return None, None

    def people_counted_apart(self, activity: str) -> str | None:
        """People counted by a figure of their own beside the team's work ("Launch in 3 new
        markets with 500 paying customers each", "Run 3 workshops with 400 attendees"): what
        the key result asks for is that many people, not the work; the figure and the people, as
        written. A share of people the work reaches ("calls with 90% of new clients") is how
        much work is done."""
        at = self.s.text.find(activity)
        for number in self.numbers:
            if number.kind != "count" or at <= number.start < at + len(activity):
                continue
            index = self.token_at(number.start)
            people = self.people_in(index + 1, min(index + 4, self.size))
            if people:
                return self.words_of(index, people[0].end)
        return None

    def serves(self, service: list[Hit], people: Term) -> bool:
        """A service level is named before the people, and they do nothing with a verb of
        their own after it."""
        if not service:
            return False
        at = self.s.at_start.get(people.start, -1)
        if not self.body <= service[0].start < at:
            return False
        verbs = self.s.reading.behaviour_verbs
        return not any(self.s.at_start.get(v.start, -1) > at for v in verbs)

    def names_a_thing(self, measure: Hit) -> bool:
        """A measure word that is part of a thing's name: before a thing the team makes
        ("the revenue model"), or a thing itself with no money said ("the nightly pipeline
        finishes ...")."""
        things = self.hits("deliverable_nouns")
        if any(t.start == measure.end for t in things):
            return True
        money = any(n.kind == "currency" for n in self.numbers)
        return not money and any(t.start == measure.start for t in things)

    def thing_does(self, verb: Term) -> bool:
        """The subject of the verb of behaviour `verb` is a thing ("The revenue model migrates
        ...", "The export job finishes ..."): a deliverable or a definite subject, with no
        people named before the verb."""
        at = self.s.at_start.get(verb.start, -1)
        if at <= self.body or self.people_before(at):
            return False
        definite = self.lower[self.body] in self.words.determiners  # "The export job finishes"
        return definite or bool(self.hits_in(self.body, at, "deliverable_nouns"))

    def metric_as_written(self, measure: Hit) -> str:
        """The measured phrase as written ("Median CI pipeline time", "Flaky-test reruns") when
        the sentence names one around the measure word found, else that word: one noun of a
        longer phrase ('pipeline', 'per') tells the reader less than the phrase."""
        word = self.s.term(measure).text
        metric = self.s.reading.metric
        if not metric:
            return word
        at = self.s.text.casefold().find(metric)
        # The phrase holds the word, or ends just before it ("retries per night").
        if at < 0 or not at <= self.char_of(measure.start) <= at + len(metric) + 1:
            return word
        return measure_as_written(self.s.reading) or word

    def time_limit(self) -> str | None:
        """ "within a week", "under 15 minutes", "within 2 business days": how fast a level is
        reached, a bound and a time unit."""
        units = self.word_list("time_units")
        bounds = self.word_list("level_bounds")
        for index in range(self.body, self.size):
            width = self.phrase_at(index, bounds)
            if width:
                for after in range(index + width, min(index + width + 4, self.size)):
                    if self.lower[after] in units:
                        return self.words_of(index, after + 1)
        return None

    def activity(self, predicate: Predicate | None) -> str | None:
        """A count of the team's own work: "Conduct 4 sessions per week", "Call three
        customers", "12 blog posts"."""
        if predicate not in (WORK, None) and not self.hits("activity_nouns"):
            return None
        reading = self.s.reading
        # "Call three customers" counts calls; "Sign 5 new customers" counts customers won.
        any_count = predicate == WORK and (
            reading.actor is None or reading.lead_kind in ("task", "hire")
        )
        # In a sentence led by a state or a change, a figure after a word of work names it
        # ("all episodes of season 4"); it counts the work only after a command or no verb.
        found = work_count(
            self.s,
            after_work_verb=predicate == WORK,
            work_before=predicate in (WORK, None),
            any_count=any_count,
        )
        if found is not None:
            return found.text
        if predicate == WORK and self.imperative and self.numbers:
            return self.work_object()
        return None

    def work_object(self) -> str | None:
        """The object of a command with a figure when it names the team's own work ("Hold
        onboarding calls with 90% of new clients", "Send the renewal survey to 80% of accounts"):
        what is measured is how much of that work the team does, whoever it is done with, unless
        the people are said to do something themselves ("... so that 40% of them upgrade")."""
        start = self.end
        # "Schedule 90% of new client kickoff calls": a share of the work, then the work.
        share = next((n for n in self.numbers if self.token_at(n.start) == start), None)
        if share is not None and share.kind == "percent":
            after = self.token_at(share.end - 1) + 1
            while after < self.size and self.lower[after] in ("%", "percent"):
                after += 1
            if after < self.size and self.lower[after] == "of":
                start = after + 1
        while start < self.size and self.lower[start] in self.words.determiners:
            start += 1
        end = self.s.noun_phrase_end(start) if start < self.size else start
        work = self.hits_in(start, end, "activity_nouns")
        # The work must head the phrase: people before it only say whose ("new client
        # kickoff calls"); "Email 80% of customers" names no work.
        if not work or work[-1].end != end:
            return None
        if any(self.s.at_start.get(t.start, -1) >= end for t in self.s.reading.behaviour_verbs):
            return None
        return self.words_of(start, end)


# What a measure's name ("share", "number") is of, up to where its figures start.
_OF_WHAT = re.compile(
    r"\s+of\s+(?P<what>[^\d%$€£]+?)"
    r"(?=\s+(?:from|to|by|under|over|above|below|at|within)\b|\s*[\d%$€£(]|$)",
    re.IGNORECASE,
)


def measure_as_written(reading: KeyResultReading) -> str | None:
    """The measure as the text writes it, or None when the reading found none: "share of
    support conversations rated helpful", not the bare "share" that a measure's name leaves
    when what it is of follows."""
    metric = reading.metric
    if not metric:
        return None
    at = reading.text.casefold().find(metric)
    if at < 0:
        return None
    end = at + len(metric)
    # A measure's name (the pack's `measure_names`: "share", "number") says nothing until what
    # it measures follows.
    if metric in words_for(reading).word_list("measure_names"):
        found = _OF_WHAT.match(reading.text, end)
        if found is not None:
            end = found.end("what")
    return reading.text[at:end]


def work_count(
    s: Sentence, *, after_work_verb: bool, work_before: bool = True, any_count: bool = False
) -> Term | None:
    """A count of the team's own work, as written from the figure to the thing counted: the
    first count (a target, a count or a bound in figures or words) with an activity noun at
    most three words after it, the head of that phrase ("4 user testing sessions", "12
    integration guides"). After a verb of work the count is the work whatever follows ("Ship 3
    features customers asked for"); otherwise the noun must end its phrase: "10,000 video views"
    counts views people make, not videos. With `work_before`, a word of work before the count
    names what it counts ("Call on three customers"). With `any_count`, a count the words after
    it do not name as work is still one ("Phone four suppliers": the calls are the work),
    quoted with its noun phrase; its term is the figure and its lexicon `activity_count`."""
    counts = [
        n
        for n in s.measures
        if n.role in (TARGET, COUNT, THRESHOLD) and n.kind in ("count", "word", "redacted")
    ]
    for number in counts:
        counted = _counted_work(s, number, after_work_verb=after_work_verb)
        if counted is not None:
            # The noun found may describe the head that follows ("20 new API reference
            # examples" counts examples): the quote runs through the phrase's head.
            end = max(s.ends[counted.end - 1], _count_phrase_end(s, number))
            return Term(
                s.text[number.start : end], counted.term, counted.lexicon, number.start, end
            )
    for number in counts if work_before else ():
        # "Call on three customers", "Run workshops for 3 teams": the word of work may stand
        # before its count; the quote runs from it through what is counted.
        work = _work_before(s, number)
        if work is not None:
            start, end = s.starts[work.start], _count_phrase_end(s, number)
            return Term(s.text[start:end], work.term, work.lexicon, start, end)
    if any_count and counts:
        number = counts[0]
        end = _count_phrase_end(s, number)
        return Term(s.text[number.start : end], number.text, "activity_count", number.start, end)
    return None


def _work_before(s: Sentence, number: NumberMention) -> Hit | None:
    """The activity noun or verb of work nearest before the figure, if any ("Call on three",
    "Run workshops for 3 teams")."""
    first = next((i for i, start in enumerate(s.starts) if start >= number.start), len(s.lower))
    # A lead verb counts its own object ("Launch 2 product lines", "Call on three customers"),
    # not a figure behind a preposition after that object ("Launch the program with 15
    # advocates" counts advocates).
    lead = -1
    if s.reading.lead_kind is not None:
        words = s.words
        named = False  # a word of the verb's object before the figure's preposition
        for word in s.lower[s.lead_end : first]:
            if word in words.function_words and word not in words.determiners:
                if named:
                    lead = s.lead_start
                break
            named = named or word not in words.determiners
    # A prefix ("Docs:", "Events -") names the team or the area, not work that is counted.
    opens = s.lead_start
    body = opens if 0 < opens < len(s.lower) and s.lower[opens - 1] in _PREFIX_ENDS else 0
    before = [
        h
        for h in s.found("activity_nouns")
        if h.end <= first and h.start != lead and h.start >= body
    ]
    # The nearest, with all its words ("sales calls", not "calls").
    return min(before, key=lambda h: (-h.end, h.start), default=None)


def _counted_work(s: Sentence, number: NumberMention, *, after_work_verb: bool) -> Hit | None:
    """The activity noun a count counts: the last one within three words after the figure."""
    counted = None
    for hit in s.found("activity_nouns"):
        start = s.starts[hit.start]
        if start < number.end:
            continue
        gap = s.text[number.end : start]
        close = len(gap) <= 30 and gap.count(" ") <= 3 and _GAP.fullmatch(gap)
        # The noun that ends furthest heads the phrase ("6 user testing sessions").
        furthest = counted is None or hit.end > counted.end
        if close and (after_work_verb or ends_phrase(s, hit.end)) and furthest:
            counted = hit
    return counted


def _count_phrase_end(s: Sentence, number: NumberMention) -> int:
    """Where the words a count counts end, as a character offset: at most four words, up to a
    function word, a cadence or a clause's end, and through the first plural
    ("30 candidates", "three customers", "2 small pilot projects", "1 staff writer")."""
    index = next(
        (
            i
            for i, (start, end) in enumerate(zip(s.starts, s.ends, strict=True))
            if start <= number.end < end or start >= number.end
        ),
        len(s.lower) - 1,
    )
    if (
        index + 2 < len(s.lower)
        and s.lower[index] == "of"
        and s.doc[index + 1].like_num
        and s.starts[index] >= number.end
    ):
        index += 2  # "40 of 55 services": the whole counts the same things
    end, limit = index, index + 4
    words = s.words
    stops = words.clause_ends | words.function_words | words.metric_stop_words
    while end < min(len(s.lower), limit) and s.doc[end].is_alpha:
        if s.hyphen_joins(end + 1) and s.doc[end + 2].is_alpha:
            end, limit = end + 3, limit + 2  # "sign-ups", "on-site": one word
        elif s.lower[end] in stops or s.lower[end] in words.cadence_words:
            break
        else:
            end += 1
        if _s_form(s.lower[end - 1]):
            break  # "30 candidates outside the usual boards": the plural heads it
    return s.ends[end - 1] if end > index else number.end


def _stops_phrase(s: Sentence, index: int) -> bool:
    word = s.lower[index]
    words = s.words
    return (
        word in words.clause_ends
        or word in words.function_words
        or word in words.determiners
        or word in words.cadence_words
        # "10 customer interviews per week": how often, as "a week" is.
        or word == "per"
    )


def ends_phrase(s: Sentence, end: int) -> bool:
    """Nothing after a noun continues its phrase: the text ends, or punctuation, a figure, a
    function word, a cadence or a participle follows ("12 guides in the docs", "25 webinars
    recorded")."""
    if end >= len(s.lower):
        return True
    if not s.doc[end].is_alpha or _stops_phrase(s, end):
        return True
    return is_participle(s.lower[end], s.words.participles)


# The marks that end a prefix before the sentence ("Docs:", "KR2 -").
_PREFIX_ENDS = frozenset({":", "-", "|", "–", "—"})

# Words that open a singular subject: a verb in -s follows it ("Every alert links ...").
_SINGULAR_OPENERS = frozenset({"every", "each", "a", "an", "this", "one"})
_PLURAL_OPENERS = frozenset({"all"})


def _plural_noun(word: str) -> bool:
    """Letters ending in -s but not -ss: a plural noun's shape ("pages", "services")."""
    return word.isalpha() and len(word) > 3 and word.endswith("s") and not word.endswith("ss")


def _s_form(word: str) -> bool:
    """A word in -s by its shape: a verb's form after a singular subject ("links", "carries")
    or a noun's plural ("candidates")."""
    return len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is"))


def _describes(words: Hit, head_end: int) -> bool:
    """People or a measure named before another word of a subject's head describe it ("A
    vendor scorecard", "Learner progress emails", "Real-time arrival boards") rather than act
    or be measured."""
    return words.end != head_end
