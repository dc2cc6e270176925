"""MEA003 fields-disagree: Explicit fields contradict the key result's own text."""

from __future__ import annotations

from collections.abc import Iterator

from okrlint import quantities
from okrlint.api import (
    Example,
    KeyResultItem,
    KeyResultReading,
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
from okrlint.model import KeyResult
from okrlint.text.direction import resolve, verb_direction
from okrlint.text.number_mentions import NumberMention, has_role_word
from okrlint.text.structure import reading_note, structure_of

_CHANGE_KINDS = ("increase", "decrease", "hold")


def _same(a: float, b: float) -> bool:
    """Equal, allowing 0.45 for 45% and rounding in the text."""
    for x, y in ((a, b), (a * 100, b), (a, b * 100)):
        if abs(x - y) <= max(1e-9, 0.005 * max(abs(x), abs(y))):
            return True
    return False


def _in_field_unit(mention: NumberMention | None, unit: str | None) -> float | None:
    """A number of the text in the unit of the fields ('1.2 s' is 1200 with `unit: ms`); None
    when it has no value or cannot be put in that unit (then nothing is said about it)."""
    if mention is None or mention.value is None:
        return None
    if not unit:
        return mention.value
    written = quantities.from_mention(mention)
    dimension, name = quantities.unit_of(unit)
    converted = quantities.convert(
        mention.value, written, quantities.Quantity(1.0, dimension, name, unit)
    )
    return converted if isinstance(converted, float) else None


def _disagreements(key_result: KeyResult, reading: KeyResultReading) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    mention = reading.baseline_mention
    written = _in_field_unit(mention, key_result.unit)
    if (
        key_result.baseline is not None
        and mention is not None
        and written is not None
        and not _same(key_result.baseline, written)
    ):
        found.append(
            (
                "baseline",
                f"the text starts from '{mention.text}' but `baseline:` is {key_result.baseline:g}",
            )
        )
    target = reading.target_mention
    if (
        target is not None
        and target.kind == "word"
        and not has_role_word(reading.text, target.start)
    ):
        # "Share of tickets solved in one reply" with `target: 55`: a figure written as a word,
        # with nothing saying it is the aim, is part of what is measured.
        target = None
    aimed = _in_field_unit(target, key_result.unit)
    if (
        key_result.target is not None
        and target is not None
        and aimed is not None
        and target.role != "delta"
    ) and not _same(key_result.target, aimed):
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
            # What the fields' numbers say, by the one order every rule uses (text/direction.py).
            way = resolve(None, key_result.baseline, key_result.target, None, None).direction
            implied = way.value if way is not None else None
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
                example_head(objective="Make onboarding effortless")
                + "    key_results:\n"
                + "      - title: Raise week-1 activation from 32% to 45%\n"
                + "        baseline: 32\n"
                + "        target: 50  # expect: MEA003\n"
                + "      - title: Reduce median time to first dashboard\n"
                + "        direction: increase  # expect: MEA003\n",
                messages=(
                    (
                        "fields disagree with the text: the text aims at '45%' but `target:` is "
                        "50; make them agree (okrlint grades with the field). Read as: who "
                        "acts: the team; predicate: a change in a measure ('Raise'); measured: "
                        "people's behaviour ('activation')."
                    ),
                    (
                        "fields disagree with the text: the text says 'Reduce' (decrease) but "
                        "`direction:` is increase; make them agree (okrlint grades with the "
                        "field). Read as: who acts: the team; predicate: a change in a measure "
                        "('Reduce'); measured: people's behaviour ('time to first')."
                    ),
                ),
            ),
        ),
        good=(
            Example(
                example_head(objective="Make onboarding effortless")
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
        judged=(0, 0),
    )

    def check(self, item: KeyResultItem, context: RuleContext[NoOptions]) -> Iterator[Violation]:
        reading = reading_of(context.readings, item.text)
        if reading is None:
            return
        for field_name, problem in _disagreements(item.key_result, reading):
            yield item.violation(
                f"fields disagree with the text: {problem}; make them agree (okrlint grades "
                f"with the field).{reading_note(reading)}",
                field_name=field_name,
                structure=structure_of(reading).pairs(),
            )
