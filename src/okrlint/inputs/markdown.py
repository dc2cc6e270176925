"""Markdown OKR outlines, read with markdown-it-py (a CommonMark parser), not line patterns.

What is read, as teams write it in handbooks and team repositories:
- objectives as headings, list items or paragraphs: `### Objective: ...`, `1. **OBJECTIVE: ...**`,
  `**O1** ...`, `**Objective 1:** ...` on a line of its own, a bold item with nested items, a plain
  heading with a list or a key-result table under it, or the rows of a table with an objective
  column and a key-result column (an empty objective cell continues the row above);
- key results as the items under an objective, `KR:`/`KR1:` items, headings or lines, table
  rows (without their markers: `| **O1: ...** | KR1: ... |`), or lines or items numbered
  under a numbered objective (`1.1 ...` under `1. ...` or `## 1. ...`);
- a struck-through item (`~~KR3: ...~~`) as dropped, not read; emoji around an item as
  decoration (`🎯 Objective: ...`), a traffic light or tick (🟢 🟡 🔴 ✅) as its status;
- a `### Key results` heading under an objective as the start of its key results; a column of a
  key-result table that okrlint has no field for (`Progress`) as an `x-` field;
- tags in front of an item (`` `P0` ``, `[P1]`, `@name`) as priority and owner; a result after
  `=>` (`=> 80% done`) as the score and what was learned, a grade after a dash at the end
  (`— *0.7*`, `- score: 0.4`) as the score; a `> Why?` quote as the description;
- sections of the page that hold no OKRs (`## Risks`, `## Notes`, `**Open questions:**`,
  `- Risks:`) are skipped; an `Initiatives` heading, label or item under an objective lists
  its initiatives;
- team and period from front matter, from headings (`## Growth`, `# OKRs Q1 2026`), from after
  an objective's title (`(People, Q3 2026)`, `— Q3 2026`), from the file or folder name, or
  from `--team`/`--period`.

Every node is placed at the line of the Markdown source it came from.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from typing import Any

from okrlint.inputs.aliases import field_for, fold
from okrlint.inputs.options import UNREADABLE, InputOptions
from okrlint.inputs.outline import (
    Entry,
    KeyResultDraft,
    ObjectiveDraft,
    Outline,
    Place,
    SetDraft,
)
from okrlint.inputs.table import OBJECTIVE_HEADERS
from okrlint.inputs.values import cell_value, names_from_path, period_in_name, to_period
from okrlint.pipeline.load import decode_bytes, read_plain_yaml
from okrlint.sources import Problem, SourceFile, Span

# CommonMark allows deep nesting; an OKR outline is a few levels deep.
MAX_NESTING = 20

_OBJECTIVE = re.compile(
    r"^(?:(?:objective|goal)\s*(?P<n1>\d+)?\s*[:.)\-–—]\s*|O(?P<n2>\d+)\b\s*[:.)\-–—]?\s*)",
    re.IGNORECASE,
)
_KEY_RESULT = re.compile(
    r"^(?:(?:key\s*result|KR)\s*(?P<n1>\d+(?:\.\d+)?)?\s*[:.)\-–—]\s*"
    r"|KR\s*(?P<n2>\d+(?:\.\d+)?)\b\s*[:.)\-–—]?\s*)",
    re.IGNORECASE,
)
_LEADING_TAG = re.compile(r"^\s*(`[^`\n]{1,30}`|\[[^\]\n]{1,30}\]|@[\w.\-]+)\s*[-–—:|,]?\s*")
_TRAILING_TAG = re.compile(r"\s*[-–—,]?\s*(`[^`\n]{1,30}`|\[[^\]\n]{1,30}\]|@[\w.\-]+)\s*$")
_PRIORITY = re.compile(r"^(?:P[0-4]|priority\s*\d|high|medium|low|must|should|could)$", re.I)
_RESULT = re.compile(r"\s*(?:=>|⇒|→|->)\s*")
# A grade written after a dash at the end of a key result, set apart by emphasis or the word
# score: "... — *0.7*", "... - score: 0.4". A bare figure there may be the target: it stays.
_TRAILING_SCORE = re.compile(
    r"\s+[-–—]\s+(?:(?P<mark>\*{1,2}|_{1,2})(?P<marked>[01](?:\.\d{1,2})?)(?P=mark)"
    r"|(?i:score[d:]?)\s*(?P<named>[01](?:\.\d{1,2})?))\s*$"
)
_GRADE = re.compile(r"[01](?:\.\d{1,2})?")
_PERCENT = re.compile(
    r"^\s*(\d{1,3}(?:\.\d+)?)\s*%\s*(?:done|complete|completed|achieved)?\s*[.,;:]?"
)
_HTML_COMMENT = re.compile(r"<!--.*?-->")
_EMOJI = (
    r"[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF\u2300-\u23FF]\uFE0F?"
    r"(?:\u200D[\U0001F000-\U0001FAFF\u2600-\u27BF]\uFE0F?)*"
)
_LEADING_EMOJI = re.compile(rf"^(?:{_EMOJI}\s*)+")
_TRAILING_EMOJI = re.compile(rf"(?:\s*{_EMOJI})+\s*$")
_STATUS_EMOJI = frozenset("🟢🟡🟠🔴✅❌⚠⛔🚧✔✓☑")
_STRUCK = re.compile(r"^~~[^~].*~~$")
_CHECKBOX = re.compile(r"^\[[ xX]\]\s*")
_LABEL = re.compile(r"^\s*(?P<label>[A-Za-z][A-Za-z ]{1,30}?)\s*:\s*(?P<value>\S.*)$")
_GENERIC = frozenset(
    fold(w)
    for w in (
        "okr",
        "okrs",
        "objectives",
        "objective",
        "goals",
        "key results",
        "and",
        "for",
        "team",
        "the",
        "our",
        "of",
        "plan",
        "quarterly",
        "overview",
    )
)
_KR_LABELS = frozenset(fold(w) for w in ("key results", "key results:", "krs", "krs:", "results"))
_KR_HEADERS = frozenset(
    fold(w) for w in ("key result", "key results", "kr", "krs", "result", "title", "metric")
)


@dataclass(slots=True)
class _Item:
    """What a heading or list item says once its markers and tags are read."""

    kind: str  # "objective", "key_result" or "plain"
    title: str
    title_column: int
    bold: bool
    owner: str | None = None
    priority: str | None = None
    result: str | None = None
    status: str | None = None


@dataclass(slots=True)
class _Context:
    team: Entry | None
    period: Entry | None


@dataclass(slots=True)
class _Reader:
    source: SourceFile
    lines: list[str]
    options: InputOptions
    outline: Outline = field(default_factory=Outline)
    year: int | None = None
    stray_key_results: int = 0
    # Whether any objective or key result was marked as one (`Objective:`, `KR1:`, a bold
    # item with items under it, a key-result table): a document of plain headings and lists
    # is read as OKRs only when a heading says it holds them.
    marked: bool = False
    # The set each objective went to, and the context of aligned team objectives.
    set_of: dict[int, SetDraft] = field(default_factory=dict)
    context_of: dict[int, _Context] = field(default_factory=dict)
    # The team and period written after an objective's title, for the objectives after it.
    title_team: Entry | None = None
    title_period: Entry | None = None
    # The number of a numbered objective (`## 2. ...`), whose key results are `2.1`, `2.2`.
    number_of: dict[int, str] = field(default_factory=dict)

    def place(self, begin: int, end: int, column: int | None = None) -> Place:
        """1-based span of the 0-based line range [begin, end) of the Markdown source."""
        end = max(end, begin + 1)
        first = self.lines[begin] if begin < len(self.lines) else ""
        last = self.lines[end - 1] if end - 1 < len(self.lines) else ""
        if column is None:
            column = len(first) - len(first.lstrip()) + 1
        return (begin + 1, column, end, len(last.rstrip()) + 1)


def read_markdown(raw: bytes, source: SourceFile, options: InputOptions) -> SourceFile:
    text = decode_bytes(raw, source)
    if text is None:
        _as_unreadable(source)
        return source
    source.text = text
    if "\x00" in text:
        source.problems.append(_problem("the file contains a NUL byte; is it binary?", 1))
        return source
    lines = text.split("\n")
    reader = _Reader(source, lines, options)
    team, period, year = names_from_path(source.path)
    reader.year = year
    defaults = _Context(
        Entry(options.team or team, (1, 1, 1, 1)) if (options.team or team) else None,
        Entry(options.period or period, (1, 1, 1, 1)) if (options.period or period) else None,
    )
    body, front = _front_matter(text, source, defaults)
    if front is None:
        return source
    from markdown_it import MarkdownIt
    from markdown_it.tree import SyntaxTreeNode

    parser = MarkdownIt("commonmark", {"maxNesting": MAX_NESTING}).enable("table")
    try:
        tree = SyntaxTreeNode(parser.parse(body))
    except RecursionError:
        source.problems.append(_problem("the Markdown nests too deep to read", 1))
        return source
    _read_blocks(reader, list(tree.children), defaults)
    outline = reader.outline
    if outline.objectives == 0 or not (reader.marked or _says_okrs(text)):
        source.problems.append(
            _problem(
                "no OKR outline found in this Markdown file; okrlint reads objectives as "
                "headings or bold or numbered items ('Objective: ...', 'O1 ...') with key "
                "results as items nested under them ('KR: ...'), or a heading with a table of "
                "key results",
                1,
            )
        )
        return source
    if outline.key_results == 0:
        first = outline.sets[0].objectives[0].place
        source.problems.append(
            _problem(
                f"found {outline.objectives} objective(s) but no key results; write each key "
                "result as an item nested under its objective ('- KR: ...')",
                first[0],
                first[1],
            )
        )
        return source
    source.documents = outline.documents(source, "markdown")
    return source


_OKR_WORDS = re.compile(r"(?i)\bOKRs?\b|\bobjectives?\b|\bkey results?\b|\bgoals\b")


def _says_okrs(text: str) -> bool:
    return any(
        _OKR_WORDS.search(line) for line in text.split("\n") if line.lstrip().startswith("#")
    )


def _as_unreadable(source: SourceFile) -> None:
    source.problems[:] = [
        Problem(UNREADABLE, p.message, p.span) if p.code == "STR001" else p for p in source.problems
    ]


def _problem(message: str, line: int, column: int = 1) -> Problem:
    return Problem(UNREADABLE, message, Span(line, column, line, column))


def _front_matter(text: str, source: SourceFile, context: _Context) -> tuple[str, _Context | None]:
    """The text with its YAML front matter blanked (lines kept), and the context it sets."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return text, context
    for end in range(1, min(len(lines), 200)):
        if lines[end].strip() in ("---", "..."):
            break
    else:
        return text, context
    try:
        data = read_plain_yaml("\n".join(lines[1:end]))
    except ValueError as error:
        source.problems.append(_problem(f"cannot read the front matter: {error}", 1))
        return text, None
    if isinstance(data, dict):
        for key, value in data.items():
            name = field_for("OkrSet", str(key))
            line = next((n + 1 for n in range(1, end) if lines[n].lstrip().startswith(str(key))), 1)
            place = (line, 1, line, len(lines[line - 1]) + 1)
            if name == "team" and value:
                context.team = Entry(str(value).strip(), place)
            elif name == "period" and value is not None:
                period = to_period(value)
                context.period = Entry(period or str(value), place)
    blanked = "\n" * (end + 1) + "\n".join(lines[end + 1 :])
    return blanked, context


def _inline_text(node: Any) -> tuple[str, int]:
    """The raw Markdown of a paragraph or heading's inline content, on one line, and its
    first line (0-based)."""
    for child in node.children:
        if child.type == "inline":
            return " ".join(child.content.split("\n")).strip(), child.map[0]
    return "", node.map[0] if node.map else 0


def _parse_item(text: str, line_text: str) -> _Item:
    owner = priority = result = None
    # HTML comments (suppressions among them) are not part of the text.
    rest = _CHECKBOX.sub("", _HTML_COMMENT.sub("", text).strip())
    if _STRUCK.match(rest):
        # Struck through: dropped by its team, not part of the OKRs.
        return _Item("plain", "", 0, False)
    # Emoji in front of or after an item decorate it (`🎯 Objective: ...`); a traffic light or
    # a tick says its status.
    status = None
    for emoji in (_LEADING_EMOJI.match(rest), _TRAILING_EMOJI.search(rest)):
        if emoji is not None and emoji.end() > emoji.start():
            marks = "".join(c for c in emoji.group() if c in _STATUS_EMOJI)
            status = status or marks or None
    rest = _TRAILING_EMOJI.sub("", _LEADING_EMOJI.sub("", rest))
    while True:
        match = _LEADING_TAG.match(rest)
        if match is None:
            break
        tag = match.group(1).strip("`[]")
        if tag.startswith("@"):
            owner = owner or tag[1:]
        elif _PRIORITY.match(tag):
            priority = priority or tag
        else:
            break
        rest = rest[match.end() :]
    parts = _RESULT.split(rest, maxsplit=1)
    if len(parts) == 2:
        rest, result = parts[0], parts[1].strip() or None
    grade = _TRAILING_SCORE.search(rest)
    if grade is not None and result is None and float(grade["marked"] or grade["named"]) <= 1:
        rest, result = rest[: grade.start()], grade["marked"] or grade["named"]
    bold = False
    for mark in ("**", "__"):
        if rest.startswith(mark):
            close = rest.find(mark, len(mark))
            if close > 0:
                inner, after = rest[len(mark) : close], rest[close + len(mark) :]
                rest = f"{inner} {after.lstrip()}" if after.strip() else inner
                bold = True
            break
    while True:
        match = _TRAILING_TAG.search(rest)
        if match is None or match.start() == 0:
            break
        tag = match.group(1).strip("`[]")
        if tag.startswith("@"):
            owner = owner or tag[1:]
        elif _PRIORITY.match(tag):
            priority = priority or tag
        else:
            break
        rest = rest[: match.start()]
    kind = "plain"
    marker = _OBJECTIVE.match(rest)
    if marker is not None and marker.end() < len(rest):
        kind, rest = "objective", rest[marker.end() :]
    else:
        marker = _KEY_RESULT.match(rest)
        if marker is not None and marker.end() < len(rest):
            kind, rest = "key_result", rest[marker.end() :]
    title = rest.strip().strip("*_").strip()
    found = line_text.find(title[:20]) if title else -1
    column = found + 1 if found >= 0 else 0
    return _Item(kind, title, column, bold, owner, priority, result, status)


def _heading_context(text: str, context: _Context, place: Place, year: int | None) -> _Context:
    period_text = period_in_name(text)
    team_words = text
    period = context.period
    if period_text:
        period = Entry(period_text, place)
        match = re.search(
            r"(?i)(?:fy[\-_ ]?)?(?:\d{2,4}[\-_ ]?[qh][1-4]|[qh][1-4][\-_ ]?(?:fy)?\d{4})", text
        )
        if match:
            team_words = text[: match.start()] + " " + text[match.end() :]
    else:
        bare = re.search(r"(?i)\b([QH][1-4])\b", text)
        if bare and year is not None:
            period = Entry(to_period(bare.group(1), year) or bare.group(1), place)
            team_words = text[: bare.start()] + " " + text[bare.end() :]
    words = [w.strip(".,;'\"*_`") for w in re.split(r"[\s:–—\-|/(),]+", team_words)]
    words = [w for w in words if any(c.isalnum() for c in w)]
    kept = [w for w in words if fold(w) not in _GENERIC and not re.fullmatch(r"\d{4}", w)]
    team = Entry(" ".join(kept), place) if kept else context.team
    return _Context(team, period)


def _read_blocks(reader: _Reader, blocks: list[Any], context: _Context) -> None:
    """Read the top-level blocks: headings open sections, objectives and key results."""
    # The heading stack: (level, context, objective or None, section or None).
    stack: list[tuple[int, _Context, ObjectiveDraft | None, str | None]] = [
        (0, context, None, None)
    ]
    # A label line (`**Risks:**`) names the section of the list right after it.
    labelled: str | None = None
    for position, block in enumerate(blocks):
        _, current, objective, section = stack[-1]
        if labelled is not None and block.type in ("bullet_list", "ordered_list"):
            section = labelled
        if block.type != "paragraph" or labelled is not None:
            labelled = None
        if block.type == "heading":
            depth = int(block.tag[1:])
            while len(stack) > 1 and stack[-1][0] >= depth:
                stack.pop()
            _, current, objective, section = stack[-1]
            text, line = _inline_text(block)
            item = _parse_item(text, reader.lines[line] if line < len(reader.lines) else "")
            place = reader.place(line, line + 1)
            if item.kind == "key_result" and objective is not None and section is None:
                _add_key_result(reader, objective, item, place)
                stack.append((depth, current, objective, None))
                continue
            if objective is not None and item.kind == "plain" and fold(item.title) in _KR_LABELS:
                # `### Key results` under an objective: what follows is its key results.
                stack.append((depth, current, objective, None))
                continue
            named = _section_of(item.title) if item.kind == "plain" else None
            if named is not None or (section is not None and item.kind == "plain"):
                # A section of the page (notes, risks, initiatives), or a heading inside one:
                # what it holds is not OKRs; initiatives belong to the objective above.
                stack.append((depth, current, objective, named or section))
                continue
            numbered = _NUMBERED_TITLE.match(item.title) if item.kind == "plain" else None
            if numbered is not None:
                item.title = item.title[numbered.end() :]
                item.title_column += numbered.end() if item.title_column else 0
            number = numbered[1] if numbered is not None else None
            if item.kind == "objective" or (
                item.kind == "plain" and _heads_an_objective(blocks, position, item, number)
            ):
                drafted = _add_objective(reader, current, item, place)
                if number is not None:
                    reader.number_of[id(drafted)] = number
                stack.append((depth, current, drafted, None))
                continue
            if numbered is not None:
                item.title = text  # not an objective: the heading as written
            stack.append((depth, _heading_context(text, current, place, reader.year), None, None))
            continue
        if section is not None:
            if section == _INITIATIVES and objective is not None and block.type.endswith("_list"):
                _add_initiatives(reader, block, objective)
            continue
        if block.type == "paragraph" and (named := _label_section(block)) is not None:
            labelled = named
            continue
        if block.type in ("bullet_list", "ordered_list"):
            _read_list(reader, block, current, objective)
        elif block.type == "table" and _objective_column(block) is not None:
            _read_objective_table(reader, block, current)
        elif block.type == "table" and objective is not None:
            _read_table(reader, block, objective)
        elif block.type == "blockquote" and objective is not None:
            _describe(reader, block, objective)
        elif block.type == "paragraph":
            holder = _read_paragraph(reader, block, current, objective)
            if holder is not None and holder is not objective:
                # An objective on a line of its own holds what follows until the next
                # heading or objective: it sits below every heading.
                while len(stack) > 1 and stack[-1][0] > _DEEPEST_HEADING:
                    stack.pop()
                stack.append((_DEEPEST_HEADING + 1, stack[-1][1], holder, None))


_INITIATIVES = "initiatives"
# Sections of an OKR page that hold no objectives, as headings or labels name them; the
# words of work planned for an objective make its initiatives.
_SECTION_WORDS = frozenset(
    [
        "notes",
        "note",
        "risks",
        "risk",
        "dependencies",
        "dependency",
        "context",
        "background",
        "links",
        "resources",
        "references",
        "retro",
        "retrospective",
        "learnings",
        "assumptions",
        "blockers",
        "decisions",
        "faq",
        "appendix",
        "timeline",
        "milestones",
        "stakeholders",
        "glossary",
        "comments",
        "updates",
    ]
) | frozenset(
    (
        "open questions",
        "questions",
        "lessons learned",
        "out of scope",
        "non goals",
        "non-goals",
        "next steps",
        "action items",
        "parking lot",
        "further reading",
        "status updates",
        "mitigations",
    )
)
_WORK_WORDS = frozenset(
    [
        "initiatives",
        "initiative",
        "projects",
        "epics",
        "deliverables",
        "tasks",
        "workstreams",
        "bets",
    ]
)
_QUALIFIERS = frozenset(
    ["key", "open", "known", "main", "top", "major", "other", "related", "supporting", "planned"]
)


def _section_of(title: str) -> str | None:
    """`Risks`, `Open questions`, `Risks & dependencies`, `Initiatives:` name a section of the
    page, not an objective: its kind ("initiatives" or "section"), or None."""
    words = re.sub(r"\([^)]*\)", " ", title)
    words = re.sub(r"[^\w\s&/,\-]", " ", words).lower().strip()
    words = re.sub(r"^\d+[.)]?\s+", "", words)
    parts = [p.strip() for p in re.split(r"\s*(?:&|/|,|\band\b)\s*", words) if p.strip()]
    if not parts or len(words) > 40:
        return None
    kinds = set()
    for part in parts:
        part = " ".join(part.split())
        head, _, rest = part.partition(" ")
        if head in _QUALIFIERS and rest:
            part = rest
        if part in _WORK_WORDS:
            kinds.add(_INITIATIVES)
        elif part in _SECTION_WORDS:
            kinds.add("section")
        else:
            return None
    return _INITIATIVES if kinds == {_INITIATIVES} else "section"


def _label_section(block: Any) -> str | None:
    """A paragraph that is only a label of a section (`**Risks:**`, `Dependencies:`)."""
    text, _ = _inline_text(block)
    label = text.strip()
    bold = label.startswith(("**", "__")) and label.endswith(("**", "__", "**:", "__:"))
    if not (bold or label.endswith(":")) or "\n" in label:
        return None
    return _section_of(label.strip("*_: "))


def _add_initiatives(reader: _Reader, block: Any, objective: ObjectiveDraft) -> None:
    """The items of a list as the objective's initiatives (the work planned for it)."""
    titles = []
    for node in block.children:
        text, line = _first_paragraph(node)
        item = _parse_item(text, reader.lines[line] if line < len(reader.lines) else "")
        if item.title:
            titles.append(item.title)
    if not titles or not block.map:
        return
    known = objective.fields.get("initiatives")
    begin, end = block.map
    if known is not None:
        known.value.extend(titles)
    else:
        objective.fields["initiatives"] = Entry(titles, reader.place(begin, end))


def _heads_an_objective(
    blocks: list[Any], position: int, item: _Item, number: str | None = None
) -> bool:
    """A plain heading is an objective when what follows it, before the next heading, is a
    flat list of key results or a table of them, or lines numbered as its key results (`1.1`
    under `## 1. ...`), and it names no period of its own."""
    if not item.title or period_in_name(item.title):
        return False
    for block in blocks[position + 1 :]:
        if block.type == "heading":
            return False
        if block.type == "paragraph":
            lines = _inline_text(block)[0] and _paragraph_lines(block)
            if number is not None and lines and all(_sub_numbered(x, number) for x in lines):
                return True
            if any(_parse_item(x, x).kind == "objective" for x in lines or ()):
                # An objective on a line of its own below: the heading is a title above it.
                return False
        if block.type == "table":
            return _table_columns(block) is not None and _objective_column(block) is None
        if block.type in ("bullet_list", "ordered_list"):
            items = [c for c in block.children if c.type == "list_item"]
            return bool(items) and not any(_is_objective_item(child) for child in items)
    return False


_NUMBERED_TITLE = re.compile(r"^(\d{1,2})[.)]\s+(?=\S)")


def _sub_numbered(text: str, number: str | None) -> str | None:
    """The text of a line numbered as a key result of objective `number` (`1.2 ...` under
    `1. ...`), or None."""
    if not number:
        return None
    match = re.match(rf"\s*{re.escape(number)}\.\d{{1,2}}[.):]?\s+(?=\S)", text)
    return text[match.end() :] if match else None


def _paragraph_lines(block: Any) -> list[str]:
    for child in block.children:
        if child.type == "inline":
            return [line.strip() for line in child.content.split("\n")]
    return []


def _numbered_key_results(node: Any) -> tuple[list[tuple[int, str]], list[Any]]:
    """Key results numbered under a numbered list item (`1. Win ...` with `1.1 ...` lines or
    items under it): the (0-based line, text) of its lines, and the items; both empty when
    the item is no such objective."""
    number = node.info if node.info.isdigit() else None
    lines: list[tuple[int, str]] = []
    items: list[Any] = []
    if number is None:
        return lines, items
    for child in node.children:
        if child.type == "paragraph" and child.map and not lines:
            rest = _paragraph_lines(child)[1:]
            texts = [_sub_numbered(line, number) for line in rest]
            if texts and all(texts):
                lines = [(child.map[0] + 1 + i, t) for i, t in enumerate(texts) if t]
        elif child.type in ("bullet_list", "ordered_list"):
            children = [c for c in child.children if c.type == "list_item"]
            if children and all(_sub_numbered(_first_paragraph(c)[0], number) for c in children):
                items.extend(children)
    return lines, items


def _is_objective_item(node: Any) -> bool:
    if any(_numbered_key_results(node)):
        return True
    text = ""
    for child in node.children:
        if child.type == "paragraph":
            text, _ = _inline_text(child)
            break
    item = _parse_item(text, text)
    if item.kind == "objective":
        return True
    has_nested = any(c.type in ("bullet_list", "ordered_list") for c in node.children)
    return item.kind == "plain" and has_nested and item.bold


def _read_list(
    reader: _Reader, block: Any, context: _Context, objective: ObjectiveDraft | None
) -> None:
    for node in block.children:
        if node.type != "list_item" or not node.map:
            continue
        text, line = _first_paragraph(node)
        line_text = reader.lines[line] if line < len(reader.lines) else ""
        item = _parse_item(text, line_text)
        nested = [c for c in node.children if c.type in ("bullet_list", "ordered_list")]
        place = reader.place(line, line + 1, item.title_column or None)
        numbered_lines, numbered_items = _numbered_key_results(node)
        if objective is None and item.kind == "plain" and (numbered_lines or numbered_items):
            _read_numbered(reader, node, context, (numbered_lines, numbered_items), line)
            continue
        # A plain item is an objective only when bold and with items under it: nested
        # bullets of prose are not OKRs.
        is_objective = item.kind == "objective" or (
            objective is None and item.kind == "plain" and item.bold and bool(nested)
        )
        if (
            objective is not None
            and nested
            and item.kind != "key_result"
            and (item.kind == "objective" or item.bold)
        ):
            # Under a company objective: a team's objective, or a team's key results, aligned
            # with it.
            drafted = _aligned(reader, context, objective, item, place)
            for sub in nested:
                _read_list(reader, sub, reader.context_of[id(drafted)], drafted)
            continue
        if is_objective:
            drafted = _add_objective(reader, context, item, place)
            for child in node.children:
                if child.type == "blockquote":
                    _describe(reader, child, drafted)
            for sub in nested:
                _read_list(reader, sub, context, drafted)
            continue
        target = objective
        if target is None:
            if item.kind == "key_result":
                reader.stray_key_results += 1
            continue
        if not item.title:
            continue
        named = _section_of(item.title) if item.kind == "plain" else None
        if named is not None and (nested or item.title.endswith(":")):
            # `- Risks:` with items under it: a section of the objective, not a key result.
            for sub in nested if named == _INITIATIVES else []:
                _add_initiatives(reader, sub, target)
            continue
        _add_key_result(reader, target, item, place)
        for sub in nested:
            # Items under a key result: further key results when marked, else its details.
            for child in sub.children:
                child_text, child_line = _first_paragraph(child)
                line_text = reader.lines[child_line] if child_line < len(reader.lines) else ""
                child_item = _parse_item(child_text, line_text)
                if child_item.kind == "key_result" and child_item.title:
                    column = child_item.title_column or None
                    child_place = reader.place(child_line, child_line + 1, column)
                    _add_key_result(reader, target, child_item, child_place)


def _read_numbered(
    reader: _Reader,
    node: Any,
    context: _Context,
    numbered: tuple[list[tuple[int, str]], list[Any]],
    line: int,
) -> None:
    """A numbered objective (`1. ...`) and its key results numbered under it (`1.1 ...`), on
    lines of its item or as items under it."""
    lines, items = numbered
    first = next((_paragraph_lines(c) for c in node.children if c.type == "paragraph"), [""])
    line_text = reader.lines[line] if line < len(reader.lines) else ""
    item = _parse_item(first[0], line_text)
    objective = _add_objective(
        reader, context, item, reader.place(line, line + 1, item.title_column or None)
    )
    entries = list(lines)
    for child in items:
        child_text, child_line = _first_paragraph(child)
        entries.append((child_line, _sub_numbered(child_text, node.info) or ""))
    for number, rest in entries:
        kr_line = reader.lines[number] if number < len(reader.lines) else ""
        key_result = _parse_item(rest, kr_line)
        if key_result.title:
            key_result.kind = "key_result"
            column = key_result.title_column or None
            _add_key_result(reader, objective, key_result, reader.place(number, number + 1, column))


_TEAM_LABEL = re.compile(
    r"^(?:(?:team|squad)\s+(?P<a>[^:]{1,40})|(?P<b>[^:]{1,40}?)\s+(?:team|squad))\s*:?\s*(?P<rest>.*)$",
    re.IGNORECASE,
)


def _aligned(
    reader: _Reader, context: _Context, parent: ObjectiveDraft, item: _Item, place: Place
) -> ObjectiveDraft:
    """An objective nested under another: the team named in front of it (`Docs team: ...`,
    `**Docs team**`) or the parent's team pursues it, aligned with the parent. A team named
    with nothing after it pursues the parent objective itself, in its own words."""
    label = _TEAM_LABEL.match(item.title)
    team = context.team
    title = item.title
    if label is not None:
        team = Entry((label["a"] or label["b"]).strip(), place)
        title = label["rest"].strip() or _text_of(parent.fields.get("title"))
    aligned = _Item("objective", title, item.title_column, item.bold, item.owner, item.priority)
    if label is not None and not label["rest"].strip():
        aligned.title_column = 0
    own = _Context(team, context.period)
    drafted = _add_objective(reader, own, aligned, place)
    reader.context_of[id(drafted)] = own
    parent_set = reader.set_of.get(id(parent))
    if parent_set is not None and parent_set.team and parent_set.period:
        position = parent_set.objectives.index(parent) + 1
        parent_id = _text_of(parent.fields.get("id")) or f"O{position}"
        link = f"{_text_of(parent_set.team)}/{_text_of(parent_set.period)}#{parent_id}"
        drafted.fields["aligns_to"] = Entry(link, place)
    return drafted


def _text_of(entry: Entry | None) -> str:
    return str(entry.value) if entry is not None and entry.value is not None else ""


def _first_paragraph(node: Any) -> tuple[str, int]:
    for child in node.children:
        if child.type == "paragraph":
            return _inline_text(child)
    return "", node.map[0] if node.map else 0


# Where team and period taken from the file or folder name or the command line sit: a team or
# period written in the file itself wins over them.
_UNWRITTEN: Place = (1, 1, 1, 1)
# A team and period after an objective's title: `(People, Q3 2026)`, `[Q3 2026]`, `— Q3 2026`.
_TITLE_CONTEXT = re.compile(
    r"\s*(?:\((?P<round>[^()]{1,60})\)|\[(?P<square>[^\[\]]{1,60})\]"
    r"|\s[\-–—|]\s*(?P<tail>[^()\[\]\-–—|]{1,60}))\s*$"
)


def _title_context(title: str) -> tuple[str, str | None, str | None]:
    """An objective's title without the team and period written after it, the team, the
    period."""
    match = _TITLE_CONTEXT.search(title)
    if match is None or match.start() == 0:
        return title, None, None
    inner = match["round"] or match["square"] or match["tail"] or ""
    period = period_in_name(inner)
    if period is None:
        return title, None, None
    rest = _PERIOD_WORDS.sub(" ", inner)
    parts = [p.strip() for p in re.split(r"[,;/|–—\-]", rest) if p.strip()]
    if len(parts) > 1:
        return title, None, None
    team = parts[0] if parts else None
    if team is not None and not (team[0].isupper() and len(team.split()) <= 3):
        return title, None, None
    return title[: match.start()].rstrip(), team, period


_PERIOD_WORDS = re.compile(
    r"(?i)(?:fy[\-_ ]?)?(?:\d{2,4}[\-_ ]?[qh][1-4]|[qh][1-4][\-_ ]?(?:fy[\-_ ]?)?\d{4})"
)


def _unwritten(entry: Entry | None) -> bool:
    return entry is None or entry.place == _UNWRITTEN


def _add_objective(reader: _Reader, context: _Context, item: _Item, place: Place) -> ObjectiveDraft:
    if item.kind == "objective" or item.bold:
        reader.marked = True
    title, team, period = _title_context(item.title)
    if period is not None:
        # The team and period after the title say which set it is in, unless the file says so
        # elsewhere; objectives after it without their own are in the same set.
        item = replace(item, title=title)
        reader.title_period = Entry(period, place)
        reader.title_team = Entry(team, place) if team else None
    if _unwritten(context.period) and reader.title_period is not None:
        team_entry = context.team
        if _unwritten(team_entry) and reader.title_team is not None:
            team_entry = reader.title_team
        context = _Context(team_entry, reader.title_period)
    draft = reader.outline.set_for(context.team, context.period)
    objective = ObjectiveDraft(place)
    reader.set_of[id(objective)] = draft
    objective.fields["title"] = Entry(item.title, _title_place(place, item))
    if item.owner:
        objective.fields["owner"] = Entry(item.owner, place)
    if item.priority:
        objective.fields["x-priority"] = Entry(item.priority, place)
    if item.result:
        objective.fields["x-result"] = Entry(item.result, place)
    if item.status:
        objective.fields["x-status"] = Entry(item.status, place)
    draft.objectives.append(objective)
    return objective


def _add_key_result(
    reader: _Reader, objective: ObjectiveDraft, item: _Item, place: Place
) -> KeyResultDraft:
    if item.kind == "key_result":
        reader.marked = True
    key_result = KeyResultDraft(place)
    fields = key_result.fields
    fields["title"] = Entry(item.title, _title_place(place, item))
    if item.owner:
        fields["owner"] = Entry(item.owner, place)
    if item.priority:
        fields["priority"] = Entry(item.priority, place)
    if item.status:
        fields["status"] = Entry(item.status, place)
    if item.result:
        percent = _PERCENT.match(item.result)
        if _GRADE.fullmatch(item.result) and float(item.result) <= 1:
            fields["score"] = Entry(float(item.result), place)
        elif percent is not None and float(percent.group(1)) <= 100:
            fields["score"] = Entry(round(float(percent.group(1)) / 100, 4), place)
            rest = item.result[percent.end() :].strip(" .,;:-–—")
            if rest:
                fields["learnings"] = Entry(rest, place)
        fields["x-result"] = Entry(item.result, place)
    objective.key_results.append(key_result)
    return key_result


def _title_place(place: Place, item: _Item) -> Place:
    if not item.title_column:
        return place
    return (place[0], item.title_column, place[0], item.title_column + len(item.title))


def _describe(reader: _Reader, block: Any, objective: ObjectiveDraft) -> None:
    if "description" in objective.fields or not block.map:
        return
    texts = []
    for child in block.children:
        if child.type == "paragraph":
            texts.append(_inline_text(child)[0])
    if texts:
        begin, end = block.map
        objective.fields["description"] = Entry(" ".join(texts), reader.place(begin, end))


_DEEPEST_HEADING = 6


def _read_paragraph(
    reader: _Reader, block: Any, context: _Context, objective: ObjectiveDraft | None
) -> ObjectiveDraft | None:
    """The lines of a paragraph: an objective marked as one (`**Objective 1:** ...`), key
    results marked as such (`KR1 - ...`) under an objective, and labels of an objective
    (`Owner: ...`). Returns the objective the lines after it belong to."""
    if not block.map:
        return objective
    begin, end = block.map
    for number in range(begin, min(end, len(reader.lines))):
        line_text = reader.lines[number]
        item = _parse_item(line_text.strip(), line_text)
        place = reader.place(number, number + 1, item.title_column or None)
        if item.kind == "objective" and item.title:
            objective = _add_objective(reader, context, item, place)
        elif item.kind == "key_result" and item.title and objective is not None:
            _add_key_result(reader, objective, item, place)
        elif objective is not None and (
            rest := _sub_numbered(line_text, reader.number_of.get(id(objective)))
        ):
            numbered = _parse_item(rest, line_text)
            numbered.kind = "key_result"
            column = numbered.title_column or None
            _add_key_result(reader, objective, numbered, reader.place(number, number + 1, column))
        elif objective is not None:
            _read_label(reader, number, objective)
    return objective


def _read_label(reader: _Reader, number: int, objective: ObjectiveDraft) -> None:
    """One `Label: value` line under an objective."""
    match = _LABEL.match(reader.lines[number].replace("**", ""))
    if match is None:
        return
    label, value = match["label"].strip(), match["value"].strip()
    place = reader.place(number, number + 1)
    name = field_for("Objective", label) or field_for("OkrSet", label)
    draft = reader.set_of.get(id(objective))
    if fold(label) in _DATE_LABELS and draft is not None and draft.period is None:
        # Without a period elsewhere, the quarter its dates fall in.
        period = to_period(value.strip("*_` "))
        if period is not None:
            draft.period = Entry(period, place)
    if name == "owner" and "owner" not in objective.fields:
        objective.fields["owner"] = Entry(value.lstrip("@"), place)
    elif name not in ("title", "key_results"):
        key = "x-" + "_".join(label.lower().split())
        objective.fields.setdefault(key, Entry(value, place))


_DATE_LABELS = frozenset(
    fold(w)
    for w in ("measurement deadline", "deadline", "active from", "starts", "start", "ends", "end")
)


def _table_columns(block: Any) -> dict[str, int] | None:
    """Which column of a table holds what, if one holds key results."""
    rows = _rows(block)
    if not rows:
        return None
    header = [cell for cell, _ in rows[0][1]]
    columns: dict[str, int] = {}
    for position, name in enumerate(header):
        folded = fold(name)
        if folded in _KR_HEADERS and "title" not in columns:
            columns["title"] = position
            continue
        field_name = field_for("KeyResult", name)
        if field_name is not None and field_name not in columns:
            columns[field_name] = position
        elif _as_date(name) is not None:
            columns.setdefault("checkins", position)
        elif _WEEK.match(name):
            columns.setdefault("weeks", position)
        elif name.strip():
            # A column okrlint has no field for (`Progress`, `Notes`) is kept, as in CSV.
            columns.setdefault("x-" + "_".join(name.lower().split()), position)
    return columns if "title" in columns else None


def _rows(block: Any) -> list[tuple[int, list[tuple[str, int]]]]:
    rows: list[tuple[int, list[tuple[str, int]]]] = []
    for section in block.children:
        for row in section.children:
            if row.type != "tr" or not row.map:
                continue
            cells = []
            for cell in row.children:
                content = ""
                for child in cell.children:
                    if child.type == "inline":
                        content = child.content.strip()
                cells.append((content, 0))
            rows.append((row.map[0], cells))
    return rows


def _as_date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        return None


def _read_table(reader: _Reader, block: Any, objective: ObjectiveDraft) -> None:
    columns = _table_columns(block)
    if columns is None:
        return
    reader.marked = True
    rows = _rows(block)
    header = [cell for cell, _ in rows[0][1]]
    for line, cells in rows[1:]:
        _read_row(reader, objective, columns, header, line, [cell for cell, _ in cells])


def _objective_column(block: Any) -> int | None:
    """The column of a key-result table that names each row's objective, if there is one."""
    rows = _rows(block)
    if not rows or _table_columns(block) is None:
        return None
    folded = [fold(cell) for cell, _ in rows[0][1]]
    return next((folded.index(name) for name in OBJECTIVE_HEADERS if name in folded), None)


def _read_objective_table(reader: _Reader, block: Any, context: _Context) -> None:
    """A table of key results with an objective column (a spreadsheet pasted into Markdown):
    each row's key result goes to the objective its row names, or to the row above's when
    the cell is empty (merged cells)."""
    at = _objective_column(block)
    columns = _table_columns(block)
    if at is None or columns is None:
        return
    reader.marked = True
    columns = {name: position for name, position in columns.items() if position != at}
    rows = _rows(block)
    header = [cell for cell, _ in rows[0][1]]
    by_title: dict[str, ObjectiveDraft] = {}
    objective: ObjectiveDraft | None = None
    for line, cells in rows[1:]:
        values = [cell for cell, _ in cells]
        title = _cell_title(values[at]) if at < len(values) else ""
        if title:
            objective = by_title.get(fold(title))
            if objective is None:
                found = reader.lines[line].find(title) if line < len(reader.lines) else -1
                item = _Item("objective", title, found + 1 if found >= 0 else 0, False)
                place = reader.place(line, line + 1, item.title_column or None)
                objective = by_title[fold(title)] = _add_objective(reader, context, item, place)
        if objective is not None:
            _read_row(reader, objective, columns, header, line, values)


def _cell_title(cell: str) -> str:
    """A table cell's objective or key result without its markers (`**O1: ...**`, `KR2: ...`):
    the title as an item in a list would have it."""
    return _parse_item(cell, cell).title if cell else ""


def _read_row(
    reader: _Reader,
    objective: ObjectiveDraft,
    columns: dict[str, int],
    header: list[str],
    line: int,
    values: list[str],
) -> None:
    """One row of a key-result table: a new key result, or more about one listed above it."""
    title_at = columns["title"]
    title = _cell_title(values[title_at]) if title_at < len(values) else ""
    if not title:
        return
    place = reader.place(line, line + 1)
    listed = next(
        (k for k in objective.key_results if fold(k.fields["title"].value) == fold(title)), None
    )
    key_result = listed or _numbered(objective, title)
    if key_result is None:
        item = _Item("key_result", title, 0, False)
        found = reader.lines[line].find(title) if line < len(reader.lines) else -1
        item.title_column = found + 1 if found >= 0 else 0
        place = reader.place(line, line + 1, item.title_column or None)
        key_result = _add_key_result(reader, objective, item, place)
    for name, position in columns.items():
        skipped = name in ("title", "checkins", "weeks")
        if skipped or position >= len(values) or not values[position]:
            continue
        key_result.fields.setdefault(name, Entry(cell_value(name, values[position]), place))
    checkins = [
        {"date": day, "value": values[p]}
        for p, name in enumerate(header)
        if (day := _as_date(name)) is not None and p < len(values) and values[p]
    ]
    if checkins and "checkins" not in key_result.fields:
        key_result.fields["checkins"] = Entry(checkins, place)
    weekly = {
        header[p]: values[p]
        for p in range(len(header))
        if _WEEK.match(header[p]) and p < len(values) and values[p]
    }
    if weekly:
        # A weekly score table: the latest score is the key result's score so far.
        key_result.fields.setdefault("x-weekly_scores", Entry(weekly, place))
        latest = _score(list(weekly.values())[-1])
        if latest is not None:
            key_result.fields.setdefault("score", Entry(latest, place))


_WEEK = re.compile(r"(?i)^\s*(?:w|wk|week)\s*\d{1,2}\s*$")


def _score(text: str) -> float | None:
    """A score as written in a score table: 0.7, 70%, 7/10."""
    cleaned = text.strip()
    try:
        if cleaned.endswith("%"):
            value = float(cleaned[:-1]) / 100
        elif "/" in cleaned:
            numerator, denominator = cleaned.split("/", 1)
            value = float(numerator) / float(denominator)
        else:
            value = float(cleaned)
    except (ValueError, ZeroDivisionError):
        return None
    return round(value, 4) if 0 <= value <= 1 else None


def _numbered(objective: ObjectiveDraft, label: str) -> KeyResultDraft | None:
    """A table row named `KR2` or `2` stands for the second key result listed above it."""
    match = re.fullmatch(r"(?i)\s*(?:KR\s*)?(\d+)\s*", label)
    if match is None:
        return None
    position = int(match.group(1)) - 1
    return objective.key_results[position] if 0 <= position < len(objective.key_results) else None
