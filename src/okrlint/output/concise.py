"""`path:line:column: CODE [severity] message`, one finding a line, then a summary."""

from __future__ import annotations

from okrlint.findings import Report
from okrlint.output.summary import summary_line


def render_concise(report: Report, *, quiet: bool = False) -> str:
    lines = [
        f"{f.path}:{f.line}:{f.column}: {f.code} [{f.severity.value}] {f.message}"
        for f in report.findings
    ]
    if not quiet:
        lines.append(summary_line(report))
    return "".join(line + "\n" for line in lines)
