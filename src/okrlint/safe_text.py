"""Text from a repository made inert before it reaches a terminal, a CI log or a report.

Everything okrlint quotes (values, file names, source lines, team names) comes from files a
stranger may have written. Printed raw, an escape sequence retitles or rewrites the reader's
terminal, a newline followed by `::error file=...::` becomes a GitHub Actions workflow command,
a carriage return breaks out of a Markdown table. So every format passes what it quotes through
`inert` (text formats, XML, HTML, Markdown) or `inert_json` (JSON, SARIF), and a new format
does the same: this module is the one place that decides what is safe to print.

`inert` shows a control character as its escape (`\\x1b`, `\\u202e`), never raw, so the reader
sees that it was there. A value cannot start a line (it holds no line breaks), except where a
format puts it first or wraps a long line at a space: there a CI runner's command marker (`::`
for GitHub Actions, `##` for Azure Pipelines and TeamCity) would be read as a command once the
runner trims the leading blanks, so the first character of such a marker is escaped too.
"""

from __future__ import annotations

import html
import re

# C0 controls (newline and tab included: a value never spans lines), DEL and the C1 controls
# (0x9b is a one-byte CSI to many terminals), the Unicode line and paragraph separators, the
# bidirectional overrides and isolates that make a line read other than it is, and lone
# surrogates (bytes of a file name that are not UTF-8, which no UTF-8 stream can print).
_C0 = "\x00-\x1f"
_UNSAFE = _C0 + "\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff"
_UNSAFE_CHARACTER = re.compile(f"[{_UNSAFE}]")
# A runner's command marker where a line could start: at the start of the value or after a
# blank (where a long line wraps). Python's \s matches the Unicode blanks a runner trims too.
_MARKER = re.compile(r"(?:^|(?<=\s))([:#])(?=\1)")
_MARKER_ESCAPE = {":": "\\x3a", "#": "\\x23"}


def _escape(character: str) -> str:
    code = ord(character)
    if 0xDC80 <= code <= 0xDCFF:
        # A byte that was not UTF-8, as Python's file-system decoding keeps it: show the byte.
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def inert(text: str) -> str:
    """`text` made safe to print anywhere: no control character, no runner command."""
    if text.isprintable() and "::" not in text and "##" not in text:
        # isprintable() is False for every control, separator and surrogate escaped here.
        return text
    text = _UNSAFE_CHARACTER.sub(lambda match: _escape(match.group()), text)
    return _MARKER.sub(lambda match: _MARKER_ESCAPE[match.group(1)], text)


_LINE_START_MARKER = re.compile(r"^(\s*)([:#])(?=\2)")


def inert_line_start(line: str) -> str:
    """A printed line that a CI runner cannot take for a command.

    For formats that wrap long values at any character (rich), where a line may start in the
    middle of a value: the parts come from `inert` already, only the line start needs a look.
    """
    return _LINE_START_MARKER.sub(lambda m: m.group(1) + _MARKER_ESCAPE[m.group(2)], line)


# What json.dumps leaves raw: all of the above but the C0 controls.
_JSON_UNSAFE = re.compile(f"[{_UNSAFE.removeprefix(_C0)}]")


def inert_json(document: str) -> str:
    """A JSON text (from `json.dumps(..., ensure_ascii=False)`) with no raw control character.

    `json.dumps` escapes only the C0 controls; the others are escaped here as `\\uXXXX`, which
    any JSON reader decodes back to the same value, and which can only occur inside strings.
    """
    if document.isascii() and "\x7f" not in document:
        return document
    return _JSON_UNSAFE.sub(lambda match: f"\\u{ord(match.group()):04x}", document)


# Characters that start emphasis, code, links, images, tables, headings or strike-through.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]#!|~])")


def inert_markdown(text: str) -> str:
    """A value for a Markdown table cell or line: inert, with no Markdown or HTML of its own."""
    text = inert(text)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def inert_html(text: str) -> str:
    """A value for HTML or SVG text or an attribute: inert, with `<>&"'` escaped."""
    return html.escape(inert(text))
