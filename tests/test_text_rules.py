"""The text rules through the engine: evidence and a way forward in every message, explicit
fields over text, committed versus aspirational, and text okrlint cannot read."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from okrlint.findings import Finding
from okrlint.testing import lint_text

HEAD = "team: Growth\nperiod: 2026-Q1\nobjectives:\n"


def kr_set(
    *key_results: str, objective: str = "Make onboarding effortless", extra: str = ""
) -> str:
    lines = f"{HEAD}  - title: {objective}\n{extra}    key_results:\n"
    return lines + "".join(f"      - {kr}\n" for kr in key_results)


def lint(text: str, *codes: str) -> list[Finding]:
    return lint_text(text, select=list(codes))


def test_completion_states_and_hires_are_outputs_too() -> None:
    text = kr_set(
        "Pricing page redesigned and live",
        "A runbook exists for every tier-1 service",
        "Hire a senior data engineer",
        "Raise the share of new teams who invite a colleague from 12% to 25%",
    )
    found = [(f.line, f.code) for f in lint(text, "OUT001", "OUT002")]
    assert found == [(6, "OUT001"), (7, "OUT001"), (8, "OUT001")]
    messages = [f.message for f in lint(text, "OUT001")]
    assert "'and live'" in messages[0] and "'exists'" in messages[1] and "hire" in messages[2]


def test_a_compensation_key_is_caught_even_when_it_breaks_the_format() -> None:
    text = kr_set("Raise win rate from 18% to 25%", extra="    bonus: 20%\n")
    codes = sorted(f.code for f in lint(text, "CUL001", "STR002"))
    assert codes == ["CUL001", "STR002"]


def test_text_in_other_languages_gives_no_text_finding() -> None:
    text = kr_set(
        "Lancer le nouveau site web pour nos clients",
        "Steigern der Aktivierung von 30% auf 45%",
        objective="Faire de l'intégration un plaisir",
    )
    codes = {f.code for f in lint(text, "OUT", "CUS", "SND003", "STR004", "MEA002", "CUL001")}
    assert codes == set()


def test_a_bad_rule_pack_is_a_clear_error_with_exit_status_2(tmp_path: Path) -> None:
    (tmp_path / "pack" / "lexicons").mkdir(parents=True)
    (tmp_path / "pack" / "lexicons" / "x.yaml").write_text("name: x\nkind: adverbs\nterms: [a]\n")
    (tmp_path / ".okrlint.yaml").write_text("rule_packs: [pack]\n")
    (tmp_path / "okrs.yaml").write_text(kr_set("Raise activation from 30% to 40%"))
    # A subprocess, so the pack's rules never join this process's registry.
    result = subprocess.run(
        [sys.executable, "-m", "okrlint", "check", str(tmp_path / "okrs.yaml")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert (
        "rule_packs" in result.stderr
        and "kind must be one of verbs, nouns, phrases" in result.stderr
    )
    assert "Traceback" not in result.stderr
