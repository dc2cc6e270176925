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
                        "users, come back or pay)."
                    ),
                    (
                        "vanity metric: 'followers' is a raw total that grows whatever the "
                        "value; measure a rate or a cohort instead (the share that become active "
                        "users, come back or pay)."
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
