"""What the sandbagging rules share."""

from __future__ import annotations

EXAMPLE_HEAD = "team: Growth\nperiod: 2026-Q1\nobjectives:\n  - title: Make onboarding effortless\n"
COMMITTED_EXAMPLE = (
    "team: Growth\nperiod: 2026-Q1\nobjectives:\n  - title: Keep the lights on\n"
    "    type: committed\n"
)
# Comparisons of fractions computed from decimals ("5 to 5.5" is 0.1) must not miss by 1e-16.
EPSILON = 1e-9


def percent(share: float) -> str:
    return f"{share * 100:.3g}%"
