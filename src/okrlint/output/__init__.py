"""Output formats: one pure function per format, from a Report to text. Nothing else prints.

Each format's module is imported when that format is asked for: rich pulls in a terminal
toolkit and SARIF every rule's docs, which a run printing another format does not pay for.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from enum import StrEnum

from okrlint.findings import Report


class OutputFormat(StrEnum):
    RICH = "rich"
    CONCISE = "concise"
    JSON = "json"
    GITHUB = "github"
    SARIF = "sarif"
    JUNIT = "junit"
    GITLAB = "gitlab"


def render(
    report: Report, output_format: OutputFormat, *, color: bool = False, quiet: bool = False
) -> str:
    """Render a report. `quiet` leaves out the summary (for scripts that want findings only)."""
    if output_format is OutputFormat.RICH:
        from okrlint.output.rich_format import render_rich

        return render_rich(report, color=color, quiet=quiet)
    if output_format is OutputFormat.CONCISE:
        from okrlint.output.concise import render_concise

        return render_concise(report, quiet=quiet)
    if output_format is OutputFormat.GITHUB:
        from okrlint.output.github import render_github

        return render_github(report, quiet=quiet)
    renderers: dict[OutputFormat, Callable[[Report], str]] = {
        OutputFormat.JSON: _json,
        OutputFormat.SARIF: _sarif,
        OutputFormat.JUNIT: _junit,
        OutputFormat.GITLAB: _gitlab,
    }
    return renderers[output_format](report)


def render_chunks(
    report: Report, output_format: OutputFormat, *, color: bool = False, quiet: bool = False
) -> Iterator[str]:
    """The rendered text in pieces: line by line for the line formats, whole for the others."""
    if output_format is OutputFormat.CONCISE:
        from okrlint.output.concise import concise_lines

        return concise_lines(report, quiet=quiet)
    if output_format is OutputFormat.GITHUB:
        from okrlint.output.github import github_lines

        return github_lines(report, quiet=quiet)
    return iter([render(report, output_format, color=color, quiet=quiet)])


def _json(report: Report) -> str:
    from okrlint.output.json_format import render_json

    return render_json(report)


def _sarif(report: Report) -> str:
    from okrlint.output.sarif import render_sarif

    return render_sarif(report)


def _junit(report: Report) -> str:
    from okrlint.output.junit import render_junit

    return render_junit(report)


def _gitlab(report: Report) -> str:
    from okrlint.output.gitlab import render_gitlab

    return render_gitlab(report)
