"""The command line through Typer's runner: commands, formats and every exit status."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from okrlint import __version__
from okrlint.cli import app
from okrlint.model import json_schema
from okrlint.rules.assembly import installed_rules
from samples import GOOD as CLEAN

# One key result only: FOC003, a warning.
WARNING_ONLY = CLEAN.replace(
    "      - Cut the share of new teams that cancel in week 2 from 18% to 12%\n", ""
)
ERROR = CLEAN.replace("period: 2026-Q1", "period: 2026-Q1\nowner: [Dana, Lee]")


@pytest.fixture(autouse=True)
def _plain(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    for name in ("FORCE_COLOR", "NO_COLOR", "OKRLINT_OUTPUT_FORMAT", "GITHUB_ACTIONS"):
        monkeypatch.delenv(name, raising=False)


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def okr_file(text: str, name: str = "growth.yaml") -> str:
    Path(name).write_text(text)
    return name


@pytest.mark.parametrize("output_format", ["rich", "concise", "json"])
def test_exit_0_when_nothing_is_found(output_format: str) -> None:
    status, out, err = invoke("check", okr_file(CLEAN), "--format", output_format)
    assert (status, err) == (0, "")
    if output_format == "json":
        assert json.loads(out)["findings"] == []
    else:
        assert out.endswith("No findings in 1 OKR file.\n")


@pytest.mark.parametrize("output_format", ["rich", "concise", "json"])
def test_exit_1_when_a_finding_reaches_the_gate(output_format: str) -> None:
    status, out, _ = invoke("check", okr_file(ERROR), "--format", output_format)
    assert status == 1
    if output_format == "json":
        (finding,) = json.loads(out)["findings"]
        assert (finding["code"], finding["line"], finding["column"]) == ("STR002", 3, 8)
    elif output_format == "concise":
        assert out.startswith("growth.yaml:3:8: STR002 [error] owner must be text (got a list)\n")
    else:
        assert "growth.yaml  1 finding\n  3:8  error  STR002 invalid-okr\n" in out


def test_warnings_pass_the_default_gate_and_fail_a_stricter_one() -> None:
    name = okr_file(WARNING_ONLY)
    assert invoke("check", name)[0] == 0
    assert invoke("check", name, "--fail-on", "warning")[0] == 1
    assert invoke("check", name, "--fail-on", "info")[0] == 1
    assert invoke("check", name, "--fail-on", "warning", "--exit-zero")[0] == 0
    assert invoke("check", name, "--fail-on", "warning", "--ignore", "FOC003")[0] == 0


def test_select_and_ignore_take_commas_and_repeats() -> None:
    okr_file(ERROR, "a.yaml")
    okr_file(WARNING_ONLY, "b.yaml")

    def codes(*args: str) -> list[str]:
        out = invoke("check", ".", "--format", "concise", "--quiet", *args)[1]
        return [line.split()[1] for line in out.splitlines()]

    assert codes() == ["STR002", "FOC003"]
    assert codes("--select", "STR002,FOC") == ["STR002", "FOC003"]
    assert codes("--select", "FOC003", "--select", "STR001") == ["FOC003"]
    assert codes("--ignore", "structure,FOC001") == ["FOC003"]
    assert codes("--select", "focus", "--ignore", "too-few-key-results") == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["check", "no-such-folder"], "no such file or folder: no-such-folder"),
        (["check", ".", "--select", "NOPE999"], "--select: unknown rule 'NOPE999'"),
        (["check", ".", "--ignore", "not-a-rule"], "--ignore: unknown rule 'not-a-rule'"),
        (["check", ".", "--today", "16/02/2026"], "--today must be a date such as 2026-03-31"),
        (["check", ".", "--config", "missing.yaml"], "missing.yaml: cannot read the config"),
        (["rule", "NOPE999"], "no rule is called 'NOPE999'"),
    ],
)
def test_exit_2_when_the_tool_cannot_do_its_job(args: list[str], message: str) -> None:
    okr_file(CLEAN)
    status, out, err = invoke(*args)
    assert status == 2
    assert out == ""
    assert err.startswith("okrlint: error: ") and message in err


def test_bad_option_values_are_exit_2_from_the_parser() -> None:
    assert invoke("check", ".", "--format", "xml")[0] == 2
    assert invoke("check", ".", "--fail-on", "fatal")[0] == 2
    assert invoke("no-such-command")[0] == 2


def test_one_missing_path_among_good_ones_is_still_exit_2() -> None:
    status, _, err = invoke("check", okr_file(CLEAN), "gone.yaml")
    assert status == 2 and "gone.yaml" in err


def test_quiet_leaves_out_the_summary_and_statistics_counts_per_rule() -> None:
    name = okr_file(WARNING_ONLY)
    _, quiet, _ = invoke("check", name, "--format", "concise", "--quiet")
    assert quiet == (
        "growth.yaml:4:5: FOC003 [warning] this objective has only 1 key result; give it at "
        "least 2, so that one number cannot be hit at the expense of another (pair quantity "
        "with quality).\n"
    )
    _, stats, _ = invoke("check", name, "--statistics")
    assert stats.splitlines()[0].split() == ["1", "FOC003", "[warning]", "too-few-key-results"]


def test_the_default_path_is_the_current_folder() -> None:
    okr_file(WARNING_ONLY, "okrs.yaml")
    status, out, _ = invoke("check", "--format", "concise")
    assert status == 0 and out.startswith("okrs.yaml:4:5: FOC003")


def test_the_output_format_can_come_from_the_environment() -> None:
    result = CliRunner().invoke(
        app, ["check", okr_file(CLEAN)], env={"OKRLINT_OUTPUT_FORMAT": "json"}
    )
    assert json.loads(result.stdout)["version"] == 1


def test_version() -> None:
    status, out, _ = invoke("--version")
    assert (status, out) == (0, f"okrlint {__version__}\n")


def test_schema_prints_the_json_schema_of_the_models() -> None:
    status, out, _ = invoke("schema")
    assert status == 0
    schema = json.loads(out)
    assert schema == json_schema()
    assert schema["required"] == ["team", "period"]
    assert {"team", "period", "objectives"} <= set(schema["properties"])


def test_rules_lists_every_rule() -> None:
    status, out, _ = invoke("rules")
    assert status == 0
    listed = [line.split()[0] for line in out.splitlines()]
    assert listed == sorted(installed_rules().rules)
    foc001 = next(line for line in out.splitlines() if line.startswith("FOC001"))
    assert "too-many-objectives" in foc001 and "warning" in foc001


def test_rules_as_json_and_markdown() -> None:
    rows = json.loads(invoke("rules", "--format", "json")[1])
    assert {row["code"] for row in rows} == set(installed_rules().rules)
    assert set(rows[0]) >= {"code", "name", "family", "severity", "enabled", "fixable", "summary"}
    markdown = invoke("rules", "--format", "markdown")[1]
    assert markdown.startswith("| code | name |")
    assert "| FOC001 | too-many-objectives | focus | warning |" in markdown


@pytest.mark.parametrize("name", ["FOC001", "foc001", "too-many-objectives"])
def test_rule_explains_one_rule_from_its_metadata(name: str) -> None:
    status, out, _ = invoke("rule", name)
    assert status == 0
    rule = installed_rules().rules["FOC001"]
    assert out.startswith("# FOC001 too-many-objectives\n")
    assert rule.meta.summary in out and rule.meta.rationale in out
    assert "## Flagged" in out and "## Fine" in out and "## Options" in out
    assert "- `max` (int, default 3)" in out
    # The examples are shown as a reader should see them, the test markers as arrows.
    assert "# expect:" not in out and "# <- FOC001" in out


def test_python_dash_m_and_the_installed_script_work() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "okrlint", "--version"], capture_output=True, text=True, check=False
    )
    assert (result.returncode, result.stdout) == (0, f"okrlint {__version__}\n")
    script = Path(sys.executable).parent / "okrlint"
    assert script.exists()
    result = subprocess.run([str(script), "check", "--help"], capture_output=True, text=True)
    assert result.returncode == 0 and "--fail-on" in result.stdout


# What the `okrlint` command sees of the process when typer and pydantic are first imported:
# the collector thresholds and the pydantic plugin switch, printed by a real process.
_SETTINGS_AT_FIRST_IMPORT = """
import gc, os, sys

class Watch:
    def find_spec(self, name, path=None, target=None):
        if name in ("typer", "pydantic") and name not in seen:
            seen[name] = (gc.get_threshold(), os.environ.get("PYDANTIC_DISABLE_PLUGINS"))
        return None

seen = {}
sys.meta_path.insert(0, Watch())
sys.argv = ["okrlint", "check", "--format", "json", sys.argv[1]]
from okrlint.entry import main
try:
    main()
except SystemExit:
    pass
print(repr(seen), file=sys.stderr)
"""


def test_the_command_sets_up_its_process_before_it_imports_typer_and_pydantic(
    tmp_path: Path,
) -> None:
    target = tmp_path / "growth.yaml"
    target.write_text(CLEAN, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("PYDANTIC_DISABLE_PLUGINS", "CI")}
    env["OKRLINT_NO_DAEMON"] = "1"
    done = subprocess.run(
        [sys.executable, "-c", _SETTINGS_AT_FIRST_IMPORT, str(target)],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        check=False,
    )
    seen = ast.literal_eval(done.stderr.strip().splitlines()[-1])
    expected = ((50_000, 20, 100), "__all__")
    assert seen == {"typer": expected, "pydantic": expected}, done.stderr
    assert json.loads(done.stdout)["findings"] == []
