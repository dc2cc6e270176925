"""Suggested rewrites: the known parts filled in from the reading, the rest marked `<...>`."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from okrlint.fix.suggestions import behaviour_for, suggest_outcome


def reading(**values: object) -> SimpleNamespace:
    fields = {"actor": None, "behaviour": None, "deliverable": None, "output_kind": "delivery"}
    return SimpleNamespace(**{**fields, **values})


def test_a_launch_becomes_a_share_of_people_doing_what_it_is_for() -> None:
    assert suggest_outcome(reading(deliverable="the referral program")) == (
        "Increase the share of <who> who <refer ...> from <baseline> to <target>"
    )


def test_a_known_actor_and_behaviour_are_filled_in() -> None:
    actor = SimpleNamespace(text="new teams")
    behaviour = SimpleNamespace(text="invite")
    assert suggest_outcome(reading(actor=actor, behaviour=behaviour)) == (
        "Increase the share of new teams who <invite ...> from <baseline> to <target>"
    )


def test_an_unknown_deliverable_keeps_its_name_in_the_placeholder() -> None:
    assert suggest_outcome(reading(deliverable="the v2 Quokka widget")) == (
        "Increase the share of <who> who <do what the Quokka widget should make them do> "
        "from <baseline> to <target>"
    )


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("hire", "Increase <the measure the new people will move> from <baseline> to <target>"),
        (
            "internal_metric",
            "Reduce <the customer-facing problem this prevents, e.g. escaped defects> "
            "from <baseline> to <target>",
        ),
        (
            "activity_count",
            "Increase the share of <who> who <do what the work is for> from <baseline> to <target>",
        ),
    ],
)
def test_each_kind_of_output_gets_its_own_shape(kind: str, expected: str) -> None:
    assert suggest_outcome(reading(output_kind=kind)) == expected


def test_behaviours_come_from_the_deliverables_words() -> None:
    assert behaviour_for("New self-serve checkout") == "complete checkout"
    assert behaviour_for("Slack integration") == "connect"
    assert behaviour_for("the thing") is None
    assert behaviour_for(None) is None


def test_every_placeholder_is_marked() -> None:
    text = suggest_outcome(reading(deliverable="blog posts", output_kind="activity_count"))
    assert (
        text == "Increase the share of <who> who <read and sign up ...> from <baseline> to <target>"
    )
    assert text.count("<") == text.count(">") == 4


def test_real_findings_carry_the_suggestion_built_from_their_reading() -> None:
    from okrlint.testing import lint_text

    text = (
        "team: Growth\nperiod: 2026-Q1\nobjectives:\n  - title: Grow\n    key_results:\n"
        "      - Launch the referral program\n"
        "      - Roll out the mobile app to all users\n"
        "      - Hire two support engineers\n"
    )
    found = {f.text: f.suggestion for f in lint_text(text, select=["OUT001", "OUT002"])}
    assert found == {
        "Launch the referral program": (
            "Increase the share of <who> who <refer ...> from <baseline> to <target>"
        ),
        "Roll out the mobile app to all users": (
            "Increase the share of users who <use the mobile app ...> from <baseline> to <target>"
        ),
        "Hire two support engineers": (
            "Increase <the measure the new people will move> from <baseline> to <target>"
        ),
    }


def test_rich_output_shows_the_suggestion_and_the_safe_fix() -> None:
    from okrlint.findings import Report
    from okrlint.output.rich_format import render_rich
    from okrlint.testing import lint_text

    text = (
        "team: Growth\nperiod: 2026-Q1\nobjectives:\n  - title: Grow\n    key_results:\n"
        "      - Raise week-1 activation of new teams from 30% to 45%\n"
        "      - Launch the referral program\n"
    )
    findings = lint_text(text, select=["OUT001"])
    shown = render_rich(Report(findings, sources={"example.yaml": text}), color=False)
    assert (
        "suggestion: Increase the share of <who> who <refer ...> from <baseline> to <target>"
    ) in shown
    assert "fix: move the key result 'Launch the referral program' to the initiatives of O1" in (
        " ".join(shown.split())
    )
