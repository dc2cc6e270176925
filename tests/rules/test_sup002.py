"""SUP002: what its metadata examples do not cover."""

from __future__ import annotations

from pathlib import Path

import pytest
from rule_helpers import THIN_SET, check_concise, codes_of, lint_codes

from okrlint.findings import Severity


def test_a_malformed_directive_is_a_finding_and_suppresses_nothing(tmp_path: Path) -> None:
    text = THIN_SET.format(o1="  # okrlint: disable FOC003", kr="")
    lines = check_concise(tmp_path, text)
    assert codes_of(lines) == ["FOC003", "SUP002", "MEA001"]
    assert "cannot read this suppression" in lines[1]


@pytest.mark.parametrize(
    "comment",
    ["# okrlint: disable FOC003", "# okrlint: disabel=FOC003", "# okrlint: disable="],
)
def test_each_misspelling_is_reported_at_the_comment_as_a_warning(comment: str) -> None:
    text = THIN_SET.format(o1=f"  {comment}", kr="")
    (finding,) = lint_codes(text, "SUP002")
    assert (finding.line, finding.column) == (4, 40)
    assert finding.severity is Severity.WARNING
    assert "`# okrlint: disable=CODE -- reason`" in finding.message


def test_a_comment_that_does_not_start_with_okrlint_is_not_a_directive() -> None:
    text = THIN_SET.format(o1="  # disable FOC003 okrlint", kr="  # see okrlint docs")
    assert lint_codes(text, "SUP002") == []
