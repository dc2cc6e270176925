"""The regex layer that reads numbers out of key-result text, with their roles."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from okrlint.text.number_mentions import find_numbers, has_date
from okrlint.text.pack import load_pack
from okrlint.text.reader import read_texts


def roles(text: str) -> list[tuple[str, float | None, str, str]]:
    return [(m.text, m.value, m.kind, m.role) for m in find_numbers(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Raise activation from 32% to 45%",
            [("32%", 32, "percent", "baseline"), ("45%", 45, "percent", "target")],
        ),
        (
            "Grow WAU 10k -> 15k",
            [("10k", 10_000, "count", "baseline"), ("15k", 15_000, "count", "target")],
        ),
        (
            "Lift NRR 105%→112%",
            [("105%", 105, "percent", "baseline"), ("112%", 112, "percent", "target")],
        ),
        ("Reach $1.2M ARR", [("$1.2M", 1_200_000, "currency", "target")]),
        ("Grow revenue to €3.4bn", [("€3.4bn", 3_400_000_000, "currency", "target")]),
        ("Keep p95 latency under 200 ms", [("200 ms", 200, "duration", "threshold")]),
        ("Respond within 400ms", [("400ms", 400, "duration", "threshold")]),
        (
            "Shorten checkout by 40% (3x faster)",
            [("40%", 40, "percent", "delta"), ("3x", 3, "multiple", "delta")],
        ),
        ("Triple weekly sign-ups", [("Triple", 3, "multiple", "delta")]),
        # "Half of" people is a share to reach, as "50% of" is; "by half" a change.
        (
            "Half of new tutors teach a second class within 14 days",
            [("Half", 50, "percent", "target"), ("14 days", 14, "duration", "threshold")],
        ),
        ("Cut queue time by half", [("half", 0.5, "multiple", "delta")]),
        # "up 40%", "down 2 points", "+15%" after the measure are a change too.
        ("Weekly exports up 40%", [("40%", 40, "percent", "delta")]),
        ("Cart abandonment down 2 points", [("2 points", 2, "percent", "delta")]),
        ("Trial signups +15%", [("15%", 15, "percent", "delta")]),
        # A score's sign before its figures keeps them a baseline and a target.
        (
            "Team pulse score from +8 to +25",
            [("8", 8, "count", "baseline"), ("25", 25, "count", "target")],
        ),
        (
            "Partner NPS +10 -> +35",
            [("10", 10, "count", "baseline"), ("35", 35, "count", "target")],
        ),
        # ... but "Sign up 500 users" counts people, and "down to" is a limit.
        ("Sign up 500 users", [("500", 500, "count", "target")]),
        ("Refund rate down to 3%", [("3%", 3, "percent", "threshold")]),
        # "One in three", "2 out of 3": a share of things, as a percentage is.
        (
            "One in four new members books a second class",
            [("One in four", 25, "percent", "target")],
        ),
        (
            "2 out of 5 quotes accepted, up from 1 in 10",
            [("2 out of 5", 40, "percent", "target"), ("1 in 10", 10, "percent", "baseline")],
        ),
        # "1 in 2 weeks" is how often, not a share.
        ("Release 1 in 2 weeks", [("1", 1, "count", "count"), ("2 weeks", 2, "duration", "count")]),
        # "twice" in a negated clause says what should not happen again, not how much.
        ("Parents book a class without calling twice", []),
        ("Riders never scan their ticket twice", []),
        # ... and so does one that must not come to pass.
        ("Leaks are sealed before a tenant reports them twice", []),
        ("Chase invoices until nobody is billed twice", []),
        ("Members visit twice a week", [("twice", 2, "multiple", "delta")]),
        ("Do not make renewals twice as slow", [("twice", 2, "multiple", "delta")]),
        ("At least 200 active publishers", [("200", 200, "count", "threshold")]),
        (
            "Raise repeat orders to 38 % from current 30 %",
            [("38 %", 38, "percent", "target"), ("30 %", 30, "percent", "baseline")],
        ),
        (
            "Cut refunds from 60/week to 25/week",
            [("60", 60, "count", "baseline"), ("25", 25, "count", "target")],
        ),
        ("Serve 20k+ teams", [("20k+", 20_000, "count", "target")]),
        ("Win N1 new logos", [("N1", None, "redacted", "target")]),
        (
            "Import 2GB in under 5 minutes",
            [("2GB", 2, "size", "count"), ("5 minutes", 5, "duration", "threshold")],
        ),
    ],
)
def test_numbers_and_their_roles(
    text: str, expected: list[tuple[str, float | None, str, str]]
) -> None:
    assert roles(text) == expected


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("Ship v2 of the API", None),
        ("We have shipped the 4.1.2 release", "version"),
        ("Publish the 2.0 spec", "version"),
        ("Hire 3 engineers by end of Q2", None),
        ("Cut 30-day churn", "window"),
        ("Launch by March 31", "date"),
        ("Close the books for FY 2026", "date"),
        # A month and a year: the first two digits of the year are no day of the month.
        ("Open the Lisbon office by October 2026", "date"),
        ("Move payroll in-house by Sept 2026", "date"),
        # "the half", "the second half": half a year, not half of something.
        ("Keep voluntary attrition under 4% for the half", None),
        ("Hold churn under 2% in the second half", None),
        ("Fix issue #14", None),
        ("Keep p99 latency low", None),
    ],
)
def test_dates_versions_windows_and_identifiers_are_not_targets(
    text: str, role: str | None
) -> None:
    found = find_numbers(text)
    assert not any(
        m.measures and m.text in ("2", "4.1.2", "2.0", "2", "30", "31", "2026", "14", "99", "half")
        for m in found
    )
    if role is not None:
        assert role in {m.role for m in found}


@pytest.mark.parametrize(
    ("text", "written", "role"),
    [
        # A year and the next name a period; a range of amounts stays a range.
        ("Settle the open supplier bills from 2024-2025", "2024-2025", "date"),
        ("Publish the 2025/26 impact report", "2025", "date"),
        ("Grow paying teams from 1200-1500", "1200-1500", "baseline"),
        # A year-like figure after the words of a target and before a noun counts something.
        ("Reach 2000 newsletter subscribers", "2000", "target"),
        ("Hit 1950 paid seats", "1950", "target"),
        ("Ship the billing rewrite in 2026", "2026", "date"),
        ("Reach 2030 by the end of the year", "2030", "target"),
        # Counting periods in words: a window of time, not an amount.
        ("Draft a plan for the next three years of the platform", "three", "window"),
        # Numbers that say which one of a series: labels.
        ("Finish phase 2 of the warehouse move", "2", "label"),
        ("Items #4, 5 & 6 of the audit are closed", "5", "label"),
        ("Move 40 clinics to stage 2", "40", "count"),
        # A figure after a name that a determiner opens is the name's: a count comes right after
        # the determiner ("the 3 new stores"), not after a name.
        ("Retire the old Ruby 2 build scripts", "2", "label"),
        ("Move the Java 11 batch jobs to the new cluster", "11", "label"),
        ("Open our Germany 3 new stores", "3", "target"),
    ],
)
def test_periods_amounts_and_labels_that_look_alike(text: str, written: str, role: str) -> None:
    [found] = [m for m in find_numbers(text) if m.text == written]
    assert found.role == role


@pytest.mark.parametrize(
    ("text", "measuring"),
    [
        ("The new importer replaces the old one", []),
        ("Write a style guide and a new one for the API", []),
        ("Hire one designer", ["one"]),
        ("Every mentor takes on at least one apprentice", ["one"]),
    ],
)
def test_one_standing_for_a_thing_is_not_a_number(text: str, measuring: list[str]) -> None:
    assert [m.text for m in find_numbers(text) if m.measures] == measuring


def test_a_deadline_is_found_as_a_date() -> None:
    assert has_date("New billing system in production by May") == "by May"
    assert has_date("Raise activation from 30% to 40%") is None


def test_spans_point_at_the_number_as_written() -> None:
    text = "Cut median time to first dashboard from 42 min to 15 min"
    for mention in find_numbers(text):
        assert text[mention.start : mention.end] == mention.text


@given(st.text(max_size=300))
def test_any_text_is_read_without_error_and_spans_are_exact(text: str) -> None:
    for mention in find_numbers(text):
        assert 0 <= mention.start <= mention.end <= len(text)
        assert text[mention.start : mention.end] == mention.text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A share before a limit is the number to reach; the limit is its condition.
        (
            "85% of refund requests are settled within 3 days",
            [("85%", 85, "percent", "target"), ("3 days", 3, "duration", "threshold")],
        ),
        # A figure in words before a time unit is a duration, as in digits.
        (
            "70% of new vendors are paid within two working days",
            [("70%", 70, "percent", "target"), ("two working days", 2, "duration", "threshold")],
        ),
        # "N% of the time" after a limit says how often the limit is met: the share to reach.
        (
            "Pages are answered within 10 minutes, 98% of the time",
            [("10 minutes", 10, "duration", "threshold"), ("98%", 98, "percent", "target")],
        ),
        (
            "Deliveries arrive in under 2 days 90% of the time",
            [("2 days", 2, "duration", "threshold"), ("90%", 90, "percent", "target")],
        ),
        # A share after a limit, behind "for", "on", "in" or "across", is the share that meets it.
        (
            "Keep page loads under 2 s for 95% of visits",
            [("2 s", 2, "duration", "threshold"), ("95%", 95, "percent", "target")],
        ),
        (
            "Reply to supplier emails within 24 hours for 95% of messages",
            [("24 hours", 24, "duration", "threshold"), ("95%", 95, "percent", "target")],
        ),
        (
            "Pack parcels in under 3 minutes on 90% of shifts",
            [("3 minutes", 3, "duration", "threshold"), ("90%", 90, "percent", "target")],
        ),
        # A range leaves the roles as they were.
        (
            "Lift the share settled within 3 days from 60% to 85%",
            [
                ("3 days", 3, "duration", "threshold"),
                ("60%", 60, "percent", "baseline"),
                ("85%", 85, "percent", "target"),
            ],
        ),
    ],
)
def test_a_share_meeting_a_limit_is_the_number_to_reach(
    text: str, expected: list[tuple[str, float, str, str]]
) -> None:
    assert roles(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "the top N" after a preposition of scope says which things, not how many ...
        ("Hold monthly check-ins with the top 40 resellers", [("40", "window")]),
        (
            "Cut churn among our top 25 customers from 6% to 3%",
            [("25", "window"), ("6%", "baseline"), ("3%", "target")],
        ),
        # So does a count before a superlative: which ones, not how many.
        ("A returns playbook exists for our 15 busiest depots", [("15", "window")]),
        (
            "Grow repeat orders from the 8 largest clinics by 20%",
            [("8", "window"), ("20%", "delta")],
        ),
        # So does a definite count after a preposition of scope: the things worked for.
        ("Automate the payroll export for the three main sites", [("three", "window")]),
        (
            "Grow to 400 members across our 6 studios",
            [("400", "target"), ("6", "window")],
        ),
        # ... while a rank to reach is still the target.
        ("Reach the top 3 results for 'invoice software'", [("3", "target")]),
        ("Rank in the top 10 finance apps on the store", [("10", "target")]),
    ],
)
def test_the_top_n_of_a_scope_is_no_amount(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(m.text, m.role) for m in find_numbers(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "one of" a group named after it: which one, not how many ...
        ("Page the on-call lead whenever one of our queues backs up", [("one", "window")]),
        ("Ask one of the founders to open the meetup", [("one", "window")]),
        # ... while a bound before it still counts.
        ("Get at least one of the partner banks live", [("one", "threshold")]),
        # An age or a length that names a class of things is no amount ...
        ("Chase every supplier bill 45+ days past due", [("45+ days", "window")]),
        ("Archive tickets 90 days old", [("90 days", "window")]),
        ("Move clients out of the 30+ day group", [("30+ day", "window")]),
        (
            "Cut the 90+ day receivables from $40k to $10k",
            [("90+ day", "window"), ("$40k", "baseline"), ("$10k", "target")],
        ),
        # ... unless a bound or a target word makes it one.
        ("Keep all open bills under 30 days old", [("30 days", "threshold")]),
        ("Shorten reviews to a 30+ day runway", [("30+ day", "target")]),
        ("Meet our 4 hour response SLA", [("4 hour", "target")]),
        # "for 1 asset", "for one region": the scope of the work, as "for a single asset".
        ("Test three hooks for 1 landing page", [("three", "target"), ("1", "window")]),
        ("Draft the pricing for one region", [("one", "window")]),
        ("Run the pilot for one month", [("one month", "target")]),
        # A count of one elsewhere is still a count.
        ("One release every week", [("One", "target")]),
        ("Sign 1 new reseller in Spain", [("1", "target")]),
    ],
)
def test_numbers_that_say_which_things_are_no_amount(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert [(m.text, m.role) for m in find_numbers(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The parts of a course, a plan or a site numbered in a series are labels.
        ("Cut drop-off in lesson 4 by 30%", [("4", "label"), ("30%", "delta")]),
        ("Tier 2 partners renew at 90%", [("2", "label"), ("90%", "target")]),
    ],
)
def test_more_numbered_parts_are_labels(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(m.text, m.role) for m in find_numbers(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A figure inside the name of a standard, a product or a version is part of the name.
        ("Pass the PCI 4 Level II review", [("4", "label")]),
        ("HIPAA 2 attestation signed off", [("2", "label")]),
        ("ISO 14001 certificate issued by June", [("14001", "label")]),
        ("Move every job runner to Python 3.12", [("3.12", "label")]),
        ("Launch a Vision 2 headset demo", [("2", "label")]),
        # Amounts stay amounts: after a measure's acronym, before a plural, after a rank word.
        ("Reach NPS 45", [("45", "target")]),
        ("CSAT 4.6 or higher every month", [("4.6", "target")]),
        ("NPS 35 by the end of June", [("35", "target")]),
        ("Open in Spain 4 new clinics", [("4", "target")]),
        ("Reach the Top 10 ranking", [("10", "target")]),
        # A whole figure ending the phrase may count as well as name: read as an amount.
        ("Ship offline mode in Orbit 12", [("12", "target")]),
        ("Hire 3 Staff Engineers", [("3", "target")]),
        ("Grow Weekly Buyers To 9000", [("9000", "target")]),
        ("Reach NPS 50 Score With Every Plan", [("50", "target")]),
    ],
)
def test_a_figure_in_a_name_is_no_amount(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(m.text, m.role) for m in find_numbers(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "in month 2", "on day 30": which period, not an amount.
        ("Cut churn in month 2 by 10%", [("2", "date"), ("10%", "delta")]),
        ("Retention on day 30 reaches 40%", [("30", "date"), ("40%", "target")]),
    ],
)
def test_a_numbered_period_after_a_preposition_is_a_date(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert [(m.text, m.role) for m in find_numbers(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Payroll runs in 3 working days instead of 6",
            [("3 working days", "target"), ("6", "baseline")],
        ),
        (
            "Answer chats in 90 seconds rather than 4 minutes",
            [("90 seconds", "target"), ("4 minutes", "baseline")],
        ),
    ],
)
def test_what_a_target_replaces_is_its_baseline(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(m.text, m.role) for m in find_numbers(text)] == expected


def test_the_number_to_reach_is_the_target_before_any_limit() -> None:
    text = "85% of refund requests are settled within 3 days"
    reading = read_texts([text], load_pack())[text]
    assert reading.target_mention is not None and reading.target_mention.text == "85%"
    text = "Cut p95 checkout time by 20% to under 900 ms"
    reading = read_texts([text], load_pack())[text]
    assert reading.target_mention is not None and reading.target_mention.text == "900 ms"


def test_figures_joined_by_a_colon_are_no_amounts() -> None:
    text = "Team leads' 1:1 completion rate reaches 85%"
    assert [(m.text, m.role) for m in find_numbers(text)] == [
        ("1", "label"),
        ("1", "label"),
        ("85%", "target"),
    ]
    assert [m.role for m in find_numbers("Hold 1:1s with every new hire")] == ["label", "label"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A time of day says when, not how much: a label, not a number to reach.
        ("Answer every voicemail by 10 pm", [("10", "label")]),
        ("Open the pickup counter at 7:30am", [("7", "label")]),
        ("Start the bakery shift at 6 a.m. on weekdays", [("6", "label")]),
        ("Offer 24/7 phone cover", [("24", "label")]),
        ("Dispatch orders placed before 3 PM on 95% of days", [("3", "label"), ("95%", "target")]),
        # An hour and "PM" with no word of time before it may name a role: still counted.
        ("Hire 1 PM for the payments squad", [("1", "target")]),
    ],
)
def test_a_time_of_day_is_no_amount(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(m.text, m.role) for m in find_numbers(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "per 1,000 orders" is the base of a rate, as a window is, not a number to reach.
        ("Track defects per 1,000 orders", [("1,000", "window")]),
        ("Keep incidents under 2 per 10k sessions", [("2", "threshold"), ("10k", "window")]),
        (
            "Cut failed payments per 100 000 attempts from 40 to 12",
            [("100 000", "window"), ("40", "baseline"), ("12", "target")],
        ),
        ("Hold complaints below 4 per 1.5k deliveries", [("4", "threshold"), ("1.5k", "window")]),
    ],
)
def test_the_base_of_a_rate_is_no_amount(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(m.text, m.role) for m in find_numbers(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "by a third", "by two thirds", "by three quarters": a change in percent.
        ("Cut waiting time at the clinic by a third", [("a third", 33.3, "percent", "delta")]),
        ("Grow repeat orders by two thirds by Q3", [("two thirds", 66.7, "percent", "delta")]),
        ("Reduce manual rework by three-quarters", [("three-quarters", 75, "percent", "delta")]),
        ("Cut courier costs by one third", [("one third", 33.3, "percent", "delta")]),
        # A time from now, or a third party, is no change.
        ("Open the second depot by a quarter from now", []),
        ("Have every payout checked by a third party", []),
    ],
)
def test_a_fraction_after_by_is_a_change_in_percent(
    text: str, expected: list[tuple[str, float, str, str]]
) -> None:
    assert roles(text) == expected
