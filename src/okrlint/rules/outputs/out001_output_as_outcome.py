"""OUT001 output-as-outcome: A key result that is a deliverable, task, launch, milestone or hire."""

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
from okrlint.judgement.judge import Judgement
from okrlint.rules.judgements import key_result_output_judgement, output_evidence
from okrlint.rules.outputs.shared import (
    COMPLETION,
    DELIVERABLE,
    DELIVERY,
    HIRE,
    TASK,
    counts_work,
    output_message_from_words,
    output_verdict,
    unsure_note,
    who_acts,
    worth_reporting,
)
from okrlint.text.reading import KeyResultReading, reading_of
from okrlint.text.sentence import words_for
from okrlint.text.structure import structure_of

_ASK = "ask what customers or users will do differently"


_KINDS = (DELIVERY, TASK, HIRE, COMPLETION, DELIVERABLE)


def _output_message(reading: KeyResultReading, judgement: Judgement) -> str:
    verdict = output_verdict(reading)
    evidence = verdict.evidence
    quoted = evidence.quoted() if evidence else "its wording"
    thing = f"'{verdict.deliverable}'" if verdict.deliverable else "it"
    kind = verdict.output_kind
    if kind == DELIVERY:
        found = f"starts with the delivery verb {quoted} and names no change in what people do"
        launches = words_for(reading).word_list("launch_verbs")
        done = "ships" if reading.lead_lemma in launches else "is done"
        way = f"{_ASK} once {thing} {done}, measure that, and put the work under `initiatives:`"
    elif kind == TASK:
        found = f"starts with the activity verb {quoted}, which describes work, not its effect"
        way = f"{_ASK} after it, measure that, and keep the activity under `initiatives:`"
    elif kind == HIRE:
        found = f"is a hire ({quoted}): staffing is an input the team controls"
        way = "measure what the new people will change for customers or the business"
    elif kind == COMPLETION:
        found = f"marks work as done ({quoted}) instead of measuring a change"
        way = f"{_ASK} once {thing} is done, measure that, and move the work to `initiatives:`"
    else:
        date = f" with a date ({reading.date!r}) standing in for a measure" if reading.date else ""
        found = f"names a deliverable ({quoted}){date}"
        way = f"{_ASK} once {thing} exists, measure that, and move the work to `initiatives:`"
    return (
        f"output, not an outcome: the key result {found}{who_acts(reading)}, so it can be met "
        f"while no customer does anything differently; {way}.{unsure_note(judgement)}"
    )


class OutputAsOutcome(Rule[NoOptions]):
    meta = RuleMeta(
        code="OUT001",
        name="output-as-outcome",
        family="outputs",
        scope=Scope.KEY_RESULT,
        summary="A key result that is a deliverable, task, launch, milestone or hire.",
        rationale=(
            "A key result is an outcome: a measurable change in what customers or users do, or in "
            "a business measure. 'Launch the new onboarding flow' can be met while nobody "
            "onboards any better. Google's playbook calls 'Launch Foo 4.1' a poor key result; "
            "Gothelf and Seiden define outcomes as changes in human behaviour that drive "
            "business results. Keep the launch under `initiatives:` and make the key result the "
            "change it should cause. okrlint reads the whole sentence: a delivery verb at the "
            "start ('Launched', 'Shipping'), a completion state ('... redesigned and live', "
            "'... exists', 'in production by May'), a hire."
        ),
        bad=(
            Example(
                example_head(objective="Make onboarding effortless")
                + "    key_results:\n"
                + "      - Launch the referral program  # expect: OUT001\n"
                + "      - Pricing page redesigned and live  # expect: OUT001\n"
                + "      - Hire a growth engineer  # expect: OUT001\n"
                + "      - Raise week-1 activation of new teams from 32% to 45%\n",
                messages=(
                    (
                        "output, not an outcome: the key result starts with the delivery verb "
                        "'Launch' and names no change in what people do (who acts: the team; "
                        "predicate: doing work ('Launch')), so it can be met while no customer "
                        "does anything differently; ask what customers or users will do "
                        "differently once 'the referral program' ships, measure that, and put the "
                        "work under `initiatives:`."
                    ),
                    (
                        "output, not an outcome: the key result marks work as done ('and live') "
                        "instead of measuring a change (who acts: an artefact ('Pricing page'); "
                        "predicate: work in a done state ('redesigned and live')), so it can be "
                        "met while no customer does anything differently; ask what customers or "
                        "users will do differently once 'Pricing page redesigned' is done, "
                        "measure that, and move the work to `initiatives:`."
                    ),
                    (
                        "output, not an outcome: the key result is a hire ('Hire'): staffing is an "
                        "input the team controls (who acts: the team; predicate: doing work "
                        "('Hire')), so it can be met while no customer does anything differently; "
                        "measure what the new people will change for customers or the business."
                    ),
                ),
                fixed=(
                    "team: Growth\n"
                    "period: 2026-Q1\n"
                    "objectives:\n"
                    "  - title: Make onboarding effortless\n"
                    "    key_results:\n"
                    # It keeps the id its place gave it (KR4) as the outputs before it move.
                    "      - {id: KR4, title: Raise week-1 activation of new teams from 32% to "
                    "45%}\n"
                    "    initiatives:\n"
                    "      - Launch the referral program  # expect: OUT001\n"
                    "      - Pricing page redesigned and live  # expect: OUT001\n"
                    "      - Hire a growth engineer  # expect: OUT001\n"
                ),
            ),
        ),
        good=(
            Example(
                example_head(objective="Make onboarding effortless")
                + "    key_results:\n"
                + "      - Raise the share of new teams who invite a colleague from 12% to 25%\n"
                + "      - Reduce time to ship features from 3 weeks to 1 week\n"
                + "      - Deliver 95% of orders on time\n"
                + "    initiatives:\n"
                + "      - Launch the referral program\n"
            ),
        ),
        severity=Severity.WARNING,
        needs_readings=True,
        fixable=True,
    )

    def check(self, item: KeyResultItem, context: RuleContext[NoOptions]) -> Iterator[Violation]:
        reading = reading_of(context.readings, item.text)
        if reading is None or not reading.english or counts_work(reading):
            return
        judgement = key_result_output_judgement(item, reading, context.readings)
        if not worth_reporting(reading, judgement):
            return
        verdict = output_verdict(reading)
        if verdict.is_output and verdict.output_kind in _KINDS:
            message = _output_message(reading, judgement)
        else:
            message = output_message_from_words(reading, judgement, output_evidence(reading))
        yield item.violation(
            message,
            fix=move_to_initiatives(item),
            suggestion=suggest_outcome(reading, verdict, item.key_result),
            hint=not judgement.sure,
            confidence=round(judgement.probability, 3),
            structure=structure_of(reading).pairs(),
        )
