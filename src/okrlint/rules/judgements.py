"""The trained judgements the text rules ask for, given okrlint's hand-written verdicts as
evidence: is a key result an output (OUT001, OUT002, and MEA001's silence), does an objective
measure what customers do (CUS001), does a key result state a target (MEA001).

Each is worked out once per reading (OUT001, OUT002 and MEA001 ask about the same key result:
`KeyResultReading.remember`); the probability is the finding's confidence, and a finding under
the model's warning threshold is reported as a hint.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from okrlint.api import KeyResultItem
from okrlint.judgement.features import HandVerdicts, features
from okrlint.judgement.judge import (
    BEHAVIOUR,
    OUTPUT,
    UNMEASURABLE,
    Judgement,
    evidence_words,
    judge,
    judge_in_context,
    none_behaves,
)
from okrlint.judgement.model import shipped_model
from okrlint.rules.customers.cus003_vanity_metric import vanity_metric
from okrlint.rules.customers.shared import customer_behaviour
from okrlint.rules.measure.shared import measurable_evidence
from okrlint.rules.outputs.shared import output_evidence_kind, output_verdict
from okrlint.text.reading import KeyResultReading, reading_of


def hand_verdicts(reading: KeyResultReading) -> HandVerdicts:
    """okrlint's hand-written verdicts on the reading: the models' strongest evidence."""
    output_kind, output_confident = output_evidence_kind(reading)
    return HandVerdicts(
        output_kind=output_kind,
        output_confident=output_confident,
        customer_behaviour=customer_behaviour(reading) is not None,
        measurable=measurable_evidence(reading) is not None,
        vanity=vanity_metric(reading) is not None,
    )


def features_of(reading: KeyResultReading) -> frozenset[str]:
    return features(reading, hand_verdicts(reading))


def _features(reading: KeyResultReading) -> frozenset[str]:
    return reading.remember("judgement_features", features_of)


def _judged(name: str, reading: KeyResultReading) -> Judgement:
    return reading.remember(f"judgement_{name}", lambda r: judge(name, _features(r)))


def output_evidence(reading: KeyResultReading) -> tuple[str, ...]:
    """The words of the text that weighed most towards the output verdict, as written."""
    return evidence_words(reading, shipped_model(OUTPUT), _features(reading))


def output_judgement(reading: KeyResultReading) -> Judgement:
    """Is the key result an output: met by the team finishing its own work?"""
    return _judged(OUTPUT, reading)


def key_result_output_judgement(
    item: KeyResultItem, reading: KeyResultReading, readings: object
) -> Judgement:
    """Is the key result an output, its objective and its fields considered: the verdicts on
    the objective's other key results weigh in (a team that writes one as a piece of work
    tends to write its neighbours the same way); the models judged texts alone, so a key
    result whose `baseline:` or `target:` makes its title the name of a measure is sure to be
    an output only where the hand-written rules also read one."""
    others: list[KeyResultReading] = []
    weighed: list[str] = []
    for position, sibling in enumerate(item.objective.key_results):
        if (
            position != item.position
            and (other := reading_of(readings, sibling.title)) is not None
            and other.english
        ):
            others.append(other)
            weighed.append(sibling.title)
    key_result = item.key_result
    fields = key_result.baseline is not None or key_result.target is not None
    # OUT001, OUT002, MEA001 and MEA002 each ask about the same key result: the verdict is
    # worked out once per text, texts of the other key results weighed and fields.
    known: dict[tuple[tuple[str, ...], bool], Judgement] = reading.verdicts.setdefault(
        _IN_CONTEXT, {}
    )
    key = (tuple(weighed), fields)
    judgement = known.get(key)
    if judgement is None:
        judgement = judge_in_context(
            OUTPUT, output_judgement(reading), [output_judgement(other) for other in others]
        )
        if judgement.sure and fields and not output_verdict(reading).is_output:
            judgement = replace(judgement, sure=False)
        known[key] = judgement
    return judgement


_IN_CONTEXT = "output_judgement_in_context"


def unmeasurable_judgement(reading: KeyResultReading) -> Judgement:
    """Does the key result state no checkable target?"""
    return _judged(UNMEASURABLE, reading)


def no_behaviour_judgement(readings: Sequence[KeyResultReading]) -> Judgement:
    """Does none of an objective's key results measure what customers or users do?"""
    return none_behaves([_judged(BEHAVIOUR, reading).probability for reading in readings])
