"""The customer-behaviour verdict of CUS001 and CUS002: does a key result measure what people do?

Worked out from the reading of the text, its structure (who acts, what kind of predicate, what
is measured: `okrlint.text.structure`) and the words of its rule pack, once per reading; every
rule that needs it asks `customer_behaviour`. An output never measures behaviour, whatever
people it names (`okrlint.rules.outputs.shared`).
"""

from __future__ import annotations

from okrlint.rules.outputs.shared import output_verdict
from okrlint.text.number_mentions import COUNT
from okrlint.text.reading import KeyResultReading, Term
from okrlint.text.sentence import Hit, Sentence
from okrlint.text.structure import (
    ACTIVITY,
    DONE,
    SERVICE,
    TEAM,
    WORK,
    KeyResultStructure,
    structure_of,
)


def customer_behaviour(reading: KeyResultReading) -> Term | None:
    """The words that show the text measures what customers or users do, or None."""
    return reading.remember("customer_behaviour", _judge)[0]


def behaviour_ruled_out(reading: KeyResultReading) -> bool:
    """The text names people or their doing, but measures nothing, only money, or only what
    they think: a no that rests on evidence, stronger than finding no such words at all."""
    return reading.remember("customer_behaviour", _judge)[1]


def _judge(reading: KeyResultReading) -> tuple[Term | None, bool]:
    if not reading.english or output_verdict(reading).is_output:
        return None, False
    s = Sentence.of(reading)
    actor = s.hit(reading.actor) if reading.actor is not None else None
    behaviour_nouns = [s.hit(t) for t in reading.behaviour_nouns]
    behaviour_verbs = reading.behaviour_verbs
    metric_hits = s.found("metric_nouns")
    # "Sales: Add 40 new logos": a word before the command names the team, not a measure.
    lagging = s.first("lagging_finance", s.lead_start if reading.lead_kind is not None else 0)
    # "guest satisfaction rate": the name of a measure ("rate", "share") after what people
    # think leaves it a measure of what they think.
    measure_names = s.words.word_list("measure_names")
    attitudes = [h for h in metric_hits if h.term not in measure_names]
    attitude_only = bool(attitudes) and all(h.term in s.words.attitude_metrics for h in attitudes)
    # "staff engagement": the team's own people, not customers.
    behaviour_nouns = [h for h in behaviour_nouns if not _staff_before(s, h)]
    customer: Hit | None = None
    if behaviour_nouns and not (lagging and not actor and not s.measures):
        customer = behaviour_nouns[0]
    elif (
        actor is not None
        and (s.measures or behaviour_verbs)
        and not attitude_only
        and not (lagging and not behaviour_verbs)
    ):
        customer = actor
    elif actor is None and not attitude_only:
        customer = _made_to_do(s, behaviour_verbs) or _rate_of_doing(s, behaviour_verbs)
    if customer is None:
        return None, False
    found = structure_of(reading)
    if (
        _measures_nothing(s, found, actor, behaviour_verbs)
        or _team_work_measured(s, found)
        or found.measured == SERVICE
        or _money_only(s)
        or _thought_of(s, actor, behaviour_nouns)
    ):
        return None, True
    return s.term(customer), False


def _rate_of_doing(s: Sentence, behaviour_verbs: tuple[Term, ...]) -> Hit | None:
    """A verb of what people do naming a measure before its name ("Keep cancel rate under
    3%", "Unsubscribe rate at or below 0.5%"): the measure counts that doing."""
    names = s.words.word_list("measure_names")
    for verb in behaviour_verbs:
        hit = s.hit(verb)
        if hit.end < len(s.lower) and s.lower[hit.end] in names:
            return hit
    return None


def _made_to_do(s: Sentence, behaviour_verbs: tuple[Term, ...]) -> Hit | None:
    """A verb of what people do after "to", with a figure between the command and it ("Get
    500 workspaces to invite a teammate", "Help 30% of shops to list a second product"): the
    ones counted are made to do it, whatever word names them."""
    for verb in behaviour_verbs:
        hit = s.hit(verb)
        if not s.lead_start < hit.start - 1 or s.lower[hit.start - 1] != "to":
            continue
        counted = any(
            s.lead_start < s.at_start.get(n.start, -1) < hit.start - 1 for n in s.measures
        )
        if counted:
            return hit
    return None


def _staff_before(s: Sentence, hit: Hit) -> bool:
    """A behaviour noun right after a word for the team's own people ("employee engagement")."""
    return any(staff.end == hit.start for staff in s.found("staff_nouns"))


def _measures_nothing(
    s: Sentence, found: KeyResultStructure, actor: Hit | None, behaviour_verbs: tuple[Term, ...]
) -> bool:
    """The key result names a thing and measures nothing: no predicate and no figure
    ("Feedback guide in the contributor docs"), or work, done or in a done state, whose
    structure measures nothing ("Referral page has more detail"). People said to do
    something with a verb of their own ("Visitors use the new search") still act."""
    if actor is not None and behaviour_verbs:
        return False
    if found.predicate is None:
        return not s.measures
    return found.predicate in (WORK, DONE) and found.measured is None


def _team_work_measured(s: Sentence, found: KeyResultStructure) -> bool:
    """The team does work and what is measured is how much of it ("Visit 50 customers", "Hold
    onboarding calls with 90% of new clients"): the people it is done with or for do nothing
    in the sentence; but a count of its own besides the work's counts people who came or
    chose ("Run 3 workshops with 400 attendees")."""
    if (found.actor, found.predicate, found.measured) != (TEAM, WORK, ACTIVITY):
        return False
    work = found.measured_words or ""
    at = s.text.find(work) if work else -1
    return not any(n.kind == COUNT and not (at <= n.start < at + len(work)) for n in s.measures)


def _money_only(s: Sentence) -> bool:
    """Every figure the text measures by is an amount of money ("Lift subscription revenue
    from $40k to $60k"): what it counts is money, not what people do."""
    return bool(s.measures) and all(n.kind == "currency" for n in s.measures)


def _thought_of(s: Sentence, people: Hit | None, behaviour_nouns: list[Hit]) -> bool:
    """A measure of what people think ("satisfaction", "NPS", "sentiment") names the measure
    before any doing, and before or right after the people ("NPS of users who finished
    onboarding", "user sentiment"): the people and their doing only say whose opinion is
    measured. A measure of doing named on its own ("activation rate and NPS") still counts."""
    attitudes = s.words.attitude_metrics
    first = next(
        (at for at, word in enumerate(s.lower) if at >= s.lead_start and word in attitudes), None
    )
    if first is None:
        return False
    measure_names = s.words.word_list("measure_names")
    if any(h.end < len(s.lower) and s.lower[h.end] in measure_names for h in behaviour_nouns):
        return False
    others = [h.start for h in behaviour_nouns if h.term not in attitudes]
    if people is not None and s.lower[people.end : people.end + 1] != [s.lower[first]]:
        others.append(people.start)
    return all(at > first for at in others)
