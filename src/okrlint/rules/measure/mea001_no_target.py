"""MEA001 no-target: A key result with no number to reach."""

from __future__ import annotations

import re
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
from okrlint.judgement.judge import Judgement
from okrlint.rules.judgements import key_result_output_judgement, unmeasurable_judgement
from okrlint.rules.measure.shared import measurable
from okrlint.text.structure import reading_note, structure_of

_DIGIT = re.compile(r"\d")


class NoTarget(Rule[NoOptions]):
    meta = RuleMeta(
        code="MEA001",
        name="no-target",
        family="measure",
        scope=Scope.KEY_RESULT,
        summary="A key result with no number to reach.",
        rationale=(
            "Doerr's test for a key result: 'it is not a key result unless it has a number'. "
            "Without a target nobody can say at the end of the period whether it was met, and "
            "the grade becomes a matter of opinion. Write the number in the sentence "
            "('from 32% to 45%') or set `target:`."
        ),
        bad=(
            Example(
                example_head(objective="Make onboarding effortless")
                + "    key_results:\n"
                + "      - Improve onboarding completion for new teams  # expect: MEA001\n"
                + "      - title: Raise activation of new teams  # expect: MEA001\n"
                + "        metric: share of new teams active in week 1\n",
                messages=(
                    (
                        "no number to reach: the text states no amount, threshold or share and "
                        "there is no `target`; 'Improve' says which way the measure should go, "
                        "not how far; without one nobody can say at the end of the period whether"
                        " it was met. Say how much ('from 32% to 45%', 'under 200 ms', 'every "
                        "release') or set `target:` so the key result can be graded. Read as: "
                        "who acts: customers or users ('new teams'); predicate: a change in a "
                        "measure ('Improve'); measured: people's behaviour ('onboarding')."
                    ),
                    (
                        "no number to reach: the text states no amount, threshold or share and "
                        "there is no `target`; 'Raise' says which way the measure should go, not "
                        "how far; without one nobody can say at the end of the period whether it "
                        "was met. Say how much ('from 32% to 45%', 'under 200 ms', 'every "
                        "release') or set `target:` so the key result can be graded. Read as: "
                        "who acts: customers or users ('new teams'); predicate: a change in a "
                        "measure ('Raise'); measured: people's behaviour ('activation')."
                    ),
                ),
            ),
        ),
        good=(
            Example(
                example_head(objective="Make onboarding effortless")
                + "    key_results:\n"
                + "      - Raise week-1 activation of new teams from 32% to 45%\n"
                + "      - title: Cut time to first dashboard\n"
                + "        baseline: 42\n"
                + "        target: 15\n"
                + "        unit: min\n"
            ),
        ),
        severity=Severity.WARNING,
        needs_readings=True,
    )

    def check(self, item: KeyResultItem, context: RuleContext[NoOptions]) -> Iterator[Violation]:
        key_result = item.key_result
        reading = reading_of(context.readings, item.text)
        if key_result.target is not None:
            return
        if reading is None or not reading.english:
            # Text okrlint cannot read (another language): only a missing figure is certain.
            if _DIGIT.search(key_result.title):
                return
        elif measurable(key_result, reading):
            return
        elif key_result_output_judgement(item, reading, context.readings).sure:
            # One problem, one finding: an output's missing target is OUT001/OUT002's news.
            return
        unmeasurable = unmeasurable_judgement(reading) if reading and reading.english else None
        dated = (
            f" (a date such as {reading.date!r} is not a target)"
            if reading and reading.date
            else ""
        )
        direction = (
            f" '{reading.lead_verb}' says which way the measure should go, not how far;"
            if reading and reading.lead_kind in ("increase", "decrease") and reading.lead_verb
            else ""
        )
        yield item.violation(
            f"no number to reach: the text states no amount, threshold or share{dated} and "
            f"there is no `target`;{direction} without one nobody can say at the end of the "
            "period whether it was met. Say how much ('from 32% to 45%', 'under 200 ms', "
            "'every release') or set `target:` so the key result can be graded."
            + (reading_note(reading) if reading is not None else "")
            + _why_unsure(unmeasurable),
            hint=unmeasurable is not None and not unmeasurable.reported,
            confidence=None if unmeasurable is None else round(unmeasurable.probability, 3),
            structure=structure_of(reading).pairs() if reading is not None else (),
        )


def _why_unsure(judgement: Judgement | None) -> str:
    if judgement is None or judgement.reported:
        return ""
    return (
        f" Reported as a hint: okrlint's trained judgement gives only {judgement.probability:.0%}"
        " that this states no target."
    )
