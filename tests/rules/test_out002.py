"""OUT002: what its metadata examples do not cover."""

from __future__ import annotations

import pytest
from rule_helpers import codes_at, findings_of, kr_set, lint_codes


def test_activity_counts_and_the_teams_own_metrics() -> None:
    text = kr_set(
        "Publish 10 blog posts", "Increase test coverage to 80%", "Run 5 customer workshops"
    )
    found = lint_codes(text, "OUT002")
    assert [f.line for f in found] == [6, 7, 8]
    assert "'10 blog posts'" in found[0].message
    assert "team's own work ('test coverage')" in found[1].message


@pytest.mark.parametrize(
    "key_result",
    [
        "Call on three customers",
        "Hold 3 design reviews per sprint",
        "Run 4 pricing workshops per month",
    ],
)
def test_counts_of_the_teams_own_activity_are_activity_counts(key_result: str) -> None:
    # At warning where the trained judgement is sure, else as a hint (tested in test_out001).
    assert "OUT002" in codes_at(key_result)


def test_people_the_work_is_done_to_are_not_who_acts() -> None:
    [finding] = [f for f in findings_of("Call on three customers") if f.code == "OUT002"]
    assert "(who acts: the team; predicate: doing work" in finding.message
    # The customers are what the work is done to: the team's own activity is measured.
    read = dict(finding.structure)
    assert (read["actor"], read["measured"]) == ("team", "activity")
    assert "customers" in read["measured_words"]


@pytest.mark.parametrize(
    ("key_result", "counted"),
    [
        # The phrase a count counts runs to its head, the noun of work that ends furthest.
        ("Deliver 8 training sessions for new hires", "8 training sessions"),
        # After a verb of work, any count is the work, quoted up to its plural.
        ("Source 30 candidates outside the usual job boards", "30 candidates"),
        # A bound before the figure does not hide the count.
        ("Create at least 4 buyer personas", "4 buyer personas"),
        # The word of work may stand before its count: quoted through what is counted.
        ("Call on three customers", "Call on three customers"),
        ("Send follow-up emails to 200 trial sign-ups", "emails to 200 trial sign-ups"),
    ],
)
def test_the_finding_and_its_reading_quote_the_same_count(key_result: str, counted: str) -> None:
    [finding] = [f for f in findings_of(key_result) if f.code == "OUT002"]
    assert f"counts work done ('{counted}')" in finding.message
    assert dict(finding.structure)["measured_words"] == counted


def test_a_finding_on_the_judgement_alone_quotes_the_count_of_work_the_structure_reads() -> None:
    from okrlint.rules.outputs.out002_activity_count import _counted
    from okrlint.text.pack import load_pack
    from okrlint.text.reader import read_texts

    text = "Visit 40 partner stores each month"
    # When the trained judgement is sure and the verdict silent, the finding names the count.
    assert _counted(read_texts([text], load_pack())[text]) == "'40 partner stores'"
