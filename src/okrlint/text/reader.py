"""Read key-result and objective texts into readings.

`tokens.py` splits the text into words; a phrase matcher and token patterns on the lower-cased
words find okrlint's lexicon terms (the pack's own inflection table gives every form of a verb,
so "Launched" reads as "launch"). Numbers come from the regex layer in `number_mentions.py`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from okrlint.quantities import with_base_values
from okrlint.text.number_mentions import (
    BASELINE,
    DELTA,
    TARGET,
    THRESHOLD,
    find_numbers_and_date,
)
from okrlint.text.pack import LOOKUP_KINDS, RulePack
from okrlint.text.reading import KeyResultReading, Term
from okrlint.text.sentence import MAX_CHARS, READER_DOC, names_an_owner, words_of
from okrlint.text.shape import is_participle, unseen_work_verb
from okrlint.text.tokens import Doc, Matcher, PhraseMatcher, tokenize

_WORK_KINDS = ("delivery", "task", "hire")


_PARTICLES = frozenset(("up", "out", "off", "in", "on", "down", "over", "back", "through"))
_CODE_PREFIX = re.compile(r"\s*`?[\w.-]*\d[\w.-]*`?\s+[-–—:]\s+")
# Compiled once: they are tried on the tokens of every text read.
_LIST_MARKER = re.compile(r"kr\d*|o\d+|\d+[.)]|[a-z][.)]")
_WINDOW_WORD = re.compile(r"p\d\d|\d+-\w+|week-?\d|day-?\d|q\d")
_PERIOD_WORD = re.compile(r"q[1-4]|h[12]|fy\d*")
# An ordinal word before another word names which one ("Median first reply", "second
# purchase"): part of the measure's name, not a figure that ends it.
_ORDINAL_WORDS = frozenset({"first", "second", "third", "fourth", "fifth"})
_COUNT_BEFORE = re.compile(
    r"\b(?:\d[\d,.]*\+?|[a-z]+ty|ten|hundred|thousand)\s+(?:[\w-]+\s+){0,2}$", re.I
)
_SHARE_BEFORE = re.compile(
    r"(?:%|\bpercent|\bhalf|\bmajority|\bshare)\s+of\s+(?:\w+\s+){0,2}$", re.I
)


_SCALES = frozenset({"k", "m", "mm", "b", "bn"})
_COMPARISON_SIGNS = frozenset({"≥", "≤", ">", "<", ">=", "<=", "=", "=>", "=<", "~", "≈"})


def _plural(form: str, base: str) -> bool:
    """The -s form of a verb ("invites", "upgrades"; "partners with" of "partner with"), which
    opens a key result only as a noun."""
    word, verb = form.split(" ", 1)[0], base.split(" ", 1)[0]
    return word != verb and word.endswith("s") and not verb.endswith("s")


@dataclass
class _Hit:
    lexicon: str
    term: str
    start: int  # token index
    end: int  # token index, exclusive


class Reader:
    """A blank English pipeline with the pack's matchers; build once, read many texts."""

    def __init__(self, pack: RulePack) -> None:
        self.pack = pack
        # Word lists the sentences are parsed with (`kind: words` lexicons of the pack).
        self.words = words = words_of(pack)
        self.lead_fillers = words.lead_fillers
        self.clause_ends = words.clause_ends
        self.modals = words.modals
        self.metric_stop_words = words.metric_stop_words
        self.foreign_function_words = words.foreign_function_words
        self.determiners = words.determiners
        self.english_function_words = words.english_function_words
        self.structure_words = words.structure_words
        # The nouns that name a team ("teams", "squad"), not the pronouns ("we", "our").
        self.team_nouns = (
            words.word_list("team_subjects")
            - words.function_words
            - frozenset(("we", "i", "us", "ours", "my"))
        )
        self.phrases = PhraseMatcher()
        self.base_of: dict[str, dict[str, str]] = {}
        for name in sorted(pack.lexicons):
            if pack.lexicons[name].kind in LOOKUP_KINDS:
                continue  # looked up token by token below, not matched as terms
            forms = pack.forms(name)
            self.base_of[name] = {form: base for form, (base, _) in forms.items()}
            self.phrases.add(name, sorted(forms))
        self.matcher = Matcher()
        for name, alternatives in pack.patterns.items():
            self.matcher.add(name, [[_expand(token, pack) for token in a] for a in alternatives])
        # At the start of a key result, a verb in more than one class takes the first listed.
        self.lead_forms: list[tuple[str, dict[str, str]]] = [
            (kind, self.base_of.get(f"{kind}_verbs", {}))
            for kind in pack.ordered_words("lead_verb_classes")
        ]
        self.lexicon_names = frozenset(pack.lexicons)
        # Verbs that end a metric phrase written before them ("Weekly active users grow ...").
        self.stop_verbs = frozenset(
            form
            for kind, forms in self.lead_forms
            if kind in ("increase", "decrease", "hold")
            for form in forms
        )

    def lexicon_starts(self, hits: dict[str, list[_Hit]]) -> frozenset[int]:
        """Token positions where a lexicon term starts."""
        return frozenset(
            h.start for name, found in hits.items() if name in self.lexicon_names for h in found
        )

    def read(self, texts: Sequence[str]) -> dict[str, KeyResultReading]:
        return {text: self.read_one(text) for text in dict.fromkeys(texts)}

    def read_one(self, text: str) -> KeyResultReading:
        doc = tokenize(text[:MAX_CHARS])
        lower = [t.lower_ for t in doc]
        hits: dict[str, list[_Hit]] = {}
        tokens = doc.tokens
        for name, start, end in self.phrases(lower):
            # The words as written (a phrase is never empty): `doc[start:end].text`.
            last = tokens[end - 1]
            form = doc.text[tokens[start].idx : last.idx + len(last.text)].lower()
            base = self.base_of[name].get(form) or self.base_of[name].get(
                " ".join(lower[start:end]), form
            )
            hits.setdefault(name, []).append(_Hit(name, base, start, end))
        for name, start, end in self.matcher(doc):
            hits.setdefault(name, []).append(_Hit(name, " ".join(lower[start:end]), start, end))
        for found in hits.values():
            found.sort(key=lambda h: (h.start, -h.end))
        reading = _Analysis(text, doc, lower, hits, self).reading()
        if reading.english:
            # The rules' `Sentence` of this reading takes these tokens instead of making them
            # again (a reading of another language keeps none).
            reading.verdicts[READER_DOC] = doc
        return reading


class _Analysis:
    """One text's reading, built step by step from its tokens, hits and numbers."""

    def __init__(
        self, text: str, doc: Doc, lower: list[str], hits: dict[str, list[_Hit]], reader: Reader
    ) -> None:
        self.text = text[:MAX_CHARS]
        self.full_text = text
        self.doc = doc
        self.lower = lower
        self.hits = hits
        self.reader = reader
        # A reference code before the text ("`2022.M1.01` - ...") holds no figure or date of
        # the key result: it is blanked, keeping every position.
        self.code = code = _CODE_PREFIX.match(self.text)
        body = " " * code.end() + self.text[code.end() :] if code else self.text
        numbers, self.date = find_numbers_and_date(body)
        self.numbers = with_base_values(numbers)
        self.starts = [token.idx for token in doc]
        self.ends = [token.idx + len(token.text) for token in doc]
        self.measures = [n for n in self.numbers if n.measures]
        # Set when the lead verb is known from the sentence's shape only, not from a lexicon.
        self.guessed_verb = False

    # --- helpers ---

    def term(self, hit: _Hit) -> Term:
        start, end = self.starts[hit.start], self.ends[hit.end - 1]
        return Term(self.text[start:end], hit.term, hit.lexicon, start, end)

    def found(self, lexicon: str, start: int = 0) -> list[_Hit]:
        hits = self.hits.get(lexicon)
        if not hits:
            return []
        return hits if start == 0 else [h for h in hits if h.start >= start]

    def first(self, lexicon: str, start: int = 0) -> _Hit | None:
        # Hits are sorted by position (longest first at one position), see `Reader._read`.
        for hit in self.hits.get(lexicon, ()):
            if hit.start >= start:
                return hit
        return None

    # --- the reading ---

    def english(self, lead_kind: str | None) -> bool:
        """False when the text is plainly in another language: mostly non-Latin letters,
        function words of another language and none of English, or letters English does not
        write (ü, ß, é) with neither an English function word nor a verb okrlint knows.
        `lead_kind` is the verb a lexicon found, never one guessed from a word's shape: a
        German noun in -ate is no English verb."""
        # Only the letters outside ASCII count below: an ASCII text has none to look at.
        letters = [] if self.text.isascii() else [c for c in self.text if c.isalpha()]
        if letters and sum(1 for c in letters if not c.isascii()) > len(letters) * 0.3:
            return False
        words = set(self.lower)
        if lead_kind is not None or words & self.reader.english_function_words:
            return True
        if any(not c.isascii() for c in letters):
            return False
        return not words & self.reader.foreign_function_words

    def reading(self) -> KeyResultReading:
        lead_index = self._lead_index()
        lead_verb, lead_lemma, lead_kind, lead_end = self._lead(lead_index)
        known_lead_kind = lead_kind
        lead_from_shape = False
        if (
            lead_kind is None
            and unseen_work_verb(
                self.doc,
                self.lower,
                lead_index,
                self.reader.lexicon_starts(self.hits),
                self.reader.structure_words,
            )
            and not self._names_a_measure(lead_index + 1)
        ):
            # "Refactor the billing service": an imperative with a verb no lexicon holds.
            lead_verb, lead_lemma, lead_kind = (
                self.doc[lead_index].text,
                self.lower[lead_index],
                "task",
            )
            lead_end = lead_index + 1
            lead_from_shape = True
        if not self.english(known_lead_kind):
            return KeyResultReading(
                text=self.full_text,
                numbers=tuple(self.numbers),
                english=False,
                pack=self.reader.pack,
            )
        people = self.hits.get("customer_actors")
        if people:
            # "within 2 business days": a word of a figure's unit names no people.
            self.hits["customer_actors"] = [
                h
                for h in people
                if not any(n.start <= self.starts[h.start] < n.end for n in self.numbers)
            ]
        if self._team_doing(lead_index):
            # The team noun names people doing something: customers, as "paying teams" are.
            self.hits.setdefault("customer_actors", []).insert(
                0, _Hit("customer_actors", self.lower[lead_index], lead_index, lead_index + 1)
            )
        blockers = self.found("staff_nouns") + self.found("actor_compounds")
        behaviour_starts = {h.start for h in self.found("behaviour_nouns")}
        actor_hits = [
            h
            for h in self.found("customer_actors")
            if not any(b.start < h.end and h.start < b.end for b in blockers)
            # "the app store's category": an owner of a thing, not people doing something.
            and not names_an_owner(self.lower, h.end, behaviour_starts)
            # "customer workshops", "user interviews": the customer word is a modifier.
            and not any(a.start == h.end for a in self.found("activity_nouns"))
        ]
        if lead_kind == "hire" or self.found("staff_nouns"):
            # "Hire 2 people", "Onboard 2 full-time contributors": staff, not customers.
            actor_hits = []
        imperative = lead_kind in ("delivery", "task") and lead_index <= 3
        if imperative:
            # "Visit five partner offices", "Interview 6 people": in an imperative the team acts,
            # and people after the verb are its object, unless they are the subject of a verb
            # of their own ("... so that 30% of users upgrade") or a share of them is measured.
            actor_hits = [
                h
                for h in actor_hits
                if h.start >= lead_end
                and (
                    # "users who upgrade", "paying customers": people doing something.
                    any(
                        v.start >= h.start or v.end == h.start
                        for v in self.found("behaviour_verbs")
                    )
                    or self._share_of_people(h)
                    or self._counted_people(h, lead_end)
                )
            ]
        actor = min(actor_hits, key=lambda h: h.start) if actor_hits else None
        lagging_hits = self.found("lagging_finance")
        behaviour_nouns = [
            h
            for h in self.found("behaviour_nouns")
            if not any(g.start <= h.start < g.end for g in lagging_hits)
            # After a modal or "to" the word is a verb of the subject ("the app can download").
            and (h.start == 0 or self.lower[h.start - 1] not in self.reader.modals)
        ]
        behaviour_verbs = [
            h
            for h in self.found("behaviour_verbs")
            if h.start >= lead_end
            and (h.start == 0 or self.lower[h.start - 1] not in self.reader.determiners)
            # In an imperative, a verb of behaviour needs people doing it.
            and (not imperative or any(a.start < h.start for a in actor_hits))
        ]
        terms = {
            name: tuple(self.term(h) for h in sorted(found, key=lambda h: h.start))
            for name, found in self.hits.items()
        }
        return KeyResultReading(
            text=self.full_text,
            lead_verb=lead_verb,
            lead_lemma=lead_lemma,
            lead_kind=lead_kind,
            actor=self.term(actor) if actor else None,
            behaviour_verbs=tuple(self.term(h) for h in behaviour_verbs),
            behaviour_nouns=tuple(self.term(h) for h in behaviour_nouns),
            metric=self._metric(lead_index, lead_end),
            numbers=tuple(self.numbers),
            date=self.date,
            hits=terms,
            tokens=tuple(zip(self.starts, self.ends, strict=True)),
            lead_start=lead_index,
            lead_end=lead_end,
            lead_from_shape=lead_from_shape,
            pack=self.reader.pack,
        )

    def _lead_index(self) -> int:
        tokens = self.lower
        limit = min(len(tokens), 6)
        start = 0
        for index in range(limit):
            if tokens[index] in (":", "|") and index < limit - 1:
                start = index + 1
                break
            if self._spaced_dash(index):
                # "Marketing - 4 webinars", "Data platform – ...": a name of one or two words
                # and a dash with a space on each side.
                start = index + 1
                break
        code = self.code
        if code is not None:
            # "`2025.Q1.03` - ...", "1.2.3 – ...": a reference code and a dash before the text.
            start = max(
                start,
                next(i for i, s in enumerate([*self.starts, len(self.text)]) if s >= code.end()),
            )
        while start < len(tokens) and (
            (tokens[start] in self.reader.lead_fillers and not self._team_doing(start))
            or _LIST_MARKER.fullmatch(tokens[start]) is not None
            or self.doc[start].is_punct
            or self.doc[start].is_space
            # "🚀 Launch ...": a symbol decorating the text is no word of it.
            or not any(c.isalnum() for c in self.doc[start].text)
        ):
            start += 1
        return start

    def _spaced_dash(self, index: int) -> bool:
        """The token at `index` is a dash with a space on each side, after one or two words
        that open the text."""
        return (
            index in (1, 2)
            and index + 1 < len(self.lower)
            and self.lower[index] in ("-", "–", "—")
            and bool(self.doc[index - 1].whitespace_)
            and bool(self.doc[index].whitespace_)
            and all(self.doc[i].is_alpha for i in range(index))
        )

    def _names_a_team(self, index: int) -> bool:
        """The word at `index` and a team noun after it name a team that the next word, a verb
        of being, having or a modal, says something about."""
        if index + 2 >= len(self.lower) or self.lower[index + 1] not in self.reader.team_nouns:
            return False
        words = self.reader.words
        verb = self.lower[index + 2]
        return (
            verb in words.verbish_words
            or verb in words.modals
            or verb in words.copulas
            or verb in words.word_list("possession_verbs")
        )

    def _team_doing(self, index: int) -> bool:
        """ "Teams inviting a teammate in week 1 grow ...": a team noun followed by a verb of
        behaviour in -ing is the subject of the sentence, people doing something; the team
        writing never describes itself that way ("Team to ship ...", "Teams adopt ...")."""
        if index + 1 >= len(self.lower) or self.lower[index] not in self.reader.team_nouns:
            return False
        following = self.lower[index + 1]
        return following.endswith("ing") and any(
            h.start == index + 1 for h in self.found("behaviour_verbs")
        )

    def _lead(self, index: int) -> tuple[str | None, str | None, str | None, int]:
        if index >= len(self.lower):
            return None, None, None, index
        if index + 1 < len(self.lower) and self.lower[index + 1] in ("n't", "not", "n’t"):
            # "We don't rely on ...": an auxiliary and a negation, not a verb of work.
            return None, None, None, index
        if self._names_a_team(index):
            # "Support team has a rota", "Sales squad will own ...": a team's name, then its verb.
            return None, None, None, index
        for start in (index, index + 2):
            if start != index and (
                start >= len(self.lower)
                or self.lower[index + 1] != "to"
                # "Time to hire drops ...", "Rate to resolve ...": a measure's name.
                or any(h.start == index for h in self.found("metric_nouns"))
            ):
                break
            for width in (3, 2, 1):
                form = " ".join(self.lower[start : start + width])
                if width == 3 and self._hyphen_joins(start + 1):
                    # "Open-source the CLI": a verb written with a hyphen is one word, when
                    # its object follows ("Open-source contributors grow" names people).
                    form = f"{self.lower[start]}-{self.lower[start + 2]}"
                    if not self._object_opens(start + 3):
                        continue
                for kind, forms in self.reader.lead_forms:
                    base = forms.get(form)
                    if base is not None and (start == index or kind in _WORK_KINDS):
                        if (
                            self._glued_to_next(start + width)
                            or self._of_after(start + width)
                            or self._who_after(start + width)
                            or (
                                start == index
                                and self._opens_a_name(form, base, kind, start, start + width)
                            )
                        ):
                            # "Trial-to-paid conversion", "Share of tickets solved", "Invites
                            # sent by new admins": a noun that names the measure, not a verb (a
                            # key result opens with a command, never with "invites").
                            return None, None, None, index
                        written = self.doc[start : start + width].text
                        if kind == "hold" and (
                            self._work_after(start + width) or self._event_after(start + width)
                        ):
                            kind = self._work_kind_of(form) or kind
                        return written, base, kind, start + width
        return None, None, None, index

    def _scale_of_figure(self, at: int) -> bool:
        """The token at `at` is a scale glued to the figure before it ("10M", "5m", "2bn")."""
        return (
            at > 0
            and self.lower[at] in _SCALES
            and not self.doc[at - 1].whitespace_
            and self._figure_at(at - 1)
        )

    def _figure_at(self, at: int) -> bool:
        return at < len(self.doc) and (
            self.doc[at].like_num or any(ch.isdigit() for ch in self.lower[at])
        )

    def _object_opens(self, at: int) -> bool:
        """A verb's object starts at `at`: a determiner or a name ("the CLI", "our SDK",
        "Terraform modules")."""
        return at < len(self.lower) and (
            self.lower[at] in self.reader.determiners or self.doc[at].text[:1].isupper()
        )

    def _hyphen_joins(self, at: int) -> bool:
        """The token at `at` is a hyphen with a word glued on each side ("dock-to-stock")."""
        return (
            0 < at < len(self.doc) - 1
            and self.lower[at] == "-"
            and not self.doc[at - 1].whitespace_
            and not self.doc[at].whitespace_
        )

    def _glued_to_next(self, end: int) -> bool:
        """The word before `end` is joined to the next by a hyphen, and that next word is no
        particle ("Roll-out the plan" is still a verb)."""
        return self._hyphen_joins(end) and self.lower[end + 1] not in _PARTICLES

    def _opens_a_name(self, form: str, base: str, kind: str, start: int, end: int) -> bool:
        """The verb that opens the text, as `form`, is the first word of a name, not a command:
        of a thing done, of people or what they do, of things counted or of a measure."""
        if (
            self._names_done_work(end)
            or self._opens_people(start, end)
            or self._describes_people_doing(base, end)
            or self._subject_of_a_change(end)
            or self._describes_counted_things(form, base, end)
            or self._gerund_before_a_measure(form, end)
        ):
            return True
        return kind in _WORK_KINDS and (
            _plural(form, base) or self._bounded_noun_after(end) or self._moved_measure_after(end)
        )

    def _plural_noun(self, at: int) -> bool:
        """The word at `at` reads as a plural noun: letters ending in -s (not -ss), no function
        word."""
        if at >= len(self.lower):
            return False
        noun = self.lower[at]
        return (
            noun.isalpha()
            and noun.endswith("s")
            and not noun.endswith("ss")
            and noun not in self.reader.words.function_words
        )

    def _gerund_before_a_measure(self, form: str, end: int) -> bool:
        """A verb in -ing before the name of a measure names what is measured ("Onboarding
        NPS of 50 or more", "Billing error rate under 1%"), as a noun does."""
        return form.endswith("ing") and any(
            h.start == end
            for lexicon in ("metric_nouns", "service_levels", "lagging_finance")
            for h in self.found(lexicon)
        )

    def _names_done_work(self, end: int) -> bool:
        """A plural noun and then a word of work done follow the word ("Release notes published
        for every release", "Launch plans approved"): the word and the noun name the thing
        done, as a command never reads ("Release the notes", "Launch plans that ..." have a
        determiner or no state)."""
        return self._plural_noun(end) and any(
            h.start == end + 1 for h in self.found("completion_states")
        )

    def _opens_people(self, start: int, end: int) -> bool:
        """The word opens a longer name of customers or of what they do ("Trial teams that
        invite a teammate ...", "Support tickets from 13 to 5 a week"): what the sentence is
        about, not a command."""
        return any(
            h.start == start and h.end > end
            for lexicon in ("customer_actors", "behaviour_nouns")
            for h in self.found(lexicon)
        )

    def _describes_people_doing(self, base: str, end: int) -> bool:
        """People right after the word, then a verb of what they do ("Design partners use the
        new builder weekly", "Pilot customers renew at 90%"): the word says which people, and
        they are the sentence's subject; a command has them do something only through a verb
        made for it ("Help customers adopt the API")."""
        if base in self.reader.words.word_list("causative_verbs"):
            return False
        people = [h.end for h in self.found("customer_actors") if h.start == end]
        if not people or max(people) >= len(self.lower):
            return False
        verb = max(people)
        # "Onboard partners using the portal": a participle describes them, the command stays.
        return not self.lower[verb].endswith("ing") and any(
            h.start == verb for h in self.found("behaviour_verbs")
        )

    def _subject_of_a_change(self, end: int) -> bool:
        """A verb of change or result in its -s form follows the word, and then a figure or a
        determiner ("Blog drives 5,000 sign-ups a quarter", "Search reaches the top 3"): the
        word is the subject that brings the result about, not a command ("Run tests 3 times a
        day" has a verb of work after it, no verb of change)."""
        if end + 1 >= len(self.lower) or not self._plural_noun(end):
            return False
        after = self.lower[end + 1]
        if not (self.doc[end + 1].like_num or after in self.reader.determiners):
            return False
        return any(
            h.start == end
            for lexicon in ("increase_verbs", "decrease_verbs", "achieve_verbs")
            for h in self.found(lexicon)
        )

    def _describes_counted_things(self, form: str, base: str, end: int) -> bool:
        """A past participle before a plural noun in a sentence with figures ("Verified reviews
        make up 70% of all reviews", "Closed deals from 40 to 55"): it says which things are
        counted; a report of work done has its object after it ("Verified the invoices")."""
        if " " in form or form == base or not is_participle(form, self.reader.words.participles):
            return False
        return bool(self.measures) and self._plural_noun(end)

    def _moved_measure_after(self, end: int) -> bool:
        """A measure's name, with no determiner, follows the word and the sentence moves it or
        bounds it ("Build time from 22 to 8 minutes", "Call volume down 20%", "Review response
        time under 2 days", "Report downloads double"): the word is part of the name, not a
        command, which has its object ("Review the pricing page") or a count of it."""
        words = self.reader.words
        if end >= len(self.lower) or self.lower[end] in words.determiners:
            return False
        roles = {n.role for n in self.measures}
        if not ({BASELINE, TARGET} <= roles or roles & {DELTA, THRESHOLD}):
            return False
        if self._names_a_measure(end):
            return True
        # The measure named in the words right after it, before any figure or function word
        # ("Setup completion ...", "Design partner NPS ...").
        measures = [*self.found("metric_nouns"), *self.found("behaviour_nouns")]
        for at in range(end, min(end + 3, len(self.lower))):
            if any(h.start == at for h in measures):
                return True  # "sign-ups" too, though not all letters
            if not self.doc[at].is_alpha or self.lower[at] in words.function_words:
                return False
        return False

    def _bounded_noun_after(self, end: int) -> bool:
        """A plural noun and then a bound on a figure follow the word ("Audit adjustments below
        $10k", "Build failures under 2%"): the words name a measure and the level it must stay
        within; a command has its object ("Audit the adjustments") or a count of it."""
        if end + 1 >= len(self.lower) or not self._plural_noun(end):
            return False
        if self.doc[end].text.isupper():
            return False  # "NPS", "SLAs" name a measure: what goes before it may be a verb
        after = self.ends[end]
        return any(
            n.role == THRESHOLD
            and 0 <= n.start - after <= 12
            and self.text[after : n.start].strip()
            for n in self.measures
        )

    def _of_after(self, end: int) -> bool:
        """'of' follows the word, as it follows a noun ("Share of", "Review of") and no verb
        that leads a key result."""
        return end < len(self.lower) and self.lower[end] == "of"

    def _names_a_measure(self, start: int) -> bool:
        """The noun phrase from `start` ends in a measure ("... offer acceptance rate", "the
        error rate"): an unknown first word before it is a modifier of that measure
        ("Candidate offer acceptance rate") or a verb that changes it, never work done."""
        words = self.reader.words
        end = start
        while (
            end < len(self.lower)
            and self.doc[end].is_alpha
            and (
                self.lower[end] not in words.function_words or self.lower[end] in words.determiners
            )
        ):
            end += 1
        return end > start and any(h.end == end for h in self.found("metric_nouns"))

    def _who_after(self, end: int) -> bool:
        """'who' follows the word, as it follows the people a sentence is about ("Staff who
        ...", "Members whose ...") and never a command; or it follows a plural noun just after
        the word in a sentence that moves a figure from one value to another ("Budget holders
        who open their report from 35% to 70%"): the word names those people, the change is
        theirs ("Train managers who ..." with no such change stays a command; "that" may
        follow things the team makes, "Run workshops that ...", so it says nothing)."""
        if end < len(self.lower) and self.lower[end] in ("who", "whose"):
            return True
        if not {BASELINE, TARGET} <= {n.role for n in self.measures}:
            return False
        words = self.reader.words
        for at in range(end + 1, min(end + 3, len(self.lower))):
            if self.lower[at] not in ("who", "whose"):
                continue
            noun = self.lower[at - 1]
            return all(
                self.doc[i].is_alpha
                and self.lower[i] not in words.function_words
                and self.lower[i] not in words.determiners
                for i in range(end, at)
            ) and (noun.endswith("s") and not noun.endswith("ss"))
        return False

    def _event_after(self, index: int) -> bool:
        """ "Hold quarterly business reviews with the top accounts": an event the team runs,
        named just after the verb (behind a cadence or a modifier or two) and ending its
        phrase; not a measure to keep level ("Hold review times under 2 days")."""
        words = self.reader.words
        measures = words.word_list("measure_names")
        # "times" counts occasions ("three times a week") or names a measure ("review times"):
        # the pack's measure words say which, where they cover the event's words.
        metric_spans = [(h.start, h.end) for h in self.found("metric_nouns")]
        for hit in self.found("activity_nouns"):
            if not index <= hit.start <= index + 2:
                continue
            if any(start <= hit.start and hit.end <= end for start, end in metric_spans):
                continue
            # Words only, or words joined by a hyphen ("all-hands", "check-ins").
            if not all(self.doc[i].is_alpha or self.lower[i] == "-" for i in range(index, hit.end)):
                continue
            if any(self.lower[i] in measures for i in range(hit.start, hit.end)):
                continue
            end = hit.end
            if end >= len(self.lower) or not self.doc[end].is_alpha:
                return True
            following = self.lower[end]
            if (
                following in words.function_words
                or following in words.clause_ends
                or following in words.determiners
                or following in words.cadence_words
            ):
                return True
        return False

    def _work_after(self, index: int) -> bool:
        """A bare count follows ("Hold 4 workshops") or one thing done ("Hold a quarterly
        review"), not a level ("Hold 99.9% uptime", "Hold a 4.6 rating")."""
        doc = self.doc
        if index + 1 >= len(doc):
            return False
        if self.lower[index] in ("a", "an"):
            return self.lower[index + 1].isalpha()
        if not doc[index].like_num:
            return False
        number, after = self.lower[index], self.lower[index + 1]
        ordinal = number[:-2].isdigit()  # "Hold 1st place" keeps a rank: a level
        return not ordinal and "." not in number and "%" not in number and after.isalpha()

    def _work_kind_of(self, form: str) -> str | None:
        """The work class that also holds a hold verb: 'hold' meetings, as well as levels."""
        for kind, forms in self.reader.lead_forms:
            if kind in _WORK_KINDS and form in forms:
                return kind
        return None

    def _metric(self, lead_index: int, lead_end: int) -> str | None:
        """The measured thing: the words after the lead verb up to the numbers or a preposition."""
        doc = self.doc
        index = lead_end
        words = self.reader.words
        # "There are 20 paying customers": the measured thing comes after the copula.
        if (
            index + 1 < len(doc)
            and self.lower[index] in words.existential_subjects
            and self.lower[index + 1] in words.copulas
        ):
            index += 2
        picked: list[int] = []
        stop_verbs = self.reader.stop_verbs
        while index < len(doc) and len(picked) < 8:
            token = doc[index]
            word = self.lower[index]
            glued = word == "-" and index > 0 and not doc[index - 1].whitespace_
            numeric = token.like_num or any(ch.isdigit() for ch in word)
            if numeric and picked and word in _ORDINAL_WORDS and index + 1 < len(doc):
                numeric = not doc[index + 1].is_alpha
            window = _WINDOW_WORD.fullmatch(word) is not None
            after_hyphen = bool(picked) and self._hyphen_joins(index - 1)
            before_hyphen = self._hyphen_joins(index + 1)
            # A word joined by hyphens belongs to the compound ("Dock-to-stock time",
            # "time-to-first-value", "p95-latency"), even a preposition or a number.
            if (glued and picked) or after_hyphen or (numeric and before_hyphen):
                picked.append(index)
            elif _PERIOD_WORD.fullmatch(word):
                pass
            elif self._scale_of_figure(index):
                pass  # "$10M ARR": the "M" is the figure's, not a word of the measure
            elif (
                (numeric and not window)
                or word in ("%", "$", "€", "£", "x")
                # A sign of comparison ("NRR ≥ 110%", "p95 <= 300 ms") bounds the figure after it.
                or word in _COMPARISON_SIGNS
                # "Running costs down 10%": "up" or "down" before a figure says how it moved.
                or (word in ("up", "down") and self._figure_at(index + 1))
                or word in self.reader.metric_stop_words
                or token.is_punct
                or (picked and word in stop_verbs)
            ):
                if picked:
                    break
            elif not (not picked and word in self.reader.determiners):
                picked.append(index)
            index += 1
        # "Volunteers active after six months": a preposition whose object was a figure ends
        # nothing; the measure is what comes before it.
        while picked and (
            self.lower[picked[-1]] in self.reader.determiners
            or self.lower[picked[-1]] in ("-", "'s")
            or self.lower[picked[-1]] in self.reader.clause_ends
        ):
            picked.pop()
        if not picked:
            return None
        span = doc[picked[0] : picked[-1] + 1]
        return " ".join(span.text.lower().split())

    def _counted_people(self, hit: _Hit, lead_end: int) -> bool:
        """ "Add 30 enterprise customers": the verb's object is a count of people, which is a
        result; "call on three customers", "data from 100 users" put a preposition between."""
        if lead_end >= len(self.starts) or self.lower[lead_end] in self.reader.clause_ends:
            return False
        before = self.text[self.starts[lead_end] : self.starts[hit.start]]
        return _COUNT_BEFORE.search(before) is not None

    def _share_of_people(self, hit: _Hit) -> bool:
        """ "30% of users", "half of new customers": a share of people, which is measured."""
        before = self.text[: self.starts[hit.start]]
        return _SHARE_BEFORE.search(before) is not None


def _expand(token: Any, pack: RulePack) -> Any:
    """Replace "@lexicon" (or "@lexicon:ing" / ":ed") with the lexicon's single-word forms."""
    if isinstance(token, str) and token.startswith("@"):
        name, _, tag = token[1:].partition(":")
        return pack.words(name, tag or None)
    if isinstance(token, dict):
        return {key: _expand(value, pack) for key, value in token.items()}
    if isinstance(token, list):
        return [_expand(value, pack) for value in token]
    return token


_READERS: dict[str, Reader] = {}


def reader_for(pack: RulePack) -> Reader:
    """One pipeline per pack and process: building it costs more than reading a thousand KRs."""
    reader = _READERS.get(pack.fingerprint)
    if reader is None:
        reader = _READERS[pack.fingerprint] = Reader(pack)
    return reader


def read_texts(texts: Sequence[str], pack: RulePack) -> dict[str, KeyResultReading]:
    """Readings of every distinct text, keyed by text. Pure: same texts and pack, same result."""
    wanted = [t for t in dict.fromkeys(texts) if isinstance(t, str)]
    if not wanted:
        return {}
    return reader_for(pack).read(wanted)
