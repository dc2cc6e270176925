"""`path:line:column: CODE [severity] message`, one finding a line, then a summary."""

from __future__ import annotations

from collections.abc import Iterator

from okrlint.findings import Report
from okrlint.output.summary_line import summary_line
from okrlint.safe_text import inert


def render_concise(report: Report, *, quiet: bool = False) -> str:
    return "".join(concise_lines(report, quiet=quiet))


def concise_lines(report: Report, *, quiet: bool = False) -> Iterator[str]:
    """The output line by line, so that a run with 100,000 findings need not hold it whole."""
    for f in report.findings:
        yield (
            f"{inert(f.path)}:{f.line}:{f.column}: {inert(f.code)} [{f.severity.value}] "
            f"{inert(f.message)}\n"
        )
    if not quiet:
        yield summary_line(report) + "\n"
