"""SND007 moved-goalposts: history read from real git repositories in temporary folders."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from okrlint.cli import app
from okrlint.config.settings import Overrides
from okrlint.pipeline.run import RunOptions, lint_paths
from okrlint.testing import commit_history, lint_text

TODAY = dt.date(2026, 3, 20)
HEAD = "team: Support\nperiod: 2026-Q1\nobjectives:\n  - title: Answer customers fast\n"


def _set(*key_results: str) -> str:
    return HEAD + "    key_results:\n" + "".join(key_results)


FIRST = _set(
    "      - Cut first response time from 9 hours to 2 hours\n",
    "      - title: Raise tickets solved on first contact\n"
    "        baseline: 40\n"
    "        target: 70\n",
)


def _found(path: Path) -> list[tuple[int, str]]:
    report = lint_paths([path], options=RunOptions(Overrides(select=["SND007"]), today=TODAY))
    assert report.errors == []
    return [(f.line, f.message) for f in report.findings]


def test_a_target_lowered_mid_period_without_a_reason_is_flagged_with_its_commit(
    tmp_path: Path,
) -> None:
    lowered = FIRST.replace("target: 70", "target: 55")
    path = commit_history(
        tmp_path, [("2026-01-03", "Q1 goals", FIRST), ("2026-02-14", "numbers", None)], lowered
    )
    found = _found(path)
    assert [line for line, _ in found] == [9]
    message = found[0][1]
    commit = _git(tmp_path, "rev-parse", "--short=8", "HEAD")
    assert f"commit {commit} ('numbers')" in message
    assert "lowered from 70 to 55 on 2026-02-14" in message
    assert "aims to increase" in message


def test_a_decreasing_target_raised_in_the_sentence_is_flagged_in_its_unit(
    tmp_path: Path,
) -> None:
    eased = FIRST.replace("to 2 hours", "to 4 hours")
    path = commit_history(
        tmp_path, [("2026-01-03", "Q1 goals", FIRST), ("2026-02-20", "edit", None)], eased
    )
    found = _found(path)
    assert [line for line, _ in found] == [6]
    assert "raised from 2 h to 4 h" in found[0][1]
    assert "aims to decrease" in found[0][1]


def test_a_baseline_moved_toward_the_target_is_flagged(tmp_path: Path) -> None:
    moved = FIRST.replace("baseline: 40", "baseline: 52")
    path = commit_history(
        tmp_path, [("2026-01-03", "Q1 goals", FIRST), ("2026-02-20", "edit", None)], moved
    )
    found = _found(path)
    assert [line for line, _ in found] == [8]
    assert "baseline" in found[0][1] and "raised from 40 to 52" in found[0][1]


def test_a_stated_learning_is_never_flagged(tmp_path: Path) -> None:
    lowered = FIRST.replace("target: 70", "target: 55")
    with_learning = lowered.replace(
        "target: 55\n",
        "target: 55\n        learnings: Half the queue is billing, owned elsewhere.\n",
    )
    with_note = lowered.replace(
        "target: 55\n",
        "target: 55\n        checkins:\n"
        "          - {date: 2026-02-10, value: 44, note: Billing tickets need another team}\n",
    )
    cases = [
        ("numbers", with_learning),
        ("numbers", with_note),
        ("Lower the target because billing tickets moved to us", lowered),
        ("Lower the target\n\nBilling tickets now land in our queue as well.", lowered),
    ]
    for number, (message, final) in enumerate(cases):
        folder = tmp_path / str(number)
        folder.mkdir()
        path = commit_history(
            folder, [("2026-01-03", "Q1 goals", FIRST), ("2026-02-14", message, None)], final
        )
        assert _found(path) == [], message


def test_planning_days_raised_targets_and_undone_moves_are_not_flagged(tmp_path: Path) -> None:
    lowered = FIRST.replace("target: 70", "target: 55")
    raised = FIRST.replace("target: 70", "target: 80")
    histories = [
        # Lowered in the first two weeks: still planning.
        [("2026-01-03", "draft", FIRST), ("2026-01-10", "agree", None)],
        # Raised: a bolder goal.
        [("2026-01-03", "draft", FIRST), ("2026-02-10", "bolder", None)],
        # Lowered, then put back.
        [
            ("2026-01-03", "draft", FIRST),
            ("2026-02-10", "edit", lowered),
            ("2026-02-17", "back", None),
        ],
        # Lowered after the period closed (grading, not moving the goalposts).
        [("2026-01-03", "draft", FIRST), ("2026-04-02", "close", None)],
    ]
    finals = [lowered, raised, FIRST, lowered]
    for number, (history, final) in enumerate(zip(histories, finals, strict=True)):
        folder = tmp_path / str(number)
        folder.mkdir()
        path = commit_history(folder, history, final)
        assert _found(path) == [], history


def test_no_repository_no_history_and_a_shallow_clone_give_no_finding(tmp_path: Path) -> None:
    lowered = FIRST.replace("target: 70", "target: 55")
    lone = tmp_path / "lone" / "okrs.yaml"
    lone.parent.mkdir()
    lone.write_text(lowered)
    assert _found(lone) == []
    one = commit_history(tmp_path / "one", [("2026-02-14", "only", None)], lowered)
    assert _found(one) == []
    origin = tmp_path / "origin"
    commit_history(
        origin, [("2026-01-03", "goals", FIRST), ("2026-02-14", "numbers", None)], lowered
    )
    shallow = tmp_path / "shallow"
    _git(tmp_path, "clone", "-q", "--depth", "1", f"file://{origin}", str(shallow))
    assert _git(shallow, "rev-parse", "--is-shallow-repository") == "true"
    assert _found(shallow / "okrs.yaml") == []
    deeper = tmp_path / "deeper"
    _git(tmp_path, "clone", "-q", "--depth", "2", f"file://{origin}", str(deeper))
    assert [line for line, _ in _found(deeper / "okrs.yaml")] == [9]


def test_the_rule_is_off_by_default_and_runs_from_the_cli(tmp_path: Path) -> None:
    lowered = FIRST.replace("target: 70", "target: 55")
    path = commit_history(
        tmp_path, [("2026-01-03", "Q1 goals", FIRST), ("2026-02-14", "numbers", None)], lowered
    )
    runner = CliRunner()
    plain = runner.invoke(app, ["check", str(path), "--today", TODAY.isoformat()])
    assert "SND007" not in plain.output
    chosen = runner.invoke(
        app, ["check", str(path), "--today", TODAY.isoformat(), "--select", "SND007"]
    )
    assert chosen.exit_code == 0, chosen.output
    assert "okrs.yaml:9:" in chosen.output and "SND007" in chosen.output


def test_without_git_on_the_path_there_is_no_finding(tmp_path: Path) -> None:
    lowered = FIRST.replace("target: 70", "target: 55")
    path = commit_history(
        tmp_path, [("2026-01-03", "Q1 goals", FIRST), ("2026-02-14", "numbers", None)], lowered
    )
    assert shutil.which("git")
    script = (
        "import datetime, os, sys\n"
        "os.environ['PATH'] = ''\n"
        "from okrlint.config.settings import Overrides\n"
        "from okrlint.pipeline.run import RunOptions, lint_paths\n"
        "report = lint_paths([sys.argv[1]], options=RunOptions(Overrides(select=['SND007']),"
        " today=datetime.date(2026, 3, 20)))\n"
        "print(len(report.findings), len(report.errors))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(path)], capture_output=True, text=True, check=True
    )
    assert done.stdout.split() == ["0", "0"]


def _git(folder: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-C", str(folder), *args], capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


def test_planning_days_sets_how_long_changes_count_as_planning(tmp_path: Path) -> None:
    lowered = FIRST.replace("target: 70", "target: 55")
    path = commit_history(
        tmp_path, [("2026-01-03", "Q1 goals", FIRST), ("2026-02-14", "numbers", None)], lowered
    )

    # 2026-02-14 is day 45 of the quarter.
    def lint(days: int) -> list[int]:
        found = lint_text(
            lowered,
            select=["SND007"],
            options={"SND007": {"planning_days": days}},
            today=TODAY,
            path=str(path),
        )
        return [f.line for f in found]

    assert lint(44) == [9]
    assert lint(46) == []
