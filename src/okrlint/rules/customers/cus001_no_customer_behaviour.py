"""CUS001 no-customer-behaviour.

An objective with no key result measuring what customers or users do.
"""

from __future__ import annotations

from collections.abc import Iterator

from okrlint.api import (
    Example,
    KeyResultReading,
    NoOptions,
    ObjectiveItem,
    Rule,
    RuleContext,
    RuleMeta,
    Scope,
    Severity,
    Violation,
    example_head,
    reading_of,
)
from okrlint.judgement.judge import Judgement
from okrlint.rules.customers.shared import customer_behaviour
from okrlint.rules.judgements import no_behaviour_judgement
from okrlint.rules.outputs.shared import output_verdict
from okrlint.text.structure import (
    BEHAVIOUR,
    DESCRIPTIONS,
    DONE,
    WORK,
    measure_as_written,
    structure_of,
)


def _why_not(reading: KeyResultReading | None) -> str:
    if reading is None:
        return "not read"
    found = structure_of(reading)
    if found.measured is not None and found.measured != BEHAVIOUR:
        return f"{DESCRIPTIONS[found.measured]} ('{found.measured_words}')"
    if found.predicate in (WORK, DONE):
        words = f" ('{found.predicate_words}')" if found.predicate_words else ""
        return f"{DESCRIPTIONS[found.predicate]}{words}"
    output = output_verdict(reading)
    if output.is_output and output.evidence is not None:
        return f"work done ({output.evidence.quoted()})"
    lagging = reading.first("lagging_finance")
    if lagging is not None:
        return f"a finance total ({lagging.quoted()})"
    service_level = reading.first("service_levels")
    if service_level is not None:
        return f"a service level ({service_level.quoted()})"
    if reading.metric:
        return f"'{measure_as_written(reading)}'"
    return "no measure of behaviour"


class NoCustomerBehaviour(Rule[NoOptions]):
    meta = RuleMeta(
        code="CUS001",
        name="no-customer-behaviour",
        family="customers",
        scope=Scope.OBJECTIVE,
        summary="An objective with no key result measuring what customers or users do.",
        rationale=(
            "Outcomes are changes in customer behaviour (Seiden, Outcomes Over Output): people "
            "who sign up, come back, buy, renew, refer. An objective whose key results only "
            "count work done, system levels or money can be met while nobody does anything "
            "differently. Add at least one key result that names who does what, by how much. "
            "A team whose 'customers' are students, patients or colleagues adds them in a rule "
            "pack (see `rule_packs`). Each finding carries okrlint's confidence that no key "
            "result measures behaviour, from its trained judgement: where that confidence is "
            "high the finding is a warning (right 91-95% of the time on organisations the "
            "judgement was not trained on, `bench/accuracy.py`), elsewhere an `info` hint."
        ),
        bad=(
            Example(
                example_head()
                + "  - title: Modernise the billing platform  # expect: CUS001\n"
                + "    key_results:\n"
                + "      - Migrate all invoices to the new billing service\n"
                + "      - Keep p95 invoice latency under 300 ms\n"
            ),
        ),
        good=(
            Example(
                example_head()
                + "  - title: Make paying effortless\n"
                + "    key_results:\n"
                + "      - Raise the share of customers who pay on first attempt from 81% to 92%\n"
                + "      - Keep p95 invoice latency under 300 ms\n"
            ),
        ),
        severity=Severity.WARNING,
        needs_readings=True,
    )

    def check(self, item: ObjectiveItem, context: RuleContext[NoOptions]) -> Iterator[Violation]:
        key_results = item.key_results()
        if not key_results:
            return
        readings = [reading_of(context.readings, kr.text) for kr in key_results]
        if any(r is None or not r.english for r in readings):
            # Text okrlint cannot read (another language) says nothing about behaviour.
            return
        if any(r is not None and customer_behaviour(r) is not None for r in readings):
            return
        # The hand-written verdict finds behaviour in none; the trained judgement says how sure
        # that is, and only a sure verdict keeps the rule's severity.
        judgement = no_behaviour_judgement([r for r in readings if r is not None])
        shown = "; ".join(
            f"{kr.object_id.split('/')[-1]}: {_why_not(r)}"
            for kr, r in list(zip(key_results, readings, strict=True))[:4]
        )
        yield item.violation(
            f"no key result measures what customers or users do ({shown}); add one that names "
            "who does what, by how much (e.g. the share of new customers who come back in week "
            "2, from 30% to 40%)." + _why_unsure(judgement),
            hint=not judgement.sure,
            confidence=round(judgement.probability, 3),
            structure=tuple(
                (kr.object_id.split("/")[-1], structure_of(r).explain())
                for kr, r in zip(key_results, readings, strict=True)
                if r is not None and structure_of(r).explain()
            ),
        )


def _why_unsure(judgement: Judgement) -> str:
    if judgement.sure:
        return ""
    return (
        f" Reported as a hint: okrlint is {judgement.probability:.0%} sure that none does, under "
        "what it needs to let this finding gate."
    )
