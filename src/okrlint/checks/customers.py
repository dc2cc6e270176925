"""Customers: outcomes are changes in what customers do, not work done or money counted."""

from __future__ import annotations

from collections.abc import Iterator

from okrlint.analysis import KeyResultReading, reading_of
from okrlint.findings import Severity, Violation
from okrlint.registry import (
    Example,
    KeyResultItem,
    NoOptions,
    ObjectiveItem,
    Rule,
    RuleContext,
    RuleMeta,
    Scope,
)

_HEAD = "team: Growth\nperiod: 2026-Q1\nobjectives:\n"


def _why_not(reading: KeyResultReading | None) -> str:
    if reading is None:
        return "not read"
    if reading.is_output and reading.output_evidence is not None:
        return f"work done ({reading.output_evidence.quoted()})"
    if reading.lagging is not None:
        return f"a finance total ({reading.lagging.quoted()})"
    if reading.service_level is not None:
        return f"a service level ({reading.service_level.quoted()})"
    if reading.metric:
        return f"'{reading.metric}'"
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
            "pack (see `rule_packs`)."
        ),
        bad=(
            Example(
                _HEAD
                + "  - title: Modernise the billing platform  # expect: CUS001\n"
                + "    key_results:\n"
                + "      - Migrate all invoices to the new billing service\n"
                + "      - Keep p95 invoice latency under 300 ms\n"
            ),
        ),
        good=(
            Example(
                _HEAD
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
        if any(r is not None and r.customer_behaviour for r in readings):
            return
        if any(r is None or not r.english for r in readings):
            # Text okrlint cannot read (another language) says nothing about behaviour.
            return
        shown = "; ".join(
            f"{kr.object_id.split('/')[-1]}: {_why_not(r)}"
            for kr, r in list(zip(key_results, readings, strict=True))[:4]
        )
        yield item.violation(
            f"no key result measures what customers or users do ({shown}); add one that names "
            "who does what, by how much (e.g. the share of new customers who come back in week "
            "2, from 30% to 40%)."
        )


class LaggingOnly(Rule[NoOptions]):
    meta = RuleMeta(
        code="CUS002",
        name="lagging-only",
        family="customers",
        scope=Scope.OBJECTIVE,
        summary="An objective measured only by lagging finance numbers.",
        rationale=(
            "Revenue, ARR and bookings are impact: they move after customers change what they "
            "do, often too late to steer by within a quarter (Gothelf and Seiden: outcomes sit "
            "between outputs and impact). Keep the money, and add the behaviour that drives it: "
            "activation, retention, expansion, referrals."
        ),
        bad=(
            Example(
                _HEAD
                + "  - title: Win the mid-market  # expect: CUS002\n"
                + "    key_results:\n"
                + "      - Grow mid-market ARR from $2M to $3M\n"
                + "      - Raise Q1 bookings to $900k\n"
            ),
        ),
        good=(
            Example(
                _HEAD
                + "  - title: Win the mid-market\n"
                + "    key_results:\n"
                + "      - Grow mid-market ARR from $2M to $3M\n"
                + "      - Raise trial-to-paid conversion of mid-market accounts from 9% to 14%\n"
            ),
        ),
        severity=Severity.WARNING,
        needs_readings=True,
    )

    def check(self, item: ObjectiveItem, context: RuleContext[NoOptions]) -> Iterator[Violation]:
        key_results = item.key_results()
        readings = [reading_of(context.readings, kr.text) for kr in key_results]
        if not readings or any(
            r is None or not r.english or r.lagging is None or r.customer_behaviour or r.is_output
            for r in readings
        ):
            return
        terms = sorted({r.lagging.text for r in readings if r is not None and r.lagging})
        yield item.violation(
            "measured only by lagging finance numbers ("
            + ", ".join(f"'{t}'" for t in terms)
            + "); add a key result on the customer behaviour that drives them (activation, "
            "retention, expansion, referrals), which moves early enough to steer by."
        )


class VanityMetric(Rule[NoOptions]):
    meta = RuleMeta(
        code="CUS003",
        name="vanity-metric",
        family="customers",
        scope=Scope.KEY_RESULT,
        summary="A key result on a vanity number (page views, downloads, followers, raw sign-ups).",
        rationale=(
            "Vanity metrics only go up and say little about value (Ries, The Lean Startup; Croll "
            "and Yoskovitz, Lean Analytics): total downloads, page views, followers. Turn the "
            "count into a rate or a cohort that shows value: the share of downloads that "
            "become weekly users, visitors who start a trial."
        ),
        bad=(
            Example(
                _HEAD
                + "  - title: Grow awareness\n"
                + "    key_results:\n"
                + "      - Reach 50,000 app downloads  # expect: CUS003\n"
                + "      - Get 10k Twitter followers  # expect: CUS003\n"
            ),
        ),
        good=(
            Example(
                _HEAD
                + "  - title: Grow awareness\n"
                + "    key_results:\n"
                + "      - Raise the share of downloads that become weekly users from 8% to 15%\n"
            ),
        ),
        severity=Severity.INFO,
        needs_readings=True,
    )

    def check(self, item: KeyResultItem, context: RuleContext[NoOptions]) -> Iterator[Violation]:
        reading = reading_of(context.readings, item.text)
        if reading is None or reading.vanity is None or reading.is_output:
            return
        yield item.violation(
            f"vanity metric: {reading.vanity.quoted()} is a raw total that grows whatever the "
            "value; measure a rate or a cohort instead (the share that become active users, "
            "come back or pay)."
        )
