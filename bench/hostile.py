"""Time the inputs that once took quadratic time, against yamllint on the same files.

    python bench/hostile.py                          # small: a quick look
    python bench/hostile.py --files 3000 --teams 1600 --suppressions 50000

Each case runs at two sizes, n and 2n, so that linear time shows as a ratio near 2:

  fix       `okrlint check --fix` on n files with one fixable key result each, against a plain
            `okrlint check` of the same files (the fixes ran whole-repository rules per file)
  circle    n teams whose objectives align round one circle (every link reported the whole
            circle: n^2 names)
  suppress  one file with n `# okrlint: disable=...` comments (every finding was compared with
            every directive)

Every command is its own process, warm cache, median of --rounds; yamllint on the same files
gives the machine's speed, so the figures compare across runs as ratios.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from run import BIN, Timing, run  # noqa: E402

ENV = {"PATH": str(BIN), "NO_COLOR": "1", "LC_ALL": "C.UTF-8"}
if "PYTHONPATH" in os.environ:  # a checkout other than the installed one
    ENV["PYTHONPATH"] = os.environ["PYTHONPATH"]


def fixable_file(n: int) -> str:
    return (
        f"team: Team {n}\nperiod: 2026-Q1\nobjectives:\n"
        "  - title: Make the first week effortless for new teams\n"
        "    key_results:\n"
        f"      - Raise week-1 activation of new teams from {n % 50}% to {n % 50 + 20}%\n"
        "      - Launch the referral program\n"
        "      - Cut time to first dashboard from 42 to 15 minutes\n"
    )


def circle_file(n: int, teams: int) -> str:
    return (
        f"team: Team {n}\nperiod: 2026-Q1\nobjectives:\n"
        "  - id: O1\n    title: Make the first week effortless for new teams\n"
        f"    aligns_to: team-{(n + 1) % teams}/2026-Q1#O1\n"
        "    key_results:\n"
        f"      - Raise week-1 activation of new teams from {n % 50}% to {n % 50 + 20}%\n"
    ).replace(f"team: Team {n}", f"team: team-{n}")


def suppressed_file(count: int) -> str:
    lines = ["team: Growth", "period: 2026-Q1", "objectives:"]
    objectives = max(1, count // 4)
    for o in range(objectives):
        lines.append(
            f"  - title: Objective {o} makes the first week effortless"
            "  # okrlint: disable=FOC002 -- ok"
        )
        lines.append("    key_results:")
        for k in range(3):
            lines.append(f"      # okrlint: disable=MEA001 -- counted elsewhere {k}")
            lines.append(f"      - Grow activation {o} {k} from 30% to 45%")
    return "\n".join(lines) + "\n"


def repository(root: Path, files: dict[str, str]) -> Path:
    if root.exists():
        shutil.rmtree(root)
    (root / ".git").mkdir(parents=True)
    for name, text in files.items():
        (root / name).write_text(text, encoding="utf-8")
    return root


def measure(
    name: str,
    make: Callable[[int], dict[str, str]],
    size: int,
    commands: dict[str, list[str]],
    rounds: int,
    work: Path,
) -> dict[str, float]:
    """Median wall time of each command at `size`, each on a fresh copy of the files."""
    medians: dict[str, float] = {}
    files = make(size)
    for label, command in commands.items():
        timing = Timing()
        for _ in range(rounds):
            root = repository(work / f"{name}-{size}", files)
            subprocess.run(
                [str(BIN / "okrlint"), "check", "--exit-zero", "."], cwd=root, env=ENV,
                capture_output=True, check=False,
            )  # fmt: skip
            run(command, root, ENV, timing)
        medians[label] = statistics.median(timing.wall)
    return medians


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=300)
    parser.add_argument("--teams", type=int, default=400)
    parser.add_argument("--suppressions", type=int, default=4000)
    parser.add_argument("--rounds", type=int, default=1)
    args = parser.parse_args()
    check = [str(BIN / "okrlint"), "check", "--exit-zero", "--format", "concise", "."]
    yamllint = [str(BIN / "yamllint"), "-f", "parsable", "."]
    cases: list[tuple[str, Callable[[int], dict[str, str]], int, dict[str, list[str]]]] = [
        (
            "fix",
            lambda n: {f"team-{i:05d}.yaml": fixable_file(i) for i in range(n)},
            args.files,
            {"check": check, "fix": [*check, "--fix"], "yamllint": yamllint},
        ),
        (
            "circle",
            lambda n: {f"team-{i:05d}.yaml": circle_file(i, n) for i in range(n)},
            args.teams,
            {"check": check, "yamllint": yamllint},
        ),
        (
            "suppress",
            lambda n: {"okrs.yaml": suppressed_file(n)},
            args.suppressions,
            {"check": check, "yamllint": yamllint},
        ),
    ]
    head = f"{'case':<10} {'n':>7} {'command':<9} {'n: s':>8} {'2n: s':>8} {'2n/n':>6}"
    print(head + f" {'/yamllint':>10}")
    with tempfile.TemporaryDirectory(prefix="okrlint-hostile-") as temporary:
        work = Path(temporary)
        for name, make, size, commands in cases:
            small = measure(name, make, size, commands, args.rounds, work)
            large = measure(name, make, size * 2, commands, args.rounds, work)
            for label in commands:
                if label == "yamllint":
                    continue
                ratio = large[label] / small[label]
                versus = large[label] / large["yamllint"]
                print(
                    f"{name:<10} {size:>7} {label:<9} {small[label]:>8.2f} {large[label]:>8.2f}"
                    f" {ratio:>6.2f} {versus:>10.1f}"
                )
            if "fix" in commands:
                print(f"{'':<10} {'':>7} fix/check at 2n: {large['fix'] / large['check']:.2f}")


if __name__ == "__main__":
    main()
