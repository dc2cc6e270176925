"""ALN001 broken-alignment.

`aligns_to` names a team, period or objective that is not in the repository.
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from okrlint.api import (
    Example,
    NoOptions,
    Rule,
    RuleContext,
    RuleMeta,
    Scope,
    Severity,
    Violation,
    Workspace,
)
from okrlint.periods import DateRange, period_label, resolve_period
from okrlint.workspace.neighbours import team_key
from okrlint.workspace.summaries import SetSummary

_LINK = re.compile(
    r"^\s*(?P<team>[^/#]+?)\s*(?:/\s*(?P<period>[^#]*?)\s*)?(?:#\s*(?P<objective>[^#]*?)\s*)?$"
)

_COMPANY = (
    "team: Company\nperiod: 2026-Q1\nobjectives:\n"
    "  - id: O1\n    title: Win the mid-market\n"
    "    key_results: [Raise mid-market logos from 40 to 60]\n"
    "  - id: O2\n    title: Make the product effortless to adopt\n"
    "    key_results: [Raise week-1 activation from 30% to 45%]\n"
    "---\n"
)


@dataclass(frozen=True, slots=True)
class _Link:
    """Where an `aligns_to` sits: on a set, or on one of its objectives."""

    item: SetSummary
    position: int | None  # the objective, or None for the set

    @property
    def node(self) -> tuple[str | int, ...]:
        if self.position is None:
            return ("aligns_to",)
        return ("objectives", self.position, "aligns_to")

    @property
    def text(self) -> str | None:
        if self.position is None:
            return self.item.aligns_to
        return self.item.objectives[self.position].aligns_to


@dataclass(frozen=True, slots=True)
class _Target:
    item: SetSummary
    position: int | None


class _Index:
    """Every set of the repository by team, with resolved periods."""

    def __init__(self, sets: Sequence[SetSummary], fiscal_year_start: int) -> None:
        self.fiscal_year_start = fiscal_year_start
        self.by_team: dict[str, list[tuple[DateRange, SetSummary]]] = defaultdict(list)
        self.names: dict[str, str] = {}
        for item in sets:
            period = resolve_period(item.period, fiscal_year_start)
            if period is not None:
                key = team_key(item.team)
                self.by_team[key].append((period, item))
                self.names.setdefault(key, item.team.strip())

    def range_of(self, item: SetSummary) -> DateRange | None:
        return resolve_period(item.period, self.fiscal_year_start)

    def resolve(self, link: _Link) -> _Target | str:
        """The target of a link, or why it cannot be found (with a suggestion)."""
        text = (link.text or "").strip()
        match = _LINK.match(text)
        if not text or match is None or (match["objective"] is not None and not match["objective"]):
            return (
                f"cannot read aligns_to '{text}'; write <team>/<period>#<objective id>, such as "
                "company/2026-Q1#O2"
            )
        team = team_key(match["team"])
        sets = self.by_team.get(team)
        if not sets:
            return (
                f"aligns_to '{text}' names the team '{match['team']}', which has no OKR set in "
                f"the repository{_did_you_mean(match['team'], list(self.names.values()))}"
            )
        name = self.names[team]
        if match["period"] is not None:
            wanted = resolve_period(match["period"], self.fiscal_year_start)
            if wanted is None:
                return (
                    f"aligns_to '{text}': '{match['period']}' is not a period (2026-Q1, 2026-H1, "
                    "2026 or 2026-03)"
                )
            candidates = [s for period, s in sets if period == wanted]
            if not candidates:
                labels = _labels(sets)
                return (
                    f"aligns_to '{text}': {name} has no OKR set for {match['period']} (it has "
                    f"{', '.join(labels)}){_did_you_mean(match['period'], labels)}"
                )
        else:
            own = self.range_of(link.item)
            candidates = [s for period, s in sets if own is None or period.overlaps(own)]
            if not candidates:
                return (
                    f"aligns_to '{text}': {name} has no OKR set overlapping "
                    f"{period_label(link.item.period)} (it has "
                    f"{', '.join(_labels(sets))})"
                )
        objective = match["objective"]
        if objective is None:
            return _Target(candidates[0], None)
        ids: list[str] = []
        for candidate in candidates:
            for position in range(len(candidate.objectives)):
                found = candidate.objectives[position].id
                if found == objective:
                    return _Target(candidate, position)
                ids.append(found)
        shown = f"{name}/{match['period']}" if match["period"] is not None else name
        return (
            f"aligns_to '{text}': {shown} has no objective '{objective}' (it has "
            f"{', '.join(ids) or 'none'}){_did_you_mean(objective, ids)}"
        )

    def next_link(self, target: _Target) -> _Link | None:
        """Where a target points in turn: its own aligns_to, else its set's."""
        if target.position is not None:
            objective = target.item.objectives[target.position]
            if objective.aligns_to:
                return _Link(target.item, target.position)
        if target.item.aligns_to:
            return _Link(target.item, None)
        return None


def _labels(sets: Sequence[tuple[DateRange, SetSummary]]) -> list[str]:
    return sorted({period_label(s.period) for _, s in sets})


def _did_you_mean(wanted: str, known: Sequence[str]) -> str:
    by_fold = {_fold(k): k for k in known}
    close = difflib.get_close_matches(_fold(wanted), list(by_fold), n=1, cutoff=0.6)
    return f"; did you mean '{by_fold[close[0]]}'?" if close else ""


def _fold(text: str) -> str:
    # Case and the zero typed for the letter O ("01" for "O1") are the commonest slips.
    return text.casefold().replace("0", "o")


def _name(target: _Target) -> str:
    item = target.item
    label = f"{item.team}/{period_label(item.period)}"
    return label if target.position is None else f"{label}#{item.objectives[target.position].id}"


def _links(item: SetSummary) -> Iterator[_Link]:
    if item.aligns_to is not None:
        yield _Link(item, None)
    for position, objective in enumerate(item.objectives):
        if objective.aligns_to is not None:
            yield _Link(item, position)


class BrokenAlignment(Rule[NoOptions]):
    meta = RuleMeta(
        code="ALN001",
        name="broken-alignment",
        family="alignment",
        scope=Scope.WORKSPACE,
        summary="`aligns_to` names a team, period or objective that is not in the repository.",
        rationale=(
            "Alignment is how a team shows which company objective its work serves. A link to a "
            "team, period or objective that does not exist (a typo, a renamed team, last "
            "quarter's id) silently cuts the team off from what it claims to support. okrlint "
            "resolves `<team>/<period>#<objective id>` against every OKR file of the repository, "
            "suggests the nearest name, and reports links that go round in a circle back to "
            "where they started."
        ),
        bad=(
            Example(
                _COMPANY + "team: Growth\nperiod: 2026-Q1\n"
                "aligns_to: Compnay/2026-Q1#O2  # expect: ALN001\n"
                "objectives:\n"
                "  - title: Make the first week effortless\n"
                "    aligns_to: company/2026-Q2#O2  # expect: ALN001\n"
                "    key_results: [Raise week-1 activation from 30% to 45%]\n"
                "  - title: Help new teams find answers\n"
                "    aligns_to: company/2026-Q1#O7  # expect: ALN001\n"
                "    key_results: [Raise self-served questions from 40% to 60%]\n"
            ),
            Example(
                "team: Growth\nperiod: 2026-Q1\n"
                "aligns_to: platform/2026-Q1#O1  # expect: ALN001\n"
                "objectives:\n"
                "  - title: Make the first week effortless\n"
                "    key_results: [Raise week-1 activation from 30% to 45%]\n"
                "---\n"
                "team: Platform\nperiod: 2026-Q1\nobjectives:\n"
                "  - title: Make every page fast\n"
                "    aligns_to: growth/2026-Q1#O1  # expect: ALN001\n"
                "    key_results: [Cut p95 page load from 2.4 s to 1.2 s]\n"
            ),
        ),
        good=(
            Example(
                _COMPANY + "team: Growth\nperiod: 2026-Q1\n"
                "aligns_to: company/2026-Q1#O2\n"
                "objectives:\n"
                "  - title: Make the first week effortless\n"
                "    aligns_to: Company#O1\n"
                "    key_results: [Raise week-1 activation from 30% to 45%]\n"
                "  - title: Help new teams find answers\n"
                "    aligns_to: company/2026-Q1\n"
                "    key_results: [Raise self-served questions from 40% to 60%]\n"
            ),
        ),
        severity=Severity.ERROR,
    )

    def check(self, item: Workspace, context: RuleContext[NoOptions]) -> Iterator[Violation]:
        indexes = {
            id(repository[0]): _Index(repository, context.fiscal_year_start)
            for repository in item.repositories()
        }
        # What the walks have settled, shared by all links: each objective is walked past about
        # once, so a circle of 1,600 teams takes linear time, and each of its links is reported
        # with the circle shortened to a few names, not written out 1,600 times over.
        settled: dict[_Key, _OnCircle | None] = {}
        for set_item in item.sets:
            index = indexes[id(item.neighbours(set_item)[0])]
            for link in _links(set_item):
                resolved = index.resolve(link)
                if isinstance(resolved, str):
                    yield set_item.violation(resolved, node=link.node)
                    continue
                cycle = _cycle(index, link, resolved, settled)
                if cycle:
                    if len(cycle) > _SHOWN_IN_CYCLE:
                        cycle = [
                            *cycle[: _SHOWN_IN_CYCLE - 1],
                            f"... ({len(cycle) - 1} objectives in all)",
                            cycle[-1],
                        ]
                    yield set_item.violation(
                        "alignment goes round in a circle: "
                        + " -> ".join(cycle)
                        + "; an objective cannot serve itself. Point one link up to a parent "
                        "objective.",
                        node=link.node,
                    )


# Names shown along a circle; a longer one is shortened in the middle.
_SHOWN_IN_CYCLE = 12


def _cycle(
    index: _Index, link: _Link, target: _Target, settled: dict[_Key, _OnCircle | None]
) -> list[str] | None:
    """The names along the loop when following links from `link` comes back to where it began.

    `settled` keeps what earlier walks found, so that each objective is walked past about once:
    for an objective on a circle, the circle and its place on it; None for one whose links end
    or run into a circle it is not on.
    """
    start = link.item
    # Objectives without their own link inherit their set's, so they are where a set's link
    # starts too.
    starts: set[_Key]
    if link.position is None:
        starts = {(id(start), None)} | {
            (id(start), p) for p, o in enumerate(start.objectives) if not o.aligns_to
        }
    else:
        starts = {(id(start), link.position)}
    # A start settled as on no circle (an objective that leads into one) says nothing of the
    # others: the set's own link may still come back to one of them. Only when every start is
    # settled is the walk already known.
    unsettled = False
    for first in sorted(starts, key=lambda key: -1 if key[1] is None else key[1]):
        if first not in settled:
            unsettled = True
            continue
        known = settled[first]
        if known is not None:
            # The circle as this link's own walk would name it: the link's start, then each
            # objective as a link reaches it, round to this start as reached. (The walk that
            # settled it began elsewhere, and names its own start as its link is written.)
            names, place = known
            reached = names[1:]
            return [
                _name(_Target(start, link.position)),
                *reached[place:],
                *reached[:place],
            ]
    if not unsettled:
        return None
    origin = _Target(start, link.position)
    path = [_name(origin), _name(target)]
    order: list[_Key] = []
    seen: set[_Key] = set()
    current = target
    while True:
        key: _Key = (id(current.item), current.position)
        if key in starts:
            for member in starts:
                settled.setdefault(member, (path, 0))
            for place, member in enumerate(order, start=1):
                settled.setdefault(member, (path, place))
            return path
        if key in settled or key in seen:
            # A walk that ends, or a loop that does not come back here (its members report
            # it): what was walked before it is on no circle. Loop members stay unsettled.
            loop = set(order[order.index(key) :]) if key in seen else set()
            for member in order:
                if member not in loop:
                    settled.setdefault(member, None)
            return None
        seen.add(key)
        order.append(key)
        following = index.next_link(current)
        resolved = index.resolve(following) if following is not None else "none"
        if isinstance(resolved, str):
            for member in order:
                settled.setdefault(member, None)
            return None
        current = resolved
        path.append(_name(current))


_Key = tuple[int, int | None]
_OnCircle = tuple[list[str], int]  # the names around a circle, and where one objective is
