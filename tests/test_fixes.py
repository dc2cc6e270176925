"""The move-to-initiatives fix: exact text edits, everything else byte for byte the same."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from fixing_helpers import lint, make_registry, settings
from okrlint.fix.edits import apply_edits
from okrlint.fix.runner import FileFix, fix_text, same_meaning
from okrlint.pipeline.load import load_text
from okrlint.pipeline.run import RunOptions

REGISTRY = make_registry()


def fixed(text: str) -> str:
    record = FileFix(Path("okrs.yaml"), "okrs.yaml", text, text)
    result = fix_text(
        text, Path("okrs.yaml"), "okrs.yaml", settings(REGISTRY), REGISTRY, RunOptions(), record
    )
    assert record.refused == []
    assert same_meaning(load_text(text, "okrs.yaml"), result, Path("okrs.yaml"), "okrs.yaml")
    return result


def doc(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


CASES = {
    "block list, new initiatives, comments kept": (
        doc("""
            # Growth OKRs, reviewed weekly
            team: Growth   # the team
            period: 2026-Q1
            objectives:
              - id: O1
                title: Make the first week effortless
                key_results:
                  - Raise week-1 activation from 30% to 45%

                  # the referral work
                  - Launch the referral program  # due in March
                  - 'Cut time to first dashboard from 42 to 15 minutes'
              - title: Win the mid-market
                key_results: [Raise win rate from 20% to 30%, Cut churn from 4% to 3%]
            """),
        doc("""
            # Growth OKRs, reviewed weekly
            team: Growth   # the team
            period: 2026-Q1
            objectives:
              - id: O1
                title: Make the first week effortless
                key_results:
                  - Raise week-1 activation from 30% to 45%

                  - {id: KR3, title: 'Cut time to first dashboard from 42 to 15 minutes'}
                initiatives:
                  # the referral work
                  - Launch the referral program  # due in March
              - title: Win the mid-market
                key_results: [Raise win rate from 20% to 30%, Cut churn from 4% to 3%]
            """),
    ),
    "existing block initiatives at another indentation": (
        doc("""
            team: Growth
            period: 2026-Q1
            objectives:
            - title: Grow
              initiatives:
                  - Redesign the wizard
              key_results:
              - "Ship v2 of the wizard"
              - Raise activation from 30% to 45%
              - Cut churn from 4% to 3%
            """),
        doc("""
            team: Growth
            period: 2026-Q1
            objectives:
            - title: Grow
              initiatives:
                  - Redesign the wizard
                  - "Ship v2 of the wizard"
              key_results:
              - {id: KR2, title: Raise activation from 30% to 45%}
              - {id: KR3, title: Cut churn from 4% to 3%}
            """),
    ),
    "flow lists": (
        doc("""
            team: Growth
            period: 2026-Q1
            objectives:
              - {title: Grow, key_results: [Ship v2, "Raise x from 1 to 2", Cut y]}
              - title: Keep
                key_results: ['Raise a from 1 to 2', Launch it, Cut b from 5 to 3]
                initiatives: [Hire a PM]
              - title: Empty
                key_results: [Raise a from 1 to 2, Cut b from 5 to 3, Launch "beta"]
                initiatives: []
            """),
        doc("""
            team: Growth
            period: 2026-Q1
            objectives:
              - {title: Grow, key_results: [{id: KR2, title: "Raise x from 1 to 2"}, {id: KR3, title: Cut y}], initiatives: [Ship v2]}
              - title: Keep
                key_results: ['Raise a from 1 to 2', {id: KR3, title: Cut b from 5 to 3}]
                initiatives: [Hire a PM, Launch it]
              - title: Empty
                key_results: [Raise a from 1 to 2, Cut b from 5 to 3]
                initiatives: [Launch "beta"]
            """),  # noqa: E501
    ),
    "mapping key result, empty initiatives key with a comment": (
        doc("""
            team: Growth
            period: 2026-Q1
            objectives:
              - title: Grow
                key_results:
                  - id: KR1
                    # launch first
                    title: "Launch: the referral program"   # big one
                  - Raise activation from 30% to 45%
                  - Cut churn from 4% to 3%
                initiatives:   # filled later
                owner: Dana
            """),
        doc("""
            team: Growth
            period: 2026-Q1
            objectives:
              - title: Grow
                key_results:
                  - {id: KR2, title: Raise activation from 30% to 45%}
                  - {id: KR3, title: Cut churn from 4% to 3%}
                initiatives:   # filled later
                  # launch first
                  - "Launch: the referral program"  # big one
                owner: Dana
            """),
    ),
    "two moves under one objective, anchors and aliases elsewhere": (
        doc("""
            team: Growth
            period: &p 2026-Q1
            x-review: *p
            objectives:
              - title: Grow
                key_results:
                  - Launch the referral program
                  - Raise activation from 30% to 45%
                  - Ship the new pricing page
                  - Cut churn from 4% to 3%
            """),
        doc("""
            team: Growth
            period: &p 2026-Q1
            x-review: *p
            objectives:
              - title: Grow
                key_results:
                  - {id: KR2, title: Raise activation from 30% to 45%}
                  - {id: KR4, title: Cut churn from 4% to 3%}
                initiatives:
                  - Launch the referral program
                  - Ship the new pricing page
            """),
    ),
    "multi-line and block scalars": (
        doc("""
            team: Growth
            period: 2026-Q1
            objectives:
              - title: Grow
                key_results:
                  - Raise activation from 30% to 45%
                  - >-
                    Launch the referral
                    program for teams
                  - Ship the pricing
                    page redesign
                  - Cut churn from 4% to 3%
                initiatives:
                - |
                  Interview ten
                  customers
            """),
        doc("""
            team: Growth
            period: 2026-Q1
            objectives:
              - title: Grow
                key_results:
                  - Raise activation from 30% to 45%
                  - {id: KR4, title: Cut churn from 4% to 3%}
                initiatives:
                - |
                  Interview ten
                  customers
                - Ship the pricing
                  page redesign
                - >-
                  Launch the referral
                  program for teams
            """),
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_fix_gives_exactly_the_expected_text(name: str) -> None:
    before, after = CASES[name]
    assert fixed(before) == after


def test_block_scalar_key_result_is_not_a_lead_word_match() -> None:
    # `>-` text starts with "Launch" after folding; the stand-in rule sees it and moves it whole.
    before = doc("""
        team: Growth
        period: 2026-Q1
        objectives:
          - title: Grow
            key_results:
              - >-
                Launch the referral
                program
              - Raise activation from 30% to 45%
              - Cut churn from 4% to 3%
        """)
    result = fixed(before)
    assert result.endswith(
        "    initiatives:\n      - >-\n        Launch the referral\n        program\n"
    )


def test_crlf_file_keeps_its_line_endings() -> None:
    before, after = CASES["block list, new initiatives, comments kept"]
    crlf_before, crlf_after = before.replace("\n", "\r\n"), after.replace("\n", "\r\n")
    assert fixed(crlf_before) == crlf_after


def test_file_without_final_line_break() -> None:
    before = "team: A\nperiod: 2026\nobjectives:\n  - title: T\n    key_results:\n"
    before += "      - Raise a from 1 to 2\n      - Cut b from 5 to 3\n      - Launch it"
    assert fixed(before) == (
        "team: A\nperiod: 2026\nobjectives:\n  - title: T\n    key_results:\n"
        "      - Raise a from 1 to 2\n      - Cut b from 5 to 3\n    initiatives:\n"
        "      - Launch it"
    )


def test_multi_document_file_touches_only_the_documents_with_fixes() -> None:
    first = doc("""
        team: Growth
        period: 2026-Q1
        objectives:
          - title: Grow
            key_results:
              - Raise a from 1 to 2
              - Cut b from 5 to 3
        """)
    second_before, second_after = CASES[
        "two moves under one objective, anchors and aliases elsewhere"
    ]
    ci = "name: not an OKR document\non: [push]\n"
    before = f"{first}---\n{ci}---\n{second_before}...\n"
    after = f"{first}---\n{ci}---\n{second_after}...\n"
    assert fixed(before) == after


def test_after_the_fix_the_moved_findings_are_gone_and_focus_may_fire() -> None:
    before = doc("""
        team: Growth
        period: 2026-Q1
        objectives:
          - title: Grow
            key_results:
              - Launch the referral program
              - Raise activation from 30% to 45%
          - title: Keep
            key_results:
              - Raise a from 1 to 2
              - Ship it
              - Cut b from 5 to 3
        """)
    codes_before = sorted((f.code, f.object) for f in lint(before, REGISTRY))
    assert codes_before == [("TST001", "O1/KR1"), ("TST001", "O2/KR2")]
    after = fixed(before)
    codes_after = sorted((f.code, f.object) for f in lint(after, REGISTRY))
    # O1 is left with one key result, which is now too few; O2 keeps two and is fine.
    assert codes_after == [("FOC003", "O1")]


def test_a_key_result_with_fields_of_its_own_is_not_moved() -> None:
    text = doc("""
        team: Growth
        period: 2026-Q1
        objectives:
          - title: Grow
            key_results:
              - title: Launch the referral program
                owner: Lee
              - Raise activation from 30% to 45%
        """)
    [finding] = lint(text, REGISTRY, ["TST001"])
    assert finding.fix is None
    assert finding.suggestion == "outcome"


def test_a_key_result_reached_through_an_alias_is_not_moved() -> None:
    text = doc("""
        team: Growth
        period: 2026-Q1
        objectives:
          - title: Grow
            key_results: &shared
              - Launch the referral program
              - Raise activation from 30% to 45%
          - title: Again
            key_results: *shared
        """)
    findings = lint(text, REGISTRY, ["TST001"])
    assert [f.object for f in findings] == ["O1/KR1", "O2/KR1"]
    assert findings[1].fix is None
    # The first one is movable on its face, but the alias shares it: the check refuses it.
    record = FileFix(Path("okrs.yaml"), "okrs.yaml", text, text)
    result = fix_text(
        text, Path("okrs.yaml"), "okrs.yaml", settings(REGISTRY), REGISTRY, RunOptions(), record
    )
    assert result == text
    assert record.applied == []
    assert record.refused and "would not read the same" in record.refused[0]


def test_edits_apply_to_the_original_offsets() -> None:
    before, after = CASES["flow lists"]
    [finding, *_] = lint(before, REGISTRY, ["TST001"])
    assert finding.fix is not None
    once = apply_edits(before, finding.fix.edits)
    assert once.splitlines()[3] == after.splitlines()[3]
    assert once.splitlines()[4:] == before.splitlines()[4:]
