"""Rules, their metadata, what they look at, and the registry that finds and selects them.

A rule is a small class: a `meta` record (the single source of truth for its docs, its default
severity and its tests), an optional `Options` model, and a `check` generator over the items of
its scope. A rule never knows whether it is selected, how severe it is, or whether a finding is
suppressed: the engine decides all of that afterwards.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, ClassVar, Generic, TypeVar

from pydantic import BaseModel, ConfigDict

from okrlint.findings import Fix, Severity, Violation
from okrlint.model import KeyResult, Objective, ObjectiveType, OkrSet
from okrlint.sources import NOT_VALIDATED, Document, NodePath, SourceFile, Validated
from okrlint.text.reading import KeyResultReading, Term, reading_of
from okrlint.workspace.summaries import KeyResultSummary, SetSummary

# What a rule author imports, from this one module: the rule's parts, what it looks at, what it
# yields, and the reading of a text.
__all__ = [
    "Example",
    "FileItem",
    "Fix",
    "KeyResultItem",
    "KeyResultReading",
    "KeyResultSummary",
    "NoOptions",
    "ObjectiveItem",
    "Rule",
    "RuleContext",
    "RuleMeta",
    "Scope",
    "SetItem",
    "SetSummary",
    "Severity",
    "Term",
    "Violation",
    "Workspace",
    "example_head",
    "reading_of",
]


class Scope(StrEnum):
    FILE = "file"
    SET = "set"
    OBJECTIVE = "objective"
    KEY_RESULT = "key_result"
    WORKSPACE = "workspace"


@dataclass(frozen=True, slots=True)
class Example:
    """A small OKR document; each line that should be flagged ends with `# expect: CODE`."""

    yaml: str
    options: Mapping[str, Any] = field(default_factory=dict)
    # `--today` for rules that depend on the date.
    today: dt.date | None = None
    # Other rules to run with this one (their findings are not checked), for rules such as
    # SUP001 whose findings depend on what other rules report.
    also_select: tuple[str, ...] = ()
    # The messages of the rule's findings, in the order of their lines, checked word for word
    # by the rule's tests (when given).
    messages: tuple[str, ...] = ()
    # The document after `okrlint check --fix` with only this rule selected, checked byte for
    # byte (as SQLFluff's `fix_str`); for a fixable rule's bad examples.
    fixed: str | None = None
    # Earlier versions, for rules that read the file's git history: (ISO date, commit message,
    # YAML), oldest first; None as the YAML commits the example itself. The example is then
    # linted in a real git repository made of these commits.
    history: tuple[tuple[str, str, str | None], ...] = ()


def example_head(
    team: str = "Growth",
    period: str = "2026-Q1",
    *,
    objectives: bool = True,
    objective: str | None = None,
    objective_type: str | None = None,
) -> str:
    """The first lines of a rule example: team and period, then `objectives:` and, when named,
    the first objective's title (and type), so that an example shows only what it is about."""
    head = f"team: {team}\nperiod: {period}\n"
    if not objectives:
        return head
    head += "objectives:\n"
    if objective is not None:
        head += f"  - title: {objective}\n"
        if objective_type is not None:
            head += f"    type: {objective_type}\n"
    return head


@dataclass(frozen=True, slots=True)
class RuleMeta:
    code: str
    name: str
    family: str
    scope: Scope
    summary: str
    rationale: str
    bad: tuple[Example, ...]
    good: tuple[Example, ...]
    severity: Severity = Severity.WARNING
    enabled: bool = True
    fixable: bool = False
    # Rules that read key-result text get readings from the analysis stage before they run.
    needs_readings: bool = False
    # Reads more than the file and its settings (its git history, say): the results cache
    # never keeps findings of a file checked with such a rule, since the file alone does not
    # say when they change.
    reads_beyond_file: bool = False
    source: str = "builtin"
    # For a rule that judges text without a probability of its own: its findings on the
    # labelled corpus's read organisations, as (judged right, judged in all), by a careful
    # reading. It gives every finding of the rule its `confidence` (see `confidence`).
    judged: tuple[int, int] | None = None

    @property
    def confidence(self) -> float | None:
        """How sure okrlint is of a finding of this rule: the expected share of right findings
        given `judged` (Laplace's rule of succession, (right + 1) / (judged + 2), so a handful of
        findings never claims certainty and a rule never measured says 0.5), or None for rules
        that judge no text or give each finding its own probability."""
        if self.judged is None:
            return None
        right, judged = self.judged
        return round((right + 1) / (judged + 2), 3)


class NoOptions(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


OptionsT = TypeVar("OptionsT", bound=BaseModel)
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class FileItem:
    """A file as loaded: its parser problems, and its documents with what validation made of
    each (`validated`, one per document, in order)."""

    source: SourceFile
    validated: tuple[Validated, ...] = ()

    def documents(self) -> Iterator[tuple[Document, Validated]]:
        """Each document of the file with its validation."""
        for position, document in enumerate(self.source.documents):
            known = position < len(self.validated)
            yield document, self.validated[position] if known else NOT_VALIDATED


@dataclass(frozen=True, slots=True)
class SetItem:
    document: Document
    okr_set: OkrSet

    @property
    def node(self) -> NodePath:
        return ()

    def violation(self, message: str, *, node: NodePath = (), fix: Fix | None = None) -> Violation:
        return Violation(message, self.document.source, self.document, node, fix=fix)


class _Findable:
    """An objective or a key result a rule can report a finding on: the finding points at the
    item's node in its document (or at one of its fields) and quotes the item's title."""

    __slots__ = ()

    @property
    def document(self) -> Document:
        raise NotImplementedError

    @property
    def node(self) -> NodePath:
        raise NotImplementedError

    @property
    def object_id(self) -> str:
        raise NotImplementedError

    @property
    def text(self) -> str:
        raise NotImplementedError

    def violation(
        self,
        message: str,
        *,
        field_name: str | None = None,
        fix: Fix | None = None,
        suggestion: str | None = None,
        hint: bool = False,
        confidence: float | None = None,
        structure: tuple[tuple[str, str], ...] = (),
    ) -> Violation:
        node = (*self.node, field_name) if field_name else self.node
        return Violation(
            message,
            self.document.source,
            self.document,
            node,
            object_id=self.object_id,
            text=self.text,
            fix=fix,
            suggestion=suggestion,
            hint=hint,
            confidence=confidence,
            structure=structure,
        )


@dataclass(frozen=True, slots=True)
class ObjectiveItem(_Findable):
    parent: SetItem
    objective: Objective
    position: int

    @property
    def document(self) -> Document:
        return self.parent.document

    @property
    def okr_set(self) -> OkrSet:
        return self.parent.okr_set

    @property
    def object_id(self) -> str:
        return self.okr_set.objective_id(self.position)

    @property
    def node(self) -> NodePath:
        return ("objectives", self.position)

    @property
    def is_committed(self) -> bool:
        return self.objective.type is ObjectiveType.COMMITTED

    def key_results(self) -> list[KeyResultItem]:
        return [
            KeyResultItem(self, kr, position)
            for position, kr in enumerate(self.objective.key_results)
        ]

    @property
    def text(self) -> str:
        return self.objective.title


@dataclass(frozen=True, slots=True)
class KeyResultItem(_Findable):
    parent: ObjectiveItem
    key_result: KeyResult
    position: int

    @property
    def document(self) -> Document:
        return self.parent.document

    @property
    def objective(self) -> Objective:
        return self.parent.objective

    @property
    def object_id(self) -> str:
        return f"{self.parent.object_id}/{OkrSet.key_result_id(self.objective, self.position)}"

    @property
    def node(self) -> NodePath:
        return (*self.parent.node, "key_results", self.position)

    @property
    def text(self) -> str:
        return self.key_result.title


def _nothing_more() -> Sequence[SetSummary]:
    return ()


@dataclass(frozen=True, slots=True)
class Workspace:
    """A summary of every valid OKR set, for rules that compare sets with each other."""

    # The sets linted in this run.
    sets: tuple[SetSummary, ...]
    # The sets of the repository's other OKR files (those not linted in this run), summarised
    # on first use: a run on one file must see what a run on the whole repository sees.
    lookup: Callable[[], Sequence[SetSummary]] = _nothing_more
    # Indexes that rules build over the whole workspace, computed once per run.
    memo: dict[Hashable, Any] = field(default_factory=dict, compare=False, repr=False)

    def all_sets(self) -> tuple[SetSummary, ...]:
        """The linted sets first, then the rest of the repository."""
        return (*self.sets, *self.lookup())

    def repositories(self) -> list[tuple[SetSummary, ...]]:
        """All sets grouped by repository, each in file order (whatever part was linted)."""
        return list(self._groups().values())

    def neighbours(self, item: SetSummary) -> tuple[SetSummary, ...]:
        """Every set of the repository that `item` belongs to, itself included."""
        return self._groups().get(item.repository, (item,))

    def _groups(self) -> dict[Hashable, tuple[SetSummary, ...]]:
        def build() -> dict[Hashable, tuple[SetSummary, ...]]:
            groups: dict[Hashable, list[SetSummary]] = {}
            for item in self.all_sets():
                groups.setdefault(item.repository, []).append(item)
            # The order of the files, not of what was passed, so messages that list neighbours
            # read the same in a run on one file as in a run on the whole repository.
            return {
                key: tuple(sorted(items, key=lambda i: (i.path, i.index)))
                for key, items in groups.items()
            }

        return self.cached("repositories", build)

    def cached(self, key: Hashable, build: Callable[[], T]) -> T:
        """`build()`, computed once per run for each key."""
        if key not in self.memo:
            self.memo[key] = build()
        return self.memo[key]  # type: ignore[no-any-return]


@dataclass(frozen=True, slots=True)
class RuleContext(Generic[OptionsT]):
    options: OptionsT
    today: dt.date
    # Readings of key-result and objective texts, keyed by text (from the understand stage).
    readings: Mapping[str, Any] = field(default_factory=dict)
    # The whole run (and, on demand, the rest of the repository), for rules that need neighbours.
    workspace: Workspace = field(default_factory=lambda: Workspace(()))
    # The month the fiscal year starts (config `fiscal_year_start`), for resolving periods.
    fiscal_year_start: int = 1


class Rule(Generic[OptionsT]):
    """Base class of every rule, built-in or from a plugin."""

    meta: ClassVar[RuleMeta]
    Options: ClassVar[type[BaseModel]] = NoOptions

    def check(self, item: Any, context: RuleContext[OptionsT]) -> Iterable[Violation]:
        raise NotImplementedError
