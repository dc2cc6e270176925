"""What rules yield (violations) and what the engine emits (findings, reports)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from okrlint.sources import Document, NodePath, SourceFile, Span


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return _RANKS[self.value]


_RANKS = {"error": 3, "warning": 2, "info": 1}


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace the characters [start, end) of the original file with `content`."""

    start: int
    end: int
    content: str


@dataclass(frozen=True, slots=True)
class Fix:
    description: str
    edits: tuple[Edit, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "description": self.description,
            "edits": [{"start": e.start, "end": e.end, "content": e.content} for e in self.edits],
        }


@dataclass(frozen=True, slots=True)
class Violation:
    """What a rule reports: a message about one node of one document.

    The engine turns it into a Finding by stamping the rule's code, name and severity and the
    node's 1-based position.
    """

    message: str
    source: SourceFile
    document: Document | None = None
    node: NodePath = ()
    # Set where the position is known without a node (a parser error, a file problem).
    span: Span | None = None
    object_id: str = ""
    text: str = ""
    fix: Fix | None = None
    suggestion: str | None = None
    # A value error points at the value itself; everything else at the start of its entry.
    at_value: bool = False
    # The OKR set it is about, for violations whose document is gone (whole-repository rules).
    team: str = ""
    period: str = ""
    # The rule is unsure (a text verdict the evidence supports only weakly): reported as `info`
    # whatever the rule's severity, so a gate on warnings stays quiet.
    hint: bool = False
    # How sure a text verdict is (0-1): the trained judgement's probability; None for rules
    # that do not judge text.
    confidence: float | None = None
    # How okrlint read the key result (`okrlint.text.structure`: actor, predicate, measured and
    # their words), or for an objective each key result's reading by id; () for none.
    structure: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Finding:
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    code: str
    name: str
    severity: Severity
    message: str
    object: str = ""
    text: str = ""
    fix: Fix | None = None
    suggestion: str | None = None
    # The OKR set the finding is about, as written in the file ("" when it has none).
    team: str = ""
    period: str = ""
    # How sure a text verdict is (0-1), or None for a rule that does not judge text.
    confidence: float | None = None
    # How okrlint read the text the finding is about (see `Violation.structure`).
    structure: tuple[tuple[str, str], ...] = ()

    @property
    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.path, self.line, self.column, self.code, self.message)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "code": self.code,
            "name": self.name,
            "severity": self.severity.value,
            "message": self.message,
            "team": self.team,
            "period": self.period,
            "object": self.object,
            "text": self.text,
            "fix": self.fix.to_dict() if self.fix else None,
        }
        if self.suggestion is not None:
            data["suggestion"] = self.suggestion
        if self.confidence is not None:
            data["confidence"] = self.confidence
        if self.structure:
            data["structure"] = dict(self.structure)
        return data


@dataclass(slots=True)
class Counts:
    files: int = 0
    skipped_files: int = 0
    okr_sets: int = 0
    objectives: int = 0
    key_results: int = 0

    def add(self, other: Counts) -> None:
        self.files += other.files
        self.skipped_files += other.skipped_files
        self.okr_sets += other.okr_sets
        self.objectives += other.objectives
        self.key_results += other.key_results


@dataclass(slots=True)
class Report:
    findings: list[Finding]
    counts: Counts = field(default_factory=Counts)
    # Source text of the files that have findings, for formats that quote the offending line.
    sources: dict[str, str] = field(default_factory=dict)
    # Suppression bookkeeping for --statistics: (with reason, without reason).
    suppressions_used: tuple[int, int] = (0, 0)
    # The severity at or above which the run fails (config `fail_on`, or --fail-on).
    fail_on: Severity = Severity.ERROR
    # Reasons the run cannot be trusted (a rule crashed, a plugin failed to load): exit status 2.
    errors: list[str] = field(default_factory=list)
    # Files read from another shape than okrlint's YAML, and what read them (markdown, csv,
    # a mapping's name): --fix leaves them alone.
    read_as: dict[str, str] = field(default_factory=dict)
    # The rule classes of the run, by code (built-in, plugins, rule packs), for formats that
    # describe the rules (SARIF).
    rules: tuple[Any, ...] = ()
    # What the user should know that does not make the run untrustworthy (the cache was off).
    warnings: list[str] = field(default_factory=list)

    def by_severity(self) -> dict[str, int]:
        counts = Counter(f.severity.value for f in self.findings)
        return {s.value: counts.get(s.value, 0) for s in Severity}

    def by_code(self) -> dict[str, int]:
        return dict(sorted(Counter(f.code for f in self.findings).items()))

    def fails(self, fail_on: Severity) -> bool:
        # The severities at or above `fail_on`, looked up once: a run may have many findings.
        failing = {severity for severity in Severity if severity.rank >= fail_on.rank}
        return any(f.severity in failing for f in self.findings)
