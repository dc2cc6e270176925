"""Benchmark okrlint against yamllint and against the floor, in one run, as ratios.

    python bench/run.py                     # 1,000 files x 4 objectives x 3 key results
    python bench/run.py --scale 10000       # also time 10,000 files (linearity, memory)
    python bench/run.py --json results.json

Every command runs as its own process, as a user would run it, and is timed from start to exit.
Commands are interleaved round by round and the median is reported, so that load from other
processes on the machine falls on all of them alike; CPU time (user + system, the process and its
workers) is shown next to wall time because it is far less sensitive to such load. Peak memory is
the largest resident set of the process or of any one worker.

Rows:
  okrlint cold      `okrlint check` with an empty readings cache (the reader is built)
  okrlint warm      `okrlint check` again, every reading in the cache
  okrlint --jobs 1  warm, on one process
  yamllint          `yamllint` on the same files, default config
  floor             parse every file with ruamel's C compose, tokenise every title with
                    okrlint's tokenizer (bench/floor.py)
  pre-commit: 1 file in this repo
                    `okrlint check` on one file of the repository, warm: whole-repository
                    rules compare it with the other files, whose summaries are cached
  pre-commit        `okrlint check` on one file of 4 objectives alone in its folder, cold and
                    warm
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402

BIN = Path(sys.executable).parent


@dataclass
class Timing:
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    peak_mb: float = 0.0
    exit_codes: set[int] = field(default_factory=set)

    @property
    def wall_median(self) -> float:
        return statistics.median(self.wall)

    @property
    def cpu_median(self) -> float:
        return statistics.median(self.cpu)


def run(command: list[str], cwd: Path, env: dict[str, str], timing: Timing) -> None:
    """Run once; wall time from spawn to exit, CPU time and peak RSS from the kernel."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    stderr = process.stderr.read().decode() if process.stderr else ""
    if process.stderr:
        process.stderr.close()
    if process.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed ({process.returncode}):\n{stderr}")
    timing.wall.append(wall)
    # ru_maxrss is in KB on Linux: the largest of the process and its waited-for children.
    timing.cpu.append(usage.ru_utime + usage.ru_stime)
    timing.peak_mb = max(timing.peak_mb, usage.ru_maxrss / 1024)
    timing.exit_codes.add(process.returncode)


def effective_cores(workers: int) -> float:
    """How many cores the machine actually gave us just now: a busy loop on 1 vs N processes."""
    code = "s=0\nfor i in range(4_000_000): s+=i"
    one = _spin([sys.executable, "-c", code], 1)
    many = _spin([sys.executable, "-c", code], workers)
    return round(workers * one / many, 2)


def _spin(command: list[str], count: int) -> float:
    start = time.perf_counter()
    processes = [subprocess.Popen(command) for _ in range(count)]
    for process in processes:
        process.wait()
    return time.perf_counter() - start


def machine() -> dict[str, str]:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        model = platform.processor()
    memory = ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.0f} GB"
    except OSError:
        pass
    return {
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cpu": f"{model} x {os.cpu_count()}",
        "memory": memory,
        "python": platform.python_version(),
        "os": platform.platform(terse=True),
        "load": " ".join(f"{x:.1f}" for x in os.getloadavg()),
    }


def okrlint(*args: str) -> list[str]:
    return [str(BIN / "okrlint"), "check", "--format", "concise", "--today", "2026-05-01", *args]


def bench_repo(files: int, args: argparse.Namespace, with_yamllint: bool) -> dict[str, Timing]:
    work = Path(tempfile.mkdtemp(prefix="okrlint-bench-"))
    try:
        repo = work / "okrs"
        written = generate(repo, files, args.objectives, args.key_results, args.seed)
        # The repository root for whole-repository rules, as a team's OKR repo would have it.
        (work / ".okrlint.yaml").write_text("fail_on: error\n")
        names = [str(p.relative_to(work)) for p in written]
        env = {**os.environ, "NO_COLOR": "1"}
        cache = work / ".okrlint_cache"
        commands: dict[str, tuple[list[str], bool]] = {
            # (command, clear the cache before each run)
            "okrlint cold": (okrlint("okrs"), True),
            "okrlint warm": (okrlint("okrs"), False),
            "okrlint --jobs 1": (okrlint("--jobs", "1", "okrs"), False),
            "floor": ([sys.executable, str(HERE / "floor.py"), *names], False),
        }
        if with_yamllint:
            commands["yamllint"] = ([str(BIN / "yamllint"), "-f", "parsable", "okrs"], False)
        one = str(written[0].relative_to(work))
        # A pre-commit hook passes one staged file, but whole-repository rules (FOC001 across a
        # team's files, SND005, ALN001, ALN002) read the rest of the repository for context.
        commands["pre-commit: 1 file in this repo"] = (okrlint(one), False)
        timings = {name: Timing() for name in commands}

        def fill_caches() -> None:
            """The readings of every text, and the summaries of the files around `one`."""
            run(okrlint("okrs"), work, env, Timing())
            run(okrlint(one), work, env, Timing())

        fill_caches()
        for _ in range(args.rounds):
            for name, (command, cold) in commands.items():
                if cold:
                    shutil.rmtree(cache, ignore_errors=True)
                run(command, work, env, timings[name])
                if cold:  # leave the caches warm for the next row
                    fill_caches()
        timings["_meta"] = Timing(wall=[sum(p.stat().st_size for p in written) / 1e6])
        return timings
    finally:
        shutil.rmtree(work, ignore_errors=True)


def bench_pre_commit(args: argparse.Namespace) -> dict[str, Timing]:
    work = Path(tempfile.mkdtemp(prefix="okrlint-bench-"))
    try:
        generate(work / "okrs", 1, 4, args.key_results, args.seed)
        env = {**os.environ, "NO_COLOR": "1"}
        file = "okrs/area-000/team-00000.yaml"
        cold, warm = Timing(), Timing()
        for _ in range(args.pre_commit_runs):
            shutil.rmtree(work / ".okrlint_cache", ignore_errors=True)
            run(okrlint(file), work, env, cold)
            run(okrlint(file), work, env, warm)
        return {"cold": cold, "warm": warm}
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _row(name: str, timing: Timing, *ratios: str) -> str:
    cells = [name, f"{timing.wall_median:.2f}", f"{timing.cpu_median:.2f}"]
    cells += [f"{timing.peak_mb:.0f}", *ratios]
    return "| " + " | ".join(cells) + " |"


def table(results: dict[str, object]) -> str:
    base = results["repo"]
    assert isinstance(base, dict)
    floor, yamllint = base.get("floor"), base.get("yamllint")
    files, krs = results["files"], results["key_results"]
    lines = [
        f"Repository: {files:,} files, {krs:,} key results, {base['_meta'].wall[0]:.1f} MB "
        f"({results['rounds']} rounds, median)",
        "",
        "| command | wall s | CPU s | peak MB | yamllint / this (wall, CPU) "
        "| this / floor (wall, CPU) |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, timing in base.items():
        if name.startswith("_"):
            continue
        assert isinstance(timing, Timing)
        vs_yamllint = (
            f"{yamllint.wall_median / timing.wall_median:.1f}x, "
            f"{yamllint.cpu_median / timing.cpu_median:.1f}x"
            if isinstance(yamllint, Timing)
            else "-"
        )
        vs_floor = (
            f"{timing.wall_median / floor.wall_median:.2f}x, "
            f"{timing.cpu_median / floor.cpu_median:.2f}x"
            if isinstance(floor, Timing)
            else "-"
        )
        lines.append(_row(name, timing, vs_yamllint, vs_floor))
    pre = results["pre_commit"]
    assert isinstance(pre, dict)
    lines += [
        "",
        f"Pre-commit, one file of 4 objectives ({len(pre['warm'].wall)} runs, median wall time):",
        f"warm {pre['warm'].wall_median:.2f} s (CPU {pre['warm'].cpu_median:.2f} s), "
        f"cold {pre['cold'].wall_median:.2f} s (CPU {pre['cold'].cpu_median:.2f} s)",
    ]
    scale = results.get("scale")
    if isinstance(scale, dict):
        big = scale["timings"]
        factor = scale["files"] / files
        lines += ["", f"Scaling to {scale['files']:,} files ({factor:.0f}x the files):", ""]
        lines += [
            "| command | wall s | CPU s | peak MB | CPU per file vs base |",
            "|---|---:|---:|---:|---:|",
        ]
        for name, timing in big.items():
            if name.startswith("_") or name not in base:
                continue
            per_file = (timing.cpu_median / scale["files"]) / (base[name].cpu_median / files)
            lines.append(_row(name, timing, f"{per_file:.2f}x"))
    info = results["machine"]
    assert isinstance(info, dict)
    lines += [
        "",
        f"Machine: {info['cpu']}, {info['memory']}, Python {info['python']}, {info['os']}; "
        f"{info['date']}; load average at start {info['load']}; "
        f"effective cores during the run: {results['effective_cores']}",
    ]
    return "\n".join(lines) + "\n"


def _plain(value: object) -> object:
    return sorted(value) if isinstance(value, set) else value.__dict__


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--objectives", type=int, default=4)
    parser.add_argument("--key-results", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--pre-commit-runs", type=int, default=7)
    parser.add_argument("--scale", type=int, default=0, help="also time this many files")
    parser.add_argument("--json", type=Path, help="write the raw timings here")
    args = parser.parse_args()

    # An installed okrlint has its modules compiled; a checkout run with
    # PYTHONDONTWRITEBYTECODE=1 would compile them again on every run and time that too.
    import compileall

    import okrlint

    compileall.compile_dir(Path(okrlint.__file__).parent, quiet=1)

    results: dict[str, object] = {
        "machine": machine(),
        "files": args.files,
        "key_results": args.files * args.objectives * args.key_results,
        "rounds": args.rounds,
        "effective_cores": effective_cores(os.cpu_count() or 1),
    }
    results["repo"] = bench_repo(args.files, args, with_yamllint=True)
    results["pre_commit"] = bench_pre_commit(args)
    if args.scale:
        scaled = argparse.Namespace(**{**vars(args), "rounds": 1})
        results["scale"] = {
            "files": args.scale,
            "timings": bench_repo(args.scale, scaled, with_yamllint=False),
        }
    text = table(results)
    print(text)
    if args.json:
        args.json.write_text(json.dumps(results, default=_plain, indent=2))


if __name__ == "__main__":
    main()
