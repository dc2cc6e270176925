"""OUT001: what its metadata examples do not cover."""

from __future__ import annotations

import math
import re

import pytest
from rule_helpers import codes_at, findings_of, kr_set, lint_codes

from okrlint.judgement.judge import OUTPUT, thresholds
from okrlint.rules.judgements import output_judgement
from okrlint.rules.outputs.shared import is_output
from okrlint.text.pack import load_pack
from okrlint.text.reader import read_texts


def test_output_message_names_the_evidence_and_the_way_forward() -> None:
    (finding,) = lint_codes(kr_set("Launched the referral program"), "OUT001")
    assert "delivery verb 'Launched'" in finding.message
    assert "'the referral program'" in finding.message
    assert "initiatives" in finding.message
    assert finding.line == 6


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
    [finding] = [f for f in findings_of(key_result) if f.code == "OUT001"]
    assert finding.confidence is not None and finding.confidence >= 0.9
    # One problem, one finding: at warning, no measurement finding beside it.
    if finding.severity.value == "warning":
        assert codes_at(key_result, "warning") == {"OUT001"}


@pytest.mark.parametrize("key_result", ["Declutter the settings screen", "Reword the pricing FAQ"])
def test_a_verb_of_work_no_lexicon_holds_is_read_from_the_sentences_shape(
    key_result: str,
) -> None:
    [finding] = [f for f in findings_of(key_result) if f.code == "OUT001"]
    assert f"the activity verb '{key_result.split()[0]}'" in finding.message
    assert finding.confidence is not None and finding.confidence >= 0.5


def test_one_problem_one_finding_an_output_gets_no_measurement_finding() -> None:
    found = findings_of("Launch the referral program")
    assert [f.code for f in found] == ["OUT001"]
    [finding] = found
    assert finding.severity.value == "warning"
    # The evidence, who acts, why it matters and what to write instead.
    assert "the delivery verb 'Launch'" in finding.message
    assert "(who acts: the team; predicate: doing work ('Launch'))" in finding.message
    assert dict(finding.structure) == {
        "actor": "team",
        "predicate": "work",
        "predicate_words": "Launch",
    }
    assert "can be met while no customer does anything differently" in finding.message
    assert "ask what customers or users will do differently" in finding.message


def test_an_output_verdict_gates_only_when_the_trained_judgement_is_sure() -> None:
    report_at, warning_at = thresholds(OUTPUT)
    severities = set()
    for key_result in (
        "Prototype: bulk import",
        "Mobile app in the app store by June",
        "Improve the docs search",
        "Launch the referral program",
        "Run 6 partner webinars",
    ):
        [finding] = [f for f in findings_of(key_result) if f.code in ("OUT001", "OUT002")]
        assert finding.confidence is not None and finding.confidence >= report_at
        # The confidence is rounded to 3 places; the verdict was taken on the probability.
        if finding.severity.value == "warning":
            assert finding.confidence >= warning_at - 0.0005
            assert "Reported as a hint" not in finding.message
        else:
            assert finding.confidence < warning_at + 0.0005
            assert finding.severity.value == "info"
            # The message states the probability rounded down, the threshold rounded up, so
            # the one never reads as the other.
            stated = re.search(
                r"Reported as a hint: okrlint is (\d+)% sure it is an output, under the (\d+)%",
                finding.message,
            )
            assert stated is not None
            assert int(stated[1]) / 100 <= finding.confidence + 0.0005 < (int(stated[1]) + 1) / 100
            assert int(stated[1]) < int(stated[2]) == math.ceil(warning_at * 100)
        severities.add(finding.severity.value)
    # Both sides of the threshold are exercised.
    assert severities == {"warning", "info"}


def test_a_hint_needs_words_of_work_the_hand_written_rules_recognise() -> None:
    # Read as an outcome by the hand-written rules and not sure enough to gate: no finding.
    [reading] = read_texts(["Grow the partner directory to 40 listings"], load_pack()).values()
    assert not is_output(reading) and not output_judgement(reading).sure
    assert not codes_at("Grow the partner directory to 40 listings") & {"OUT001", "OUT002"}


def test_a_key_result_with_a_baseline_field_is_a_measure_the_text_alone_does_not_overrule() -> None:
    title = "New hires merge a change before their first review"
    [reading] = read_texts([title], load_pack()).values()
    # The title alone, with no figure, the trained judgement takes for work done...
    assert output_judgement(reading).sure and not is_output(reading)
    # ...but its fields make it the name of a measure: no output finding.
    text = kr_set(f"title: {title}\n        baseline: 20\n        target: 35")
    assert lint_codes(text, "OUT001", "OUT002") == []


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
    assert not codes_at(key_result, "warning") & {"OUT001", "OUT002"}


@pytest.mark.parametrize(
    "key_result",
    [
        "The loyalty scheme has a written rulebook",
        "Our bakery owns a second delivery van",
        "Every courier has a named backup driver",
    ],
)
def test_a_thing_in_a_done_state_read_from_the_structure_is_an_output(key_result: str) -> None:
    from okrlint.rules.outputs.shared import COMPLETION, LOW, output_verdict

    reading = read_texts([key_result], load_pack())[key_result]
    verdict = output_verdict(reading)
    # No lexicon word of work or completion: the structure (a subject that holds a thing,
    # nothing measured) makes it an output, and only a hint on the hand-written side.
    assert (verdict.kind, verdict.output_kind, verdict.confidence) == ("output", COMPLETION, LOW)
    assert verdict.evidence is not None and verdict.evidence.text in key_result
    # Holding a share or a count of something people do is a level, not a thing done.
    level = "40% of members have a saved recipe"
    assert not is_output(read_texts([level], load_pack())[level])


def test_a_perfect_with_a_contraction_is_quoted_from_its_subject() -> None:
    (finding,) = lint_codes(kr_set("We've published the new returns policy"), "OUT001")
    assert "('We've published')" in finding.message


@pytest.mark.parametrize(
    ("key_result", "deliverable", "phrase"),
    [
        # The head of the noun phrase is the deliverable; a word joined to it by a hyphen, or
        # a deliverable noun before it, only describes it.
        (
            "Every depot has a laminated design-review checklist",
            "checklist",
            "a laminated design-review checklist",
        ),
        (
            "All kitchens have a written release-day template",
            "template",
            "a written release-day template",
        ),
        ("Improve the design review template", "template", "the design review template"),
        # After a verb of work, a hyphen glued to both words joins them.
        ("Launch the pet-sitting marketplace", "Launch", "the pet-sitting marketplace"),
        ("Ship a read-only mode for admins", "Ship", "a read-only mode"),
    ],
)
def test_the_deliverable_quoted_is_the_head_of_its_noun_phrase(
    key_result: str, deliverable: str, phrase: str
) -> None:
    from okrlint.rules.outputs.shared import output_verdict

    verdict = output_verdict(read_texts([key_result], load_pack())[key_result])
    assert verdict.evidence is not None and verdict.evidence.text == deliverable
    assert verdict.deliverable == phrase


def test_a_thing_that_exists_is_one_output_finding_whatever_figure_it_holds() -> None:
    found = findings_of("A sheet of 40+ buyer wins exists")
    assert [f.code for f in found] == ["OUT001"]
    (finding,) = found
    assert "marks work as done ('exists')" in finding.message
    assert "who acts: an artefact ('A sheet of 40+ buyer wins')" in finding.message


def test_people_doing_something_are_no_work_of_the_team() -> None:
    key_result = "Teams sharing a board in week 2 rise from 12% to 20%"
    assert "OUT001" not in {f.code for f in findings_of(key_result)}
    assert not is_output(read_texts([key_result], load_pack())[key_result])


def test_a_subject_and_its_verb_are_quoted_whole() -> None:
    (finding,) = [f for f in findings_of("Every alarm points to a playbook") if f.code == "OUT001"]
    assert "who acts: an artefact ('Every alarm')" in finding.message
    assert "predicate: work in a done state ('points')" in finding.message


def test_a_team_named_before_its_verb_is_not_a_command() -> None:
    (finding,) = [
        f for f in findings_of("Billing team has a shared refund checklist") if f.code == "OUT001"
    ]
    assert "activity verb" not in finding.message
    assert "names a deliverable ('checklist')" in finding.message
    assert "who acts: the team ('Billing team')" in finding.message


def test_a_share_of_work_done_within_a_time_limit_is_a_service_level() -> None:
    key_result = "85% of warranty tickets closed within 3 days"
    assert not is_output(read_texts([key_result], load_pack())[key_result])
    assert [f.code for f in findings_of(key_result)] == ["MEA002"]


@pytest.mark.parametrize(
    "key_result", ["Switch the payroll system to a new supplier", "Book the hall for the open day"]
)
def test_a_verb_of_what_customers_do_as_a_command_on_a_thing_is_the_teams_work(
    key_result: str,
) -> None:
    [finding] = [f for f in findings_of(key_result) if f.code == "OUT001"]
    assert f"the activity verb '{key_result.split()[0]}'" in finding.message
    assert "who acts: the team" in finding.message


def test_a_verb_of_what_customers_do_with_people_named_stays_theirs() -> None:
    key_result = "Switch 30% of members to yearly plans"
    assert not is_output(read_texts([key_result], load_pack())[key_result])
