"""Outputs: key results that are deliverables, tasks or counts of work posing as outcomes."""

from __future__ import annotations

from collections.abc import Iterator

from okrlint.analysis import KeyResultReading, reading_of
from okrlint.analysis.reading import (
    ACTIVITY_COUNT,
    COMPLETION,
    COUNTING_KINDS,
    DELIVERABLE,
    DELIVERY,
    HIRE,
    INTERNAL_METRIC,
    LOW,
    TASK,
)
from okrlint.findings import Severity, Violation
from okrlint.fixes import move_to_initiatives
from okrlint.registry import (
    Example,
    KeyResultItem,
    NoOptions,
    Rule,
    RuleContext,
    RuleMeta,
    Scope,
)
from okrlint.suggest import suggest_outcome

_HEAD = "team: Growth\nperiod: 2026-Q1\nobjectives:\n  - title: Make onboarding effortless\n"
_ASK = "ask what customers or users will do differently"
_LAUNCHES = frozenset(["launch", "relaunch", "ship", "release", "deploy", "roll out", "rollout"])


def _output_message(reading: KeyResultReading) -> str:
    evidence = reading.output_evidence
    quoted = evidence.quoted() if evidence else "its wording"
    thing = f"'{reading.deliverable}'" if reading.deliverable else "it"
    kind = reading.output_kind
    if kind == DELIVERY:
        found = f"starts with the delivery verb {quoted} and names no change in what people do"
        done = "ships" if reading.lead_lemma in _LAUNCHES else "is done"
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
        f"output, not an outcome: the key result {found}{_who(reading)}, so it can be met while "
        f"no customer does anything differently; {way}.{_unsure(reading)}"
    )


def _who(reading: KeyResultReading) -> str:
    """Who acts: the team, even where the text names people as the work's object."""
    people = reading.hits.get("customer_actors", ())
    if people and reading.actor is None:
        return f" (the team acts; {people[0].quoted()} only receive the work)"
    return " (the team acts)"


def _unsure(reading: KeyResultReading) -> str:
    if reading.confidence != LOW:
        return ""
    if reading.output_kind == DELIVERABLE:
        why = "it names a thing, with no verb saying what happens to it"
    elif reading.output_kind == INTERNAL_METRIC:
        why = "a measure of the team's own work is sometimes what the objective is about"
    else:
        why = "the verb of work is read from the sentence's shape, not from okrlint's lexicons"
    return f" Reported as a hint: {why}."


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
                _HEAD
                + "    key_results:\n"
                + "      - Launch the referral program  # expect: OUT001\n"
                + "      - Pricing page redesigned and live  # expect: OUT001\n"
                + "      - Hire a growth engineer  # expect: OUT001\n"
                + "      - Raise week-1 activation of new teams from 32% to 45%\n"
            ),
        ),
        good=(
            Example(
                _HEAD
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
        if reading is None or not reading.is_output or reading.output_kind in COUNTING_KINDS:
            return
        if reading.output_kind not in (DELIVERY, TASK, HIRE, COMPLETION, DELIVERABLE):
            return
        yield item.violation(
            _output_message(reading),
            fix=move_to_initiatives(item),
            suggestion=suggest_outcome(reading),
            hint=reading.confidence == LOW,
        )


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
                _HEAD
                + "    key_results:\n"
                + "      - Publish 10 blog posts  # expect: OUT002\n"
                + "      - 'Growth: run 4 pricing experiments'  # expect: OUT002\n"
                + "      - Increase test coverage to 80%  # expect: OUT002\n"
            ),
        ),
        good=(
            Example(
                _HEAD
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
        if reading is None or not reading.is_output or reading.output_kind not in COUNTING_KINDS:
            return
        evidence = reading.output_evidence
        quoted = evidence.quoted() if evidence else "the number"
        if reading.output_kind == INTERNAL_METRIC:
            found = f"measures the team's own work ({quoted}), which moves whatever customers do"
        else:
            found = f"counts work done ({quoted}), not a change in what people do"
        assert reading.output_kind in (ACTIVITY_COUNT, INTERNAL_METRIC)
        yield item.violation(
            f"activity count: the key result {found}{_who(reading)}; the count is met by "
            "working harder whatever customers do, so ask what the work is for and measure that "
            "change (who does what, from what to what), keeping the work under "
            f"`initiatives:`.{_unsure(reading)}",
            fix=move_to_initiatives(item),
            suggestion=suggest_outcome(reading),
            hint=reading.confidence == LOW,
        )


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
                _HEAD
                + "    key_results:\n"
                + "      - Raise weekly sign-ups from 400 to 600 by launching a referral program"
                + "  # expect: OUT003\n"
            ),
        ),
        good=(
            Example(
                _HEAD
                + "    key_results:\n"
                + "      - Raise weekly sign-ups from 400 to 600\n"
                + "    initiatives:\n"
                + "      - Launch a referral program\n"
            ),
        ),
        severity=Severity.WARNING,
        needs_readings=True,
    )

    def check(self, item: KeyResultItem, context: RuleContext[NoOptions]) -> Iterator[Violation]:
        reading = reading_of(context.readings, item.text)
        if reading is None or reading.prescribed is None or reading.is_output:
            return
        how = reading.prescribed.text
        yield item.violation(
            f"prescribed solution: '{how}' dictates how the result is reached; keep the outcome "
            f"in the key result and move '{how}' to `initiatives:`, so the team can change "
            "tactics if it does not work."
        )
