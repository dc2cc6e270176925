"""For people at a terminal: findings grouped by file, the source line under each, a summary.

Without a terminal (a pipe, a file, CI logs) the same layout comes out as plain text at a fixed
width, so it can be read, diffed and kept as a golden file.
"""

from __future__ import annotations

import io
import shutil
from collections import Counter
from itertools import groupby

from rich.cells import cell_len
from rich.console import Console
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from okrlint.findings import Finding, Report, Severity
from okrlint.output.summary_line import summary_line
from okrlint.safe_text import inert, inert_line_start

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
WIDTH = 100
MAX_WIDTH = 140
_INDENT = 4


def render_rich(report: Report, *, color: bool, quiet: bool = False) -> str:
    buffer = io.StringIO()
    width = min(shutil.get_terminal_size((WIDTH, 24)).columns, MAX_WIDTH) if color else WIDTH
    console = Console(
        file=buffer,
        width=width,
        force_terminal=color,
        no_color=not color,
        color_system="standard" if color else None,
        highlight=False,
        emoji=False,
        markup=False,
    )
    for path, group in groupby(report.findings, key=lambda f: f.path):
        findings = list(group)
        heading = Text.assemble(
            (inert(path) or "(no file)", "bold underline"), (f"  {_count(findings)}", "dim")
        )
        console.print(heading, soft_wrap=True)
        lines = report.sources.get(path, "").splitlines()
        for finding in findings:
            _print_finding(console, finding, lines)
        console.print()
    if not quiet:
        if report.findings:
            console.print(_table(report))
            console.print()
        console.print(Text(summary_line(report), style="bold"), soft_wrap=True)
    # rich pads wrapped lines to the full width; trailing blanks only get in the way of a reader.
    # A long word wraps anywhere, so each printed line is checked for a CI runner's command.
    return "".join(
        inert_line_start(line.rstrip()) + "\n" for line in buffer.getvalue().splitlines()
    )


def _count(findings: list[Finding]) -> str:
    return f"{len(findings)} finding{'' if len(findings) == 1 else 's'}"


def _print_finding(console: Console, finding: Finding, lines: list[str]) -> None:
    style = _STYLE[finding.severity]
    head = Text("  ")
    head.append(f"{finding.line}:{finding.column}", style="bold")
    head.append("  ")
    head.append(finding.severity.value, style=style)
    head.append("  ")
    head.append(inert(finding.code), style="bold")
    head.append(f" {inert(finding.name)}", style="dim")
    if finding.object:
        head.append(f"  {inert(finding.object)}", style="dim")
    console.print(head, soft_wrap=True)
    # The message wraps under itself, so a long explanation stays readable.
    console.print(Padding(Text(inert(finding.message)), (0, 0, 0, _INDENT)))
    if 0 < finding.line <= len(lines):
        source = lines[finding.line - 1].rstrip("\r").expandtabs(1)
        number = str(finding.line)
        gutter = " " * _INDENT + number.rjust(4) + " | "
        blank = " " * _INDENT + " " * max(4, len(number)) + " | "
        start, length = _underline(source, finding)
        console.print(Text.assemble((gutter, "dim"), inert(source)), soft_wrap=True)
        marks = Text.assemble((blank, "dim"), " " * start, ("^" * length, style))
        console.print(marks, soft_wrap=True)
    if finding.suggestion:
        suggestion = Text.assemble(("suggestion: ", "green"), inert(finding.suggestion))
        console.print(Padding(suggestion, (0, 0, 0, _INDENT)))
    if finding.fix is not None and finding.fix.edits:
        fix = Text.assemble(
            ("fix: ", "cyan"), inert(finding.fix.description), " (--fix applies it)"
        )
        console.print(Padding(fix, (0, 0, 0, _INDENT)))


def _underline(source: str, finding: Finding) -> tuple[int, int]:
    """Where the carets go under the source line: the node's span on its first line.

    Positions are in terminal cells, so wide characters before the node keep the carets under it.
    """
    column = min(max(finding.column - 1, 0), len(source))
    if finding.end_line == finding.line:
        # A point (a parser error) gets one caret; a value its whole width.
        end = min(max(finding.end_column - 1, column), len(source))
    else:
        # The node goes on below (a mapping, a list): underline the rest of its first line,
        # without a trailing comment.
        end = len(_without_comment(source, column).rstrip())
    # Measured as printed: an escaped control character takes the width of its escape.
    length = max(cell_len(inert(source[column:end])), 1)
    return cell_len(inert(source[:column])), length


def _without_comment(source: str, column: int) -> str:
    position = source.find(" #", column)
    return source if position < 0 else source[:position]


def _table(report: Report) -> Table:
    table = Table(box=None, show_edge=False, pad_edge=False, header_style="bold")
    table.add_column("count", justify="right")
    table.add_column("code")
    table.add_column("name")
    table.add_column("severity")
    names = {f.code: (f.name, f.severity) for f in report.findings}
    for code, count in sorted(Counter(f.code for f in report.findings).items()):
        name, severity = names[code]
        table.add_row(
            str(count), inert(code), inert(name), Text(severity.value, style=_STYLE[severity])
        )
    return table
