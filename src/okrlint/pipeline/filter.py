"""Inline suppressions: `# okrlint: disable=CODE -- reason` and `# okrlint: disable-file=CODE`.

Directives are read from the comment tokens of ruamel's round-trip parser, never from a regex
over lines, so `# okrlint:` inside a block scalar is text, not a directive. The round-trip
parser is slower than the loader's composer, so it runs only for files whose text mentions
`okrlint:` at all.

Where ruamel attaches a comment (often to the parent key, sometimes in two slots) is not what a
reader means, so attachment is ignored: every comment token is collected, split into lines,
de-duplicated by position, and its scope is worked out from line numbers and the location
index. A trailing directive covers the item that starts on its line and everything under it;
a directive on a line of its own covers the next item. `disable-file` covers the whole file.

Suppressions are applied after the rules, as a filter on findings, so that a directive that
suppressed nothing (SUP001) is known exactly: it is reported when its rule ran on the file.
"""

from __future__ import annotations

import difflib
import io
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from okrlint.config.settings import Settings
from okrlint.errors import UnknownRuleError
from okrlint.findings import Finding, Violation
from okrlint.pipeline.discover import is_excluded
from okrlint.rules.registry import Registry
from okrlint.sources import SourceFile, Span

MARKER = "okrlint:"
UNUSED, MALFORMED, UNKNOWN = "SUP001", "SUP002", "SUP003"
_DIRECTIVE = re.compile(
    r"^okrlint:\s*(?P<kind>disable|disable-file)\s*=\s*(?P<codes>[A-Za-z0-9_-]+"
    r"(?:\s*,\s*[A-Za-z0-9_-]+)*)\s*(?:--\s*(?P<reason>[^#]*?))?\s*(?:#.*)?$"
)
_FORM = "`# okrlint: disable=CODE -- reason` (or `disable-file=CODE`)"


@dataclass(frozen=True, slots=True)
class Comment:
    line: int  # 1-based
    column: int  # 1-based, at the `#`
    text: str  # without the `#`, stripped
    own_line: bool


@dataclass(slots=True)
class Directive:
    comment: Comment
    file_wide: bool
    # Each selector as written, with the codes it stands for (unknown selectors are left out).
    selectors: dict[str, frozenset[str]]
    reason: str | None
    first_line: int
    last_line: int
    used: set[str] = field(default_factory=set)

    def covers(self, finding: Finding) -> bool:
        return self.first_line <= finding.line <= self.last_line

    def span(self) -> Span:
        end = self.comment.column + len(self.comment.text) + 2
        return Span(self.comment.line, self.comment.column, self.comment.line, end)


@dataclass(slots=True)
class Outcome:
    kept: list[Finding]
    # SUP findings to stamp, with their codes; the engine applies selection to them.
    violations: list[tuple[Violation, str]]
    # Directives that suppressed something: (with a reason, without one).
    used: tuple[int, int]


def apply_suppressions(
    findings: Sequence[Finding],
    sources: Sequence[SourceFile],
    registry: Registry,
    ran: Callable[[str, SourceFile], bool],
) -> Outcome:
    """Drop suppressed findings and report unused, malformed and unknown-code directives.

    `ran(code, source)` says whether a rule was selected for a file, so that a directive for a
    rule that did not run is not called unused.
    """
    kept: list[Finding] = []
    violations: list[tuple[Violation, str]] = []
    with_reason = without_reason = 0
    by_path: dict[str, list[Finding]] = {}
    for finding in findings:
        by_path.setdefault(finding.path, []).append(finding)
    handled: set[str] = set()
    for source in sources:
        if source.display in handled:
            continue
        handled.add(source.display)
        directives, problems = read_directives(source, registry)
        violations.extend(problems)
        covering = _Covering(directives)
        for finding in by_path.pop(source.display, []):
            if finding.code.startswith("SUP") or not covering.suppress(finding):
                kept.append(finding)
        for directive in directives:
            if directive.used:
                if directive.reason:
                    with_reason += 1
                else:
                    without_reason += 1
            for selector, codes in directive.selectors.items():
                if codes & directive.used or not any(ran(code, source) for code in codes):
                    continue
                where = "in this file" if directive.file_wide else "on the item it covers"
                violations.append(
                    (
                        Violation(
                            f"unused suppression: {selector} reported nothing {where}; "
                            "remove it from the comment",
                            source,
                            span=directive.span(),
                        ),
                        UNUSED,
                    )
                )
    for rest in by_path.values():
        kept.extend(rest)
    return Outcome(kept, violations, (with_reason, without_reason))


class _Covering:
    """A file's directives by the lines they cover and the codes they name.

    Looking a finding up costs the number of nested items around its line, not the number of
    directives: 50,000 suppressions and 50,000 findings in one file take linear time.
    Directives covering the same lines (consecutive comments before one item) form one group,
    so a line is listed under each distinct range once.
    """

    def __init__(self, directives: Sequence[Directive]) -> None:
        groups: dict[tuple[int, int], dict[str, list[Directive]]] = {}
        for directive in directives:
            by_code = groups.setdefault((directive.first_line, directive.last_line), {})
            for codes in directive.selectors.values():
                for code in codes:
                    by_code.setdefault(code, []).append(directive)
        self._by_line: dict[int, list[dict[str, list[Directive]]]] = {}
        for (first, last), by_code in groups.items():
            for line in range(first, last + 1):
                self._by_line.setdefault(line, []).append(by_code)
        self._marked: set[tuple[int, str]] = set()

    def suppress(self, finding: Finding) -> bool:
        suppressed = False
        code = finding.code
        for by_code in self._by_line.get(finding.line, ()):
            matching = by_code.get(code)
            if not matching:
                continue
            suppressed = True
            if (id(matching), code) not in self._marked:
                self._marked.add((id(matching), code))
                for directive in matching:
                    directive.used.add(code)
        return suppressed


def read_directives(
    source: SourceFile, registry: Registry
) -> tuple[list[Directive], list[tuple[Violation, str]]]:
    markdown = source.reader == "markdown"
    if MARKER not in source.text or source.reader not in ("yaml", "json", "markdown"):
        return [], []  # a CSV cell has no comments
    starts = _item_starts(source)
    lines = source.text.split("\n")
    directives: list[Directive] = []
    problems: list[tuple[Violation, str]] = []
    found = markdown_comments(source.text) if markdown else comments(source.text)
    for comment in found:
        if not comment.text.startswith(MARKER):
            continue
        span = Span(
            comment.line, comment.column, comment.line, comment.column + len(comment.text) + 2
        )
        match = _DIRECTIVE.match(comment.text)
        if match is None:
            message = f"cannot read this suppression; write it as {_FORM}"
            problems.append((Violation(message, source, span=span), MALFORMED))
            continue
        selectors: dict[str, frozenset[str]] = {}
        for selector in (s.strip() for s in match["codes"].split(",")):
            try:
                selectors[selector] = frozenset(registry.resolve(selector))
            except UnknownRuleError:
                problems.append(
                    (Violation(_unknown(selector, registry), source, span=span), UNKNOWN)
                )
        file_wide = match["kind"] == "disable-file"
        if file_wide:
            first, last = 1, len(lines) + 1
        else:
            first = (
                comment.line
                if not comment.own_line
                else _next_content_line(lines, comment, "<!--" if markdown else "#")
            )
            last = starts.get(first, first)
        reason = (match["reason"] or "").strip() or None
        directives.append(Directive(comment, file_wide, selectors, reason, first, last))
    return directives, problems


def _unknown(selector: str, registry: Registry) -> str:
    names = list(registry.rules) + list(registry.by_name())
    close = difflib.get_close_matches(selector, names, n=1, cutoff=0.6)
    hint = f"; did you mean {close[0]}?" if close else " (see `okrlint rules`)"
    return f"no rule is called '{selector}'{hint}"


def _next_content_line(lines: list[str], comment: Comment, opener: str = "#") -> int:
    for number in range(comment.line + 1, len(lines) + 1):
        stripped = lines[number - 1].strip()
        if stripped and not stripped.startswith(opener):
            return number
    return comment.line


def _item_starts(source: SourceFile) -> dict[int, int]:
    """For each line where an item starts, the last line of the outermost item starting there."""
    best: dict[int, tuple[int, int]] = {}  # line -> (depth, end line)
    for document in source.documents:
        for path, location in document.locations.items():
            if not path:  # the document itself is not an item
                continue
            line, depth = location.entry.line, len(path)
            if line not in best or depth < best[line][0]:
                best[line] = (depth, location.entry.end_line)
    return {line: end for line, (_, end) in best.items()}


_HTML_COMMENT = re.compile(r"<!--\s*(okrlint:.*?)\s*-->")


def markdown_comments(text: str) -> list[Comment]:
    """Directives of a Markdown file, written as HTML comments: `<!-- okrlint: disable=... -->`."""
    found = []
    for number, line in enumerate(text.split("\n"), start=1):
        for match in _HTML_COMMENT.finditer(line):
            found.append(
                Comment(
                    line=number,
                    column=match.start() + 1,
                    text=match.group(1),
                    own_line=not (line[: match.start()] + line[match.end() :]).strip(),
                )
            )
    return found


def comments(text: str) -> list[Comment]:
    """Every comment of a YAML text, from ruamel's round-trip tokens, in source order."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    yaml = YAML(typ="rt", pure=True)
    yaml.allow_duplicate_keys = True
    lines = text.split("\n")
    found: dict[tuple[int, int], Comment] = {}
    try:
        for document in yaml.load_all(io.StringIO(text)):
            for token in _tokens(document, set()):
                for comment in _split(token, lines):
                    found.setdefault((comment.line, comment.column), comment)
    except (YAMLError, RecursionError, ValueError, TypeError):
        # The loader already reported what makes the file unreadable; no directive applies
        # past that point, and the ones before it were collected.
        pass
    return [found[key] for key in sorted(found)]


def _tokens(node: Any, seen: set[int]) -> Iterator[Any]:
    if id(node) in seen:  # aliases share a node; visit it once
        return
    seen.add(id(node))
    attributes = getattr(node, "ca", None)
    if attributes is not None:
        yield from _flatten(attributes.comment)
        for value in attributes.items.values():
            yield from _flatten(value)
        yield from _flatten(getattr(attributes, "end", None))
    if isinstance(node, dict):
        for value in node.values():
            yield from _tokens(value, seen)
    elif isinstance(node, list):
        for value in node:
            yield from _tokens(value, seen)


def _flatten(value: Any) -> Iterator[Any]:
    from ruamel.yaml.tokens import CommentToken

    if isinstance(value, CommentToken):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from _flatten(item)


def _split(token: Any, lines: list[str]) -> Iterator[Comment]:
    """One token may hold several comment lines (and blank lines) after its start."""
    start = token.start_mark.line
    for offset, part in enumerate(str(token.value).split("\n")):
        body = part.strip()
        number = start + offset
        if not body.startswith("#") or number >= len(lines):
            continue
        source_line = lines[number]
        column = source_line.rfind(body)
        if column < 0:
            continue
        yield Comment(
            line=number + 1,
            column=column + 1,
            text=body[1:].strip(),
            own_line=not source_line[:column].strip(),
        )


def applies(code: str, violation: Violation, settings: Settings) -> bool:
    if code not in settings.selected:
        return False
    if settings.per_file_ignores:
        path = violation.source.path
        base = settings.config.base("per_file_ignores")
        for pattern, ignored in settings.per_file_ignores:
            if code in ignored and is_excluded(path, [pattern], base):
                return False
    return True
