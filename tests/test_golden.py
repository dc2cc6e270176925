"""One golden file per output format, from the real command line.

The fixture in `tests/golden/okrs/` holds a format error, a YAML error, too many objectives, an
objective with one key result and a YAML file that is not OKRs. Only the structure and focus
rules are selected, so the golden files change when those rules or a format change, not when a
new rule lands. After a deliberate change, regenerate them with

    OKRLINT_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py

and read the diff before committing it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from okrlint.cli import app

GOLDEN = Path(__file__).resolve().parent / "golden"
ARGS = ["check", "okrs", "--select", "STR,FOC", "--today", "2026-02-16"]

FINDING_KEYS = {
    "team",
    "period",
    "path",
    "line",
    "column",
    "end_line",
    "end_column",
    "code",
    "name",
    "severity",
    "message",
    "object",
    "text",
    "fix",
}
SUMMARY_KEYS = {
    "files",
    "okr_sets",
    "objectives",
    "key_results",
    "findings",
    "by_severity",
    "by_code",
}


@pytest.fixture(autouse=True)
def _in_golden_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(GOLDEN)
    for name in ("FORCE_COLOR", "NO_COLOR", "OKRLINT_OUTPUT_FORMAT", "GITHUB_ACTIONS"):
        monkeypatch.delenv(name, raising=False)


def run(*extra: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(app, [*ARGS, *extra], env=env)
    return result.exit_code, result.stdout


def compare(name: str, output: str) -> None:
    golden = GOLDEN / name
    if os.environ.get("OKRLINT_UPDATE_GOLDEN"):
        golden.write_text(output, encoding="utf-8")
    assert output == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("output_format", "golden"),
    [("rich", "rich.txt"), ("concise", "concise.txt"), ("json", "json.json")],
)
def test_each_format_matches_its_golden_file(output_format: str, golden: str) -> None:
    status, output = run("--format", output_format)
    assert status == 1
    compare(golden, output)


def test_rich_without_a_terminal_has_no_ansi_codes() -> None:
    _, output = run("--format", "rich")
    assert "\x1b[" not in output
    # Grouped by file, with the source line and a caret under the node.
    assert "okrs/growth.yaml  2 findings\n" in output
    assert "      13 |       - {title: Raise the share of teams" in output
    caret_line = output.split("      13 |")[1].splitlines()[1]
    assert caret_line.index("^") == output.split("      13 |")[1].splitlines()[0].index("7") + 10


def test_force_color_gives_ansi_and_no_color_wins_over_it() -> None:
    _, colored = run("--format", "rich", env={"FORCE_COLOR": "1"})
    assert "\x1b[" in colored
    _, plain = run("--format", "rich", env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert "\x1b[" not in plain
    compare("rich.txt", plain)


def test_concise_is_the_default_when_not_a_terminal() -> None:
    _, output = run()
    compare("concise.txt", output)


def test_json_has_exactly_the_documented_shape() -> None:
    _, output = run("--format", "json")
    document = json.loads(output)
    assert set(document) == {"version", "findings", "summary"}
    assert document["version"] == 1
    assert all(set(finding) == FINDING_KEYS for finding in document["findings"])
    summary = document["summary"]
    assert set(summary) == SUMMARY_KEYS
    assert summary["findings"] == len(document["findings"])
    assert summary["by_severity"] == {"error": 3, "warning": 2, "info": 0}
    assert summary["by_code"] == {"FOC001": 1, "FOC003": 1, "STR001": 1, "STR002": 2}
    # growth.yaml has format errors and is judged all the same
    assert (summary["files"], summary["okr_sets"]) == (3, 2)
    first = document["findings"][0]
    assert first["path"] == "okrs/broken.yaml" and first["fix"] is None
    # The set a finding is about is named as written, even in a set that breaks the format.
    assert {(f["team"], f["period"]) for f in document["findings"][1:]} == {
        ("Growth", "2026-Q1"),
        ("Sales", "2026-Q1"),
    }
