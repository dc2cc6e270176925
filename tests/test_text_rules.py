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


def test_output_message_names_the_evidence_and_the_way_forward() -> None:
    (finding,) = lint(kr_set("Launched the referral program"), "OUT001")
    assert "delivery verb 'Launched'" in finding.message
    assert "'the referral program'" in finding.message
    assert "initiatives" in finding.message
    assert finding.line == 6


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


def test_activity_counts_and_the_teams_own_metrics() -> None:
    text = kr_set(
        "Publish 10 blog posts", "Increase test coverage to 80%", "Run 5 customer workshops"
    )
    found = lint(text, "OUT002")
    assert [f.line for f in found] == [6, 7, 8]
    assert "'10 blog posts'" in found[0].message
    assert "team's own work ('test coverage')" in found[1].message


def test_prescribed_solution_quotes_the_how() -> None:
    (finding,) = lint(
        kr_set("Raise weekly sign-ups from 400 to 600 by introducing a referral program"), "OUT003"
    )
    assert "'by introducing a referral program'" in finding.message


def test_no_customer_behaviour_lists_what_each_key_result_measures() -> None:
    text = kr_set("Migrate all invoices to the new ledger", "Keep p95 invoice latency under 300 ms")
    (finding,) = lint(text, "CUS001")
    assert finding.object == "O1"
    assert "KR1: work done ('Migrate')" in finding.message
    assert "KR2: a service level" in finding.message
    fixed = kr_set("Raise the share of customers who pay on first attempt from 81% to 92%")
    assert lint(fixed, "CUS001") == []


def test_lagging_only_and_vanity() -> None:
    assert [
        f.code
        for f in lint(kr_set("Grow ARR from $2M to $3M", "Raise bookings to $900k"), "CUS002")
    ] == ["CUS002"]
    assert (
        lint(kr_set("Grow ARR from $2M to $3M", "Raise trial conversion from 9% to 14%"), "CUS002")
        == []
    )
    vanity = lint(
        kr_set("Reach 50,000 app downloads", "Grow the share of visitors who start a trial to 6%"),
        "CUS003",
    )
    assert [f.line for f in vanity] == [6]


def test_no_target_reads_numbers_quantifiers_and_cadences() -> None:
    text = kr_set(
        "Improve onboarding for new teams",
        "New billing system in production by May",
        "Every release ships with a changelog",
        "Raise activation to 45%",
    )
    found = lint(text, "MEA001")
    # The dated milestone is an output: OUT001 reports it, and MEA001 stays silent there.
    assert [f.line for f in found] == [6]
    outputs = [f for f in lint(text, "OUT001") if f.severity == "warning"]
    assert [f.line for f in outputs] == [7]
    assert "marks work as done ('in production')" in outputs[0].message


def test_explicit_target_wins_and_disagreement_is_reported() -> None:
    text = (
        HEAD
        + "  - title: Make onboarding effortless\n    key_results:\n"
        + "      - title: Raise activation from 32% to 45%\n"
        + "        baseline: 32\n        target: 50\n"
        + "      - title: Improve onboarding\n        target: 40\n"
    )
    assert lint(text, "MEA001") == []
    (finding,) = lint(text, "MEA003")
    assert finding.line == 8
    assert "'45%'" in finding.message and "50" in finding.message


def test_no_baseline_is_quiet_when_the_text_or_field_has_one() -> None:
    text = kr_set("Raise activation to 45%", "Raise activation from 32% to 45%", "Publish 10 posts")
    assert [f.line for f in lint(text, "MEA002")] == [6]


def test_hold_the_line_is_flagged_on_aspirational_objectives_only() -> None:
    aspirational = kr_set("Maintain uptime at 99.9%", "Raise weekly active teams from 300 to 450")
    (finding,) = lint(aspirational, "SND003")
    assert "'Maintain'" in finding.message
    committed = kr_set("Maintain uptime at 99.9%", extra="    type: committed\n")
    assert lint(committed, "SND003") == []


def test_metric_as_objective() -> None:
    (finding,) = lint(
        kr_set("Raise activation from 30% to 40%", objective="Grow ARR by 20%"), "STR004"
    )
    assert "'20%'" in finding.message
    assert (
        len(lint(kr_set("Raise activation from 30% to 40%", objective="Reach 1M users"), "STR004"))
        == 1
    )
    assert (
        lint(
            kr_set("Raise activation from 30% to 40%", objective="Win 3 markets in 2026"), "STR004"
        )
        == []
    )


def test_compensation_in_text_descriptions_and_keys() -> None:
    text = (
        HEAD
        + "  - title: Win the mid-market\n"
        + "    description: Attainment sets each rep's quarterly bonus.\n"
        + "    x-payout: 10%\n"
        + "    key_results:\n"
        + "      - Raise win rate from 18% to 25%, which counts toward commission\n"
    )
    found = [(f.line, f.code) for f in lint(text, "CUL001")]
    assert found == [(5, "CUL001"), (6, "CUL001"), (8, "CUL001")]


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
