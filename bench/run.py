"""Benchmark okrlint against yamllint, in one run, as ratios: the runs users wait for.

    python bench/run.py                     # 1,000 files x 4 objectives x 3 key results
    python bench/run.py --scale 10000       # and 10,000 files (linearity, memory)
    python bench/run.py --json results.json # the raw timings as well

Every command runs as its own process, as a user would run it, and is timed from start to exit.
Commands are interleaved round by round and the median is reported, so that load from other
processes on the machine falls on all of them alike; CPU time (user + system, the process and its
workers) is shown next to wall time because it is far less sensitive to such load. Peak memory is
the largest resident set of the process or of any one worker. yamllint runs on the same files
in the same rounds, and every okrlint row is given as a ratio to it.

Rows (each against yamllint on the same files):
  pre-commit: edited file   `okrlint check` on one file of the repository just after the text of
                            one of its key results was changed (a new text, never read before);
                            the caches are warm for every other file
  pre-commit: unchanged     the same file again, nothing changed
  pre-commit: first run     the same file with no cache at all (a fresh clone): the whole-
                            repository rules read every other file
  ... with the daemon        the same two, answered by a running `okrlint daemon` (started
                            before the rounds; its CPU time and peak memory are counted)
  CI cold                   `okrlint check` on the repository, no cache (a fresh checkout)
  CI warm                   again, the cache left by the previous run
  CI warm --jobs 1          warm, on one process
  floor                     parse every file with ruamel's C compose, tokenise every title
                            (bench/floor.py): the least a linter of YAML and words does
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

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


def process_cpu(pid: int) -> float:
    """CPU seconds (user + system) a running process has used so far."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        raise SystemExit(f"the daemon (pid {pid}) is gone: its rows would not be its") from None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def process_peak_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def run(
    command: list[str], cwd: Path, env: dict[str, str], timing: Timing, server: int | None = None
) -> None:
    """Run once; wall time from spawn to exit, CPU time and peak RSS from the kernel. With
    `server` (a daemon's pid), what that process spent meanwhile is counted as well."""
    served_before = process_cpu(server) if server is not None else 0.0
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
    served = process_cpu(server) - served_before if server is not None else 0.0
    timing.cpu.append(usage.ru_utime + usage.ru_stime + served)
    timing.peak_mb = max(timing.peak_mb, usage.ru_maxrss / 1024)
    if server is not None:
        timing.peak_mb = max(timing.peak_mb, process_peak_mb(server))
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


def yamllint(*args: str) -> list[str]:
    return [str(BIN / "yamllint"), "-f", "parsable", *args]


# What each okrlint row is held to: (yamllint's time / this time) at least `faster`.
TARGETS: dict[str, float] = {
    "pre-commit: edited file": 0.5,  # at most 2x yamllint's time on the same file
    "pre-commit: edited file, daemon": 0.5,
    "CI cold": 10.0,
    "CI warm": 20.0,
}
_NUMBER = re.compile(r"\d+")


def pick_file(written: list[Path]) -> tuple[Path, int]:
    """A file with a key result written as a plain sentence with numbers, and that line."""
    for path in written:
        for number, line in enumerate(path.read_text("utf-8").splitlines()):
            if line.startswith("      - ") and ":" not in line and _NUMBER.search(line):
                return path, number
    raise SystemExit("no file has a plain key result with a number")


def edit(path: Path, line_number: int, round_: int) -> None:
    """Change the key result's target as a user would (a text the cache has never seen)."""
    lines = path.read_text("utf-8").splitlines(keepends=True)
    line = lines[line_number]
    last = list(_NUMBER.finditer(line))[-1]
    value = int(last.group()) + 1 + round_
    lines[line_number] = line[: last.start()] + str(value) + line[last.end() :]
    path.write_text("".join(lines), "utf-8")


def bench_repo(
    files: int, args: argparse.Namespace, rounds: int, with_pre_commit: bool
) -> dict[str, Timing]:
    work = Path(tempfile.mkdtemp(prefix="okrlint-bench-"))
    try:
        repo = work / "okrs"
        written = generate(repo, files, args.objectives, args.key_results, args.seed)
        # The repository root for whole-repository rules, as a team's OKR repo would have it.
        (work / ".okrlint.yaml").write_text("fail_on: error\n")
        names = [str(p.relative_to(work)) for p in written]
        daemon_folder = work / "daemon"
        # Every row runs in its own process unless it says it uses the daemon.
        env = {
            **os.environ,
            "NO_COLOR": "1",
            "OKRLINT_NO_DAEMON": "1",
            "OKRLINT_DAEMON_DIR": str(daemon_folder),
        }
        daemon_env = {k: v for k, v in env.items() if k != "OKRLINT_NO_DAEMON"}
        cache = work / ".okrlint_cache"
        edited, line_number = pick_file(written)
        one = str(edited.relative_to(work))
        # name: (command, before each run: None, "no cache" or "edit")
        commands: dict[str, tuple[list[str], str | None]] = {}
        if with_pre_commit:
            # A pre-commit hook passes the staged file; whole-repository rules (FOC001 across a
            # team's files, SND005, ALN001, ALN002) look at the rest of the repository.
            commands["pre-commit: edited file"] = (okrlint(one), "edit")
            commands["pre-commit: unchanged"] = (okrlint(one), None)
            commands["pre-commit: edited file, daemon"] = (okrlint(one), "edit")
            commands["pre-commit: unchanged, daemon"] = (okrlint(one), None)
            commands["pre-commit: first run"] = (okrlint(one), "no cache")
            commands["yamllint: that file"] = (yamllint(one), None)
        commands["CI cold"] = (okrlint("okrs"), "no cache")
        commands["CI warm"] = (okrlint("okrs"), None)
        commands["CI warm --jobs 1"] = (okrlint("--jobs", "1", "okrs"), None)
        if args.floor:
            commands["floor"] = ([sys.executable, str(HERE / "floor.py"), *names], None)
        commands["yamllint"] = (yamllint("okrs"), None)
        timings = {name: Timing() for name in commands}

        def fill_caches() -> None:
            """Everything a previous run leaves: readings, and the summaries around `one`."""
            run(okrlint("okrs"), work, env, Timing())
            run(okrlint(one), work, env, Timing())

        fill_caches()
        daemon: int | None = None
        if with_pre_commit:
            daemon = start_daemon(work, daemon_env)
        edits = 0
        try:
            for _ in range(rounds):
                for name, (command, before) in commands.items():
                    if before == "no cache":
                        shutil.rmtree(cache, ignore_errors=True)
                    elif before == "edit":
                        edit(edited, line_number, edits)
                        edits += 1
                    if name.endswith(", daemon"):
                        run(command, work, daemon_env, timings[name], server=daemon)
                    else:
                        run(command, work, env, timings[name])
                    if before == "no cache":  # leave the caches warm for the next row
                        fill_caches()
        finally:
            if daemon is not None:
                stop_daemon(work, daemon_env, daemon)
        timings["_meta"] = Timing(wall=[sum(p.stat().st_size for p in written) / 1e6])
        return timings
    finally:
        shutil.rmtree(work, ignore_errors=True)


def start_daemon(work: Path, env: dict[str, str]) -> int:
    """`okrlint daemon start`, as a user would before committing: its pid."""
    started = subprocess.run(
        [str(BIN / "okrlint"), "daemon", "start", "--idle", "1800"],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return int(started.stdout.split("pid ")[1].rstrip(")\n"))


def stop_daemon(work: Path, env: dict[str, str], pid: int) -> None:
    served = subprocess.run(
        [str(BIN / "okrlint"), "daemon", "status"], cwd=work, env=env, capture_output=True
    )
    subprocess.run([str(BIN / "okrlint"), "daemon", "stop"], cwd=work, env=env, capture_output=True)
    print(f"daemon (pid {pid}): {served.stdout.decode().strip()}", file=sys.stderr)


def _row(name: str, timing: Timing, *cells: str) -> str:
    columns = [name, f"{timing.wall_median:.2f}", f"{timing.cpu_median:.2f}"]
    columns += [f"{timing.peak_mb:.0f}", *cells]
    return "| " + " | ".join(columns) + " |"


def ratios(name: str, timings: dict[str, Timing]) -> tuple[float, float] | None:
    """yamllint's time / this row's (wall, CPU): above 1, okrlint is faster."""
    base = timings.get("yamllint: that file" if name.startswith("pre-commit") else "yamllint")
    this = timings[name]
    if base is None or this is base or name.startswith("yamllint"):
        return None
    return base.wall_median / this.wall_median, base.cpu_median / this.cpu_median


def verdict(name: str, timings: dict[str, Timing]) -> str:
    target = TARGETS.get(name)
    found = ratios(name, timings)
    if target is None or found is None:
        return "-"
    want = f"<= {1 / target:.0f}x its time" if target < 1 else f">= {target:.0f}x faster"
    return f"{want}: {'met' if found[0] >= target else 'NOT met'}"


def repo_table(timings: dict[str, Timing], title: str) -> list[str]:
    lines = [
        title,
        "",
        "| command | wall s | CPU s | peak MB | yamllint / this (wall, CPU) | target (wall) |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for name, timing in timings.items():
        if name.startswith("_"):
            continue
        found = ratios(name, timings)
        cell = f"{found[0]:.2f}x, {found[1]:.2f}x" if found else "-"
        lines.append(_row(name, timing, cell, verdict(name, timings)))
    return lines


def table(results: dict[str, Any]) -> str:
    base = results["repo"]
    files, krs = results["files"], results["key_results"]
    lines = repo_table(
        base,
        f"Repository: {files:,} files, {krs:,} key results, {base['_meta'].wall[0]:.1f} MB "
        f"({results['rounds']} rounds, median)",
    )
    scale = results.get("scale")
    if isinstance(scale, dict):
        big = scale["timings"]
        factor = scale["files"] / files
        lines += [""]
        lines += repo_table(
            big,
            f"Scaling to {scale['files']:,} files ({factor:.0f}x the files, "
            f"{scale['rounds']} round(s), median):",
        )
        lines += [
            "",
            "| command | CPU per file at this scale / at the base |",
            "|---|---:|",
        ]
        for name, timing in big.items():
            if name.startswith("_") or name not in base:
                continue
            per_file = (timing.cpu_median / scale["files"]) / (base[name].cpu_median / files)
            lines.append(f"| {name} | {per_file:.2f}x |")
    info = results["machine"]
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
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--scale", type=int, default=0, help="also time this many files")
    parser.add_argument("--scale-rounds", type=int, default=1)
    parser.add_argument(
        "--no-floor", dest="floor", action="store_false", help="leave out the floor row"
    )
    parser.add_argument("--json", type=Path, help="write the raw timings here")
    args = parser.parse_args()

    # An installed okrlint has its modules compiled; a checkout run with
    # PYTHONDONTWRITEBYTECODE=1 would compile them again on every run and time that too.
    import compileall

    import okrlint

    compileall.compile_dir(Path(okrlint.__file__).parent, quiet=1)

    results: dict[str, Any] = {
        "machine": machine(),
        "files": args.files,
        "key_results": args.files * args.objectives * args.key_results,
        "rounds": args.rounds,
        "effective_cores": effective_cores(os.cpu_count() or 1),
    }
    results["repo"] = bench_repo(args.files, args, args.rounds, with_pre_commit=True)
    if args.scale:  # the first table now, since the larger repository takes a while
        print(table(results), flush=True)
        if args.json:
            args.json.write_text(json.dumps(results, default=_plain, indent=2))
        results["scale"] = {
            "files": args.scale,
            "rounds": args.scale_rounds,
            "timings": bench_repo(args.scale, args, args.scale_rounds, with_pre_commit=False),
        }
    text = table(results)
    print(text)
    if args.json:
        args.json.write_text(json.dumps(results, default=_plain, indent=2))


if __name__ == "__main__":
    main()
