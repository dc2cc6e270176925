"""Output formats: one pure function per format, from a Report to text. Nothing else prints."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

from okrlint.findings import Report


class OutputFormat(StrEnum):
    RICH = "rich"
    CONCISE = "concise"
    JSON = "json"


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
    renderers: dict[OutputFormat, Callable[[Report], str]] = {OutputFormat.JSON: _json}
    return renderers[output_format](report)


def _json(report: Report) -> str:
    from okrlint.output.json_format import render_json

    return render_json(report)
