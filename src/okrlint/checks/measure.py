"""Measure: a key result needs a number to reach, and a starting value to judge it against."""

from __future__ import annotations

import re
from collections.abc import Iterator

from okrlint.analysis import KeyResultReading, facts_of, reading_of
from okrlint.analysis.direction import verb_direction
from okrlint.findings import Severity, Violation
from okrlint.model import KeyResult
from okrlint.registry import Example, KeyResultItem, NoOptions, Rule, RuleContext, RuleMeta, Scope

_HEAD = "team: Growth\nperiod: 2026-Q1\nobjectives:\n  - title: Make onboarding effortless\n"
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
                _HEAD
                + "    key_results:\n"
                + "      - Improve onboarding for new teams  # expect: MEA001\n"
                + "      - title: Raise activation of new teams  # expect: MEA001\n"
                + "        metric: share of new teams active in week 1\n"
            ),
        ),
        good=(
            Example(
                _HEAD
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
        elif facts_of(key_result, reading).measurable:
            return
        dated = (
            f" (a date such as {reading.date!r} is not a target)"
            if reading and reading.date
            else ""
        )
        yield item.violation(
            f"no number to reach: the text states no amount, threshold or share{dated} and "
            "there is no `target`; say how much ('from 32% to 45%', 'under 200 ms', 'every "
            "release') or set `target:` so the key result can be graded.",
        )


class NoBaseline(Rule[NoOptions]):
    meta = RuleMeta(
        code="MEA002",
        name="no-baseline",
        family="measure",
        scope=Scope.KEY_RESULT,
        summary="A key result with a target but no starting value.",
        rationale=(
            "A target means little without the value it starts from: 'reach 45%' is a stretch "
            "from 20% and a sandbag from 44%. Value-based key results read 'from X to Y' "
            "(Castro); write the baseline in the sentence or set `baseline:`, so reviewers can "
            "judge the ambition and the final grade is a fraction of the distance travelled."
        ),
        bad=(
            Example(
                _HEAD
                + "    key_results:\n"
                + "      - Raise week-1 activation of new teams to 45%  # expect: MEA002\n"
                + "      - title: Cut median time to first dashboard  # expect: MEA002\n"
                + "        target: 15\n"
            ),
        ),
        good=(
            Example(
                _HEAD
                + "    key_results:\n"
                + "      - Raise week-1 activation of new teams from 32% to 45%\n"
                + "      - title: Cut median time to first dashboard\n"
                + "        baseline: 42\n"
                + "        target: 15\n"
            ),
        ),
        severity=Severity.WARNING,
        needs_readings=True,
    )

    def check(self, item: KeyResultItem, context: RuleContext[NoOptions]) -> Iterator[Violation]:
        key_result = item.key_result
        reading = reading_of(context.readings, item.text)
        if reading is not None and not reading.english and key_result.target is None:
            return
        if reading is not None and (reading.is_output or reading.hold is not None):
            # An output is reported by OUT001/OUT002, and a hold-the-line target starts where
            # it ends; a missing baseline is not the news there.
            return
        facts = facts_of(key_result, reading)
        if not facts.measurable or facts.has_baseline:
            return
        if key_result.target is not None:
            target = f"the target {key_result.target:g}"
        elif reading is not None and reading.target_mention is not None:
            target = f"the target '{reading.target_mention.text}'"
        elif reading is not None and reading.measurable_evidence:
            target = f"the target ('{reading.measurable_evidence}')"
        else:
            target = "the target"
        yield item.violation(
            f"no baseline: {target} has no starting value, so nobody can judge how ambitious it "
            "is; write where it starts ('from 32% to 45%') or set `baseline:`."
        )


_CHANGE_KINDS = ("increase", "decrease", "hold")


def _same(a: float, b: float) -> bool:
    """Equal, allowing 0.45 for 45% and rounding in the text."""
    for x, y in ((a, b), (a * 100, b), (a, b * 100)):
        if abs(x - y) <= max(1e-9, 0.005 * max(abs(x), abs(y))):
            return True
    return False


def _disagreements(key_result: KeyResult, reading: KeyResultReading) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    mention = reading.baseline_mention
    if (
        key_result.baseline is not None
        and mention is not None
        and mention.value is not None
        and not _same(key_result.baseline, mention.value)
    ):
        found.append(
            (
                "baseline",
                f"the text starts from '{mention.text}' but `baseline:` is {key_result.baseline:g}",
            )
        )
    target = reading.target_mention
    if (
        key_result.target is not None
        and target is not None
        and target.value is not None
        and target.role != "delta"
    ) and not _same(key_result.target, target.value):
        found.append(
            (
                "target",
                f"the text aims at '{target.text}' but `target:` is {key_result.target:g}",
            )
        )
    verb = verb_direction(reading)
    said = verb.value if verb is not None and reading.lead_kind in _CHANGE_KINDS else None
    if said is not None:
        word = reading.lead_verb or said
        if key_result.direction is not None and key_result.direction.value != said:
            found.append(
                (
                    "direction",
                    f"the text says '{word}' ({said}) but `direction:` is "
                    f"{key_result.direction.value}",
                )
            )
        elif key_result.baseline is not None and key_result.target is not None:
            implied = (
                "increase"
                if key_result.target > key_result.baseline
                else "decrease"
                if key_result.target < key_result.baseline
                else "maintain"
            )
            if implied != said and said != "maintain":
                found.append(
                    (
                        "target",
                        f"the text says '{word}' ({said}) but `baseline:` "
                        f"{key_result.baseline:g} and `target:` {key_result.target:g} "
                        f"mean {implied}",
                    )
                )
    return found


class FieldsDisagree(Rule[NoOptions]):
    meta = RuleMeta(
        code="MEA003",
        name="fields-disagree",
        family="measure",
        scope=Scope.KEY_RESULT,
        summary="Explicit fields contradict the key result's own text.",
        rationale=(
            "When the sentence says 'from 32% to 45%' and `target:` says 50, readers and tools "
            "grade against different numbers. okrlint trusts the explicit fields, so the text "
            "is what misleads; make them agree."
        ),
        bad=(
            Example(
                _HEAD
                + "    key_results:\n"
                + "      - title: Raise week-1 activation from 32% to 45%\n"
                + "        baseline: 32\n"
                + "        target: 50  # expect: MEA003\n"
                + "      - title: Reduce median time to first dashboard\n"
                + "        direction: increase  # expect: MEA003\n"
            ),
        ),
        good=(
            Example(
                _HEAD
                + "    key_results:\n"
                + "      - title: Raise week-1 activation from 32% to 45%\n"
                + "        baseline: 32%\n"
                + "        target: 45%\n"
                + "      - title: Reduce median time to first dashboard\n"
                + "        direction: decrease\n"
            ),
        ),
        severity=Severity.WARNING,
        needs_readings=True,
    )

    def check(self, item: KeyResultItem, context: RuleContext[NoOptions]) -> Iterator[Violation]:
        reading = reading_of(context.readings, item.text)
        if reading is None:
            return
        for field_name, problem in _disagreements(item.key_result, reading):
            yield item.violation(
                f"fields disagree with the text: {problem}; make them agree (okrlint grades "
                "with the field).",
                field_name=field_name,
            )
