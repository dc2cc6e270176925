"""What the culture rules share."""

from __future__ import annotations

from okrlint.api import example_head


def example_key_results(period: str = "2026-Q1", kind: str = "aspirational") -> str:
    """An example's head down to the `key_results:` of an objective of `kind`."""
    head = example_head(period=period, objective="Make onboarding effortless", objective_type=kind)
    return head + "    key_results:\n"


def n_days(count: int) -> str:
    return f"{count} day" + ("" if count == 1 else "s")
