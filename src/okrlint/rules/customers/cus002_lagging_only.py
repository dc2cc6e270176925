"""CUS002 lagging-only: An objective measured only by lagging finance numbers."""

from __future__ import annotations

from collections.abc import Iterator

from okrlint.api import (
    Example,
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
from okrlint.rules.customers.shared import customer_behaviour
from okrlint.rules.outputs.shared import is_output


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
            "activation, retention, expansion, referrals. Off by default: CUS001 already "
            "reports every objective this rule would, naming its finance totals, and one problem "
            "gets one finding; turn CUS002 on (`extend_select: [CUS002]`) for a code of its own."
        ),
        bad=(
            Example(
                example_head()
                + "  - title: Win the mid-market  # expect: CUS002\n"
                + "    key_results:\n"
                + "      - Grow mid-market ARR from $2M to $3M\n"
                + "      - Raise Q1 bookings to $900k\n",
                messages=(
                    (
                        "measured only by lagging finance numbers ('ARR', 'bookings'); add a key "
                        "result on the customer behaviour that drives them (activation, "
                        "retention, expansion, referrals), which moves early enough to steer by."
                    ),
                ),
            ),
        ),
        good=(
            Example(
                example_head()
                + "  - title: Win the mid-market\n"
                + "    key_results:\n"
                + "      - Grow mid-market ARR from $2M to $3M\n"
                + "      - Raise trial-to-paid conversion of mid-market accounts from 9% to 14%\n"
            ),
        ),
        severity=Severity.WARNING,
        enabled=False,
        needs_readings=True,
        judged=(3, 4),
    )

    def check(self, item: ObjectiveItem, context: RuleContext[NoOptions]) -> Iterator[Violation]:
        key_results = item.key_results()
        readings = [reading_of(context.readings, kr.text) for kr in key_results]
        if not readings or any(
            r is None
            or not r.english
            or r.first("lagging_finance") is None
            or customer_behaviour(r) is not None
            or is_output(r)
            for r in readings
        ):
            return
        found = [r.first("lagging_finance") for r in readings if r is not None]
        terms = sorted({term.text for term in found if term is not None})
        yield item.violation(
            "measured only by lagging finance numbers ("
            + ", ".join(f"'{t}'" for t in terms)
            + "); add a key result on the customer behaviour that drives them (activation, "
            "retention, expansion, referrals), which moves early enough to steer by."
        )
