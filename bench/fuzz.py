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
import random
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

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
