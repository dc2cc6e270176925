"""The trained judgements a rule asks for: is this key result an output, does it measure what
customers do, does it state a target, each with a probability and the words it rests on.

The probability is the finding's confidence. A rule reports a finding at its own severity only
at or above the model's `warning_at` (chosen so that, on organisations the model never saw,
such findings were right at least 95% of the time), and as an `info` hint between `report_at`
and `warning_at`: okrlint stays quiet in a gate when it is unsure.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from okrlint.judgement.features import words_of
from okrlint.judgement.model import Model, in_context, shipped_model
from okrlint.text.pack import load_pack
from okrlint.text.reading import KeyResultReading

OUTPUT = "output"
BEHAVIOUR = "behaviour"
UNMEASURABLE = "unmeasurable"


@dataclass(frozen=True, slots=True)
class Judgement:
    """A model's verdict on one key result."""

    probability: float
    # At or above the model's warning threshold: the finding may gate.
    sure: bool
    # At or above the reporting threshold: worth a finding at all.
    reported: bool


def judge(name: str, found: frozenset[str]) -> Judgement:
    """The model `name`'s verdict on a key result whose features are `found`
    (`okrlint.judgement.features.features`), from its text alone."""
    model = shipped_model(name)
    return _verdict(model, model.probability(found))


def judge_in_context(name: str, own: Judgement, others: Sequence[Judgement]) -> Judgement:
    """The model `name`'s verdict on a key result, given its own verdict and the verdicts on
    the other key results of its objective (`okrlint.judgement.model.in_context`)."""
    model = shipped_model(name)
    probability = in_context(
        own.probability, [other.probability for other in others], model.context_weight
    )
    return _verdict(model, probability)


def _verdict(model: Model, probability: float) -> Judgement:
    return Judgement(
        probability=probability,
        sure=probability >= model.warning_at,
        reported=probability >= model.report_at,
    )


def evidence_words(
    reading: KeyResultReading, model: Model, found: frozenset[str], count: int = 2
) -> tuple[str, ...]:
    """The words behind the features that pushed the probability up most, as written."""
    words, _ = words_of(reading)
    # Function words ("and", "of", "are") weigh in a sentence's shape but explain nothing.
    plain = load_pack().word_list("english_function_words")
    written = {w.lower: w.text for w in reversed(words) if w.lower not in plain}
    quoted: list[str] = []
    for feature, _weight in model.strongest(found, count=12):
        phrase = _words_of_feature(feature, reading, written, words[0].text if words else "")
        if phrase and phrase.lower() not in plain and phrase not in quoted:
            quoted.append(phrase)
        if len(quoted) >= count:
            break
    return tuple(quoted)


def _words_of_feature(
    feature: str, reading: KeyResultReading, written: dict[str, str], lead: str
) -> str | None:
    kind, _, value = feature.partition("=")
    if kind in ("lead", "second", "last", "w") and value != "#":
        return written.get(value)
    if kind.startswith("lead_") and lead:
        return lead
    if kind in ("hit", "hit_lead"):
        terms = reading.hits.get(value)
        return terms[0].text if terms else None
    return None


def thresholds(name: str) -> tuple[float, float]:
    """(report_at, warning_at) of the model `name`."""
    model = shipped_model(name)
    return model.report_at, model.warning_at


def none_behaves(probabilities: Sequence[float]) -> Judgement:
    """The verdict that no key result of an objective measures what customers or users do,
    given each one's probability that it does: one minus the largest."""
    model = shipped_model(BEHAVIOUR)
    probability = 1.0 - max(probabilities, default=0.0)
    warning_at = model.objective_warning_at
    return Judgement(
        probability=probability,
        sure=warning_at is not None and probability >= warning_at,
        reported=probability >= model.report_at,
    )
