"""What the output rules share: which rule owns a verdict, who acts, the message of a verdict the
trained judgement alone gives, and why a verdict is only a hint."""

from __future__ import annotations

from okrlint.judgement.judge import OUTPUT, Judgement, thresholds
from okrlint.text.number_mentions import COUNT
from okrlint.text.reading import (
    COUNTING_KINDS,
    DELIVERABLE,
    INTERNAL_METRIC,
    LOW,
    KeyResultReading,
)


def who_acts(reading: KeyResultReading) -> str:
    """Who acts: the team, even where the text names people as the work's object."""
    people = reading.hits.get("customer_actors", ())
    if people and reading.actor is None:
        return f" (the team acts; {people[0].quoted()} only receive the work)"
    return " (the team acts)"


def is_hint(reading: KeyResultReading) -> bool:
    """A verdict the evidence supports only weakly: reported as `info`."""
    return reading.confidence == LOW


def why_unsure(reading: KeyResultReading) -> str:
    if not is_hint(reading):
        return ""
    if reading.output_kind == DELIVERABLE:
        why = "it names a thing, with no verb saying what happens to it"
    elif reading.output_kind == INTERNAL_METRIC:
        why = "a measure of the team's own work is sometimes what the objective is about"
    else:
        why = "the verb of work is read from the sentence's shape, not from okrlint's lexicons"
    return f" Reported as a hint: {why}."


def counts_work(reading: KeyResultReading) -> bool:
    """True when an output verdict on the key result is OUT002's (a count of the team's own
    work), False when it is OUT001's: the hand-written kind when there is one, else whether the
    text counts something."""
    if reading.is_output and reading.output_kind is not None:
        return reading.output_kind in COUNTING_KINDS
    return any(n.kind == COUNT for n in reading.numbers)


def worth_reporting(reading: KeyResultReading, judgement: Judgement) -> bool:
    """An output verdict is reported at warning when the trained judgement is sure of it, and as
    a hint only where the hand-written rules also read the key result as an output: a hint with
    no words of work to quote would be noise."""
    return judgement.sure or (reading.is_output and judgement.reported)


def output_message_from_words(
    reading: KeyResultReading, judgement: Judgement, evidence: tuple[str, ...]
) -> str:
    """The message of an output verdict that rests on the trained judgement alone, quoting the
    words that weighed most (`okrlint.rules.judgements.output_evidence`)."""
    words = ", ".join(f"'{w}'" for w in evidence)
    weighed = f" ({words} weighed most)" if words else ""
    return (
        f"output, not an outcome: the key result reads as work the team does or finishes"
        f"{weighed} and names no change in what people do{who_acts(reading)}, so it can be met "
        "while no customer does anything differently; ask what customers or users will do "
        "differently once it is done, measure that, and move the work to `initiatives:`."
        f"{unsure_note(judgement)}"
    )


def unsure_note(judgement: Judgement) -> str:
    if judgement.sure:
        return ""
    _, warning_at = thresholds(OUTPUT)
    return (
        f" Reported as a hint: okrlint is {judgement.probability:.0%} sure it is an output, "
        f"under the {warning_at:.0%} at which its output verdicts were right 19 times in 20 on "
        "organisations it was not trained on."
    )
