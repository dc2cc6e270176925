"""The plugin's tests, written with okrlint's public test helpers."""

from okrlint_ownership.rules import KeyResultWithoutOwner

from okrlint.testing import check_rule_examples, lint_text


def test_every_example_gives_exactly_its_marked_findings() -> None:
    assert check_rule_examples(KeyResultWithoutOwner) == []


def test_the_finding_names_the_key_result() -> None:
    text = (
        "team: Growth\n"
        "period: 2026-Q1\n"
        "objectives:\n"
        "  - id: O2\n"
        "    title: Win the mid-market\n"
        "    key_results:\n"
        "      - Raise the mid-market win rate from 18% to 25%\n"
    )
    [finding] = lint_text(text, select=["OWN001"])
    assert (finding.line, finding.column, finding.object) == (7, 9, "O2/KR1")
    assert finding.message.startswith("this key result has no owner")
    assert lint_text(text, select=["OWN001"], options={"OWN001": {"inherit": True}}) != []
    with_owner = text.replace("objectives:", "owner: Dana\nobjectives:")
    assert lint_text(with_owner, select=["OWN001"], options={"OWN001": {"inherit": True}}) == []
