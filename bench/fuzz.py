"""Fuzz okrlint for longer than the test suite does, and time the hostile inputs.

    python bench/fuzz.py --cases 20000            # fresh random seed each run
    python bench/fuzz.py --cases 20000 --seed 1   # reproducible

Runs the same strategies as tests/test_fuzz.py (OKR documents near the format with wrong
values, random bytes, random YAML-like text) through the whole pipeline with every rule selected.
A crash is an exception out of okrlint or a rule that failed; hypothesis then shrinks it to a
small case, which is printed. Afterwards each hostile input (alias bomb, deep nesting, a large
file, unsafe tags) is loaded once and its time and peak memory are printed.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from hypothesis import HealthCheck, given, seed, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from fuzzing import crashes, lint_bytes, okr_documents, to_yaml  # noqa: E402


class Tally:
    def __init__(self) -> None:
        self.cases = 0
        self.slowest = 0.0
        self.slowest_case = b""

    def lint(self, raw: bytes) -> None:
        start = time.perf_counter()
        report = lint_bytes(raw)
        elapsed = time.perf_counter() - start
        self.cases += 1
        if elapsed > self.slowest:
            self.slowest, self.slowest_case = elapsed, raw
        assert crashes(report) == [], crashes(report)


def fuzz(name: str, strategy: st.SearchStrategy[Any], to_bytes: Callable[[Any], bytes],
         cases: int, run_seed: int, tally: Tally) -> bool:  # fmt: skip
    @seed(run_seed)
    @settings(
        max_examples=cases,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def run(value: Any) -> None:
        tally.lint(to_bytes(value))

    start = time.perf_counter()
    before = tally.cases
    try:
        run()
    except Exception as error:  # the shrunk failing case is in the message
        print(f"{name}: CRASH\n{error}")
        return False
    print(f"{name}: {tally.cases - before} cases, 0 crashes, {time.perf_counter() - start:.1f} s")
    return True


def fuzz_call(
    name: str, strategy: st.SearchStrategy[Any], check: Callable[[Any], None], cases: int,
    run_seed: int,
) -> bool:  # fmt: skip
    """Run `check` on `cases` examples; a failed assertion is shrunk and printed."""
    count = 0

    @seed(run_seed)
    @settings(max_examples=max(cases, 1), database=None, deadline=None,
              suppress_health_check=list(HealthCheck))  # fmt: skip
    @given(strategy)
    def run(value: Any) -> None:
        nonlocal count
        count += 1
        check(value)

    start = time.perf_counter()
    try:
        run()
    except Exception as error:
        print(f"{name}: FAILED\n{error}")
        return False
    print(f"{name}: {count} cases, 0 failures, {time.perf_counter() - start:.1f} s")
    return True


def hostile() -> list[tuple[str, float, float, str]]:
    """(case, seconds, peak MB, what okrlint said) for each hostile input."""
    from okrlint.pipeline.load import load_bytes
    from okrlint.sources import SourceFile

    head = "team: T\nperiod: 2026-Q1\n"
    lines = ['l0: &l0 ["lol"]'] + [
        f"l{n}: &l{n} [{', '.join([f'*l{n - 1}'] * 10)}]" for n in range(1, 10)
    ]
    big_line = "      - Raise weekly active teams from 1,200 to 1,500 by the end of March\n"
    big = head + "objectives:\n  - title: Grow\n    key_results:\n" + big_line * 130_000
    cases = {
        "billion laughs (10^9 nodes)": head + "\n".join(lines) + "\nobjectives: *l9\n",
        "10,000-deep flow nesting": head + "objectives: " + "[" * 10_000 + "]" * 10_000,
        "10,000-deep block nesting": head + "objectives:\n" + "- " * 10_000 + "x\n",
        "200,000-deep flow nesting": head + "objectives: " + "[" * 200_000 + "]" * 200_000,
        "!!python/object tags": head + "objectives: !!python/object/apply:os.system [ls]\n",
        "9.5 MB file, 130,000 key results": big,
    }
    rows = []
    for name, text in cases.items():
        raw = text.encode()
        start = time.perf_counter()
        source = load_bytes(raw, SourceFile(path=Path("h.yaml"), display="h.yaml"))
        elapsed = time.perf_counter() - start
        # Memory in a second pass: tracing allocations slows loading several times over.
        tracemalloc.start()
        load_bytes(raw, SourceFile(path=Path("h.yaml"), display="h.yaml"))
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        problems = source.problems + [p for d in source.documents for p in d.problems]
        said = problems[0].message[:60] if problems else f"{len(source.documents)} document(s)"
        rows.append((name, elapsed, peak / 1e6, said))
    return rows


# Characters a hostile repository puts in values and file names: controls, line and paragraph
# separators, bidirectional overrides, CI runners' command markers, a byte that is not UTF-8.
HOSTILE_TEXT = st.lists(
    st.sampled_from(
        ["\x1b[2J", "\x1b]0;x\x07", "\x9b31m", "\r", "\n", "\t", "\x00", "\x7f", "\u2028",
         "\u202e", "::error file=x::y", "##vso[task]", "##[group]", " ", "a", "\udce9", "%0A"]
    ),
    min_size=1,
    max_size=8,
).map("".join)  # fmt: skip
RUNNER_LINE = re.compile(r"^\s*(::|##)", re.MULTILINE)


def inert_outputs(value: str, name: str) -> None:
    """Lint a file whose name and values are hostile; every output format must stay inert."""
    from okrlint.output import OutputFormat, render

    file_name = name.replace("/", "_").replace("\x00", "_") + ".yaml"
    quoted = json.dumps(value)
    text = (
        f"team: {quoted}\nperiod: 2026-Q1\nobjectives:\n  - title: {quoted}\n"
        f"    key_results:\n      - {quoted}\n      - title: x\n        taget: {quoted}\n"
    )
    report = lint_bytes(text.encode("utf-8", "surrogateescape"), file_name)
    report.sources = {f.path: text for f in report.findings}
    for output_format in OutputFormat:
        out = render(report, output_format)
        raw = [c for c in out if (ord(c) < 32 and c != "\n") or 0x7F <= ord(c) <= 0x9F
               or c in "\u2028\u2029\u202e" or 0xD800 <= ord(c) <= 0xDFFF]  # fmt: skip
        assert not raw, (output_format, raw)
        lines = RUNNER_LINE.findall(out) if output_format is not OutputFormat.GITHUB else []
        assert not lines, (output_format, out)
        if output_format in (OutputFormat.JSON, OutputFormat.SARIF):
            json.loads(out)
        if output_format is OutputFormat.JUNIT:
            ElementTree.fromstring(out)


CACHE_NAMES = [
    "", ".gitignore", "CACHEDIR.TAG", "readings.sqlite3", "readings.sqlite3-journal",
    "repository-summaries.json",
]  # fmt: skip
LINK_TARGETS = ["victim.txt", "missing", "folder", "/dev/zero"]


def link_layout(links: list[tuple[int, int]]) -> None:
    """Links where the cache goes, to files and folders outside: nothing outside may change."""
    import os
    import tempfile

    from okrlint.pipeline.run import RunOptions, lint_paths

    with tempfile.TemporaryDirectory() as temporary:
        outside, repo = Path(temporary) / "outside", Path(temporary) / "repo"
        (outside / "folder").mkdir(parents=True)
        (outside / "victim.txt").write_text("precious")
        (repo / ".git").mkdir(parents=True)
        (repo / "okrs.yaml").write_text(
            "team: T\nperiod: 2026-Q1\nobjectives:\n  - title: Grow\n"
            "    key_results: [Raise activation from 30% to 45%]\n"
        )
        cache = repo / ".okrlint_cache"
        for name, target in links:
            where = cache / CACHE_NAMES[name] if CACHE_NAMES[name] else cache
            if where.exists() or where.is_symlink():
                continue
            if where != cache:
                if cache.is_symlink():
                    continue  # the folder itself is a link: nothing can go inside it
                cache.mkdir(exist_ok=True)
            pointed = LINK_TARGETS[target]
            where.symlink_to(pointed if pointed.startswith("/") else outside / pointed)
        before = sorted((str(p), p.read_bytes()) for p in outside.rglob("*") if p.is_file())
        previous = Path.cwd()
        os.chdir(repo)
        try:
            lint_paths(["."], options=RunOptions(cache=True))
        finally:
            os.chdir(previous)
        after = sorted((str(p), p.read_bytes()) for p in outside.rglob("*") if p.is_file())
        assert before == after, (links, before, after)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=10_000, help="near-format documents")
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args()
    run_seed = args.seed if args.seed is not None else random.randrange(2**32)
    print(f"seed {run_seed}")
    tally = Tally()
    # Warm up: the first text read builds the reader, which is not the case's own time.
    lint_bytes(b"team: T\nperiod: 2026-Q1\nobjectives:\n  - title: Grow\n    key_results: [a]\n")
    text = st.lists(
        st.sampled_from(list("abcxyz019 \n\t:-[]{},#&*!|>'\"%@`?~.")), max_size=200
    ).map(lambda chars: "".join(chars).encode())
    results = [
        fuzz("near-format documents", okr_documents, to_yaml, args.cases, run_seed, tally),
        fuzz_call(
            "hostile names and values, every format",
            st.tuples(HOSTILE_TEXT, HOSTILE_TEXT),
            lambda case: inert_outputs(*case),
            args.cases // 10,
            run_seed,
        ),
        fuzz_call(
            "link layouts in the cache folder",
            st.lists(st.tuples(st.integers(0, 5), st.integers(0, 3)), min_size=1, max_size=4),
            link_layout,
            args.cases // 50,
            run_seed,
        ),
        fuzz("random bytes", st.binary(max_size=2000), bytes, args.cases // 2, run_seed, tally),
        fuzz("random YAML-like text", text, bytes, args.cases // 2, run_seed, tally),
    ]
    print(f"total: {tally.cases} cases; slowest case {tally.slowest * 1000:.0f} ms "
          f"({len(tally.slowest_case)} bytes)")  # fmt: skip
    print("\n| hostile input | time | peak memory | okrlint says |\n|---|---:|---:|---|")
    for name, elapsed, peak, said in hostile():
        print(f"| {name} | {elapsed * 1000:.0f} ms | {peak:.1f} MB | {said} |")
    sys.exit(0 if all(results) else 1)


if __name__ == "__main__":
    main()
