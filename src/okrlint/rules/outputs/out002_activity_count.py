"""OUT002 activity-count.

A key result that counts work done ('publish 10 posts', 'run 5 workshops').
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
)
from okrlint.fix.edits import move_to_initiatives
from okrlint.fix.suggestions import suggest_outcome
from okrlint.rules.judgements import key_result_output_judgement, output_evidence
from okrlint.rules.outputs.shared import (
    INTERNAL_METRIC,
    counts_work,
    output_verdict,
    unsure_note,
    who_acts,
    worth_reporting,
)
from okrlint.text.number_mentions import COUNT
from okrlint.text.reading import KeyResultReading, reading_of
from okrlint.text.structure import ACTIVITY, structure_of


class ActivityCount(Rule[NoOptions]):
    meta = RuleMeta(
        code="OUT002",
        name="activity-count",
        family="outputs",
        scope=Scope.KEY_RESULT,
        summary="A key result that counts work done ('publish 10 posts', 'run 5 workshops').",
        rationale=(
            "A number does not make a key result an outcome. 'Publish 10 posts' or 'Increase "
            "test coverage to 80%' count the team's own work: they are met by working harder, "
            "whatever customers do. Google's playbook: 'OKRs are not a shared to-do list'. Ask "
            "what the posts or the coverage are for (readers who sign up, fewer escaped defects) "
            "and measure that."
        ),
        bad=(
            Example(
                example_head(objective="Make onboarding effortless")
                + "    key_results:\n"
                + "      - Publish 10 blog posts  # expect: OUT002\n"
                + "      - 'Growth: run 4 pricing experiments'  # expect: OUT002\n"
                + "      - Increase test coverage to 80%  # expect: OUT002\n",
                messages=(
                    (
                        "activity count: the key result counts work done ('10 blog posts'), not a "
                        "change in what people do (who acts: the team; predicate: doing work "
                        "('Publish'); measured: the team's own activity ('10 blog posts')); the "
                        "count is met by working harder whatever customers do, so ask what the "
                        "work is for and measure that change (who does what, from what to what), "
                        "keeping the work under `initiatives:`."
                    ),
                    (
                        "activity count: the key result counts work done ('4 pricing "
                        "experiments'), not a change in what people do (who acts: the team; "
                        "predicate: doing work ('run'); measured: the team's own activity ('4 "
                        "pricing experiments')); the count is met by working harder whatever "
                        "customers do, so ask what the work is for and measure that change (who "
                        "does what, from what to what), keeping the work under `initiatives:`."
                    ),
                    (
                        "activity count: the key result measures the team's own work ('test "
                        "coverage'), which moves whatever customers do (who acts: the team; "
                        "predicate: a change in a measure ('Increase'); measured: the team's own "
                        "activity ('test coverage')); the count is met by working harder whatever "
                        "customers do, so ask what the work is for and measure that change (who "
                        "does what, from what to what), keeping the work under `initiatives:`."
                    ),
                ),
                fixed=(
                    "team: Growth\n"
                    "period: 2026-Q1\n"
                    "objectives:\n"
                    "  - title: Make onboarding effortless\n"
                    "    key_results:\n"
                    # The last key result stays: `key_results:` is never left empty.
                    "      - {id: KR3, title: Increase test coverage to 80%}  # expect: OUT002\n"
                    "    initiatives:\n"
                    "      - Publish 10 blog posts  # expect: OUT002\n"
                    "      - 'Growth: run 4 pricing experiments'  # expect: OUT002\n"
                ),
            ),
        ),
        good=(
            Example(
                example_head(objective="Make onboarding effortless")
                + "    key_results:\n"
                + "      - Grow blog readers who start a trial from 40 to 120 a month\n"
                + "      - Cut escaped defects per release from 9 to 3\n"
                + "    initiatives:\n"
                + "      - Publish 10 blog posts\n"
            ),
        ),
        severity=Severity.WARNING,
        needs_readings=True,
        fixable=True,
    )

    def check(self, item: KeyResultItem, context: RuleContext[NoOptions]) -> Iterator[Violation]:
        reading = reading_of(context.readings, item.text)
        if reading is None or not reading.english or not counts_work(reading):
            return
        judgement = key_result_output_judgement(item, reading, context.readings)
        if not worth_reporting(reading, judgement):
            return
        verdict = output_verdict(reading)
        evidence = verdict.evidence
        quoted = evidence.quoted() if evidence else _counted(reading)
        if verdict.output_kind == INTERNAL_METRIC:
            found = f"measures the team's own work ({quoted}), which moves whatever customers do"
        else:
            found = f"counts work done ({quoted}), not a change in what people do"
        yield item.violation(
            f"activity count: the key result {found}{who_acts(reading)}; the count is met by "
            "working harder whatever customers do, so ask what the work is for and measure that "
            "change (who does what, from what to what), keeping the work under "
            f"`initiatives:`.{unsure_note(judgement)}",
            fix=move_to_initiatives(item),
            suggestion=suggest_outcome(reading, verdict, item.key_result),
            hint=not judgement.sure,
            confidence=round(judgement.probability, 3),
            structure=structure_of(reading).pairs(),
        )


def _counted(reading: KeyResultReading) -> str:
    """What the key result counts, as written: the count of the team's work the structure
    reads, else the number and the words that weighed most."""
    found = structure_of(reading)
    if found.measured == ACTIVITY and found.measured_words:
        return f"'{found.measured_words}'"
    number = next((n for n in reading.numbers if n.kind == COUNT), None)
    words = " ".join(f"'{w}'" for w in output_evidence(reading))
    if number is not None and words:
        return f"'{number.text}', {words}"
    return f"'{number.text}'" if number is not None else words or "the number"
