"""The config cascade: nearest config per file, `extends`, paths relative to the declaring file,
`exclude`, `per_file_ignores` globs, and `okrlint config` showing where each value came from."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from okrlint.cli import app

# Four objectives (FOC001 at the default limit of 3), the first with one key result (FOC003)
# and no number in it (MEA001).
FLAWED = """\
team: {team}
period: 2026-Q1
objectives:
  - title: Make onboarding effortless
    key_results:
      - Improve how new users onboard
  - title: Win the mid-market
    key_results:
      - Raise the mid-market win rate from 18% to 25%
      - Grow mid-market logos from 40 to 60
  - title: Keep customers longer
    key_results:
      - Cut monthly logo churn from 3% to 2%
      - Raise net revenue retention from 104% to 110%
  - title: Make support fast
    key_results:
      - Cut median first response time from 9h to 2h
      - Cut repeat contacts per customer from 1.8 to 1.3
"""


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    write(tmp_path / "okrs" / "company.yaml", FLAWED.format(team="Company"))
    write(tmp_path / "okrs" / "growth" / "growth.yaml", FLAWED.format(team="Growth"))
    write(tmp_path / "okrs" / "growth" / "drafts" / "next.yaml", FLAWED.format(team="Next"))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def found(*args: str) -> set[tuple[str, str]]:
    result = CliRunner().invoke(app, ["check", "--format", "concise", "--quiet", *args])
    assert result.exit_code in (0, 1), result.output
    pairs = set()
    for line in result.stdout.splitlines():
        location, rest = line.split(": ", 1)
        pairs.add((location.split(":")[0], rest.split(" ")[0]))
    return pairs


ALL = {
    (f"okrs/{path}", code)
    for path in ("company.yaml", "growth/growth.yaml", "growth/drafts/next.yaml")
    for code in ("FOC001", "FOC003", "MEA001")
}


def test_extends_inherits_and_the_nearer_file_wins(repo: Path) -> None:
    write(repo / ".okrlint.yaml", "rules:\n  FOC001: {max: 4}\n  FOC003: {min: 1}\n")
    write(
        repo / "okrs" / "growth" / ".okrlint.yaml",
        "extends: ../../.okrlint.yaml\nrules:\n  FOC001: {max: 3}\n",
    )
    assert found("okrs") == {
        ("okrs/company.yaml", "MEA001"),
        # The nearer config sets FOC001 back to 3 and inherits FOC003's minimum of 1.
        ("okrs/growth/growth.yaml", "FOC001"),
        ("okrs/growth/growth.yaml", "MEA001"),
        ("okrs/growth/drafts/next.yaml", "FOC001"),
        ("okrs/growth/drafts/next.yaml", "MEA001"),
    }


def test_without_extends_a_nearer_config_does_not_inherit(repo: Path) -> None:
    write(repo / ".okrlint.yaml", "ignore: [MEA001]\n")
    write(repo / "okrs" / "growth" / ".okrlint.yaml", "ignore: [FOC003]\n")
    assert found("okrs") == ALL - {
        ("okrs/company.yaml", "MEA001"),
        ("okrs/growth/growth.yaml", "FOC003"),
        ("okrs/growth/drafts/next.yaml", "FOC003"),
    }


def test_inherited_paths_stay_relative_to_the_file_that_wrote_them(repo: Path) -> None:
    # `exclude` and `per_file_ignores` come from the top config, so `okrs/growth/drafts` and
    # `okrs/*.yaml` are relative to the repository root, also for files under okrs/growth/.
    write(
        repo / ".okrlint.yaml",
        'exclude: ["okrs/growth/drafts"]\nper_file_ignores:\n  "okrs/*.yaml": [FOC]\n',
    )
    write(repo / "okrs" / "growth" / ".okrlint.yaml", "extends: ../..\nignore: [MEA001]\n")
    assert found("okrs") == {
        ("okrs/company.yaml", "MEA001"),
    }
    # Written in the nearer config, the same patterns are relative to okrs/growth/ and match
    # nothing there, while a slash-less pattern matches a folder name anywhere below it.
    write(
        repo / "okrs" / "growth" / ".okrlint.yaml",
        'exclude: ["okrs/growth/drafts"]\nper_file_ignores:\n  "drafts/**": [MEA001]\n',
    )
    assert ("okrs/growth/drafts/next.yaml", "FOC001") in found("okrs")
    assert ("okrs/growth/drafts/next.yaml", "MEA001") not in found("okrs")
    write(repo / "okrs" / "growth" / ".okrlint.yaml", "exclude: [drafts]\n")
    assert {p for p, _ in found("okrs")} == {"okrs/company.yaml", "okrs/growth/growth.yaml"}


def test_exclude_spares_named_files_unless_force_exclude(repo: Path) -> None:
    write(repo / ".okrlint.yaml", "exclude: ['**/drafts']\n")
    draft = "okrs/growth/drafts/next.yaml"
    assert {p for p, _ in found("okrs")} == {"okrs/company.yaml", "okrs/growth/growth.yaml"}
    assert {p for p, _ in found(draft)} == {draft}
    assert found(draft, "--force-exclude") == set()


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ({".okrlint.yaml": "extends: nowhere.yaml\n"}, "extends: no config file at"),
        (
            {
                ".okrlint.yaml": "extends: okrs/.okrlint.yaml\n",
                "okrs/.okrlint.yaml": "extends: ../.okrlint.yaml\n",
            },
            "extend each other in a loop",
        ),
        (
            {".okrlint.yaml": "extends: base.yaml\n", "base.yaml": "selcet: [FOC]\n"},
            "base.yaml: unknown key 'selcet'; did you mean 'select'?",
        ),
    ],
)
def test_a_broken_extends_chain_is_exit_2_naming_the_file(
    repo: Path, files: dict[str, str], message: str
) -> None:
    for name, text in files.items():
        write(repo / name, text)
    result = CliRunner().invoke(app, ["check", "okrs"])
    assert result.exit_code == 2
    assert message in result.stderr


def test_config_command_shows_each_value_and_where_it_came_from(repo: Path) -> None:
    write(
        repo / "pyproject.toml",
        "[tool.okrlint]\nselect = ['FOC', 'MEA']\n"
        "[tool.okrlint.rules]\nFOC001 = {max = 4}\nFOC002 = {max = 6}\n",
    )
    write(
        repo / "okrs" / "growth" / ".okrlint.yaml",
        "extends: ../../pyproject.toml\nrules:\n  FOC001: {max: 2}\nfail_on: warning\n",
    )
    result = CliRunner().invoke(app, ["config", "okrs/growth/growth.yaml", "--json"])
    assert result.exit_code == 0, result.output
    shown = json.loads(result.stdout)
    assert shown["config_files"] == ["okrs/growth/.okrlint.yaml", "pyproject.toml"]
    keys = shown["keys"]
    assert keys["select"] == {"value": ["FOC", "MEA"], "from": "pyproject.toml"}
    assert keys["fail_on"] == {"value": "warning", "from": "okrs/growth/.okrlint.yaml"}
    assert keys["ignore"] == {"value": [], "from": "default"}
    assert keys["rules"]["entries"] == {
        "FOC001": {"value": {"max": 2}, "from": "okrs/growth/.okrlint.yaml"},
        "FOC002": {"value": {"max": 6}, "from": "pyproject.toml"},
    }
    assert shown["selected"] == ["FOC001", "FOC002", "FOC003", "MEA001", "MEA002", "MEA003"]
    text = CliRunner().invoke(app, ["config", "okrs/growth"]).stdout
    assert "# read from okrs/growth/.okrlint.yaml, extending pyproject.toml" in text
    assert any(
        line.startswith('  FOC002: {"max": 6}') and line.endswith("# pyproject.toml")
        for line in text.splitlines()
    )
    top = CliRunner().invoke(app, ["config", "okrs/company.yaml", "--json"]).stdout
    assert json.loads(top)["keys"]["rules"]["entries"]["FOC001"]["value"] == {"max": 4}
