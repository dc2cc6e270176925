"""CUS001: what its metadata examples do not cover."""

from __future__ import annotations

from rule_helpers import kr_set, lint_codes


def test_no_customer_behaviour_lists_what_each_key_result_measures() -> None:
    text = kr_set("Migrate all invoices to the new ledger", "Keep p95 invoice latency under 300 ms")
    (finding,) = lint_codes(text, "CUS001")
    assert finding.object == "O1"
    assert "KR1: doing work ('Migrate')" in finding.message
    assert "KR2: a service level ('p95')" in finding.message
    # Each key result's reading, by id, in the finding's structure.
    assert dict(finding.structure)["KR2"].endswith("measured: a service level ('p95')")
    assert "KR2: a service level" in finding.message
    fixed = kr_set("Raise the share of customers who pay on first attempt from 81% to 92%")
    assert lint_codes(fixed, "CUS001") == []


def test_a_measure_named_by_what_it_is_of_is_quoted_whole() -> None:
    text = kr_set(
        "Raise the share of parcels scanned on arrival from 88% to 97%",
        "Migrate the depot scanners to the new firmware",
    )
    (finding,) = lint_codes(text, "CUS001")
    # Not the bare measure's name ('share'): what it is a share of.
    assert "KR1: a business result ('share of parcels scanned on arrival')" in finding.message


def test_the_teams_own_work_with_people_measures_nothing_they_do() -> None:
    # Customers named as those the team's work is done with or for do nothing in the sentence:
    # no key result measures what they do.
    text = kr_set(
        "Hold welcome calls with 85% of new tenants within a week",
        "Visit 40 landlords in the north district",
    )
    (finding,) = lint_codes(text, "CUS001")
    assert "KR1: the team's own activity ('welcome calls')" in finding.message
    # People who are said to do something themselves still count.
    fixed = kr_set(
        "Hold welcome calls with new tenants so that 60% of them pay by direct debit",
        "Visit 40 landlords in the north district",
    )
    assert lint_codes(fixed, "CUS001") == []


def test_people_made_to_do_something_act_whatever_word_names_them() -> None:
    # "Get N <anything> to <a verb of what people do>": the ones counted are made to do it.
    for made in (
        "Get 400 studios to book a second class",
        "Help 30% of shops to list a second product",
    ):
        assert (
            lint_codes(kr_set(made, "Migrate the booking pages to the new theme"), "CUS001") == []
        )
    # A thing made to do something is not a customer.
    text = kr_set("Get the nightly export to finish under 10 minutes", "Migrate the booking pages")
    assert [f.code for f in lint_codes(text, "CUS001")] == ["CUS001"]
