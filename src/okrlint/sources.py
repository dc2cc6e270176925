"""A loaded file: its text, its YAML documents, and where each node sits in the source.

These are the values the load stage (`okrlint.pipeline.load`) produces and every later stage
reads: validation, the rules, the filter and the output all point at `Span`s of a `Document`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from okrlint.model import OkrSet

NodePath = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Span:
    """A 1-based region of a file."""

    line: int
    column: int
    end_line: int
    end_column: int


@dataclass(frozen=True, slots=True)
class Location:
    entry: Span  # from a mapping key (or a sequence item) to the end of its value
    value: Span


class LocationIndex(Mapping[NodePath, Location]):
    """Where each node of a document sits: node path -> `Location`.

    Spans are kept as plain int tuples and turned into `Location`s on lookup: a repository has
    hundreds of thousands of nodes and only the few with findings are ever looked up, and tuples
    are cheap to hold and to send between processes (`--jobs`).
    """

    __slots__ = ("_spans",)

    def __init__(self) -> None:
        self._spans: dict[
            NodePath, tuple[tuple[int, int, int, int], tuple[int, int, int, int]]
        ] = {}

    def add(
        self,
        node: NodePath,
        entry: tuple[int, int, int, int],
        value: tuple[int, int, int, int],
        replace: bool = True,
    ) -> None:
        if replace or node not in self._spans:
            self._spans[node] = (entry, value)

    def alias(self, old: NodePath, new: NodePath) -> None:
        """Let `new` and everything under it be found where `old` and its children are."""
        size = len(old)
        for node, spans in list(self._spans.items()):
            if node[:size] == old:
                self._spans.setdefault((*new, *node[size:]), spans)

    def get(self, node: NodePath, default: Location | None = None) -> Location | None:  # type: ignore[override]
        spans = self._spans.get(node)
        if spans is None:
            return default
        return Location(Span(*spans[0]), Span(*spans[1]))

    def __getitem__(self, node: NodePath) -> Location:
        location = self.get(node)
        if location is None:
            raise KeyError(node)
        return location

    def __contains__(self, node: object) -> bool:
        return node in self._spans

    def __iter__(self) -> Iterator[NodePath]:
        return iter(self._spans)

    def __len__(self) -> int:
        return len(self._spans)


_NO_LOCATIONS = LocationIndex()


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong with a file or document before the OKR model is even consulted."""

    code: str  # STR001 for unreadable YAML, STR002 for YAML the OKR format does not allow
    message: str
    span: Span


@dataclass(frozen=True, slots=True)
class Validated:
    """What the validate stage made of one document: the model of what could be read (even
    with format errors), and every format error as (node, message, at the value)."""

    okr_set: OkrSet | None
    errors: list[tuple[NodePath, str, bool]]
    # Objectives and key results without a readable title: no rule of their own scope runs.
    unjudged: frozenset[NodePath] = frozenset()
    # The set has no readable team or period: it is left out of whole-repository rules.
    incomplete: bool = False
    repaired: list[NodePath] = field(default_factory=list)
    # Keys read under the field other tools call them by (`krs` as `key_results`): old -> new.
    renamed: list[tuple[NodePath, NodePath]] = field(default_factory=list)
    # Titles that YAML ended at a " #" the writer meant as part of them ("Be #1 in ..."): the
    # title nodes, whose items are in `unjudged` (their text is not what was written).
    cut_titles: tuple[NodePath, ...] = ()


# A document the validate stage has not seen: nothing read, no errors.
NOT_VALIDATED = Validated(None, [])


@dataclass(eq=False, slots=True)
class Document:
    """One YAML document of a file: its plain data and where each node sits in the source."""

    source: SourceFile
    index: int
    data: Any
    locations: LocationIndex
    problems: list[Problem] = field(default_factory=list)
    # The mapping or reader that read the document from another shape, if any.
    mapped_from: str | None = None

    @property
    def path(self) -> str:
        return self.source.display

    def locate(self, node: NodePath, at_value: bool = False) -> Span:
        """The span of a node, or of its nearest ancestor that exists in the source."""
        while node not in self.locations and node:
            node = node[:-1]
        location = self.locations.get(node)
        if location is None:
            return Span(1, 1, 1, 1)
        return location.value if at_value else location.entry

    def has_node(self, node: NodePath) -> bool:
        return node in self.locations


@dataclass(eq=False, slots=True)
class SourceFile:
    path: Path
    display: str
    text: str = ""
    documents: list[Document] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # YAML documents in the file that are not OKR documents (a CI config, a docker-compose file).
    skipped_documents: int = 0
    # How the file was read: "yaml", or the reader of another format ("markdown", "csv", ...).
    reader: str = "yaml"
    # When asked, the documents that are not OKR documents are kept here, for another reader.
    keep_others: bool = False
    others: list[Document] = field(default_factory=list)

    @property
    def read_as(self) -> str | None:
        """What read the file if it is not in okrlint's own YAML (a reader or a mapping)."""
        if self.reader not in ("yaml", "json"):
            return self.reader
        for document in self.documents:
            if document.mapped_from is not None:
                return document.mapped_from
        return None

    @property
    def is_okr_file(self) -> bool:
        return bool(self.documents or self.problems)

    def let_go(self, keep_text: bool = True) -> None:
        """Drop what only checking needed (data, positions, models): a large run keeps each
        file's findings and summaries, not the file. The documents stay, empty, to be counted."""
        if not keep_text:
            self.text = ""
        for document in self.documents:
            document.data = None
            document.locations = _NO_LOCATIONS


def is_okr_document(data: Any) -> bool:
    """An OKR document is a mapping with `objectives`, or with both `team` and `period`.

    The second form catches a misspelt `objectives` key instead of skipping the file. A list of
    such mappings is an OKR document too, in the wrong shape, so that validation can say so.
    """
    if isinstance(data, list):
        # OKR sets written as a list: an OKR file in the wrong shape, reported rather than skipped.
        return any(isinstance(item, dict) and is_okr_document(item) for item in data)
    if not isinstance(data, dict):
        return False
    return "objectives" in data or ("team" in data and "period" in data)
