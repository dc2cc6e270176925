"""The quality report as one self-contained HTML page: inline CSS and SVG, nothing to fetch."""

from __future__ import annotations

from okrlint import __version__
from okrlint.dashboard.data import BANDS, Cell, QualityReport, counted, percent
from okrlint.dashboard.svg import BAND_COLOURS, Segment, colour, legend, line_chart, stacked_bars
from okrlint.safe_text import inert_html as escape

_CSS = """
:root { color-scheme: light; --ink: #1d1d1f; --muted: #5f6368; --line: #e3e3e6; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif;
       color: var(--ink); background: #f7f7f9; }
main { max-width: 1200px; margin: 0 auto; padding: 16px; }
h1 { font-size: 1.6rem; margin: 8px 0 4px; }
h2 { font-size: 1.2rem; margin: 0 0 8px; }
p.lead, .note { color: var(--muted); margin: 0 0 12px; }
section { background: #fff; border: 1px solid var(--line); border-radius: 10px;
          padding: 16px; margin: 16px 0; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(130px, 1fr)); gap: 10px; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 10px; padding: 10px 12px; }
.card b { display: block; font-size: 1.6rem; }
.card span { color: var(--muted); font-size: .9rem; }
svg.chart { width: 100%; height: auto; display: block; }
svg.chart.line { max-width: 760px; }
svg.chart.stacked, svg.chart.bands, svg.chart.outcomes, svg.chart.customers { max-width: 600px; }
.legend { list-style: none; padding: 0; margin: 8px 0 0; display: flex; flex-wrap: wrap;
          gap: 6px 16px; font-size: .9rem; }
.swatch { display: inline-block; width: 12px; height: 12px; border-radius: 2px;
          margin-right: 6px; vertical-align: -1px; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: .92rem; }
th, td { padding: 6px 8px; border-bottom: 1px solid var(--line); text-align: right; }
td { white-space: nowrap; }
th:first-child, td:first-child { text-align: left; white-space: normal; }
thead th { background: #fafafa; position: sticky; top: 0; }
.score { display: inline-block; min-width: 3em; padding: 2px 6px; border-radius: 4px;
         font-weight: 700; color: #fff; text-align: center; }
.grid { display: grid; grid-template-columns: 1fr; gap: 16px; }
@media (min-width: 760px) { .grid.two { grid-template-columns: 1fr 1fr; } }
@media (max-width: 480px) {
  main { padding: 8px; } section { padding: 12px; }
  th, td { padding: 6px 4px; } h1 { font-size: 1.4rem; }
}
/* On a narrow screen each row of the detail table is a small card of labelled values. */
@media (max-width: 760px) {
  #cells thead { display: none; }
  #cells tr { display: block; border-bottom: 2px solid var(--line); padding: 6px 0; }
  #cells td { display: flex; justify-content: space-between; gap: 12px; border: 0;
              padding: 2px 4px; white-space: normal; text-align: right; }
  #cells td::before { content: attr(data-label); color: var(--muted); text-align: left; }
}
details.team { border-top: 1px solid var(--line); padding: 8px 0; }
details.team summary { cursor: pointer; font-weight: 600; }
ul.findings { margin: 8px 0 0; padding-left: 20px; }
ul.findings li { margin: 6px 0; overflow-wrap: anywhere; }
ul.findings .kr { display: block; font-style: italic; }
.sev-error { color: #b3261e; } .sev-warning { color: #8a5a00; } .sev-info { color: var(--muted); }
footer { color: var(--muted); font-size: .85rem; margin: 24px 0; }
code { background: #f0f0f3; padding: 1px 4px; border-radius: 3px; }
"""


def score_colour(score: int) -> str:
    if score >= 70:
        return BAND_COLOURS["green"]
    if score >= 40:
        return "#c98a00"
    return BAND_COLOURS["red"]


def render_html(report: QualityReport, title: str = "OKR quality report") -> str:
    teams, periods = report.teams, report.periods
    total = report.total()
    sections = [
        _cards(report, total),
        _score_section(report, teams, periods),
        _families_section(report, teams),
        _outcome_section(report, teams),
        _grades_section(report, teams),
        _table_section(report),
        _findings_section(report, teams),
        _formula(),
    ]
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{_CSS}</style></head><body><main>"
        f"<h1>{escape(title)}</h1>"
        f'<p class="lead">{counted(len(teams), "team")}, {counted(len(periods), "period")}, as of '
        f"{report.today.isoformat()}. Made by okrlint {escape(__version__)}.</p>"
        + "".join(sections)
        + "</main></body></html>\n"
    )


def _cards(report: QualityReport, total: Cell) -> str:
    cards = [
        (str(total.score), "quality score, all teams"),
        (str(len(report.teams)), "team" if len(report.teams) == 1 else "teams"),
        (str(total.sets), "OKR sets"),
        (str(total.objectives), "objectives"),
        (str(total.key_results), "key results"),
        (str(total.findings + report.unassigned), "findings"),
        (percent(total.outcome_share), "outcome key results"),
        (percent(total.customer_share), "objectives with a customer metric"),
    ]
    return (
        '<div class="cards" id="summary">'
        + "".join(
            f'<div class="card"><b>{escape(v)}</b><span>{escape(k)}</span></div>' for v, k in cards
        )
        + "</div>"
    )


def _score_section(report: QualityReport, teams: list[str], periods: list[str]) -> str:
    series = []
    for index, team in enumerate(teams):
        values: list[float | None] = []
        for period in periods:
            cell = report.cell(team, period)
            values.append(float(cell.score) if cell else None)
        series.append((team, values, colour(index)))
    chart = line_chart(periods, series, "Quality score by team across periods (0-100)")
    head = "".join(f"<th>{escape(p)}</th>" for p in periods)
    rows = []
    for team in teams:
        cells = []
        for period in periods:
            cell = report.cell(team, period)
            if cell is None:
                cells.append("<td>–</td>")
            else:
                cells.append(
                    f'<td><span class="score" style="background:{score_colour(cell.score)}">'
                    f"{cell.score}</span></td>"
                )
        rows.append(f"<tr><td>{escape(team)}</td>{''.join(cells)}</tr>")
    table = (
        '<div class="table-wrap"><table id="scores"><thead><tr><th>Team</th>'
        f"{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
    )
    keys = legend([(team, colour(i)) for i, team in enumerate(teams)])
    return (
        '<section id="trend"><h2>Quality score by team and period</h2>'
        '<p class="note">100 means no findings; see the formula at the end.</p>'
        f"{chart}{keys}{table}</section>"
    )


def _families_section(report: QualityReport, teams: list[str]) -> str:
    families = report.families
    rows = []
    for team in teams:
        counts = report.team_total(team).by_family
        extra = sorted(set(counts) - set(families))
        rows.append(
            (
                team,
                [Segment(f, counts.get(f, 0), colour(i)) for i, f in enumerate(families + extra)],
            )
        )
    used = sorted({f for team in teams for f in report.team_total(team).by_family})
    chart = stacked_bars(rows, "Findings by rule family and team, all periods")
    keys = legend([(f, colour(i)) for i, f in enumerate(families) if f in used])
    return f'<section id="families"><h2>Findings by family</h2>{chart}{keys}</section>'


def _outcome_section(report: QualityReport, teams: list[str]) -> str:
    outcome_rows = []
    customer_rows = []
    for team in teams:
        cell = report.team_total(team)
        if cell.outcome_share is not None:
            outputs = cell.output_key_results
            outcome_rows.append(
                (
                    team,
                    [
                        Segment("outcome", cell.key_results - outputs, "#1a9850"),
                        Segment("output", outputs, "#d73027"),
                    ],
                )
            )
        if cell.customer_share is not None:
            without = cell.objectives_without_customer_metric
            customer_rows.append(
                (
                    team,
                    [
                        Segment(
                            "with a customer-behaviour metric", cell.objectives - without, "#0072B2"
                        ),
                        Segment("without", without, "#bbbbbb"),
                    ],
                )
            )
    parts = [
        '<section id="outcomes"><div class="grid two"><div>',
        "<h2>Outcome vs output key results</h2>",
    ]
    if outcome_rows:
        parts.append(
            stacked_bars(
                outcome_rows,
                "Share of outcome and output key results",
                percent=True,
                unit=" KRs",
                css_class="outcomes",
            )
        )
        parts.append(legend([("outcome", "#1a9850"), ("output", "#d73027")]))
    else:
        parts.append('<p class="note">n/a: the output rules (OUT001, OUT002) were not run.</p>')
    parts.append("</div><div><h2>Objectives with a customer-behaviour metric</h2>")
    if customer_rows:
        parts.append(
            stacked_bars(
                customer_rows,
                "Share of objectives with a customer metric",
                percent=True,
                unit=" obj.",
                css_class="customers",
            )
        )
        parts.append(
            legend([("with a customer-behaviour metric", "#0072B2"), ("without", "#bbbbbb")])
        )
    else:
        parts.append('<p class="note">n/a: the customer rule (CUS001) was not run.</p>')
    parts.append("</div></div></section>")
    return "".join(parts)


def _grades_section(report: QualityReport, teams: list[str]) -> str:
    rows = []
    for team in teams:
        bands = report.team_total(team).bands()
        if sum(bands.values()):
            rows.append(
                (team, [Segment(name, bands[name], BAND_COLOURS[name]) for name, _, _ in BANDS])
            )
    intro = (
        '<section id="grades"><h2>Grades of closed periods</h2><p class="note">Key-result '
        "scores of periods that have ended, in Google's bands: red 0-0.3, yellow 0.4-0.6, green "
        "0.7-1.0. Aspirational OKRs are meant to land around 0.6-0.7; all green may mean the "
        "targets were too safe.</p>"
    )
    if not rows:
        return intro + '<p class="note">No scored key results in a closed period yet.</p></section>'
    chart = stacked_bars(rows, "Key-result grades of closed periods by team", css_class="bands")
    keys = legend(
        [
            ("red 0-0.3", BAND_COLOURS["red"]),
            ("yellow 0.4-0.6", BAND_COLOURS["yellow"]),
            ("green 0.7-1.0", BAND_COLOURS["green"]),
        ]
    )
    return intro + chart + keys + "</section>"


def _table_section(report: QualityReport) -> str:
    head = (
        "<tr><th>Team</th><th>Period</th><th>Status</th><th>Score</th><th>Objectives</th>"
        "<th>Key results</th><th>Findings</th><th>Outcome KRs</th><th>Customer metric</th>"
        "<th>Grades R/Y/G</th></tr>"
    )
    rows = []
    for cell in sorted(
        report.cells, key=lambda c: (c.team.casefold(), report.periods.index(c.period))
    ):
        bands = cell.bands()
        grades = f"{bands['red']}/{bands['yellow']}/{bands['green']}" if cell.grades else "–"
        status = "closed" if cell.closed else ("open" if cell.dates else "unknown")
        rows.append(
            "<tr>"
            f'<td data-label="Team">{escape(cell.team)}</td>'
            f'<td data-label="Period">{escape(cell.period)}</td>'
            f'<td data-label="Status">{status}</td>'
            f'<td data-label="Score"><span class="score" '
            f'style="background:{score_colour(cell.score)}">{cell.score}</span></td>'
            f'<td data-label="Objectives">{cell.objectives}</td>'
            f'<td data-label="Key results">{cell.key_results}</td>'
            f'<td data-label="Findings">{cell.findings}</td>'
            f'<td data-label="Outcome KRs">{percent(cell.outcome_share)}</td>'
            f'<td data-label="Customer metric">{percent(cell.customer_share)}</td>'
            f'<td data-label="Grades R/Y/G">{grades}</td></tr>'
        )
    note = (
        f'<p class="note">{report.unassigned} findings belong to no OKR set (unreadable files).</p>'
        if report.unassigned
        else ""
    )
    return (
        '<section id="details"><h2>Every team and period</h2><div class="table-wrap">'
        f'<table id="cells"><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table></div>'
        f"{note}</section>"
    )


def _findings_section(report: QualityReport, teams: list[str]) -> str:
    """Each team's findings, with the key result or objective each is about, to act on."""
    parts = []
    for team in teams:
        items = sorted(
            report.team_total(team).items,
            key=lambda f: (-f.severity.rank, f.period, f.path, f.line, f.code),
        )
        if not items:
            continue
        entries = []
        for finding in items:
            where = " ".join(x for x in (finding.period, finding.object) if x)
            quoted = (
                f'<span class="kr">&ldquo;{escape(finding.text)}&rdquo;</span>'
                if finding.text
                else ""
            )
            entries.append(
                f'<li><b class="sev-{finding.severity.value}">{escape(finding.code)}</b> '
                f"{escape(finding.name)} &middot; {escape(where)} "
                f"<code>{escape(finding.path)}:{finding.line}</code>"
                f"{quoted}{escape(finding.message)}</li>"
            )
        parts.append(
            f'<details class="team"><summary>{escape(team)}: '
            f"{counted(len(items), 'finding')}</summary>"
            f'<ul class="findings">{"".join(entries)}</ul></details>'
        )
    if not parts:
        return ""
    return (
        '<section id="findings"><h2>Findings by team</h2><p class="note">Every finding behind '
        "the scores, most severe first, with the key result or objective it is about.</p>"
        + "".join(parts)
        + "</section>"
    )


def _formula() -> str:
    return (
        '<footer id="formula"><p><b>Quality score.</b> For each OKR set: penalty = 10 per '
        "error + 4 per warning + 1 per info finding; capacity = 10 per objective and key "
        "result (at least 10); base = 100 &times; (1 &minus; penalty / capacity), at least 0; "
        "score = base &times; (0.6 + 0.4 &times; the share of objectives with a customer "
        "metric), so a set whose objectives measure nothing customers do scores at most 60. "
        "A team's score for a period pools its sets. <b>Outcome key results</b> are those "
        "without an OUT001 or OUT002 finding; <b>customer metric</b> means no CUS001 finding "
        "on the objective.</p></footer>"
    )
