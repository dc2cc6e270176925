"""What the focus rules share."""

from __future__ import annotations

EXAMPLE_HEAD = "team: Growth\nperiod: 2026-Q1\n"
