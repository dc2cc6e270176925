"""Suggested rewrites: offered only when every part is known (who, how, from and to what)."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import pytest

from okrlint.fix.suggestions import behaviour_for, suggest_outcome
from okrlint.model import KeyResult
from okrlint.text.number_mentions import find_numbers

SHARES = find_numbers("from 30% to 45%")


def suggest(**values: object) -> str | None:
    """The suggestion for a reading and its output verdict with these fields (the reading's
    numbers a baseline and a target share unless given)."""
    read = {"actor": None, "behaviour": None, "hits": {}, "numbers": SHARES}
    verdict = {"deliverable": None, "output_kind": "delivery"}
    reading = SimpleNamespace(**{k: values.get(k, v) for k, v in read.items()})
    judged = SimpleNamespace(**{k: values.get(k, v) for k, v in verdict.items()})
    return suggest_outcome(reading, judged)  # type: ignore[arg-type]


def test_without_the_people_there_is_no_suggestion() -> None:
    assert suggest(deliverable="the referral program") is None


def test_without_a_behaviour_there_is_no_suggestion() -> None:
    actor = SimpleNamespace(text="new teams")
    assert suggest(actor=actor, deliverable="the v2 Quokka widget") is None


def test_a_known_actor_and_behaviour_are_filled_in() -> None:
    actor = SimpleNamespace(text="new teams")
    behaviour = SimpleNamespace(text="invite")
    assert suggest(actor=actor, behaviour=behaviour) == (
        "Increase the share of new teams who invite from 30% to 45%"
    )


def test_people_named_as_the_works_object_and_what_the_deliverable_is_for() -> None:
    people = SimpleNamespace(text="users")
    text = suggest(deliverable="the mobile app", hits={"customer_actors": (people,)})
    assert text == "Increase the share of users who use the mobile app from 30% to 45%"


def test_without_a_baseline_and_target_share_there_is_no_suggestion() -> None:
    people = SimpleNamespace(text="users")
    named = {"deliverable": "the mobile app", "hits": {"customer_actors": (people,)}}
    assert suggest(numbers=(), **named) is None
    # A count or a duration is not a share of people.
    assert suggest(numbers=find_numbers("from 3 to 12"), **named) is None
    assert suggest(numbers=find_numbers("from 2 s to 800 ms"), **named) is None
    assert suggest(numbers=find_numbers("to 45%"), **named) is None


def test_the_key_results_own_fields_fill_the_figures_when_they_are_shares() -> None:
    people = SimpleNamespace(text="users")
    named = {"deliverable": "the mobile app", "hits": {"customer_actors": (people,)}}
    reading = SimpleNamespace(actor=None, behaviour=None, numbers=(), **named)
    verdict = SimpleNamespace(deliverable="the mobile app", output_kind="delivery")
    shares = KeyResult(title="Ship it", baseline="12.5%", target=40, unit="%")
    assert suggest_outcome(reading, verdict, shares) == (  # type: ignore[arg-type]
        "Increase the share of users who use the mobile app from 12.5% to 40%"
    )
    counts = KeyResult(title="Ship it", baseline=0, target=1)
    assert suggest_outcome(reading, verdict, counts) is None  # type: ignore[arg-type]
    only_target = KeyResult(title="Ship it", target=40, unit="%")
    assert suggest_outcome(reading, verdict, only_target) is None  # type: ignore[arg-type]


@pytest.mark.parametrize("kind", ["hire", "internal_metric"])
def test_hires_and_the_teams_own_measures_get_no_rewrite(kind: str) -> None:
    people = SimpleNamespace(text="users")
    behaviour = SimpleNamespace(text="invite")
    assert (
        suggest(output_kind=kind, behaviour=behaviour, hits={"customer_actors": (people,)}) is None
    )


def test_behaviours_come_from_the_deliverables_words() -> None:
    assert behaviour_for("New self-serve checkout") == "complete checkout"
    assert behaviour_for("Slack integration") == "connect"
    assert behaviour_for("the thing") is None
    assert behaviour_for(None) is None


def test_real_findings_carry_a_suggestion_only_when_it_is_complete() -> None:
    from okrlint.testing import lint_text

    text = (
        "team: Growth\nperiod: 2026-Q1\nobjectives:\n  - title: Grow\n    key_results:\n"
        "      - Launch the referral program\n"
        "      - Roll out the mobile app to all users\n"
        "      - Roll out the mobile app to all customers, from 20% to 35% of them\n"
        "      - Hire two support engineers\n"
        "      - {title: Roll out the mobile app to all admins, baseline: 8%, target: 21%,"
        " unit: '%'}\n"
    )
    found = {f.text: f.suggestion for f in lint_text(text, select=["OUT001", "OUT002"])}
    assert found == {
        "Launch the referral program": None,
        # Who and how are known, the figures are not: no rewrite with slots.
        "Roll out the mobile app to all users": None,
        "Roll out the mobile app to all customers, from 20% to 35% of them": (
            "Increase the share of customers who use the mobile app from 20% to 35%"
        ),
        "Hire two support engineers": None,
        "Roll out the mobile app to all admins": (
            "Increase the share of admins who use the mobile app from 8% to 21%"
        ),
    }


def test_rich_output_shows_the_suggestion_and_the_safe_fix() -> None:
    from okrlint.findings import Report
    from okrlint.output.rich_format import render_rich
    from okrlint.testing import lint_text

    text = (
        "team: Growth\nperiod: 2026-Q1\nobjectives:\n  - title: Grow\n    key_results:\n"
        "      - Raise week-1 activation of new teams from 30% to 45%\n"
        "      - Roll out the mobile app to all users, from 20% to 35% of them\n"
    )
    findings = lint_text(text, select=["OUT001"])
    rendered = render_rich(Report(findings, sources={"example.yaml": text}), color=False)
    shown = " ".join(rendered.split())
    assert "suggestion: Increase the share of users who use the mobile app from 20% to 35%" in shown
    assert "fix: move the key result 'Roll out the mobile app to all users, from 20%" in shown


_SLOT = re.compile(r"<[^<>]*>")
_FOLDERS = ("examples", "tests/fixtures", "tests/golden")


def test_no_suggestion_anywhere_has_a_slot_left_open(tmp_path: Path) -> None:
    """Every rule's examples, every example folder, the tests' fixtures and outputs whose people
    and behaviour are known, with and without figures, linted in JSON by the real CLI: a
    suggestion, where there is one, is complete."""
    import json

    from typer.testing import CliRunner

    from okrlint.cli import app
    from okrlint.rules.assembly import installed_rules
    from okrlint.testing import lint_text

    suggestions: list[str] = []
    findings = 0
    for rule in installed_rules().sorted():
        for example in (*rule.meta.bad, *rule.meta.good):
            found = lint_text(example.yaml)
            findings += len(found)
            suggestions += [f.suggestion for f in found if f.suggestion]
    (tmp_path / "growth.yaml").write_text(
        "team: Growth\nperiod: 2026-Q1\nobjectives:\n  - title: Grow\n    key_results:\n"
        "      - Roll out the mobile app to all users\n"
        "      - Ship the Slack integration to all customers\n"
        "      - Roll out the mobile app to all customers, from 20% to 35% of them\n"
    )
    root = Path(__file__).parent.parent
    for folder in (*(root / name for name in _FOLDERS), tmp_path):
        result = CliRunner().invoke(app, ["check", str(folder), "--format", "json", "--no-cache"])
        assert result.stdout.startswith("{"), result.output
        found_in_folder = json.loads(result.stdout)["findings"]
        findings += len(found_in_folder)
        suggestions += [f["suggestion"] for f in found_in_folder if f.get("suggestion")]
    assert findings > 100
    assert not any(_SLOT.search(s) for s in suggestions)
    assert suggestions == ["Increase the share of customers who use the mobile app from 20% to 35%"]


def test_the_people_of_a_rewrite_are_plural_and_what_they_do_a_plain_verb() -> None:
    from okrlint.rules.outputs.shared import output_verdict
    from okrlint.text.pack import load_pack
    from okrlint.text.reader import read_texts

    def rewrite(text: str) -> str | None:
        reading = read_texts([text], load_pack())[text]
        return suggest_outcome(reading, output_verdict(reading))

    # "every admin" is one admin at a time; the share is of admins.
    assert rewrite("Roll out the mobile app to every admin, from 8% to 21%") == (
        "Increase the share of admins who use the mobile app from 8% to 21%"
    )
    assert rewrite("Roll out the mobile app to every new customer, from 8% to 21%") == (
        "Increase the share of new customers who use the mobile app from 8% to 21%"
    )
    # Already plural, or no plural of its own: as written.
    assert rewrite("Roll out the mobile app to all members, from 8% to 21%") == (
        "Increase the share of members who use the mobile app from 8% to 21%"
    )
    assert rewrite("Roll out the mobile app to people in Leeds, from 8% to 21%") == (
        "Increase the share of people who use the mobile app from 8% to 21%"
    )
    # A verb of behaviour written for one person ("upgrades") is said in its plain form; a noun
    # of behaviour is no verb, so without a deliverable to name what it is for, no rewrite.
    behaviour = SimpleNamespace(
        text="upgrades", term="upgrade", lexicon="behaviour_verbs", start=0, end=8
    )
    actor = SimpleNamespace(text="admin", term="admin", lexicon="customer_actors", start=0, end=5)
    assert suggest(actor=actor, behaviour=behaviour) == (
        "Increase the share of admins who upgrade from 30% to 45%"
    )
    noun = SimpleNamespace(
        text="repeat purchases", term="repeat purchase", lexicon="behaviour_nouns", start=0, end=9
    )
    assert suggest(actor=actor, behaviour=noun) is None
