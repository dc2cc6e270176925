"""The numbers of the quality report: per team and period, from one lint run over a repository.

The quality score of an OKR set is a documented formula over its findings, so that a team can
see why it has the score it has and what raises it:

    penalty  = 10 x errors + 4 x warnings + 1 x info findings
    capacity = 10 x (objectives + key results), at least 10
    base     = 100 x max(0, 1 - penalty / capacity)
    score    = round(base x (0.6 + 0.4 x share of objectives with a customer metric))

An OKR set with no findings scores 100; one with an error on every objective and key result
scores 0; one whose objectives measure nothing customers do scores at most 60, however few its
findings (the share counts as 1 when CUS001 is not selected). A team's score for a period pools
the penalties, capacities and objectives of its sets.

Grades of closed periods are binned with Google's bands: red below 0.4 (0-0.3), yellow 0.4 up
to 0.7 (0.4-0.6), green 0.7 and above (0.7-1.0).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from okrlint.findings import Finding, Report, Severity
from okrlint.periods import DateRange, period_label, resolve_period
from okrlint.pipeline.run import RunOptions, SettingsCache, check_and_validate, load_sources
from okrlint.rules.registry import Registry
from okrlint.sources import NOT_VALIDATED, Document, SourceFile, Validated

WEIGHTS = {Severity.ERROR: 10, Severity.WARNING: 4, Severity.INFO: 1}
CAPACITY_PER_ITEM = 10
OUTPUT_CODES = ("OUT001", "OUT002")
CUSTOMER_CODE = "CUS001"
BANDS = (("red", 0.0, 0.4), ("yellow", 0.4, 0.7), ("green", 0.7, 1.01))
# Sets whose period okrlint cannot read are grouped under one heading, not one column each.
UNRECOGNISED_PERIOD = "unrecognised period"
# The least a score keeps when no objective measures what customers do.
CUSTOMER_FLOOR = 0.6


def band_of(grade: float) -> str:
    for name, low, high in BANDS:
        if low <= grade < high:
            return name
    return "green"


def counted(number: int, noun: str) -> str:
    """`1 team`, `3 teams`."""
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def quality_score(penalty: int, capacity: int, customer_share: float | None = None) -> int:
    base = 100 * max(0.0, 1 - penalty / max(capacity, CAPACITY_PER_ITEM))
    share = 1.0 if customer_share is None else customer_share
    return round(base * (CUSTOMER_FLOOR + (1 - CUSTOMER_FLOOR) * share))


@dataclass(slots=True)
class Cell:
    """One team in one period: the pooled numbers of its OKR sets."""

    team: str
    period: str
    dates: DateRange | None = None
    closed: bool = False
    sets: int = 0
    objectives: int = 0
    key_results: int = 0
    penalty: int = 0
    by_family: Counter[str] = field(default_factory=Counter)
    by_severity: Counter[str] = field(default_factory=Counter)
    output_key_results: int = 0
    # None when the rule that tells is not selected: the share is then unknown, not 100%.
    outcome_known: bool = True
    objectives_without_customer_metric: int = 0
    customer_known: bool = True
    grades: list[float] = field(default_factory=list)
    # The findings about this team's sets in this period, for the page that lists them.
    items: list[Finding] = field(default_factory=list)

    @property
    def capacity(self) -> int:
        return max(CAPACITY_PER_ITEM, CAPACITY_PER_ITEM * (self.objectives + self.key_results))

    @property
    def score(self) -> int:
        return quality_score(self.penalty, self.capacity, self.customer_share)

    @property
    def findings(self) -> int:
        return sum(self.by_severity.values())

    @property
    def outcome_share(self) -> float | None:
        if not self.outcome_known or not self.key_results:
            return None
        return 1 - self.output_key_results / self.key_results

    @property
    def customer_share(self) -> float | None:
        if not self.customer_known or not self.objectives:
            return None
        return 1 - self.objectives_without_customer_metric / self.objectives

    def bands(self) -> dict[str, int]:
        counts = Counter(band_of(grade) for grade in self.grades)
        return {name: counts.get(name, 0) for name, _, _ in BANDS}


@dataclass(slots=True)
class QualityReport:
    today: dt.date
    cells: list[Cell]
    families: list[str]
    # Findings that belong to no OKR set (a file that is not YAML at all, a crashed rule).
    unassigned: int = 0
    files: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def teams(self) -> list[str]:
        return sorted({cell.team for cell in self.cells}, key=str.casefold)

    @property
    def periods(self) -> list[str]:
        first: dict[str, tuple[dt.date, str]] = {}
        for cell in self.cells:
            start = cell.dates.start if cell.dates else dt.date.max
            first[cell.period] = min(
                first.get(cell.period, (start, cell.period)), (start, cell.period)
            )
        return [label for label, _ in sorted(first.items(), key=lambda item: item[1])]

    def cell(self, team: str, period: str) -> Cell | None:
        for cell in self.cells:
            if cell.team == team and cell.period == period:
                return cell
        return None

    def pooled(self, cells: Iterable[Cell], team: str = "", period: str = "") -> Cell:
        """Several cells as one (a team over all periods, a period over all teams)."""
        total = Cell(team, period)
        for cell in cells:
            total.sets += cell.sets
            total.objectives += cell.objectives
            total.key_results += cell.key_results
            total.penalty += cell.penalty
            total.by_family.update(cell.by_family)
            total.by_severity.update(cell.by_severity)
            total.output_key_results += cell.output_key_results
            total.outcome_known = total.outcome_known and cell.outcome_known
            total.objectives_without_customer_metric += cell.objectives_without_customer_metric
            total.customer_known = total.customer_known and cell.customer_known
            total.grades.extend(cell.grades)
            total.items.extend(cell.items)
            total.closed = total.closed or cell.closed
        return total

    def team_total(self, team: str) -> Cell:
        return self.pooled((c for c in self.cells if c.team == team), team=team)

    def period_total(self, period: str) -> Cell:
        return self.pooled((c for c in self.cells if c.period == period), period=period)

    def total(self) -> Cell:
        return self.pooled(self.cells)


def build_report(paths: Sequence[str | Path], options: RunOptions | None = None) -> QualityReport:
    """Lint the paths once and gather the report's numbers."""
    options = options or RunOptions()
    settings_for = SettingsCache(options)
    sources, _ = load_sources(paths, options, settings_for)
    registry = settings_for.registry
    lint, validated = check_and_validate(sources, registry, options, settings_for.root())
    today = options.today or dt.date.today()
    return gather(sources, validated, lint, registry, today)


def gather(
    sources: Sequence[tuple[SourceFile, Any]],
    validated: Sequence[Sequence[Validated]],
    lint: Report,
    registry: Registry,
    today: dt.date,
) -> QualityReport:
    """The report's numbers: `validated` holds what validation made of each document of each
    file of `sources`, in order."""
    families = sorted({rule.meta.family for rule in registry.rules.values()})
    family_of = {code: rule.meta.family for code, rule in registry.rules.items()}
    by_path: dict[str, list[Finding]] = {}
    for finding in lint.findings:
        by_path.setdefault(finding.path, []).append(finding)
    cells: dict[tuple[str, str], Cell] = {}
    unassigned = 0
    files = 0
    for position, (source, settings) in enumerate(sources):
        if not source.is_okr_file:
            continue
        validations = validated[position] if position < len(validated) else ()
        files += 1
        findings = by_path.get(source.display, [])
        placed: set[int] = set()
        selected = settings.selected
        fiscal_start = settings.config.values.fiscal_year_start
        for at, document in enumerate(source.documents):
            read = validations[at] if at < len(validations) else NOT_VALIDATED
            mine = [f for f in findings if _inside(f, document)]
            placed.update(id(f) for f in mine)
            team, period, dates = _identity(document, read, fiscal_start)
            cell = cells.get((team, period))
            if cell is None:
                cell = cells[(team, period)] = Cell(team, period, dates)
                cell.closed = dates is not None and dates.is_closed(today)
            _add_document(cell, document, read, mine, family_of, selected)
        unassigned += sum(1 for f in findings if id(f) not in placed)
    known = {source.display for source, _ in sources}
    unassigned += sum(len(f) for path, f in by_path.items() if path not in known)
    return QualityReport(
        today=today,
        cells=sorted(cells.values(), key=lambda c: (c.team.casefold(), c.period)),
        families=families,
        unassigned=unassigned,
        files=files,
        errors=list(lint.errors),
    )


def _inside(finding: Finding, document: Document) -> bool:
    location = document.locations.get(())
    if location is None:
        return False
    span = location.entry
    # A document's last block ends where the next one starts; the start line decides.
    return span.line <= finding.line <= max(span.end_line, span.line)


def _identity(
    document: Document, validated: Validated, fiscal_start: int
) -> tuple[str, str, DateRange | None]:
    okr_set = validated.okr_set
    # A set judged without a readable team or period is placed by what its file says.
    if okr_set is not None and not validated.incomplete:
        return (
            okr_set.team,
            period_label(okr_set.period),
            resolve_period(okr_set.period, fiscal_start),
        )
    data = document.data if isinstance(document.data, dict) else {}
    team = str(data.get("team") or "(no team)")
    period = data.get("period")
    if isinstance(period, str | int):
        dates = resolve_period(str(period), fiscal_start)
        if dates is not None:
            return team, str(period), dates
    return team, UNRECOGNISED_PERIOD, None


def _add_document(
    cell: Cell,
    document: Document,
    validated: Validated,
    findings: list[Finding],
    family_of: dict[str, str],
    selected: frozenset[str],
) -> None:
    cell.sets += 1
    okr_set = validated.okr_set
    if okr_set is not None:
        cell.objectives += len(okr_set.objectives)
        cell.key_results += sum(len(o.key_results) for o in okr_set.objectives)
        if cell.closed:
            cell.grades.extend(
                kr.score for o in okr_set.objectives for kr in o.key_results if kr.score is not None
            )
    else:
        objectives = document.data.get("objectives") if isinstance(document.data, dict) else None
        if isinstance(objectives, list):
            cell.objectives += len(objectives)
            cell.key_results += sum(
                len(o.get("key_results") or []) for o in objectives if isinstance(o, dict)
            )
    cell.items.extend(findings)
    for finding in findings:
        cell.penalty += WEIGHTS[finding.severity]
        cell.by_severity[finding.severity.value] += 1
        cell.by_family[family_of.get(finding.code, "other")] += 1
    cell.outcome_known = cell.outcome_known and any(code in selected for code in OUTPUT_CODES)
    cell.output_key_results += len(
        {f.object for f in findings if f.code in OUTPUT_CODES and "/" in f.object}
    )
    cell.customer_known = cell.customer_known and CUSTOMER_CODE in selected
    cell.objectives_without_customer_metric += len(
        {f.object for f in findings if f.code == CUSTOMER_CODE and f.object}
    )


def percent(value: float | None) -> str:
    """A share as the report shows it: "42%", or "n/a" when there is nothing to count."""
    return "n/a" if value is None else f"{value:.0%}"
