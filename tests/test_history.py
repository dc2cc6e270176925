"""The example history repository: its marked flaws, found the same way however it is linted."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from okrlint import lint_paths
from okrlint.cli import app
from okrlint.config.settings import Overrides
from okrlint.pipeline import run as engine
from okrlint.pipeline.run import RunOptions
from okrlint.pipeline.validate import validate
from okrlint.testing import expected_findings
from okrlint.workspace import neighbours as repository

HISTORY = Path(__file__).resolve().parent.parent / "examples" / "history"
TODAY = dt.date(2026, 5, 15)
# The rules the example is about; text rules are left out so that their tuning does not move it.
CODES = [
    "SND001",
    "SND002",
    "SND004",
    "SND005",
    "FOC001",
    "FOC002",
    "FOC003",
    "CUL002",
    "CUL003",
    "CUL004",
    "ALN001",
    "ALN002",
]
OPTIONS = RunOptions(overrides=Overrides(select=CODES), today=TODAY)

Found = set[tuple[str, int, str]]


def _files(root: Path) -> list[Path]:
    return sorted(f for f in root.rglob("*.yaml") if f.relative_to(root).parts[0][0] != ".")


def _quarters(root: Path) -> list[Path]:
    return sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))


def _expected(root: Path) -> Found:
    return {
        (file.relative_to(root).as_posix(), line, code)
        for file in _files(root)
        for line, code in expected_findings(file.read_text())
    }


def _lint(root: Path, paths: list[Path], cache: bool = False) -> Found:
    options = RunOptions(overrides=Overrides(select=CODES), today=TODAY, cache=cache)
    report = lint_paths(paths, options=options)
    assert report.errors == []
    return {
        (Path(f.path).resolve().relative_to(root.resolve()).as_posix(), f.line, f.code)
        for f in report.findings
    }


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the example, so that the copy's root marker is the only one above its files."""
    root = tmp_path_factory.mktemp("history") / "okrs"
    shutil.copytree(HISTORY, root)
    return root


def test_the_example_has_three_quarters_of_at_least_five_teams() -> None:
    quarters = [p.name for p in _quarters(HISTORY)]
    assert quarters == ["2025-Q4", "2026-Q1", "2026-Q2"]
    for quarter in quarters:
        teams = {f.stem.split("-")[0] for f in (HISTORY / quarter).glob("*.yaml")}
        assert len(teams) >= 5, quarter
    # Every rule the example is about is shown at least once.
    shown = {code for _, _, code in _expected(HISTORY)}
    assert shown >= set(CODES) - {"FOC002", "FOC003"}


def test_linting_the_whole_repository_gives_exactly_the_marked_findings() -> None:
    assert _lint(HISTORY, [HISTORY]) == _expected(HISTORY)


def test_linting_one_quarter_at_a_time_gives_the_same_findings() -> None:
    found: Found = set()
    for quarter in _quarters(HISTORY):
        found |= _lint(HISTORY, [quarter])
    assert found == _expected(HISTORY)


def test_linting_one_file_at_a_time_gives_the_same_findings() -> None:
    found: Found = set()
    for file in _files(HISTORY):
        found |= _lint(HISTORY, [file])
    assert found == _expected(HISTORY)


def test_a_file_linted_alone_finds_its_alignment_target_in_the_repository(repo: Path) -> None:
    # growth.yaml aligns to company/2026-Q2#O2, which lives in another file that is not passed.
    growth = repo / "2026-Q2" / "growth.yaml"
    found = _lint(repo, [growth])
    assert ("2026-Q2/growth.yaml", 1, "SND005") in found  # the history is read from 2025-Q4 on
    assert not any(code == "ALN001" for _, _, code in found)


def test_a_file_outside_any_repository_sees_only_what_was_passed(tmp_path: Path) -> None:
    # No .git and no config above it: the alignment target cannot be looked up, so it is missing.
    lone = tmp_path / "growth.yaml"
    shutil.copy(HISTORY / "2026-Q2" / "growth.yaml", lone)
    report = lint_paths([lone], options=RunOptions(Overrides(select=["ALN001"]), today=TODAY))
    assert [(f.code, f.line) for f in report.findings] == [("ALN001", 3)]
    assert "names the team 'company', which has no OKR set" in report.findings[0].message


def test_a_git_folder_marks_the_repository_root_too(tmp_path: Path) -> None:
    root = tmp_path / "okrs"
    shutil.copytree(HISTORY, root)
    (root / ".okrlint.yaml").unlink()
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    file = root / "2026-Q2" / "platform.yaml"
    assert _lint(root, [file]) == {
        entry for entry in _expected(root) if entry[0] == "2026-Q2/platform.yaml"
    }


def test_a_pre_commit_style_run_on_one_staged_file_through_the_cli(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo)
    result = CliRunner().invoke(
        app,
        [
            "check",
            "--format",
            "concise",
            "--today",
            TODAY.isoformat(),
            "--select",
            ",".join(CODES),
            "2026-Q1/support.yaml",
        ],
    )
    assert result.exit_code == 1, result.stdout
    lines = [line for line in result.stdout.splitlines() if line.startswith("2026-Q1/")]
    assert lines == [
        "2026-Q1/support.yaml:12:5: ALN001 [error] alignment goes round in a circle: "
        "Support/2026-Q1#O2 -> Platform/2026-Q1#O2 -> Support/2026-Q1#O2; an objective cannot "
        "serve itself. Point one link up to a parent objective."
    ]


def _okr(team: str, aligns: str = "") -> str:
    link = f"aligns_to: {aligns}\n" if aligns else ""
    return (
        f"team: {team}\nperiod: 2026-Q1\n{link}objectives:\n  - id: O1\n    title: Grow\n"
        "    key_results: [Raise activation from 30% to 45%, Cut churn from 4% to 3%]\n"
    )


def test_a_config_that_extends_another_does_not_cut_the_repository(tmp_path: Path) -> None:
    (tmp_path / ".okrlint.yaml").write_text("fiscal_year_start: 1\n")
    (tmp_path / "company.yaml").write_text(_okr("Company"))
    team = tmp_path / "teams" / "growth"
    team.mkdir(parents=True)
    (team / ".okrlint.yaml").write_text("extends: ../../.okrlint.yaml\n")
    (team / "growth.yaml").write_text(_okr("Growth", "company/2026-Q1#O1"))
    options = RunOptions(Overrides(select=["ALN001"]), today=TODAY)
    assert lint_paths([team / "growth.yaml"], options=options).findings == []


def test_a_nested_repository_is_not_read_as_part_of_the_outer_one(tmp_path: Path) -> None:
    (tmp_path / ".okrlint.yaml").write_text("")
    (tmp_path / "growth.yaml").write_text(_okr("Growth", "company/2026-Q1#O1"))
    nested = tmp_path / "other-company"
    nested.mkdir()
    (nested / ".okrlint.yaml").write_text("")
    (nested / "company.yaml").write_text(_okr("Company"))
    options = RunOptions(Overrides(select=["ALN001"]), today=TODAY)
    [finding] = lint_paths([tmp_path / "growth.yaml"], options=options).findings
    assert "names the team 'company', which has no OKR set" in finding.message


def test_the_repository_cache_sees_a_changed_neighbour(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "okrs"
    shutil.copytree(HISTORY, root)
    growth = root / "2026-Q2" / "growth.yaml"
    assert not any(c == "ALN001" for _, _, c in _lint(root, [growth], cache=True))
    assert (root / ".okrlint_cache" / "repository-summaries.json").is_file()
    # A second run reads the neighbours from the cache, parses none of them, and finds the same.
    loaded: list[object] = []
    real = repository.stream_files

    def counting(tasks: list[object], jobs: int | None) -> object:
        loaded.extend(tasks)
        return real(tasks, jobs)  # type: ignore[arg-type]

    monkeypatch.setattr(repository, "stream_files", counting)
    assert _lint(root, [growth], cache=True) == _lint(root, [growth])
    assert len(loaded) == len(list(root.rglob("*.yaml"))) - 2  # only the uncached run loaded
    monkeypatch.undo()
    # The company renumbers its objectives: the cached copy of company.yaml must not be used.
    company = root / "2026-Q2" / "company.yaml"
    company.write_text(company.read_text().replace("id: O2", "id: O9"))
    assert ("2026-Q2/growth.yaml", 3, "ALN001") in _lint(root, [growth], cache=True)
    # A cache from another version, or a damaged one, is ignored.
    (root / ".okrlint_cache" / "repository-summaries.json").write_text("{not json")
    assert ("2026-Q2/growth.yaml", 3, "ALN001") in _lint(root, [growth], cache=True)


def test_a_repository_where_the_cache_cannot_be_written_is_linted_all_the_same(
    tmp_path: Path,
) -> None:
    root = tmp_path / "okrs"
    shutil.copytree(HISTORY, root, ignore=shutil.ignore_patterns(".okrlint_cache"))
    (root / ".okrlint_cache").write_text("a file where the cache folder would go\n")
    file = root / "2026-Q2" / "growth.yaml"
    for _ in range(2):
        found = _lint(root, [file], cache=True)
        assert found == {e for e in _expected(root) if e[0] == "2026-Q2/growth.yaml"}


def test_two_repositories_linted_together_do_not_mix(tmp_path: Path) -> None:
    # examples/okrs and examples/history both have Growth, Sales and Company sets in 2026-Q1.
    okrs = HISTORY.parent / "okrs"
    base = HISTORY.parent

    def lint(paths: list[Path]) -> Found:
        report = lint_paths(paths, options=OPTIONS)
        return {
            (Path(f.path).resolve().relative_to(base).as_posix(), f.line, f.code)
            for f in report.findings
        }

    together = lint([okrs, HISTORY])
    assert together == lint([okrs]) | lint([HISTORY])
    assert any(path.startswith("okrs/") for path, _, _ in together)


def test_a_set_summary_reads_back_from_the_cache_as_it_was_written(repo: Path) -> None:
    from okrlint.api import SetItem
    from okrlint.pipeline.run import SettingsCache
    from okrlint.pipeline.understand import RunReadings
    from okrlint.workspace.summaries import decode, encode, summarize

    options = RunOptions(today=TODAY)
    settings_for = SettingsCache(options)
    sources, _ = engine.load_sources([repo], options, settings_for)
    registry = settings_for.registry
    settings = settings_for.root()
    checked = 0
    for source, _ in sources:
        items = []
        for document in source.documents:
            okr_set, _ = validate(document.data)
            if okr_set is not None:
                items.append(SetItem(document, okr_set))
        readings = RunReadings.collect(registry, [(i, settings) for i in items])
        for item in items:
            summary = summarize(item.document, item.okr_set, repo, readings.for_settings(settings))
            assert decode(json.loads(json.dumps(encode(summary))), source, repo) == summary
            checked += 1
    assert checked >= 18
