"""For people at a terminal: findings grouped by file, the source line under each, a summary."""

from __future__ import annotations

import io
from collections import Counter
from itertools import groupby

from rich.console import Console
from rich.table import Table
from rich.text import Text

from okrlint.findings import Finding, Report, Severity
from okrlint.output.summary import summary_line

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
WIDTH = 100


def render_rich(report: Report, *, color: bool, quiet: bool = False) -> str:
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=WIDTH,
        force_terminal=color,
        no_color=not color,
        color_system="standard" if color else None,
        highlight=False,
        emoji=False,
        soft_wrap=True,
    )
    for path, findings in groupby(report.findings, key=lambda f: f.path):
        console.print(Text(path, style="bold underline"))
        lines = report.sources.get(path, "").splitlines()
        for finding in findings:
            _print_finding(console, finding, lines)
        console.print()
    if quiet:
        return buffer.getvalue()
    if report.findings:
        console.print(_table(report))
    console.print(Text(summary_line(report), style="bold"))
    return buffer.getvalue()


def _print_finding(console: Console, finding: Finding, lines: list[str]) -> None:
    head = Text()
    head.append(f"  {finding.line}:{finding.column}  ", style="dim")
    head.append(f"{finding.severity.value:<7}", style=_STYLE[finding.severity])
    head.append(f" {finding.code} ", style="bold")
    head.append(f"{finding.name}", style="dim")
    if finding.object:
        head.append(f"  [{finding.object}]", style="dim")
    console.print(head)
    console.print(Text(f"    {finding.message}"))
    if 0 < finding.line <= len(lines):
        source = lines[finding.line - 1].rstrip("\r").expandtabs(1)
        gutter = f"    {finding.line:>4} | "
        console.print(Text(gutter, style="dim") + Text(source))
        caret_at = len(gutter) + max(finding.column - 1, 0)
        console.print(Text(" " * caret_at + "^", style=_STYLE[finding.severity]))
    if finding.suggestion:
        console.print(Text(f"    suggestion: {finding.suggestion}", style="green"))


def _table(report: Report) -> Table:
    table = Table(title=None, show_edge=False, box=None, pad_edge=False)
    table.add_column("code")
    table.add_column("name")
    table.add_column("severity")
    table.add_column("count", justify="right")
    names = {f.code: (f.name, f.severity) for f in report.findings}
    for code, count in sorted(Counter(f.code for f in report.findings).items()):
        name, severity = names[code]
        table.add_row(code, name, Text(severity.value, style=_STYLE[severity]), str(count))
    return table
