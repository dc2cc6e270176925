"""The versioned JSON document of SPEC section 7."""

from __future__ import annotations

import json

from okrlint.findings import Report
from okrlint.safe_text import inert_json


def render_json(report: Report) -> str:
    counts = report.counts
    document = {
        "version": 1,
        "findings": [finding.to_dict() for finding in report.findings],
        "summary": {
            "files": counts.files,
            "okr_sets": counts.okr_sets,
            "objectives": counts.objectives,
            "key_results": counts.key_results,
            "findings": len(report.findings),
            "by_severity": report.by_severity(),
            "by_code": report.by_code(),
        },
    }
    return inert_json(json.dumps(document, indent=2, ensure_ascii=False)) + "\n"
