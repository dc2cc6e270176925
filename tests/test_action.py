"""The composite GitHub Action (action.yml), its `run:` steps executed with bash in the
environment a runner gives them (GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, RUNNER_TEMP, RUNNER_OS,
the outputs of earlier steps); actions/setup-python is stood in for by the tests' Python."""

from __future__ import annotations

import json
from pathlib import Path

from okrlint import __version__
from samples import ONLY_TYPO as BAD
from tools import action_runner_temp, read_action, read_github_output, run_action_step

THIN = """\
team: Sales
period: 2026-Q1
objectives:
  - title: Win the mid-market, coast to coast
    key_results:
      - Raise the mid-market win rate from 18% to 25%
"""


def test_the_action_sets_up_python_caches_and_can_upload_sarif() -> None:
    action = read_action()
    assert action["runs"]["using"] == "composite"
    assert set(action["inputs"]) == {"src", "args", "python-version", "sarif"}
    for spec in action["inputs"].values():
        assert spec["description"] and "default" in spec
    steps = action["runs"]["steps"]
    uses = {step["name"]: step.get("uses", "") for step in steps}
    assert uses["Set up Python"] == "actions/setup-python@v5"
    [python] = [step for step in steps if step["name"] == "Set up Python"]
    assert python["with"]["python-version"] == "${{ inputs.python-version }}"
    # Both caches are keyed by okrlint's version and the runner's OS.
    caches = [step for step in steps if step.get("uses", "").startswith("actions/cache@")]
    assert len(caches) == 2
    for cache in caches:
        key = cache["with"]["key"]
        assert "steps.prepare.outputs.version" in key and "runner.os" in key
    assert ".okrlint_cache" in caches[1]["with"]["path"]
    [upload] = [step for step in steps if step["name"] == "Upload SARIF"]
    assert upload["uses"].startswith("github/codeql-action/upload-sarif@")
    assert "inputs.sarif == 'true'" in upload["if"] and "always()" in upload["if"]
    # No step assumes a POSIX venv layout: the programs' folder comes from the prepare step.
    for step in steps:
        assert "venv/bin" not in step.get("run", ""), step["name"]
        assert step.get("shell", "bash") == "bash"


def test_the_prepare_step_knows_each_runners_venv_layout(tmp_path: Path) -> None:
    for runner_os, folder in (("Linux", "bin"), ("macOS", "bin"), ("Windows", "Scripts")):
        runner_temp = tmp_path / runner_os
        runner_temp.mkdir()
        result = run_action_step("Prepare okrlint", runner_temp, runner_temp, runner_os=runner_os)
        assert result.returncode == 0, result.stderr
        outputs = read_github_output(runner_temp / "github-output-prepare")
        assert outputs["version"] == __version__
        assert outputs["bin"] == f"{runner_temp}/okrlint-venv/{folder}"
        assert outputs["pip-cache"]


def test_the_action_annotates_summarises_and_writes_sarif(tmp_path: Path) -> None:
    runner_temp = action_runner_temp()
    summary = runner_temp / "step-summary.md"
    summary.unlink(missing_ok=True)
    (tmp_path / "okrs").mkdir()
    (tmp_path / "okrs" / "growth.yaml").write_text(BAD)
    (tmp_path / "okrs" / "sales.yaml").write_text(THIN)
    (tmp_path / "notes.yaml").write_text(BAD)  # outside `src`: not linted
    # Only the rules these counts are worked out for: the plugin tests install a plugin into
    # the same runner's venv, and its rules must not change them.
    inputs = {"src": "okrs", "sarif": "true", "args": "--select STR,FOC"}
    result = run_action_step("Run okrlint", runner_temp, tmp_path, inputs)
    assert result.returncode == 1, result.stderr
    assert (
        "::error file=okrs/growth.yaml,line=7,endLine=7,col=9,endColumn=18,"
        "title=STR002 invalid-okr::unknown key 'taget'"
    ) in result.stdout
    assert "::warning file=okrs/sales.yaml,line=4," in result.stdout
    assert "notes.yaml" not in result.stdout
    # The job summary: a table per team, a row per period, and the top findings.
    text = summary.read_text()
    assert "### Growth\n\n| period | errors | warnings | info |" in text
    assert "| 2026-Q1 | 1 | 0 | 0 |" in text
    assert "### Sales\n" in text and "| 2026-Q1 | 0 | 1 | 0 |" in text
    assert "### Top findings" in text
    top = text.split("### Top findings", 1)[1]
    # The error comes first, then the warning.
    assert top.index("STR002 invalid-okr") < top.index("FOC003 too-few-key-results")
    assert read_github_output(runner_temp / "github-output-run") == {"findings": "2"}
    sarif = json.loads((runner_temp / "okrlint.sarif").read_text())
    assert sarif["version"] == "2.1.0"
    assert sorted(r["ruleId"] for r in sarif["runs"][0]["results"]) == ["FOC003", "STR002"]


def test_the_action_passes_args_and_fails_like_okrlint(tmp_path: Path) -> None:
    runner_temp = action_runner_temp()
    (tmp_path / "okrs").mkdir()
    (tmp_path / "okrs" / "sales.yaml").write_text(THIN)
    passed = run_action_step("Run okrlint", runner_temp, tmp_path, {"src": "okrs"})
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "::warning file=okrs/sales.yaml" in passed.stdout  # shown, not failing
    # `args` reaches okrlint: FOC003 (one key result) is a warning and now fails the step.
    strict = run_action_step(
        "Run okrlint", runner_temp, tmp_path, {"src": "okrs", "args": "--fail-on warning"}
    )
    assert strict.returncode == 1
    # A bad option is okrlint's exit status 2 and its message, with no stale report.
    broken = run_action_step(
        "Run okrlint", runner_temp, tmp_path, {"src": "okrs", "args": "--fail-on sometimes"}
    )
    assert broken.returncode == 2
    assert "sometimes" in broken.stderr and "::" not in broken.stdout
