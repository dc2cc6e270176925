"""GitHub Actions workflow commands: one annotation per finding, shown on the pull request diff.

https://docs.github.com/actions/using-workflows/workflow-commands-for-github-actions
GitHub shows at most a few dozen annotations per step; large repositories should upload SARIF.
"""

from __future__ import annotations

from collections.abc import Iterator

from okrlint.findings import Finding, Report, Severity
from okrlint.output.summary_line import summary_line
from okrlint.safe_text import inert

_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(finding: Finding) -> str:
    properties = {
        "file": inert(finding.path),
        "line": str(finding.line),
        "endLine": str(finding.end_line),
        "col": str(finding.column),
        "endColumn": str(finding.end_column),
        "title": inert(f"{finding.code} {finding.name}"),
    }
    joined = ",".join(f"{key}={_escape_property(value)}" for key, value in properties.items())
    message = inert(finding.message)
    if finding.suggestion:
        message += f"\nSuggestion: {inert(finding.suggestion)}"
    return f"::{_COMMAND[finding.severity]} {joined}::{_escape_data(message)}"


def render_github(report: Report, *, quiet: bool = False) -> str:
    return "".join(github_lines(report, quiet=quiet))


def github_lines(report: Report, *, quiet: bool = False) -> Iterator[str]:
    for finding in report.findings:
        yield annotation(finding) + "\n"
    if not quiet:
        yield summary_line(report) + "\n"
