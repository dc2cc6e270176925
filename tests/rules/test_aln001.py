"""ALN001: what its metadata examples do not cover."""

from __future__ import annotations

from rule_helpers import lint_rule


def _set(team: str, period: str, aligns: str = "", objective_aligns: str = "") -> str:
    link = f"aligns_to: {aligns}\n" if aligns else ""
    objective_link = f"    aligns_to: {objective_aligns}\n" if objective_aligns else ""
    return (
        f"team: {team}\nperiod: {period}\n{link}objectives:\n  - id: O1\n    title: Grow\n"
        f"{objective_link}    key_results: [Raise activation from 30% to 45%]\n"
    )


def test_alignment_suggests_the_nearest_objective_and_period() -> None:
    text = (
        _set("Company", "2026-Q1")
        + "---\n"
        + _set("Growth", "2026-Q1", "Company/2026-Q1#01")
        + "---\n"
        + _set("Sales", "2026-Q1", "company/2026-Q")
    )
    messages = [f.message for f in lint_rule(text, "ALN001")]
    assert messages == [
        "aligns_to 'Company/2026-Q1#01': Company/2026-Q1 has no objective '01' (it has O1); "
        "did you mean 'O1'?",
        "aligns_to 'company/2026-Q': '2026-Q' is not a period (2026-Q1, 2026-H1, 2026 or 2026-03)",
    ]


def test_alignment_to_a_set_of_another_cadence_resolves_by_dates() -> None:
    # A quarter aligning to the company's year, with the period left out or written out.
    text = (
        _set("Company", "2026")
        + "---\n"
        + _set("Growth", "2026-Q2", "company#O1")
        + "---\n"
        + _set("Sales", "2026-Q2", "company/2026#O1")
        + "---\n"
        + _set("Support", "2027-Q1", "company#O1")
    )
    [finding] = lint_rule(text, "ALN001")
    assert finding.message.startswith("aligns_to 'company#O1': Company has no OKR set overlapping")


def test_alignment_cycles_are_reported_and_terminate() -> None:
    self_link = _set("Growth", "2026-Q1", objective_aligns="growth/2026-Q1#O1")
    [finding] = lint_rule(self_link, "ALN001")
    assert "Growth/2026-Q1#O1 -> Growth/2026-Q1#O1" in finding.message
    three = (
        _set("A", "2026-Q1", "b/2026-Q1#O1")
        + "---\n"
        + _set("B", "2026-Q1", "c/2026-Q1#O1")
        + "---\n"
        + _set("C", "2026-Q1", "a/2026-Q1#O1")
        + "---\n"
        # D points into the loop without being part of it: no cycle for D, and no hang.
        + _set("D", "2026-Q1", "a/2026-Q1#O1")
    )
    findings = lint_rule(three, "ALN001")
    assert [f.line for f in findings] == [3, 11, 19]
    assert "A/2026-Q1 -> B/2026-Q1#O1 -> C/2026-Q1#O1 -> A/2026-Q1#O1" in findings[0].message


def test_a_circle_is_found_whatever_other_links_walked_into_it_first() -> None:
    # The earlier set's link runs into the later set's O1, which leads into a circle (O2 serves
    # itself through its set's link) without being on it; the later set's own link is still
    # reported, as when it is linted alone.
    later = (
        "team: Company\nperiod: 2026-Q1\naligns_to: company#O2\nobjectives:\n"
        "  - id: O1\n    title: One\n    key_results: [Raise activation from 30% to 45%]\n"
        "  - id: O2\n    title: Two\n    key_results: [Raise activation from 30% to 45%]\n"
    )
    earlier = _set("Company", "2025-Q4", "company/2026-Q1#O1")
    alone = [f.message for f in lint_rule(later, "ALN001")]
    assert alone == [
        "alignment goes round in a circle: Company/2026-Q1 -> Company/2026-Q1#O2; an objective "
        "cannot serve itself. Point one link up to a parent objective."
    ]
    assert [f.message for f in lint_rule(earlier + "---\n" + later, "ALN001")] == alone


def test_a_circle_is_named_from_each_link_as_its_own_walk_names_it() -> None:
    # Company's link reaches Growth's O1 and comes back; Growth's own link is then already
    # known to be on the circle, and is reported as when Growth is linted without Company
    # walked first: from Growth's link, each objective as a link reaches it.
    company = _set("Company", "2026-Q1", "growth/2026-Q1#O1")
    growth = _set("Growth", "2026-Q1", "company/2026-Q1#O1")
    both = lint_rule(company + "---\n" + growth, "ALN001")
    assert [f.message.split(";")[0] for f in both] == [
        "alignment goes round in a circle: Company/2026-Q1 -> Growth/2026-Q1#O1 -> "
        "Company/2026-Q1#O1",
        "alignment goes round in a circle: Growth/2026-Q1 -> Company/2026-Q1#O1 -> "
        "Growth/2026-Q1#O1",
    ]
    reversed_order = lint_rule(growth + "---\n" + company, "ALN001")
    assert sorted(f.message for f in reversed_order) == sorted(f.message for f in both)
