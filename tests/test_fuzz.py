"""Property-based fuzzing: no input crashes okrlint (2,100 cases per run, fixed seed).

Longer runs with fresh seeds: `python bench/fuzz.py --cases 100000`.
"""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fuzzing import crashes, lint_bytes, okr_documents, to_yaml

# The same cases every run, so a failure in CI is a failure on every machine.
FIXED = settings(
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
YAML_ALPHABET = st.sampled_from(
    [
        *"abcdefghijklmnopqrstuvwxyz0123456789 \n\t:-[]{},#&*!|>'\"%@`?~.+_/\\=<",
        *("objectives:", "key_results:", "team: T\n", "period: 2026-Q1\n", "\n  - ", "é", "\x85"),
    ]
)


@settings(FIXED, max_examples=1100)
@given(okr_documents)
def test_documents_near_the_okr_format_never_crash(documents: list[Any]) -> None:
    report = lint_bytes(to_yaml(documents))
    assert crashes(report) == []


@settings(FIXED, max_examples=600)
@given(st.binary(max_size=400))
def test_random_bytes_never_crash(raw: bytes) -> None:
    report = lint_bytes(raw)
    assert crashes(report) == []


@settings(FIXED, max_examples=400)
@given(st.lists(YAML_ALPHABET, max_size=120).map("".join))
def test_random_yaml_like_text_never_crashes(text: str) -> None:
    report = lint_bytes(("team: T\nperiod: 2026-Q1\n" + text).encode("utf-8", "surrogatepass"))
    assert crashes(report) == []
