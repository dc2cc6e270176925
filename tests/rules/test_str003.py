"""STR003: what its metadata examples do not cover."""

from __future__ import annotations

from rule_helpers import HEAD, lint_codes

from okrlint.findings import Severity


def objective(title: str, identifier: str, *key_result_ids: str) -> str:
    text = f"  - id: {identifier}\n    title: {title}\n    key_results:\n"
    for number, kr_id in enumerate(key_result_ids, start=1):
        text += f"      - id: {kr_id}\n        title: Raise step {number} from 50% to 70%\n"
    return text


def test_a_duplicate_objective_id_is_an_error_at_the_second_id() -> None:
    text = HEAD + objective("Grow", "O1", "A", "B") + objective("Keep", "O1", "A", "B")
    (finding,) = lint_codes(text, "STR003")
    assert (finding.line, finding.column) == (11, 5)
    assert finding.severity is Severity.ERROR
    assert finding.message.startswith("the objective id 'O1' is already used by item 1;")


def test_a_duplicate_key_result_id_under_one_objective() -> None:
    text = HEAD + objective("Grow", "O1", "A", "B", "A")
    (finding,) = lint_codes(text, "STR003")
    assert (finding.line, finding.column) == (11, 9)
    assert finding.message.startswith("the key result of O1 id 'A' is already used by item 1;")


def test_key_results_of_different_objectives_may_share_an_id() -> None:
    text = HEAD + objective("Grow", "O1", "A", "B") + objective("Keep", "O2", "A", "B")
    assert lint_codes(text, "STR003") == []


def test_a_written_id_that_repeats_a_positional_one_is_a_duplicate() -> None:
    # The second objective has no id, so it is O2 by position, like the first one's written id.
    text = (
        HEAD
        + objective("Grow", "O2", "A", "B")
        + "  - title: Keep\n    key_results: [Raise step 1 from 50% to 70%]\n"
    )
    assert [f.line for f in lint_codes(text, "STR003")] == [11]
