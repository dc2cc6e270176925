"""Strategies for fuzzing okrlint with hypothesis: OKR documents that are almost right.

Shared by tests/test_fuzz.py (a fixed number of cases in every test run) and bench/fuzz.py
(long runs). A case is the bytes of a file; `lint_bytes` runs the whole pipeline on it with every
rule selected and returns the report. A crash is an exception out of it, or a rule that failed.
"""

from __future__ import annotations

import datetime as dt
import io
import math
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from okrlint.config.files import DEFAULT
from okrlint.config.settings import Overrides, resolve
from okrlint.findings import Report
from okrlint.pipeline.load import load_bytes
from okrlint.pipeline.run import RunOptions, check_sources
from okrlint.rules.assembly import installed_rules
from okrlint.sources import SourceFile

TODAY = dt.date(2026, 5, 1)

# Values a careless or hostile file puts where a number, a date or a text belongs.
odd_numbers = st.one_of(
    st.integers(min_value=-(10**40), max_value=10**40),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0, -1, 1, 0.0, -0.0, 1e308, -1e308, 5e-324, 10**100, math.nan, math.inf]),
)
odd_texts = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        [
            "", " ", "6/10", "60%", "0.6", "-5%", "1e400", "NaN", "inf", "2026-02-30", "Q5",
            "2026-Q1", "2026-H3", "from 32% to 45%", "Raise activation from 3% to 5%",
            "Launch the new app", "∞", "١٢٣", "🚀 grow 10x", "a" * 300, "\t", "\u202e", "null",
        ]
    ),
)  # fmt: skip
odd_dates = st.one_of(
    st.dates(),
    st.datetimes(),
    st.integers(min_value=-(10**6), max_value=10**10),
    st.sampled_from(["2026-01-14", "14/01/2026", "yesterday", "2026-13-01", "20260114"]),
)
scalars = st.one_of(st.none(), st.booleans(), odd_numbers, odd_texts, odd_dates)
anything = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.one_of(odd_texts, st.integers()), children, max_size=4),
    ),
    max_leaves=8,
)


words = st.sampled_from(
    ["Raise", "Cut", "Grow", "Launch", "Ship", "Hire", "customers", "weekly", "active", "users",
     "activation", "churn", "revenue", "from", "to", "by", "the", "new", "onboarding", "NPS",
     "maintain", "at", "least", "%", "k", "days", "time", "first", "invoice", "1,000", "$5M"]
)  # fmt: skip
numbers_in_text = st.one_of(
    st.integers(min_value=-5, max_value=10**6).map(str),
    st.floats(min_value=0, max_value=100, allow_nan=False).map(lambda f: f"{f:.1f}%"),
)
texts = st.lists(st.one_of(words, words, numbers_in_text), min_size=1, max_size=8).map(" ".join)
plain_numbers = st.one_of(
    st.integers(min_value=-100, max_value=10**6),
    st.floats(min_value=-100, max_value=10**6, allow_nan=False),
)
good_dates = st.dates(min_value=dt.date(2024, 1, 1), max_value=dt.date(2027, 12, 31))

# Documents in the OKR format, valid as far as the format goes, so that every rule gets to run.
checkin = st.fixed_dictionaries(
    {"date": good_dates},
    optional={
        "value": plain_numbers,
        "confidence": st.floats(min_value=0, max_value=1),
        "note": texts,
    },
)
key_result_mapping = st.fixed_dictionaries(
    {"title": texts},
    optional={
        "id": st.sampled_from(["KR1", "KR2", "KR3", "kr-1"]),
        "metric": texts,
        "baseline": plain_numbers,
        "target": plain_numbers,
        "current": plain_numbers,
        "unit": st.sampled_from(["%", "k", "min", "$", "users"]),
        "direction": st.sampled_from(["increase", "decrease", "maintain"]),
        "confidence": st.one_of(
            st.floats(min_value=0, max_value=1), st.sampled_from(["6/10", "60%", "0.9"])
        ),
        "score": st.floats(min_value=0, max_value=1),
        "owner": texts,
        "checkins": st.lists(checkin, max_size=3),
        "learnings": texts,
        "x-extra": scalars,
    },
)
objective = st.fixed_dictionaries(
    {"title": texts, "key_results": st.lists(st.one_of(texts, key_result_mapping), max_size=6)},
    optional={
        "id": st.sampled_from(["O1", "O2", "O3"]),
        "type": st.sampled_from(["committed", "aspirational"]),
        "description": texts,
        "aligns_to": st.sampled_from(["company/2026-Q1#O1", "company/2026-Q1#O9", "a/b#c"]),
        "initiatives": st.lists(texts, max_size=3),
    },
)
period = st.one_of(
    st.sampled_from(["2026-Q1", "2025-Q4", "2026-H2", "2026", "2026-Q2", "2025-Q1"]),
    st.builds(
        lambda start, days: {"start": start, "end": start + dt.timedelta(days=days)},
        good_dates,
        st.integers(min_value=0, max_value=400),
    ),
)
okr_set = st.fixed_dictionaries(
    {
        "team": st.sampled_from(["Growth", "Payments", "Search"]),
        "period": period,
        "objectives": st.lists(objective, max_size=5),
    },
    optional={"owner": texts, "aligns_to": st.just("company/2026-Q1#O1"), "x-notes": scalars},
)

# Then a few mutations: a value anywhere replaced by a wrong one, or a key removed.
DELETE = object()
wrong_values = st.one_of(scalars, anything, st.just(DELETE))


def _places(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _places(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _places(value, (*path, index))
    return found


def _mutate(document: Any, mutations: list[tuple[int, Any]]) -> Any:
    for choice, value in mutations:
        places = _places(document)[1:]  # not the document itself
        if not places:
            return value if value is not DELETE else document
        *parent_path, last = places[choice % len(places)]
        parent = document
        for step in parent_path:
            parent = parent[step]
        if value is DELETE:
            del parent[last]
        else:
            parent[last] = value
    return document


mutated_set = st.builds(
    _mutate, okr_set, st.lists(st.tuples(st.integers(0, 10**6), wrong_values), max_size=3)
)
# Several documents in one file; an OKR set first most of the time.
okr_documents = st.lists(
    st.one_of(mutated_set, mutated_set, mutated_set, anything), min_size=1, max_size=2
)


def to_yaml(documents: list[Any]) -> bytes:
    """The documents as YAML (ruamel's C emitter: floats as .nan/.inf, dates unquoted)."""
    from ruamel.yaml import YAML

    yaml = YAML(typ="safe", pure=False)
    yaml.allow_unicode = True
    out = io.StringIO()
    yaml.dump_all(documents, out)
    return out.getvalue().encode("utf-8")


def lint_bytes(raw: bytes, name: str = "fuzz.yaml") -> Report:
    """The whole pipeline on one file's bytes with every rule selected."""
    registry = installed_rules()
    settings = resolve(DEFAULT, registry, Overrides(select=["ALL"]))
    source = load_bytes(raw, SourceFile(path=Path(name), display=name))
    return check_sources([(source, settings)], registry, RunOptions(today=TODAY), settings)


def crashes(report: Report) -> list[str]:
    """What went wrong inside okrlint (a rule that failed), as opposed to findings."""
    return list(report.errors)
