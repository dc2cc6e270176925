"""STR006 title-cut-by-comment: YAML ended a title at a " #" meant as part of it ("#1")."""

from __future__ import annotations

import re
from collections.abc import Iterator

from okrlint.api import (
    Example,
    FileItem,
    NoOptions,
    Rule,
    RuleContext,
    RuleMeta,
    Scope,
    Severity,
    Violation,
    example_head,
)

_OWN_COMMENT = re.compile(r"(?<=\s)#(?=\s)")  # linear: no run of spaces tried twice


class TitleCutByComment(Rule[NoOptions]):
    meta = RuleMeta(
        code="STR006",
        name="title-cut-by-comment",
        family="structure",
        scope=Scope.FILE,
        summary="A title that YAML ended at a ' #' meant as part of it ('Be #1 in ...').",
        rationale=(
            "In YAML a space and '#' start a comment, so `- Be #1 in G2 for mid-market` is the "
            "key result 'Be': the rank, and everything after it, is gone from the OKRs, from "
            "reports and from okrlint's reading. okrlint reports the title instead of judging "
            "the part that is left; quote the title to keep its '#'."
        ),
        bad=(
            Example(
                example_head(objective="Win the mid-market")
                + "    key_results:\n"
                + "      - Be #1 in G2 for mid-market  # expect: STR006\n"
                + "      - Raise mid-market win rate from 18% to 25%\n",
                messages=(
                    (
                        "the title ends at ' #1': YAML reads the rest of the line as a comment, "
                        "so the title is 'Be'; quote the whole title (\"Be #1 in G2 for "
                        'mid-market") to keep it'
                    ),
                ),
            ),
        ),
        good=(
            Example(
                example_head(objective="Win the mid-market")
                + "    key_results:\n"
                + '      - "Be #1 in G2 for mid-market"\n'
                + "      - Raise mid-market win rate from 18% to 25%  # stretch: was 22%\n"
            ),
        ),
        severity=Severity.WARNING,
    )

    def check(self, item: FileItem, context: RuleContext[NoOptions]) -> Iterator[Violation]:
        titles = [(d, node) for d, validated in item.documents() for node in validated.cut_titles]
        if not titles:
            return  # every file is checked: split the text only of one with a cut title
        lines = item.source.text.split("\n")
        for document, node in titles:
            span = document.locate(node, at_value=True)
            line = lines[span.end_line - 1] if span.end_line <= len(lines) else ""
            kept = line[span.column - 1 : span.end_column - 1]
            # Up to a comment of its own ("... mid-market  # was 3rd"), if there is one.
            rest = _OWN_COMMENT.split(line[span.end_column - 1 :], maxsplit=1)[0].strip()
            written = f"{kept} {rest}".strip()
            cut = rest.split()[0] if rest else "#"
            yield Violation(
                f"the title ends at ' {cut}': YAML reads the rest of the line as a comment, "
                f"so the title is '{kept}'; quote the whole title (\"{written}\") to keep it",
                item.source,
                document,
                node,
                at_value=True,
            )
