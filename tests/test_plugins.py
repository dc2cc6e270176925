"""Plugins: the example plugin pip-installed into a fresh virtual environment, and plugins that
break (at load time or inside a rule) without taking the run down."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tools import checkout_snapshot, clean_env, plugin_venv, run

OKR = """\
team: Growth
period: 2026-Q1
objectives:
  - title: Make the first week with the product effortless for new teams
    key_results:
      - Raise week-1 onboarding completion of new teams from 32% to 45%
"""


@pytest.fixture(scope="module")
def fresh_venv() -> Path:
    # A venv made by the GitHub Action's install step, with the example plugin pip-installed.
    return plugin_venv()


def test_rules_lists_the_plugin_rule_with_its_source_and_version(fresh_venv: Path) -> None:
    result = run([str(fresh_venv / "bin" / "okrlint"), "rules", "--format", "json"])
    assert result.returncode == 0, result.stderr
    rows = {row["code"]: row for row in json.loads(result.stdout)}
    assert rows["OWN001"]["source"] == "plugin:okrlint-ownership 0.1.0"
    assert rows["OWN001"]["name"] == "key-result-without-owner"
    assert rows["STR002"]["source"] == "builtin"
    table = run([str(fresh_venv / "bin" / "okrlint"), "rules"]).stdout
    [line] = [line for line in table.splitlines() if line.startswith("OWN001")]
    assert "plugin:okrlint-ownership 0.1.0" in line
    explained = run([str(fresh_venv / "bin" / "okrlint"), "rule", "OWN001"]).stdout
    assert "Source: plugin:okrlint-ownership 0.1.0" in explained


def test_check_uses_the_plugin_rule_and_its_options(fresh_venv: Path, tmp_path: Path) -> None:
    (tmp_path / "growth.yaml").write_text(OKR)
    okrlint = str(fresh_venv / "bin" / "okrlint")
    result = run([okrlint, "check", "--format", "concise", "growth.yaml"], cwd=tmp_path)
    assert result.returncode == 0, result.stderr  # OWN001 is info: reported, not failing
    assert "growth.yaml:6:9: OWN001 [info] this key result has no owner" in result.stdout
    (tmp_path / ".okrlint.yaml").write_text("rules:\n  OWN001: {inherit: true}\n")
    (tmp_path / "growth.yaml").write_text(OKR.replace("objectives:", "owner: Dana\nobjectives:"))
    result = run([okrlint, "check", "--format", "concise", "growth.yaml"], cwd=tmp_path)
    assert "OWN001" not in result.stdout


def test_the_plugin_tests_pass_with_okrlint_testing(fresh_venv: Path) -> None:
    snapshot, _ = checkout_snapshot()
    tests = snapshot / "examples" / "plugin" / "tests"
    result = run(
        [
            str(fresh_venv / "bin" / "python"),
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            str(tests),
        ],
        cwd=tests.parent,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 passed" in result.stdout


def fake_distribution(root: Path, name: str, version: str, module: str, code: str) -> Path:
    """An installed distribution as importlib.metadata sees one: a module and a .dist-info."""
    root.mkdir(parents=True, exist_ok=True)
    (root / f"{module}.py").write_text(textwrap.dedent(code))
    info = root / f"{name.replace('-', '_')}-{version}.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n")
    (info / "entry_points.txt").write_text(f"[okrlint.rules]\n{module} = {module}\n")
    return root


RULE_HEAD = """\
    from okrlint.api import Example, Rule, RuleMeta, Scope

    EXAMPLE = Example("team: T\\nperiod: 2026-Q1\\nobjectives: []\\n")


    class Exploding(Rule):
        meta = RuleMeta(
            code="{code}", name="exploding", family="demo", scope=Scope.KEY_RESULT,
            summary="s", rationale="r", bad=(EXAMPLE,), good=(EXAMPLE,),
        )

        def check(self, item, context):
            yield item.violation("first")
            raise ZeroDivisionError("boom")
"""


def okrlint_with(plugins: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return run(
        [sys.executable, "-m", "okrlint", *args],
        cwd=cwd,
        env=clean_env(PYTHONPATH=str(plugins)),
    )


def test_a_rule_that_raises_is_named_and_the_run_goes_on(tmp_path: Path) -> None:
    plugins = fake_distribution(
        tmp_path / "site",
        "okrlint-exploding",
        "2.3.0",
        "okrlint_exploding",
        RULE_HEAD.format(code="BOOM001"),
    )
    (tmp_path / "okrs.yaml").write_text(OKR)
    result = okrlint_with(plugins, "check", "--format", "concise", "okrs.yaml", cwd=tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = result.stdout.splitlines()
    # The built-in rules' findings still come out (one key result: FOC003).
    assert any(": FOC003 [warning]" in line for line in lines)
    [crash] = [line for line in lines if "failed" in line]
    assert crash.startswith("okrs.yaml:6:9: BOOM001 [error] the rule BOOM001")
    assert "(plugin:okrlint-exploding 2.3.0) failed: ZeroDivisionError: boom" in crash
    assert "okrlint: error: okrs.yaml: the rule BOOM001" in result.stderr


def test_a_plugin_that_fails_to_load_is_named_with_its_version(tmp_path: Path) -> None:
    plugins = fake_distribution(
        tmp_path / "site",
        "okrlint-broken",
        "0.9.1",
        "okrlint_broken",
        "import nowhere_to_be_found\n",
    )
    fake_distribution(
        plugins / "second",
        "okrlint-squatter",
        "1.0.0",
        "okrlint_squatter",
        RULE_HEAD.format(code="FOC001"),
    )
    (tmp_path / "okrs.yaml").write_text(OKR)
    env_path = f"{plugins}:{plugins / 'second'}"
    listed = run([sys.executable, "-m", "okrlint", "rules"], env=clean_env(PYTHONPATH=env_path))
    assert listed.returncode == 2  # the list is incomplete
    assert (
        "plugin:okrlint-broken 0.9.1: entry point 'okrlint_broken = okrlint_broken' failed "
        "to load: ModuleNotFoundError" in listed.stderr
    )
    assert (
        "plugin:okrlint-squatter 1.0.0: FOC001 (Exploding): the code is already taken by "
        "too-many-objectives (builtin)" in listed.stderr
    )
    assert "FOC001  too-many-objectives" in listed.stdout  # the built-in rule is kept
    checked = run(
        [sys.executable, "-m", "okrlint", "check", "okrs.yaml"],
        cwd=tmp_path,
        env=clean_env(PYTHONPATH=env_path),
    )
    assert checked.returncode == 2
    assert "okrlint-broken 0.9.1" in checked.stderr
