"""Inline suppressions (SPEC section 5), through the real command line."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from okrlint.cli import app
from okrlint.pipeline.filter import comments

# Objective O1 has one key result (FOC003) and the key result has no number (MEA001).
THIN = """\
team: Growth
period: 2026-Q1
objectives:
  - title: Make onboarding effortless{o1}
    key_results:
      - Improve how new users onboard{kr}
  - title: Win the mid-market
    key_results:
      - Raise the mid-market win rate from 18% to 25%
      - Grow mid-market logos from 40 to 60
"""


def lint(tmp_path: Path, text: str, *args: str) -> tuple[int, list[str]]:
    (tmp_path / "okrs.yaml").write_text(text)
    result = CliRunner().invoke(
        app, ["check", "--format", "concise", "--quiet", *args, str(tmp_path / "okrs.yaml")]
    )
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    lines = [line.split(": ", 1)[1] for line in result.stdout.splitlines()]
    return result.exit_code, lines


def codes(lines: list[str]) -> list[str]:
    return [line.split(" ")[0] for line in lines]


def test_without_suppressions_both_findings_show(tmp_path: Path) -> None:
    _, lines = lint(tmp_path, THIN.format(o1="", kr=""))
    assert codes(lines) == ["FOC003", "MEA001"]


def test_trailing_directive_covers_the_item_and_everything_under_it(tmp_path: Path) -> None:
    text = THIN.format(o1="  # okrlint: disable=FOC003,MEA001 -- pilot", kr="")
    _, lines = lint(tmp_path, text)
    assert lines == []


def test_trailing_directive_on_a_child_does_not_cover_its_parent(tmp_path: Path) -> None:
    text = THIN.format(o1="", kr="  # okrlint: disable=FOC003,MEA001 -- pilot")
    _, lines = lint(tmp_path, text)
    # MEA001 is on the key result's line and suppressed; FOC003 is on the objective, above it,
    # so it stays, and the FOC003 part of the comment is unused.
    assert codes(lines) == ["FOC003", "SUP001"]
    assert lines[1].startswith("SUP001 [info] unused suppression: FOC003 reported nothing")


def test_own_line_directive_covers_the_next_item(tmp_path: Path) -> None:
    text = THIN.format(o1="", kr="").replace(
        "  - title: Make onboarding",
        "  # okrlint: disable=too-few-key-results -- pilot\n\n"
        "  # a note\n"
        "  - title: Make onboarding",
    )
    _, lines = lint(tmp_path, text)
    assert codes(lines) == ["MEA001"]


def test_disable_file_covers_the_whole_file_and_counts_in_statistics(tmp_path: Path) -> None:
    text = "# okrlint: disable-file=FOC003\n" + THIN.format(
        o1="", kr="  # okrlint: disable=MEA001 -- vague on purpose"
    )
    _, lines = lint(tmp_path, text)
    assert lines == []
    result = CliRunner().invoke(app, ["check", "--statistics", str(tmp_path / "okrs.yaml")])
    assert "suppressions used: 2 (1 with a reason, 1 without)" in result.stdout


def test_no_suppressions_shows_everything_for_an_audit(tmp_path: Path) -> None:
    text = "# okrlint: disable-file=FOC003,MEA001 -- legacy\n" + THIN.format(o1="", kr="")
    _, lines = lint(tmp_path, text, "--no-suppressions")
    assert codes(lines) == ["FOC003", "MEA001"]


def test_a_directive_inside_a_block_scalar_is_text(tmp_path: Path) -> None:
    text = THIN.format(o1="", kr="").replace(
        "  - title: Make onboarding effortless\n",
        "  - title: Make onboarding effortless\n"
        "    description: |\n"
        "      # okrlint: disable=FOC003 -- this is prose, not a comment\n",
    )
    _, lines = lint(tmp_path, text)
    assert codes(lines) == ["FOC003", "MEA001"]
    assert [c.text for c in comments(text)] == []


def test_comments_are_read_from_tokens_once_each() -> None:
    text = (
        "# okrlint: disable-file=FOC001\n"
        "team: Growth  # trailing\n"
        "period: 2026-Q1\n"
        "objectives:\n"
        "  - title: A  # okrlint: disable=X\n"
        "\n"
        "    # first\n"
        "    # second\n"
        "    key_results: []\n"
    )
    found = [(c.line, c.column, c.text, c.own_line) for c in comments(text)]
    assert found == [
        (1, 1, "okrlint: disable-file=FOC001", True),
        (2, 15, "trailing", False),
        (5, 15, "okrlint: disable=X", False),
        (7, 5, "first", True),
        (8, 5, "second", True),
    ]
