"""Measure okrlint's text rules against a labelled corpus of key results.

    python bench/accuracy.py --corpus path/to/labelled-okrs.yaml [--misses]

The corpus is a YAML list of objectives, each with `id`, `objective` (may be null) and
`key_results`, each with `text` and the labels `kind` (output | outcome | ambiguous),
`customer_behaviour`, `measurable` and `has_baseline`. Every objective becomes one OKR file;
okrlint lints them all in one run and the findings are compared with the labels:

- OUT001+OUT002 against `kind: output` (key results labelled `ambiguous` are left out);
- CUS001 at objective level: an objective is truly flagged when none of its key results is
  labelled `customer_behaviour` (objectives without a title are left out);
- MEA001 against `measurable: false`;
- MEA002 against `has_baseline: false` among measurable key results that okrlint does not
  report as outputs (MEA002 leaves those to OUT001/OUT002), and over all measurable ones.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from okrlint.pipeline.load import read_plain_yaml
from okrlint.pipeline.run import RunOptions, lint_paths

RULES = [
    "OUT001",
    "OUT002",
    "OUT003",
    "CUS001",
    "CUS002",
    "CUS003",
    "MEA001",
    "MEA002",
    "SND003",
    "STR004",
]


@dataclass
class Score:
    name: str
    tp: list[str] = field(default_factory=list)
    fp: list[str] = field(default_factory=list)
    fn: list[str] = field(default_factory=list)
    tn: int = 0

    def add(self, predicted: bool, truth: bool, label: str) -> None:
        if predicted and truth:
            self.tp.append(label)
        elif predicted:
            self.fp.append(label)
        elif truth:
            self.fn.append(label)
        else:
            self.tn += 1

    @property
    def precision(self) -> float:
        flagged = len(self.tp) + len(self.fp)
        return len(self.tp) / flagged if flagged else 1.0

    @property
    def recall(self) -> float:
        wanted = len(self.tp) + len(self.fn)
        return len(self.tp) / wanted if wanted else 1.0

    def line(self) -> str:
        total = len(self.tp) + len(self.fp) + len(self.fn) + self.tn
        return (
            f"{self.name:<44} precision {self.precision:5.3f}  recall {self.recall:5.3f}  "
            f"(tp {len(self.tp)}, fp {len(self.fp)}, fn {len(self.fn)}, n {total})"
        )


def load_corpus(path: Path) -> list[dict[str, Any]]:
    data = read_plain_yaml(path.read_text(encoding="utf-8"))
    if not isinstance(data, list):
        raise SystemExit(f"{path}: expected a list of objectives")
    return [entry for entry in data if isinstance(entry, dict) and entry.get("key_results")]


def write_okr_files(corpus: list[dict[str, Any]], folder: Path) -> dict[str, dict[str, Any]]:
    """One OKR file per objective (JSON is YAML, so every text is quoted safely)."""
    by_file: dict[str, dict[str, Any]] = {}
    for number, entry in enumerate(corpus):
        name = f"set-{number:03d}.yaml"
        title = entry.get("objective") or "Untitled objective"
        document = {
            "team": str(entry.get("id", name)),
            "period": "2026-Q1",
            "objectives": [
                {
                    "title": str(title),
                    "key_results": [str(kr["text"]) for kr in entry["key_results"]],
                }
            ],
        }
        (folder / name).write_text(json.dumps(document, ensure_ascii=False, indent=1) + "\n")
        by_file[name] = entry
    return by_file


def measure(corpus_path: Path) -> tuple[list[Score], dict[str, int], float]:
    corpus = load_corpus(corpus_path)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        by_file = write_okr_files(corpus, folder)
        (folder / ".okrlint.yaml").write_text("select: [" + ", ".join(RULES) + "]\n")
        started = dt.datetime.now()
        report = lint_paths([folder], options=RunOptions(today=dt.date(2026, 2, 1)))
        seconds = (dt.datetime.now() - started).total_seconds()
    flagged: dict[tuple[str, str], set[str]] = {}
    for finding in report.findings:
        flagged.setdefault((Path(finding.path).name, finding.object), set()).add(finding.code)

    scores = {
        name: Score(name)
        for name in (
            "OUT001+OUT002 vs kind: output",
            "OUT001 alone vs kind: output",
            "OUT002 alone vs kind: output",
            "CUS001 vs objective without behaviour",
            "MEA001 vs measurable: false",
            "MEA002 vs has_baseline: false (non-outputs)",
            "MEA002 vs has_baseline: false (all)",
        )
    }
    counts = {"objectives": len(corpus), "key_results": 0, "ambiguous": 0}
    for name, entry in by_file.items():
        krs = entry["key_results"]
        counts["key_results"] += len(krs)
        objective_codes = flagged.get((name, "O1"), set())
        if entry.get("objective"):
            truth = not any(kr.get("customer_behaviour") for kr in krs)
            label = f"{entry['id']}: {entry['objective']}"
            scores["CUS001 vs objective without behaviour"].add(
                "CUS001" in objective_codes, truth, label
            )
        for position, kr in enumerate(krs, start=1):
            codes = flagged.get((name, f"O1/KR{position}"), set())
            label = f"{entry['id']} KR{position}: {kr['text']}"
            is_output_flag = bool(codes & {"OUT001", "OUT002"})
            if kr.get("kind") == "ambiguous":
                counts["ambiguous"] += 1
            else:
                truth = kr.get("kind") == "output"
                scores["OUT001+OUT002 vs kind: output"].add(is_output_flag, truth, label)
                scores["OUT001 alone vs kind: output"].add("OUT001" in codes, truth, label)
                scores["OUT002 alone vs kind: output"].add("OUT002" in codes, truth, label)
            scores["MEA001 vs measurable: false"].add(
                "MEA001" in codes, not kr.get("measurable"), label
            )
            if kr.get("measurable"):
                truth = not kr.get("has_baseline")
                scores["MEA002 vs has_baseline: false (all)"].add("MEA002" in codes, truth, label)
                if not is_output_flag:
                    scores["MEA002 vs has_baseline: false (non-outputs)"].add(
                        "MEA002" in codes, truth, label
                    )
    by_code: dict[str, int] = {}
    for finding in report.findings:
        by_code[finding.code] = by_code.get(finding.code, 0) + 1
    counts.update({f"findings {code}": n for code, n in sorted(by_code.items())})
    return list(scores.values()), counts, seconds


def _print_misses(scores: Iterable[Score], write: Callable[[str], Any]) -> None:
    for score in scores:
        # The per-rule output scores only say which of the two rules spoke; their misses are
        # the combined score's.
        if " alone " in score.name or (not score.fp and not score.fn):
            continue
        write(f"\n## {score.name}")
        for label in score.fp:
            write(f"  false alarm: {label}")
        for label in score.fn:
            write(f"  missed:      {label}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, required=True, help="labelled corpus (YAML)")
    parser.add_argument("--no-misses", action="store_true", help="print the figures only")
    args = parser.parse_args(argv)
    scores, counts, seconds = measure(args.corpus)
    print(f"okrlint accuracy on {args.corpus.name}, {dt.date.today().isoformat()}")
    print(", ".join(f"{k}: {v}" for k, v in counts.items()) + f"; lint time {seconds:.2f}s\n")
    for score in scores:
        print(score.line())
    if not args.no_misses:
        _print_misses(scores, print)
    return 0


if __name__ == "__main__":
    sys.exit(main())
