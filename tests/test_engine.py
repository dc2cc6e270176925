"""The engine: selection, severity, the gate, ordering, and isolation of what breaks."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from okrlint.api import Example, KeyResultItem, NoOptions, Rule, RuleContext, RuleMeta, Scope
from okrlint.config.files import DEFAULT
from okrlint.config.settings import Overrides, resolve
from okrlint.errors import ConfigError, UnknownRuleError
from okrlint.findings import Severity, Violation
from okrlint.output import OutputFormat, render
from okrlint.pipeline.load import load_text
from okrlint.pipeline.run import RunOptions, check_sources, lint_paths
from okrlint.rules.assembly import builtin_rules, installed_rules
from okrlint.rules.registry import Registry

# Four objectives (FOC001), one with a single key result (FOC003), one key result without a
# number (MEA001) and one whose target is already met (SND002).
FLAWED = """\
team: Growth
period: 2026-Q1
objectives:
  - title: Make onboarding effortless
    key_results:
      - Raise week-1 activation of new teams
      - title: Raise week-1 activation
        baseline: 32
        target: 45
        current: 47
  - title: Win the mid-market
    key_results:
      - Grow mid-market logos from 40 to 60
  - title: Keep customers longer
    key_results:
      - Cut monthly logo churn from 3% to 2%
      - Raise net revenue retention from 104% to 110%
  - title: Make support fast
    key_results:
      - Cut median first response time from 9h to 2h
      - Cut repeat contacts per customer from 1.8 to 1.3
"""

EXPECTED = [(3, "FOC001"), (6, "MEA001"), (10, "SND002"), (11, "FOC003")]
# Ten days into the quarter: a current value already past the target is a sandbag (SND002).
EARLY = dt.date(2026, 1, 10)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "okrs").mkdir()
    (tmp_path / "okrs" / "growth.yaml").write_text(FLAWED)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def codes(overrides: Overrides, config: dict[str, Any] | None = None) -> list[tuple[int, str]]:
    report = lint_paths(["okrs"], config, options=RunOptions(overrides=overrides, today=EARLY))
    return [(f.line, f.code) for f in report.findings]


def test_the_default_selection_runs_every_rule_on_by_default(repo: Path) -> None:
    assert codes(Overrides()) == EXPECTED


@pytest.mark.parametrize(
    ("selector", "expected"),
    [
        (["FOC001"], [(3, "FOC001")]),  # a code
        (["foc001"], [(3, "FOC001")]),  # codes are not case-sensitive
        (["FOC"], [(3, "FOC001"), (11, "FOC003")]),  # a prefix
        (["too-few-key-results"], [(11, "FOC003")]),  # a name
        (["focus"], [(3, "FOC001"), (11, "FOC003")]),  # a family
        (["MEA001", "SND"], [(6, "MEA001"), (10, "SND002")]),
        (["ALL"], EXPECTED),
    ],
)
def test_select_by_code_prefix_name_or_family(
    repo: Path, selector: list[str], expected: list[tuple[int, str]]
) -> None:
    assert codes(Overrides(select=selector)) == expected


def test_ignore_removes_rules_from_the_selection(repo: Path) -> None:
    assert codes(Overrides(ignore=["focus", "no-target"])) == [(10, "SND002")]
    assert codes(Overrides(select=["FOC"], ignore=["FOC003"])) == [(3, "FOC001")]


def test_the_command_line_wins_over_the_config(repo: Path) -> None:
    config = {"select": ["FOC001"], "ignore": ["SND002"]}
    assert codes(Overrides(), config) == [(3, "FOC001")]
    assert codes(Overrides(select=["SND002", "MEA001"]), config) == [(6, "MEA001")]


def test_an_unknown_selector_is_an_error_naming_where_it_came_from(repo: Path) -> None:
    with pytest.raises(ConfigError, match=r"command line: --select: unknown rule 'NOPE001'"):
        codes(Overrides(select=["NOPE001"]))
    with pytest.raises(UnknownRuleError):
        installed_rules().resolve("no-such-rule")


def test_severity_overrides_and_the_fail_on_gate(repo: Path) -> None:
    report = lint_paths(["okrs"])
    assert {f.code: f.severity for f in report.findings}["FOC001"] is Severity.WARNING
    # Only warnings: the default gate (error) passes, a warning gate fails.
    assert not report.fails(Severity.ERROR)
    assert report.fails(Severity.WARNING) and report.fails(Severity.INFO)

    raised = lint_paths(["okrs"], {"severity": {"FOC001": "error", "measure": "info"}})
    severities = {f.code: f.severity for f in raised.findings}
    assert severities["FOC001"] is Severity.ERROR
    assert severities["MEA001"] is Severity.INFO
    assert raised.fails(Severity.ERROR)

    lowered = lint_paths(["okrs"], {"severity": {"ALL": "info"}})
    assert {f.severity for f in lowered.findings} == {Severity.INFO}
    assert not lowered.fails(Severity.WARNING) and lowered.fails(Severity.INFO)


def test_fail_on_comes_from_the_config_or_the_command_line(repo: Path) -> None:
    assert lint_paths(["okrs"], {"fail_on": "warning"}).fail_on is Severity.WARNING
    options = RunOptions(overrides=Overrides(fail_on=Severity.INFO), today=EARLY)
    assert lint_paths(["okrs"], {"fail_on": "warning"}, options=options).fail_on is Severity.INFO


def test_rule_options_come_from_the_config(repo: Path) -> None:
    assert codes(Overrides(select=["FOC001"]), {"rules": {"FOC001": {"max": 4}}}) == []
    assert codes(Overrides(select=["FOC"]), {"rules": {"too-few-key-results": {"min": 1}}}) == [
        (3, "FOC001")
    ]


def test_findings_are_ordered_and_output_is_byte_for_byte_stable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    names = [f"team-{letter}.yaml" for letter in "qwertyuiop"]
    random.Random(7).shuffle(names)
    for name in names:  # written in a shuffled order, so directory order is not sorted order
        (tmp_path / name).write_text(FLAWED)
    first = lint_paths(["."], options=RunOptions(today=EARLY))
    keys = [f.sort_key for f in first.findings]
    assert keys == sorted(keys)
    assert [f.path for f in first.findings[:: len(EXPECTED)]] == sorted(names)
    second = lint_paths(list(reversed(sorted(names))), options=RunOptions(today=EARLY))
    assert render(first, OutputFormat.JSON) == render(second, OutputFormat.JSON)


def test_a_broken_file_does_not_stop_the_others(repo: Path) -> None:
    (repo / "okrs" / "broken.yaml").write_text("team: Sales\nperiod: 2026-Q1\nobjectives: [\n")
    (repo / "okrs" / "typo.yaml").write_text(FLAWED.replace("baseline:", "basline:"))
    report = lint_paths(["okrs"], options=RunOptions(today=EARLY))
    by_file: dict[str, list[str]] = {}
    for finding in report.findings:
        by_file.setdefault(finding.path, []).append(finding.code)
    assert by_file["okrs/broken.yaml"] == ["STR001"]
    # A format error never hides the judgement: the misspelt `basline` is reported and read.
    assert sorted(by_file["okrs/typo.yaml"]) == sorted(["STR002", *(c for _, c in EXPECTED)])
    assert by_file["okrs/growth.yaml"] == [code for _, code in EXPECTED]
    assert report.counts.files == 3 and report.counts.okr_sets == 2


class _Crashes(Rule[NoOptions]):
    meta = RuleMeta(
        code="TST900",
        name="always-crashes",
        family="test",
        scope=Scope.KEY_RESULT,
        summary="Crashes on every key result.",
        rationale="To show a broken rule cannot hide other rules' findings.",
        bad=(Example("team: A\n"),),
        good=(Example("team: A\n"),),
    )

    def check(self, item: KeyResultItem, context: RuleContext[NoOptions]) -> Iterator[Violation]:
        raise ZeroDivisionError("boom")


def test_a_crashing_rule_is_reported_and_the_other_rules_still_run() -> None:
    registry = Registry()
    for rule in [*builtin_rules(), _Crashes]:
        registry.add(rule)
    settings = resolve(DEFAULT, registry, Overrides(select=["TST900", "SND002"]))
    source = load_text(FLAWED, "growth.yaml")
    report = check_sources([(source, settings)], registry, RunOptions(today=EARLY), settings)
    crashes = [f for f in report.findings if f.code == "TST900"]
    assert len(crashes) == 7  # once per key result, each at its key result
    assert [f.line for f in crashes][:2] == [6, 7]
    assert "ZeroDivisionError: boom" in crashes[0].message
    assert [f.line for f in report.findings if f.code == "SND002"] == [10]
    # The run cannot be trusted any more: the CLI exits 2 on report.errors.
    assert report.errors and "TST900" in report.errors[0]


def test_two_rules_cannot_claim_one_code() -> None:
    registry = Registry()
    registry.add(_Crashes)

    class Impostor(_Crashes):
        meta = _Crashes.meta

    with pytest.raises(ValueError, match="two rules claim the code TST900"):
        registry.add(Impostor)


def test_counts_cover_files_sets_objectives_and_key_results(repo: Path) -> None:
    (repo / "okrs" / "ci.yaml").write_text("name: ci\non: [push]\n")
    report = lint_paths(["okrs"])
    counts = report.counts
    assert (counts.files, counts.skipped_files, counts.okr_sets) == (1, 1, 1)
    assert (counts.objectives, counts.key_results) == (4, 7)
