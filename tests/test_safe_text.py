"""The one function every format quotes input through, and its JSON and Markdown forms."""

from __future__ import annotations

import json

import pytest

from okrlint.safe_text import inert, inert_json, inert_line_start, inert_markdown


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("a\x1b]0;title\x07b", "a\\x1b]0;title\\x07b"),
        ("\x9b31m red", "\\x9b31m red"),
        ("line\n::error file=x::y", "line\\x0a::error file=x::y"),
        ("::warning::x", "\\x3a:warning::x"),
        ("  ::notice::x", "  \\x3a:notice::x"),
        ("wrapped here ##vso[task.complete]", "wrapped here \\x23#vso[task.complete]"),
        ("a::b and c##d", "a::b and c##d"),  # mid-word: no line can start there
        ("caf\udce9.yaml", "caf\\xe9.yaml"),
        ("evil\u202etxt.yaml", "evil\\u202etxt.yaml"),
        ("del\x7f and \u2028", "del\\x7f and \\u2028"),
        ("plain text, 45%", "plain text, 45%"),
    ],
)
def test_inert(raw: str, shown: str) -> None:
    assert inert(raw) == shown


def test_a_wrapped_line_cannot_start_a_command() -> None:
    assert inert_line_start("    ::error file=x::y") == "    \\x3a:error file=x::y"
    assert inert_line_start("##[group]x") == "\\x23#[group]x"
    assert inert_line_start("  a ::b") == "  a ::b"


def test_json_keeps_values_and_prints_no_control() -> None:
    value = "del\x7f csi\x9b sep\u2028 rtl\u202e"
    text = inert_json(json.dumps({"v": value}, ensure_ascii=False))
    assert json.loads(text) == {"v": value}
    assert not any(c in text for c in "\x7f\x9b\u2028\u202e")


def test_markdown_shows_text_only() -> None:
    shown = inert_markdown("Team\r\n| <img src=x> ![i](u) `c` *b*")
    assert "\r" not in shown and "\n" not in shown and "<img" not in shown
    assert "\\|" in shown and "\\!\\[" in shown and "\\`" in shown and "\\*" in shown
