"""CUL001: what its metadata examples do not cover."""

from __future__ import annotations

from rule_helpers import HEAD, lint_codes


def test_compensation_in_text_descriptions_and_keys() -> None:
    text = (
        HEAD
        + "  - title: Win the mid-market\n"
        + "    description: Attainment sets each rep's quarterly bonus.\n"
        + "    x-payout: 10%\n"
        + "    key_results:\n"
        + "      - Raise win rate from 18% to 25%, which counts toward commission\n"
    )
    found = [(f.line, f.code) for f in lint_codes(text, "CUL001")]
    assert found == [(5, "CUL001"), (6, "CUL001"), (8, "CUL001")]


def test_pay_as_the_subject_of_the_work_is_not_a_tie_to_pay() -> None:
    text = (
        HEAD
        + "  - title: Make pay fair and easy to understand\n"
        + "    description: The people team owns salary bands and the commission plan.\n"
        + "    key_results:\n"
        + "      - Commission three studies of how peers set engineering salaries\n"
        + "      - Publish the new commission plan for account executives\n"
        + "      - Refer-a-friend sign-ups double after we add a referral incentive\n"
        + "      - Staff who say bonus criteria are clear rise from 30% to 60%\n"
    )
    assert lint_codes(text, "CUL001") == []


def test_pay_tied_to_the_okrs_in_any_words_is_reported() -> None:
    text = (
        HEAD
        + "  - title: Grow the enterprise segment\n"
        + "    key_results:\n"
        + "      - Enterprise win rate rises from 20% to 28%; bonus depends on it\n"
        + "      - Our OKR score feeds each rep's performance rating\n"
        + "      - Net revenue retention above 110% unlocks the team payout\n"
    )
    found = [(f.line, f.code) for f in lint_codes(text, "CUL001")]
    assert found == [(6, "CUL001"), (7, "CUL001"), (8, "CUL001")]
