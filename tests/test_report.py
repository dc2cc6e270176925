"""`okrlint report`: the numbers per team and period, the formula, HTML and Markdown output."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from typer.testing import CliRunner

from okrlint.cli import app
from okrlint.dashboard import build_report, quality_score, render_html, render_markdown
from okrlint.dashboard.data import band_of
from okrlint.pipeline.run import RunOptions
from samples import ONLY_TYPO as TYPO

GOOD_KRS = (
    "      - title: Raise week-1 activation of new teams from 30% to 45%\n"
    "        score: {a}\n"
    "      - title: Cut monthly churn of paying teams from 4% to 3%\n"
    "        score: {b}\n"
)


def okr_set(
    team: str, period: str, objectives: int = 1, krs: str = GOOD_KRS, **scores: float
) -> str:
    text = f"team: {team}\nperiod: {period}\nobjectives:\n"
    for number in range(objectives):
        text += f"  - title: Objective {number + 1} of {team}\n    key_results:\n"
        text += krs.format(a=scores.get("a", 0.7), b=scores.get("b", 0.5))
    return text


def write_repo(root: Path) -> Path:
    # Only the rules these numbers are worked out for, so that new rules do not shift them.
    (root / ".okrlint.yaml").write_text("select: [FOC001, FOC003, STR]\n")
    okrs = root / "okrs"
    for period in ("2025-Q4", "2026-Q1"):
        (okrs / period).mkdir(parents=True)
    (okrs / "2025-Q4" / "growth.yaml").write_text(okr_set("Growth", "2025-Q4", a=0.2, b=0.9))
    # Four objectives: FOC001 (warning) on the set.
    (okrs / "2026-Q1" / "growth.yaml").write_text(okr_set("Growth", "2026-Q1", objectives=4))
    # One key result under the objective: FOC003 (warning); and a second, clean document.
    one_kr = "      - Raise week-1 activation of new teams from 30% to 45%\n"
    (okrs / "2026-Q1" / "sales.yaml").write_text(
        okr_set("Sales <Team>", "2026-Q1", krs=one_kr) + "---\n" + okr_set("Support", "2026-Q1")
    )
    (okrs / "2026-Q1" / "broken.yaml").write_text("team: Broken\nperiod: 2026-Q1\nobjectives: 3\n")
    return okrs


def test_score_formula() -> None:
    assert quality_score(0, 30) == 100
    assert quality_score(4, 30) == 87  # one warning on 1 objective + 2 key results
    assert quality_score(10, 10) == 0
    assert quality_score(50, 30) == 0  # never below 0
    assert quality_score(1, 0) == 90  # capacity is at least 10


def test_the_score_counts_whether_objectives_measure_customers() -> None:
    assert quality_score(0, 30, customer_share=1.0) == 100
    assert quality_score(0, 30, customer_share=0.0) == 60  # clean, but measures no customer
    assert quality_score(0, 30, customer_share=0.5) == 80
    assert quality_score(4, 30, customer_share=None) == 87  # CUS001 not selected: not counted


def test_customers_invalid_periods_and_findings_in_the_report(tmp_path: Path) -> None:
    okrs = tmp_path / "okrs"
    okrs.mkdir()
    (tmp_path / ".okrlint.yaml").write_text(
        "select: [FOC003, CUS001, STR]\nseverity: {CUS001: warning}\n"
    )
    # No key result about what customers do: CUS001 on the objective.
    internal = (
        "team: Platform\nperiod: 2026-Q1\nobjectives:\n"
        "  - title: Make the build fast\n    key_results:\n"
        "      - Cut median build time from 20 to 8 minutes\n"
        "      - Cut flaky test reruns from 12% to 3%\n"
    )
    (okrs / "platform.yaml").write_text(internal)
    # Two sets with periods okrlint cannot read, under one heading, and a typo'd key.
    (okrs / "a.yaml").write_text("team: Ops\nperiod: 2026-Q5\nobjectives: []\n")
    (okrs / "b.yaml").write_text("team: Ops\nperiod: spring\nobjectives: []\n")
    (okrs / "growth.yaml").write_text(TYPO)  # STR002 on the key result 'Raise activation'
    built = build_report([okrs], RunOptions(today=dt.date(2026, 2, 15)))
    assert built.periods == ["2026-Q1", "unrecognised period"]
    platform = built.cell("Platform", "2026-Q1")
    assert platform is not None and platform.customer_share == 0.0
    # One CUS001 warning (penalty 4 of 30) and no customer metric: 87 x 0.6.
    assert platform.score == 52
    page = render_html(built)
    assert "<th>unrecognised period</th>" in page and "<th>spring</th>" not in page
    # Each team's findings are listed with the key result or objective they are about.
    findings = page.split('<section id="findings">', 1)[1]
    assert "<summary>Platform: 1 finding</summary>" in findings
    assert "CUS001" in findings and "2026-Q1 O1" in findings
    assert "&ldquo;Make the build fast&rdquo;" in findings
    growth = findings.split("<summary>Growth: 1 finding</summary>", 1)[1].split("</details>")[0]
    assert "STR002" in growth and "2026-Q1 O1/KR1" in growth
    assert "&ldquo;Raise activation of new teams&rdquo;" in growth
    one = build_report([okrs / "platform.yaml"], RunOptions(today=dt.date(2026, 2, 15)))
    assert "1 team, 1 period" in render_html(one)
    assert "1 team · 1 period" in render_markdown(one)


def test_bands_follow_googles_grades() -> None:
    assert [band_of(g) for g in (0.0, 0.3, 0.39, 0.4, 0.6, 0.69, 0.7, 1.0)] == [
        "red",
        "red",
        "red",
        "yellow",
        "yellow",
        "yellow",
        "green",
        "green",
    ]


def test_numbers_per_team_and_period(tmp_path: Path) -> None:
    okrs = write_repo(tmp_path)
    report = build_report([okrs], RunOptions(today=dt.date(2026, 2, 1)))
    assert report.teams == ["Broken", "Growth", "Sales <Team>", "Support"]
    assert report.periods == ["2025-Q4", "2026-Q1"]
    old = report.cell("Growth", "2025-Q4")
    assert old is not None and old.closed and old.score == 100
    assert sorted(old.grades) == [0.2, 0.9]
    assert old.bands() == {"red": 1, "yellow": 0, "green": 1}
    growth = report.cell("Growth", "2026-Q1")
    assert growth is not None and not growth.closed
    assert (growth.objectives, growth.key_results) == (4, 8)
    assert growth.by_family == {"focus": 1}
    assert growth.score == quality_score(4, 120) == 97
    assert growth.grades == []  # an open period's scores are not grades yet
    sales = report.cell("Sales <Team>", "2026-Q1")
    assert sales is not None and sales.by_family == {"focus": 1}
    assert sales.score == quality_score(4, 20) == 80
    support = report.cell("Support", "2026-Q1")
    assert support is not None and support.findings == 0 and support.score == 100
    broken = report.cell("Broken", "2026-Q1")
    assert broken is not None and broken.by_severity["error"] >= 1 and broken.score == 0
    # The whole Q1 pools the sets of every team.
    q1 = report.period_total("2026-Q1")
    assert q1.sets == 4


def test_html_is_self_contained_and_escapes_names(tmp_path: Path) -> None:
    report = build_report([write_repo(tmp_path)], RunOptions(today=dt.date(2026, 2, 1)))
    page = render_html(report)
    assert page.startswith("<!DOCTYPE html>")
    assert "Sales &lt;Team&gt;" in page and "Sales <Team>" not in page
    # The trend, the findings by family and the grade bands always; outcome and customer charts
    # when those rules run.
    assert page.count("<svg") >= 3
    for section in ('id="trend"', 'id="families"', 'id="outcomes"', 'id="grades"'):
        assert section in page
    # Nothing to fetch when the page is viewed: no scripts, no links, no remote URLs.
    assert "<script" not in page and "<link" not in page
    assert not re.search(r"(src|href)=\"https?:", page)
    assert re.findall(r"https?://[^\"']+", page) == ["http://www.w3.org/2000/svg"] * page.count(
        "<svg"
    )
    assert page == render_html(report)  # deterministic


def test_markdown_for_a_pull_request_comment(tmp_path: Path) -> None:
    report = build_report([write_repo(tmp_path)], RunOptions(today=dt.date(2026, 2, 1)))
    text = render_markdown(report)
    assert text.startswith("## OKR quality report")
    assert "| Growth | 100 | 97 |" in text
    # Shown as text, never as HTML of the comment's own.
    assert "| Sales &lt;Team&gt; | – | 80 |" in text
    [growth_row] = [line for line in text.split("Grades")[1].splitlines() if "| Growth |" in line]
    assert growth_row.split(" | ")[3] == "1/0/1"


def test_cli_writes_html_and_markdown(tmp_path: Path) -> None:
    okrs = write_repo(tmp_path)
    out = tmp_path / "site" / "report.html"
    out.parent.mkdir()
    runner = CliRunner()
    result = runner.invoke(app, ["report", str(okrs), "--out", str(out), "--today", "2026-02-01"])
    assert result.exit_code == 0, result.output
    assert "Quality score by team and period" in out.read_text()
    result = runner.invoke(app, ["report", str(okrs), "--format", "md", "--today", "2026-02-01"])
    assert result.exit_code == 0
    assert result.stdout.startswith("## OKR quality report")
    md = tmp_path / "comment.md"
    result = runner.invoke(app, ["report", str(okrs), "-o", str(md), "--today", "2026-02-01"])
    assert result.exit_code == 0 and md.read_text().startswith("## OKR quality report")
    result = runner.invoke(app, ["report", str(tmp_path / "missing")])
    assert result.exit_code == 2 and "no such file or folder" in result.output


def test_bar_labels_are_dark_on_light_fills_and_light_on_dark() -> None:
    from okrlint.dashboard.svg import BAND_COLOURS, PALETTE, ink_on

    assert ink_on("#F0E442") == "#000"  # yellow
    assert ink_on("#000000") == "#fff"
    assert ink_on(BAND_COLOURS["yellow"]) == "#000"
    assert {ink_on(c) for c in PALETTE} == {"#000", "#fff"}
