"""OUT003 prescribed-solution: A key result that dictates the how ('... by launching X')."""

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
from okrlint.rules.judgements import key_result_output_judgement
from okrlint.rules.outputs.shared import is_output
from okrlint.text.reading import KeyResultReading, Term
from okrlint.text.sentence import Sentence
from okrlint.text.structure import reading_note, structure_of


class PrescribedSolution(Rule[NoOptions]):
    meta = RuleMeta(
        code="OUT003",
        name="prescribed-solution",
        family="outputs",
        scope=Scope.KEY_RESULT,
        summary="A key result that dictates the how ('... by launching X').",
        rationale=(
            "A key result states the outcome and leaves the way to reach it open, so the team "
            "can change tactics when the first idea does not work (Gothelf and Seiden, "
            "Outcomes Over Output). 'Raise sign-ups by launching a referral programme' ties the "
            "result to one solution; keep the outcome and list the solution under "
            "`initiatives:`."
        ),
        bad=(
            Example(
                example_head(objective="Make onboarding effortless")
                + "    key_results:\n"
                + "      - Raise weekly sign-ups from 400 to 600 by launching a referral program"
                + "  # expect: OUT003\n"
            ),
        ),
        good=(
            Example(
                example_head(objective="Make onboarding effortless")
                + "    key_results:\n"
                + "      - Raise weekly sign-ups from 400 to 600\n"
                + "    initiatives:\n"
                + "      - Launch a referral program\n"
            ),
        ),
        severity=Severity.WARNING,
        needs_readings=True,
        judged=(0, 0),
    )

    def check(self, item: KeyResultItem, context: RuleContext[NoOptions]) -> Iterator[Violation]:
        reading = reading_of(context.readings, item.text)
        if reading is None:
            return
        prescribed = prescribed_solution(reading)
        if prescribed is None or is_output(reading):
            return
        if key_result_output_judgement(item, reading, context.readings).sure:
            return  # one problem, one finding: OUT001/OUT002 report the work itself
        how = prescribed.text
        yield item.violation(
            f"prescribed solution: '{how}' dictates how the result is reached; keep the outcome "
            f"in the key result and move '{how}' to `initiatives:`, so the team can change "
            f"tactics if it does not work.{reading_note(reading)}",
            structure=structure_of(reading).pairs(),
        )


def prescribed_solution(reading: KeyResultReading) -> Term | None:
    """The clause that dictates how the result is reached ("by launching X"), or None."""
    return reading.remember("prescribed", _judge)


def _judge(reading: KeyResultReading) -> Term | None:
    if not reading.english:
        return None
    s = Sentence.of(reading)
    hit = s.first("prescribed_solution", max(s.lead_end, 1))
    if hit is None:
        return None
    # The clause runs to the next punctuation or conjunction.
    span = s.doc[hit.start : hit.end]
    end = span.end_char
    rest = s.text[end:]
    stop = re.search(r"[,;.)]|\s+(?:and|so|while|to)\s", rest)
    end += stop.start() if stop else len(rest)
    return Term(s.text[span.start_char : end], hit.term, hit.lexicon, span.start_char, end)
