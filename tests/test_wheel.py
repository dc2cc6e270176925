"""The rule pack ships in the wheel: build it, install it into a fresh virtual environment, and
lint the examples with the installed okrlint (also with a user's own rule pack)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from okrlint.testing import expected_findings
from tools import ROOT, clean_env, run


@pytest.fixture(scope="session")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with okrlint installed from a freshly built wheel; its bin/ folder."""
    base = tmp_path_factory.mktemp("wheel")
    built = run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(base / "dist"), str(ROOT)]
    )
    assert built.returncode == 0, built.stderr
    wheel = next((base / "dist").glob("okrlint-*.whl"))
    venv.create(base / "venv", with_pip=True)
    bin_dir = base / "venv" / "bin"
    installed = run([str(bin_dir / "pip"), "install", "-q", str(wheel)])
    assert installed.returncode == 0, installed.stderr
    return bin_dir


def lint(bin_dir: Path, *args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return run(
        [str(bin_dir / "okrlint"), "check", "--format", "json", *args], cwd=cwd, env=clean_env()
    )


def test_the_wheel_carries_the_rule_pack(installed: Path) -> None:
    probe = run(
        [
            str(installed / "python"),
            "-c",
            "from okrlint.text.pack import builtin_folder; print(builtin_folder())",
        ],
        cwd="/",
    )
    folder = Path(probe.stdout.strip())
    assert folder.parts[-2:] == ("okrlint", "_pack"), probe.stderr
    assert (folder / "lexicons" / "delivery-verbs.yaml").is_file()
    assert "site-packages" in folder.parts


def test_the_wheel_carries_the_trained_judgements_weights(installed: Path) -> None:
    probe = run(
        [
            str(installed / "python"),
            "-c",
            "import okrlint.judgement.model as m\n"
            "for name in ('output', 'behaviour', 'unmeasurable'):\n"
            "    model = m.shipped_model(name)\n"
            "    print(name, len(model.weights), model.warning_at)\n"
            "print(m.__file__)",
        ],
        cwd="/",
    )
    assert probe.returncode == 0, probe.stderr
    *rows, module = probe.stdout.split("\n")[:4]
    assert "site-packages" in module
    for row, name in zip(rows, ("output", "behaviour", "unmeasurable"), strict=True):
        found, count, warning_at = row.split()
        assert found == name and int(count) > 500 and 0.5 <= float(warning_at) <= 1.0


def test_the_installed_okrlint_reads_text_on_the_examples(installed: Path) -> None:
    result = lint(installed, "--today", "2026-02-16", "examples/okrs")
    assert result.returncode == 1, result.stderr
    findings = json.loads(result.stdout)["findings"]
    codes = {(Path(f["path"]).name, f["line"], f["code"]) for f in findings}
    # The text rules come from the shipped pack: an output, an activity count, a vanity metric.
    assert ("platform.yaml", 10, "OUT001") in codes
    assert ("marketing.yaml", 11, "OUT002") in codes
    assert ("marketing.yaml", 9, "CUS003") in codes


def test_a_user_rule_pack_works_from_the_wheel_without_python(installed: Path) -> None:
    school = ROOT / "examples" / "school"
    result = lint(installed, "okrs", cwd=school)
    assert result.returncode == 0, result.stderr  # only warnings and infos
    found = {(f["line"], f["code"]) for f in json.loads(result.stdout)["findings"]}
    text = (school / "okrs" / "pastoral.yaml").read_text()
    assert found == expected_findings(text)


FAMILIES = """\
team: Pastoral
period: 2026-Q1
objectives:
  - id: O1
    title: Families feel part of school life
    key_results:
      - Raise the share of carers who hand in the reading record each week from 40% to 65%
      - Raise the share of parents who come to the spring progress evening from 55% to 70%
      - Cut unanswered emails from home from 40 to 10 a week
"""


def test_without_the_school_pack_parents_are_not_customers(installed: Path, tmp_path: Path) -> None:
    (tmp_path / "pastoral.yaml").write_text(
        (ROOT / "examples" / "school" / "okrs" / "pastoral.yaml").read_text()
    )
    (tmp_path / "families.yaml").write_text(FAMILIES)
    result = lint(installed, "pastoral.yaml", "families.yaml", cwd=tmp_path)
    found = {(f["path"], f["code"]) for f in json.loads(result.stdout)["findings"]}
    assert ("families.yaml", "CUS001") in found
    assert not {code for _, code in found} & {"SCH001", "SCH002"}
    # With the pack, its carers and parents are customers and its house rules apply.
    school = tmp_path / "school"
    shutil.copytree(ROOT / "examples" / "school", school)
    (school / "okrs" / "families.yaml").write_text(FAMILIES)
    result = lint(installed, "okrs/families.yaml", cwd=school)
    codes = {f["code"] for f in json.loads(result.stdout)["findings"]}
    assert "CUS001" not in codes and "SCH001" in codes


def test_the_editable_install_finds_the_pack_in_the_source_tree() -> None:
    from okrlint.text.pack import builtin_folder

    assert builtin_folder() == ROOT / "pack"
