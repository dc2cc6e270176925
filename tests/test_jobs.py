"""`--jobs`: loading on several processes changes nothing in what is reported."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from okrlint.pipeline.parallel import (
    MIN_FILES_PER_WORKER,
    load_files,
    stream_files,
    task_for,
    worker_count,
)
from okrlint.sources import SourceFile
from tools import bench_generator


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("repo")
    bench_generator().generate(
        out, files=3 * MIN_FILES_PER_WORKER, objectives=4, key_results=3, seed=3
    )
    # Some files with problems, so that problems travel back from the workers too.
    (out / "area-000" / "broken.yaml").write_text("team: [unclosed\n")
    (out / "area-000" / "bomb.yaml").write_text(_alias_bomb(6))
    return out


def _alias_bomb(levels: int) -> str:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for level in range(1, levels + 1):
        lines.append(f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * 10) + "]")
    return "\n".join([*lines, "team: T", "period: 2026-Q1", f"objectives: *a{levels}"]) + "\n"


def _snapshot(source: SourceFile) -> object:
    return (
        source.display,
        source.text,
        source.problems,
        source.skipped_documents,
        [
            (d.index, d.data, d.problems, [(n, d.locations[n]) for n in d.locations])
            for d in source.documents
        ],
    )


def test_files_loaded_in_worker_processes_equal_files_loaded_in_process(repo: Path) -> None:
    tasks = [task_for(p, p.as_posix(), 10_000_000) for p in sorted(repo.rglob("*.yaml"))]
    serial = load_files(tasks, jobs=1)
    assert worker_count(3, len(tasks)) == 3  # so the next line loads on 3 worker processes
    pooled = [source for batch in stream_files(tasks, jobs=3) for source in batch]
    assert len(pooled) == len(tasks)
    assert [_snapshot(s) for s in pooled] == [_snapshot(s) for s in serial]
    assert any(s.problems for s in pooled)  # the broken file and the bomb came back as problems


def test_small_runs_stay_in_process_and_large_ones_use_the_jobs_asked_for() -> None:
    assert worker_count(8, 1) == 1  # a pre-commit run on one file starts no pool
    assert worker_count(2, 2 * MIN_FILES_PER_WORKER) == 2
    assert worker_count(1, 10_000) == 1
    assert worker_count(None, 10_000) >= 1


@pytest.mark.parametrize("output_format", ["concise", "json"])
def test_the_output_is_byte_identical_for_any_number_of_jobs(
    repo: Path, output_format: str
) -> None:
    outputs = []
    for jobs in ("1", "2", "3"):
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "okrlint",
                "check",
                "--format",
                output_format,
                "--jobs",
                jobs,
                "--today",
                "2026-02-01",
                ".",
            ],
            cwd=repo,
            capture_output=True,
            check=False,
        )
        assert result.returncode == 1, result.stderr
        outputs.append(result.stdout)
    assert outputs[0] == outputs[1] == outputs[2]
    assert b"broken.yaml" in outputs[0] and b"bomb.yaml" in outputs[0]
