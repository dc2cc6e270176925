"""The structure of made-up key results: who acts, what kind of predicate, what is measured."""

from __future__ import annotations

from pathlib import Path

import pytest

from okrlint.text.pack import load_pack
from okrlint.text.reader import read_texts
from okrlint.text.reading import KeyResultReading
from okrlint.text.structure import (
    ACTIVITY,
    ARTEFACT,
    BEHAVIOUR,
    BUSINESS,
    CHANGE,
    DONE,
    LEVEL,
    PEOPLE,
    SERVICE,
    TEAM,
    WORK,
    KeyResultStructure,
    structure_of,
)


def read(text: str) -> KeyResultReading:
    return read_texts([text], load_pack())[text]


def parts(text: str) -> tuple[str | None, str | None, str | None]:
    found = structure_of(read(text))
    return found.actor, found.predicate, found.measured


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Doing work: a command.
        ("Launch the partner portal", (TEAM, WORK, None)),
        ("Launch campaigns targeted at clinics", (TEAM, WORK, None)),
        # A team's ritual after "hold" is work, not a level to keep.
        ("Hold quarterly briefings with partner clinics", (TEAM, WORK, None)),
        # A verb of what customers do, as a command on a thing the team has.
        ("Switch the payroll system to a new supplier", (TEAM, WORK, None)),
        # ... or on a count of things: the team's own activity.
        ("Book 25 venue visits", (TEAM, WORK, ACTIVITY)),
        ("Book 40 families onto the course", (PEOPLE, LEVEL, BEHAVIOUR)),
        ("Digitise the intake forms", (TEAM, WORK, None)),
        ("Ops: migrate the billing jobs to the new scheduler", (TEAM, WORK, None)),
        # Counts of the team's own activity.
        ("Run 6 usability sessions per month", (TEAM, WORK, ACTIVITY)),
        ("Phone four suppliers", (TEAM, WORK, ACTIVITY)),
        ("Publish 10 recipe videos", (TEAM, WORK, ACTIVITY)),
        # A command on the team's own work, with a share of the people it is done with: how
        # much of that work the team does, whoever it is done with.
        ("Hold welcome calls with 85% of new tenants within a week", (TEAM, WORK, ACTIVITY)),
        ("Send the renewal survey to 70% of members", (TEAM, WORK, ACTIVITY)),
        # A verb of what customers do, as a command on the team's own work, is the team's.
        ("Book intro calls for 90% of new shops within 2 days", (TEAM, WORK, ACTIVITY)),
        # People counted by a figure of their own beside the work are what is measured.
        ("Open in 4 new towns with 250 weekly riders each", (TEAM, WORK, BEHAVIOUR)),
        ("Run 3 tastings with 120 guests", (TEAM, WORK, BEHAVIOUR)),
        # ... but people said to do something themselves are what is measured.
        ("Run webinars for new shops so that 30% of them upgrade", (TEAM, WORK, BEHAVIOUR)),
        # A share of the team's work, whoever it is done for.
        ("Schedule 90% of new tenant onboarding calls within 3 days", (TEAM, WORK, ACTIVITY)),
        # How fast the team serves the people named after the measure.
        ("Cut average response time to tenant enquiries to 4 hours", (PEOPLE, CHANGE, SERVICE)),
        ("Reduce lead time to answer patient messages from 2 days to 1", (TEAM, CHANGE, SERVICE)),
        # A verb of work before people and a verb of theirs names which people act.
        ("Pilot clinics renew at 90% or more", (PEOPLE, LEVEL, BEHAVIOUR)),
        ("Beta customers share 2 dashboards a week", (PEOPLE, LEVEL, BEHAVIOUR)),
        # ... but a command that has people do something stays a command.
        ("Coach customers migrate to the v2 plans", (TEAM, WORK, BEHAVIOUR)),
        # A measure named "time to <verb>" is no command to do it.
        ("Time to hire for sales roles drops from 50 to 35 days", (None, CHANGE, BUSINESS)),
        # Work in a done state.
        ("Hiring plans for spring are approved", (ARTEFACT, DONE, None)),
        # Things that "all" opens, and a verb of behaviour: the things are in a state, nobody
        # acts; with people as the subject it is what they do.
        ("All billing emails use the new sender address", (ARTEFACT, DONE, None)),
        ("All new teams use the template", (PEOPLE, None, BEHAVIOUR)),
        ("All APIs respond within 400 ms", (None, LEVEL, SERVICE)),
        # A work verb, a plural noun and a word of work done: the thing done, not a command.
        ("Release checklists published for each product line", (ARTEFACT, DONE, None)),
        ("Deploy scripts migrated to the new scheduler", (ARTEFACT, DONE, None)),
        # "per" opens a phrase after the participle, as "for" does.
        ("Style guides versioned per product line", (ARTEFACT, DONE, None)),
        # Words of finished work on documents and code ("translated", "rewritten", ...).
        ("Release notes translated for each locale", (ARTEFACT, DONE, None)),
        # A participle of a verb of holding with no level after it is a thing done; with one
        # it is the level kept.
        ("3 partner summits held in Europe", (ARTEFACT, DONE, None)),
        ("Uptime maintained at 99.9%", (None, LEVEL, SERVICE)),
        ("PCI DSS attestation obtained", (ARTEFACT, DONE, None)),
        # A label that names a measure labels its value, not a thing to have.
        ("Refund rate: TBD once the new policy lands", (None, None, BUSINESS)),
        # A gerund opening a noun phrase in a done state is part of the subject, not a command.
        ("Onboarding guide published", (ARTEFACT, DONE, None)),
        ("Packaging labels printed for every courier", (ARTEFACT, DONE, None)),
        ("Testing checklist complete", (ARTEFACT, DONE, None)),
        ("We've finished the packaging redesign", (TEAM, DONE, None)),
        ("Every warehouse has a named fire-safety plan", (ARTEFACT, DONE, None)),
        ("All squads have a written incident playbook", (TEAM, DONE, None)),
        ("A shared glossary exists", (ARTEFACT, DONE, None)),
        ("Warehouse handbook and checklists complete", (ARTEFACT, DONE, None)),
        ("Beta: dark theme", (ARTEFACT, DONE, None)),
        ("Label printing works for every courier", (ARTEFACT, DONE, None)),
        ("Shipped the loyalty card", (TEAM, DONE, None)),
        # A change in a measure.
        ("Grow newsletter readers", (PEOPLE, CHANGE, BEHAVIOUR)),
        # A past participle before a plural noun in a sentence with figures says which things
        # are counted; it reports no work done.
        ("Verified reviews make up 70% of all reviews", (None, LEVEL, BEHAVIOUR)),
        ("Closed deals from 40 to 55", (None, CHANGE, BEHAVIOUR)),
        # The -s form of a phrasal verb of work opens a noun, the people it names.
        ("Resellers with a closed deal this quarter from 12 to 30", (PEOPLE, CHANGE, BEHAVIOUR)),
        ("Partners with a closed deal this quarter from 12 to 30", (PEOPLE, CHANGE, BEHAVIOUR)),
        ("Partner with 3 agencies", (TEAM, WORK, ACTIVITY)),
        # A verb that opens a longer name of customers is no command.
        ("Trial teams that invite a teammate convert at 30%", (PEOPLE, LEVEL, BEHAVIOUR)),
        ("Trial the new checkout with 20 teams", (TEAM, WORK, ACTIVITY)),
        # ... or of what customers do, named whole or moved from one figure to another.
        ("Support tickets from 13 to 5 a week", (None, CHANGE, BEHAVIOUR)),
        ("Trial conversion from 8% to 12%", (None, CHANGE, BEHAVIOUR)),
        ("Support the sales team with 10 demos", (TEAM, WORK, ACTIVITY)),
        # A work verb before a measure's name that the sentence moves or bounds is part of it.
        ("Review response time under 2 days", (None, LEVEL, SERVICE)),
        ("Report downloads double", (None, CHANGE, BEHAVIOUR)),
        ("Demo requests per week from 20 to 35", (None, CHANGE, BEHAVIOUR)),
        ("Review pricing to lift conversion from 2% to 3%", (TEAM, WORK, None)),
        # The people a school, a clinic, a council or a charity serves.
        ("Students who finish the first module rise from 40% to 55%", (PEOPLE, CHANGE, BEHAVIOUR)),
        (
            "Citizens reporting a missed bin collection online, 20% to 50%",
            (PEOPLE, CHANGE, BEHAVIOUR),
        ),
        ("Monthly donations grow by 15%", (None, CHANGE, BEHAVIOUR)),
        ("Grow bakery revenue from $40k to $55k", (TEAM, CHANGE, BUSINESS)),
        ("Recipes saved by members climb by 25%", (PEOPLE, CHANGE, BEHAVIOUR)),
        ("Orders are up 12%", (None, CHANGE, BEHAVIOUR)),
        ("Maximise weekly repeat purchases", (TEAM, CHANGE, BEHAVIOUR)),
        # A level to reach or hold.
        ("90% of returns are refunded within 3 days", (None, LEVEL, SERVICE)),
        ("90% of complaints are answered within a day", (None, LEVEL, SERVICE)),
        ("Checkout latency stays below 400 ms", (None, LEVEL, SERVICE)),
        ("40% of new members book a second class", (PEOPLE, LEVEL, BEHAVIOUR)),
        ("The label printer runs for 30 days without a restart", (None, LEVEL, SERVICE)),
        ("% of orders delivered on the same day", (None, LEVEL, BEHAVIOUR)),
        # A verb's form inside a measure's name, and a state word describing a noun: no verb.
        ("Supplier offer acceptance rate", (None, None, BEHAVIOUR)),
        ("Members with an approved payment plan rise from 20% to 35%", (PEOPLE, CHANGE, BEHAVIOUR)),
        # "Make sure that ...", "Ensure ...": the clause says what is sought.
        ("Make sure that 80% of invoices are paid within 30 days", (None, LEVEL, SERVICE)),
        ("Ensure every warehouse has a named fire-safety plan", (ARTEFACT, DONE, None)),
    ],
)
def test_the_structure_of_a_key_result(
    text: str, expected: tuple[str | None, str | None, str | None]
) -> None:
    assert parts(text) == expected


def test_a_role_or_code_prefix_is_read_apart() -> None:
    for text, prefix in (
        ("CFO: close the books within five days", "CFO:"),
        ("`2031.Q2.07` - Grow paying members to 800", "`2031.Q2.07` -"),
    ):
        found = structure_of(read(text))
        assert found.prefix == prefix
        assert prefix not in (found.actor_words or "")
        assert prefix not in (found.predicate_words or "")
    # The body after the prefix is read as a sentence of its own.
    assert parts("`2031.Q2.07` - Grow paying members to 800") == (PEOPLE, CHANGE, BEHAVIOUR)


def test_each_part_keeps_the_words_it_was_read_from() -> None:
    found = structure_of(read("Hiring plans for spring are approved"))
    assert found.predicate_words == "are approved"
    assert found.actor_words == "Hiring plans for spring"
    assert found.explain() == (
        "who acts: an artefact ('Hiring plans for spring'); "
        "predicate: work in a done state ('are approved')"
    )
    # States joined by "and" or commas are one predicate, not part of the subject.
    joined = structure_of(read("Volunteer handbook drafted and signed off by the board"))
    assert joined.actor_words == "Volunteer handbook"
    assert joined.predicate_words == "drafted and signed off"
    listed = structure_of(read("Returns policy written, reviewed and approved"))
    assert listed.predicate_words == "written, reviewed and approved"
    # A thing to have, heading the opening phrase, is quoted whole as the subject.
    had = structure_of(read("Starter templates for Excel and Sheets"))
    assert (had.actor, had.actor_words) == (ARTEFACT, "Starter templates for Excel and Sheets")
    assert had.predicate == DONE and not had.predicate_words
    counted = structure_of(read("Run 6 usability sessions per month"))
    assert counted.measured_words == "6 usability sessions"
    assert "measured: the team's own activity ('6 usability sessions')" in counted.explain()
    assert counted.to_dict()["measured"] == ACTIVITY


@pytest.mark.parametrize(
    ("text", "words"),
    [
        # The measured phrase as written, not one measure noun of it ('time', 'per').
        ("Nightly batch duration falls from 5 to 2 hours", "Nightly batch duration"),
        ("Failed-job retries per night drop from 80 to 20", "Failed-job retries"),
        ("Raise gross margin to 61%", "gross margin"),
    ],
)
def test_a_measure_is_quoted_as_the_phrase_that_names_it(text: str, words: str) -> None:
    assert structure_of(read(text)).measured_words == words


@pytest.mark.parametrize(
    ("text", "actor", "words"),
    [
        # People named before the subject's head only describe it: the thing is the subject.
        ("A member directory exists for each city", ARTEFACT, "A member directory"),
        ("Learner progress emails are switched on", ARTEFACT, "Learner progress emails"),
        # So does a measure word before another noun: the thing is in a done state.
        ("Real-time departure screens installed", ARTEFACT, "Real-time departure screens"),
        ("Cost forecast workbook signed off", ARTEFACT, "Cost forecast workbook"),
        # People named behind "for" after a done state are served by the thing, they do not act.
        ("Risk scores live in the CRM for every account", ARTEFACT, "Risk scores"),
        # People at the end of the head act.
        ("New hosts list a second room within 30 days", PEOPLE, "hosts"),
        # Teams named as customers are customers; the team writing is "we", "our team", "all teams".
        ("Paying teams grow from 400 to 650", PEOPLE, "Paying teams"),
        ("All teams have a named incident lead", TEAM, "teams"),
        # A team named by where it stands as a customer (lapsed, churned, on a trial) is one.
        ("Lapsed teams that come back stay 3 months: from 41% to 60%", PEOPLE, "Lapsed teams"),
        # The team's own reps are the team.
        ("Every rep finishes the new discovery course", TEAM, "rep"),
        ("Every AE completes the negotiation course", TEAM, "AE"),
        ("CSMs hold a health check with each account", TEAM, "CSMs"),
    ],
)
def test_people_named_before_another_noun_describe_it(text: str, actor: str, words: str) -> None:
    found = structure_of(read(text))
    assert (found.actor, found.actor_words) == (actor, words)


@pytest.mark.parametrize(
    ("text", "measured", "words"),
    [
        # With no verb of work, a count of a thing the team makes is the team's activity only
        # when that thing ends the phrase: the views, plays and sign-ups of it are people's.
        ("Hit 20,000 recipe video views a month", BEHAVIOUR, "views"),
        ("Reach 12 integration guides in the help centre", ACTIVITY, "12 integration guides"),
        ("Have 25 webinars recorded and online", ACTIVITY, "25 webinars"),
        # After a verb of work the count is the work, whatever follows.
        ("Publish 10 recipe videos members asked for", ACTIVITY, "10 recipe videos"),
        # A lead verb counts its own object, not a figure behind a preposition further on.
        ("Launch 3 regional loyalty schemes", ACTIVITY, "Launch 3 regional loyalty schemes"),
        ("Launch the ambassador scheme with 20 ambassadors", ACTIVITY, "20 ambassadors"),
        # "per week" says how often, as "a week" does: the noun before it ends the phrase.
        ("10 landlord interviews per week", ACTIVITY, "10 landlord interviews"),
        # The quote runs through the head of the phrase the count counts, and a count out of a
        # whole is quoted whole.
        ("Record 8 short demo walkthrough videos", ACTIVITY, "8 short demo walkthrough videos"),
        ("Move 30 of 42 cron jobs to the scheduler", ACTIVITY, "30 of 42 cron jobs"),
    ],
)
def test_a_count_is_the_teams_activity_when_the_thing_made_ends_the_phrase(
    text: str, measured: str, words: str
) -> None:
    found = structure_of(read(text))
    assert (found.measured, found.measured_words) == (measured, words)


def test_the_structure_is_worked_out_once_per_reading() -> None:
    reading = read("Grow newsletter readers")
    assert structure_of(reading) is structure_of(reading)


def test_a_cached_reading_gives_the_same_structure() -> None:
    texts = ["We've finished the packaging redesign", "90% of returns are refunded within 3 days"]
    pack = load_pack()
    for reading in read_texts(texts, pack).values():
        again = KeyResultReading.from_row(reading.to_row(), pack=pack)
        assert structure_of(again) == structure_of(reading)


def test_text_okrlint_cannot_read_has_no_structure() -> None:
    assert structure_of(read("Steigerung der Kundenzufriedenheit um 10 Prozent")) == (
        KeyResultStructure()
    )
    assert KeyResultStructure().explain() == ""


def test_the_grammar_words_come_from_the_pack(tmp_path: Path) -> None:
    text = "Guild members have drafted the style guide"
    assert structure_of(read(text)).actor != TEAM
    folder = tmp_path / "house"
    (folder / "lexicons").mkdir(parents=True)
    (folder / "lexicons" / "mine.yaml").write_text(
        "name: team_subjects\nkind: words\nterms: [guild]\n", encoding="utf-8"
    )
    pack = load_pack([folder])
    found = structure_of(read_texts([text], pack)[text])
    assert (found.actor, found.actor_words, found.predicate) == (TEAM, "Guild", DONE)


def test_text_findings_say_how_the_key_result_was_read_in_json_and_sarif(tmp_path: Path) -> None:
    import json

    from typer.testing import CliRunner

    from okrlint.cli import app
    from test_ci_formats import _validate_sarif

    path = tmp_path / "bakery.yaml"
    path.write_text(
        "team: Bakery\nperiod: 2026-Q1\nobjectives:\n"
        "  - title: Delight our regulars\n    key_results:\n"
        "      - Hiring plans for spring are approved\n"
        "      - Publish 10 recipe videos\n"
        "      - Maximise bakery revenue\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["check", str(path), "--format", "json", "--no-cache"])
    findings = {f["code"]: f for f in json.loads(result.stdout)["findings"]}
    done = findings["OUT001"]
    assert done["structure"] == {
        "actor": "artefact",
        "actor_words": "Hiring plans for spring",
        "predicate": "done",
        "predicate_words": "are approved",
    }
    assert "who acts: an artefact ('Hiring plans for spring')" in done["message"]
    assert "predicate: work in a done state ('are approved')" in done["message"]
    assert findings["OUT002"]["structure"]["measured"] == "activity"
    direction = findings["MEA001"]
    assert direction["structure"]["predicate"] == "change"
    assert "Read as: who acts: the team; predicate: a change in a measure" in direction["message"]
    # The objective's finding gives each key result's reading by id.
    assert set(findings["CUS001"]["structure"]) == {"KR1", "KR2", "KR3"}
    # Every text finding carries a confidence.
    assert all(f["confidence"] is not None for f in findings.values())
    sarif = CliRunner().invoke(app, ["check", str(path), "--format", "sarif", "--no-cache"])
    document = json.loads(sarif.stdout)
    _validate_sarif(document, tmp_path)
    results = {r["ruleId"]: r for r in document["runs"][0]["results"]}
    assert results["OUT001"]["properties"]["structure"] == done["structure"]


@pytest.mark.parametrize(
    ("text", "expected", "actor_words", "predicate_words"),
    [
        # A team noun and a verb of behaviour in -ing name people doing something: customers,
        # with the verb after them ("rise") as the predicate, past a figure naming a week.
        (
            "Teams sharing a board in week 2 rise from 12% to 20%",
            (PEOPLE, CHANGE, BEHAVIOUR),
            "Teams sharing a board",
            "rise",
        ),
        (
            "Shoppers rating a recipe in month 1 grow from 8% to 14%",
            (PEOPLE, CHANGE, BEHAVIOUR),
            "Shoppers rating a recipe",
            "grow",
        ),
        # After a singular subject, a word in -s before a preposition or a determiner is its
        # verb, whatever verb it is: the subject is quoted whole, the verb as the predicate.
        ("Every alarm points to a playbook", (ARTEFACT, DONE, None), "Every alarm", "points"),
        ("Each invoice carries a due date", (ARTEFACT, DONE, None), "Each invoice", "carries"),
        # A modal before the copula ends the subject and is quoted with the verb.
        (
            "The sign-up form can be completed in one step",
            (ARTEFACT, DONE, None),
            "The sign-up form",
            "can be completed",
        ),
        (
            "The booking page will be live for every studio",
            (ARTEFACT, DONE, None),
            "The booking page",
            "will be live",
        ),
    ],
)
def test_who_acts_and_the_verb_are_quoted_as_the_sentence_says(
    text: str,
    expected: tuple[str, str, str | None],
    actor_words: str,
    predicate_words: str,
) -> None:
    found = structure_of(read(text))
    assert (found.actor, found.predicate, found.measured) == expected
    assert (found.actor_words, found.predicate_words) == (actor_words, predicate_words)


def test_an_owner_named_in_the_possessive_does_not_act() -> None:
    # "the shop's gift list": the shop owns a thing, it does nothing; a rank is a level.
    found = structure_of(read("Reach the top 3 in the shop's seasonal gift list"))
    assert (found.actor, found.actor_words) == (TEAM, None)
    assert (found.predicate, found.measured, found.measured_words) == (LEVEL, BUSINESS, "top 3")
    assert read("Reach the top 3 in the shop's seasonal gift list").actor is None
    # What people own that is something they do ("each shopper's repeat orders") is theirs.
    owned = structure_of(read("Raise each shopper's repeat orders from 2 to 3"))
    assert (owned.actor, owned.actor_words, owned.measured) == (PEOPLE, "shopper", BEHAVIOUR)


@pytest.mark.parametrize(
    ("text", "actor", "actor_words"),
    [
        # A team's name and its verb: the team, quoted by its name, not a command "Support".
        ("Billing team has a shared refund checklist", TEAM, "Billing team"),
        ("Our squad has a written release checklist", TEAM, "Our squad"),
        # "Our" only says whose: the noun after it is the subject.
        ("Our members renew at 80%", PEOPLE, "members"),
        ("Our churn falls to 2%", None, None),
        # A word of a figure's unit names no people ("business days").
        ("85% of warranty tickets closed within 3 business days", None, None),
    ],
)
def test_the_subject_is_quoted_as_written(text: str, actor: str | None, actor_words: str) -> None:
    found = structure_of(read(text))
    assert (found.actor, found.actor_words) == (actor, actor_words)
    if actor == TEAM:
        assert read(text).lead_verb is None  # a name, not a command


@pytest.mark.parametrize(
    ("text", "measured", "words"),
    [
        # A bound and a time unit, with no people acting: a level of service.
        (
            "85% of warranty tickets closed within 3 business days",
            SERVICE,
            "within 3 business days",
        ),
        ("Builds finish in under 8 minutes, 90% of the time", SERVICE, "under 8 minutes"),
        # A verb of behaviour whose subject is a thing says nothing of what people do, nor
        # does a measure word that names a thing ("pricing model") or a unit ("days").
        ("The weekly export job finishes before 7am on 90% of days", None, None),
        ("The pricing model migrates to Spark 3.5", None, None),
        # People as the subject and a count of what they do: their behaviour, not the team's
        # work; people before another noun only describe it.
        ("Gym members book 2 classes a week", BEHAVIOUR, "book"),
        ("Resolve customer issues in less than 5 emails", ACTIVITY, "5 emails"),
        # What comes after "without" is a guard-rail, not what is measured.
        ("Cut hosting costs by 10% without raising latency", BUSINESS, "hosting costs"),
    ],
)
def test_what_is_measured_is_said_only_when_the_sentence_says_it(
    text: str, measured: str | None, words: str | None
) -> None:
    found = structure_of(read(text))
    assert (found.measured, found.measured_words) == (measured, words)


@pytest.mark.parametrize(
    ("text", "predicate", "words"),
    [
        ("Team leads' 1:1 completion rate reaches 85%", LEVEL, "reaches"),
        ("Each recruiter books 6 intro calls a week", LEVEL, "books"),
        # "a written plan": the state word describes the thing had; the thing is quoted.
        ("Employees with a written development plan", DONE, "plan"),
        # A share of things in a state that moves from one figure to another is a change.
        ("Supplier bills paid on time from 70% to 90%", CHANGE, "paid"),
        ("Parcels are scanned at the door: from 40% to 75%", CHANGE, "are scanned"),
        # ... and so does a rate of them.
        ("Photos uploaded per listing from 3.5 to 6", CHANGE, "uploaded"),
        # A word in -s that ends a share of things is a plural noun, not the verb ("runs").
        ("Timeout rate under 2% of pipeline runs", LEVEL, "under"),
        # An adverb after the participle is the participle's own.
        ("Database backups restored successfully in a quarterly drill", DONE, "restored"),
    ],
)
def test_the_verb_is_the_predicate_quoted(text: str, predicate: str, words: str) -> None:
    found = structure_of(read(text))
    assert (found.predicate, found.predicate_words) == (predicate, words)


@pytest.mark.parametrize(
    ("text", "predicate"),
    [
        # A verb of work that opens a measure's name is no command: a plural noun and a bound
        # on a figure, or a measure moved from one figure to another, follow it.
        ("Audit exceptions below $5k", LEVEL),
        ("Build time from 22 to 8 minutes", CHANGE),
        # "NPS" names a measure whatever it ends with: what goes before it stays a verb.
        ("Reach NPS over 60", LEVEL),
    ],
)
def test_a_verb_of_work_that_opens_a_measures_name_is_no_command(text: str, predicate: str) -> None:
    found = structure_of(read(text))
    assert found.predicate == predicate
    assert (found.actor == TEAM) == text.startswith("Reach")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A copula after a pronoun that opens a clause inside the sentence is that clause's
        # verb: the key result's predicate is the change of the figures.
        ("Buyers say they are pleased with delivery: from 70% to 85%", (PEOPLE, CHANGE, "70%")),
        ("Parents tell us it is easy to book a class, up from 55% to 75%", (TEAM, CHANGE, "55%")),
    ],
)
def test_a_copula_after_a_clause_pronoun_is_no_predicate(
    text: str, expected: tuple[str, str, str]
) -> None:
    found = structure_of(read(text))
    assert (found.actor, found.predicate, found.predicate_words) == expected
