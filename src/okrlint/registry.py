"""Rules, their metadata, what they look at, and the registry that finds and selects them.

A rule is a small class: a `meta` record (the single source of truth for its docs, its default
severity and its tests), an optional `Options` model, and a `check` generator over the items of
its scope. A rule never knows whether it is selected, how severe it is, or whether a finding is
suppressed: the engine decides all of that afterwards.
"""

from __future__ import annotations

import datetime as dt
import importlib
import pkgutil
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar

from pydantic import BaseModel, ConfigDict

from okrlint.findings import Fix, Severity, Violation
from okrlint.model import KeyResult, Objective, ObjectiveType, OkrSet

if TYPE_CHECKING:
    from okrlint.document import Document, NodePath, SourceFile
    from okrlint.summary import SetSummary


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
    # Earlier versions, for rules that read the file's git history: (ISO date, commit message,
    # YAML), oldest first; None as the YAML commits the example itself. The example is then
    # linted in a real git repository made of these commits.
    history: tuple[tuple[str, str, str | None], ...] = ()


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
    source: str = "builtin"


class NoOptions(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


OptionsT = TypeVar("OptionsT", bound=BaseModel)
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class FileItem:
    """A file as loaded: its parser problems, and its documents with their validation errors."""

    source: SourceFile


@dataclass(frozen=True, slots=True)
class SetItem:
    document: Document
    okr_set: OkrSet

    @property
    def node(self) -> NodePath:
        return ()

    def violation(self, message: str, *, node: NodePath = (), fix: Fix | None = None) -> Violation:
        return Violation(message, self.document.source, self.document, node, fix=fix)


@dataclass(frozen=True, slots=True)
class ObjectiveItem:
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

    def violation(
        self, message: str, *, field_name: str | None = None, fix: Fix | None = None
    ) -> Violation:
        node = (*self.node, field_name) if field_name else self.node
        return Violation(
            message,
            self.document.source,
            self.document,
            node,
            object_id=self.object_id,
            text=self.objective.title,
            fix=fix,
        )


@dataclass(frozen=True, slots=True)
class KeyResultItem:
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

    def violation(
        self,
        message: str,
        *,
        field_name: str | None = None,
        fix: Fix | None = None,
        suggestion: str | None = None,
    ) -> Violation:
        node = (*self.node, field_name) if field_name else self.node
        return Violation(
            message,
            self.document.source,
            self.document,
            node,
            object_id=self.object_id,
            text=self.key_result.title,
            fix=fix,
            suggestion=suggestion,
        )


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
    # Readings of key-result and objective texts, keyed by text (filled by analysis/).
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


class UnknownRuleError(ValueError):
    pass


@dataclass(slots=True)
class Registry:
    rules: dict[str, type[Rule[Any]]] = field(default_factory=dict)
    # Plugins that failed to load: (distribution and version, error).
    load_errors: list[str] = field(default_factory=list)

    def add(self, rule: type[Rule[Any]]) -> None:
        meta = rule.meta
        existing = self.rules.get(meta.code)
        if existing is not None and existing is not rule:
            raise ValueError(f"two rules claim the code {meta.code}: {existing.__name__}, {rule}")
        self.rules[meta.code] = rule

    def sorted(self) -> list[type[Rule[Any]]]:
        return [self.rules[code] for code in sorted(self.rules)]

    def by_name(self) -> dict[str, type[Rule[Any]]]:
        return {rule.meta.name: rule for rule in self.rules.values()}

    def resolve(self, selector: str) -> list[str]:
        """Codes matched by a selector: ALL, a code, a code prefix, a rule name or a family."""
        wanted = selector.strip()
        if not wanted:
            return []
        upper = wanted.upper()
        if upper == "ALL":
            return sorted(self.rules)
        if upper in self.rules:
            return [upper]
        named = self.by_name().get(wanted.lower())
        if named is not None:
            return [named.meta.code]
        by_prefix = sorted(code for code in self.rules if code.startswith(upper))
        if by_prefix:
            return by_prefix
        by_family = sorted(c for c, r in self.rules.items() if r.meta.family == wanted.lower())
        if by_family:
            return by_family
        raise UnknownRuleError(wanted)

    def lookup(self, code_or_name: str) -> type[Rule[Any]]:
        found = self.resolve(code_or_name)
        if len(found) != 1:
            raise UnknownRuleError(code_or_name)
        return self.rules[found[0]]


_DEFAULT: Registry | None = None


def default_registry() -> Registry:
    """The built-in rules (every module of okrlint.checks) plus installed plugins."""
    global _DEFAULT
    if _DEFAULT is None:
        registry = Registry()
        for rule in builtin_rules():
            registry.add(rule)
        from okrlint.plugins import load_plugins

        load_plugins(registry)
        _DEFAULT = registry
    return _DEFAULT


def builtin_rules() -> list[type[Rule[Any]]]:
    import okrlint.checks as package

    found: list[type[Rule[Any]]] = []
    for module_info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"{package.__name__}.{module_info.name}")
        found.extend(rules_in(module))
    return found


def rules_in(module: Any) -> list[type[Rule[Any]]]:
    """The rule classes a module defines (not those it imports)."""
    return [
        value
        for value in vars(module).values()
        if isinstance(value, type)
        and issubclass(value, Rule)
        and value.__module__ == module.__name__
        and "meta" in vars(value)
    ]
