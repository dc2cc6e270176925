"""CUL001 tied-to-compensation: OKRs linked to bonuses, pay or performance ratings."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

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
    reading_of,
)
from okrlint.errors import PackError
from okrlint.model import OkrSet
from okrlint.sources import NodePath
from okrlint.text.pack import load_pack
from okrlint.text.sentence import alternatives

_WHY = (
    "tie OKRs to pay and people set targets they are sure to hit; keep compensation apart "
    "(Doerr, Measure What Matters; Google's playbook) and remove the link"
)


def _normal(key: str) -> str:
    key = key.lower().removeprefix("x-").removeprefix("x_")
    return key.replace("-", "_")


@lru_cache(maxsize=1)
def _compensation_keys() -> frozenset[str]:
    try:
        lexicon = load_pack().lexicons.get("compensation_keys")
    except PackError:
        return frozenset()
    return frozenset(_normal(t) for t in lexicon.terms) if lexicon else frozenset()


@lru_cache(maxsize=4096)
def _is_compensation_key(key: str, words: frozenset[str]) -> bool:
    """Whether the key is a compensation word, or one followed by `_` and more (`bonus_pct`).

    A key starts with `word_` exactly when the text before one of its underscores is a word, so
    each underscore costs one set lookup instead of a scan of the whole lexicon. Remembered: the
    same few dozen keys fill every file.
    """
    normal = _normal(key)
    if normal in words:
        return True
    at = normal.find("_")
    while at >= 0:
        if normal[:at] in words:
            return True
        at = normal.find("_", at + 1)
    return False


def _compensation_keys_in(
    data: Any, words: frozenset[str], node: NodePath = ()
) -> list[tuple[NodePath, str]]:
    """Keys naming pay, in document order, with their node paths."""
    found: list[tuple[NodePath, str]] = []
    _collect(data, words, node, found)
    return found


def _collect(
    data: Any, words: frozenset[str], node: NodePath, found: list[tuple[NodePath, str]]
) -> None:
    # Every key of every file passes here: paths are built only for containers and for the keys
    # found (most keys are neither), and the walk appends to one list instead of nesting
    # generators.
    if isinstance(data, dict):
        for key, value in data.items():
            text = str(key)
            if _is_compensation_key(text, words):
                found.append(((*node, key), text))
            if isinstance(value, dict | list) and value:
                _collect(value, words, (*node, key), found)
    elif isinstance(data, list):
        for index, value in enumerate(data):
            if isinstance(value, dict | list) and value:
                _collect(value, words, (*node, index), found)


class TiedToCompensation(Rule[NoOptions]):
    meta = RuleMeta(
        code="CUL001",
        name="tied-to-compensation",
        family="culture",
        scope=Scope.FILE,
        summary="OKRs linked to bonuses, pay or performance ratings.",
        rationale=(
            "When OKRs decide bonuses or ratings, people sandbag: they commit only to what they "
            "are sure to reach, and aspirational OKRs die. Doerr and Google's playbook both keep "
            "OKRs separate from compensation and performance evaluation. okrlint flags keys "
            "such as `x-bonus`, and text that ties pay to the OKRs: a compensation word with a "
            "word of dependence or grading in the same text ('counts toward the Q1 bonus', "
            "'30% of variable pay depends on this score'). A team whose work is pay ('Publish "
            "salary bands for every level') names pay as its subject and is not reported."
        ),
        bad=(
            Example(
                example_head("Sales", objectives=False)
                + "x-bonus-weight: 30%  # expect: CUL001\n"
                + "objectives:\n"
                + "  - title: Win the mid-market\n"
                + "    key_results:\n"
                + "      - Raise mid-market win rate from 18% to 25% (counts toward the Q1 bonus)"
                + "  # expect: CUL001\n"
            ),
        ),
        good=(
            Example(
                example_head("Sales", objectives=False)
                + "objectives:\n"
                + "  - title: Win the mid-market\n"
                + "    x-jira: SALES-12\n"
                + "    key_results:\n"
                + "      - Raise mid-market win rate from 18% to 25%\n"
            ),
            Example(
                # Pay as the subject of a team's work, with nothing tied to it.
                example_head("People", objectives=False)
                + "objectives:\n"
                + "  - title: Make pay fair and easy to understand\n"
                + "    key_results:\n"
                + "      - Publish salary bands for every engineering level\n"
                + "      - Staff who say they know how their pay is set rise from 35% to 60%\n"
                + "      - Referral sign-ups per 100 customers rise from 2 to 5 with a referral"
                + " incentive\n"
            ),
        ),
        severity=Severity.WARNING,
        needs_readings=True,
        judged=(0, 0),
    )

    def check(self, item: FileItem, context: RuleContext[NoOptions]) -> Iterator[Violation]:
        source = item.source
        words = _compensation_keys()
        for document, validated in item.documents():
            # Keys are read from the raw document, so `bonus:` is caught even though it also
            # makes the document invalid (STR002).
            for node, key in _compensation_keys_in(document.data, words):
                yield Violation(
                    f"tied to compensation: the key '{key}' attaches pay to this OKR; {_WHY}.",
                    source,
                    document,
                    node,
                )
            okr_set = validated.okr_set
            if okr_set is None:
                continue
            linked = _link_pattern()
            for node, text in _texts(okr_set):
                reading = reading_of(context.readings, text)
                word = reading.first("compensation_words") if reading is not None else None
                if (
                    reading is not None
                    and word is not None
                    and reading.english
                    and (linked is None or linked.search(text))
                ):
                    yield Violation(
                        f"tied to compensation: the text mentions {word.quoted()}; {_WHY}.",
                        source,
                        document,
                        node,
                        text=text,
                    )
            pattern = _word_pattern()
            for node, text in _described(okr_set) if pattern else ():
                found = pattern.search(text) if pattern else None
                if found and (linked is None or linked.search(text)):
                    yield Violation(
                        f"tied to compensation: the {node[-1]} mentions '{found.group()}'; {_WHY}.",
                        source,
                        document,
                        node,
                        text=text,
                    )


def _texts(okr_set: OkrSet) -> Iterator[tuple[NodePath, str]]:
    for position, objective in enumerate(okr_set.objectives):
        yield ("objectives", position), objective.title
        for kr_position, kr in enumerate(objective.key_results):
            yield ("objectives", position, "key_results", kr_position), kr.title


def _described(okr_set: OkrSet) -> Iterator[tuple[NodePath, str]]:
    """Free text that the reader does not read: descriptions, learnings, check-in notes."""
    for position, objective in enumerate(okr_set.objectives):
        node: NodePath = ("objectives", position)
        if objective.description:
            yield (*node, "description"), objective.description
        for kr_position, kr in enumerate(objective.key_results):
            kr_node: NodePath = (*node, "key_results", kr_position)
            if kr.learnings:
                yield (*kr_node, "learnings"), kr.learnings
            for index, checkin in enumerate(kr.checkins):
                if checkin.note:
                    yield (*kr_node, "checkins", index, "note"), checkin.note


@lru_cache(maxsize=1)
def _link_pattern() -> re.Pattern[str] | None:
    """Words that tie pay to the OKRs ("counts toward", "depends on", "score"); None when the
    pack has none, and then a compensation word alone is reported."""
    try:
        terms = load_pack().ordered_words("compensation_links")
    except PackError:
        return None
    if not terms:
        return None
    return re.compile(rf"\b(?:{alternatives(terms)})\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def _word_pattern() -> re.Pattern[str] | None:
    try:
        pack = load_pack()
    except PackError:
        return None
    forms = sorted(pack.forms("compensation_words"), key=len, reverse=True)
    if not forms:
        return None
    return re.compile(r"\b(" + "|".join(re.escape(f) for f in forms) + r")\b", re.IGNORECASE)
