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
    COUNT,
    DELTA,
    TARGET,
    THRESHOLD,
    find_numbers,
    has_date,
)
from okrlint.text.pack import RulePack
from okrlint.text.reading import (
    ACTIVITY_COUNT,
    COMPLETION,
    DELIVERABLE,
    DELIVERY,
    HIGH,
    HIRE,
    INTERNAL_METRIC,
    LOW,
    OUTCOME,
    OUTPUT,
    TASK,
    UNKNOWN,
    KeyResultReading,
    Term,
)
from okrlint.text.structure import (
    StructureWords,
    perfect,
    target_form,
    unseen_work_verb,
)
from okrlint.text.tokens import Doc, Matcher, PhraseMatcher, tokenize

# Only the start of a text is read: past a few thousand characters a key result has nothing
# more to say, and reading stays linear in what is read.
MAX_CHARS = 5000
# At the start of a key result, a verb in more than one lexicon takes the first kind listed.
_LEAD_KINDS = (
    ("hold_verbs", "hold"),
    ("decrease_verbs", "decrease"),
    ("increase_verbs", "increase"),
    ("hire_verbs", HIRE),
    ("delivery_verbs", DELIVERY),
    ("task_verbs", TASK),
    ("achieve_verbs", "achieve"),
    ("behaviour_verbs", "behaviour"),
)
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
_TIME_LIMIT = re.compile(r"\bwithin\s+(?:a|an|one|the|\d+)\b", re.IGNORECASE)
_CODE_PREFIX = re.compile(r"\s*`?[\w.-]*\d[\w.-]*`?\s+[-–—:]\s+")
# A text that opens with the name of a measure ("% of plan ...", "Number of ...").
_MEASURE_NAME = re.compile(
    r"\s*(?:%|#|(?:the\s+)?(?:number|share|percentage|percent|proportion|rate|ratio|count)\s+of)\s",
    re.IGNORECASE,
)
_QUANTIFIED_SUBJECT = re.compile(r"\s*(?:every|each|all|no|none\s+of)\b", re.IGNORECASE)


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
        self.lead_fillers = pack.word_list("lead_fillers")
        self.copulas = pack.word_list("copulas")
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
        self.phrases = PhraseMatcher()
        self.base_of: dict[str, dict[str, str]] = {}
        for name in sorted(pack.lexicons):
            if pack.lexicons[name].kind == "words":
                continue  # looked up token by token below, not matched as terms
            forms = pack.forms(name)
            self.base_of[name] = {form: base for form, (base, _) in forms.items()}
            self.phrases.add(name, sorted(forms))
        self.matcher = Matcher()
        for name, alternatives in pack.patterns.items():
            self.matcher.add(name, [[_expand(token, pack) for token in a] for a in alternatives])
        self.lead_forms: list[tuple[str, dict[str, str]]] = [
            (kind, self.base_of.get(lexicon, {})) for lexicon, kind in _LEAD_KINDS
        ]
        self.lexicon_names = frozenset(pack.lexicons)
        # Irregular participles ("written", "built") and the -ed forms of every verb lexicon.
        self.participles = frozenset(
            form for forms in pack.inflections.values() for form in forms
        ) | frozenset(form for name in pack.lexicons for form in pack.words(name, "ed"))
        # Participles of a change in a measure ("grown", "reduced"): a perfect of these is news.
        self.measure_participles = frozenset(
            form
            for name in ("increase_verbs", "decrease_verbs", "hold_verbs", "achieve_verbs")
            for form in pack.words(name, "ed")
        )
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
        for name, start, end in self.phrases(lower):
            form = doc[start:end].text.lower()
            base = self.base_of[name].get(form) or self.base_of[name].get(
                " ".join(lower[start:end]), form
            )
            hits.setdefault(name, []).append(_Hit(name, base, start, end))
        for name, start, end in self.matcher(doc):
            hits.setdefault(name, []).append(_Hit(name, " ".join(lower[start:end]), start, end))
        for found in hits.values():
            found.sort(key=lambda h: (h.start, -h.end))
        return _Analysis(text, doc, lower, hits, self).reading()


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
        self.numbers = with_base_values(find_numbers(self.text))
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
        """False when the text is plainly in another language: mostly non-Latin letters, or
        function words of another language and none of English."""
        letters = [c for c in self.text if c.isalpha()]
        if letters and sum(1 for c in letters if not c.isascii()) > len(letters) * 0.3:
            return False
        words = set(self.lower)
        if lead_kind is not None or words & self.reader.english_function_words:
            return True
        return not words & self.reader.foreign_function_words

    def reading(self) -> KeyResultReading:
        lead_index = self._lead_index()
        lead_verb, lead_lemma, lead_kind, lead_end = self._lead(lead_index)
        if lead_kind is None and unseen_work_verb(
            self.doc,
            self.lower,
            lead_index,
            self.reader.lexicon_starts(self.hits),
            self.reader.structure_words,
        ):
            # "Refactor the billing service": an imperative with a verb no lexicon holds.
            lead_verb, lead_lemma, lead_kind = (
                self.doc[lead_index].text,
                self.lower[lead_index],
                TASK,
            )
            lead_end = lead_index + 1
            self.guessed_verb = True
        if not self.english(lead_kind):
            return KeyResultReading(
                text=self.full_text,
                numbers=tuple(self.numbers),
                measurable=bool(self.measures),
                measurable_evidence=self.measures[0].text if self.measures else None,
                english=False,
            )
        blockers = self.found("staff_nouns") + self.found("actor_compounds")
        actor_hits = [
            h
            for h in self.found("customer_actors")
            if not any(b.start < h.end and h.start < b.end for b in blockers)
            # "customer workshops", "user interviews": the customer word is a modifier.
            and not any(a.start == h.end for a in self.found("activity_nouns"))
        ]
        if lead_kind == HIRE or self.found("staff_nouns"):
            # "Hire 2 people", "Onboard 2 full-time contributors": staff, not customers.
            actor_hits = []
        imperative = lead_kind in (DELIVERY, TASK) and lead_index <= 3
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
        behaviour = next(iter(behaviour_verbs or behaviour_nouns), None)
        metric_hits = self.found("metric_nouns")
        service = self.first("service_levels")
        lagging = self.first("lagging_finance")
        internal = self.first("internal_metrics")
        vanity = self._vanity(lead_end)
        measurable, measurable_evidence = self._measurable()

        # Evidence that the text states a change in what people do or in a business measure.
        outcome_evidence: str | None = None
        has_measure = bool(self.measures)
        changed_thing = self._changed_deliverable(lead_kind, lead_end)
        if changed_thing is not None:
            pass
        elif (
            lead_kind in ("increase", "decrease", "hold", "achieve")
            and (metric_hits or behaviour_nouns or service or lagging or actor)
            and internal is None
        ):
            outcome_evidence = "change"
        elif actor is not None and (
            has_measure
            or behaviour_nouns
            or (
                any(v.start > actor.start for v in behaviour_verbs)
                and self.first("capability") is None
            )
        ):
            outcome_evidence = "actor"
        elif behaviour_nouns and has_measure and lead_kind not in (DELIVERY, TASK, HIRE):
            outcome_evidence = "behaviour"
        elif (service or metric_hits or lagging) and any(
            n.role in (THRESHOLD, BASELINE, DELTA) or n.kind in ("percent", "currency", "duration")
            for n in self.measures
        ):
            outcome_evidence = "level"
        elif lead_kind in ("increase", "decrease") and has_measure and internal is None:
            outcome_evidence = "change"
        elif self._share_target(lead_lemma):
            outcome_evidence = "level"

        output_kind, output_evidence, deliverable = self._output(
            lead_index, lead_kind, lead_end, internal, outcome_evidence
        )
        if output_kind is not None:
            kind = OUTPUT
        elif outcome_evidence is not None:
            kind = OUTCOME
        else:
            kind = UNKNOWN

        customer: _Hit | None = None
        if kind != OUTPUT:
            attitude_only = bool(metric_hits) and all(
                h.term in self.reader.attitude_metrics for h in metric_hits
            )
            if behaviour_nouns and not (lagging and not actor and not self.measures):
                customer = behaviour_nouns[0]
            elif (
                actor is not None
                and (has_measure or behaviour_verbs)
                and not attitude_only
                and not (lagging and not behaviour_verbs)
            ):
                customer = actor

        prescribed = self.first("prescribed_solution", max(lead_end, 1))
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
            behaviour=self.term(behaviour) if behaviour else None,
            metric=self._metric(lead_index, lead_end),
            numbers=tuple(self.numbers),
            kind=kind,
            output_kind=output_kind,
            output_evidence=output_evidence,
            deliverable=deliverable,
            measurable=measurable,
            measurable_evidence=measurable_evidence,
            customer_behaviour=customer is not None,
            customer_evidence=self.term(customer) if customer else None,
            vanity=self.term(vanity) if vanity else None,
            prescribed=self._clause(prescribed) if prescribed else None,
            date=has_date(self.text),
            confidence=self._confidence(output_kind),
            hits=terms,
        )

    def _lead_index(self) -> int:
        tokens = self.lower
        limit = min(len(tokens), 6)
        start = 0
        for index in range(limit):
            if tokens[index] in (":", "|") and index < limit - 1:
                start = index + 1
                break
        code = _CODE_PREFIX.match(self.text)
        if code is not None:
            # "`2025.Q1.03` - ...", "1.2.3 – ...": a reference code and a dash before the text.
            start = max(
                start,
                next(i for i, s in enumerate([*self.starts, len(self.text)]) if s >= code.end()),
            )
        while start < len(tokens) and (
            tokens[start] in self.reader.lead_fillers
            or re.fullmatch(r"kr\d*|o\d+|\d+[.)]|[a-z][.)]", tokens[start]) is not None
            or self.doc[start].is_punct
            or self.doc[start].is_space
        ):
            start += 1
        return start

    def _lead(self, index: int) -> tuple[str | None, str | None, str | None, int]:
        if index >= len(self.lower):
            return None, None, None, index
        if index + 1 < len(self.lower) and self.lower[index + 1] in ("n't", "not", "n’t"):
            # "We don't rely on ...": an auxiliary and a negation, not a verb of work.
            return None, None, None, index
        for start in (index, index + 2):
            if start != index and (start >= len(self.lower) or self.lower[index + 1] != "to"):
                break
            for width in (3, 2, 1):
                form = " ".join(self.lower[start : start + width])
                for kind, forms in self.reader.lead_forms:
                    base = forms.get(form)
                    if base is not None and (start == index or kind in (DELIVERY, TASK, HIRE)):
                        written = self.doc[start : start + width].text
                        return written, base, kind, start + width
        return None, None, None, index

    def _measurable(self) -> tuple[bool, str | None]:
        if self.measures:
            return True, self.measures[0].text
        written = target_form(self.text)
        if written is not None:
            return True, written
        found = _QUANTIFIERS.search(self.text)
        if found:
            return True, found.group()
        for found in _CADENCE.finditer(self.text):
            if not self._names_a_measure(found):
                return True, found.group()
        return False, None

    def _names_a_measure(self, cadence: re.Match[str]) -> bool:
        """ "monthly visits", "weekly signups": the cadence word is part of the measure's name."""
        word = cadence.group().lower()
        if word not in self.reader.cadence_words:
            return False
        after = next((i for i, start in enumerate(self.starts) if start >= cadence.end()), None)
        if after is None:
            return False
        measures = ("metric_nouns", "behaviour_nouns", "vanity_metrics", "service_levels")
        return any(h.start in (after, after + 1) for name in measures for h in self.found(name))

    def _vanity(self, lead_end: int) -> _Hit | None:
        # A vanity word used as a verb ("to install", "Download the app") is not a metric.
        found = [
            h
            for h in self.found("vanity_metrics", lead_end)
            if h.start == 0 or self.lower[h.start - 1] not in self.reader.modals
        ]
        vanity = min(found, key=lambda h: h.start) if found else None
        if vanity is None:
            return None
        rates = self.found("rate_words")
        if rates or any(n.kind == "percent" for n in self.numbers):
            return None
        return vanity

    def _metric(self, lead_index: int, lead_end: int) -> str | None:
        """The measured thing: the words after the lead verb up to the numbers or a preposition."""
        doc = self.doc
        index = lead_end
        picked: list[int] = []
        stop_verbs = self.reader.stop_verbs
        while index < len(doc) and len(picked) < 8:
            token = doc[index]
            word = self.lower[index]
            glued = word == "-" and index > 0 and not doc[index - 1].whitespace_
            numeric = token.like_num or any(ch.isdigit() for ch in word)
            window = re.fullmatch(r"p\d\d|\d+-\w+|week-?\d|day-?\d|q\d", word) is not None
            after_hyphen = (
                picked
                and index > 1
                and self.lower[index - 1] == "-"
                and not doc[index - 1].whitespace_
                and not doc[index - 2].whitespace_
            )
            before_hyphen = (
                index + 2 < len(doc)
                and self.lower[index + 1] == "-"
                and not token.whitespace_
                and not doc[index + 1].whitespace_
            )
            if (glued and picked) or (after_hyphen and numeric) or (numeric and before_hyphen):
                picked.append(index)
            elif re.fullmatch(r"q[1-4]|h[12]|fy\d*", word):
                pass
            elif (
                (numeric and not window)
                or word in ("%", "$", "€", "£", "x")
                or word in self.reader.metric_stop_words
                or token.is_punct
                or (picked and word in stop_verbs)
            ):
                if picked:
                    break
            elif not (not picked and word in self.reader.determiners):
                picked.append(index)
            index += 1
        while picked and (
            self.lower[picked[-1]] in self.reader.determiners
            or self.lower[picked[-1]] in ("-", "'s")
        ):
            picked.pop()
        if not picked:
            return None
        span = doc[picked[0] : picked[-1] + 1]
        return " ".join(span.text.lower().split())

    def _output(
        self,
        lead_index: int,
        lead_kind: str | None,
        lead_end: int,
        internal: _Hit | None,
        outcome_evidence: str | None,
    ) -> tuple[str | None, Term | None, str | None]:
        lead = None
        if lead_index < lead_end and lead_kind is not None:
            span = self.doc[lead_index:lead_end]
            lead = Term(
                span.text, self.lower[lead_index], lead_kind, span.start_char, span.end_char
            )
        deliverable = self._object(lead_end) if lead_kind in (DELIVERY, TASK, HIRE) else None
        customers_named = outcome_evidence == "actor"
        # Counts of the team's own work: "publish 10 posts", "increase test coverage to 80%".
        if internal is not None and not customers_named:
            return INTERNAL_METRIC, self.term(internal), deliverable
        count = self._activity_count(lead_kind, lead_end)
        if count is not None and not customers_named and outcome_evidence in (None, "change"):
            return ACTIVITY_COUNT, count, deliverable
        if outcome_evidence is not None:
            return None, None, None
        if lead is not None and lead_kind == HIRE:
            return HIRE, lead, deliverable
        if lead is not None and lead_kind in (DELIVERY, TASK):
            staff = self.first("staff_nouns", lead_end)
            if staff is not None and lead.term in ("add", "get", "bring on", "bring in"):
                return HIRE, lead, deliverable
            return lead_kind, lead, deliverable
        lead_at = self.starts[lead_index] if lead_index < len(self.starts) else 0
        if _MEASURE_NAME.match(self.text) or _MEASURE_NAME.match(self.text[lead_at:]):
            return None, None, None
        done = self._perfect(lead_kind, lead_index)
        if done is not None:
            return COMPLETION, done, None
        completion = self._completion(lead_kind)
        if completion is not None:
            return COMPLETION, completion, self._subject(completion)
        team = self.first("team_does")
        if team is not None:
            return DELIVERY, self.term(team), None
        if self.measures:
            return None, None, None
        # Without any measure, a capability, the team's own state or a named deliverable.
        for pattern in ("capability", "team_has"):
            found = self.first(pattern)
            if found is not None and found.start > 0:
                return DELIVERABLE, self.term(found), None
        has = self.first("has_deliverable")
        thing = self.first("deliverable_nouns", has.start) if has else None
        if has is not None and thing is not None:
            return DELIVERABLE, self.term(thing), self.doc[has.end - 1 : thing.end].text
        changed = self._changed_deliverable(lead_kind, lead_end)
        if changed is not None:
            # "Improve the release checklist": a change to a thing the team makes, with no measure.
            return DELIVERABLE, self.term(changed), self.doc[lead_end : changed.end].text
        metric_free = not (
            self.found("metric_nouns")
            or self.found("behaviour_nouns")
            or self.found("service_levels")
        )
        thing = self.first("deliverable_nouns")
        if thing is not None and has_date(self.text):
            return DELIVERABLE, self.term(thing), self.doc[: thing.end].text
        if (
            thing is not None
            and lead_kind is None
            and thing.start <= 3
            and metric_free
            and not self.found("customer_actors")
            and not (set(self.lower) & self.reader.verbish_words)
        ):
            # A bare noun phrase naming a thing ("POC of the new search"), with no verb at all.
            return DELIVERABLE, self.term(thing), self.doc[: thing.end].text
        return None, None, None

    def _confidence(self, output_kind: str | None) -> str:
        """Outputs read from a verb of work, a done state or a count of work next to a verb of
        work are clear; a verb known from the sentence's shape only, a bare noun, or a measure
        of the team's own work is a hint."""
        if output_kind is None:
            return HIGH
        if self.guessed_verb or output_kind in (DELIVERABLE, INTERNAL_METRIC):
            return LOW
        return HIGH

    def _service_level(self, state: _Hit) -> bool:
        """ "95% of tickets are resolved within a day": a share of things reaching a state is a
        level of service, not work done."""
        start = self.starts[state.start]
        return any(n.kind == "percent" and n.end <= start for n in self.measures) or (
            _TIME_LIMIT.search(self.text, start) is not None
        )

    def _counted_people(self, hit: _Hit, lead_end: int) -> bool:
        """ "Add 30 enterprise customers": the verb's object is a count of people, which is a
        result; "call on three customers", "data from 100 users" put a preposition between."""
        if lead_end >= len(self.starts) or self.lower[lead_end] in self.reader.clause_ends:
            return False
        before = self.text[self.starts[lead_end] : self.starts[hit.start]]
        return (
            re.search(
                r"\b(?:\d[\d,.]*\+?|[a-z]+ty|ten|hundred|thousand)\s+(?:[\w-]+\s+){0,2}$",
                before,
                re.I,
            )
            is not None
        )

    def _share_of_people(self, hit: _Hit) -> bool:
        """ "30% of users", "half of new customers": a share of people, which is measured."""
        before = self.text[: self.starts[hit.start]]
        return (
            re.search(
                r"(?:%|\bpercent|\bhalf|\bmajority|\bshare)\s+of\s+(?:\w+\s+){0,2}$", before, re.I
            )
            is not None
        )

    def _perfect(self, lead_kind: str | None, lead_index: int) -> Term | None:
        """ "We've shipped the guide", "The team has documented ...": work in a done state."""
        if lead_kind is not None:
            return None
        at = perfect(self.lower, lead_index, self.reader.participles, self.reader.structure_words)
        if at is None or self.lower[at] in self.reader.measure_participles:
            return None
        span = self.doc[lead_index : at + 1]
        return Term(span.text, self.lower[at], "completion_state", span.start_char, span.end_char)

    def _share_target(self, lead_lemma: str | None) -> bool:
        """ "Deliver 95% of orders on time", "Make 90% of deploys hands-off": a share to reach."""
        if lead_lemma not in self.reader.share_verbs:
            return False
        return any(
            n.kind == "percent" and re.match(r"\s+of\b", self.text[n.end :]) for n in self.measures
        )

    def _changed_deliverable(self, lead_kind: str | None, lead_end: int) -> _Hit | None:
        """The deliverable that a change verb without any measure applies to, if any."""
        if lead_kind not in ("increase", "decrease") or self.measures:
            return None
        thing = self.first("deliverable_nouns", lead_end)
        if thing is None or thing.start > lead_end + 4:
            return None
        measures = [
            h
            for name in (
                "metric_nouns",
                "behaviour_nouns",
                "service_levels",
                "lagging_finance",
                "customer_actors",
            )
            for h in self.found(name)
        ]
        # "Grow website visitors": the people after the thing are what is measured.
        if any(h.start < thing.start or thing.start <= h.start < thing.end + 2 for h in measures):
            return None
        # "Increase APP": an acronym names a measure, not a thing the team makes.
        if self.doc[thing.start].text.isupper() and len(self.doc[thing.start].text) > 1:
            return None
        return thing

    def _completion(self, lead_kind: str | None) -> Term | None:
        quantified = _QUANTIFIED_SUBJECT.match(self.text) is not None
        pattern = self.first("completion_state")
        if pattern is not None and not quantified and not self._service_level(pattern):
            return self.term(pattern)
        things = self.found("deliverable_nouns")
        for hit in self.found("completion_states"):
            # "Partner program launched in two regions": a deliverable and its completion.
            if lead_kind is None and any(t.end == hit.start for t in things) and hit.start > 0:
                return self.term(hit)
        if self.measures or lead_kind is not None or target_form(self.text) is not None:
            return None
        people = self.found("customer_actors")
        for index in range(1, len(self.lower)):
            word = self.lower[index]
            # "gets fully documented", "is now properly tested": adverbs between the verb and
            # its participle.
            back = index - 1
            while back > 0 and self.lower[back].endswith("ly") and self.lower[back].isalpha():
                back -= 1
            before = self.lower[back]
            participle = (
                len(word) > 4 and word.endswith("ed") and word.isalpha()
            ) or word in self.reader.participles
            following = self.lower[index + 1] if index + 1 < len(self.lower) else ""
            # A participle that ends its clause is a state ("release notes published to ..."); one
            # followed by a noun is an adjective ("cached pages").
            predicative = following in self.reader.clause_ends or not following.isalpha()
            if (
                participle
                and predicative
                and word not in self.reader.not_participles
                and word not in self.reader.measure_participles
                and (
                    before in self.reader.copulas
                    or (
                        not quantified
                        and index <= 4
                        and self.doc[index - 1].is_alpha
                        and before not in self.reader.function_words
                    )
                )
                # People done to are not work done ("users onboarded").
                and not any(p.start < index for p in people)
            ):
                return Term(
                    self.doc[index].text,
                    word,
                    "completion_state",
                    self.doc[index].idx,
                    self.doc[index].idx + len(self.doc[index]),
                )
        last = max((i for i, t in enumerate(self.doc) if t.is_alpha), default=-1)
        for hit in self.found("completion_states"):
            if (
                hit.end - 1 == last
                and hit.start > 1
                and not set(self.lower[: hit.start]) & self.reader.verbish_words
                and not people
            ):
                # "Billing framework and copy complete": a noun phrase and its done state.
                return self.term(hit)
            if hit.term in (
                "in production",
                "in place",
                "up and running",
                "live",
                "in use",
                "done",
            ) and (hit.term != "live" or hit.start > 0):
                return self.term(hit)
            things = self.found("deliverable_nouns")
            if any(t.end == hit.start for t in things) and hit.start > 0:
                return self.term(hit)
        return None

    def _activity_count(self, lead_kind: str | None, lead_end: int) -> Term | None:
        activities = self.found("activity_nouns")
        for number in self.measures:
            if number.role not in (TARGET, COUNT, THRESHOLD) or number.kind not in (
                "count",
                "word",
                "redacted",
            ):
                continue
            for hit in activities:
                start_char = self.doc[hit.start].idx
                gap = self.text[number.end : start_char]
                close = len(gap) <= 30 and re.fullmatch(r"[\s\w-]*", gap) and gap.count(" ") <= 3
                # "Hold 3 design reviews": a count of events held, not a level held.
                held = lead_kind == "hold" and gap.count(" ") <= 2
                if close and (lead_kind in (DELIVERY, TASK, HIRE, None) or held):
                    span = self.doc[hit.start : hit.end]
                    return Term(
                        self.text[number.start : span.end_char],
                        hit.term,
                        hit.lexicon,
                        number.start,
                        span.end_char,
                    )
        if (
            lead_kind in (DELIVERY, TASK)
            and any(
                n.kind in ("count", "word", "redacted") and n.role in (TARGET, COUNT)
                for n in self.measures
            )
            and not self.found("behaviour_nouns")
            and not self.found("metric_nouns")
        ):
            span = self.doc[:lead_end]
            return Term(span.text, self.lower[0], "activity_count", span.start_char, span.end_char)
        return None

    def _object(self, lead_end: int) -> str | None:
        words: list[str] = []
        for token in self.doc[lead_end:]:
            if token.lower_ in (
                "by",
                "to",
                "for",
                "so",
                "in",
                "on",
                "with",
                "that",
                "which",
                "before",
                "until",
                "across",
                ",",
                ";",
                ".",
                "(",
                "and",
                "—",
                "-",
                ":",
            ):
                if words:
                    break
                continue
            words.append(token.text)
            if len(words) >= 8:
                break
        return " ".join(words) or None

    def _subject(self, completion: Term) -> str | None:
        before = self.text[: completion.start].strip(" ,.-")
        before = re.sub(r"\b(?:is|are|was|were|has|have|had|been|gets?)\s*$", "", before).strip()
        return before or None

    def _clause(self, hit: _Hit) -> Term:
        span = self.doc[hit.start : hit.end]
        end = span.end_char
        rest = self.text[end:]
        stop = re.search(r"[,;.)]|\s+(?:and|so|while|to)\s", rest)
        end += stop.start() if stop else len(rest)
        return Term(self.text[span.start_char : end], hit.term, hit.lexicon, span.start_char, end)


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
