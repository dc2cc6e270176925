"""JUnit XML, for the test tabs of CI systems (GitLab `artifacts:reports:junit`, Jenkins, ...).

One test suite per file with findings, one failed test case per finding, whatever its
severity: a merge request's test tab is where reviewers look, and a warning shown there as a
passed test is a warning nobody sees. The failure's `type` is the rule's code and its text
starts with the severity, so a reader tells the errors (which fail the job, by `--fail-on`)
from the rest. A clean run is one passing case.
"""

from __future__ import annotations

from itertools import groupby
from xml.etree import ElementTree as ET

from okrlint.findings import Report
from okrlint.output.summary_line import summary_line
from okrlint.safe_text import inert


def render_junit(report: Report) -> str:
    root = ET.Element("testsuites", name="okrlint")
    total = failures = 0
    for raw_path, group in groupby(report.findings, key=lambda f: f.path):
        # XML 1.0 cannot hold most control characters, even escaped: every value goes through
        # `inert`, which leaves none.
        path = inert(raw_path)
        findings = list(group)
        suite = ET.SubElement(root, "testsuite", name=path)
        suite_failures = 0
        for finding in findings:
            where = f"{path}:{finding.line}:{finding.column}"
            label = inert(f"{finding.code} {finding.name}")
            if finding.object:
                label += f" ({inert(finding.object)})"
            message = inert(finding.message)
            case = ET.SubElement(
                suite,
                "testcase",
                name=f"{label} at {finding.line}:{finding.column}",
                classname=path,
                file=path,
                line=str(finding.line),
            )
            detail = f"{where}: {inert(finding.code)} [{finding.severity.value}] {message}"
            if finding.suggestion:
                detail += f"\nSuggestion: {inert(finding.suggestion)}"
            failure = ET.SubElement(
                case,
                "failure",
                message=f"[{finding.severity.value}] {message}",
                type=inert(finding.code),
            )
            failure.text = detail
            suite_failures += 1
        _count(suite, len(findings), suite_failures)
        total += len(findings)
        failures += suite_failures
    if total == 0:
        # An empty report still shows up as one passing check in the CI's test tab.
        suite = ET.SubElement(root, "testsuite", name="okrlint")
        case = ET.SubElement(suite, "testcase", name="okrlint check", classname="okrlint")
        ET.SubElement(case, "system-out").text = summary_line(report)
        _count(suite, 1, 0)
        total = 1
    _count(root, total, failures)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"


def _count(element: ET.Element, tests: int, failures: int) -> None:
    element.set("tests", str(tests))
    element.set("failures", str(failures))
    element.set("errors", "0")
    element.set("skipped", "0")
