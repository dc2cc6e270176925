"""What the output rules take from the trained judgement: which rule owns a verdict, the message
of a verdict no hand-written rule recognised, and why a verdict is only a hint."""

from __future__ import annotations

from okrlint.judgement.judge import OUTPUT, Judgement, thresholds
from okrlint.rules.judgements import output_evidence
from okrlint.rules.outputs.shared import who_acts
from okrlint.text.number_mentions import COUNT
from okrlint.text.reading import COUNTING_KINDS, KeyResultReading


def counts_work(reading: KeyResultReading) -> bool:
    """True when an output verdict on the key result is OUT002's (a count of the team's own
    work), False when it is OUT001's: the hand-written kind when there is one, else whether the
    text counts something."""
    if reading.is_output and reading.output_kind is not None:
        return reading.output_kind in COUNTING_KINDS
    return any(n.kind == COUNT for n in reading.numbers)


def output_message_from_words(reading: KeyResultReading, judgement: Judgement) -> str:
    """The message of an output verdict that rests on the trained judgement alone."""
    words = ", ".join(f"'{w}'" for w in output_evidence(reading))
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
