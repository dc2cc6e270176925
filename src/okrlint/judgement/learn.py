"""Fitting a logistic model, in pure Python and deterministically (used by `bench/train.py` and
`bench/accuracy.py`, never at run time).

Stochastic gradient descent over the examples in an order drawn from a fixed seed, with an L2
penalty applied to the weights an example touches; the same examples give the same weights on
every machine.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence

from okrlint.judgement.model import sigmoid

EPOCHS = 20
RATE = 0.01
PENALTY = 0.002
SEED = 13


def fit(
    examples: Sequence[frozenset[str]],
    labels: Sequence[bool],
    *,
    epochs: int = EPOCHS,
    rate: float = RATE,
    penalty: float = PENALTY,
    min_count: int = 2,
) -> dict[str, float]:
    """Weights of a logistic model of `labels` given `examples` (sets of features)."""
    counts: dict[str, int] = {}
    for example in examples:
        for feature in example:
            counts[feature] = counts.get(feature, 0) + 1
    names = sorted(f for f, n in counts.items() if n >= min_count)
    index = {name: at for at, name in enumerate(names)}
    rows = [sorted(index[f] for f in example if f in index) for example in examples]
    targets = [1.0 if label else 0.0 for label in labels]
    weights = [0.0] * len(names)
    order = list(range(len(rows)))
    shuffle = random.Random(SEED)
    for epoch in range(epochs):
        shuffle.shuffle(order)
        step = rate / (1.0 + epoch * 0.5)
        keep = 1.0 - step * penalty
        for at in order:
            row = rows[at]
            score = 0.0
            for column in row:
                score += weights[column]
            change = step * (targets[at] - sigmoid(score))
            for column in row:
                weights[column] = weights[column] * keep + change
    return {
        name: weight
        for name, weight in zip(names, weights, strict=True)
        if abs(weight) >= 1e-4 and math.isfinite(weight)
    }


def threshold_for(
    scored: Sequence[tuple[float, bool]], precision: float, min_flags: int = 10
) -> tuple[float, float]:
    """The lowest probability at which findings were right at least `precision` of the time
    (over every finding at or above it), and that precision; 1.0 when none is."""
    ranked = sorted(scored, key=lambda pair: -pair[0])
    best = (1.0, 0.0)
    right = 0
    for count, (probability, truth) in enumerate(ranked, start=1):
        right += truth
        if count >= min_flags and right / count >= precision:
            nxt = ranked[count][0] if count < len(ranked) else -1.0
            if nxt < probability:
                best = (probability, right / count)
    return best
