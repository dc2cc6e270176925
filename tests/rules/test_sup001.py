"""SUP001: what its metadata examples do not cover."""

from __future__ import annotations

from pathlib import Path

from rule_helpers import THIN_SET, check_concise, codes_of, lint_codes

from okrlint.findings import Severity


def test_unused_is_only_reported_for_rules_that_ran(tmp_path: Path) -> None:
    text = THIN_SET.format(o1="", kr="  # okrlint: disable=MEA001 -- vague on purpose").replace(
        "  - title: Win the mid-market", "  - title: Win the mid-market  # okrlint: disable=FOC003"
    )
    lines = check_concise(tmp_path, text)
    assert codes_of(lines) == ["FOC003", "SUP001"]
    narrowed = check_concise(tmp_path, text, "--select", "FOC003,SUP")
    assert codes_of(narrowed) == ["FOC003", "SUP001"]
    without_focus = check_concise(tmp_path, text, "--select", "MEA,SUP")
    assert without_focus == []


def test_the_finding_points_at_the_comment_names_the_code_and_is_info() -> None:
    text = THIN_SET.format(o1="", kr="").replace(
        "  - title: Win the mid-market", "  - title: Win the mid-market  # okrlint: disable=FOC003"
    )
    (finding,) = lint_codes(text, "FOC003", "SUP001")[1:]
    assert finding.code == "SUP001"
    assert (finding.line, finding.column) == (7, 32)
    assert finding.severity is Severity.INFO
    assert finding.message == (
        "unused suppression: FOC003 reported nothing on the item it covers; remove it from the "
        "comment"
    )


def test_only_the_unused_code_of_a_comment_is_reported() -> None:
    text = THIN_SET.format(o1="  # okrlint: disable=FOC003,MEA001 -- pilot", kr="")
    # FOC003 is on the objective it covers, MEA001 on its key result: both used.
    assert lint_codes(text, "FOC003", "MEA001", "SUP001") == []
    text = THIN_SET.format(o1="", kr="  # okrlint: disable=FOC003,MEA001 -- pilot")
    found = [f for f in lint_codes(text, "FOC003", "MEA001", "SUP001") if f.code == "SUP001"]
    assert [f.message.split(" reported")[0] for f in found] == ["unused suppression: FOC003"]
