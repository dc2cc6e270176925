"""`okrlint init [DIR]`: a scaffold that lints clean, configs the real tools accept, and no
overwriting without --force."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from ruamel.yaml import YAML
from typer.testing import CliRunner

from okrlint.cli import app
from okrlint.release import REPOSITORY, ref
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
    # The example is a showcase: no finding from any rule on by default, when linted by name.
    example = str(tmp_path / "okrs" / "example.yaml")
    checked = CliRunner().invoke(
        app, ["check", "--format", "concise", "--today", "2026-01-12", example]
    )
    assert checked.exit_code == 0
    assert checked.stdout == "No findings in 1 OKR file.\n"
    # It is not a team: a run over the repository, and the report, leave it out.
    whole = CliRunner().invoke(app, ["check", "--format", "json", str(tmp_path)])
    assert whole.exit_code == 0, whole.output
    assert json.loads(whole.stdout)["summary"]["okr_sets"] == 0
    report = CliRunner().invoke(app, ["report", "--format", "md", str(tmp_path)])
    assert "Growth" not in report.stdout
    shown = CliRunner().invoke(app, ["config", str(tmp_path / "okrs"), "--json"])
    assert shown.exit_code == 0, shown.output
    assert json.loads(shown.stdout)["config_files"] == [(tmp_path / ".okrlint.yaml").as_posix()]


def test_a_bad_period_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    for bad in ("2026-Q5", "next quarter", "26-Q1"):
        status, output = init(str(tmp_path), "--period", bad)
        assert status == 2
        assert "--period must be a year, half, quarter or month" in output and bad in output
    assert list(tmp_path.iterdir()) == []
    (tmp_path / "file").write_text("x")
    status, output = init(str(tmp_path / "file"))
    assert status == 2 and "is not a folder" in output


def test_an_existing_pre_commit_config_gets_the_hook_with_its_comments_kept(
    tmp_path: Path,
) -> None:
    existing = (
        "# Our hooks: keep this comment\n"
        "default_stages: [pre-commit]\n"
        "repos:\n"
        "  - repo: https://github.com/pre-commit/pre-commit-hooks\n"
        "    rev: v4.6.0  # pinned on purpose\n"
        "    hooks:\n"
        "      - id: trailing-whitespace\n"
        "      - id: check-yaml\n"
    )
    config = tmp_path / ".pre-commit-config.yaml"
    config.write_text(existing)
    status, output = init(str(tmp_path))
    assert status == 0, output
    assert f"added the okrlint hook to {config}" in output
    text = config.read_text()
    # Everything that was there is still there, byte for byte, and okrlint's hook follows it.
    assert text.startswith(existing)
    data = YAML(typ="safe").load(text)
    assert data["repos"][-1] == {"repo": REPOSITORY, "rev": ref(), "hooks": [{"id": "okrlint"}]}
    assert data["default_stages"] == ["pre-commit"]
    # Run again (even with --force): the hook is there already, so the file is left alone.
    status, output = init(str(tmp_path), "--force")
    assert status == 0, output
    assert f"kept {config} (it already runs okrlint)" in output
    assert config.read_text() == text
    # A file pre-commit could not read either is an error, and nothing is written.
    config.write_text("repos: [unclosed\n")
    (tmp_path / ".okrlint.yaml").unlink()
    status, output = init(str(tmp_path), "--force")
    assert status == 2 and "cannot read" in output
    assert not (tmp_path / ".okrlint.yaml").exists()


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
    assert repo["rev"] == ref() and repo["hooks"] == [{"id": "okrlint"}]
    workflow = YAML(typ="safe").load((tmp_path / ".github/workflows/okrlint.yml").read_text())
    steps = workflow["jobs"]["okrlint"]["steps"]
    assert steps[-1] == {"uses": f"okrlint/okrlint@{ref()}", "with": {"src": "okrs"}}
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
