"""Configuration: the nearest config above each file, and exit 2 for one the tool cannot use."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from okrlint.cli import app
from okrlint.config.files import find_config, read_config
from okrlint.errors import ConfigError
from okrlint.pipeline.run import lint_paths

# Four objectives: FOC001 with the default limit of 3.
FOUR_OBJECTIVES = "team: {team}\nperiod: 2026-Q1\nobjectives:\n" + "".join(
    f"  - title: Objective {n}\n    key_results:\n"
    f"      - Raise metric {n} from 10% to 20%\n      - Cut cost {n} from $5 to $4\n"
    for n in range(1, 5)
)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "okrs" / "company.yaml", FOUR_OBJECTIVES.format(team="Company"))
    write(tmp_path / "okrs" / "teams" / "growth.yaml", FOUR_OBJECTIVES.format(team="Growth"))
    return tmp_path


def focus_findings() -> dict[str, str]:
    report = lint_paths(["okrs"])
    return {f.path: f.severity.value for f in report.findings if f.code == "FOC001"}


def test_without_a_config_the_defaults_apply(repo: Path) -> None:
    assert focus_findings() == {
        "okrs/company.yaml": "warning",
        "okrs/teams/growth.yaml": "warning",
    }


def test_the_nearest_config_above_each_file_wins(repo: Path) -> None:
    write(repo / ".okrlint.yaml", "severity:\n  FOC001: error\n")
    write(repo / "okrs" / "teams" / ".okrlint.yaml", "rules:\n  FOC001: {max: 4}\n")
    assert find_config(repo / "okrs") == (repo / ".okrlint.yaml").resolve()
    assert find_config(repo / "okrs" / "teams") == (repo / "okrs/teams/.okrlint.yaml").resolve()
    # The nearest config replaces the one above it: growth.yaml gets max 4 and no severity change.
    assert focus_findings() == {"okrs/company.yaml": "error"}


def test_tool_okrlint_in_pyproject_is_a_config(repo: Path) -> None:
    write(repo / "pyproject.toml", '[project]\nname = "x"\n\n[tool.okrlint]\nignore = ["FOC001"]\n')
    assert find_config(repo / "okrs") == (repo / "pyproject.toml").resolve()
    assert focus_findings() == {}


def test_a_pyproject_without_tool_okrlint_is_passed_over(repo: Path) -> None:
    write(repo / ".okrlint.yaml", "ignore: [FOC001]\n")
    write(repo / "okrs" / "pyproject.toml", '[project]\nname = "x"\n')
    assert find_config(repo / "okrs") == (repo / ".okrlint.yaml").resolve()
    assert focus_findings() == {}


def test_okrlint_yaml_wins_over_pyproject_in_the_same_folder(repo: Path) -> None:
    write(repo / "pyproject.toml", '[tool.okrlint]\nignore = ["FOC001"]\n')
    write(repo / ".okrlint.yaml", "severity: {FOC001: info}\n")
    assert set(focus_findings().values()) == {"info"}


def test_config_option_uses_one_file_for_every_path(repo: Path) -> None:
    write(repo / "okrs" / "teams" / ".okrlint.yaml", "ignore: [FOC001]\n")
    config = write(repo / "ci.yaml", "severity: {FOC001: error}\n")
    result = CliRunner().invoke(
        app, ["check", "okrs", "--config", str(config), "--format", "concise"]
    )
    assert result.exit_code == 1
    assert result.stdout.count("FOC001 [error]") == 2


def test_an_empty_config_file_is_the_defaults(repo: Path) -> None:
    write(repo / ".okrlint.yaml", "# nothing configured yet\n")
    assert len(focus_findings()) == 2


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        (
            ".okrlint.yaml",
            "selct: [FOC001]\n",
            "unknown key 'selct'; did you mean 'select'?",
        ),
        (".okrlint.yaml", "select: [FOC001, XYZ123]\n", "select: unknown rule 'XYZ123'"),
        (".okrlint.yaml", "ignore: nonsense-rule\n", "ignore: unknown rule 'nonsense-rule'"),
        (".okrlint.yaml", "severity: {FOC009: info}\n", "severity.FOC009: unknown rule 'FOC009'"),
        (".okrlint.yaml", "severity: {FOC001: fatal}\n", "severity.FOC001: Input should be"),
        (".okrlint.yaml", "rules: {ABC001: {max: 2}}\n", "rules.ABC001: unknown rule 'ABC001'"),
        (".okrlint.yaml", "rules: {FOC001: {maximum: 2}}\n", "unknown option 'maximum'"),
        (".okrlint.yaml", "rules: {FOC001: {max: lots}}\n", "rules.FOC001: max:"),
        (".okrlint.yaml", "rules: {FOC001: {max: 9}}\n", "rules.FOC001: max:"),
        (".okrlint.yaml", "per_file_ignores: {'okrs/*': [NOPE]}\n", "unknown rule 'NOPE'"),
        (".okrlint.yaml", "- select\n", "the config must be a mapping"),
        (".okrlint.yaml", "select: [FOC001\n", "line 2, column 1: invalid YAML"),
        ("pyproject.toml", "[tool.okrlint]\nselect = [\n", "invalid TOML"),
        ("pyproject.toml", "[tool.okrlint]\nfail-on = 'always'\n", "fail_on:"),
        ("pyproject.toml", "[tool.okrlint]\nverbose = true\n", "unknown key 'verbose'"),
    ],
)
def test_a_bad_config_is_exit_2_naming_the_file_and_the_key(
    repo: Path, name: str, text: str, message: str
) -> None:
    config = write(repo / name, text)
    result = CliRunner().invoke(app, ["check", "okrs"])
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert result.stderr.startswith(f"okrlint: error: {config.resolve()}: ")
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_read_config_raises_a_config_error_for_an_unreadable_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read the config"):
        read_config(tmp_path / "missing.yaml")
    latin = tmp_path / ".okrlint.yaml"
    latin.write_bytes(b"select: [F\xd6C001]\n")
    with pytest.raises(ConfigError, match="cannot read the config"):
        read_config(latin)


@pytest.mark.parametrize(("preset", "limit"), [("wodtke", 1), ("doerr", 3)])
def test_presets_name_the_published_alternatives(repo: Path, preset: str, limit: int) -> None:
    write(repo / ".okrlint.yaml", f"preset: {preset}\n")
    messages = [f.message for f in lint_paths(["okrs"]).findings if f.code == "FOC001"]
    assert messages and all(f"the limit is {limit}." in m for m in messages)


def test_explicit_rule_options_win_over_the_preset(repo: Path) -> None:
    write(repo / ".okrlint.yaml", "preset: wodtke\nrules:\n  FOC001: {max: 4}\n")
    assert focus_findings() == {}
