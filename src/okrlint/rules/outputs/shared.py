"""What the output rules share: the output verdict, who acts, and why a verdict is a hint.

The output verdict of OUT001 and OUT002: is a key result work done rather than a change?

A key result is an output when it names work (a verb of delivery, a task, a hire, a count of
work, a done state, a deliverable) and no change in what people do or in a business measure;
an outcome when it states such a change. The verdict is worked out from the reading of the
text (what the sentence says) and the words of its rule pack, once per reading; every rule
and report that needs it asks `output_verdict`. OUT002 owns the counting kinds, OUT001 the rest.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from okrlint.judgement.judge import OUTPUT as OUTPUT_MODEL
from okrlint.judgement.judge import Judgement, thresholds
from okrlint.text.number_mentions import BASELINE, COUNT, DELTA, TARGET, THRESHOLD
from okrlint.text.reading import KeyResultReading, Term
from okrlint.text.sentence import Hit, Sentence, SentenceWords, alternatives
from okrlint.text.shape import contraction_start, perfect, target_form
from okrlint.text.structure import (
    ACTIVITY,
    ARTEFACT,
    BEHAVIOUR,
    DONE,
    TEAM,
    WORK,
    structure_of,
    work_count,
)

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

_TIME_LIMIT = re.compile(r"\bwithin\s+(?:a|an|one|the|\d+)\b", re.IGNORECASE)


def _measure_name(words: SentenceWords) -> re.Pattern[str]:
    """A text that opens with the name of a measure ("% of plan ...", "Number of ...")."""
    heads = alternatives(words.ordered_words("measure_names"))
    named = rf"|(?:the\s+)?(?:{heads})\s+of" if heads else ""
    return re.compile(rf"\s*(?:%|#{named})\s", re.IGNORECASE)


def _quantified_subject(words: SentenceWords) -> re.Pattern[str] | None:
    """A text that opens with a quantified subject ("Every service ...", "No invoice ...")."""
    openers = alternatives(words.ordered_words("quantified_subjects"))
    return re.compile(rf"\s*(?:{openers})\b", re.IGNORECASE) if openers else None


@dataclass(frozen=True, slots=True)
class OutputVerdict:
    # output | outcome | unknown
    kind: str = UNKNOWN
    # Why it is an output (DELIVERY, TASK, HIRE, COMPLETION, DELIVERABLE, ACTIVITY_COUNT,
    # INTERNAL_METRIC), or None.
    output_kind: str | None = None
    # The words that make it an output, and the deliverable ("the referral program").
    evidence: Term | None = None
    deliverable: str | None = None
    # How well the evidence supports the verdict: "high", or "low" when it rests on the
    # sentence's shape alone or on a kind of evidence that is often wrong (a bare noun, a count
    # of the team's own work); text rules report low-confidence verdicts as hints, not warnings.
    confidence: str = HIGH

    @property
    def is_output(self) -> bool:
        return self.kind == OUTPUT


_NOT_READ = OutputVerdict()


def output_verdict(reading: KeyResultReading) -> OutputVerdict:
    """Whether the text of `reading` is an output, an outcome or neither, and why."""
    return reading.remember("output", _judge)


def is_output(reading: KeyResultReading) -> bool:
    return output_verdict(reading).is_output


def output_evidence_kind(reading: KeyResultReading) -> tuple[str | None, bool]:
    """The kind of output the hand-written reading offers the trained judgement as evidence,
    and whether it is sure of it: the verdict's kind when it reads an output; else ACTIVITY_COUNT,
    unsure, when the structure reads the team doing work and counting its own activity ("Tape 12
    member stories per month"); else DELIVERABLE, unsure, for a few words with nothing in them
    that could be measured ("Dark mode"); else None. Both stay evidence for the trained
    judgement only: the verdict keeps silent on them, so verdicts that take an output as final
    (what customers do, vanity numbers) do not lose the people such a count names."""
    verdict = output_verdict(reading)
    if verdict.is_output:
        return verdict.output_kind, verdict.confidence == HIGH
    found = structure_of(reading)
    if (found.actor, found.predicate, found.measured) == (TEAM, WORK, ACTIVITY):
        return ACTIVITY_COUNT, False
    if _names_nothing_to_measure(reading):
        return DELIVERABLE, False
    return None, False


# A key result this short with nothing read in it names a thing or a piece of work. Chosen on
# the organisations whose lines were read: up to four words kept the output judgement's
# precision there; five or six lowered it (longer such lines are often states of a system).
_FEW_WORDS = 4


def _names_nothing_to_measure(reading: KeyResultReading) -> bool:
    """A short key result in which nothing is read that could be measured: no figure, no verb
    of work or change, no people, no predicate and no measure ("Dark mode", "Offline maps"): it
    names a thing to make, not a change."""
    found = structure_of(reading)
    if reading.lead_kind is not None or reading.numbers or reading.actor is not None:
        return False
    if (found.actor, found.predicate, found.measured) != (None, None, None):
        return False
    words = [t for t in Sentence.of(reading).doc if t.is_alpha]
    return 0 < len(words) <= _FEW_WORDS


def outcome_evidence(s: Sentence) -> str | None:
    """Evidence that the text states a change in what people do or in a business measure:
    "change", "actor", "behaviour" or "level", or None."""
    reading = s.reading
    lead_kind, lead_end = reading.lead_kind, s.lead_end
    actor = s.hit(reading.actor) if reading.actor is not None else None
    behaviour_nouns = [s.hit(t) for t in reading.behaviour_nouns]
    behaviour_verbs = [s.hit(t) for t in reading.behaviour_verbs]
    metric_hits = [h for h in s.found("metric_nouns") if not _cadence(s, h)]
    service = s.first("service_levels")
    lagging = s.first("lagging_finance")
    internal = s.first("internal_metrics")
    has_measure = bool(s.measures)
    if _changed_deliverable(s, lead_kind, lead_end) is not None:
        return None
    found = structure_of(reading)
    if (
        found.actor == ARTEFACT
        and found.predicate == DONE
        and found.predicate_words is not None
        and found.predicate_words.lower() in ("exists", "exist")
    ):
        # "A list of 50+ customer wins exists": a thing that exists; the people and the
        # figure inside its name say which thing, not what anyone does.
        return None
    if (
        lead_kind in ("increase", "decrease", "hold", "achieve")
        and (metric_hits or behaviour_nouns or service or lagging or actor)
        and internal is None
    ):
        return "change"
    if actor is not None and (
        has_measure
        or behaviour_nouns
        or (any(v.start > actor.start for v in behaviour_verbs) and s.first("capability") is None)
    ):
        return "actor"
    if behaviour_nouns and has_measure and lead_kind not in (DELIVERY, TASK, HIRE):
        return "behaviour"
    if (service or metric_hits or lagging) and any(
        n.role in (THRESHOLD, BASELINE, DELTA) or n.kind in ("percent", "currency", "duration")
        for n in s.measures
    ):
        return "level"
    if lead_kind in ("increase", "decrease") and has_measure and internal is None:
        return "change"
    if lead_kind is None and _share_within_limit(s):
        # "90% of refund tickets closed within 2 days": a level of service, whatever the
        # words for the work served.
        return "level"
    if _share_target(s, reading.lead_lemma):
        return "level"
    return None


def _cadence(s: Sentence, hit: Hit) -> bool:
    """A rate word before a unit of time says how often, not what is measured: "4 sessions
    per week" counts sessions."""
    units = s.words.word_list("time_units")
    return (
        hit.term in s.words.word_list("rate_words")
        and hit.end < len(s.lower)
        and s.lower[hit.end] in units
    )


def _judge(reading: KeyResultReading) -> OutputVerdict:
    if not reading.english:
        return _NOT_READ
    s = Sentence.of(reading)
    evidence = outcome_evidence(s)
    output_kind, output_evidence, deliverable = _output(
        s, s.lead_start, reading.lead_kind, s.lead_end, s.first("internal_metrics"), evidence
    )
    confidence = _confidence(s, output_kind)
    if output_kind is None and evidence is None:
        # "The importer has a written runbook", "Pricing copy is agreed": a thing in a done
        # state with nothing measured, read from the sentence's structure alone: a hint unless
        # the trained judgement is sure.
        output_evidence = _thing_done(reading)
        if output_evidence is not None:
            output_kind, confidence = COMPLETION, LOW
    if output_kind is not None:
        kind = OUTPUT
    elif evidence is not None:
        kind = OUTCOME
    else:
        kind = UNKNOWN
    return OutputVerdict(kind, output_kind, output_evidence, deliverable, confidence)


def _thing_done(reading: KeyResultReading) -> Term | None:
    """The words of a done state when the structure reads the key result as the team or a
    thing in a done state that measures nothing, else None."""
    found = structure_of(reading)
    if found.predicate != DONE or found.measured is not None or found.actor not in (TEAM, ARTEFACT):
        return None
    words = found.predicate_words or found.actor_words
    if not words:
        return None
    start = max(reading.text.find(words), 0)
    return Term(words, words.lower(), "completion_state", start, start + len(words))


def who_acts(reading: KeyResultReading) -> str:
    """How the key result was read, in brackets: who acts, the predicate and its words, what
    is measured (`okrlint.text.structure`)."""
    explained = structure_of(reading).explain()
    return f" ({explained})" if explained else " (the team acts)"


def _output(
    s: Sentence,
    lead_index: int,
    lead_kind: str | None,
    lead_end: int,
    internal: Hit | None,
    outcome_evidence: str | None,
) -> tuple[str | None, Term | None, str | None]:
    lead = None
    if lead_index < lead_end and lead_kind is not None:
        span = s.doc[lead_index:lead_end]
        lead = Term(span.text, s.lower[lead_index], lead_kind, span.start_char, span.end_char)
    deliverable = _object(s, lead_end) if lead_kind in (DELIVERY, TASK, HIRE) else None
    customers_named = outcome_evidence == "actor"
    # Counts of the team's own work: "publish 10 posts", "increase test coverage to 80%"; a
    # share of it done within a time limit is a level of service ("90% of tickets closed
    # within 2 days").
    served = lead_kind is None and _share_within_limit(s)
    if internal is not None and not customers_named and not served:
        return INTERNAL_METRIC, s.term(internal), deliverable
    count = _activity_count(s, lead_kind)
    read = structure_of(s.reading)
    # "Launch in 2 new cities with 300 weekly riders each": people counted apart from the
    # work are what the structure reads as measured.
    people_counted = (read.predicate, read.measured) == (WORK, BEHAVIOUR)
    if count is not None and not customers_named and outcome_evidence in (None, "change"):
        if people_counted:
            return None, None, None
        return ACTIVITY_COUNT, count, deliverable
    if outcome_evidence is not None or people_counted:
        return None, None, None
    if lead is not None and lead_kind == HIRE:
        return HIRE, lead, deliverable
    if lead is not None and lead_kind in (DELIVERY, TASK):
        staff = s.first("staff_nouns", lead_end)
        if staff is not None and lead.term in s.words.word_list("staffing_verbs"):
            return HIRE, lead, deliverable
        return lead_kind, lead, deliverable
    if lead is not None and (read.actor, read.predicate, read.predicate_words) == (
        TEAM,
        WORK,
        lead.text,
    ):
        # "Switch the CRM to a new provider": a verb of what customers do, as a command on a
        # thing the team has (`okrlint.text.structure`), is the team's work.
        return TASK, lead, _object(s, lead_end)
    lead_at = s.starts[lead_index] if lead_index < len(s.starts) else 0
    measure_name = s.words.remember("measure_name", _measure_name)
    if measure_name.match(s.text) or measure_name.match(s.text[lead_at:]):
        return None, None, None
    done = _perfect(s, lead_kind, lead_index)
    if done is not None:
        return COMPLETION, done, None
    completion = _completion(s, lead_kind)
    if completion is not None:
        return COMPLETION, completion, _subject(s, completion)
    team = s.first("team_does")
    if team is not None:
        return DELIVERY, s.term(team), None
    if s.measures:
        return None, None, None
    # Without any measure, a capability, the team's own state or a named deliverable.
    for pattern in ("capability", "team_has"):
        found = s.first(pattern)
        if found is not None and found.start > 0 and not _inside_a_name(s, found):
            return DELIVERABLE, s.term(found), None
    has = s.first("has_deliverable")
    thing = s.first("deliverable_nouns", has.start) if has else None
    if has is not None and thing is not None:
        head = _head_noun(s, thing)
        return DELIVERABLE, s.term(head), s.doc[has.end - 1 : head.end].text
    changed = _changed_deliverable(s, lead_kind, lead_end)
    if changed is not None:
        # "Improve the release checklist": a change to a thing the team makes, with no measure.
        head = _head_noun(s, changed)
        return DELIVERABLE, s.term(head), s.doc[lead_end : head.end].text
    metric_free = not (
        s.found("metric_nouns") or s.found("behaviour_nouns") or s.found("service_levels")
    )
    thing = s.first("deliverable_nouns")
    if thing is not None and s.reading.date is not None:
        head = _head_noun(s, thing)
        return DELIVERABLE, s.term(head), s.doc[: head.end].text
    if (
        thing is not None
        and lead_kind is None
        and thing.start <= 3
        and metric_free
        and not s.found("customer_actors")
        and not (set(s.lower) & s.words.verbish_words)
    ):
        # A bare noun phrase naming a thing ("POC of the new search"), with no verb at all.
        head = _head_noun(s, thing)
        return DELIVERABLE, s.term(head), s.doc[: head.end].text
    return None, None, None


def _inside_a_name(s: Sentence, found: Hit) -> bool:
    """The words found are part of a longer name of what people do or of a measure ("Fewer
    support tickets": 'support' names the tickets, it is no verb of a capability)."""
    return any(
        h.start <= found.start and found.end <= h.end and h.end - h.start > found.end - found.start
        for name in ("behaviour_nouns", "metric_nouns", "service_levels")
        for h in s.found(name)
    )


def _head_noun(s: Sentence, thing: Hit) -> Hit:
    """The deliverable the noun phrase of `thing` names: its last deliverable noun before the
    phrase ends ("a documented on-call runbook" names a runbook; "on-call" only describes it)."""
    end = s.noun_phrase_end(thing.start)
    return next(
        (h for h in reversed(s.found("deliverable_nouns", thing.start)) if h.end <= end),
        thing,
    )


def _confidence(s: Sentence, output_kind: str | None) -> str:
    """Outputs read from a verb of work, a done state or a count of work next to a verb of
    work are clear; a verb known from the sentence's shape only, a bare noun, or a measure
    of the team's own work is a hint."""
    if output_kind is None:
        return HIGH
    if s.reading.lead_from_shape or output_kind in (DELIVERABLE, INTERNAL_METRIC):
        return LOW
    return HIGH


def _service_level(s: Sentence, state: Hit) -> bool:
    """ "95% of tickets are resolved within a day": a share of things reaching a state is a
    level of service, not work done."""
    start = s.starts[state.start]
    return any(n.kind == "percent" and n.end <= start for n in s.measures) or (
        _TIME_LIMIT.search(s.text, start) is not None
    )


def _share_within_limit(s: Sentence) -> bool:
    """A share to reach and a time limit it is met within ("90% ... within 2 days", "under 15
    minutes, 95% of the time")."""
    share = any(n.kind == "percent" and n.role == TARGET for n in s.measures)
    limit = any(n.kind == "duration" and n.role == THRESHOLD for n in s.measures)
    return share and limit


def _perfect(s: Sentence, lead_kind: str | None, lead_index: int) -> Term | None:
    """ "We've shipped the guide", "The team has documented ...": work in a done state."""
    if lead_kind is not None:
        return None
    at = perfect(s.lower, lead_index, s.words.participles, s.words.structure_words)
    if at is None or s.lower[at] in s.words.measure_participles:
        return None
    span = s.doc[contraction_start(s.lower, s.doc, lead_index) : at + 1]
    return Term(span.text, s.lower[at], "completion_state", span.start_char, span.end_char)


def _share_target(s: Sentence, lead_lemma: str | None) -> bool:
    """ "Deliver 95% of orders on time", "Make 90% of deploys hands-off": a share to reach."""
    if lead_lemma not in s.words.share_verbs:
        return False
    return any(n.kind == "percent" and re.match(r"\s+of\b", s.text[n.end :]) for n in s.measures)


def _changed_deliverable(s: Sentence, lead_kind: str | None, lead_end: int) -> Hit | None:
    """The deliverable that a change verb without any measure applies to, if any."""
    if lead_kind not in ("increase", "decrease") or s.measures:
        return None
    thing = s.first("deliverable_nouns", lead_end)
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
        for h in s.found(name)
    ]
    # "Grow website visitors": the people after the thing are what is measured.
    if any(h.start < thing.start or thing.start <= h.start < thing.end + 2 for h in measures):
        return None
    # "Increase APP": an acronym names a measure, not a thing the team makes.
    if s.doc[thing.start].text.isupper() and len(s.doc[thing.start].text) > 1:
        return None
    return thing


def _completion(s: Sentence, lead_kind: str | None) -> Term | None:
    subject = s.words.remember("quantified_subject", _quantified_subject)
    quantified = subject is not None and subject.match(s.text) is not None
    pattern = s.first("completion_state")
    if pattern is not None and not quantified and not _service_level(s, pattern):
        return s.term(pattern)
    things = s.found("deliverable_nouns")
    for hit in s.found("completion_states"):
        # "Partner program launched in two regions": a deliverable and its completion.
        if lead_kind is None and any(t.end == hit.start for t in things) and hit.start > 0:
            return s.term(hit)
    if s.measures or lead_kind is not None or target_form(s.text) is not None:
        return None
    people = s.found("customer_actors")
    for index in range(1, len(s.lower)):
        word = s.lower[index]
        # "gets fully documented", "is now properly tested": adverbs between the verb and
        # its participle.
        back = index - 1
        while back > 0 and s.lower[back].endswith("ly") and s.lower[back].isalpha():
            back -= 1
        before = s.lower[back]
        participle = (
            len(word) > 4 and word.endswith("ed") and word.isalpha()
        ) or word in s.words.participles
        following = s.lower[index + 1] if index + 1 < len(s.lower) else ""
        # A participle that ends its clause is a state ("release notes published to ..."); one
        # followed by a noun is an adjective ("cached pages").
        predicative = following in s.words.clause_ends or not following.isalpha()
        if (
            participle
            and predicative
            and word not in s.words.not_participles
            and word not in s.words.measure_participles
            and (
                before in s.words.copulas
                or (
                    not quantified
                    and index <= 4
                    and s.doc[index - 1].is_alpha
                    and before not in s.words.function_words
                )
            )
            # People done to are not work done ("users onboarded").
            and not any(p.start < index for p in people)
        ):
            return Term(
                s.doc[index].text,
                word,
                "completion_state",
                s.doc[index].idx,
                s.doc[index].idx + len(s.doc[index]),
            )
    last = max((i for i, t in enumerate(s.doc) if t.is_alpha), default=-1)
    for hit in s.found("completion_states"):
        if (
            hit.end - 1 == last
            and hit.start > 1
            and not set(s.lower[: hit.start]) & s.words.verbish_words
            and not people
        ):
            # "Billing framework and copy complete": a noun phrase and its done state.
            return s.term(hit)
        # "Live" opening the text is an adjective ("Live chat answers ..."), not a state.
        if hit.term in s.words.word_list("done_states") and (hit.term != "live" or hit.start > 0):
            return s.term(hit)
        things = s.found("deliverable_nouns")
        if any(t.end == hit.start for t in things) and hit.start > 0:
            return s.term(hit)
    return None


def _activity_count(s: Sentence, lead_kind: str | None) -> Term | None:
    """A count of the team's own work after a verb of work ("Publish 10 posts"), after a verb
    of holding or with no verb at all when the thing counted ends its phrase ("Keep 2 demo days
    a month", "12 integration guides"); after a verb of delivery or a task, any count when
    nothing measured is named ("Phone four suppliers")."""
    if lead_kind not in (DELIVERY, TASK, HIRE, "hold", None):
        return None
    nothing_measured = not s.found("behaviour_nouns") and not s.found("metric_nouns")
    return work_count(
        s,
        after_work_verb=lead_kind in (DELIVERY, TASK, HIRE),
        any_count=lead_kind in (DELIVERY, TASK) and nothing_measured,
    )


def _object(s: Sentence, lead_end: int) -> str | None:
    """The words after the verb, as written, up to a word that ends the object; a hyphen glued
    to the words on both sides joins them ("the class-booking waitlist")."""
    written = ""
    count = 0
    ends = s.words.word_list("object_ends")
    doc = s.doc
    for index in range(lead_end, len(doc)):
        token = doc[index]
        joins = (
            token.text == "-"
            and written
            and not doc[index - 1].whitespace_
            and not token.whitespace_
            and index + 1 < len(doc)
        )
        if token.lower_ in ends and not joins:
            if written:
                break
            continue
        written += token.text + token.whitespace_
        count += 1
        if count >= 8:
            break
    return written.strip() or None


def _subject(s: Sentence, completion: Term) -> str | None:
    before = s.text[: completion.start].strip(" ,.-")
    before = re.sub(r"\b(?:is|are|was|were|has|have|had|been|gets?)\s*$", "", before).strip()
    return before or None


def counts_work(reading: KeyResultReading) -> bool:
    """True when an output verdict on the key result is OUT002's (a count of the team's own
    work), False when it is OUT001's: the hand-written kind when there is one (the verdict's, or
    the structure's count of work), else whether the text counts something."""
    kind, _ = output_evidence_kind(reading)
    if kind is not None:
        return kind in COUNTING_KINDS
    return any(n.kind == COUNT for n in reading.numbers)


def worth_reporting(reading: KeyResultReading, judgement: Judgement) -> bool:
    """An output verdict is reported at warning when the trained judgement is sure of it, and as
    a hint only where the hand-written reading also offers evidence of an output (the verdict,
    or the structure's count of the team's work): a hint with no words of work to quote would
    be noise."""
    return judgement.sure or (output_evidence_kind(reading)[0] is not None and judgement.reported)


def output_message_from_words(
    reading: KeyResultReading, judgement: Judgement, evidence: tuple[str, ...]
) -> str:
    """The message of an output verdict that rests on the trained judgement alone, quoting the
    words that weighed most (`okrlint.rules.judgements.output_evidence`)."""
    words = ", ".join(f"'{w}'" for w in evidence)
    weighed = f" ({words} weighed most)" if words else ""
    return (
        f"output, not an outcome: the key result reads as work the team does or finishes"
        f"{weighed} and names no change in what people do{who_acts(reading)}, so it can be met "
        "while no customer does anything differently; ask what customers or users will do "
        "differently once it is done, measure that, and move the work to `initiatives:`."
        f"{unsure_note(judgement)}"
    )


def unsure_note(judgement: Judgement) -> str:
    if judgement.sure:
        return ""
    _, warning_at = thresholds(OUTPUT_MODEL)
    # Rounded down and up: a probability just under the threshold never reads as equal to it
    # ("85% sure, under the 85%").
    sure = math.floor(judgement.probability * 100)
    needed = math.ceil(warning_at * 100)
    return (
        f" Reported as a hint: okrlint is {sure}% sure it is an output, "
        f"under the {needed}% at which its output verdicts were right 19 times in 20 on "
        "organisations it was not trained on."
    )
