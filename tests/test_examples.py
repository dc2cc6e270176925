"""The example OKR repository gives exactly the findings its `# expect:` comments announce.

`examples/okrs/` is a realistic repository (several teams, one quarter and its history, good
and flawed sets). Every flaw ends its line with `# expect: CODE`, the convention of the rule
examples. This test runs every rule on by default over the whole repository, so it is the guard
that the rules work together: a rule that starts firing on a good set, or stops catching a
clear-cut flaw, fails it. A marker whose rule is not installed or is off by default is not
expected, so the repository can mark a flaw before its rule exists.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from typer.testing import CliRunner

from okrlint.cli import app
from okrlint.pipeline.run import RunOptions, lint_paths
from okrlint.rules.assembly import installed_rules
from okrlint.testing import expected_findings

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "okrs"
# Seven weeks into 2026-Q1: the quarter is active and 2025-Q4 is closed.
TODAY = dt.date(2026, 2, 16)

Marker = tuple[str, int, str]


def markers() -> set[Marker]:
    found: set[Marker] = set()
    for path in sorted(EXAMPLES.rglob("*.y*ml")):
        relative = path.relative_to(EXAMPLES).as_posix()
        for line, code in expected_findings(path.read_text(encoding="utf-8")):
            found.add((relative, line, code))
    return found


def test_the_example_repository_gives_exactly_the_marked_findings() -> None:
    registry = installed_rules()
    active = {code for code, rule in registry.rules.items() if rule.meta.enabled}
    expected = {marker for marker in markers() if marker[2] in active}
    report = lint_paths([EXAMPLES], options=RunOptions(today=TODAY))
    found = {
        (Path(f.path).resolve().relative_to(EXAMPLES).as_posix(), f.line, f.code)
        for f in report.findings
    }
    messages = {
        (Path(f.path).resolve().relative_to(EXAMPLES).as_posix(), f.line, f.code): f.message
        for f in report.findings
    }
    missing = sorted(expected - found)
    unexpected = [f"{m} {messages[m]}" for m in sorted(found - expected)]
    assert (missing, unexpected) == ([], [])
    assert report.errors == []


def test_every_marker_names_a_well_formed_code_and_several_families_are_shown() -> None:
    all_markers = markers()
    assert all(re.fullmatch(r"[A-Z]{3}\d{3}", code) for _, _, code in all_markers)
    families = {code[:3] for _, _, code in all_markers}
    assert {"OUT", "SND", "FOC", "MEA", "CUS", "STR"} <= families


def test_the_repository_mixes_good_and_flawed_sets_across_teams_and_quarters() -> None:
    report = lint_paths([EXAMPLES], options=RunOptions(today=TODAY))
    counts = report.counts
    assert counts.skipped_files == 1  # owners.yaml is YAML, but not OKRs
    assert counts.files >= 10 and counts.okr_sets >= 10
    flawed = {Path(f.path).name for f in report.findings}
    assert "company.yaml" not in flawed and "growth.yaml" not in flawed
    assert {"platform.yaml", "sales.yaml", "support.yaml"} <= {
        m[0].split("/")[-1] for m in markers()
    }


def test_the_readme_command_on_the_examples_fails_the_gate_with_a_summary() -> None:
    result = CliRunner().invoke(
        app, ["check", str(EXAMPLES), "--today", TODAY.isoformat(), "--format", "concise"]
    )
    # The examples contain format errors (STR002), which are errors: exit status 1.
    assert result.exit_code == 1
    assert "people.yaml:12:9: STR002 [error] unknown key 'taget'; did you mean 'target'?" in (
        result.stdout
    )
    assert result.stdout.rstrip().splitlines()[-1].startswith("Found ")
    assert "(1 other YAML skipped)" in result.stdout
