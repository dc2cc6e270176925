"""A logistic model over string features: the probability that a judgement holds.

Pure Python and cheap: a key result has a few dozen features, so a probability is a few dozen
dictionary look-ups and one exponential. The weights are data (`weights/*.json`), written by
`bench/train.py` and shipped inside the package.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import repeat
from pathlib import Path
from typing import Any

FORMAT = 1
# Probabilities are kept this far from 0 and 1 before their log-odds are taken.
_CLIP = 1e-6


@dataclass(frozen=True)
class Model:
    """One judgement's weights and the probability above which its finding is a warning."""

    name: str
    weights: Mapping[str, float]
    # At or above it the finding is a warning: chosen so that, on organisations the model was
    # not trained on, warnings were right at least `precision` of the time.
    warning_at: float
    # Below it the finding is not reported at all (neither warning nor hint).
    report_at: float
    precision: float
    trained_on: str
    # For the behaviour model: the same thresholds for the verdict that no key result of an
    # objective measures behaviour (probability: one minus the largest of its key results').
    objective_warning_at: float | None = None
    objective_precision: float | None = None
    # For the output model: how much the verdicts on the other key results of the same
    # objective weigh in one's verdict (`in_context`); 0 for a model that judges a text alone.
    context_weight: float = 0.0

    def score(self, features: Iterable[str]) -> float:
        # `fsum` is exact, so the score does not depend on the order of the features: they
        # often come as a set, whose order changes from one process to the next with the
        # hash seed, and a plain sum's last bits with it. `map` saves a Python frame per
        # feature (every key result has dozens).
        return math.fsum(map(self.weights.get, features, repeat(0.0)))

    def probability(self, features: Iterable[str]) -> float:
        return sigmoid(self.score(features))

    def strongest(self, features: Iterable[str], count: int = 3) -> list[tuple[str, float]]:
        """The features that push the probability up most, strongest first."""
        weights = self.weights
        pushing = [(f, weights[f]) for f in features if weights.get(f, 0.0) > 0 and f != "bias"]
        pushing.sort(key=lambda pair: (-pair[1], pair[0]))
        return pushing[:count]

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "name": self.name,
            "warning_at": self.warning_at,
            "report_at": self.report_at,
            "precision": self.precision,
            "trained_on": self.trained_on,
            "objective_warning_at": self.objective_warning_at,
            "objective_precision": self.objective_precision,
            "context_weight": self.context_weight,
            "weights": {k: round(v, 5) for k, v in sorted(self.weights.items())},
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Model:
        if data.get("format") != FORMAT:
            raise ValueError(f"unknown model format {data.get('format')!r}")
        return cls(
            name=str(data["name"]),
            weights={str(k): float(v) for k, v in data["weights"].items()},
            warning_at=float(data["warning_at"]),
            report_at=float(data["report_at"]),
            precision=float(data["precision"]),
            trained_on=str(data["trained_on"]),
            objective_warning_at=_optional(data.get("objective_warning_at")),
            objective_precision=_optional(data.get("objective_precision")),
            context_weight=float(data.get("context_weight") or 0.0),
        )


def _optional(value: Any) -> float | None:
    return None if value is None else float(value)


def in_context(probability: float, others: Sequence[float], weight: float) -> float:
    """A key result's probability with the verdicts on its objective's other key results
    weighed in: its log-odds plus `weight` times the mean log-odds of the others. A team that
    writes one key result as a piece of work tends to write its neighbours the same way, so
    they are evidence too; with no other key result, the probability is its own."""
    if not others or weight == 0.0:
        return probability
    mean = sum(log_odds(p) for p in others) / len(others)
    return sigmoid(log_odds(probability) + weight * mean)


def log_odds(probability: float) -> float:
    clipped = min(max(probability, _CLIP), 1.0 - _CLIP)
    return math.log(clipped / (1.0 - clipped))


def sigmoid(score: float) -> float:
    if score >= 0:
        return 1.0 / (1.0 + math.exp(-score))
    tiny = math.exp(score)
    return tiny / (1.0 + tiny)


@lru_cache(maxsize=8)
def shipped_model(name: str) -> Model:
    """The model shipped with okrlint under `weights/<name>.json`."""
    # Next to this module, in the source tree and in an installed wheel alike (importlib's
    # resources would cost more to import than the weights cost to read).
    text = (Path(__file__).parent / "weights" / f"{name}.json").read_text(encoding="utf-8")
    return Model.from_json(json.loads(text))
