"""MEA002 no-baseline: A key result with a target but no starting value."""

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
    reading_of,
)
from okrlint.rules.judgements import key_result_output_judgement
from okrlint.rules.measure.shared import measurable, measurable_evidence
from okrlint.rules.outputs.shared import is_output
from okrlint.rules.sandbagging.shared import hold_wording
from okrlint.text.key_result_numbers import has_baseline
from okrlint.text.number_mentions import DELTA
from okrlint.text.reading import KeyResultReading
from okrlint.text.shape import rank
from okrlint.text.structure import reading_note, structure_of


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
                example_head(objective="Make onboarding effortless")
                + "    key_results:\n"
                + "      - Raise week-1 activation of new teams to 45%  # expect: MEA002\n"
                + "      - title: Cut median time to first dashboard  # expect: MEA002\n"
                + "        target: 15\n"
            ),
        ),
        good=(
            Example(
                example_head(objective="Make onboarding effortless")
                + "    key_results:\n"
                + "      - Raise week-1 activation of new teams from 32% to 45%\n"
                + "      - title: Cut median time to first dashboard\n"
                + "        baseline: 42\n"
                + "        target: 15\n"
            ),
        ),
        severity=Severity.WARNING,
        needs_readings=True,
        judged=(171, 176),
    )

    def check(self, item: KeyResultItem, context: RuleContext[NoOptions]) -> Iterator[Violation]:
        key_result = item.key_result
        reading = reading_of(context.readings, item.text)
        if reading is not None and not reading.english and key_result.target is None:
            return
        if reading is not None and (
            is_output(reading)
            or key_result_output_judgement(item, reading, context.readings).sure
            or hold_wording(reading) is not None
        ):
            # An output is reported by OUT001/OUT002, and a hold-the-line target starts where
            # it ends; a missing baseline is not the news there.
            return
        if not measurable(key_result, reading) or has_baseline(key_result, reading):
            return
        example = "'from 32% to 45%'"
        ranked = _rank_target(reading) if reading is not None else None
        if key_result.target is not None:
            target = f"the target {key_result.target:g}"
        elif ranked is not None:
            target, example = f"the rank '{ranked}'", f"'from 14th to the {ranked}'"
        elif reading is not None and reading.target_mention is not None:
            mention = reading.target_mention
            # "up 50%", "by 20%": a change with no level to start from is as hard to judge.
            what = "the change" if mention.role == DELTA else "the target"
            target = f"{what} '{mention.text}'"
        elif reading is not None and measurable_evidence(reading):
            target = f"the target ('{measurable_evidence(reading)}')"
        else:
            target = "the target"
        yield item.violation(
            f"no baseline: {target} has no starting value, so nobody can judge how ambitious it "
            f"is; write where it starts ({example}) or set `baseline:`."
            + (reading_note(reading) if reading is not None else ""),
            structure=structure_of(reading).pairs() if reading is not None else (),
        )


def _rank_target(reading: KeyResultReading) -> str | None:
    """The rank the target figure is part of ("Reach the top 5 ..."), as written, or None."""
    mention = reading.target_mention
    ranked = rank(reading.text)
    if mention is None or ranked is None:
        return None
    at = reading.text.find(ranked)
    return ranked if at <= mention.start < at + len(ranked) else None
