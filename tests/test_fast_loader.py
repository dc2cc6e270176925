"""The fast loading path gives what ruamel's own loader gives, and survives what crashes it."""

from __future__ import annotations

import io
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from okrlint.pipeline.load import _compose_all, load_text

TRICKY_SCALARS = [
    "",
    "~",
    "null",
    "Null",
    "NULL",
    "nULL",
    "true",
    "True",
    "TRUE",
    "tRUE",
    "yes",
    "no",
    "on",
    "off",
    "y",
    "n",
    "0",
    "-0",
    "+1",
    "007",
    "0o17",
    "0x1F",
    "0b101",
    "1_000",
    "1e3",
    "1.5e-3",
    "1.",
    ".5",
    "-.5",
    ".inf",
    "-.Inf",
    "+.INF",
    ".nan",
    ".NaN",
    "1:30",
    "190:20:30",
    "2026-03-31",
    "2026-3-1",
    "2026-03-31T10:00:00Z",
    "2026-03-31 10:00:00.5 +02:00",
    "2026-Q1",
    "45%",
    "6/10",
    "<<",
    "=",
    "0.6",
    "1,000",
    "Raise activation",
    "v1.2.3",
]


def _tags_by_ruamel(text: str) -> list[str]:
    nodes = YAML(typ="safe", pure=False).compose_all(io.StringIO(text))
    return [tag for node in nodes for tag in _walk(node)]


def _tags_by_okrlint(text: str) -> list[str]:
    return [tag for node in _compose_all(text) for tag in _walk(node)]


def _walk(node: Any) -> list[str]:
    tags = [str(node.tag)]
    if node.id == "mapping":
        for key, value in node.value:
            tags += _walk(key) + _walk(value)
    elif node.id == "sequence":
        for item in node.value:
            tags += _walk(item)
    return tags


def test_every_tricky_scalar_resolves_as_ruamel_resolves_it() -> None:
    for scalar in TRICKY_SCALARS:
        for text in (f"value: {scalar}\n", f"- [{scalar}]\n", f"{scalar}: 1\n"):
            try:
                expected = _tags_by_ruamel(text)
            except Exception:
                continue  # not valid YAML in this position; nothing to compare
            assert _tags_by_okrlint(text) == expected, text


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789+-._:eExXoObBTtZz ~nNuUlLfFaAsS%<", max_size=12))
def test_random_number_like_scalars_resolve_as_ruamel_resolves_them(scalar: str) -> None:
    text = f"value: {scalar}\n"
    try:
        expected = _tags_by_ruamel(text)
    except Exception:
        return
    assert _tags_by_okrlint(text) == expected


def test_a_yaml_version_directive_changes_nothing_as_in_ruamel() -> None:
    text = "%YAML 1.1\n---\nteam: yes\nperiod: 2026-Q1\nobjectives: [on, 0o17, 012, 1_0]\n"
    assert _tags_by_okrlint(text) == _tags_by_ruamel(text)


def test_values_are_typed_as_the_yaml_core_schema_says() -> None:
    data = (
        load_text(
            "team: T\nperiod: 2026-Q1\nobjectives: []\n"
            "a: 0x10\nb: 1_000\nc: .inf\nd: ~\ne: 2026-03-31\nf: '12'\ng: 1e3\n"
        )
        .documents[0]
        .data
    )
    assert data["a"] == 16 and data["b"] == 1000 and data["c"] == float("inf")
    assert data["d"] is None and str(data["e"]) == "2026-03-31"
    assert data["f"] == "12" and data["g"] == 1000.0
