"""Random OKR files in many styles: fixing moves the work and leaves every other line as it was."""

from __future__ import annotations

import re
from pathlib import Path

import jsonschema
from hypothesis import given, settings
from hypothesis import strategies as st

from fixing_helpers import lint, make_registry
from fixing_helpers import settings as rule_settings
from okrlint.fix.runner import FileFix, fix_text, same_meaning
from okrlint.model import json_schema
from okrlint.pipeline.load import load_text
from okrlint.pipeline.run import RunOptions

REGISTRY = make_registry()
SCHEMA = jsonschema.Draft202012Validator(json_schema())
OUTCOMES = ["Raise activation from 30% to 45%", "Cut churn from 4% to 3%", "Grow NPS from 20 to 35"]
OUTPUTS = ["Launch the referral program", "Ship v2 of the wizard", "Launch: pricing page"]


def _title(key_result: object) -> object:
    """A key result's text: moves pin ids, so a kept one may become `{id: ..., title: ...}`."""
    return key_result.get("title") if isinstance(key_result, dict) else key_result


def schema_errors(text: str) -> set[tuple[str, str]]:
    """okrlint's JSON Schema errors of a one-document file, by the key they are under (a key
    result moved shifts the positions after it, not the keys)."""
    data = load_text(text, "okrs.yaml").documents[0].data
    return {
        (str(error.path[-1] if error.path else ""), error.message)
        for error in SCHEMA.iter_errors(data)
    }


@st.composite
def okr_files(draw: st.DrawFn) -> tuple[str, int]:
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    indent = draw(st.sampled_from([2, 4]))
    dash_indent = draw(st.sampled_from([0, indent]))
    lines = ["# OKRs", "team: Growth  # us", "period: 2026-Q1", "objectives:"]
    moved = 0
    for number in range(draw(st.integers(1, 3))):
        pad = " " * dash_indent
        lines.append(f"{pad}- title: Objective {number}")
        inner = pad + "  "
        lines.append(f"{inner}key_results:")
        items = draw(st.lists(st.sampled_from(OUTCOMES + OUTPUTS), min_size=1, max_size=5))
        # An objective of outputs only keeps one: `key_results:` is never left empty.
        kept_output = not any(item in OUTCOMES for item in items)
        initiatives = draw(st.sampled_from(["none", "before", "after", "empty"]))
        if initiatives == "before":
            lines.insert(len(lines) - 1, f"{inner}initiatives:")
            lines.insert(len(lines) - 1, f"{inner}{' ' * dash_indent}- Interview customers")
        for item in items:
            if draw(st.booleans()):
                lines.append("")
            if draw(st.booleans()):
                lines.append(f"{inner}{' ' * indent}# note on {item[:6]}")
            quoted = draw(st.sampled_from(["plain", "single", "double"]))
            if ":" in item:
                quoted = "double"
            shown = {"plain": item, "single": f"'{item}'", "double": f'"{item}"'}[quoted]
            comment = "  # why" if draw(st.booleans()) else ""
            lines.append(f"{inner}{' ' * indent}- {shown}{comment}")
            moved += item in OUTPUTS
        moved -= kept_output
        if initiatives == "after":
            lines.append(f"{inner}initiatives:")
            lines.append(f"{inner}  - Interview customers")
        elif initiatives == "empty":
            lines.append(f"{inner}initiatives:")
        if draw(st.booleans()):
            lines.append(f"{inner}owner: Dana")
    ending = newline if draw(st.booleans()) else ""
    return newline.join(lines) + ending, moved


def without_written_ids(text: str) -> str:
    """The text as it was before the fix wrote the key results' positional ids."""
    text = re.sub(r"\{id: KR\d+, title: (.*?)\}", r"\1", text)
    return re.sub(r"id: KR\d+(\r?\n) *", "", text)


@settings(max_examples=60, deadline=None)
@given(okr_files())
def test_fixing_random_files(case: tuple[str, int]) -> None:
    text, moved = case
    record = FileFix(Path("okrs.yaml"), "okrs.yaml", text, text)
    chosen = rule_settings(REGISTRY, ["TST001"])
    result = fix_text(text, Path("okrs.yaml"), "okrs.yaml", chosen, REGISTRY, RunOptions(), record)
    assert len(record.applied) == moved
    assert record.refused == []
    assert same_meaning(load_text(text, "okrs.yaml"), result, Path("okrs.yaml"), "okrs.yaml")
    # What is left to fix is one output per objective that had nothing else; the result is a
    # valid OKR set, by okrlint's own JSON Schema, with no error okrlint did not find before.
    assert len(lint(result, REGISTRY, ["TST001"])) == sum(
        1
        for objective in load_text(result, "okrs.yaml").documents[0].data["objectives"]
        if all(_title(kr) in OUTPUTS for kr in objective["key_results"])
    )
    assert schema_errors(result) <= schema_errors(text)
    # Every line that was not part of a moved item is still there, byte for byte, in order.
    moved_lines = {line for line in text.splitlines() if any(o in line for o in OUTPUTS)}
    kept_before = [
        line
        for line in text.splitlines(keepends=True)
        if line.rstrip("\r\n") not in moved_lines and not line.lstrip().startswith("# note")
    ]
    # Key results after a moved one get the id their place gave them, written out.
    remaining = iter(without_written_ids(result).splitlines(keepends=True))
    for line in kept_before:
        assert any(
            candidate == line or candidate.rstrip("\r\n") == line.rstrip("\r\n")
            for candidate in remaining
        ), line
    if "\r\n" in text:
        assert "\n" not in result.replace("\r\n", "")


@settings(max_examples=150, deadline=None)
@given(okr_files(), st.data())
def test_damaged_files_never_break_the_rule_or_the_fixer(
    case: tuple[str, int], data: st.DataObject
) -> None:
    """Cut, duplicate or insert characters anywhere: findings may change, nothing crashes."""
    text, _ = case
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(text)))
        action = data.draw(st.sampled_from(["cut", "insert", "duplicate"]))
        if action == "cut":
            text = text[:at] + text[at + data.draw(st.integers(1, 8)) :]
        elif action == "insert":
            text = text[:at] + data.draw(st.sampled_from(list("-:[]{},#&*!|>'\" \n\t"))) + text[at:]
        else:
            text = text[:at] + text[at : at + 20] + text[at:]
    findings = lint(text, REGISTRY, ["TST001"])
    assert all("failed" not in f.message for f in findings)
    record = FileFix(Path("okrs.yaml"), "okrs.yaml", text, text)
    chosen = rule_settings(REGISTRY, ["TST001"])
    result = fix_text(text, Path("okrs.yaml"), "okrs.yaml", chosen, REGISTRY, RunOptions(), record)
    if result != text:
        assert same_meaning(load_text(text, "okrs.yaml"), result, Path("okrs.yaml"), "okrs.yaml")
