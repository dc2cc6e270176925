"""FOC001: what its metadata examples do not cover."""

from __future__ import annotations

from pathlib import Path

from rule_helpers import HEAD, lint_rule
from typer.testing import CliRunner

from okrlint.cli import app
from okrlint.config.settings import Overrides
from okrlint.findings import Severity
from okrlint.pipeline.run import RunOptions, lint_paths


def objectives(count: int, team: str = "Growth") -> str:
    text = HEAD.replace("Growth", team)
    for number in range(1, count + 1):
        text += (
            f"  - title: Objective number {number}\n"
            "    key_results:\n"
            "      - Raise week-1 activation from 30% to 45%\n"
            "      - Cut churn from 4% to 3%\n"
        )
    return text


def test_the_finding_is_a_warning_on_the_objectives_key() -> None:
    (finding,) = lint_rule(objectives(4), "FOC001")
    assert (finding.line, finding.column) == (3, 1)
    assert finding.severity is Severity.WARNING
    assert finding.message == (
        "Growth has 4 objectives for 2026-Q1; the limit is 3. Keep the 3 that matter most and "
        "move the rest to a backlog."
    )


def test_max_sets_the_limit_and_the_limit_itself_passes() -> None:
    assert lint_rule(objectives(3), "FOC001") == []
    assert lint_rule(objectives(5), "FOC001", max=5) == []
    (finding,) = lint_rule(objectives(5), "FOC001", max=4)
    assert "the limit is 4" in finding.message


def test_a_max_above_five_is_a_clear_config_error(tmp_path: Path) -> None:
    (tmp_path / ".okrlint.yaml").write_text("rules:\n  FOC001:\n    max: 6\n")
    (tmp_path / "okrs.yaml").write_text(objectives(6))
    result = CliRunner().invoke(app, ["check", str(tmp_path / "okrs.yaml")])
    assert result.exit_code == 2
    assert "rules.FOC001: max: Input should be less than or equal to 5" in result.output


def test_a_team_split_over_two_files_is_counted_once_per_file(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(objectives(2))
    (tmp_path / "b.yaml").write_text(objectives(2))
    (tmp_path / "other-team.yaml").write_text(objectives(2, team="Platform"))
    report = lint_paths([tmp_path], options=RunOptions(Overrides(select=["FOC001"])))
    assert sorted(Path(f.path).name for f in report.findings) == ["a.yaml", "b.yaml"]
    assert "Growth has 4 objectives for 2026-Q1 across 2 sets (" in report.findings[0].message
