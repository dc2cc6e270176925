"""A run streams files in batches (in workers with --jobs): it reports what one batch would."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from pathlib import Path

import pytest

from okrlint.findings import Finding
from okrlint.pipeline.parallel import BATCH_FILES, MIN_FILES_PER_WORKER, stream_batches
from okrlint.pipeline.run import RunOptions, SettingsCache, check_sources, lint_paths, load_sources
from tools import bench_generator

TODAY = dt.date(2026, 2, 1)


def _set(team: str, objectives: Sequence[str], aligns_to: str = "") -> str:
    link = f"aligns_to: {aligns_to}\n" if aligns_to else ""
    body = "".join(
        f"  - id: O{n + 1}\n    title: {title}\n    owner: Kim Lee\n"
        "    key_results:\n"
        "      - Raise week-1 activation from 30% to 45%\n"
        "      - Cut churn from 4% to 3%\n"
        for n, title in enumerate(objectives)
    )
    return f"team: {team}\nperiod: 2026-Q1\n{link}objectives:\n{body}"


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Several batches of files, with findings that need files of other batches."""
    out = tmp_path_factory.mktemp("stream")
    (out / ".okrlint.yaml").write_text("fail_on: error\n")
    files = 3 * BATCH_FILES
    assert files >= 2 * MIN_FILES_PER_WORKER
    bench_generator().generate(out / "okrs", files=files, objectives=2, key_results=3, seed=11)
    first, last = out / "okrs" / "area-000", out / "okrs" / "area-001"
    # A team split over a file of the first batch and one of the last (FOC001 across files),
    # a link from the last batch to the first (ALN001 resolves it) and a broken one, and one
    # owner with objectives everywhere.
    (first / "aaa-split.yaml").write_text(_set("Split", ["Grow", "Keep"]))
    (last / "zzz-split.yaml").write_text(
        _set("Split", ["Sell", "Serve"], aligns_to="split/2026-Q1#O1")
    )
    (last / "zzz-broken-link.yaml").write_text(_set("Other", ["Grow"], aligns_to="splt/2026-Q1#O1"))
    # A suppression of a whole-repository finding, in a file of the last batch.
    (last / "zzz-suppressed.yaml").write_text(
        _set("Quiet", ["Grow"], aligns_to="nobody/2026-Q1")
        .replace(
            "aligns_to: nobody/2026-Q1", "aligns_to: nobody/2026-Q1  # okrlint: disable=ALN001"
        )
        .replace("key_results:\n", "key_results:  # okrlint: disable=FOC003 -- unused\n")
    )
    return out


def _streamed(repo: Path, jobs: int) -> list[Finding]:
    options = RunOptions(today=TODAY, jobs=jobs, cache=True)
    return lint_paths([repo / "okrs"], options=options).findings


def _in_one_batch(repo: Path) -> list[Finding]:
    """All files loaded at once and checked as one batch, documents kept: no streaming."""
    options = RunOptions(today=TODAY, jobs=1)
    settings_for = SettingsCache(options)
    sources, _ = load_sources([repo / "okrs"], options, settings_for)
    registry = settings_for.registry
    return check_sources(sources, registry, options, settings_for.root()).findings


def test_streamed_runs_report_exactly_what_one_batch_reports(repo: Path) -> None:
    whole = _in_one_batch(repo)
    assert _streamed(repo, jobs=1) == whole
    assert _streamed(repo, jobs=3) == whole
    codes = {(Path(f.path).name, f.code) for f in whole}
    # The findings that need files of other batches are there.
    assert ("aaa-split.yaml", "FOC001") in codes and ("zzz-split.yaml", "FOC001") in codes
    assert ("zzz-broken-link.yaml", "ALN001") in codes
    assert ("zzz-split.yaml", "ALN001") not in codes
    # The suppression held, and the unused one was reported.
    assert ("zzz-suppressed.yaml", "ALN001") not in codes
    assert ("zzz-suppressed.yaml", "SUP001") in codes


def test_a_dead_worker_leaves_the_rest_of_the_run_to_the_main_process() -> None:
    parent = os.getpid()

    def work(batch: Sequence[int]) -> list[int]:
        if os.getpid() != parent and 7 in batch:
            os._exit(3)  # a worker killed mid-run (out of memory, a signal)
        return [n * n for n in batch]

    batches = [list(range(start, start + 5)) for start in range(0, 100, 5)]
    results = list(stream_batches(work, batches, jobs=2, files=100))
    assert results == [[n * n for n in batch] for batch in batches]


def test_a_suppressed_whole_repository_finding_counts_as_used(repo: Path) -> None:
    unused = [
        f.message
        for f in _streamed(repo, jobs=3)
        if f.code == "SUP001" and f.path.endswith("zzz-suppressed.yaml")
    ]
    assert len(unused) == 1 and "FOC003" in unused[0]


def test_a_run_for_output_that_quotes_no_lines_keeps_no_texts_and_finds_the_same(
    repo: Path,
) -> None:
    options = RunOptions(today=TODAY, jobs=2, cache=True, keep_sources=False)
    report = lint_paths([repo / "okrs"], options=options)
    assert report.findings == _in_one_batch(repo)
    # Only the file with suppression comments keeps its text (they are read at the end).
    assert [Path(path).name for path in report.sources] == ["zzz-suppressed.yaml"]
