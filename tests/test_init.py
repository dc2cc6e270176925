"""`okrlint init [DIR]`: a scaffold that lints clean, configs the real tools accept, and no
overwriting without --force."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from ruamel.yaml import YAML
from typer.testing import CliRunner

from okrlint import __version__
from okrlint.cli import app
from tools import run

FILES = [
    "okrs/example.yaml",
    "okr.schema.json",
    ".okrlint.yaml",
    ".pre-commit-config.yaml",
    ".github/workflows/okrlint.yml",
]


def init(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["init", *args])
    return result.exit_code, result.stdout + result.stderr


def test_init_writes_the_files_and_the_example_lints_clean(tmp_path: Path) -> None:
    status, output = init(str(tmp_path), "--period", "2026-Q1")
    assert status == 0, output
    assert sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*") if p.is_file()) == (
        sorted(FILES)
    )
    assert "created" in output
    # The example is a showcase: no finding from any rule on by default, with its config.
    checked = CliRunner().invoke(
        app, ["check", "--format", "concise", "--today", "2026-01-12", str(tmp_path)]
    )
    assert checked.exit_code == 0
    assert checked.stdout == "No findings in 1 OKR file.\n"
    shown = CliRunner().invoke(app, ["config", str(tmp_path / "okrs"), "--json"])
    assert shown.exit_code == 0, shown.output
    assert json.loads(shown.stdout)["config_files"] == [(tmp_path / ".okrlint.yaml").as_posix()]


def test_the_period_defaults_to_this_quarter(tmp_path: Path) -> None:
    import datetime as dt

    assert init(str(tmp_path))[0] == 0
    today = dt.date.today()
    quarter = f"{today.year}-Q{(today.month - 1) // 3 + 1}"
    assert f"period: {quarter} " in (tmp_path / "okrs" / "example.yaml").read_text()


def test_init_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    (tmp_path / ".okrlint.yaml").write_text("ignore: [FOC]\n")
    status, output = init(str(tmp_path))
    assert status == 2
    assert "not overwriting" in output and ".okrlint.yaml" in output and "--force" in output
    assert (tmp_path / ".okrlint.yaml").read_text() == "ignore: [FOC]\n"
    assert not (tmp_path / "okrs").exists()  # nothing is written when anything would be lost
    status, output = init(str(tmp_path), "--force")
    assert status == 0, output
    assert (tmp_path / ".okrlint.yaml").read_text() != "ignore: [FOC]\n"


def test_the_pre_commit_config_and_workflow_are_what_the_tools_expect(tmp_path: Path) -> None:
    assert init(str(tmp_path))[0] == 0
    pre_commit = str(Path(sys.executable).parent / "pre-commit")
    validated = run([pre_commit, "validate-config", ".pre-commit-config.yaml"], cwd=tmp_path)
    assert validated.returncode == 0, validated.stdout + validated.stderr
    config = YAML(typ="safe").load((tmp_path / ".pre-commit-config.yaml").read_text())
    [repo] = config["repos"]
    assert repo["rev"] == f"v{__version__}" and repo["hooks"] == [{"id": "okrlint"}]
    workflow = YAML(typ="safe").load((tmp_path / ".github/workflows/okrlint.yml").read_text())
    steps = workflow["jobs"]["okrlint"]["steps"]
    assert steps[-1] == {"uses": f"okrlint/okrlint@v{__version__}", "with": {"src": "okrs"}}
    manifest = YAML(typ="safe").load(
        (Path(__file__).parent.parent / ".pre-commit-hooks.yaml").read_text()
    )
    assert [hook["id"] for hook in manifest] == ["okrlint"]
    validated = run(
        [
            pre_commit,
            "validate-manifest",
            str(Path(__file__).parent.parent / ".pre-commit-hooks.yaml"),
        ]
    )
    assert validated.returncode == 0, validated.stdout + validated.stderr
