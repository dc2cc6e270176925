"""What the rule tests share: OKR documents to lint, and linting them with some rules selected."""

from __future__ import annotations

import datetime as dt

from okrlint.findings import Finding
from okrlint.testing import lint_text

D = dt.date
FEBRUARY = D(2026, 2, 1)
HEAD = "team: Growth\nperiod: 2026-Q1\nobjectives:\n"


def lint_rule(text: str, code: str, today: dt.date = FEBRUARY, **options: object) -> list[Finding]:
    """Findings of one rule, with its options, on the given day."""
    return lint_text(text, select=[code], options={code: options} if options else None, today=today)


def lint_codes(text: str, *codes: str) -> list[Finding]:
    return lint_text(text, select=list(codes))


def codes(findings: list[Finding]) -> list[str]:
    return [f.code for f in findings]


def key_result_with(fields: str, kind: str = "aspirational", period: str = "2026-Q1") -> str:
    """One key result with the given fields (one per line), under an objective of `kind`."""
    body = "".join(f"        {line.strip()}\n" for line in fields.strip().splitlines())
    return (
        f"team: Growth\nperiod: {period}\nobjectives:\n  - title: Grow\n    type: {kind}\n"
        f"    key_results:\n      - title: Move the number\n{body}"
    )


def kr_set(
    *key_results: str, objective: str = "Make onboarding effortless", extra: str = ""
) -> str:
    """One objective with the given key-result titles."""
    lines = f"{HEAD}  - title: {objective}\n{extra}    key_results:\n"
    return lines + "".join(f"      - {kr}\n" for kr in key_results)
