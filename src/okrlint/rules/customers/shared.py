"""The customer-behaviour verdict of CUS001 and CUS002: does a key result measure what people do?

Worked out from the reading of the text and the words of its rule pack, once per reading; every
rule that needs it asks `customer_behaviour`. An output never measures behaviour, whatever
people it names (`okrlint.rules.outputs.shared`).
"""

from __future__ import annotations

from okrlint.rules.outputs.shared import output_verdict
from okrlint.text.reading import KeyResultReading, Term
from okrlint.text.sentence import Hit, Sentence


def customer_behaviour(reading: KeyResultReading) -> Term | None:
    """The words that show the text measures what customers or users do, or None."""
    return reading.remember("customer_behaviour", _judge)


def _judge(reading: KeyResultReading) -> Term | None:
    if not reading.english or output_verdict(reading).is_output:
        return None
    s = Sentence.of(reading)
    actor = s.hit(reading.actor) if reading.actor is not None else None
    behaviour_nouns = [s.hit(t) for t in reading.behaviour_nouns]
    behaviour_verbs = reading.behaviour_verbs
    metric_hits = s.found("metric_nouns")
    lagging = s.first("lagging_finance")
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
    return s.term(customer) if customer is not None else None


def _staff_before(s: Sentence, hit: Hit) -> bool:
    """A behaviour noun right after a word for the team's own people ("employee engagement")."""
    return any(staff.end == hit.start for staff in s.found("staff_nouns"))
