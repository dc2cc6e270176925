"""Measure the number rules SND001 and SND002 against a labelled corpus, per organisation.

    python bench/accuracy_sandbagging.py --corpus path/to/labelled-okrs.yaml [--misses]

Every objective of the corpus becomes one OKR file (as in bench/accuracy.py) and okrlint lints
them with SND001 and SND002 only, reading the numbers of each sentence. The figures are taken over
the key results labelled `has_baseline: true`:

- a finding on a line labelled `sandbagging: yes` is right, on `sandbagging: no` (a material
  improvement on a stated baseline) it is a false alarm, which must never happen;
- lines labelled `unknown` count as neither; how many findings fell on them is shown.

The rules have no word lists fitted to the corpus, so every organisation's figures are figures on
lines the rules were not fitted to; they are shown per organisation all the same.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from accuracy import load_corpus, write_okr_files
from okrlint.engine import RunOptions, lint_paths

RULES = ("SND001", "SND002")


@dataclass
class Tally:
    right: list[str] = field(default_factory=list)
    false_alarms: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    on_unknown: list[str] = field(default_factory=list)
    lines: int = 0

    @property
    def precision(self) -> float | None:
        flagged = len(self.right) + len(self.false_alarms)
        return len(self.right) / flagged if flagged else None

    def row(self, name: str) -> str:
        precision = "   -" if self.precision is None else f"{self.precision:5.3f}"
        return (
            f"{name:<28} precision {precision}  right {len(self.right):>2}  "
            f"false alarms {len(self.false_alarms):>2}  missed {len(self.missed):>2}  "
            f"on unknown {len(self.on_unknown):>2}  (lines with a baseline {self.lines})"
        )


def measure(corpus_path: Path, rules: tuple[str, ...] = RULES) -> dict[str, dict[str, Tally]]:
    """Tallies by rule ("SND001", "SND002", "either") and organisation ("all" for every one)."""
    corpus = load_corpus(corpus_path)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        by_file = write_okr_files(corpus, folder)
        (folder / ".okrlint.yaml").write_text("select: [" + ", ".join(rules) + "]\n")
        report = lint_paths([folder], options=RunOptions(today=dt.date(2026, 2, 1)))
    flagged: dict[tuple[str, str], set[str]] = defaultdict(set)
    for finding in report.findings:
        flagged[(Path(finding.path).name, finding.object)].add(finding.code)
    tallies: dict[str, dict[str, Tally]] = {name: defaultdict(Tally) for name in (*rules, "either")}
    for name, entry in by_file.items():
        org = str(entry.get("org", "?"))
        for position, kr in enumerate(entry["key_results"], start=1):
            if not kr.get("has_baseline"):
                continue
            codes = flagged.get((name, f"O1/KR{position}"), set())
            label = f"{entry['id']} KR{position}: {kr['text']}"
            for rule in (*rules, "either"):
                said = bool(codes & set(rules)) if rule == "either" else rule in codes
                for tally in (tallies[rule]["all"], tallies[rule][org]):
                    _add(tally, said, kr.get("sandbagging"), label)
    return {rule: dict(by_org) for rule, by_org in tallies.items()}


def _add(tally: Tally, said: bool, truth: Any, label: str) -> None:
    tally.lines += 1
    if truth == "yes":
        (tally.right if said else tally.missed).append(label)
    elif truth == "no":
        if said:
            tally.false_alarms.append(label)
    elif said:
        tally.on_unknown.append(label)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, required=True, help="labelled corpus (YAML)")
    parser.add_argument("--misses", action="store_true", help="list false alarms and misses")
    args = parser.parse_args(argv)
    tallies = measure(args.corpus)
    print(f"SND001/SND002 on {args.corpus.name}, lines with a baseline, {dt.date.today()}")
    for rule, by_org in tallies.items():
        print(f"\n## {rule}")
        print(by_org["all"].row("all organisations"))
        for org in sorted(o for o in by_org if o != "all"):
            tally = by_org[org]
            if tally.right or tally.false_alarms or tally.missed or tally.on_unknown:
                print(tally.row(org))
        if args.misses:
            for label in by_org["all"].false_alarms:
                print(f"  false alarm: {label}")
            for label in by_org["all"].on_unknown:
                print(f"  on unknown:  {label}")
            for label in by_org["all"].missed:
                print(f"  missed:      {label}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
