"""Train okrlint's judgement models on a labelled corpus and write their weights.

    python bench/train.py [--corpus path/to/okrs.yaml] [--check]

Three logistic models (`okrlint/judgement/`), each over the features of one key result (its
words and okrlint's reading of it, `okrlint.judgement.features`):

- output: the key result is met by the team finishing its own work (`kind: output`; lines
  labelled `ambiguous` are left out);
- behaviour: it measures something customers or users do (`customer_behaviour`);
- unmeasurable: it states no checkable target (`measurable: false`).

They are trained on every organisation of the corpus: okrlint is used on organisations it has
never seen, and every organisation more in training is more of the ways OKRs are written. The
honest estimate of what ships is therefore the leave-one-organisation-out run of this same
procedure in `bench/accuracy.py` (each organisation scored by models built here from the other
64), never a lint run over the corpus. Each model's warning threshold is the lowest probability at
which, scored by grouped folds over the training organisations (each fold's organisations by a
model trained without them), findings were right at least `PRECISION[name]` of the time. The
output model's probabilities are those okrlint uses when it lints: each key result's weighed
with the others of its objective (`CONTEXT_WEIGHT`), so its threshold is chosen on them too.
Deterministic: the same corpus gives the same weights byte for byte; `--check` fails when the
shipped weights differ from what the corpus gives.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from okrlint.judgement.features import features
from okrlint.judgement.learn import fit, threshold_for
from okrlint.judgement.model import Model, in_context, sigmoid
from okrlint.rules.judgements import hand_verdicts
from okrlint.text.pack import load_pack
from okrlint.text.reader import read_texts

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from accuracy import default_corpus, load_corpus  # noqa: E402

WEIGHTS = HERE.parent / "src" / "okrlint" / "judgement" / "weights"
# Precision a warning must reach on organisations the model was not trained on.
PRECISION = {"output": 0.95, "behaviour": 0.95, "unmeasurable": 0.95}
# Below this probability nothing is reported (the hint threshold).
REPORT_AT = {"output": 0.5, "behaviour": 0.5, "unmeasurable": 0.5}
# Precision the objective-level verdict of the behaviour model must reach (CUS001).
OBJECTIVE_PRECISION = 0.93
INNER_FOLDS = 5
# How much the verdicts on an objective's other key results weigh in a key result's own
# (`okrlint.judgement.model.in_context`), per model. For the output model, on the read
# organisations scored leave-one-organisation-out, 0.2, 0.3 and 0.5 each raised recall at the
# warning threshold (0.68 to 0.70-0.71) for about 0.01 of precision; 0.3 raised it most.
CONTEXT_WEIGHT = {"output": 0.3, "behaviour": 0.0, "unmeasurable": 0.0}
# The feature of a key result the hand-written verdict reads as customer behaviour.
HAND_BEHAVIOUR = "hand_cus=True"


@dataclass(frozen=True)
class Example:
    org: str
    source_kind: str
    objective: int
    titled: bool
    text: str
    kind: str
    behaviour: bool
    measurable: bool
    note: str
    features: frozenset[str]


def examples_of(corpus: list[dict[str, Any]]) -> list[Example]:
    texts = [str(kr["text"]) for entry in corpus for kr in entry["key_results"]]
    readings = read_texts(texts, load_pack())
    found = []
    for number, entry in enumerate(corpus):
        for kr in entry["key_results"]:
            reading = readings[str(kr["text"])]
            found.append(
                Example(
                    org=str(entry.get("org")),
                    source_kind=str(entry.get("source_kind")),
                    objective=number,
                    titled=bool(entry.get("objective")),
                    text=str(kr["text"]),
                    kind=str(kr.get("kind")),
                    behaviour=bool(kr.get("customer_behaviour")),
                    measurable=bool(kr.get("measurable")),
                    note=str(kr.get("note") or ""),
                    features=features(reading, hand_verdicts(reading)),
                )
            )
    return found


def target_of(name: str) -> Callable[[Example], bool | None]:
    """The label a model learns, or None for lines it leaves out."""
    if name == "output":
        return lambda e: None if e.kind == "ambiguous" else e.kind == "output"
    if name == "behaviour":
        return lambda e: e.behaviour
    return lambda e: not e.measurable


def train(name: str, examples: Sequence[Example]) -> dict[str, float]:
    label = target_of(name)
    kept = [(e.features, truth) for e in examples if (truth := label(e)) is not None]
    return fit([f for f, _ in kept], [t for _, t in kept])


def in_objectives(
    weight: float, examples: Sequence[Example], probabilities: dict[int, float]
) -> dict[int, float]:
    """Each example's probability with the others of its objective weighed in by `weight`, as
    okrlint weighs them when it lints (`okrlint.judgement.model.in_context`)."""
    if not weight:
        return probabilities
    grouped: dict[int, list[int]] = {}
    for at in probabilities:
        grouped.setdefault(examples[at].objective, []).append(at)
    return {
        at: in_context(
            probability,
            [probabilities[other] for other in grouped[examples[at].objective] if other != at],
            weight,
        )
        for at, probability in probabilities.items()
    }


def out_of_fold(
    name: str, examples: Sequence[Example], folds: Sequence[Sequence[str]]
) -> dict[int, float]:
    """Each example's probability from a model trained without its fold's organisations."""
    found: dict[int, float] = {}
    for fold in folds:
        left_out = set(fold)
        weights = train(name, [e for e in examples if e.org not in left_out])
        for at, example in enumerate(examples):
            if example.org in left_out:
                found[at] = sigmoid(sum(weights.get(f, 0.0) for f in example.features))
    return found


def group_folds(orgs: Sequence[str], count: int) -> list[list[str]]:
    ordered = sorted(set(orgs))
    return [ordered[i::count] for i in range(count)]


def objective_scores(
    examples: Sequence[Example], probabilities: dict[int, float]
) -> list[tuple[float, bool]]:
    """Per titled objective: the probability that none of its key results measures behaviour
    (one minus the largest; 0 where the hand-written verdict finds behaviour in one, as CUS001
    then stays silent), and whether that is so by the labels."""
    grouped: dict[int, list[tuple[float, Example]]] = {}
    for at, example in enumerate(examples):
        if example.titled and at in probabilities:
            grouped.setdefault(example.objective, []).append((probabilities[at], example))
    found = []
    for lines in grouped.values():
        none_behaves = 1.0 - max(p for p, _ in lines)
        if any(HAND_BEHAVIOUR in e.features for _, e in lines):
            none_behaves = 0.0
        found.append((none_behaves, not any(e.behaviour for _, e in lines)))
    return found


def precision_at(scored: Sequence[tuple[float, bool]], at: float) -> float:
    """The share of right findings among the probabilities at or above `at`."""
    flagged = [truth for probability, truth in scored if probability >= at]
    return sum(flagged) / len(flagged) if flagged else 1.0


def build(name: str, training: Sequence[Example]) -> Model:
    """A model trained on `training`, its thresholds chosen from probabilities of the training
    organisations each scored by a model trained without them (grouped folds)."""
    label = target_of(name)
    folds = group_folds([e.org for e in training], INNER_FOLDS)
    probabilities = in_objectives(
        CONTEXT_WEIGHT[name], training, out_of_fold(name, training, folds)
    )
    scored = [
        (probabilities[at], truth)
        for at, e in enumerate(training)
        if (truth := label(e)) is not None
    ]
    warning_at, precision = threshold_for(scored, PRECISION[name])
    # A finding under the hint threshold is not reported at all, so no warning starts below it
    # (precision at `report_at` is then at least what was asked).
    if warning_at < REPORT_AT[name]:
        warning_at, precision = REPORT_AT[name], precision_at(scored, REPORT_AT[name])
    objective_warning_at = objective_precision = None
    if name == "behaviour":
        objective_warning_at, objective_precision = threshold_for(
            objective_scores(training, probabilities), OBJECTIVE_PRECISION
        )
    return Model(
        name=name,
        weights=train(name, training),
        warning_at=round(warning_at, 5),
        report_at=REPORT_AT[name],
        precision=round(precision, 5),
        trained_on=(
            f"{len(training)} key results of {len({e.org for e in training})} organisations"
        ),
        objective_warning_at=None
        if objective_warning_at is None
        else round(objective_warning_at, 5),
        objective_precision=None if objective_precision is None else round(objective_precision, 5),
        context_weight=CONTEXT_WEIGHT[name],
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=None, help="labelled corpus (YAML)")
    parser.add_argument("--check", action="store_true", help="compare with the shipped weights")
    args = parser.parse_args(argv)
    corpus = args.corpus or default_corpus()
    if corpus is None:
        parser.error("no corpus found next to the repository; pass --corpus")
    examples = examples_of(load_corpus(corpus))
    differ = []
    for name in PRECISION:
        model = build(name, examples)
        text = json.dumps(model.to_json(), indent=0, sort_keys=True) + "\n"
        path = WEIGHTS / f"{name}.json"
        if args.check:
            if not path.is_file() or path.read_text(encoding="utf-8") != text:
                differ.append(name)
        else:
            WEIGHTS.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        print(
            f"{name}: {len(model.weights)} weights, warning at p >= {model.warning_at:.3f} "
            f"(precision {model.precision:.3f} left out), {model.trained_on}"
        )
    if differ:
        print("shipped weights differ from the corpus's: " + ", ".join(differ))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
