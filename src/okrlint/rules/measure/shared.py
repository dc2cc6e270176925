"""What the measure rules share."""

from __future__ import annotations

EXAMPLE_HEAD = "team: Growth\nperiod: 2026-Q1\nobjectives:\n  - title: Make onboarding effortless\n"
