"""The one-line summary that text formats end with."""

from __future__ import annotations

from okrlint.findings import Report


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def summary_line(report: Report) -> str:
    counts = report.counts
    files = plural(counts.files, "OKR file")
    if counts.skipped_files:
        files += f" ({counts.skipped_files} other YAML skipped)"
    if not report.findings:
        return f"No findings in {files}."
    severities = report.by_severity()
    parts = [plural(n, level) for level, n in severities.items() if n]
    return f"Found {plural(len(report.findings), 'finding')} ({', '.join(parts)}) in {files}."
