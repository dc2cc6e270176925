"""The trained judgements the text rules ask for, given okrlint's hand-written verdicts as
evidence: is a key result an output (OUT001, OUT002, and MEA001's silence), does an objective
measure what customers do (CUS001), does a key result state a target (MEA001).

Each is worked out once per reading and run (OUT001, OUT002 and MEA001 ask about the same key
result); the probability is the finding's confidence, and a finding under the model's warning
threshold is reported as a hint.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from okrlint.judgement.features import HandVerdicts, features
from okrlint.judgement.judge import (
    BEHAVIOUR,
    OUTPUT,
    UNMEASURABLE,
    Judgement,
    evidence_words,
    judge,
    none_behaves,
)
from okrlint.judgement.model import shipped_model
from okrlint.model import KeyResult
from okrlint.text.reading import HIGH, KeyResultReading

# text -> (the reading it was worked out for, its features, model name -> judgement). The
# reading is kept so a text read again with another pack is judged again.
_JUDGED: dict[str, tuple[KeyResultReading, frozenset[str], dict[str, Judgement]]] = {}
_MAX_REMEMBERED = 20000


def hand_verdicts(reading: KeyResultReading) -> HandVerdicts:
    """okrlint's hand-written verdicts on the reading: the models' strongest evidence."""
    return HandVerdicts(
        output_kind=reading.output_kind if reading.is_output else None,
        output_confident=reading.confidence == HIGH,
        customer_behaviour=reading.customer_behaviour,
        measurable=reading.measurable,
    )


def features_of(reading: KeyResultReading) -> frozenset[str]:
    return features(reading, hand_verdicts(reading))


def _remembered(
    reading: KeyResultReading,
) -> tuple[KeyResultReading, frozenset[str], dict[str, Judgement]]:
    remembered = _JUDGED.get(reading.text)
    if remembered is None or remembered[0] is not reading:
        if len(_JUDGED) >= _MAX_REMEMBERED:
            _JUDGED.clear()
        remembered = _JUDGED[reading.text] = (reading, features_of(reading), {})
    return remembered


def _judged(name: str, reading: KeyResultReading) -> Judgement:
    _, found, judged = _remembered(reading)
    judgement = judged.get(name)
    if judgement is None:
        judgement = judged[name] = judge(name, found)
    return judgement


def output_evidence(reading: KeyResultReading) -> tuple[str, ...]:
    """The words of the text that weighed most towards the output verdict, as written."""
    _, found, _ = _remembered(reading)
    return evidence_words(reading, shipped_model(OUTPUT), found)


def output_judgement(reading: KeyResultReading) -> Judgement:
    """Is the key result an output: met by the team finishing its own work?"""
    return _judged(OUTPUT, reading)


def key_result_output_judgement(key_result: KeyResult, reading: KeyResultReading) -> Judgement:
    """Is the key result an output, its fields considered: the models judged texts alone, so a
    key result whose `baseline:` or `target:` makes its title the name of a measure is sure to
    be an output only where the hand-written rules also read one."""
    judgement = output_judgement(reading)
    fields = key_result.baseline is not None or key_result.target is not None
    if judgement.sure and fields and not reading.is_output:
        return replace(judgement, sure=False)
    return judgement


def unmeasurable_judgement(reading: KeyResultReading) -> Judgement:
    """Does the key result state no checkable target?"""
    return _judged(UNMEASURABLE, reading)


def no_behaviour_judgement(readings: Sequence[KeyResultReading]) -> Judgement:
    """Does none of an objective's key results measure what customers or users do?"""
    return none_behaves([_judged(BEHAVIOUR, reading).probability for reading in readings])
