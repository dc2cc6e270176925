"""The README: its set-up commands, its rule table and its examples stay true."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

from ruamel.yaml import YAML
from typer.testing import CliRunner

from okrlint.cli import app
from okrlint.config.files import ConfigFile, LoadedConfig
from okrlint.config.settings import Overrides, resolve
from okrlint.rules.assembly import installed_rules
from okrlint.rules.docs import README_END, README_START, main, rules_markdown

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
INSTALL_AND_RUN = (
    "python3 -m venv .venv && .venv/bin/pip install -e . && .venv/bin/okrlint check examples/okrs"
)
TEST_COMMAND = (
    "python3 -m venv .venv && .venv/bin/pip install -e '.[test]' && .venv/bin/python -m pytest"
)


def code_blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", README, flags=re.DOTALL)


def test_the_two_set_up_commands_come_first_and_ci_runs_the_second() -> None:
    first_block = code_blocks("sh")[0]
    assert first_block == f"{INSTALL_AND_RUN}\n{TEST_COMMAND}\n"
    assert README.index(first_block) < README.index("\n## ")
    assert TEST_COMMAND in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_the_rule_table_is_generated_from_the_rules() -> None:
    start = README.index(README_START) + len(README_START)
    table = README[start : README.index(README_END)]
    assert table.strip() == rules_markdown(installed_rules()).strip(), (
        "the README's rule table is stale: run `python -m okrlint.rules.docs`"
    )
    for code in installed_rules().rules:
        assert f"| {code} |" in table


def test_the_docs_module_rewrites_a_stale_table_and_checks_it(tmp_path: Path) -> None:
    stale = tmp_path / "README.md"
    stale.write_text(f"# x\n\n{README_START}\n| old |\n{README_END}\n\nafter\n", encoding="utf-8")
    assert main([str(stale), "--check"]) == 1
    assert "| old |" in stale.read_text(encoding="utf-8")
    assert main([str(stale)]) == 0
    text = stale.read_text(encoding="utf-8")
    assert "| old |" not in text and "| FOC001 | too-many-objectives |" in text
    assert text.endswith(f"{README_END}\n\nafter\n")
    assert main([str(stale), "--check"]) == 0
    result = subprocess.run(
        [sys.executable, "-m", "okrlint.rules.docs", "--check", str(ROOT / "README.md")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_example_configuration_is_one_okrlint_accepts() -> None:
    (yaml_block,) = [b for b in code_blocks("yaml") if b.startswith("# .okrlint.yaml at the top")]
    after = README.split("The same in `pyproject.toml`:", 1)[1]
    toml_block = after.split("```toml\n", 1)[1].split("```", 1)[0]
    registry = installed_rules()
    for data in (YAML(typ="safe").load(yaml_block), tomllib.loads(toml_block)["tool"]["okrlint"]):
        settings = resolve(LoadedConfig(ConfigFile.model_validate(data)), registry, Overrides())
        assert "SND004" not in settings.selected


def test_the_example_okr_set_is_valid_and_clean_of_format_errors(tmp_path: Path) -> None:
    (example,) = [block for block in code_blocks("yaml") if block.startswith("team: Growth")]
    (tmp_path / "growth.yaml").write_text(example.replace("...", "Written later."))
    result = CliRunner().invoke(
        app, ["check", str(tmp_path), "--select", "STR", "--format", "concise"]
    )
    assert result.exit_code == 0, result.stdout
    assert result.stdout == "No findings in 1 OKR file.\n"


def test_every_option_the_readme_names_exists() -> None:
    names = [command.name or command.callback.__name__ for command in app.registered_commands]
    helps = CliRunner().invoke(app, ["--help"]).stdout + "".join(
        CliRunner().invoke(app, [name, "--help"]).stdout for name in names if name
    )
    # Lines about other programs (pip, the benchmarks in bench/) name their own options.
    ours = [line for line in README.splitlines() if "bench/" not in line and "pip " not in line]
    options = set(re.findall(r"(?<![\w-])(--[a-z][a-z-]+)", "\n".join(ours)))
    missing = sorted(option for option in options if option not in helps)
    assert missing == [], f"the README names options okrlint does not have: {missing}"


def test_the_sample_output_is_what_okrlint_prints_on_the_examples() -> None:
    section = README.split("What `okrlint check` prints", 1)[1]
    sample = re.search(r"```\n(.*?)```", section, flags=re.DOTALL)
    assert sample is not None
    result = CliRunner().invoke(
        app,
        ["check", str(ROOT / "examples" / "okrs"), "--today", "2026-02-16", "--format", "concise"],
    )
    printed = [line.split("examples/okrs/", 1)[-1] for line in result.stdout.splitlines()]
    for line in sample.group(1).splitlines():
        prefix = line.removesuffix(" ...").split("examples/okrs/", 1)[1]
        assert any(out.startswith(prefix) for out in printed), line
