"""The composite GitHub Action (action.yml), its steps run with bash as a runner runs them."""

from __future__ import annotations

from pathlib import Path

from samples import TYPO as BAD
from tools import action_runner_temp, read_action, run_action_step


def test_the_action_is_composite_with_documented_inputs() -> None:
    action = read_action()
    assert action["runs"]["using"] == "composite"
    assert set(action["inputs"]) == {"src", "args", "version"}
    for spec in action["inputs"].values():
        assert spec["description"] and "default" in spec
    assert [step["name"] for step in action["runs"]["steps"]] == ["Install okrlint", "Run okrlint"]
    assert all(step["shell"] == "bash" for step in action["runs"]["steps"])


def test_the_action_installs_okrlint_and_annotates_findings(tmp_path: Path) -> None:
    runner_temp = action_runner_temp()
    (tmp_path / "okrs").mkdir()
    (tmp_path / "okrs" / "growth.yaml").write_text(BAD)
    (tmp_path / "notes.yaml").write_text(BAD)  # outside `src`: not linted
    result = run_action_step("Run okrlint", runner_temp, tmp_path, {"src": "okrs"})
    assert result.returncode == 1, result.stderr
    assert (
        "::error file=okrs/growth.yaml,line=7,endLine=7,col=9,endColumn=18,"
        "title=STR002 invalid-okr::unknown key 'taget'"
    ) in result.stdout
    assert "notes.yaml" not in result.stdout
    (tmp_path / "okrs" / "growth.yaml").write_text(BAD.replace("taget", "target"))
    passed = run_action_step("Run okrlint", runner_temp, tmp_path, {"src": "okrs"})
    assert passed.returncode == 0, passed.stdout + passed.stderr
    # `args` reaches okrlint: FOC003 (one key result) is a warning and now fails the step.
    strict = run_action_step(
        "Run okrlint", runner_temp, tmp_path, {"src": "okrs", "args": "--fail-on warning"}
    )
    assert strict.returncode == 1
    assert "::warning file=okrs/growth.yaml,line=4," in strict.stdout
