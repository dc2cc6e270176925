"""What the GitHub Action does with a run's JSON report: annotations, a job summary, SARIF.

The Action lints once (`okrlint check --format json --output-file ...`) and hands the report
here, so annotations, the summary and the SARIF file describe the same run:

    python -m okrlint.github_action REPORT.json [--sarif FILE]

Annotations go to standard output as workflow commands; the summary is appended to the file
named by `$GITHUB_STEP_SUMMARY`: a table per team (a row per period) and the top findings.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

from okrlint.findings import Counts, Edit, Finding, Fix, Report, Severity

# The job summary lists this many findings, the most severe first; the rest are annotations.
TOP_FINDINGS = 20


def report_from_json(document: dict[str, Any]) -> Report:
    """A Report back from okrlint's JSON format (version 1)."""
    findings = []
    for data in document["findings"]:
        fix = None
        if data.get("fix"):
            edits = tuple(Edit(e["start"], e["end"], e["content"]) for e in data["fix"]["edits"])
            fix = Fix(data["fix"]["description"], edits)
        findings.append(
            Finding(
                path=data["path"],
                line=data["line"],
                column=data["column"],
                end_line=data["end_line"],
                end_column=data["end_column"],
                code=data["code"],
                name=data["name"],
                severity=Severity(data["severity"]),
                message=data["message"],
                object=data.get("object", ""),
                text=data.get("text", ""),
                fix=fix,
                suggestion=data.get("suggestion"),
                team=data.get("team", ""),
                period=data.get("period", ""),
            )
        )
    summary = document["summary"]
    counts = Counts(
        files=summary["files"],
        okr_sets=summary["okr_sets"],
        objectives=summary["objectives"],
        key_results=summary["key_results"],
    )
    return Report(findings=findings, counts=counts)


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell: one line, inert, no Markdown or HTML of its own."""
    from okrlint.safe_text import inert_markdown

    return inert_markdown(" ".join(text.split()))


def job_summary(report: Report) -> str:
    """Markdown for the job's summary page."""
    from okrlint.output.summary_line import summary_line

    lines = ["## okrlint", "", _cell(summary_line(report).strip()), ""]
    by_team: dict[str, dict[str, dict[Severity, int]]] = defaultdict(
        lambda: defaultdict(lambda: dict.fromkeys(Severity, 0))
    )
    for finding in report.findings:
        team = finding.team or "(no team)"
        by_team[team][finding.period or "(no period)"][finding.severity] += 1
    for team in sorted(by_team):
        periods = by_team[team]
        lines += [f"### {_cell(team)}", ""]
        lines += ["| period | errors | warnings | info |", "|---|---:|---:|---:|"]
        for period in sorted(periods):
            counts = periods[period]
            lines.append(
                f"| {_cell(period)} | {counts[Severity.ERROR]} | {counts[Severity.WARNING]} "
                f"| {counts[Severity.INFO]} |"
            )
        lines.append("")
    if report.findings:
        top = sorted(report.findings, key=lambda f: (-f.severity.rank, f.sort_key))
        shown = top[:TOP_FINDINGS]
        heading = "### Top findings"
        if len(top) > len(shown):
            heading += f" ({len(shown)} of {len(top)})"
        lines += [heading, "", "| severity | where | rule | finding |", "|---|---|---|---|"]
        for finding in shown:
            where = f"{finding.path}:{finding.line}"
            if finding.object:
                where += f" ({finding.object})"
            lines.append(
                f"| {finding.severity.value} | {_cell(where)} | "
                f"{finding.code} {_cell(finding.name)} | {_cell(finding.message)} |"
            )
        lines.append("")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m okrlint.github_action")
    parser.add_argument("report", type=Path, help="the JSON report of `okrlint check`")
    parser.add_argument("--sarif", type=Path, help="also write SARIF 2.1.0 here")
    arguments = parser.parse_args(argv)
    try:
        document = json.loads(arguments.report.read_text(encoding="utf-8"))
        report = report_from_json(document)
    except (OSError, ValueError, KeyError, TypeError) as error:
        sys.stderr.write(f"okrlint: error: cannot read the report {arguments.report}: {error}\n")
        return 2
    from okrlint.output.github import render_github

    sys.stdout.write(render_github(report, quiet=False))
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary_file:
        with open(summary_file, "a", encoding="utf-8") as stream:
            stream.write(job_summary(report))
    if arguments.sarif is not None:
        from okrlint.output.sarif import render_sarif

        arguments.sarif.write_text(render_sarif(report), encoding="utf-8")
    output_file = os.environ.get("GITHUB_OUTPUT")
    if output_file:
        with open(output_file, "a", encoding="utf-8") as stream:
            stream.write(f"findings={len(report.findings)}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
