"""Suggested rewrites: offered only when the text says who would behave differently and how."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from okrlint.fix.suggestions import behaviour_for, suggest_outcome


def suggest(**values: object) -> str | None:
    """The suggestion for a reading and its output verdict with these fields."""
    read = {"actor": None, "behaviour": None, "hits": {}}
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
        "Increase the share of new teams who invite from <baseline> to <target>"
    )


def test_people_named_as_the_works_object_and_what_the_deliverable_is_for() -> None:
    people = SimpleNamespace(text="users")
    text = suggest(deliverable="the mobile app", hits={"customer_actors": (people,)})
    assert text == "Increase the share of users who use the mobile app from <baseline> to <target>"
    # Only the figures are left to the author.
    assert text.count("<") == text.count(">") == 2


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
        "      - Hire two support engineers\n"
    )
    found = {f.text: f.suggestion for f in lint_text(text, select=["OUT001", "OUT002"])}
    assert found == {
        "Launch the referral program": None,
        "Roll out the mobile app to all users": (
            "Increase the share of users who use the mobile app from <baseline> to <target>"
        ),
        "Hire two support engineers": None,
    }
    for suggestion in found.values():
        assert suggestion is None or "<who>" not in suggestion


def test_rich_output_shows_the_suggestion_and_the_safe_fix() -> None:
    from okrlint.findings import Report
    from okrlint.output.rich_format import render_rich
    from okrlint.testing import lint_text

    text = (
        "team: Growth\nperiod: 2026-Q1\nobjectives:\n  - title: Grow\n    key_results:\n"
        "      - Raise week-1 activation of new teams from 30% to 45%\n"
        "      - Roll out the mobile app to all users\n"
    )
    findings = lint_text(text, select=["OUT001"])
    shown = render_rich(Report(findings, sources={"example.yaml": text}), color=False)
    assert (
        "suggestion: Increase the share of users who use the mobile app from <baseline> to <target>"
    ) in " ".join(shown.split())
    assert "fix: move the key result 'Roll out the mobile app to all users' to the initiatives" in (
        " ".join(shown.split())
    )
