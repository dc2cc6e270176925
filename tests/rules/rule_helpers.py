"""What the rule tests share: OKR documents to lint, and linting them with some rules selected."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from typer.testing import CliRunner

from okrlint.cli import app
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


def check_concise(folder: Path, text: str, *args: str) -> list[str]:
    """`okrlint check --format concise --quiet` on `text` written to folder/okrs.yaml: each
    finding as "CODE [severity] message" (the path and position cut off)."""
    (folder / "okrs.yaml").write_text(text)
    result = CliRunner().invoke(
        app, ["check", "--format", "concise", "--quiet", *args, str(folder / "okrs.yaml")]
    )
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return [line.split(": ", 1)[1] for line in result.stdout.splitlines()]


# Objective O1 has one key result (FOC003) and the key result has no number (MEA001); {o1} and
# {kr} are where a trailing suppression comment goes.
THIN_SET = """\
team: Growth
period: 2026-Q1
objectives:
  - title: Make onboarding effortless{o1}
    key_results:
      - Improve how new users onboard{kr}
  - title: Win the mid-market
    key_results:
      - Raise the mid-market win rate from 18% to 25%
      - Grow mid-market logos from 40 to 60
"""


def codes_of(lines: list[str]) -> list[str]:
    return [line.split(" ")[0] for line in lines]


def findings_of(*key_results: str) -> list[Finding]:
    """Every finding on the given key results (quoted as JSON strings), with default settings."""
    lines = "".join(f"      - {json.dumps(kr)}\n" for kr in key_results)
    text = f"{HEAD}  - title: Make paying us effortless\n    key_results:\n{lines}"
    return [f for f in lint_text(text) if f.object.startswith("O1/KR")]


def codes_at(key_result: str, at_least: str = "info") -> set[str]:
    """The codes of the findings on one key result at or above a severity."""
    rank = {"info": 1, "warning": 2, "error": 3}
    return {f.code for f in findings_of(key_result) if rank[f.severity.value] >= rank[at_least]}
