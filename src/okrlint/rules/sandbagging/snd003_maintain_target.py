"""SND003 maintain-target: A hold-the-line target on an aspirational objective."""

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
from okrlint.model import Direction
from okrlint.rules.sandbagging.shared import hold_wording


class MaintainTarget(Rule[NoOptions]):
    meta = RuleMeta(
        code="SND003",
        name="maintain-target",
        family="sandbagging",
        scope=Scope.KEY_RESULT,
        summary="A hold-the-line target on an aspirational objective.",
        rationale=(
            "'Maintain uptime at 99.9%' asks the team to keep things as they are. That is a "
            "health metric (Wodtke, Radical Focus; Lamorte) or business as usual (Google's "
            "playbook, trap #2), not an aspiration. On a committed objective a hold-the-line "
            "key result can be right; on an aspirational one, name the improvement you are "
            "reaching for, or track the level as a health metric outside the OKRs."
        ),
        bad=(
            Example(
                example_head("Platform")
                + "  - title: Make the platform a joy to build on\n"
                + "    type: aspirational\n"
                + "    key_results:\n"
                + "      - Maintain API uptime at 99.9%  # expect: SND003\n"
                + "      - title: Hold the error rate where it is\n"
                + "        direction: maintain  # expect: SND003\n"
                + "      - Raise weekly active API clients from 300 to 450\n",
                messages=(
                    (
                        "hold-the-line target on an aspirational objective: 'Maintain' asks only "
                        "that things stay as they are; name the improvement you are reaching "
                        "for, or mark the objective `type: committed`, or track the level as a "
                        "health metric outside the OKRs."
                    ),
                    (
                        "hold-the-line target on an aspirational objective: `direction: "
                        "maintain` asks only that things stay as they are; name the improvement "
                        "you are reaching for, or mark the objective `type: committed`, or track "
                        "the level as a health metric outside the OKRs."
                    ),
                ),
            ),
        ),
        good=(
            Example(
                example_head("Platform")
                + "  - title: Run the platform reliably\n"
                + "    type: committed\n"
                + "    key_results:\n"
                + "      - Maintain API uptime at 99.9%\n"
                + "  - title: Make the platform a joy to build on\n"
                + "    key_results:\n"
                + "      - Raise weekly active API clients from 300 to 450\n"
            ),
        ),
        severity=Severity.WARNING,
        needs_readings=True,
        judged=(10, 11),
    )

    def check(self, item: KeyResultItem, context: RuleContext[NoOptions]) -> Iterator[Violation]:
        if item.parent.is_committed:
            return
        key_result = item.key_result
        if key_result.direction is not None and key_result.direction is not Direction.MAINTAIN:
            return
        reading = reading_of(context.readings, item.text)
        if key_result.direction is Direction.MAINTAIN:
            evidence = "`direction: maintain`"
        elif reading is not None and reading.english and (held := hold_wording(reading)):
            evidence = f"'{held}'"
        else:
            return
        yield item.violation(
            f"hold-the-line target on an aspirational objective: {evidence} asks only that "
            "things stay as they are; name the improvement you are reaching for, or mark the "
            "objective `type: committed`, or track the level as a health metric outside the OKRs.",
            field_name="direction" if key_result.direction is Direction.MAINTAIN else None,
        )
