"""CUS003 vanity-metric.

A key result on a vanity number (page views, downloads, followers, raw sign-ups).
"""

from __future__ import annotations

from collections.abc import Iterator

from okrlint.api import (
    Example,
    KeyResultItem,
    NoOptions,
    Rule,
    RuleContext,
    RuleMeta,
    Scope,
    Severity,
    Violation,
    example_head,
    reading_of,
)
from okrlint.rules.outputs.shared import is_output
from okrlint.text.reading import KeyResultReading, Term
from okrlint.text.sentence import Sentence
from okrlint.text.structure import reading_note, structure_of


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
                example_head()
                + "  - title: Grow awareness\n"
                + "    key_results:\n"
                + "      - Reach 50,000 app downloads  # expect: CUS003\n"
                + "      - Get 10k Twitter followers  # expect: CUS003\n",
                messages=(
                    (
                        "vanity metric: 'app downloads' is a raw total that grows whatever the "
                        "value; measure a rate or a cohort instead (the share that become active "
                        "users, come back or pay). Read as: who acts: the team; predicate: a "
                        "change in a measure ('Reach'); measured: people's behaviour "
                        "('downloads')."
                    ),
                    (
                        "vanity metric: 'followers' is a raw total that grows whatever the "
                        "value; measure a rate or a cohort instead (the share that become active "
                        "users, come back or pay). Read as: who acts: customers or users "
                        "('followers'); predicate: a change in a measure ('Get'); measured: "
                        "people's behaviour ('followers')."
                    ),
                ),
            ),
        ),
        good=(
            Example(
                example_head()
                + "  - title: Grow awareness\n"
                + "    key_results:\n"
                + "      - Raise the share of downloads that become weekly users from 8% to 15%\n"
            ),
        ),
        severity=Severity.INFO,
        needs_readings=True,
        judged=(10, 10),
    )

    def check(self, item: KeyResultItem, context: RuleContext[NoOptions]) -> Iterator[Violation]:
        reading = reading_of(context.readings, item.text)
        if reading is None:
            return
        vanity = vanity_metric(reading)
        if vanity is None or is_output(reading):
            return
        yield item.violation(
            f"vanity metric: {vanity.quoted()} is a raw total that grows whatever the "
            "value; measure a rate or a cohort instead (the share that become active users, "
            f"come back or pay).{reading_note(reading)}",
            structure=structure_of(reading).pairs(),
        )


def vanity_metric(reading: KeyResultReading) -> Term | None:
    """The vanity number the text measures (a raw total: views, downloads), or None."""
    return reading.remember("vanity", _judge)


def _judge(reading: KeyResultReading) -> Term | None:
    if not reading.english:
        return None
    s = Sentence.of(reading)
    # A vanity word used as a verb ("to install", "Download the app") is not a metric.
    found = [
        h
        for h in s.found("vanity_metrics", s.lead_end)
        if h.start == 0 or s.lower[h.start - 1] not in s.words.modals
    ]
    vanity = min(found, key=lambda h: h.start) if found else None
    if vanity is None:
        return None
    rates = s.found("rate_words")
    if rates or any(n.kind == "percent" for n in s.numbers):
        return None
    return s.term(vanity)
