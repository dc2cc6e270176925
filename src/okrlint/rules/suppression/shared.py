"""What the suppression rules share."""

from __future__ import annotations

from collections.abc import Iterator

from okrlint.api import FileItem, NoOptions, Rule, RuleContext, Violation

ONE_KEY_RESULT = "    key_results:\n      - Raise week-1 activation from 30% to 45%\n"


class FromFilterStage(Rule[NoOptions]):
    def check(self, item: FileItem, context: RuleContext[NoOptions]) -> Iterator[Violation]:
        return iter(())
