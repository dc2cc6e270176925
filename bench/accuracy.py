"""Measure okrlint's text rules against a labelled corpus of key results, the way users meet them.

    python bench/accuracy.py [--corpus path/to/okrs.yaml] [--misses read|all] [--per-org]

The corpus is a YAML list of objectives, each with `id`, `org` (the organisation or site the
lines come from), `source_kind` (`real` or `example`), `objective` (may be null) and
`key_results`, each with `text` and the labels `kind` (output | outcome | ambiguous),
`customer_behaviour`, `measurable` and `note`. Every objective becomes one OKR set; okrlint lints
them all in one run with its default settings, and only findings at `warning` or above count as
flags: an `info` hint is okrlint saying it is unsure, and counts as no flag.

Scores, each as precision and recall:

- OUT001+OUT002 against `kind: output`. Lines labelled `ambiguous` (careful readers disagreed)
  are left out of these figures.
- CUS001 at objective level: truly flagged when none of the objective's key results is labelled
  `customer_behaviour` (objectives without a title are left out). Scored twice: as labelled, and
  with the objectives left out that have a line tagged `[internal]` (internal users as
  customers is the most arguable call). CUS001 findings okrlint is sure of are warnings, the
  rest hints; it is scored at warning and, for scale, at any severity.
- OUT001+OUT002 once more counting `info` hints as flags, to show what the hints hold (not a
  figure a gate sees).
- MEA001 against `measurable: false`, over the lines okrlint does not report as outputs at
  warning or above (one problem, one finding: an output's missing target is the output finding's
  news), and over every line.
- SND001, and SND001+SND002, against `sandbagging: yes` over the lines labelled
  `has_baseline: true` and `sandbagging: yes` or `no`: a flag on a `no` line (a material
  improvement on a stated baseline) is a false alarm. Findings on lines labelled neither are
  counted apart.

Every score is given over all lines, for `real` and `example` sources, for the organisations
read while writing the rules and for the UNSEEN split below, and per organisation (--per-org).

The verdicts of OUT001/OUT002 (output or not, warning or hint), CUS001 (warning or hint) and
MEA001 (hint) come from okrlint's trained judgement (`okrlint/judgement`), which `bench/train.py`
trains on every organisation of the corpus. The headline figures are therefore the
leave-one-organisation-out run of that same procedure (printed first; skipped with --no-loo, about
a minute and a half): for each of the 65 organisations, the models are trained and their warning
thresholds chosen on the other 64 only (thresholds from grouped folds inside those 64), and that
organisation is scored with them; the pooled result is printed per rule, over all, real, example,
read and unseen organisations, and per organisation with --per-org. A second honest figure: the
UNSEEN organisations scored by models trained, in this process, on the read organisations only.
The lint run over the corpus (printed after, for reference only) scores the shipped models' own
training lines, so its figures are optimistic and judge nothing.

The UNSEEN split was drawn before any line was read: `random.Random(13).sample(sorted(orgs),
len(orgs) // 3)` over the 65 `org` values. Its lines are never printed (--misses prints the
misses of the read organisations only, unless asked for `all`).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from okrlint.findings import Severity
from okrlint.pipeline.load import read_plain_yaml
from okrlint.pipeline.run import RunOptions, lint_paths

HERE = Path(__file__).resolve().parent
# The corpus sits next to the repository (../shared/corpus) or next to its work-tree folder.
DEFAULT_CORPUS_PLACES = (
    HERE.parent.parent / "shared" / "corpus" / "okrs.yaml",
    HERE.parent.parent.parent / "shared" / "corpus" / "okrs.yaml",
)
# Organisations whose lines were never read while writing okrlint's text rules (see above).
UNSEEN = frozenset(
    [
        "awesomeokr",
        "chromium",
        "codepic",
        "devokr",
        "enterprisesingularity",
        "falkster",
        "marketingsnacks",
        "matrixowl",
        "mslearn",
        "okrframework",
        "okrquickstart",
        "okrstool",
        "peoplebeam",
        "scilifelab",
        "sourcegraph",
        "squad",
        "srcd",
        "stacks",
        "swetapanda",
        "vindaris",
        "weekdone",
    ]
)
UNSEEN_SEED = 13

OUT = "OUT001+OUT002 vs kind: output"
OUT_HINTS = "OUT001+OUT002 with info hints (for scale)"
CUS = "CUS001 vs no behaviour KR"
CUS_ANY = "CUS001 at any severity (for scale)"
CUS_NO_INTERNAL = "CUS001 at any severity, [internal] objectives out"
MEA = "MEA001 vs not measurable (non-outputs)"
MEA_ALL = "MEA001 vs not measurable (all lines)"
SND = "SND001 vs sandbagging (baseline lines)"
SND_BOTH = "SND001+SND002 vs sandbagging (baseline)"
SCORES = (OUT, OUT_HINTS, CUS, CUS_ANY, CUS_NO_INTERNAL, MEA, MEA_ALL, SND, SND_BOTH)
# Targets on organisations okrlint has never seen (precision, recall).
TARGETS = {OUT: (0.95, 0.85), CUS: (0.92, 0.90), MEA: (0.95, 0.95), SND: (0.90, 0.0)}
SANDBAGGING = frozenset({"SND001", "SND002"})


@dataclass
class Score:
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

    def merge(self, other: Score) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.tn += other.tn

    @property
    def n(self) -> int:
        return len(self.tp) + len(self.fp) + len(self.fn) + self.tn

    @property
    def precision(self) -> float | None:
        flagged = len(self.tp) + len(self.fp)
        return len(self.tp) / flagged if flagged else None

    @property
    def recall(self) -> float | None:
        wanted = len(self.tp) + len(self.fn)
        return len(self.tp) / wanted if wanted else None

    def cell(self) -> str:
        def figure(value: float | None) -> str:
            return "  -  " if value is None else f"{value:.3f}"

        return (
            f"P {figure(self.precision)} R {figure(self.recall)} "
            f"({len(self.tp)}/{len(self.fp)}/{len(self.fn)}/{self.n})"
        )


@dataclass
class Line:
    """One scored item: a key result or an objective, with where it comes from."""

    org: str
    source_kind: str
    label: str


@dataclass
class Measured:
    # score name -> org -> Score
    scores: dict[str, dict[str, Score]]
    kinds: dict[str, str]  # org -> source kind
    counts: dict[str, int]
    seconds: float


def default_corpus() -> Path | None:
    return next((p for p in DEFAULT_CORPUS_PLACES if p.is_file()), None)


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
            "team": f"Team {number}",
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


def measure(corpus_path: Path) -> Measured:
    corpus = load_corpus(corpus_path)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        by_file = write_okr_files(corpus, folder)
        started = time.perf_counter()
        report = lint_paths(
            [folder], config={}, options=RunOptions(today=dt.date(2026, 2, 1), jobs=1)
        )
        seconds = time.perf_counter() - started
    flagged: dict[tuple[str, str], set[str]] = {}
    any_severity: dict[tuple[str, str], set[str]] = {}
    hints: dict[str, int] = {}
    for finding in report.findings:
        any_severity.setdefault((Path(finding.path).name, finding.object), set()).add(finding.code)
        if finding.severity.rank >= Severity.WARNING.rank:
            flagged.setdefault((Path(finding.path).name, finding.object), set()).add(finding.code)
        else:
            hints[finding.code] = hints.get(finding.code, 0) + 1

    scores: dict[str, dict[str, Score]] = {name: {} for name in SCORES}
    kinds: dict[str, str] = {}
    counts = {"objectives": len(corpus), "key_results": 0, "ambiguous (left out of OUT)": 0}

    def add(name: str, org: str, predicted: bool, truth: bool, label: str) -> None:
        scores[name].setdefault(org, Score()).add(predicted, truth, label)

    for name, entry in by_file.items():
        org = str(entry.get("org", "?"))
        kinds[org] = str(entry.get("source_kind", "?"))
        krs = entry["key_results"]
        counts["key_results"] += len(krs)
        # CUS001's sure findings are warnings, the rest hints.
        objective_codes = flagged.get((name, "O1"), set())
        if entry.get("objective"):
            truth = not any(kr.get("customer_behaviour") for kr in krs)
            label = f"{entry['id']}: {entry['objective']}"
            add(CUS, org, "CUS001" in objective_codes, truth, label)
            reported = "CUS001" in any_severity.get((name, "O1"), set())
            add(CUS_ANY, org, reported, truth, label)
            if not any("[internal]" in str(kr.get("note") or "") for kr in krs):
                add(CUS_NO_INTERNAL, org, reported, truth, label)
        for position, kr in enumerate(krs, start=1):
            codes = flagged.get((name, f"O1/KR{position}"), set())
            label = f"{entry['id']} KR{position}: {kr['text']}"
            output_flag = bool(codes & {"OUT001", "OUT002"})
            if kr.get("kind") == "ambiguous":
                counts["ambiguous (left out of OUT)"] += 1
            else:
                add(OUT, org, output_flag, kr.get("kind") == "output", label)
                hinted = bool(
                    any_severity.get((name, f"O1/KR{position}"), set()) & {"OUT001", "OUT002"}
                )
                add(OUT_HINTS, org, hinted, kr.get("kind") == "output", label)
            unmeasurable = not kr.get("measurable")
            add(MEA_ALL, org, "MEA001" in codes, unmeasurable, label)
            if not output_flag:
                add(MEA, org, "MEA001" in codes, unmeasurable, label)
            judged = kr.get("has_baseline") and kr.get("sandbagging") in ("yes", "no")
            if judged:
                truth = kr.get("sandbagging") == "yes"
                add(SND, org, "SND001" in codes, truth, label)
                add(SND_BOTH, org, bool(codes & SANDBAGGING), truth, label)
            elif codes & SANDBAGGING:
                key = "SND001/SND002 flags on lines not labelled yes/no with a baseline"
                counts[key] = counts.get(key, 0) + 1
    counts.update({f"info hints {code}": n for code, n in sorted(hints.items())})
    return Measured(scores, kinds, counts, seconds)


def pooled(by_org: dict[str, Score], keep: Callable[[str], bool]) -> Score:
    total = Score()
    for org, score in by_org.items():
        if keep(org):
            total.merge(score)
    return total


def table(measured: Measured) -> list[str]:
    kinds = measured.kinds
    columns: list[tuple[str, Callable[[str], bool]]] = [
        ("all", lambda org: True),
        ("real", lambda org: kinds[org] == "real"),
        ("example", lambda org: kinds[org] == "example"),
        ("read orgs", lambda org: org not in UNSEEN),
        ("UNSEEN orgs", lambda org: org in UNSEEN),
    ]
    rows = [
        "cells: precision, recall (true flags/false alarms/misses/items); "
        "findings at warning or above",
        "",
    ]
    for name in SCORES:
        rows.append(f"{name}")
        for column, keep in columns:
            rows.append(f"  {column:<12} {pooled(measured.scores[name], keep).cell()}")
        if name not in TRAINED_SCORES:
            # Rules the trained judgement does not decide: the lint run is their honest figure.
            target = TARGETS.get(name)
            if target:
                unseen = pooled(measured.scores[name], lambda org: org in UNSEEN)
                rows.append(target_row(unseen, target))
    return rows


def target_row(unseen: Score, target: tuple[float, float]) -> str:
    met = (unseen.precision or 0) >= target[0] and (unseen.recall or 0) >= target[1]
    verdict = "met" if met else "NOT met"
    if unseen.precision is None:
        # No flag at all: nothing wrong was said, but precision cannot be measured.
        verdict = "no flag on unseen lines (no false alarm; precision not measurable)"
    return f"  target on unseen: P >= {target[0]:.2f}, R >= {target[1]:.2f}: {verdict}"


def trained_scores(
    examples: list[Any], scored: list[Any], models: dict[str, Any]
) -> dict[str, dict[str, Score]]:
    """Score the `scored` examples with the trained models: OUT at warning (and with hints),
    CUS001 at warning and at any severity, MEA001 (hand-written, silent on OUT warnings)."""
    output, behaviour = models["output"], models["behaviour"]
    scores: dict[str, dict[str, Score]] = {}

    def add(name: str, org: str, predicted: bool, truth: bool, label: str) -> None:
        scores.setdefault(name, {}).setdefault(org, Score()).add(predicted, truth, label)

    from train import in_objectives

    own = {at: output.probability(example.features) for at, example in enumerate(scored)}
    in_context = in_objectives(output.context_weight, scored, own)
    objectives: dict[int, list[tuple[float, Any]]] = {}
    for at, example in enumerate(scored):
        p_output = in_context[at]
        if example.titled:
            objectives.setdefault(example.objective, []).append(
                (behaviour.probability(example.features), example)
            )
        warned = p_output >= output.warning_at
        if example.kind != "ambiguous":
            truth = example.kind == "output"
            add(OUT, example.org, warned, truth, example.text)
            # A hint needs the hand-written rules to read an output too (`worth_reporting`).
            hinted = warned or (
                "hand_out=None" not in example.features and p_output >= output.report_at
            )
            add(OUT_HINTS, example.org, hinted, truth, example.text)
        if not warned:
            flagged = "hand_mea=False" in example.features
            add(MEA, example.org, flagged, not example.measurable, example.text)
    for lines in objectives.values():
        # CUS001 speaks when the hand-written verdict finds behaviour in no key result; the
        # model's probability that none measures behaviour decides warning or hint.
        if any("hand_cus=True" in e.features for _, e in lines):
            none_behaves, reported = 0.0, False
        else:
            none_behaves, reported = 1.0 - max(p for p, _ in lines), True
        org = lines[0][1].org
        truth = not any(e.behaviour for _, e in lines)
        at = behaviour.objective_warning_at
        add(CUS, org, at is not None and none_behaves >= at, truth, lines[0][1].text)
        add(CUS_ANY, org, reported, truth, lines[0][1].text)
    return scores


TRAINED_SCORES = (OUT, OUT_HINTS, CUS, CUS_ANY, MEA)


def trained_leave_one_out(
    corpus: list[dict[str, Any]], kinds: dict[str, str]
) -> tuple[list[str], dict[str, dict[str, Score]]]:
    """The trained judgement scored leave-one-organisation-out: for each organisation, models
    trained (and their thresholds chosen) on the other 64 only, scored on it; pooled. Then the
    unseen organisations scored by models trained on the read organisations only (as shipped)."""
    from train import build, examples_of

    examples = examples_of(corpus)
    orgs = sorted({e.org for e in examples})
    pooled_scores: dict[str, dict[str, Score]] = {}
    for org in orgs:
        training = [e for e in examples if e.org != org]
        models = {name: build(name, training) for name in ("output", "behaviour")}
        held = [e for e in examples if e.org == org]
        for name, by_org in trained_scores(examples, held, models).items():
            for key, score in by_org.items():
                pooled_scores.setdefault(name, {}).setdefault(key, Score()).merge(score)
    read = [e for e in examples if e.org not in UNSEEN]
    shipped = {name: build(name, read) for name in ("output", "behaviour")}
    unseen = trained_scores(examples, [e for e in examples if e.org in UNSEEN], shipped)
    rows = [
        "trained judgement, leave-one-organisation-out: the honest figures of what ships (models "
        "and thresholds from the other 64 organisations; findings at warning):",
    ]
    columns: list[tuple[str, Callable[[str], bool]]] = [
        ("all", lambda org: True),
        ("real", lambda org: kinds.get(org) == "real"),
        ("example", lambda org: kinds.get(org) == "example"),
        ("read orgs", lambda org: org not in UNSEEN),
        ("UNSEEN orgs", lambda org: org in UNSEEN),
    ]
    for name in TRAINED_SCORES:
        rows.append(f"{name}")
        for column, keep in columns:
            rows.append(f"  LOO {column:<12} {pooled(pooled_scores.get(name, {}), keep).cell()}")
        trained_on_read = pooled(unseen.get(name, {}), lambda org: True)
        rows.append(f"  UNSEEN, trained on read orgs only {trained_on_read.cell()}")
        target = TARGETS.get(name)
        if target:
            loo_unseen = pooled(pooled_scores.get(name, {}), lambda org: org in UNSEEN)
            rows.append(target_row(loo_unseen, target) + " (leave-one-organisation-out)")
            rows.append(target_row(trained_on_read, target) + " (trained on read orgs only)")
    return rows, pooled_scores


def per_org(measured: Measured) -> list[str]:
    rows = []
    for name in SCORES:
        rows.append(f"\n## {name} per organisation")
        for org in sorted(measured.scores[name]):
            split = "unseen" if org in UNSEEN else "read"
            kind = measured.kinds[org]
            rows.append(f"  {org:<24} {kind:<8} {split:<7} {measured.scores[name][org].cell()}")
    return rows


def misses(measured: Measured, which: str) -> Iterable[str]:
    for name in SCORES:
        yield f"\n## {name}"
        for org in sorted(measured.scores[name]):
            if org in UNSEEN and which != "all":
                continue
            score = measured.scores[name][org]
            for label in score.fp:
                yield f"  false alarm: [{org}] {label}"
            for label in score.fn:
                yield f"  missed:      [{org}] {label}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=None, help="labelled corpus (YAML)")
    parser.add_argument(
        "--misses",
        choices=["none", "read", "all"],
        default="none",
        help="print false alarms and misses (of the read organisations only, unless 'all')",
    )
    parser.add_argument("--per-org", action="store_true", help="figures per organisation")
    parser.add_argument(
        "--no-loo",
        action="store_true",
        help="skip the leave-one-organisation-out training of the judgement models (~1 min)",
    )
    args = parser.parse_args(argv)
    corpus = args.corpus or default_corpus()
    if corpus is None:
        parser.error("no corpus found next to the repository; pass --corpus")
    measured = measure(corpus)
    print(f"okrlint accuracy on {corpus.name}, {dt.date.today().isoformat()}")
    print(
        ", ".join(f"{k}: {v}" for k, v in measured.counts.items())
        + f"; lint time {measured.seconds:.2f}s"
    )
    print(f"unseen split: {len(UNSEEN)} organisations drawn with seed {UNSEEN_SEED}\n")
    loo_scores: dict[str, dict[str, Score]] = {}
    if not args.no_loo:
        rows, loo_scores = trained_leave_one_out(load_corpus(corpus), measured.kinds)
        for row in rows:
            print(row)
        print()
    print(
        "lint run over the corpus, FOR REFERENCE ONLY: the shipped models were trained on every "
        "line, so the figures of the rules they decide (OUT, CUS001, MEA001) score training "
        "lines; judge those by the leave-one-organisation-out figures above."
    )
    for row in table(measured):
        print(row)
    if args.per_org:
        for name, by_org in loo_scores.items():
            print(f"\n## {name} per organisation, leave-one-organisation-out")
            for org in sorted(by_org):
                split = "unseen" if org in UNSEEN else "read"
                kind = measured.kinds.get(org, "?")
                print(f"  {org:<24} {kind:<8} {split:<7} {by_org[org].cell()}")
        print("\nper organisation in the lint run (for reference: training lines for OUT/CUS/MEA)")
        for row in per_org(measured):
            print(row)
    if args.misses != "none":
        for row in misses(measured, args.misses):
            print(row)
    return 0


if __name__ == "__main__":
    sys.exit(main())
