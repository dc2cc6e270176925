"""GitLab Code Quality reports (`artifacts:reports:codequality`): the findings in a merge
request's widget and on the changed lines of its diff.

https://docs.gitlab.com/ci/testing/code_quality/#code-quality-report-format

A finding's fingerprint is what GitLab compares between the target branch and the merge
request to tell new findings from fixed ones, so it must not change when lines move: it is a
hash of the file, the rule, the object (`O1/KR2`), the text, and which occurrence of that
combination it is, never of the line number.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter

from okrlint.findings import Finding, Report, Severity
from okrlint.safe_text import inert, inert_json

# GitLab's severities are info, minor, major, critical, blocker.
_SEVERITY = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def fingerprint(finding: Finding, occurrence: int) -> str:
    identity = "\0".join(
        (finding.path, finding.code, finding.object, finding.text, str(occurrence))
    )
    # "surrogatepass": a file name that is not UTF-8 still has a fingerprint.
    return hashlib.sha256(identity.encode("utf-8", "surrogatepass")).hexdigest()


def code_quality_issues(report: Report) -> list[dict[str, object]]:
    seen: Counter[tuple[str, str, str, str]] = Counter()
    issues: list[dict[str, object]] = []
    for finding in report.findings:
        identity = (finding.path, finding.code, finding.object, finding.text)
        seen[identity] += 1
        description = inert(f"{finding.code} {finding.name}: {finding.message}")
        if finding.suggestion:
            description += f" Suggestion: {inert(finding.suggestion)}"
        issues.append(
            {
                "type": "issue",
                "check_name": finding.code,
                "description": description,
                "categories": ["Style"],
                "severity": _SEVERITY[finding.severity],
                "fingerprint": fingerprint(finding, seen[identity]),
                "location": {
                    "path": finding.path,
                    "lines": {"begin": finding.line, "end": finding.end_line},
                },
            }
        )
    return issues


def render_gitlab(report: Report) -> str:
    return inert_json(json.dumps(code_quality_issues(report), indent=2, ensure_ascii=False)) + "\n"
