"""OUT001/OUT002, MEA001 and the reading under them, on the kinds of key result that are easy to
misread: outputs written as states, verbs of work no lexicon holds, counts of the team's own
activity, outcomes phrased with a work word, targets written without a plain figure, lines that
give a direction only. Every example is made up for these tests."""

from __future__ import annotations

import json

import pytest

from okrlint.findings import Finding
from okrlint.testing import lint_text

HEAD = "team: Billing\nperiod: 2026-Q1\nobjectives:\n  - title: Make paying us effortless\n"


def findings(*key_results: str) -> list[Finding]:
    lines = "".join(f"      - {json.dumps(kr)}\n" for kr in key_results)
    text = HEAD + "    key_results:\n" + lines
    return [f for f in lint_text(text) if f.object.startswith("O1/KR")]


def codes(key_result: str, at_least: str = "info") -> set[str]:
    rank = {"info": 1, "warning": 2, "error": 3}
    return {f.code for f in findings(key_result) if rank[f.severity.value] >= rank[at_least]}


@pytest.mark.parametrize(
    "key_result",
    [
        "We've published the onboarding handbook",
        "The team has documented every billing runbook",
        "Invoice templates for the spring range are approved",
        "Every report gets fully documented",
        "Billing framework and copy complete",
    ],
)
def test_outputs_written_as_states_are_outputs(key_result: str) -> None:
    assert codes(key_result, "warning") == {"OUT001"}


@pytest.mark.parametrize("key_result", ["Declutter the settings screen", "Reword the pricing FAQ"])
def test_a_verb_of_work_no_lexicon_holds_is_read_from_the_sentences_shape(
    key_result: str,
) -> None:
    [finding] = [f for f in findings(key_result) if f.code == "OUT001"]
    # Read from the shape only: a hint, which a gate on warnings does not see.
    assert finding.severity.value == "info"
    assert "read from the sentence's shape" in finding.message
    assert f"'{key_result.split()[0]}'" in finding.message


@pytest.mark.parametrize(
    "key_result",
    [
        "Call on three customers",
        "Hold 3 design reviews per sprint",
        "Run 4 pricing workshops per month",
    ],
)
def test_counts_of_the_teams_own_activity_are_activity_counts(key_result: str) -> None:
    assert "OUT002" in codes(key_result, "warning")


def test_people_the_work_is_done_to_are_not_who_acts() -> None:
    [finding] = [f for f in findings("Call on three customers") if f.code == "OUT002"]
    assert "(the team acts; 'customers' only receive the work)" in finding.message


@pytest.mark.parametrize(
    "key_result",
    [
        "Grow storefront visitors",
        "Weekly reports shared by users rise by 30%",
        "Dashboards exported by customers grow by 20%",
        "95% of billing disputes are resolved within a week",
        "CFO: Raise gross margin to 60%",
        "`2025.Q1.03` - Weekly active projects above 400",
        "Refunds are processed faster by X%",
        "Add 30 enterprise customers",
        "% of invoices paid on time",
    ],
)
def test_outcomes_phrased_with_a_work_word_are_not_outputs(key_result: str) -> None:
    assert not codes(key_result) & {"OUT001", "OUT002"}


@pytest.mark.parametrize(
    "key_result",
    [
        "Raise trial conversion to X%",
        "Grow retained accounts to N3",
        "Weekly signups doubles",
        "Be in the top 5 apps in our category",
        "Keep an app store rating of 4.5 or higher",
        "Customers invite a teammate within the first 14 days",
    ],
)
def test_targets_without_a_plain_figure_are_targets(key_result: str) -> None:
    assert "MEA001" not in codes(key_result)


@pytest.mark.parametrize("key_result", ["Maximise monthly visits", "Improve checkout conversion"])
def test_a_direction_alone_is_no_target(key_result: str) -> None:
    [finding] = [f for f in findings(key_result) if f.code == "MEA001"]
    assert finding.severity.value == "warning"
    assert f"'{key_result.split()[0]}' says which way the measure should go" in finding.message


def test_a_cadence_of_work_is_a_target_but_a_cadence_naming_a_measure_is_not() -> None:
    assert "MEA001" not in codes("Send weekly updates to every partner")
    assert "MEA001" in codes("Maximise weekly signups")


def test_one_problem_one_finding_an_output_gets_no_measurement_finding() -> None:
    found = findings("Launch the referral program")
    assert [f.code for f in found] == ["OUT001"]
    [finding] = found
    assert finding.severity.value == "warning"
    # The evidence, who acts, why it matters and what to write instead.
    assert "the delivery verb 'Launch'" in finding.message
    assert "(the team acts)" in finding.message
    assert "can be met while no customer does anything differently" in finding.message
    assert "ask what customers or users will do differently" in finding.message


def test_an_output_read_with_low_confidence_leaves_the_missing_target_to_mea001() -> None:
    found = {f.code: f.severity.value for f in findings("Declutter the settings screen")}
    assert found == {"OUT001": "info", "MEA001": "warning"}


def test_a_bare_deliverable_is_a_hint() -> None:
    [finding] = [f for f in findings("Prototype: bulk import") if f.code == "OUT001"]
    assert finding.severity.value == "info"
    assert "Reported as a hint" in finding.message
