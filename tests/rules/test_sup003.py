"""SUP003: what its metadata examples do not cover."""

from __future__ import annotations

from pathlib import Path

import pytest
from rule_helpers import THIN_SET, check_concise, codes_of, lint_codes

from okrlint.findings import Severity


def test_an_unknown_code_is_reported_with_the_nearest_known_one(tmp_path: Path) -> None:
    text = THIN_SET.format(o1="", kr="  # okrlint: disable=MEA01, MEA001")
    lines = check_concise(tmp_path, text)
    # MEA001 is still suppressed by the other, known code of the comment.
    assert codes_of(lines) == ["FOC003", "SUP003"]
    assert "no rule is called 'MEA01'; did you mean MEA001?" in lines[1]


def test_the_finding_is_a_warning_at_the_comment() -> None:
    text = THIN_SET.format(o1="  # okrlint: disable=FOC030", kr="")
    (finding,) = lint_codes(text, "SUP003")
    assert (finding.line, finding.column) == (4, 40)
    assert finding.severity is Severity.WARNING


@pytest.mark.parametrize("code", ["FOC003", "too-few-key-results", "FOC", "focus", "foc003"])
def test_codes_names_prefixes_and_families_are_known(code: str) -> None:
    text = THIN_SET.format(o1=f"  # okrlint: disable={code} -- pilot", kr="")
    assert lint_codes(text, "FOC003", "SUP003") == []
