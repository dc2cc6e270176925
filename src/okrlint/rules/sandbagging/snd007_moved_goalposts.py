"""SND007 moved-goalposts.

A target lowered (or a baseline raised) during its period, in a commit that records no learning.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from okrlint import git_log, quantities
from okrlint.api import (
    Example,
    KeyResultItem,
    KeyResultReading,
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
from okrlint.model import Direction, KeyResult
from okrlint.periods import resolve_period
from okrlint.pipeline.load import load_bytes
from okrlint.sources import SourceFile
from okrlint.text.key_result_numbers import Numbers, numbers_of
from okrlint.text.number_mentions import find_numbers
from okrlint.text.pack import load_pack

# A commit body of this many words explains itself.
_BODY_WORDS = 3


class GoalpostOptions(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    planning_days: int = Field(
        14,
        ge=0,
        description=("changes in the first days of the period are planning, not moved goalposts"),
    )


@dataclass(frozen=True, slots=True)
class _State:
    """What one version of the file says about one key result."""

    baseline: float | None
    target: float | None
    direction: Direction | None
    unit: tuple[str | None, str]
    learnings: str | None
    notes: frozenset[str]


@dataclass(frozen=True, slots=True)
class _Move:
    version: git_log.Version
    field_name: str  # "target" or "baseline"
    before: float
    after: float
    direction: Direction
    unit: str


class MovedGoalposts(Rule[GoalpostOptions]):
    meta = RuleMeta(
        code="SND007",
        name="moved-goalposts",
        family="sandbagging",
        scope=Scope.KEY_RESULT,
        summary=(
            "A target lowered (or a baseline raised) during its period, in a commit that records "
            "no learning."
        ),
        rationale=(
            "Lowering a target once the quarter is under way turns a miss into a hit after the "
            "fact: Doerr and Wodtke both ask teams to keep the target and grade honestly, and to "
            "change course openly when they learn something. okrlint reads the file's history "
            "with git (offline; no repository or no history, no finding; a shallow clone is read "
            "as far as it goes) and flags a target moved toward safety, or a baseline moved "
            "toward the target, after the first `planning_days` (14) of the period, when the "
            "change still stands and records no learning: no new `learnings`, no new check-in "
            "note, and a commit message that gives no reason. Changing course with a stated "
            "learning is what teams should feel safe doing, and is never flagged. The rule runs "
            "git for each file it checks, so it is off by default: select SND007 to use it."
        ),
        bad=(
            Example(
                example_head(objective="Make onboarding effortless")
                + "    key_results:\n"
                + "      - title: Raise week-1 activation of new teams\n"
                + "        baseline: 32\n"
                + "        target: 38  # expect: SND007\n",
                today=dt.date(2026, 3, 1),
                history=(
                    (
                        "2026-01-02",
                        "Set Q1 OKRs",
                        example_head(objective="Make onboarding effortless")
                        + "    key_results:\n"
                        + "      - title: Raise week-1 activation of new teams\n"
                        + "        baseline: 32\n"
                        + "        target: 45\n",
                    ),
                    ("2026-02-10", "Update numbers", None),
                ),
            ),
        ),
        good=(
            Example(
                # The same change, with what the team learned.
                example_head(objective="Make onboarding effortless")
                + "    key_results:\n"
                + "      - title: Raise week-1 activation of new teams\n"
                + "        baseline: 32\n"
                + "        target: 38\n"
                + "        learnings: Half of new teams are trials that never invite anyone.\n",
                today=dt.date(2026, 3, 1),
                history=(
                    (
                        "2026-01-02",
                        "Set Q1 OKRs",
                        example_head(objective="Make onboarding effortless")
                        + "    key_results:\n"
                        + "      - title: Raise week-1 activation of new teams\n"
                        + "        baseline: 32\n"
                        + "        target: 45\n",
                    ),
                    ("2026-02-10", "Update numbers", None),
                ),
            ),
            Example(
                # Set in the planning days, or raised: nothing moved toward safety.
                example_head(objective="Make onboarding effortless")
                + "    key_results:\n"
                + "      - Cut median time to first dashboard from 40 min to 15 min\n",
                today=dt.date(2026, 3, 1),
                history=(
                    (
                        "2026-01-02",
                        "Draft",
                        example_head(objective="Make onboarding effortless")
                        + "    key_results:\n"
                        + "      - Cut median time to first dashboard from 40 min to 10 min\n",
                    ),
                    ("2026-01-09", "Agree Q1 OKRs", None),
                ),
            ),
        ),
        needs_readings=True,
        judged=(0, 0),
        reads_beyond_file=True,  # the file's git history
        severity=Severity.INFO,
        enabled=False,
    )
    Options = GoalpostOptions

    def check(
        self, item: KeyResultItem, context: RuleContext[GoalpostOptions]
    ) -> Iterator[Violation]:
        okr_set = item.parent.okr_set
        period = resolve_period(okr_set.period, context.fiscal_year_start)
        identity = _identity(item.key_result.id, item.key_result.title)
        if period is None or identity is None:
            return
        source = item.document.source
        history = git_log.versions(source.path)
        if len(history) < 2:
            return
        opens = period.start + dt.timedelta(days=context.options.planning_days)
        states = [
            _states(version, source, item.document.index, okr_set.period) for version in history
        ]
        move: _Move | None = None
        for at in range(1, len(history)):
            version, before, after = history[at], states[at - 1], states[at]
            if not (opens <= version.date <= period.end) or before is None or after is None:
                continue
            old, new = before.get(identity), after.get(identity)
            if old is None or new is None or old.unit != new.unit:
                continue
            found = _moved(old, new, version)
            if found is not None and not _explained(old, new, version):
                move = found
        if move is None:
            return
        now = numbers_of(item.key_result, reading_of(context.readings, item.key_result.title))
        if not _still_stands(move, now):
            return
        way = "lowered" if move.direction is Direction.INCREASE else "raised"
        if move.field_name == "baseline":
            way = "raised" if move.direction is Direction.INCREASE else "lowered"
        share = period.elapsed_share(move.version.date)
        yield item.violation(
            f"the {move.field_name} of a key result that aims to {move.direction.value} was "
            f"{way} from {move.before:g}{move.unit} to {move.after:g}{move.unit} on "
            f"{move.version.date.isoformat()}, {share * 100:.0f}% into the period, in commit "
            f"{move.version.short} ('{move.version.subject}'), which records no learning; keep "
            "the goal and grade the miss, or say what the team learned (in `learnings:`, a "
            "check-in note or the commit message).",
            field_name=move.field_name
            if getattr(item.key_result, move.field_name) is not None
            else None,
        )


def _identity(key: str | None, title: str | None) -> str | None:
    """A key result across versions: its `id`, else its title with the figures blanked out."""
    if key:
        return f"id:{key}"
    if not title:
        return None
    return "title:" + re.sub(r"\d[\d.,]*", "#", title.casefold()).strip()


def _states(
    version: git_log.Version, source: SourceFile, index: int, period: Any
) -> dict[str, _State] | None:
    """Each key result of the version's document `index`, by identity (None if unreadable)."""
    loaded = load_bytes(version.text.encode("utf-8"), SourceFile(source.path, source.display))
    if len(loaded.documents) <= index:
        return None
    data = loaded.documents[index].data
    if not isinstance(data, dict) or str(data.get("period")) != str(period):
        return None
    found: dict[str, _State] = {}
    seen: set[str] = set()
    for objective in data.get("objectives") or ():
        if not isinstance(objective, dict):
            continue
        for written in objective.get("key_results") or ():
            state = _state(written)
            if state is None:
                continue
            key, value = state
            if key in seen:  # two key results read alike: neither can be followed
                found.pop(key, None)
                continue
            seen.add(key)
            found[key] = value
    return found


def _state(written: Any) -> tuple[str, _State] | None:
    try:
        key_result = KeyResult.model_validate(written)
    except ValidationError:
        return None
    key = _identity(key_result.id, key_result.title)
    if key is None:
        return None
    sentence = KeyResultReading(
        text=key_result.title, numbers=tuple(find_numbers(key_result.title))
    )
    numbers = numbers_of(key_result, sentence)
    if numbers.problem is not None:
        return None
    notes = frozenset(c.note for c in key_result.checkins if c.note)
    return key, _State(
        numbers.baseline,
        numbers.target,
        numbers.direction,
        (numbers.dimension, numbers.unit),
        key_result.learnings,
        notes,
    )


def _moved(old: _State, new: _State, version: git_log.Version) -> _Move | None:
    direction = new.direction if new.direction in _WAYS else old.direction
    if direction not in _WAYS:
        return None
    sign = 1 if direction is Direction.INCREASE else -1
    if old.target is not None and new.target is not None and sign * (new.target - old.target) < 0:
        return _Move(version, "target", old.target, new.target, direction, _symbol(new))
    if (
        old.baseline is not None
        and new.baseline is not None
        and sign * (new.baseline - old.baseline) > 0
    ):
        return _Move(version, "baseline", old.baseline, new.baseline, direction, _symbol(new))
    return None


_WAYS = (Direction.INCREASE, Direction.DECREASE)


def _symbol(state: _State) -> str:
    dimension, unit = state.unit
    if not unit:
        return ""
    shown = quantities.symbol(quantities.Quantity(None, dimension or "", unit, ""))
    return shown if shown == "%" else f" {shown}"


@lru_cache(maxsize=1)
def _reason() -> re.Pattern[str]:
    """The words of a commit subject that give a reason: the pack's `reason_words`, or "after"
    and a verb in -ing (a form, not a word, so it stays here)."""
    try:
        terms = load_pack().ordered_words("reason_words")
    except PackError:
        terms = ()
    words = [r"\s+".join(re.escape(part) for part in term.split()) for term in terms]
    words.append(r"after\s+\w+ing")
    return re.compile(r"\b(?:" + "|".join(words) + r")\b", re.IGNORECASE)


def _explained(old: _State, new: _State, version: git_log.Version) -> bool:
    if new.learnings and new.learnings != old.learnings:
        return True
    if new.notes - old.notes:
        return True
    if len(version.body.split()) >= _BODY_WORDS:
        return True
    return _reason().search(version.subject) is not None


def _still_stands(move: _Move, now: Numbers) -> bool:
    """The key result as linted still has the safer value (the move was not undone)."""
    value = now.target if move.field_name == "target" else now.baseline
    if value is None:
        return False
    sign = 1 if move.direction is Direction.INCREASE else -1
    if move.field_name == "target":
        return sign * (value - move.before) < 0
    return sign * (value - move.before) > 0
