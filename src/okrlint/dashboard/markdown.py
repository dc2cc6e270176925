"""The quality report as Markdown, short enough for a pull-request comment."""

from __future__ import annotations

from okrlint.dashboard.data import QualityReport, counted, percent
from okrlint.safe_text import inert_markdown

_SPARKS = "▁▂▃▄▅▆▇█"


def _spark(values: list[int | None]) -> str:
    return "".join(
        " " if value is None else _SPARKS[min(len(_SPARKS) - 1, value * len(_SPARKS) // 101)]
        for value in values
    )


def _cell_text(text: str) -> str:
    return inert_markdown(text)


def render_markdown(report: QualityReport, title: str = "OKR quality report") -> str:
    teams, periods = report.teams, report.periods
    total = report.total()
    sizes = f"{counted(len(teams), 'team')} · {counted(len(periods), 'period')}"
    lines = [
        f"## {inert_markdown(title)}",
        "",
        f"**Quality score {total.score}/100** · {sizes} · "
        f"{total.key_results} key results · {total.findings + report.unassigned} findings · "
        f"outcome key results {percent(total.outcome_share)} · objectives with a customer "
        f"metric {percent(total.customer_share)} (as of {report.today.isoformat()})",
        "",
        "| Team | " + " | ".join(_cell_text(p) for p in periods) + " | Trend |",
        "|---|" + "---:|" * len(periods) + "---|",
    ]
    for team in teams:
        scores = [report.cell(team, period) for period in periods]
        values = [cell.score if cell else None for cell in scores]
        shown = [str(v) if v is not None else "–" for v in values]
        lines.append(f"| {_cell_text(team)} | " + " | ".join(shown) + f" | `{_spark(values)}` |")
    families = [f for f in report.families if total.by_family.get(f)]
    lines += [
        "",
        "| Team | Outcome KRs | Customer metric | Grades R/Y/G | "
        + " | ".join(families)
        + (" |" if families else "|"),
        "|---|---:|---:|---:|" + "---:|" * len(families),
    ]
    for team in teams:
        cell = report.team_total(team)
        bands = cell.bands()
        grades = f"{bands['red']}/{bands['yellow']}/{bands['green']}" if cell.grades else "–"
        counts = [str(cell.by_family.get(f, 0)) for f in families]
        lines.append(
            f"| {_cell_text(team)} | {percent(cell.outcome_share)} | "
            f"{percent(cell.customer_share)} | {grades} | "
            + " | ".join(counts)
            + (" |" if counts else "|")
        )
    lines += [
        "",
        "<sub>Score per OKR set: 100 × (1 − (10·errors + 4·warnings + 1·info) / (10 × "
        "(objectives + key results))), at least 0. Grades of closed periods in Google's bands: "
        "red 0–0.3, yellow 0.4–0.6, green 0.7–1.0.</sub>",
        "",
    ]
    return "\n".join(lines)
