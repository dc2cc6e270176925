"""Load YAML files into plain data plus a location index of every node.

Reading goes through ruamel's C-backed parser and composer, which gives the node tree with
positions several times faster than the round-trip loader. Plain Python data is built from the
nodes here, so that nothing in a file is ever constructed as an object (unsafe tags are
reported, not honoured) and hostile shapes (alias bombs, deep nesting, duplicate keys) become
problems with a position instead of exceptions.

ruamel's marks are 0-based; they are converted to 1-based exactly once, in `_span`.
"""

from __future__ import annotations

import codecs
import datetime as dt
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from okrlint.sources import (
    Document,
    LocationIndex,
    NodePath,
    Problem,
    SourceFile,
    Span,
    is_okr_document,
)

DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024
# Alias bombs ("billion laughs") expand exponentially. What is limited is the number of nodes the
# aliases add on top of those written out, so a large file without aliases is never refused.
MAX_EXPANDED_NODES = 200_000
MAX_DEPTH = 100

_CORE_TAG = "tag:yaml.org,2002:"
_PLAIN_TAGS = frozenset(
    _CORE_TAG + name
    for name in ("map", "seq", "str", "int", "float", "bool", "null", "timestamp", "merge")
)


def load_file(path: Path, display: str, max_bytes: int = DEFAULT_MAX_FILE_BYTES) -> SourceFile:
    """Read one file. Never raises for anything the file contains or for an unreadable file."""
    source = SourceFile(path=path, display=display)
    raw = read_file_bytes(path, source, max_bytes)
    if raw is None:
        return source
    return load_bytes(raw, source)


def read_file_bytes(path: Path, source: SourceFile, max_bytes: int) -> bytes | None:
    """The bytes of a file, or None with the reason among the source's problems."""
    try:
        size = path.stat().st_size
        if not path.is_file():
            source.problems.append(_file_problem("not a regular file; okrlint reads YAML files"))
            return None
        # A linked file, or a file in a linked folder (`okrs -> /etc`).
        linked = os.path.realpath(path) != os.path.abspath(path)
        outside = linked and _links_out_of_repository(path)
        if outside:
            # `okrs.yaml -> /proc/self/environ` or `-> ~/.ssh/config`: the repository does not
            # get to have okrlint print another file's lines.
            source.problems.append(
                _file_problem(
                    f"a link to a file outside the repository ({outside}); okrlint does not read it"
                )
            )
            return None
        if size > max_bytes:
            source.problems.append(
                _file_problem(
                    f"file too large ({size / 1e6:.1f} MB; the limit is {max_bytes / 1e6:.1f} MB, "
                    "set by max_file_size in the config)"
                )
            )
            return None
        return path.read_bytes()
    except OSError as error:
        reason = error.strerror or str(error)
        source.problems.append(_file_problem(f"cannot read the file: {reason}"))
        return None


def _links_out_of_repository(link: Path) -> str:
    """Where a linked file really is, when that is outside the link's repository; else ''.

    The repository is the nearest folder holding `.git` above the link (as written, not
    resolved); without one, the link's own folder.
    """
    written = Path(os.path.abspath(link))
    home = next((f for f in written.parents if (f / ".git").exists()), written.parent)
    target = link.resolve()
    return "" if target.is_relative_to(home.resolve()) else str(target)


def load_text(text: str, display: str = "<string>") -> SourceFile:
    """Load YAML given as text (tests, the Python API)."""
    return load_bytes(text.encode("utf-8"), SourceFile(path=Path(display), display=display))


def load_bytes(raw: bytes, source: SourceFile) -> SourceFile:
    text = decode_bytes(raw, source)
    if text is None:
        return source
    source.text = text
    if "\x00" in text:
        line, column = _position_of(text, text.index("\x00"))
        source.problems.append(
            Problem("STR001", "the file contains a NUL byte; is it binary?", _point(line, column))
        )
        return source
    _compose(text, source)
    return source


def _encoding_of(raw: bytes) -> str:
    return "utf-16" if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) else "utf-8-sig"


def decode_text(raw: bytes) -> str | None:
    """The text of a file as the loader decodes it; None when it cannot be decoded."""
    try:
        return raw.decode(_encoding_of(raw))
    except UnicodeDecodeError:
        return None


def decode_bytes(raw: bytes, source: SourceFile) -> str | None:
    """The text of a file, or None with a problem saying where it is not UTF-8 (or UTF-16)."""
    try:
        return raw.decode(_encoding_of(raw))
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = error.start - (before.rfind(b"\n") + 1) + 1
        byte = raw[error.start]
        source.problems.append(
            Problem(
                "STR001",
                f"the file is not UTF-8 text (byte 0x{byte:02x} cannot be decoded); "
                "save it as UTF-8",
                _point(line, column),
            )
        )
        return None


def _compose(text: str, source: SourceFile) -> None:
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    line_lengths = [len(line) for line in text.split("\n")]
    too_deep = _nesting_problem(text, line_lengths)
    if too_deep is not None:
        source.problems.append(too_deep)
        return
    nodes = _compose_all(text)
    # Aliases need an anchor; without one the alias-bomb pre-pass can be skipped.
    may_alias = "&" in text
    index = 0
    while True:
        try:
            node = next(nodes)
        except StopIteration:
            return
        except MarkedYAMLError as error:
            mark = error.problem_mark or error.context_mark
            line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
            message = _parser_message(error)
            if _tab_at(line_lengths, text, line, column):
                message = "a tab where YAML expects spaces; indent with spaces only"
            source.problems.append(
                Problem("STR001", f"invalid YAML: {message}", _point(line, column))
            )
            return
        except (YAMLError, RecursionError, ValueError) as error:
            problem = "nesting too deep" if isinstance(error, RecursionError) else str(error)
            source.problems.append(Problem("STR001", f"invalid YAML: {problem}", _point(1, 1)))
            return
        if node is None:
            continue
        builder = _Builder(line_lengths, may_alias)
        data = builder.build(node)
        if builder.fatal is not None:
            source.problems.append(builder.fatal)
            return
        if is_okr_document(data):
            document = Document(source, index, data, builder.locations, builder.problems)
            source.documents.append(document)
        else:
            source.skipped_documents += 1
            if source.keep_others:
                source.others.append(Document(source, index, data, builder.locations))
        index += 1


def _nesting_problem(text: str, line_lengths: list[int]) -> Problem | None:
    """A problem if the text nests deeper than MAX_DEPTH, found without composing it.

    ruamel's C composer recurses once per level and overflows the C stack (a crash, not an
    exception) somewhere past ten thousand levels. Block nesting is at most about twice the
    widest line, and flow nesting at most the number of brackets, so most files are cleared by
    that count alone; the rest are measured with the parser's events, which do not recurse.
    """
    from ruamel.yaml.error import YAMLError

    bound = 2 * (max(line_lengths) + 1) + text.count("[") + text.count("{")
    if bound <= _SAFE_NESTING:
        return None
    parser = _fast_parser()(text)
    depth = 0
    try:
        while (event := parser.get_event()) is not None:
            kind = type(event).__name__
            if kind in ("MappingStartEvent", "SequenceStartEvent"):
                depth += 1
                if depth > MAX_DEPTH:
                    mark = event.start_mark
                    return Problem(
                        "STR001",
                        f"nesting deeper than {MAX_DEPTH} levels; an OKR file is a few levels deep",
                        _point(mark.line + 1, mark.column + 1),
                    )
            elif kind in ("MappingEndEvent", "SequenceEndEvent"):
                depth -= 1
            elif kind == "StreamEndEvent":
                break
    except YAMLError:
        return None  # composing stops at the same error, no deeper than the events went
    finally:
        parser.dispose()
    return None


# Composing this deep is safe for the C stack; the builder then applies MAX_DEPTH itself.
_SAFE_NESTING = 1_000


def _compose_all(text: str) -> Iterator[Any]:
    """The node trees of a text's documents, from ruamel's C parser and composer.

    Tags are resolved with YAML 1.2's implicit rules, as ruamel's C-backed loader resolves them
    (it too reads a `%YAML 1.1` directive and keeps 1.2's rules).
    """
    parser = _fast_parser()(text)
    try:
        while parser.check_node():
            yield parser.get_node()
    finally:
        parser.dispose()


_FAST_PARSER: Any = None


def _fast_parser() -> Any:
    """ruamel's C parser with a resolver that does only what plain YAML 1.2 needs.

    ruamel's own resolver looks up the YAML version on every scalar, which costs as much as
    parsing; the implicit rules (regular expressions by first character) are ruamel's own.
    """
    global _FAST_PARSER
    if _FAST_PARSER is not None:
        return _FAST_PARSER
    from ruamel.yaml.cyaml import CParser  # type: ignore[attr-defined]
    from ruamel.yaml.nodes import ScalarNode, SequenceNode
    from ruamel.yaml.resolver import implicit_resolvers
    from ruamel.yaml.tag import Tag

    def constant(name: str) -> Any:
        tag = Tag(suffix=_CORE_TAG + name)
        _TAG_TEXT[id(tag)] = str(tag)  # also caches the tag's text inside the Tag
        return tag

    tags: dict[str, Any] = {}
    by_first: dict[str, list[tuple[Any, re.Pattern[str]]]] = {}
    for versions, name, regexp, first in implicit_resolvers:
        if (1, 2) not in versions:
            continue
        tag = tags.setdefault(name, constant(name.removeprefix(_CORE_TAG)))
        # ruamel compiles its patterns lazily behind a proxy; compile them once, directly.
        pattern = re.compile(regexp.pattern, regexp.flags)
        for character in first:
            by_first.setdefault(character, []).append((tag, pattern))
    text_tag, seq_tag, map_tag = constant("str"), constant("seq"), constant("map")
    resolved: dict[str, Any] = {}
    _TAG_TEXT.update({id(tag): str(tag) for tag in tags.values()})
    _PLAIN_TAG_TEXT.update({key: text for key, text in _TAG_TEXT.items() if text in _PLAIN_TAGS})
    global _STR_TAG_ID
    _STR_TAG_ID = id(text_tag)

    class FastParser(CParser):  # type: ignore[misc]
        def descend_resolver(self, parent: Any, index: Any) -> None:
            return None

        def ascend_resolver(self) -> None:
            return None

        def resolve(self, kind: Any, value: str, implicit: tuple[bool, bool]) -> Any:
            if kind is ScalarNode:
                if implicit[0]:
                    # Keys and enum values repeat on every line; most texts never match.
                    known = resolved.get(value)
                    if known is not None:
                        return known
                    found = text_tag
                    for tag, pattern in by_first.get(value[:1], ()):
                        if pattern.match(value):
                            found = tag
                            break
                    if len(resolved) > 50_000:
                        resolved.clear()
                    resolved[value] = found
                    return found
                return text_tag
            return seq_tag if kind is SequenceNode else map_tag

    _FAST_PARSER = FastParser
    return FastParser


# The text of the shared Tag objects the fast resolver hands out, by identity. The Tags live as
# long as the parser class that holds them, so their ids are never reused.
_TAG_TEXT: dict[int, str] = {}
# The same for the plain tags only: a node with one of these needs no check of its tag.
_PLAIN_TAG_TEXT: dict[int, str] = {}
# The plain string tag, by far the most common: its scalars are their own value.
_STR_TAG_ID = -1


def _tag_text(node: Any) -> str:
    ctag = node.ctag
    text = _TAG_TEXT.get(id(ctag))
    return text if text is not None else str(ctag)


class _Builder:
    """Turns a composed node tree into plain data and records each node's location."""

    def __init__(self, line_lengths: list[int], may_alias: bool = True) -> None:
        self._line_lengths = line_lengths
        self._may_alias = may_alias
        self.locations = LocationIndex()
        self.problems: list[Problem] = []
        self.fatal: Problem | None = None
        self._built: dict[int, Any] = {}
        self._expanded: dict[int, int] = {}

    def build(self, root: Any) -> Any:
        try:
            expanded = self._expanded_size(root, 0) if self._may_alias else 0
            if expanded - len(self._expanded) > MAX_EXPANDED_NODES:
                self.fatal = Problem(
                    "STR001",
                    "aliases expand to more than "
                    f"{MAX_EXPANDED_NODES:,} extra nodes; okrlint does not expand alias bombs",
                    self._span(root),
                )
                return None
            span = self._marks(root)
            self.locations.add((), span, span)
            return self._build(root, (), 0)
        except _Recursive as recursive:
            # `x: &a [*a]` is a list that holds itself: no rule could walk it to the end.
            self.fatal = Problem(
                "STR001",
                "a recursive alias (an anchor used inside its own value); okrlint does not "
                "follow it",
                recursive.span,
            )
            return None
        except _TooDeep as too_deep:
            self.fatal = Problem(
                "STR001",
                f"nesting deeper than {MAX_DEPTH} levels; an OKR file is a few levels deep",
                too_deep.span,
            )
            return None

    def _expanded_size(self, node: Any, depth: int) -> int:
        if depth > MAX_DEPTH:
            raise _TooDeep(self._span(node))
        known = self._expanded.get(id(node))
        if known is not None:
            if known == _IN_PROGRESS:
                raise _Recursive(self._span(node))
            return known
        # Memoised per node, so this walks each written node once however often it is aliased.
        self._expanded[id(node)] = _IN_PROGRESS
        total = 1
        for child in _children(node):
            total += self._expanded_size(child, depth + 1)
        self._expanded[id(node)] = total
        return total

    def _build(self, node: Any, path: NodePath, depth: int) -> Any:
        # The hottest code of a run (once per node of every file): lookups are kept local and
        # the shared tags of the fast resolver are recognised by identity.
        may_alias = self._may_alias
        if may_alias and id(node) in self._built:
            # An alias: share the value already built; its children keep their first location.
            return self._built[id(node)]
        if depth > MAX_DEPTH:
            raise _TooDeep(self._span(node))
        tag_id = id(node.ctag)
        tag = _PLAIN_TAG_TEXT.get(tag_id)
        if tag is None:
            tag = _tag_text(node)
            if tag not in _PLAIN_TAGS and not tag.startswith(_CORE_TAG + "binary"):
                self.problems.append(
                    Problem(
                        "STR002",
                        f"the tag {_short_tag(tag)} is not allowed in an OKR file; "
                        "okrlint reads plain YAML values only",
                        self._span(node),
                    )
                )
        kind = node.id
        if kind == "mapping":
            result: dict[str, Any] = {}
            if may_alias:
                self._built[id(node)] = result
            self._fill_mapping(node, result, path, depth)
            return result
        if kind == "sequence":
            items: list[Any] = []
            if may_alias:
                self._built[id(node)] = items
            spans = self.locations._spans
            line_lengths = self._line_lengths
            build = self._build
            for position, child in enumerate(node.value):
                child_path = (*path, position)
                child_span = _marks(child, line_lengths)
                if child_path not in spans:
                    spans[child_path] = (child_span, child_span)
                items.append(build(child, child_path, depth + 1))
            return items
        value = node.value if tag_id == _STR_TAG_ID else _scalar(tag, node.value)
        if may_alias:
            self._built[id(node)] = value
        return value

    def _fill_mapping(self, node: Any, result: dict[str, Any], path: NodePath, depth: int) -> None:
        merged: list[tuple[Any, Any]] = []
        first_line: dict[str, int] = {}
        spans = self.locations._spans
        line_lengths = self._line_lengths
        build = self._build
        may_alias = self._may_alias
        for key_node, value_node in node.value:
            is_scalar = key_node.id == "scalar"
            # A key with the plain string tag is never a merge key; others are looked at closely.
            if (
                is_scalar
                and id(key_node.ctag) != _STR_TAG_ID
                and _tag_text(key_node) == _CORE_TAG + "merge"
            ):
                merged.extend(_merge_sources(value_node))
                continue
            key = str(key_node.value) if is_scalar else "<complex key>"
            key_mark = key_node.start_mark
            if key in first_line:
                self.problems.append(
                    Problem(
                        "STR001",
                        f"duplicate key '{key}' (first defined on line {first_line[key]}); "
                        "YAML keys must be unique, and the later value is ignored",
                        self._span(key_node),
                    )
                )
                continue
            key_line = key_mark.line + 1
            first_line[key] = key_line
            child_path = (*path, key)
            value_span = _marks(value_node, line_lengths)
            spans[child_path] = (
                (key_line, key_mark.column + 1, value_span[2], value_span[3]),
                value_span,
            )
            # Most values are strings: taken here as `_build` would take them, without its call.
            if (
                not may_alias
                and id(value_node.ctag) == _STR_TAG_ID
                and value_node.id == "scalar"
                and depth < MAX_DEPTH
            ):
                result[key] = value_node.value
            else:
                result[key] = build(value_node, child_path, depth + 1)
        for key_node, value_node in merged:
            key = _key_text(key_node)
            if key not in result:
                result[key] = build(value_node, (*path, key), depth + 1)

    def _marks(self, node: Any) -> tuple[int, int, int, int]:
        return _marks(node, self._line_lengths)

    def _span(self, node: Any) -> Span:
        return Span(*_marks(node, self._line_lengths))


class _TooDeep(Exception):
    def __init__(self, span: Span) -> None:
        self.span = span


class _Recursive(_TooDeep):
    pass


# The expanded size of a node whose children are still being counted.
_IN_PROGRESS = -1


def _children(node: Any) -> Iterator[Any]:
    kind = type(node).__name__
    if kind == "MappingNode":
        for key_node, value_node in node.value:
            yield key_node
            yield value_node
    elif kind == "SequenceNode":
        yield from node.value


def _merge_sources(value_node: Any) -> list[tuple[Any, Any]]:
    """The key/value pairs a merge key (`<<: *defaults`) brings in, nearest first."""
    kind = type(value_node).__name__
    if kind == "MappingNode":
        return list(value_node.value)
    if kind == "SequenceNode":
        pairs: list[tuple[Any, Any]] = []
        for item in value_node.value:
            if type(item).__name__ == "MappingNode":
                pairs.extend(item.value)
        return pairs
    return []


def _key_text(key_node: Any) -> str:
    if type(key_node).__name__ == "ScalarNode":
        return str(key_node.value)
    return "<complex key>"


def _short_tag(tag: str) -> str:
    return "!!" + tag[len(_CORE_TAG) :] if tag.startswith(_CORE_TAG) else tag


def _scalar(tag: str, text: str) -> Any:
    try:
        if tag == _CORE_TAG + "null":
            return None
        if tag == _CORE_TAG + "bool":
            return text.lower() == "true"
        if tag == _CORE_TAG + "int":
            return _int(text)
        if tag == _CORE_TAG + "float":
            return _float(text)
        if tag == _CORE_TAG + "timestamp":
            return _timestamp(text)
    except (ValueError, OverflowError):
        return text
    return text


def _int(text: str) -> int:
    cleaned = text.replace("_", "")
    sign = -1 if cleaned.startswith("-") else 1
    digits = cleaned.lstrip("+-")
    if digits[:2].lower() in ("0x", "0o", "0b"):
        return sign * int(digits, 0)
    return sign * int(digits)


def _float(text: str) -> float:
    lowered = text.lower().replace("_", "")
    if lowered.lstrip("+-") in (".inf", "inf"):
        return float("-inf") if lowered.startswith("-") else float("inf")
    if lowered in (".nan", "nan"):
        return float("nan")
    return float(lowered)


def _timestamp(text: str) -> dt.date | dt.datetime:
    if len(text) == 10:
        return dt.date.fromisoformat(text)
    return dt.datetime.fromisoformat(text.replace(" ", "T", 1).replace("t", "T"))


def _marks(node: Any, line_lengths: list[int] | None = None) -> tuple[int, int, int, int]:
    """A node's 1-based (line, column, end line, end column): the one place marks are converted."""
    start, end = node.start_mark, node.end_mark
    end_line, end_column = end.line, end.column
    # A block collection ends at the start of the next line; report the end of its last line.
    if end_column == 0 and end_line > start.line and line_lengths is not None:
        end_line -= 1
        end_column = line_lengths[end_line] if end_line < len(line_lengths) else 0
    return (start.line + 1, start.column + 1, end_line + 1, end_column + 1)


def _span(node: Any, line_lengths: list[int] | None = None) -> Span:
    return Span(*_marks(node, line_lengths))


def _point(line: int, column: int) -> Span:
    return Span(line, column, line, column)


def _parser_message(error: Any) -> str:
    """The parser's problem first, then where the construct it was reading began."""
    problem = error.problem if isinstance(error.problem, str) else ""
    context = error.context if isinstance(error.context, str) else ""
    start, end = error.context_mark, error.problem_mark
    if context and start is not None and end is not None and start.line != end.line:
        where = f"line {start.line + 1}, column {start.column + 1}"
        return f"{problem} ({context} that starts on {where})" if problem else context
    return " ".join(part for part in (context, problem) if part)


def _tab_at(line_lengths: list[int], text: str, line: int, column: int) -> bool:
    """Whether the 1-based position holds a tab (the parser's message for one is cryptic)."""
    if not 0 < line <= len(line_lengths) or not 0 < column <= line_lengths[line - 1]:
        return False
    offset = sum(length + 1 for length in line_lengths[: line - 1]) + column - 1
    return text[offset] == "\t"


def _file_problem(message: str) -> Problem:
    return Problem("STR001", message, _point(1, 1))


def _position_of(text: str, offset: int) -> tuple[int, int]:
    before = text[:offset]
    line = before.count("\n") + 1
    return line, offset - (before.rfind("\n") + 1) + 1


def read_plain_yaml(text: str) -> Any:
    """Parse a YAML file that is not an OKR file (a config) with the same guards.

    Raises ValueError with the line and column of the first problem.
    """
    if "\x00" in text:
        raise ValueError("the file contains a NUL byte")
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    line_lengths = [len(line) for line in text.split("\n")]
    too_deep = _nesting_problem(text, line_lengths)
    if too_deep is not None:
        raise ValueError(
            f"line {too_deep.span.line}, column {too_deep.span.column}: {too_deep.message}"
        )
    try:
        nodes = list(_compose_all(text))
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        raise ValueError(f"{where}invalid YAML: {error.problem or error.context}") from None
    except (YAMLError, RecursionError) as error:
        raise ValueError(f"invalid YAML: {error or 'nesting too deep'}") from None
    nodes = [node for node in nodes if node is not None]
    if len(nodes) > 1:
        raise ValueError("expected one YAML document, found several")
    if not nodes:
        return None
    builder = _Builder(line_lengths)
    data = builder.build(nodes[0])
    problems = [builder.fatal] if builder.fatal else builder.problems
    if problems:
        first = problems[0]
        raise ValueError(f"line {first.span.line}, column {first.span.column}: {first.message}")
    return data
