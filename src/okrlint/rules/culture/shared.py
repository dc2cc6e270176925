"""What the culture rules share."""

from __future__ import annotations


def example_head(period: str = "2026-Q1", kind: str = "aspirational") -> str:
    return (
        f"team: Growth\nperiod: {period}\nobjectives:\n  - title: Make onboarding effortless\n"
        f"    type: {kind}\n    key_results:\n"
    )


def n_days(count: int) -> str:
    return f"{count} day" + ("" if count == 1 else "s")
