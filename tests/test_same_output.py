"""What okrlint reports does not depend on how it got there: with or without the caches, warm or
cold, after an edit, with any `--jobs`, the output is byte-for-byte the same."""

from __future__ import annotations

import contextlib
import dataclasses
import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from okrlint import results
from okrlint.pipeline.parallel import MIN_FILES_PER_WORKER
from okrlint.sources import SourceFile
from tools import bench_generator

ROOT = Path(__file__).resolve().parent.parent
CACHE = ".okrlint_cache"


def _check(cwd: Path, output_format: str, *args: str) -> tuple[int, str, str]:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "okrlint",
            "check",
            "--format",
            output_format,
            "--today",
            "2026-05-01",
            *args,
            ".",
        ],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={"NO_COLOR": "1", "PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert result.returncode in (0, 1), result.stderr
    return result.returncode, result.stdout, result.stderr


def _generated(out: Path) -> Path:
    bench_generator().generate(
        out / "okrs", files=2 * MIN_FILES_PER_WORKER + 5, objectives=3, key_results=3, seed=5
    )
    (out / ".okrlint.yaml").write_text("fail_on: error\n")
    area = out / "okrs" / "area-000"
    # Files a cache must not get wrong: a broken one, a suppression, one that is not OKRs, and
    # two teams with the same name (whole-repository rules compare them).
    (area / "broken.yaml").write_text("team: [unclosed\n")
    (area / "ci.yaml").write_text("jobs:\n  build:\n    runs-on: ubuntu-latest\n")
    (area / "suppressed.yaml").write_text(
        "team: Growth 1\nperiod: 2026-Q2\nobjectives:\n"
        "  - title: Make onboarding effortless for new teams\n"
        "    key_results:\n"
        "      - Launch the new onboarding checklist  # okrlint: disable=OUT001 reason: tracked\n"
        "      - Raise activation from 20% to 35%\n"
    )
    first = area / "team-00000.yaml"
    (area / "twin.yaml").write_text(first.read_text())
    return out


def _examples(out: Path) -> Path:
    shutil.copytree(ROOT / "examples", out / "examples", ignore=shutil.ignore_patterns(CACHE))
    return out / "examples"


def _caches(repo: Path) -> list[Path]:
    return sorted(repo.rglob(CACHE))


def _stored(repo: Path) -> int:
    """How many files' results the caches under `repo` hold."""
    total = 0
    for cache in _caches(repo):
        if (cache / "results.sqlite3").is_file():
            with contextlib.closing(sqlite3.connect(cache / "results.sqlite3")) as database:
                total += database.execute("SELECT count(*) FROM results").fetchone()[0]
    return total


# JSON holds every field of every finding (fixes and suggestions too) and the counts.
@pytest.mark.parametrize(
    ("make", "output_format"),
    [(_generated, "json"), (_examples, "json"), (_examples, "concise")],
    ids=["generated-json", "examples-json", "examples-concise"],
)
def test_the_output_is_the_same_with_and_without_the_cache_warm_or_cold_for_any_jobs(
    tmp_path: Path, make: object, output_format: str
) -> None:
    assert callable(make)
    repo: Path = make(tmp_path)
    for cache in _caches(repo):
        shutil.rmtree(cache)
    expected = _check(repo, output_format, "--no-cache", "--jobs", "1")
    assert expected[1].strip()  # there is something to compare
    assert not _caches(repo)
    runs = {
        "cold, jobs 2": _check(repo, output_format, "--jobs", "2"),
        "warm, jobs 1": _check(repo, output_format, "--jobs", "1"),
        "warm, jobs 2": _check(repo, output_format, "--jobs", "2"),
    }
    assert _stored(repo) > 0  # so the warm runs did take files' results from the cache
    for name, outcome in runs.items():
        assert outcome == expected, name

    # An edit: the edited file is checked again, the others come from the cache.
    edited = sorted(repo.rglob("*.yaml"))[-1]
    text = edited.read_text()
    edited.write_text(text.replace("objectives:", "objectives:  # reviewed", 1) + "\n")
    after_edit = _check(repo, output_format, "--no-cache", "--jobs", "1")
    assert _check(repo, output_format, "--jobs", "2") == after_edit
    assert _check(repo, output_format, "--jobs", "1") == after_edit


def test_a_damaged_results_cache_is_replaced_and_changes_nothing(tmp_path: Path) -> None:
    repo = _generated(tmp_path)
    expected = _check(repo, "concise", "--no-cache")
    assert _check(repo, "concise") == expected
    assert _stored(repo) > 50
    database = repo / CACHE / "results.sqlite3"
    assert database.is_file()
    database.write_bytes(b"not a database at all" * 100)
    assert _check(repo, "concise") == expected
    assert _check(repo, "concise") == expected


def test_stored_summaries_that_do_not_read_back_leave_their_files_checked_again(
    tmp_path: Path,
) -> None:
    """Entries whose findings read back but whose set summaries do not (their CRC rewritten to
    match): when the whole-repository rules need the summaries, those files are checked."""
    import zlib

    repo = _generated(tmp_path)
    assert _check(repo, "json", "--jobs", "1")[1]  # fills the cache
    database = repo / CACHE / "results.sqlite3"
    with contextlib.closing(sqlite3.connect(database)) as connection, connection:
        rows = connection.execute("SELECT key, value FROM results").fetchall()
        for key, value in rows:
            head, _ = value.split("\n", 1)
            damaged = head + "\n" + '{"not": "summaries"}'
            connection.execute(
                "UPDATE results SET crc = ?, value = ? WHERE key = ?",
                (zlib.crc32(damaged.encode()), damaged, key),
            )
    # One file changes, so the whole-repository rules run and need every file's summaries.
    edited = repo / "okrs" / "area-000" / "team-00001.yaml"
    edited.write_text(edited.read_text().replace("team:", "team: Renamed", 1))
    expected = _check(repo, "json", "--no-cache", "--jobs", "1")
    assert _check(repo, "json", "--jobs", "1") == expected
    assert _check(repo, "json", "--jobs", "2") == expected


def test_a_rule_pack_edited_between_runs_is_not_answered_from_the_results_cache(
    tmp_path: Path,
) -> None:
    repo = _generated(tmp_path)
    lexicons = repo / "pack" / "lexicons"
    lexicons.mkdir(parents=True)
    lexicon = lexicons / "delivery.yaml"
    lexicon.write_text("name: delivery_verbs\nkind: verbs\nterms: [attain]\n")
    (repo / ".okrlint.yaml").write_text("fail_on: error\nrule_packs: [pack]\n")
    before = _check(repo, "json", "--no-cache", "--jobs", "1")
    assert _check(repo, "json", "--jobs", "1") == before  # fills the cache
    assert _check(repo, "json", "--jobs", "1") == before
    # "Launch ..." is no longer a delivery verb: the output-as-outcome findings change.
    lexicon.write_text("name: delivery_verbs\nkind: verbs\nremove: [launch]\n")
    after = _check(repo, "json", "--no-cache", "--jobs", "1")
    assert after != before
    assert _check(repo, "json", "--jobs", "1") == after
    assert _check(repo, "json", "--jobs", "2") == after


_HEAD = "team: Growth\nperiod: 2026-Q1\nobjectives:\n  - title: Make onboarding effortless\n"


def _key_result(target: int) -> str:
    return (
        _HEAD + "    key_results:\n"
        "      - title: Raise week-1 activation of new teams\n"
        f"        baseline: 32\n        target: {target}\n"
    )


def _commit(repo: Path, message: str, day: str) -> None:
    env = {"GIT_AUTHOR_DATE": f"{day}T10:00:00", "GIT_COMMITTER_DATE": f"{day}T10:00:00"}
    subprocess.run(
        [
            *("git", "-c", "user.name=t", "-c", "user.email=t@t.invalid"),
            *("-c", "commit.gpgsign=false", "commit", "-q", "-a"),
            "--amend" if message.startswith("!") else "--no-edit",
            *("-m", message.lstrip("!")),
        ],
        cwd=repo,
        env={**env, "PATH": "/usr/bin:/bin", "HOME": str(repo)},
        check=True,
    )


def test_a_rule_that_reads_git_history_sees_a_new_commit_even_when_the_text_is_the_same(
    tmp_path: Path,
) -> None:
    repo = tmp_path
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    (repo / ".okrlint.yaml").write_text("fail_on: error\n")
    okrs = repo / "okrs.yaml"
    okrs.write_text(_key_result(45))
    subprocess.run(["git", "add", "."], cwd=repo, check=True)
    _commit(repo, "Set Q1 OKRs", "2026-01-02")
    okrs.write_text(_key_result(38))
    _commit(repo, "Update numbers", "2026-02-10")

    def snd007() -> str:
        result = subprocess.run(
            [
                *(sys.executable, "-m", "okrlint", "check", "--format", "concise"),
                *("--today", "2026-03-01", "--select", "SND007", "okrs.yaml"),
            ],
            cwd=repo,
            capture_output=True,
            text=True,
            env={"NO_COLOR": "1", "PATH": "/usr/bin:/bin"},
            check=False,
        )
        return result.stdout

    assert "SND007" in snd007()  # the target was lowered with no reason given
    assert "SND007" in snd007()
    # The same text, now committed with what the team learned: the finding goes.
    _commit(
        repo, "!Lower the target because half of new teams turned out to be trials", "2026-02-10"
    )
    assert "SND007" not in snd007()


def test_every_field_of_a_finding_comes_back_from_the_results_cache() -> None:
    import dataclasses

    from okrlint.findings import Edit, Finding, Fix, Severity
    from okrlint.results import _finding_in, _finding_out

    finding = Finding(
        path="okrs/a.yaml",
        line=3,
        column=7,
        end_line=4,
        end_column=9,
        code="OUT001",
        name="output-as-outcome",
        severity=Severity.INFO,
        message="a message",
        object="O1.KR2",
        text="Launch the checklist",
        fix=Fix("move it", (Edit(1, 5, "x"), Edit(8, 8, "y"))),
        suggestion="Raise activation from 20% to 35%",
        team="Growth",
        period="2026-Q1",
        confidence=0.734,
        structure=(("actor", "team"), ("predicate", "work"), ("predicate_words", "Launch")),
    )
    # A field left at its default would not show that it is stored.
    defaults = Finding("", 0, 0, 0, 0, "", "", Severity.ERROR, "")
    for field in dataclasses.fields(Finding):
        assert getattr(finding, field.name) != getattr(defaults, field.name), field.name
    assert _finding_in(json.loads(json.dumps(_finding_out(finding)))) == finding


def test_a_warm_run_that_looks_files_up_in_several_chunks_reports_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The results cache is looked up a chunk of files at a time: with chunks far smaller than
    the repository, every file still comes back, in order, with its findings and counts."""
    from okrlint.output import OutputFormat, render_chunks
    from okrlint.pipeline import run
    from okrlint.pipeline.run import RunOptions, lint_paths

    repo = _generated(tmp_path)
    monkeypatch.chdir(repo)
    monkeypatch.setattr(run, "_CACHE_CHUNK", 7)

    def rendered(cache: bool) -> tuple[str, object]:
        report = lint_paths(["."], options=RunOptions(cache=cache, jobs=1, keep_sources=False))
        text = "".join(render_chunks(report, OutputFormat.JSON, color=False, quiet=False))
        return text, report.counts

    expected = rendered(cache=False)
    assert rendered(cache=True) == expected  # cold: fills the cache
    assert _stored(repo) > 3 * 7
    assert rendered(cache=True) == expected  # warm: every file from the cache, 7 at a time


def test_a_run_of_the_same_files_over_an_unchanged_repository_keeps_its_whole_repository_findings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The whole-repository rules' findings come back from the cache while neither the files
    of the run nor any other file of the repository changed, and are worked out again when one
    of them does."""
    import datetime as dt

    from okrlint.api import Scope
    from okrlint.pipeline.check import RuleRunner
    from okrlint.pipeline.run import RunOptions, lint_paths

    repo = _generated(tmp_path)
    monkeypatch.chdir(repo)
    area = repo / "okrs" / "area-000"
    # Part of the repository, a file with a suppression among it: the rest are its neighbours.
    files = [f"okrs/area-000/team-{n:05}.yaml" for n in range(20)] + [
        "okrs/area-000/suppressed.yaml"
    ]
    ran: list[Scope] = []
    real = RuleRunner.run

    def run(self: RuleRunner, scope: Scope, item: object, settings: object) -> None:
        if scope is Scope.WORKSPACE:
            ran.append(scope)
        real(self, scope, item, settings)  # type: ignore[arg-type]

    monkeypatch.setattr(RuleRunner, "run", run)
    # The files whose stored set summaries were decoded.
    decoded: list[str] = []
    real_summaries_of = results.summaries_of

    def summaries_of(result: object, source: SourceFile, repository: object) -> object:
        decoded.append(source.display)
        return real_summaries_of(result, source, repository)  # type: ignore[arg-type]

    monkeypatch.setattr(results, "summaries_of", summaries_of)

    def outcome(cache: bool) -> tuple[object, object]:
        options = RunOptions(cache=cache, jobs=1, today=dt.date(2026, 5, 1))
        report = lint_paths(files, options=options)
        return report.findings, report.counts

    expected = outcome(cache=False)
    assert outcome(cache=True) == expected  # cold: fills the cache
    assert len(ran) == 2
    assert outcome(cache=True) == expected  # warm: the whole-repository findings were kept
    assert len(ran) == 2
    # and the summaries of the 20 files found in the cache were not needed (the file with a
    # suppression is never kept, so it is checked again every time)
    assert decoded == []

    # A file outside the run changes: it is now a third copy of a linted team's set.
    (area / "team-00040.yaml").write_text((area / "team-00000.yaml").read_text())
    changed = outcome(cache=False)
    assert changed != expected
    assert outcome(cache=True) == changed
    assert len(ran) == 4
    assert sorted(decoded) == sorted(files[:20])
    # A file of the run changes.
    decoded.clear()
    edited = area / "team-00001.yaml"
    edited.write_text((area / "team-00000.yaml").read_text())
    edited_too = outcome(cache=False)
    assert edited_too != changed
    assert outcome(cache=True) == edited_too
    assert len(ran) == 6
    assert sorted(decoded) == sorted(set(files[:20]) - {"okrs/area-000/team-00001.yaml"})
    decoded.clear()
    assert outcome(cache=True) == edited_too
    assert len(ran) == 6
    assert decoded == []


def test_a_file_whose_stored_summaries_do_not_read_back_is_checked_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The set summaries kept for a file are decoded when the whole-repository rules run;
    a file whose summaries do not read back is checked as if it had not been kept."""
    import datetime as dt

    from okrlint.api import Scope
    from okrlint.pipeline.check import RuleRunner
    from okrlint.pipeline.run import RunOptions, lint_paths

    repo = _generated(tmp_path)
    monkeypatch.chdir(repo)
    files = [f"okrs/area-000/team-{n:05}.yaml" for n in range(12)]
    options = RunOptions(cache=True, jobs=1, today=dt.date(2026, 5, 1))
    lint_paths(files, options=options)  # fills the cache
    # Another file of the repository changes, so the whole-repository rules run again.
    area = repo / "okrs" / "area-000"
    (area / "team-00040.yaml").write_text((area / "team-00003.yaml").read_text())
    expected = lint_paths(files, options=dataclasses.replace(options, cache=False))
    damaged = "okrs/area-000/team-00002.yaml"
    real_summaries_of = results.summaries_of

    def summaries_of(result: object, source: SourceFile, repository: object) -> object:
        if source.display == damaged:
            raise TypeError("not a summary")
        return real_summaries_of(result, source, repository)  # type: ignore[arg-type]

    monkeypatch.setattr(results, "summaries_of", summaries_of)
    checked: list[str] = []
    real = RuleRunner.run

    def run(self: RuleRunner, scope: Scope, item: object, settings: object) -> None:
        if scope is Scope.FILE:
            checked.append(item.source.display)  # type: ignore[attr-defined]
        real(self, scope, item, settings)  # type: ignore[arg-type]

    monkeypatch.setattr(RuleRunner, "run", run)
    report = lint_paths(files, options=options)
    assert checked == [damaged]
    assert (report.findings, report.counts) == (expected.findings, expected.counts)


def test_a_text_read_for_one_batch_is_not_read_again_for_a_later_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each distinct text is read once per process however many batches hold it, and the
    findings are those of a run that reads every batch's texts afresh."""
    import datetime as dt

    from okrlint.pipeline import run as pipeline_run
    from okrlint.pipeline.parallel import BATCH_FILES

    repo = _generated(tmp_path)
    monkeypatch.chdir(repo)
    read: list[str] = []
    real_read_all = pipeline_run.read_all

    def read_all(texts: object, pack: object) -> object:
        read.extend(texts)  # type: ignore[call-overload]
        return real_read_all(texts, pack)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline_run, "read_all", read_all)
    options = pipeline_run.RunOptions(cache=False, jobs=1, today=dt.date(2026, 5, 1))
    files = sorted(str(path.relative_to(repo)) for path in (repo / "okrs").rglob("*.yaml"))
    assert len(files) > BATCH_FILES  # two batches at least
    report = pipeline_run.lint_paths(files, options=options)
    once = list(read)
    assert len(once) == len(set(once))

    read.clear()
    monkeypatch.setattr(pipeline_run, "_RECENT_TEXTS", 0)  # every batch reads its texts afresh
    afresh = pipeline_run.lint_paths(files, options=options)
    assert len(read) > len(once) and set(read) == set(once)
    assert (report.findings, report.counts) == (afresh.findings, afresh.counts)
